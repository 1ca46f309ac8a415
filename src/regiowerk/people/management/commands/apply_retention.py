"""Anonymise dossiers (and their persons) past the retention period. Run daily."""

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand

from regiowerk.people.actions import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise dossiers closed longer than REGIOWERK_RETENTION_DAYS ago, and "
        "persons with no dossier left within its period. Safe to run every day."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="run as if today were this date (YYYY-MM-DD); for checks and tests",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="retention period in days (default: REGIOWERK_RETENTION_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = apply_retention(today=options["today"], retention_days=options["days"])
        self.stdout.write(
            f"Anonymised {result.dossiers_anonymised} dossier(s) and "
            f"{result.persons_anonymised} person(s)."
        )
