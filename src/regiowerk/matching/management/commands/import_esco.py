"""Import an ESCO CSV download (or the demo taxonomy) into the taxonomy tables.

    manage.py import_esco ../esco/v1.2.1/nl ../esco/v1.1.1/en   # labels first, then fallback
    manage.py import_esco --demo                                # the small demo taxonomy

Idempotent: a second run with the same files reports no changes.
"""

import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from regiowerk.matching import actions
from regiowerk.matching.demo_taxonomy import write_demo_taxonomy
from skillmatch import Taxonomy


class Command(BaseCommand):
    help = (
        "Import ESCO CSV folders (first folder's language wins) or the demo taxonomy."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "folders", nargs="*", help="folders in the official ESCO CSV layout"
        )
        parser.add_argument(
            "--demo", action="store_true", help="import the demo taxonomy"
        )
        parser.add_argument(
            "--name", default="", help="name of this release (default: folders)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folders: list[str] = options["folders"]
        if options["demo"] == bool(folders):
            raise CommandError("Give ESCO folders, or --demo (not both).")
        with tempfile.TemporaryDirectory() as tmp:
            if options["demo"]:
                folders = [str(write_demo_taxonomy(Path(tmp)))]
            self.stdout.write(f"Reading {', '.join(folders)} …")
            try:
                taxonomy = Taxonomy.from_esco(*folders)
            except (ValueError, OSError) as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(f"Read {taxonomy!r}; updating the database …")
        with tqdm(total=4, unit="step", disable=options["verbosity"] < 1) as bar:

            def progress(phase: str, rows: int) -> None:
                bar.set_postfix_str(f"{phase}: {rows}")
                bar.update(1)

            summary = actions.import_taxonomy(
                taxonomy=taxonomy,
                name=options["name"]
                or ("Demo-taxonomie" if options["demo"] else ", ".join(folders)),
                source="demo" if options["demo"] else "\n".join(folders),
                is_demo=options["demo"],
                progress=progress,
            )
        self.stdout.write(summary.as_text())
