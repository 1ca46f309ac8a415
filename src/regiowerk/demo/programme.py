"""The demo region's subsidy programme: two projects whose indicators count the demo's
own registrations (enrolments, events, labour-status observations, candidacies and
placements), so the project monitor shows live figures after ``make run``.

``load_demo_programme`` runs after the demo region is built and goes through the
monitoring actions, acting as the demo's project leaders and the funder's programme
manager. It is idempotent: when the programme exists nothing is changed. The programme,
its rules and its figures are invented.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from regiowerk.monitoring import actions, rules
from regiowerk.monitoring.constants import (
    ActivityCategory,
    CoFinancingStatus,
    CostKind,
    DeliverableStatus,
    EligibilityRuleKind,
    IndicatorKind,
    PartyRole,
    TargetChangeKind,
)
from regiowerk.monitoring.models import Activity, Indicator, Programme, Project
from regiowerk.monitoring.rules import month_end
from regiowerk.organisations.models import Organisation, Region, User
from regiowerk.organisations.queries import Actor, get_actor

PROGRAMME_CODE = "demo-duurzaam-inzetbaar"
FUNDER = "O&O-fonds Techniek Noord"
PROGRAMME_MANAGER = "programmamanager"

# Definitions over the published fact tables (common.facts), checked when stored.
GUIDANCE = {
    "table": "services.enrolments",
    "measure": "count_subjects",
    "date_column": "registered_on",
    "filters": {
        "service_type": ["career_research", "coaching", "work_to_work", "job_search"]
    },
}
COMPLETED = {
    "table": "services.enrolments",
    "measure": "count_rows",
    "date_column": "completed_on",
    "filters": {"status": ["completed"]},
}
AT_WORK = {
    "table": "people.status_observations",
    "measure": "share",
    "date_column": "observed_on",
    "filters": {},
    "outcome": {"status": ["employed", "flex_worker", "self_employed"]},
}
SESSIONS = {
    "table": "services.event_reach",
    "measure": "count_rows",
    "date_column": "held_on",
    "filters": {"event_type": ["information_session", "workshop"]},
}
ATTENDEES = {
    "table": "services.event_reach",
    "measure": "sum",
    "date_column": "held_on",
    "column": "named_attendees",
    "filters": {},
}
TRAINING = {
    "table": "services.enrolments",
    "measure": "count_subjects",
    "date_column": "registered_on",
    "filters": {"service_type": ["training"]},
}
VITALITY = {
    "table": "services.enrolments",
    "measure": "count_subjects",
    "date_column": "registered_on",
    "filters": {"service_type": ["vitality", "assessment"]},
}
MASTERCLASSES = {
    "table": "services.event_reach",
    "measure": "count_rows",
    "date_column": "held_on",
    "filters": {"event_type": ["masterclass"]},
}
# Mediation and placements (placements' fact tables): candidacies put forward to the
# employer, placements started, and those of them that lasted six months.
NOMINATIONS = {
    "table": "placements.candidacies",
    "measure": "count_rows",
    "date_column": "nominated_on",
    "filters": {},
}
PLACED = {
    "table": "placements.placements",
    "measure": "count_rows",
    "date_column": "starts_on",
    "filters": {},
}
DURABLE = {**PLACED, "filters": {"lasted_6_months": [True]}}


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    unit: str
    kind: IndicatorKind
    target: int
    definition: dict[str, Any] | None = None


@dataclass(frozen=True)
class ActivitySpec:
    name: str
    category: ActivityCategory
    indicators: tuple[IndicatorSpec, ...]


@dataclass(frozen=True)
class ProjectSpec:
    code: str
    title: str
    leader: str  # the username of the project leader who enters the values
    direct_costs_euros: int
    requested_euros: int
    parties: tuple[tuple[PartyRole, str], ...]  # role, organisation name
    activities: tuple[ActivitySpec, ...]
    # how many of the latest ended reporting periods have no report yet (overdue); the
    # leader submitted every earlier one
    late_reports: int = 0


_C, _M, _D = IndicatorKind.COMPUTED, IndicatorKind.MANUAL, IndicatorKind.DELIVERABLE

PROJECTS = (
    ProjectSpec(
        code="DEMO-01",
        late_reports=1,
        title="Van werk naar werk Zuidoost-Drenthe",
        leader="projectleider",
        direct_costs_euros=240_000,
        requested_euros=110_000,
        parties=(
            (PartyRole.APPLICANT, "Gemeente Veenstad"),
            (PartyRole.EXECUTOR, "Loopbaanhuis Hondsrug"),
            (PartyRole.PARTNER, "Re-integratiebureau De Brug"),
            (PartyRole.PARTNER, "UWV Werkbedrijf Zuidoost-Drenthe"),
        ),
        activities=(
            ActivitySpec(
                "1. Loopbaanbegeleiding",
                ActivityCategory.SUSTAINABLE_EMPLOYMENT,
                (
                    IndicatorSpec(
                        "Deelnemers in loopbaan- en begeleidingstrajecten",
                        "deelnemers",
                        _C,
                        80,
                        GUIDANCE,
                    ),
                    IndicatorSpec(
                        "Afgeronde trajecten", "trajecten", _C, 40, COMPLETED
                    ),
                    IndicatorSpec(
                        "Aan het werk bij de laatste statusmeting", "%", _C, 50, AT_WORK
                    ),
                ),
            ),
            ActivitySpec(
                "2. Voorlichting en werkgevers",
                ActivityCategory.INFORMATION,
                (
                    IndicatorSpec(
                        "Voorlichtingsbijeenkomsten en workshops",
                        "bijeenkomsten",
                        _C,
                        6,
                        SESSIONS,
                    ),
                    IndicatorSpec(
                        "Aanwezigen met aanmelding", "personen", _C, 150, ATTENDEES
                    ),
                    IndicatorSpec("Gesprekken met werkgevers", "gesprekken", _M, 25),
                    IndicatorSpec("Eindrapportage aan het fonds", "rapport", _D, 1),
                ),
            ),
            ActivitySpec(
                "3. Bemiddeling en plaatsing",
                ActivityCategory.SUSTAINABLE_EMPLOYMENT,
                (
                    IndicatorSpec(
                        "Voordrachten bij werkgevers",
                        "voordrachten",
                        _C,
                        50,
                        NOMINATIONS,
                    ),
                    IndicatorSpec("Plaatsingen", "plaatsingen", _C, 45, PLACED),
                    IndicatorSpec(
                        "Duurzame plaatsingen (na 6 maanden nog aan het werk)",
                        "plaatsingen",
                        _C,
                        25,
                        DURABLE,
                    ),
                ),
            ),
        ),
    ),
    ProjectSpec(
        code="DEMO-02",
        title="Vitaal vakmanschap in de techniek",
        leader="opleidingsadviseur",
        direct_costs_euros=90_000,
        requested_euros=45_000,
        parties=(
            (PartyRole.APPLICANT, "Opleidingscentrum Drentse Monden"),
            (PartyRole.EXECUTOR, "Opleidingscentrum Drentse Monden"),
            (PartyRole.PARTNER, "Arbeidsdeskundigenpraktijk Van der Veen"),
            (PartyRole.PARTNER, "Gemeente Veenstad"),
        ),
        activities=(
            ActivitySpec(
                "1. Scholing en vitaliteit",
                ActivityCategory.SUSTAINABLE_EMPLOYMENT,
                (
                    IndicatorSpec(
                        "Deelnemers aan scholing", "deelnemers", _C, 12, TRAINING
                    ),
                    IndicatorSpec(
                        "Deelnemers vitaliteit en werkvermogen",
                        "deelnemers",
                        _C,
                        4,
                        VITALITY,
                    ),
                ),
            ),
            ActivitySpec(
                "2. Werkgevers betrekken",
                ActivityCategory.PARTIES,
                (
                    IndicatorSpec(
                        "Masterclasses", "bijeenkomsten", _C, 2, MASTERCLASSES
                    ),
                    IndicatorSpec("Convenant met werkgevers", "convenant", _D, 1),
                ),
            ),
        ),
    ),
)


# Who counts for the funder (the programme manager edits these on the rules page):
# the kind of rule and its limits.
ELIGIBILITY: tuple[tuple[EligibilityRuleKind, dict[str, Any]], ...] = (
    (EligibilityRuleKind.MAX_MONTHS_ON_WW, {"months": 6}),
    (EligibilityRuleKind.COMPLETED_INTAKE, {}),
)

# DEMO-01's target changes, in the order they were made: the indicator, the new
# target, why, how many days ago, and whether the funder approved it (the waiting one
# is the change request a new user can approve).
TARGET_CHANGES = (
    (
        "Deelnemers in loopbaan- en begeleidingstrajecten",
        70,
        "Start een kwartaal later door de aanbesteding van de begeleiding.",
        120,
        True,
    ),
    (
        "Aanwezigen met aanmelding",
        120,
        "Minder grote bijeenkomsten; meer kleine workshops op locatie.",
        10,
        False,
    ),
)


def _quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def demo_project_period(today: date) -> tuple[date, date]:
    """From the quarter about fifteen months back to the end of the quarter about six
    months ahead: past quarters with registrations, and time still to go."""
    starts_on = _quarter_start(today - timedelta(days=455))
    last = _quarter_start(today + timedelta(days=180))
    return starts_on, month_end(last.year, last.month + 2)


def _actor(username: str, organisations: dict[str, Organisation]) -> Actor:
    user = User.objects.get(username=username)
    organisation_id = (
        user.memberships.filter(organisation__in=organisations.values())
        .values_list("organisation_id", flat=True)
        .first()
    )
    return get_actor(user=user, organisation_id=organisation_id)


@transaction.atomic
def load_demo_programme(
    *, region: Region, today: date | None = None
) -> Programme | None:
    """Create the demo programme with its projects, or return the existing one; None
    when the region was built before the demo had a programme manager (``--reset``
    rebuilds it with one)."""
    existing = Programme.objects.filter(code=PROGRAMME_CODE).first()
    if existing is not None:
        return existing
    if not User.objects.filter(username=PROGRAMME_MANAGER).exists():
        return None
    today = today or timezone.localdate()
    organisations = {o.name: o for o in Organisation.objects.filter(region=region)}
    programme = actions.create_programme(
        code=PROGRAMME_CODE,
        name="Duurzaam Inzetbaar Zuidoost-Drenthe (demo)",
        funder=FUNDER,
        regulation="Subsidieregeling Duurzaam Inzetbaar Zuidoost-Drenthe (verzonnen)",
        subsidy_percentage=Decimal(50),
        overhead_percentage=Decimal(15),
        funder_organisation_id=organisations[FUNDER].pk,
    )
    manager = _actor(PROGRAMME_MANAGER, organisations)
    for kind, limits in ELIGIBILITY:
        actions.add_eligibility_rule(
            actor=manager, programme=programme, kind=kind, **limits
        )
    for spec in PROJECTS:
        _create_project(programme, spec, region, organisations, manager, today)
    return programme


def _create_project(
    programme: Programme,
    spec: ProjectSpec,
    region: Region,
    organisations: dict[str, Organisation],
    manager: Actor,
    today: date,
) -> Project:
    starts_on, ends_on = demo_project_period(today)
    project = actions.create_project(
        programme=programme,
        code=spec.code,
        title=spec.title,
        starts_on=starts_on,
        ends_on=ends_on,
        direct_costs_cents=spec.direct_costs_euros * 100,
        requested_subsidy_cents=spec.requested_euros * 100,
        region=region,
        region_or_sector=region.name,
        grant_decided_on=starts_on - timedelta(days=30),
    )
    for role, name in spec.parties:
        actions.add_party(
            project=project,
            name=name,
            role=role,
            organisation_id=organisations[name].pk,
        )
    leader = _actor(spec.leader, organisations)
    indicators: dict[str, Indicator] = {}
    for position, activity_spec in enumerate(spec.activities):
        activity = actions.add_activity(
            project=project,
            name=activity_spec.name,
            category=activity_spec.category,
            position=position,
        )
        for index, item in enumerate(activity_spec.indicators):
            indicators[item.name] = _add_indicator(activity, index, item, leader)
    _change_targets(spec, indicators, leader, manager, today)
    _enter_costs(project, leader, today)
    _submit_reports(project, spec, leader, today)
    return project


def _submit_reports(
    project: Project, spec: ProjectSpec, leader: Actor, today: date
) -> None:
    """The leader submitted the reports over the ended periods but the latest
    ``spec.late_reports``, which are overdue (or not yet due)."""
    cadence = rules.Cadence(project.programme.reporting_cadence)
    ended = [
        period
        for period in rules.reporting_periods(project.period, cadence)
        if period.end < min(today, timezone.localdate())
    ]
    for period in ended[: max(len(ended) - spec.late_reports, 0)]:
        actions.submit_report(
            actor=leader,
            project=project,
            period_start=period.start,
            note=f"Rapportage {period.start:%m-%Y} t/m {period.end:%m-%Y} ingediend.",
        )


# The planned spending per quarter, as shares of the budget: a slow start (recruiting,
# the tender of the guidance), the bulk in the middle, a lighter last quarter.
PLAN_WEIGHTS = (1, 2, 4, 4, 4, 3, 2)


def _enter_costs(project: Project, leader: Actor, today: date) -> None:
    """An uneven spending plan, the staff hours of every past quarter, one material
    cost and co-financing by employers and the municipality (participants' costs come
    from the demo's enrolments)."""
    quarters = rules.reporting_periods(project.period, rules.Cadence.QUARTERLY)
    weights = [
        PLAN_WEIGHTS[min(i, len(PLAN_WEIGHTS) - 1)] for i in range(len(quarters))
    ]
    planned = project.direct_costs_cents * 9 // 10  # a tenth held back for the end
    actions.set_planned_spending(
        actor=leader,
        project=project,
        amounts={
            q.start: planned * w // sum(weights) // 100 * 100
            for q, w in zip(quarters, weights, strict=True)
        },
    )
    for index, quarter in enumerate(q for q in quarters if q.end < today):
        actions.add_cost_entry(
            actor=leader,
            project=project,
            kind=CostKind.STAFF,
            entered_on=quarter.end,
            description="Begeleiding en coördinatie",
            hours=Decimal(60 + 30 * min(index, 3)),
            hourly_rate_cents=78_50,
            evidence_note=f"Urenstaten {quarter.start:%m}–{quarter.end:%m-%Y}, projectmap",
        )
    actions.add_cost_entry(
        actor=leader,
        project=project,
        kind=CostKind.MATERIAL,
        entered_on=quarters[0].end,
        description="Werkboeken en toetsen loopbaanoriëntatie",
        amount_cents=4_250_00,
        evidence_note="Factuur 2024-118 van de uitgever",
    )
    for source, status, cents in (
        ("Werkgevers in de techniek", CoFinancingStatus.PLEDGED, 30_000_00),
        ("Werkgevers in de techniek", CoFinancingStatus.RECEIVED, 12_500_00),
        ("Gemeente Veenstad", CoFinancingStatus.RECEIVED, 10_000_00),
    ):
        actions.add_co_financing(
            actor=leader,
            project=project,
            source=source,
            status=status,
            entered_on=project.starts_on,
            amount_cents=cents,
            evidence_note="Toezeggingsbrief in de projectmap",
        )


def _add_indicator(
    activity: Activity, position: int, spec: IndicatorSpec, leader: Actor
) -> Indicator:
    indicator = actions.add_indicator(
        activity=activity,
        name=spec.name,
        unit=spec.unit,
        kind=spec.kind,
        position=position,
        definition=spec.definition,
        target=Decimal(spec.target),
    )
    if spec.kind == IndicatorKind.MANUAL:
        actions.enter_manual_value(
            actor=leader,
            indicator=indicator,
            value=Decimal(18),
            evidence_note="Gespreksverslagen van het werkgeversservicepunt, map 2.3.",
        )
    elif spec.kind == IndicatorKind.DELIVERABLE:
        delivered = activity.project.code == "DEMO-02"
        actions.update_deliverable(
            actor=leader,
            indicator=indicator,
            status=DeliverableStatus.DELIVERED
            if delivered
            else DeliverableStatus.DRAFT,
            evidence_note=(
                "Getekend convenant, versie 1.0."
                if delivered
                else "Concept besproken in de stuurgroep."
            ),
        )
    return indicator


def _change_targets(
    spec: ProjectSpec,
    indicators: dict[str, Indicator],
    leader: Actor,
    manager: Actor,
    today: date,
) -> None:
    """DEMO-01: one change the funder approved, one that still awaits the programme
    manager (the change request a new user can approve)."""
    if spec.code != "DEMO-01":
        return
    for name, target, reason, days_ago, approved in TARGET_CHANGES:
        change = actions.propose_target_change(
            actor=leader,
            indicator=indicators[name],
            new_value=Decimal(target),
            reason=reason,
            kind=TargetChangeKind.INFORMAL_CONSULTATION,
            changed_on=today - timedelta(days=days_ago),
        )
        if approved:
            actions.approve_target_change(actor=manager, change=change)
