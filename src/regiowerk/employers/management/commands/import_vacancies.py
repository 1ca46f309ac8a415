"""Import employers or vacancies from a CSV/Excel file: all rows or none."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regiowerk.employers.imports import import_employers, import_vacancies
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import NoOrganisationError, get_actor


class Command(BaseCommand):
    help = "Import vacancies (or, with --employers, employers) from CSV or .xlsx; all or nothing."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--user", required=True, help="username of the importing user"
        )
        parser.add_argument(
            "--organisation", type=int, help="organisation id to act for"
        )
        parser.add_argument(
            "--employers", action="store_true", help="the file holds employers"
        )
        parser.add_argument("--dry-run", action="store_true", help="validate only")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["user"])
            actor = get_actor(user=user, organisation_id=options["organisation"])
        except (User.DoesNotExist, NoOrganisationError) as exc:
            raise CommandError(
                "Unknown user or not a member of that organisation."
            ) from exc
        run = import_employers if options["employers"] else import_vacancies
        report = run(options["file"], actor=actor, dry_run=options["dry_run"])
        self.stdout.write(report.as_text())
        if not report.ok:
            raise CommandError("Nothing was imported.")
