"""Import employers or vacancies from a CSV/Excel file: all rows or none."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from regiowerk.common.commands import ImportCommand
from regiowerk.common.imports import ImportReport
from regiowerk.employers.imports import import_employers, import_vacancies
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import NoOrganisationError, get_actor


class Command(ImportCommand):
    help = "Import vacancies (or, with --employers, employers) from CSV or .xlsx; all or nothing."
    file_help = None
    dry_run_help = "validate only"

    def add_import_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--user", required=True, help="username of the importing user"
        )
        parser.add_argument(
            "--organisation", type=int, help="organisation id to act for"
        )
        parser.add_argument(
            "--employers", action="store_true", help="the file holds employers"
        )

    def import_file(self, file: str, *, dry_run: bool, **options: Any) -> ImportReport:
        try:
            user = User.objects.get(username=options["user"])
            actor = get_actor(user=user, organisation_id=options["organisation"])
        except (User.DoesNotExist, NoOrganisationError) as exc:
            raise CommandError(
                "Unknown user or not a member of that organisation."
            ) from exc
        run = import_employers if options["employers"] else import_vacancies
        return run(file, actor=actor, dry_run=dry_run)
