"""Reads of the monitoring app: programmes and the programme overview.

The overview runs a fixed number of queries, whatever the number of projects and
indicators: projects, their parties, their indicators with targets, and one aggregate
per fact table for all computed indicators together (``common.facts.evaluate_all``).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.exceptions import NotFoundOrNoAccess
from regiowerk.monitoring import rules
from regiowerk.monitoring.constants import (
    MONITORING_ROLES,
    IndicatorKind,
    TargetChangeStatus,
)
from regiowerk.monitoring.models import (
    Activity,
    CoFinancing,
    CostEntry,
    DeliverableDocument,
    EligibilityRule,
    Indicator,
    PeriodReport,
    PlannedSpending,
    Programme,
    Project,
    ProjectParty,
    RealisedEntry,
    TargetChange,
)
from regiowerk.monitoring.permissions import READER_ROLES, may_read_project
from regiowerk.organisations.queries import Actor


def programmes() -> QuerySet[Programme]:
    return Programme.objects.order_by("name", "pk")


def check_sees_monitoring(actor: Actor) -> None:
    """Programmes and their overview (aggregates, no persons): the monitoring roles of
    any organisation."""
    if not actor.has_role(*MONITORING_ROLES):
        raise PermissionDenied(_("Your role does not see programme monitoring."))


def get_programme(*, actor: Actor, programme_id: int) -> Programme:
    check_sees_monitoring(actor)
    programme = programmes().filter(pk=programme_id).first()
    if programme is None:
        raise NotFoundOrNoAccess
    return programme


def readable_projects(actor: Actor) -> QuerySet[Project]:
    """The projects the actor may read, as ``permissions.may_read_project`` decides one:
    its organisation takes part in the project or funds its programme."""
    if not actor.has_role(*READER_ROLES):
        return Project.objects.none()
    organisation_id = actor.organisation.pk
    is_party = Exists(
        ProjectParty.objects.filter(
            project=OuterRef("pk"), organisation_id=organisation_id
        )
    )
    return Project.objects.filter(
        Q(is_party) | Q(programme__funder_organisation_id=organisation_id)
    ).select_related("programme")


@dataclass(frozen=True)
class ProjectRow:
    """One line of the programme overview."""

    project: Project
    indicators: int
    met: int
    revised: int
    missed: int

    @property
    def requested_percentage(self) -> int | None:
        return self.project.requested_percentage_of_max


def realised_values(
    pairs: Sequence[tuple[Indicator, Project]],
) -> dict[int, Decimal | None]:
    """Per indicator id, the realised figure: counted from the registry over its
    project's scope and period for a computed indicator (a share in whole percent),
    as entered otherwise. All computed ones together, in one query per fact table."""
    values: dict[int, Decimal | None] = {}
    computed: list[tuple[Indicator, facts.Definition]] = []
    questions: list[facts.Question] = []
    for indicator, project in pairs:
        if indicator.kind != IndicatorKind.COMPUTED:
            values[indicator.pk] = indicator.realised_value
            continue
        definition = facts.parse_definition(indicator.definition)
        computed.append((indicator, definition))
        questions.append(
            facts.Question(
                definition,
                project.scope(),
                start=project.starts_on,
                end=project.ends_on,
            )
        )
    for (indicator, definition), figure in zip(
        computed, facts.evaluate_all(questions), strict=True
    ):
        values[indicator.pk] = facts.reported(definition, figure)
    return values


def programme_overview(programme: Programme, *, today: date) -> list[ProjectRow]:
    """Every project of ``programme`` with its targets met, revised and missed
    (a revised target also counts as met or missed on its current value)."""
    projects = list(
        programme.projects.order_by("code", "pk").prefetch_related(
            Prefetch("parties", queryset=ProjectParty.objects.order_by("pk"))
        )
    )
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in (
        Indicator.objects.filter(activity__project__programme=programme)
        .select_related("target", "activity")
        .order_by("activity__position", "position")
    ):
        indicators[indicator.activity.project_id].append(indicator)
    realised = realised_values(
        [
            (indicator, project)
            for project in projects
            for indicator in indicators[project.pk]
        ]
    )
    rows = []
    for project in projects:
        met = revised = missed = 0
        is_over = project.ends_on < today
        for indicator in indicators[project.pk]:
            target = indicator.target
            status = rules.target_status(
                current=target.current_value,
                realised=realised[indicator.pk],
                is_over=is_over,
            )
            met += status is rules.TargetStatus.MET
            missed += status is rules.TargetStatus.MISSED
            revised += target.is_revised
        rows.append(
            ProjectRow(
                project=project,
                indicators=len(indicators[project.pk]),
                met=met,
                revised=revised,
                missed=missed,
            )
        )
    return rows


def readable_project_ids(actor: Actor, rows: list[ProjectRow]) -> frozenset[int]:
    """Which of the overview's projects the actor may open (parties are prefetched)."""
    return frozenset(
        row.project.pk
        for row in rows
        if may_read_project(actor=actor, project=row.project)
    )


