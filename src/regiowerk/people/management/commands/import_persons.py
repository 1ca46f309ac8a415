"""Import persons for one organisation from a CSV/Excel file: all rows or none."""

from argparse import ArgumentParser, RawDescriptionHelpFormatter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regiowerk.common.imports import describe_columns
from regiowerk.organisations.models import Organisation
from regiowerk.people.imports import PERSON_IMPORT_SPEC, import_persons


class Command(BaseCommand):
    help = (
        "Register persons for an organisation from .csv or .xlsx; all or nothing. "
        "Errors name the row and column, never a cell's value.\n\ncolumns:\n"
        + describe_columns(PERSON_IMPORT_SPEC.columns)
    )

    def create_parser(
        self, prog_name: str, subcommand: str, **kwargs: Any
    ) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter  # keep the column list
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="a .csv (UTF-8, ';' or ',') or .xlsx file")
        parser.add_argument(
            "--organisation",
            type=int,
            required=True,
            help="id of the organisation that registers (holds) the persons",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file, write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = Organisation.objects.get(pk=options["organisation"])
        except Organisation.DoesNotExist as exc:
            raise CommandError("There is no organisation with that id.") from exc
        report = import_persons(
            options["file"], organisation=organisation, dry_run=options["dry_run"]
        )
        self.stdout.write(report.as_text())
        if not report.ok:
            raise CommandError("Nothing was imported.")
