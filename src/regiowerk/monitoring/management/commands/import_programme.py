"""Import a subsidy programme (DWSRA layout) from a JSON file. Safe to run again."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regiowerk.monitoring.actions import import_programme


class Command(BaseCommand):
    help = (
        "Create or update a programme with its projects, activities, indicators and "
        "targets from a JSON file such as ../shared/data/dwsra/projects.json. "
        "Running it again with the same file changes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="the programme's projects.json")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            projects = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        if not isinstance(projects, list):
            raise CommandError(f"{path} does not hold a list of projects")
        summary = import_programme(projects=projects)
        self.stdout.write(
            f"{summary.projects} project(s), {summary.activities} activit(y/ies), "
            f"{summary.indicators} indicator(s); {summary.written} row(s) written."
        )