def get_project(*, actor: Actor, project_id: int) -> Project:
    """A project the actor may read, with its programme and parties; an unknown and a
    forbidden id raise the same NotFoundOrNoAccess."""
    project = (
        Project.objects.select_related("programme")
        .prefetch_related(
            Prefetch("parties", queryset=ProjectParty.objects.order_by("role", "name"))
        )
        .filter(pk=project_id)
        .first()
    )
    if project is None or not may_read_project(actor=actor, project=project):
        raise NotFoundOrNoAccess
    return project


def activities(project: Project) -> list[Activity]:
    """The project's activities in order, each with its number of indicators."""
    return list(
        project.activities.annotate(indicator_count=Count("indicators")).order_by(
            "position", "name", "pk"
        )
    )


def indicators_of(project: Project) -> QuerySet[Indicator]:
    """The project's indicators in order, with their activity and target."""
    return (
        Indicator.objects.filter(activity__project=project)
        .select_related("activity", "target")
        .order_by("activity__position", "activity__name", "position", "pk")
    )


def project_indicators(project: Project) -> list[Indicator]:
    return list(indicators_of(project))


def get_activity(*, project: Project, activity_id: int) -> Activity:
    """An activity of ``project`` (already checked for the actor)."""
    return project.activities.get(pk=activity_id)


def get_indicator(*, project: Project, indicator_id: int) -> Indicator:
    """An indicator of ``project`` (already checked for the actor)."""
    return Indicator.objects.select_related(
        "activity__project__programme", "target"
    ).get(pk=indicator_id, activity__project=project)


def get_target_change(*, project: Project, change_id: int) -> TargetChange:
    return TargetChange.objects.get(
        pk=change_id, target__indicator__activity__project=project
    )


def target_changes_of(project: Project) -> QuerySet[TargetChange]:
    """Every target change of the project, oldest first, with who recorded and decided."""
    return (
        TargetChange.objects.filter(target__indicator__activity__project=project)
        .select_related("target__indicator", "recorded_by", "decided_by")
        .order_by("created_at", "pk")
    )


def target_changes(project: Project) -> list[TargetChange]:
    return list(target_changes_of(project))


def pending_target_changes(project: Project) -> list[TargetChange]:
    """The changes a project leader proposed that await the programme manager."""
    return list(
        TargetChange.objects.filter(
            target__indicator__activity__project=project,
            status=TargetChangeStatus.PENDING,
        )
        .select_related("target__indicator")
        .order_by("created_at", "pk")
    )


def realised_entries(project: Project) -> list[RealisedEntry]:
    """Every value and deliverable status entered for the project, oldest first."""
    return list(
        RealisedEntry.objects.filter(indicator__activity__project=project)
        .select_related("indicator", "recorded_by")
        .order_by("created_at", "pk")
    )


def get_document(*, indicator: Indicator, document_id: int) -> DeliverableDocument:
    """One version of a deliverable's document (``DoesNotExist`` if not this one's)."""
    return indicator.documents.get(pk=document_id)


def documents(indicator: Indicator) -> list[DeliverableDocument]:
    """The versions of a deliverable's document, newest first, with their uploaders."""
    return list(indicator.documents.select_related("uploaded_by").order_by("-version"))


