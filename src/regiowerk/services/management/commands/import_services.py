"""Import a provider's services from a CSV/Excel file: all rows or none."""

from argparse import ArgumentParser, RawDescriptionHelpFormatter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regiowerk.common.imports import describe_columns
from regiowerk.organisations.models import Organisation
from regiowerk.services.imports import SERVICE_SPEC, import_services


class Command(BaseCommand):
    help = (
        "Import services into a provider's catalogue from .csv or .xlsx; all or "
        "nothing.\n\ncolumns:\n" + describe_columns(SERVICE_SPEC.columns)
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
            "--provider",
            type=int,
            required=True,
            help="id of the organisation that provides the services",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file, write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            provider = Organisation.objects.get(pk=options["provider"])
        except Organisation.DoesNotExist as exc:
            raise CommandError("There is no organisation with that id.") from exc
        report = import_services(
            options["file"], provider=provider, dry_run=options["dry_run"]
        )
        self.stdout.write(report.as_text())
        if not report.ok:
            raise CommandError("Nothing was imported.")
