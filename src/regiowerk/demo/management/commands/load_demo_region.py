"""``manage.py load_demo_region``: build the generated demo region and print the logins.

Idempotent: when the demo region exists it is left as it is and the logins are printed
again. ``--reset`` empties the database first (development databases only).
"""

import logging
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from regiowerk.demo import builder
from regiowerk.demo.check_ins import load_demo_check_ins
from regiowerk.demo.employer_contact import load_demo_employer_contact
from regiowerk.demo.follow_up_programmes import load_demo_follow_up_programmes
from regiowerk.demo.matching import load_demo_matching
from regiowerk.demo.placements import load_demo_placements
from regiowerk.demo.programme import load_demo_programme

WARNING = (
    "DEMO — niet voor echte gegevens (demo data only: never enter real personal data)"
)


class Command(BaseCommand):
    help = (
        "Load the generated demo region (partner organisations, one user per role, "
        "fictitious persons, services, events) and print the demo logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the whole database first (flush), then build the demo region.",
        )
        parser.add_argument(
            "--persons",
            type=int,
            default=builder.DEFAULT_PERSON_COUNT,
            help="Number of persons to generate (default %(default)s).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=builder.DEFAULT_SEED,
            help="Random seed; the same seed gives the same region (default %(default)s).",
        )
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="Address the server runs at, for the log-in URL printed with the "
            "logins (`make run` passes its HOST and PORT; default %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["persons"] < 0:
            raise CommandError("--persons: give a number of 0 or more.")
        if builder.foreign_organisations():
            raise CommandError(
                "This database holds organisations outside the demo region. The demo "
                "region is only loaded into a development database of its own; "
                "nothing was changed."
            )
        if options["reset"]:
            self.stdout.write("Emptying the database (--reset)…")
            call_command("flush", interactive=False, verbosity=0)
        # One log line per registered person is noise here; -v 2 shows it.
        app_logger = logging.getLogger("regiowerk")
        previous_level = app_logger.level
        if options["verbosity"] < 2:
            app_logger.setLevel(logging.WARNING)
        try:
            result = builder.build_demo_region(
                seed=options["seed"],
                person_count=options["persons"],
                progress=lambda step: self.stdout.write(f"  demo region: {step}…"),
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            app_logger.setLevel(previous_level)
        # Employers, vacancies, occupation links and taught skills (idempotent).
        load_demo_matching(
            region=result.region,
            seed=options["seed"],
            progress=lambda step: self.stdout.write(f"  demo matching: {step}…"),
        )
        # Three years of placements and today's pipeline (idempotent).
        load_demo_placements(
            region=result.region,
            seed=options["seed"],
            progress=lambda step: self.stdout.write(f"  demo placements: {step}…"),
        )
        # Two follow-up programmes with placements in them, before the check-ins
        # that follow each placement's schedule (idempotent).
        self.stdout.write("  demo follow-up programmes…")
        load_demo_follow_up_programmes(region=result.region)
        # Their check-ins, agreed actions and ad-hoc contacts (idempotent).
        load_demo_check_ins(
            region=result.region,
            seed=options["seed"],
            progress=lambda step: self.stdout.write(f"  demo follow-up: {step}…"),
        )
        self.stdout.write("  demo programme…")
        if load_demo_programme(region=result.region) is None:  # idempotent too
            self.stdout.write(
                "  (no demo programme: this region predates it; --reset adds it)"
            )
        # the employer contact's login, tied to the busiest employer (idempotent)
        employer_login = load_demo_employer_contact(region=result.region)
        logins = [*result.logins, *([employer_login] if employer_login else [])]
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo region “{result.region}” loaded.")
            )
        else:
            self.stdout.write(
                f"Demo region “{result.region}” already exists; nothing was changed "
                "(use --reset to rebuild it)."
            )
        self._print_counts(builder.demo_counts())  # with the matching demo's services
        self._print_logins(logins, site=options["site"])

    def _print_counts(self, counts: dict[str, int]) -> None:
        self.stdout.write(
            "  " + ", ".join(f"{count} {name}" for name, count in counts.items())
        )

    def _print_logins(self, logins: list[builder.DemoLogin], *, site: str) -> None:
        headers = ("Rol / role", "Gebruikersnaam", "Wachtwoord", "Organisatie")
        rows = [
            (login.role, login.username, login.password, login.organisation)
            for login in logins
        ]
        widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(4)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("")
        self.stdout.write(self.style.WARNING(f"!! {WARNING} !!"))
        self.stdout.write(
            f"Demo logins (log in at {site.rstrip('/')}{reverse('login')}):"
        )
        self.stdout.write(line)
        self.stdout.write(self._row(headers, widths))
        self.stdout.write(line)
        for row in rows:
            self.stdout.write(self._row(row, widths))
        self.stdout.write(line)
        self.stdout.write(self.style.WARNING(f"!! {WARNING} !!"))

    @staticmethod
    def _row(cells: tuple[str, ...], widths: list[int]) -> str:
        return "  ".join(
            str(c).ljust(w) for c, w in zip(cells, widths, strict=True)
        ).rstrip()
