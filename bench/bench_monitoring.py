"""Programme monitoring at a programme's scale, on PostgreSQL, next to a naive count.

    .venv/bin/python -m bench.bench_monitoring                  # issue 8's scale
    .venv/bin/python -m bench.bench_monitoring --persons 2000 --projects 5   # a quick try

It creates a fresh PostgreSQL database ``bench_monitoring`` (``--postgres``: any
database URL of the server, its name is replaced) and, in a child process with
production settings (DEBUG off, fresh random keys),

1. generates the registry with ``bench.bench_load.generate`` (``--persons`` persons with
   dossiers, five enrolments per person on average over 300 services: 100,000
   enrolments at 20,000 persons), then ``--events`` events of the organisations that
   register persons, with registrations and anonymous head counts, and a labour-status
   observation for a third of the persons;
2. creates one programme with ``--projects`` projects through the monitoring actions:
   each executed by the municipality with one to three partners, in three activities
   with eight computed indicators (distinct participants, completed enrolments, target
   group participants, cost of enrolments, events held, attendees, the outcome share, a
   labour-status count), a manual and a deliverable indicator, over a two-year period
   with quarterly reports;
3. times, with Django's test client in that process (the view, its queries and its
   template; no network), the programme overview ``/monitoring/`` as the programme
   manager and the quarterly monitor ``/monitoring/projecten/<id>/`` of every project
   as the project leader, each page fetched once untimed first, then ``--repeat`` times;
   the number of queries per page is printed too;
4. computes the same figures of one project the naive way, person by person (one query
   per participant of the project's scope, then counting in Python), and checks that
   both give the same figures: the baseline the SQL evaluation is measured against.

Printed: generation time and counts, p50/max per page with the target (each under
2 s), the naive computation's time for one project next to the quarterly monitor's,
and PASS/FAIL. The database is dropped at the end unless ``--keep``. On a small shared
machine the times are an upper bound.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench import bench_load

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "bench_monitoring"
TARGET_SECONDS = 2.0

ENROLLED = {
    "table": "services.enrolments",
    "measure": "count_subjects",
    "date_column": "registered_on",
}
COMPLETED = {
    "table": "services.enrolments",
    "measure": "count_rows",
    "date_column": "completed_on",
    "filters": {"status": ["completed"]},
}


def _definitions() -> list[tuple[str, str, dict[str, Any], int]]:
    """(name, unit, definition, target) of each computed indicator of a project."""
    return [
        ("Deelnemers", "personen", ENROLLED, 400),
        ("Afgeronde trajecten", "trajecten", COMPLETED, 250),
        (
            "Deelnemers 50-plus",
            "personen",
            {**ENROLLED, "filters": {"service_target_groups": ["50_plus"]}},
            60,
        ),
        (
            "Kosten van trajecten",
            "cent",
            {**ENROLLED, "measure": "sum", "column": "price_cents"},
            10_000_000,
        ),
        (
            "Bijeenkomsten",
            "bijeenkomsten",
            {
                "table": "services.event_reach",
                "measure": "count_rows",
                "date_column": "held_on",
            },
            20,
        ),
        (
            "Bezoekers (met naam)",
            "bezoekers",
            {
                "table": "services.event_reach",
                "measure": "sum",
                "column": "named_attendees",
                "date_column": "held_on",
            },
            300,
        ),
        (
            "Aan het werk na een traject",
            "%",
            {
                "table": "people.status_observations",
                "measure": "share",
                "date_column": "observed_on",
                "outcome": {"status": ["employed", "self_employed"]},
            },
            60,
        ),
        (
            "Waarnemingen arbeidssituatie",
            "waarnemingen",
            {
                "table": "people.status_observations",
                "measure": "count_rows",
                "date_column": "observed_on",
            },
            500,
        ),
    ]


# --- The child process: generate, build the programme, measure ----------------------------


def _extend_registry(events: int, seed: int) -> dict[str, int]:
    """Events with registrations and head counts; labour-status observations."""
    from django.db import transaction
    from django.utils import timezone

    from regiowerk.organisations.models import Organisation
    from regiowerk.people.constants import LabourStatus, ObservationSource
    from regiowerk.people.models import LabourStatusObservation, Person
    from regiowerk.services.constants import EventType
    from regiowerk.services.models import Event, EventRegistration

    rng = random.Random(seed)
    today = timezone.localdate()
    organisers = list(
        Organisation.objects.filter(persons__isnull=False).distinct().order_by("pk")
    )
    persons = list(Person.objects.values_list("pk", "organisation_id"))
    by_organisation: dict[int, list[Any]] = defaultdict(list)
    for pk, organisation_id in persons:
        by_organisation[organisation_id].append(pk)
    with transaction.atomic():
        event_rows, registrations = [], []
        for index in range(events):
            organiser = organisers[index % len(organisers)]
            day = today - timedelta(days=rng.randint(1, 700))
            starts = timezone.make_aware(datetime.combine(day, clock(hour=14)))
            event = Event(
                title=f"Bijeenkomst {index:05d}",
                type=rng.choice(EventType.values),
                organiser=organiser,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place="Breda",
                anonymous_head_count=rng.randint(0, 30),
            )
            event_rows.append(event)
            for pk in rng.sample(
                by_organisation[organiser.pk],
                min(rng.randint(3, 15), len(by_organisation[organiser.pk])),
            ):
                registrations.append(
                    EventRegistration(
                        event=event,
                        person_id=pk,
                        registering_organisation=organiser,
                        has_attended=rng.random() < 0.8,
                    )
                )
        Event.objects.bulk_create(event_rows, batch_size=bench_load.BATCH)
        EventRegistration.objects.bulk_create(
            registrations, batch_size=bench_load.BATCH
        )
        statuses = list(LabourStatus.values)
        observations = [
            LabourStatusObservation(
                person_id=pk,
                observed_on=today - timedelta(days=rng.randint(1, 600)),
                status=rng.choice(statuses),
                source=rng.choice(ObservationSource.values),
            )
            for pk, _org in persons
            if rng.random() < 1 / 3
        ]
        LabourStatusObservation.objects.bulk_create(
            observations, batch_size=bench_load.BATCH
        )
    return {
        "events": len(event_rows),
        "event registrations": len(registrations),
        "labour-status observations": len(observations),
    }


def _build_programme(projects: int, seed: int) -> dict[str, Any]:
    from django.utils import timezone

    from regiowerk.monitoring import actions
    from regiowerk.monitoring.constants import IndicatorKind, PartyRole
    from regiowerk.organisations.constants import OrganisationType, Role
    from regiowerk.organisations.models import Membership, Organisation, Region, User

    rng = random.Random(seed)
    today = timezone.localdate()
    region = Region.objects.get()
    municipality = Organisation.objects.filter(
        type=OrganisationType.MUNICIPALITY
    ).first()
    partners = list(
        Organisation.objects.exclude(pk=municipality.pk)
        .filter(persons__isnull=False)
        .distinct()
        .order_by("pk")
    )
    funder = Organisation.objects.create(
        name="Fonds Duurzame Inzetbaarheid",
        type=OrganisationType.MUNICIPALITY,
        region=region,
    )
    leader = User.objects.create_user("bench.projectleider", password=None)
    Membership.objects.create(
        user=leader, organisation=municipality, role=Role.PROJECT_LEADER
    )
    manager = User.objects.create_user("bench.programmamanager", password=None)
    Membership.objects.create(
        user=manager, organisation=funder, role=Role.PROGRAMME_MANAGER
    )
    programme = actions.create_programme(
        code="BENCH", name="Benchmarkprogramma", funder=funder.name
    )
    programme.funder_organisation = funder
    programme.save(update_fields=["funder_organisation"])
    starts = date(today.year - 1, 1, 1)
    project_ids = []
    for number in range(projects):
        costs = rng.randint(200_000, 2_000_000) * 100
        project = actions.create_project(
            programme=programme,
            code=f"BM{number:03d}",
            title=f"Benchmarkproject {number}",
            starts_on=starts,
            ends_on=date(today.year, 12, 31),
            direct_costs_cents=costs,
            requested_subsidy_cents=costs * 60 // 100,
            region=region,
        )
        actions.add_party(
            project=project,
            name=municipality.name,
            role=PartyRole.EXECUTOR,
            organisation_id=municipality.pk,
        )
        for partner in rng.sample(partners, rng.randint(1, 3)):
            actions.add_party(
                project=project,
                name=partner.name,
                role=PartyRole.PARTNER,
                organisation_id=partner.pk,
            )
        definitions = _definitions()
        position = 0
        for part in range(3):
            activity = actions.add_activity(
                project=project, name=f"Deelproject {part + 1}", position=part
            )
            for name, unit, definition, target in definitions[part * 3 : part * 3 + 3]:
                actions.add_indicator(
                    activity=activity,
                    name=name,
                    unit=unit,
                    kind=IndicatorKind.COMPUTED,
                    position=position,
                    definition=definition,
                    target=Decimal(target),
                )
                position += 1
        actions.add_indicator(
            activity=activity,
            name="Werkgeversgesprekken",
            unit="gesprekken",
            kind=IndicatorKind.MANUAL,
            position=position,
            target=Decimal(40),
        )
        actions.add_indicator(
            activity=activity,
            name="Eindrapportage",
            unit="rapport",
            kind=IndicatorKind.DELIVERABLE,
            position=position + 1,
            target=Decimal(1),
        )
        project_ids.append(project.pk)
    return {
        "projects": project_ids,
        "leader": leader.pk,
        "manager": manager.pk,
    }


def _timed_page(client: Any, url: str, repeat: int) -> tuple[list[float], int]:
    from django.db import connection

    executed = []

    def count(execute: Any, sql: str, *rest: Any) -> Any:
        executed.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(count):
        response = client.get(url)  # untimed: per-process caches, query count
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - began)
        assert response.status_code == 200
    return times, len(executed)


def _naive_figures(project: Any) -> tuple[dict[str, list[int]], float]:
    """The first two indicators for every quarter, person by person (the baseline)."""
    from regiowerk.monitoring.reports import reporting_periods
    from regiowerk.people.models import Person
    from regiowerk.services.models import Enrolment

    began = time.perf_counter()
    scope = project.scope()
    periods = [(p.start, p.end) for p in reporting_periods(project)]
    enrolled: list[set[Any]] = [set() for _ in periods]
    completed = [0 for _ in periods]
    persons = Person.objects.filter(
        region_id=scope.region_id, organisation_id__in=sorted(scope.organisation_ids)
    ).values_list("pk", flat=True)
    for person_id in persons.iterator():
        for row in Enrolment.objects.filter(
            person_id=person_id,
            enrolling_organisation_id__in=sorted(scope.organisation_ids),
        ).values("registered_on", "completed_on", "status"):
            for index, (start, end) in enumerate(periods):
                if start <= row["registered_on"] <= end:
                    enrolled[index].add(person_id)
                done = row["completed_on"]
                if row["status"] == "completed" and done and start <= done <= end:
                    completed[index] += 1
    seconds = time.perf_counter() - began
    return {
        "Deelnemers": [len(s) for s in enrolled],
        "Afgeronde trajecten": completed,
    }, seconds


def _sql_figures(project: Any) -> tuple[dict[str, list[int]], float]:
    from regiowerk.common import facts
    from regiowerk.monitoring.reports import reporting_periods

    began = time.perf_counter()
    periods = [(p.start, p.end) for p in reporting_periods(project)]
    figures = {
        name: [
            f.value
            for f in facts.evaluate_periods(
                facts.parse_definition(definition), project.scope(), periods
            )
        ]
        for name, definition in (
            ("Deelnemers", ENROLLED),
            ("Afgeronde trajecten", COMPLETED),
        )
    }
    return figures, time.perf_counter() - began


def child(args: argparse.Namespace) -> None:
    """Fill the database of DATABASE_URL, build the programme and measure."""
    bench_load.ENROLMENTS_PER_PERSON = (4, 5, 5, 6)  # mean 5: 100,000 at 20,000
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        bench_load.generate(args.persons, 5, Path(tmp) / "users.json", seed=args.seed)
        counts = json.loads((Path(tmp) / "users.json").read_text())["counts"]
    counts.update(_extend_registry(args.events, args.seed))
    built = _build_programme(args.projects, args.seed)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    generation = time.perf_counter() - began

    from django.test import Client

    from regiowerk.monitoring.models import Project
    from regiowerk.organisations.models import User

    manager, leader = Client(), Client()
    manager.force_login(User.objects.get(pk=built["manager"]))
    leader.force_login(User.objects.get(pk=built["leader"]))
    overview, overview_queries = _timed_page(manager, "/monitoring/", args.repeat)
    monitor_times: list[float] = []
    monitor_queries = []
    for pk in built["projects"]:
        times, queries = _timed_page(
            leader, f"/monitoring/projecten/{pk}/", args.repeat
        )
        monitor_times += times
        monitor_queries.append(queries)
    project = Project.objects.get(pk=built["projects"][0])
    naive, naive_seconds = _naive_figures(project)
    sql, sql_seconds = _sql_figures(project)
    result = {
        "generation": generation,
        "counts": counts,
        "overview": overview,
        "overview_queries": overview_queries,
        "monitor": monitor_times,
        "monitor_queries": [min(monitor_queries), max(monitor_queries)],
        "naive_seconds": naive_seconds,
        "sql_seconds": sql_seconds,
        "same_figures": naive == sql,
        "figures": sql,
    }
    args.out.write_text(json.dumps(result, default=str))


# --- The parent process ------------------------------------------------------------------


def _line(label: str, times: list[float], queries: str) -> tuple[str, bool]:
    p50 = statistics.median(times)
    worst = max(times)
    passed = worst < TARGET_SECONDS
    text = (
        f"  {label:<44} {len(times):>5} {p50 * 1000:>9.0f} {worst * 1000:>9.0f}"
        f"   {queries:>9}   < {TARGET_SECONDS:.0f} s {'PASS' if passed else 'FAIL'}"
    )
    return text, passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=2_000)
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3, help="timed fetches per page")
    args, data = bench_load.run_bench(
        parser,
        argv,
        module="bench.bench_monitoring",
        child=child,
        database=DATABASE,
        passed_on=("persons", "events", "projects", "repeat"),
        env={"DJANGO_ALLOWED_HOSTS": "testserver"},
    )
    if data is None:  # the child
        return 0
    print(
        f"\n  {'page':<44} {'n':>5} {'p50 ms':>9} {'max ms':>9}   {'queries':>9}   target"
    )
    overview, ok_overview = _line(
        f"programme overview ({args.projects} projects)",
        data["overview"],
        str(data["overview_queries"]),
    )
    low, high = data["monitor_queries"]
    monitor, ok_monitor = _line(
        "quarterly monitor (every project)", data["monitor"], f"{low}-{high}"
    )
    print(overview)
    print(monitor)
    same = data["same_figures"]
    print(
        "\n  one project's participants and completed enrolments per quarter:\n"
        f"    naive, person by person: {data['naive_seconds'] * 1000:>9.0f} ms\n"
        f"    SQL (common.facts):      {data['sql_seconds'] * 1000:>9.0f} ms\n"
        f"    same figures: {'yes' if same else 'NO'} {data['figures']}"
    )
    passed = ok_overview and ok_monitor and same
    print(f"\n{'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