def cost_entries(project: Project) -> list[CostEntry]:
    """The project-level costs entered, by date, with who entered them."""
    return list(
        CostEntry.objects.filter(project=project)
        .select_related("recorded_by", "withdrawn_by")
        .order_by("entered_on", "pk")
    )


def co_financing(project: Project) -> list[CoFinancing]:
    """The co-financing recorded, by date, with who recorded it."""
    return list(
        CoFinancing.objects.filter(project=project)
        .select_related("recorded_by", "withdrawn_by")
        .order_by("entered_on", "pk")
    )


MONEY_ENTRY_KINDS: dict[str, type[CostEntry] | type[CoFinancing]] = {
    "kosten": CostEntry,
    "cofinanciering": CoFinancing,
}


def get_money_entry(
    *, project: Project, kind: str, entry_id: int
) -> CostEntry | CoFinancing:
    """A cost ("kosten") or co-financing ("cofinanciering") entry of ``project``
    (already checked for the actor); ``DoesNotExist`` for another's or an unknown kind."""
    model = MONEY_ENTRY_KINDS.get(kind)
    if model is None:
        raise CostEntry.DoesNotExist
    entry: CostEntry | CoFinancing = model.objects.select_related(
        "project__programme"
    ).get(pk=entry_id, project=project)
    return entry


def planned_spending(project: Project) -> dict[date, int]:
    """The planned spending by the first day of its reporting period."""
    return dict(
        PlannedSpending.objects.filter(project=project).values_list(
            "period_start", "amount_cents"
        )
    )


@dataclass(frozen=True)
class ReportDue:
    """The report over one ended reporting period of a project, with its row (when it
    was submitted or reminded) if there is one."""

    project: Project
    period: rules.Period
    due_on: date
    report: PeriodReport | None

    @property
    def is_submitted(self) -> bool:
        return self.report is not None and self.report.submitted_at is not None

    def is_overdue(self, today: date) -> bool:
        return not self.is_submitted and self.due_on < today

    def days_late(self, today: date) -> int:
        return (today - self.due_on).days if self.is_overdue(today) else 0


def due_reports(projects: Sequence[Project], *, today: date) -> list[ReportDue]:
    """The report of every period of ``projects`` that ended before ``today``, oldest
    first per project, in one query (the periods follow from the programme's cadence);
    none for a programme closed by ``today``."""
    rows = {
        (r.project_id, r.period_start): r
        for r in PeriodReport.objects.filter(project__in=projects).select_related(
            "submitted_by"
        )
    }
    due = []
    for project in projects:
        programme = project.programme
        if programme.is_closed(today):
            continue  # settled: nothing is due any more
        cadence = rules.Cadence(programme.reporting_cadence)
        for period in rules.reporting_periods(project.period, cadence):
            if period.end >= today:
                break
            due.append(
                ReportDue(
                    project=project,
                    period=period,
                    due_on=rules.report_due_on(
                        period, days_after_end=programme.report_due_days
                    ),
                    report=rows.get((project.pk, period.start)),
                )
            )
    return due


def overdue_reports(projects: Sequence[Project], *, today: date) -> list[ReportDue]:
    """The reports of ``projects`` past their due date and not submitted, longest late
    first (one query)."""
    late = [d for d in due_reports(projects, today=today) if d.is_overdue(today)]
    return sorted(late, key=lambda d: (d.due_on, d.project.code))


def programme_projects(programme: Programme) -> list[Project]:
    """The programme's projects with their parties (two queries)."""
    return list(
        programme.projects.select_related("programme")
        .prefetch_related("parties")
        .order_by("code", "pk")
    )


def get_programme_by_code(*, actor: Actor, code: str) -> Programme:
    """A programme by its code (the rules pages name it so), as ``get_programme``."""
    check_sees_monitoring(actor)
    programme = programmes().filter(code=code).first()
    if programme is None:
        raise NotFoundOrNoAccess
    return programme


def get_eligibility_rule(*, programme: Programme, rule_id: int) -> EligibilityRule:
    return EligibilityRule.objects.select_related("programme").get(
        pk=rule_id, programme=programme
    )
