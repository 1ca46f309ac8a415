"""E-mail project leaders about overdue period reports. Safe to run repeatedly."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from regiowerk.monitoring.reminders import remind_overdue_reports


class Command(BaseCommand):
    help = (
        "Send the leaders of each project an e-mail for every period report that is "
        "past its due date and not submitted. Each report is reminded once, so the "
        "command can run daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--site",
            default="",
            help="the address of regiowerk for the link in the e-mail, "
            "e.g. https://regiowerk.example.nl",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = remind_overdue_reports(
            today=timezone.localdate(), site_url=options["site"]
        )
        self.stdout.write(
            ngettext(
                "%(n)s overdue report reminded.",
                "%(n)s overdue reports reminded.",
                summary.reminded,
            )
            % {"n": summary.reminded}
        )
        if summary.without_recipients:
            self.stdout.write(
                ngettext(
                    "%(n)s overdue report has no project leader with an e-mail "
                    "address; it is reminded once one has.",
                    "%(n)s overdue reports have no project leader with an e-mail "
                    "address; they are reminded once one has.",
                    summary.without_recipients,
                )
                % {"n": summary.without_recipients}
            )
