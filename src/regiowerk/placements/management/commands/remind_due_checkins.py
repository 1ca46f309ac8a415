"""E-mail labour experts and job coaches about due check-ins. Safe to run repeatedly."""

from datetime import date

from django.utils.translation import ngettext

from regiowerk.common.commands import ReminderCommand, ReminderSummary
from regiowerk.placements.reminders import remind_due_checkins


class Command(ReminderCommand):
    help = (
        "Send the responsible labour expert or job coach of each active placement an "
        "e-mail when its check-in is due (from a week before) or overdue. Each due "
        "check-in is reminded once, so the command can run daily."
    )

    def remind(self, *, today: date, site_url: str) -> ReminderSummary:
        return remind_due_checkins(today=today, site_url=site_url)

    def reminded(self, n: int) -> str:
        return ngettext(
            "%(n)s due check-in reminded.", "%(n)s due check-ins reminded.", n
        )

    def without_recipients(self, n: int) -> str:
        return ngettext(
            "%(n)s due check-in has nobody responsible with an e-mail "
            "address; it is reminded once someone has.",
            "%(n)s due check-ins have nobody responsible with an e-mail "
            "address; they are reminded once someone has.",
            n,
        )
