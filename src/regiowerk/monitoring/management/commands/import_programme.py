"""Import a subsidy programme (DWSRA layout) from a JSON file. Safe to run again."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext

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
        counts = {
            "projects": ngettext("%(n)s project", "%(n)s projects", summary.projects)
            % {"n": summary.projects},
            "activities": ngettext(
                "%(n)s activity", "%(n)s activities", summary.activities
            )
            % {"n": summary.activities},
            "indicators": ngettext(
                "%(n)s indicator", "%(n)s indicators", summary.indicators
            )
            % {"n": summary.indicators},
            "written": ngettext(
                "%(n)s row written", "%(n)s rows written", summary.written
            )
            % {"n": summary.written},
        }
        self.stdout.write(
            gettext("%(projects)s, %(activities)s, %(indicators)s; %(written)s.")
            % counts
        )
