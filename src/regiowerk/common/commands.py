"""The bases of management commands: ``import_*`` (a file, ``--dry-run``, the report)
and the daily reminders (:class:`ReminderCommand`).

A command declares only what differs: its ``help``, the ``spec`` whose columns ``--help``
lists, the arguments naming who imports (:meth:`ImportCommand.add_import_arguments`) and
how the file is imported (:meth:`ImportCommand.import_file`). The base prints the report
and fails with "Nothing was imported." when it has errors: all rows or none.
``organisations.commands`` adds the usual ``--organisation <id>`` acting as the system.
"""

from argparse import ArgumentParser, RawDescriptionHelpFormatter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from regiowerk.common.imports import ImportReport, ImportSpec, describe_columns

FILE_HELP = "a .csv (UTF-8, ';' or ',') or .xlsx file"


class ImportCommand(BaseCommand):
    """Import one CSV/Excel file, all rows or none; exit status 1 when nothing was."""

    spec: ImportSpec | None = None  # --help lists its columns
    file_help: str | None = FILE_HELP
    dry_run_help = "check the file, write nothing"

    def create_parser(
        self, prog_name: str, subcommand: str, **kwargs: Any
    ) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if self.spec is not None:
            parser.description = (
                f"{self.help}\n\ncolumns:\n{describe_columns(self.spec.columns)}"
            )
            parser.formatter_class = RawDescriptionHelpFormatter  # keep the list
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help=self.file_help)
        self.add_import_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def add_import_arguments(self, parser: ArgumentParser) -> None:
        """The command's own arguments (after ``file``, before ``--dry-run``)."""

    def import_file(self, file: str, *, dry_run: bool, **options: Any) -> ImportReport:
        """Import ``file`` (validate only with ``dry_run``) and return the report.

        Raise CommandError for arguments that name nothing (an unknown organisation).
        """
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        report = self.import_file(**options)
        self.stdout.write(report.as_text())
        if not report.ok:
            raise CommandError("Nothing was imported.")


@dataclass(frozen=True)
class ReminderSummary:
    """What a reminder run did: ``reminded`` items e-mailed now, and those due but
    without anyone to e-mail (reminded once someone has an address)."""

    reminded: int
    without_recipients: int


class ReminderCommand(BaseCommand):
    """A daily reminder job, safe to run repeatedly: ``--site`` gives the address for
    the link in the e-mail; :meth:`remind` sends; :meth:`reminded` and
    :meth:`without_recipients` word the two lines it prints."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--site",
            default="",
            help="the address of regiowerk for the link in the e-mail, "
            "e.g. https://regiowerk.example.nl",
        )

    def remind(self, *, today: date, site_url: str) -> ReminderSummary:
        raise NotImplementedError

    def reminded(self, n: int) -> str:
        raise NotImplementedError

    def without_recipients(self, n: int) -> str:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        summary = self.remind(today=timezone.localdate(), site_url=options["site"])
        self.stdout.write(self.reminded(summary.reminded) % {"n": summary.reminded})
        if summary.without_recipients:
            n = summary.without_recipients
            self.stdout.write(self.without_recipients(n) % {"n": n})
