"""E-mail project leaders about overdue period reports. Safe to run repeatedly."""

from datetime import date

from django.utils.translation import ngettext

from regiowerk.common.commands import ReminderCommand, ReminderSummary
from regiowerk.monitoring.reminders import remind_overdue_reports


class Command(ReminderCommand):
    help = (
        "Send the leaders of each project an e-mail for every period report that is "
        "past its due date and not submitted. Each report is reminded once, so the "
        "command can run daily."
    )

    def remind(self, *, today: date, site_url: str) -> ReminderSummary:
        return remind_overdue_reports(today=today, site_url=site_url)

    def reminded(self, n: int) -> str:
        return ngettext(
            "%(n)s overdue report reminded.", "%(n)s overdue reports reminded.", n
        )

    def without_recipients(self, n: int) -> str:
        return ngettext(
            "%(n)s overdue report has no project leader with an e-mail "
            "address; it is reminded once one has.",
            "%(n)s overdue reports have no project leader with an e-mail "
            "address; they are reminded once one has.",
            n,
        )
