"""Follow-up and durability at a region's scale, on PostgreSQL, next to a naive count.

    .venv/bin/python -m bench.bench_placements            # issue 9's scale
    .venv/bin/python -m bench.bench_placements --placements 2000 --check-ins 20000

It creates a fresh PostgreSQL database ``bench_placements`` (``--postgres``: any
database URL of the server, its name is replaced) and, in a child process with
production settings (DEBUG off, fresh random keys),

1. runs the migrations and generates with ``bulk_create`` in batches: two regions, one
   organisation (the regional Werkgeversservicepunt) that follows every placement,
   ``--experts`` labour experts, one employer per twenty placements, a person per
   1.4 placements (so some persons are placed again), and ``--placements`` placements
   started over the last five years (regular, trial, work-learning...; about half of
   them ended with a coded reason), each with its responsible labour expert; then
   about ``--check-ins`` check-ins: the scheduled ones on most of each placement's due
   dates (some missed, with signals and an overall status) and ad-hoc contacts between
   them, more for longer placements;
2. times, in that process, the real code paths: ``placements.queries.follow_ups`` (the
   due list) for the labour expert with the most active placements, and
   ``placements.durability.durability`` (the report the Duurzaamheid page, its CSV and
   Excel render) for the region a programme manager sees; each once untimed, then ``--repeat`` times,
   with their number of queries;
3. computes the same figures the naive way, row by row in Python: the due list one
   placement at a time (its check-ins and schedule read per placement), the report's
   retention at 6/12/24 months (a Kaplan–Meier by hand), reasons for ending and the
   quarterly inflow/outflow per region over whole placement instances (with their
   ending, person and employer); and checks that both give the same figures.

Printed: generation time and counts, p50/max with the targets (due list < 200 ms,
durability report < 3 s) next to the naive time, and PASS/FAIL. The database is
dropped at the end unless ``--keep``. On a small shared machine the times are an
upper bound.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench import bench_load

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "bench_placements"
DUE_LIST_TARGET = 0.2
DURABILITY_TARGET = 3.0
YEARS = 5


# --- Generation ------------------------------------------------------------------------------
def generate(
    placements: int, check_ins: int, experts: int, seed: int
) -> dict[str, int]:
    """Fill the (migrated) database; the counts of what was made."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from regiowerk.employers.constants import Sector, SizeClass
    from regiowerk.employers.models import Employer
    from regiowerk.organisations.constants import OrganisationType, Role
    from regiowerk.organisations.models import Membership, Organisation, Region, User
    from regiowerk.people.constants import LabourStatus
    from regiowerk.people.models import Person
    from regiowerk.placements import rules
    from regiowerk.placements.constants import (
        CheckInKind,
        CheckInStatus,
        CheckInWith,
        EndingReason,
        PlacementContract,
        PlacementKind,
        Signal,
        Support,
    )
    from regiowerk.placements.models import CheckIn, Placement, PlacementEnding

    rng = random.Random(seed)
    today = timezone.localdate()
    batch = bench_load.BATCH
    counts: Counter[str] = Counter()
    with transaction.atomic():
        regions = [
            Region.objects.create(name="West-Brabant", code="wbr"),
            Region.objects.create(name="Midden-Brabant", code="mbr"),
        ]
        organisation = Organisation.objects.create(
            name="Werkgeversservicepunt Benchmark",
            type=OrganisationType.EMPLOYER_SERVICE_DESK,
            region=regions[0],
        )
        users = User.objects.bulk_create(
            User(username=f"arbeidsdeskundige{index:04d}", password=make_password(None))
            for index in range(experts)
        )
        Membership.objects.bulk_create(
            Membership(user=u, organisation=organisation, role=Role.LABOUR_EXPERT)
            for u in users
        )
        employers = Employer.objects.bulk_create(
            (
                Employer(
                    name=f"Werkgever {index:05d} B.V.",
                    kvk_number=f"{20_000_000 + index}",
                    sector=rng.choice(Sector.values),
                    size_class=rng.choice(SizeClass.values),
                    region=regions[index % 2],
                    city="Breda",
                    account_organisation=organisation,
                )
                for index in range(max(1, placements // 20))
            ),
            batch_size=batch,
        )
        persons = Person.objects.bulk_create(
            (
                Person(
                    organisation=organisation,
                    first_name="Werknemer",
                    last_name=f"Bench {index:06d}",
                    birth_date=today - timedelta(days=rng.randint(19 * 365, 66 * 365)),
                    gender=rng.choice(("female", "male")),
                    postcode="4811 AB",
                    city="Breda",
                    region=rng.choice(regions),
                    labour_status=LabourStatus.EMPLOYED,
                    labour_status_since=today - timedelta(days=rng.randint(30, 900)),
                    has_occupational_disability=rng.random() < 0.5,
                    is_banenafspraak=rng.random() < 0.4,
                )
                for index in range(max(1, placements * 5 // 7))
            ),
            batch_size=batch,
        )
        counts.update(
            {"labour experts": len(users), "employers": len(employers)}
            | {"persons": len(persons)}
        )
        per_placement = check_ins / max(1, placements)
        mean_days = YEARS * 365 * 3 / 8  # a start 2.5 years back, half ended midway
        supports = Support.values
        signals = Signal.values
        statuses = CheckInStatus.values
        for start in range(0, placements, batch):
            rows, endings, visits = [], [], []
            for _index in range(start, min(start + batch, placements)):
                starts_on = today - timedelta(days=rng.randint(0, YEARS * 365))
                contract = rng.choice(PlacementContract.values)
                placement = Placement(
                    person=rng.choice(persons),
                    employer=rng.choice(employers),
                    organisation=organisation,
                    kind=rng.choice(PlacementKind.values),
                    contract_type=contract,
                    starts_on=starts_on,
                    contract_ends_on=(
                        starts_on + timedelta(days=rng.randint(180, 730))
                        if contract == PlacementContract.FIXED_TERM
                        else None
                    ),
                    hours_per_week=rng.randint(8, 38),
                    support=rng.sample(supports, rng.randint(0, 2)),
                    responsible=rng.choice(users),
                )
                rows.append(placement)
                last = today
                if rng.random() < 0.5 and starts_on < today:
                    last = starts_on + timedelta(
                        days=rng.randint(1, (today - starts_on).days)
                    )
                    endings.append(
                        PlacementEnding(
                            placement=placement,
                            ends_on=last,
                            reason=rng.choice(EndingReason.values),
                            moved_on_to_work=rng.random() < 0.3,
                        )
                    )
                due = [
                    d
                    for d in rules.check_in_dates(starts_on, rules.DEFAULT_SCHEDULE)
                    if d <= last and rng.random() < 0.85
                ]
                days = (last - starts_on).days
                wanted = round(per_placement * days / mean_days * rng.uniform(0.5, 1.5))
                held = [(d, CheckInKind.SCHEDULED) for d in due[:wanted]]
                held += [
                    (
                        starts_on + timedelta(days=rng.randint(0, days)),
                        CheckInKind.AD_HOC,
                    )
                    for _ in range(max(0, wanted - len(held)))
                ]
                for held_on, kind in held:
                    scheduled = kind == CheckInKind.SCHEDULED
                    visits.append(
                        CheckIn(
                            placement=placement,
                            held_on=held_on,
                            kind=kind,
                            held_with=rng.choice(CheckInWith.values),
                            status=rng.choice(statuses) if scheduled else "",
                            **{
                                name: rng.randint(1, 5)
                                for name in signals
                                if scheduled and rng.random() < 0.8
                            },
                        )
                    )
            Placement.objects.bulk_create(rows)
            PlacementEnding.objects.bulk_create(endings)
            CheckIn.objects.bulk_create(visits, batch_size=batch)
            counts.update(
                {"placements": len(rows), "endings": len(endings)}
                | {"check-ins": len(visits)}
            )
    return dict(counts)


# --- The due list ----------------------------------------------------------------------------
def _actor(user: Any) -> Any:
    from regiowerk.organisations.constants import Role
    from regiowerk.organisations.queries import Actor

    membership = user.memberships.select_related("organisation").get()
    return Actor(
        user=user,
        organisation=membership.organisation,
        roles=frozenset({Role.LABOUR_EXPERT}),
    )


def _due_figures(rows: list[Any]) -> list[list[Any]]:
    return [
        [
            str(r.placement.pk),
            [str(d) for d in r.overdue],
            str(r.next_due),
            r.risk.score,
        ]
        for r in rows
    ]


def due_list(actor: Any, today: date) -> list[list[Any]]:
    from regiowerk.placements.queries import follow_ups

    return _due_figures(follow_ups(actor=actor, today=today))


def naive_due_list(actor: Any, today: date) -> list[list[Any]]:
    """The same list one placement at a time: its check-ins and its own schedule are
    read per placement (no prefetch), then sorted and cut as ``follow_ups`` does."""
    from regiowerk.placements.models import Placement
    from regiowerk.placements.queries import FOLLOW_UP_SHOWN, follow_up_of

    rows = [
        follow_up_of(placement, today=today)
        for placement in Placement.objects.filter(
            organisation=actor.organisation,
            responsible=actor.user,
            ending__isnull=True,
        ).iterator()
    ]
    rows.sort(key=lambda r: (-r.risk.score, r.due_on or date.max, str(r.placement.pk)))
    return _due_figures(rows[:FOLLOW_UP_SHOWN])


# --- The durability report -------------------------------------------------------------------
def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def report_figures(organisation: Any, today: date) -> dict[str, Any]:
    """The report's figures to compare: retention of all placements, reasons for
    ending and the inflow/outflow per region and quarter (hidden cells left out)."""
    from regiowerk.common.smallcells import SUPPRESSED
    from regiowerk.placements import durability

    report = durability.durability(organisation, today=today, region=True)
    everyone = report.curves[0]
    return {
        "retention": {
            str(r.months): round(r.survival, 6)
            for r in everyone.retention
            if r.survival is not None
        },
        "reasons": {label: n for label, n in report.reasons if n != SUPPRESSED},
        "flows": {
            f"{flow.region} {q.quarter.year}-Q{q.quarter.number}": [q.placed, q.lost]
            for flow in report.flows
            for q in flow.quarters
            if SUPPRESSED not in (q.placed, q.lost)
        },
    }


def naive_report_figures(
    organisation: Any, today: date, shown: dict[str, Any]
) -> dict[str, Any]:
    """The same figures row by row in Python over whole model instances (with their
    ending, person, region and employer), a Kaplan–Meier by hand. ``shown`` (the report's
    figures) only says which cells the small-cell rules left visible."""
    from regiowerk.placements import analytics, durability
    from regiowerk.placements.constants import EndingReason
    from regiowerk.placements.models import Placement

    stays: list[tuple[int, bool]] = []
    reasons: Counter[str] = Counter()
    flow: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    since = _flow_start(today, durability.FLOW_QUARTERS)
    labels = dict(EndingReason.choices)
    placements = Placement.objects.filter(
        organisation__region_id=organisation.region_id
    ).select_related("ending", "person__region", "employer")
    for placement in placements.iterator(chunk_size=bench_load.BATCH):
        ending = getattr(placement, "ending", None)
        ended_on = ending.ends_on if ending else None
        region = placement.person.region.name if placement.person.region else ""
        _sector = placement.employer.sector  # the report splits by it too
        if placement.starts_on <= today:
            ended = ended_on is not None and ended_on <= today
            end = ended_on if ended and ended_on else today
            stays.append(((end - placement.starts_on).days, ended))
        if ending and placement.starts_on <= ended_on <= today:  # type: ignore[operator]
            reasons[str(labels[ending.reason])] += 1
        if since <= placement.starts_on <= today:
            flow[f"{region} {_quarter(placement.starts_on)}"][0] += 1
        if ended_on and since <= ended_on <= today:
            flow[f"{region} {_quarter(ended_on)}"][1] += 1
    retention = {}
    for months in analytics.RETENTION_MONTHS:
        if str(months) not in shown["retention"]:
            continue
        retention[str(months)] = round(
            _kaplan_meier(stays, analytics.months_in_days(months)), 6
        )
    return {
        "retention": retention,
        "reasons": {k: reasons[k] for k in shown["reasons"]},
        "flows": {k: flow.get(k, [0, 0]) for k in shown["flows"]},
    }


def _kaplan_meier(stays: list[tuple[int, bool]], day: int) -> float:
    """The share still placed after ``day``: the product over each day with endings
    up to it of (1 - ended that day / followed into that day)."""
    survival, followed = 1.0, len(stays)
    ordered = sorted(stays)
    index = 0
    while index < len(ordered) and ordered[index][0] <= day:
        current, ended, leaving = ordered[index][0], 0, 0
        while index < len(ordered) and ordered[index][0] == current:
            ended += ordered[index][1]
            leaving += 1
            index += 1
        survival *= 1 - ended / followed
        followed -= leaving
    return survival


def _flow_start(today: date, quarters: int) -> date:
    year, number = today.year, (today.month - 1) // 3 + 1
    for _ in range(quarters - 1):
        year, number = (year - 1, 4) if number == 1 else (year, number - 1)
    return date(year, 3 * number - 2, 1)


# --- Measuring -------------------------------------------------------------------------------
def _timed(work: Any, repeat: int) -> tuple[Any, list[float], int]:
    from django.db import connection

    executed = []

    def count(execute: Any, sql: str, *rest: Any) -> Any:
        executed.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(count):
        result = work()  # untimed: per-process caches, query count
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return result, times, len(executed)


def measure(repeat: int) -> dict[str, Any]:
    """Time both code paths and their naive counterparts on the filled database."""
    from django.db.models import Count
    from django.utils import timezone

    from regiowerk.organisations.models import User
    from regiowerk.placements.models import Placement

    today = timezone.localdate()

    busiest = (
        Placement.objects.filter(ending__isnull=True)
        .values("responsible")
        .annotate(n=Count("pk"))
        .order_by("-n", "responsible")
        .first()
    )
    assert busiest is not None, "no active placement"
    expert = User.objects.get(pk=busiest["responsible"])
    actor = _actor(expert)
    due, due_times, due_queries = _timed(lambda: due_list(actor, today), repeat)
    began = time.perf_counter()
    naive_due = naive_due_list(actor, today)
    naive_due_seconds = time.perf_counter() - began
    report, report_times, report_queries = _timed(
        lambda: report_figures(actor.organisation, today), repeat
    )
    began = time.perf_counter()
    naive_report = naive_report_figures(actor.organisation, today, report)
    naive_report_seconds = time.perf_counter() - began
    return {
        "active_of_expert": busiest["n"],
        "due_rows": len(due),
        "due": due_times,
        "due_queries": due_queries,
        "naive_due_seconds": naive_due_seconds,
        "due_same": due == naive_due,
        "report": report_times,
        "report_queries": report_queries,
        "naive_report_seconds": naive_report_seconds,
        "report_same": report == naive_report,
        "retention": report["retention"],
        "report_cells": len(report["reasons"]) + len(report["flows"]),
    }


def child(args: argparse.Namespace) -> None:
    """Migrate and fill the database of DATABASE_URL, then measure."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    counts = generate(args.placements, args.check_ins, args.experts, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    generation = time.perf_counter() - began
    result = {"generation": generation, "counts": counts, **measure(args.repeat)}
    args.out.write_text(json.dumps(result, default=str))


# --- The parent process ----------------------------------------------------------------------
def _line(
    label: str, times: list[float], queries: int, naive: float, target: float
) -> tuple[str, bool]:
    p50, worst = statistics.median(times), max(times)
    passed = worst < target
    text = (
        f"  {label:<34} {len(times):>3} {p50 * 1000:>9.0f} {worst * 1000:>9.0f}"
        f" {queries:>8} {naive * 1000:>10.0f}   < {target * 1000:.0f} ms"
        f" {'PASS' if passed else 'FAIL'}"
    )
    return text, passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placements", type=int, default=100_000)
    parser.add_argument("--check-ins", type=int, default=1_000_000)
    parser.add_argument("--experts", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per path")
    _args, data = bench_load.run_bench(
        parser,
        argv,
        module="bench.bench_placements",
        child=child,
        database=DATABASE,
        passed_on=("placements", "check_ins", "experts", "repeat"),
    )
    if data is None:  # the child
        return 0
    print(
        f"\n  {'code path':<34} {'n':>3} {'p50 ms':>9} {'max ms':>9} {'queries':>8}"
        f" {'naive ms':>10}   target"
    )
    due, ok_due = _line(
        f"due list ({data['active_of_expert']} active placements)",
        data["due"],
        data["due_queries"],
        data["naive_due_seconds"],
        DUE_LIST_TARGET,
    )
    report, ok_report = _line(
        "durability report (region)",
        data["report"],
        data["report_queries"],
        data["naive_report_seconds"],
        DURABILITY_TARGET,
    )
    print(due)
    print(report)
    print(
        f"\n  same figures as the naive count: due list "
        f"{'yes' if data['due_same'] else 'NO'} ({data['due_rows']} rows), report "
        f"{'yes' if data['report_same'] else 'NO'} (retention {data['retention']})"
    )
    passed = ok_due and ok_report and data["due_same"] and data["report_same"]
    print(f"\n{'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
