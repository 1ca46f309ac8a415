"""E-mail labour experts and job coaches about due check-ins. Safe to run repeatedly."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from regiowerk.placements.reminders import remind_due_checkins


class Command(BaseCommand):
    help = (
        "Send the responsible labour expert or job coach of each active placement an "
        "e-mail when its check-in is due (from a week before) or overdue. Each due "
        "check-in is reminded once, so the command can run daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--site",
            default="",
            help="the address of regiowerk for the link in the e-mail, "
            "e.g. https://regiowerk.example.nl",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = remind_due_checkins(
            today=timezone.localdate(), site_url=options["site"]
        )
        self.stdout.write(
            ngettext(
                "%(n)s due check-in reminded.",
                "%(n)s due check-ins reminded.",
                summary.reminded,
            )
            % {"n": summary.reminded}
        )
        if summary.without_recipients:
            self.stdout.write(
                ngettext(
                    "%(n)s due check-in has nobody responsible with an e-mail "
                    "address; it is reminded once someone has.",
                    "%(n)s due check-ins have nobody responsible with an e-mail "
                    "address; they are reminded once someone has.",
                    summary.without_recipients,
                )
                % {"n": summary.without_recipients}
            )
