"""Reads of candidacies and placements for a use case, over the gate in
``people.access``: a person's name is shown (and the read logged) only to who may read
the person; the pipeline's workers see the rest of a candidacy without the name.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from django.db.models import Count, Prefetch, Q, QuerySet

from regiowerk.employers.models import Vacancy
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import (
    AccessDenied,
    access_record,
    accessible_records,
    log_access,
)
from regiowerk.people.constants import AccessPurpose
from regiowerk.placements import risk_model, rules
from regiowerk.placements.constants import (
    RISK_FACTOR_LABELS,
    CheckInKind,
    ScheduleSource,
    Signal,
    Stage,
)
from regiowerk.placements.models import (
    Candidacy,
    CandidacyStep,
    CheckIn,
    FollowUpProgramme,
    FollowUpSchedule,
    Placement,
    PlacementEnding,
)
from regiowerk.placements.permissions import (
    PIPELINE_ROLES,
    may_follow_placement,
    may_see_follow_up_programmes,
    may_work_candidacy,
    require_follow_up_programme_keeper,
)

PURPOSE = AccessPurpose.CASEWORK
PIPELINE_SHOWN = 200  # candidacies a vacancy's pipeline page lists at most


@dataclass(frozen=True)
class CandidacyRow:
    """A candidacy as the actor sees it: ``shows_person`` when they may read the
    person (then the read was logged), else the candidate stays unnamed."""

    candidacy: Candidacy
    shows_person: bool


def _candidacies() -> QuerySet[Candidacy]:
    return Candidacy.objects.select_related(
        "person", "vacancy__employer", "organisation"
    )


def _worked_by(actor: Actor) -> Q:
    """The candidacies the actor's pipeline roles work (none for other roles)."""
    if not actor.has_role(*PIPELINE_ROLES):
        return Q(pk__in=[])
    return Q(organisation=actor.organisation) | Q(
        vacancy__employer__account_organisation=actor.organisation
    )


def _shown(actor: Actor, rows: list[Candidacy], *, what: str) -> list[CandidacyRow]:
    """Which of ``rows`` name a person the actor may read (one query), logged."""
    readable = set(
        accessible_records(
            Candidacy.objects.filter(pk__in=[c.pk for c in rows]), actor=actor
        ).values_list("pk", flat=True)
    )
    persons = {c.person_id: c.person for c in rows if c.pk in readable}
    log_access(actor=actor, persons=persons.values(), purpose=PURPOSE, what=what)
    return [CandidacyRow(c, c.pk in readable) for c in rows]


def rows_shown(actor: Actor, page: list[Candidacy], *, what: str) -> list[CandidacyRow]:
    """A page of :func:`visible_candidacies` as the actor sees it, each named person
    logged (a fixed number of queries)."""
    return _shown(actor, page, what=what)


def visible_candidacies(actor: Actor) -> QuerySet[Candidacy]:
    """The candidacies the actor sees at all: those naming a person they may read, and
    those their pipeline roles work (unnamed when the person is not readable)."""
    readable = accessible_records(Candidacy.objects.all(), actor=actor).values("pk")
    return _candidacies().filter(Q(pk__in=readable) | _worked_by(actor))


def access_candidacy(
    *, actor: Actor, candidacy_id: Any, what: str = "candidacy"
) -> CandidacyRow:
    """The candidacy if the actor sees it (:func:`visible_candidacies`); the person's
    read is logged when shown. AccessDenied for an unknown, malformed or unseen id."""
    try:
        candidacy = access_record(
            _candidacies(), actor=actor, pk=candidacy_id, purpose=PURPOSE, what=what
        )
    except AccessDenied:
        worked = (
            _candidacies().filter(_worked_by(actor), pk=candidacy_id).first()
            if _is_uuid(candidacy_id)
            else None
        )
        if worked is None:
            raise
        return CandidacyRow(worked, shows_person=False)
    return CandidacyRow(candidacy, shows_person=True)


def candidacy_to_work(*, actor: Actor, candidacy_id: Any) -> CandidacyRow:
    """The candidacy if the actor may work it (move it on, end it, record its
    placement); otherwise the same not-found as an unknown id."""
    row = access_candidacy(actor=actor, candidacy_id=candidacy_id)
    if not may_work_candidacy(actor=actor, candidacy=row.candidacy):
        raise AccessDenied
    return row


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def steps_of(candidacy: Candidacy) -> QuerySet[CandidacyStep]:
    return candidacy.steps.all()


@dataclass(frozen=True)
class Pipeline:
    """A vacancy's candidacies as the actor sees them: the open ones per stage (in
    pipeline order), then the ended and placed ones."""

    stages: list[tuple[Stage, list[CandidacyRow]]]
    closed: list[CandidacyRow]

    @property
    def is_empty(self) -> bool:
        return not self.closed and not any(rows for _, rows in self.stages)


def pipeline_of(*, actor: Actor, vacancy: Vacancy) -> Pipeline:
    """The pipeline of ``vacancy`` for the actor, at most :data:`PIPELINE_SHOWN`
    candidacies (newest first): a fixed number of queries, each named person logged."""
    rows = list(
        visible_candidacies(actor)
        .filter(vacancy=vacancy)
        .order_by("-stage_on", "-created_at")[:PIPELINE_SHOWN]
    )
    shown = _shown(actor, rows, what="candidacies")
    open_rows = [r for r in shown if r.candidacy.is_open]
    return Pipeline(
        stages=[
            (stage, [r for r in open_rows if r.candidacy.stage == stage])
            for stage in Stage
            if stage != Stage.PLACED
        ],
        closed=[r for r in shown if not r.candidacy.is_open],
    )


def access_placement(
    *, actor: Actor, placement_id: Any, what: str = "placement", write: bool = False
) -> Placement:
    """The placement if the actor may read (``write``: change) its person; logged.
    AccessDenied for an unknown, malformed or forbidden id."""
    placements = Placement.objects.select_related(
        "employer",
        "vacancy",
        "candidacy",
        "organisation",
        "responsible",
        "follow_up_programme",
    )
    return access_record(
        placements,
        actor=actor,
        pk=placement_id,
        purpose=PURPOSE,
        what=what,
        write=write,
    )


def ending_of(placement: Placement) -> Any:
    return getattr(placement, "ending", None)


# --- Follow-up (nazorg) -----------------------------------------------------------------------
DUE_WITHIN_DAYS = 14  # a check-in shows as due from two weeks before its date
FOLLOW_UP_SHOWN = 100  # placements a follow-up page lists at most (riskiest first)


def schedule_of(placement: Placement) -> rules.Schedule:
    """The schedule ``placement`` follows: its own (``FollowUpSchedule``), else its
    follow-up programme's, else the default. Reads the placement's
    ``follow_up_schedule`` and ``follow_up_programme``: select them with it (as
    :func:`active_placements` does), or each is a query."""
    return _schedule(
        getattr(placement, "follow_up_schedule", None), placement.follow_up_programme
    )


def _schedule(
    own: FollowUpSchedule | None, programme: FollowUpProgramme | None
) -> rules.Schedule:
    chosen = own or programme
    if chosen is None:
        return rules.DEFAULT_SCHEDULE
    return schedule_from(chosen)


def schedule_from(record: FollowUpSchedule | FollowUpProgramme) -> rules.Schedule:
    """The ``rules.Schedule`` a stored schedule or programme gives."""
    return rules.Schedule(
        first_days=record.first_days,
        months=tuple(record.months),
        every_months=record.every_months,
        years=record.years,
    )


@dataclass(frozen=True)
class FollowUpPlan:
    """A placement's follow-up schedule and where it comes from (``source``): its own
    (``own``: who set it and why), its follow-up programme's (``programme``; kept
    while an own schedule overrides it) or the default; and the due dates it gives
    (up to the ending, if ended)."""

    placement: Placement
    schedule: rules.Schedule
    own: FollowUpSchedule | None
    due_dates: tuple[date, ...]
    programme: FollowUpProgramme | None = None

    @property
    def source(self) -> ScheduleSource:
        if self.own is not None:
            return ScheduleSource.OWN
        if self.programme is not None:
            return ScheduleSource.PROGRAMME
        return ScheduleSource.DEFAULT


def follow_up_plan(placement: Placement) -> FollowUpPlan:
    """The schedule of ``placement`` as stored now (three queries at most)."""
    own = (
        FollowUpSchedule.objects.filter(placement=placement)
        .select_related("set_by")
        .first()
    )
    programme = (
        FollowUpProgramme.objects.filter(pk=placement.follow_up_programme_id).first()
        if placement.follow_up_programme_id is not None
        else None
    )
    schedule = _schedule(own, programme)
    ending = PlacementEnding.objects.filter(placement=placement).first()
    dates = rules.check_in_dates(
        placement.starts_on, schedule, ends_on=ending.ends_on if ending else None
    )
    return FollowUpPlan(placement, schedule, own, tuple(dates), programme)


def follow_up_programmes(actor: Actor) -> QuerySet[FollowUpProgramme]:
    """The follow-up programmes of the actor's organisation, by name, each with how
    many active placements follow it (``active_placements``); none for a role that
    follows no placements. One query."""
    if not may_see_follow_up_programmes(actor):
        return FollowUpProgramme.objects.none()
    return (
        FollowUpProgramme.objects.filter(organisation=actor.organisation)
        .select_related("set_by")
        .annotate(
            active_placements=Count(
                "placements", filter=Q(placements__ending__isnull=True)
            )
        )
        .order_by("name", "pk")
    )


def get_follow_up_programme(*, actor: Actor, programme_id: Any) -> FollowUpProgramme:
    """One of :func:`follow_up_programmes`; FollowUpProgramme.DoesNotExist for an
    unknown id or another organisation's."""
    return follow_up_programmes(actor).get(pk=programme_id)


def follow_up_programme_to_keep(
    *, actor: Actor, programme_id: Any
) -> FollowUpProgramme:
    """The programme, if the actor may change it (a project leader or labour expert of
    its organisation): PermissionDenied for another role, DoesNotExist for an unknown
    id or another organisation's."""
    programme = get_follow_up_programme(actor=actor, programme_id=programme_id)
    require_follow_up_programme_keeper(actor=actor, programme=programme)
    return programme


class HeldCheckIn(Protocol):
    """What follow-up reads of a check-in: a ``CheckIn``, or a :class:`CheckInRow`."""

    @property
    def held_on(self) -> date: ...
    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def signals(self) -> dict[str, int]: ...


@dataclass(frozen=True)
class CheckInRow:
    """A check-in as a list of placements reads it: its date, kind, status and
    signals, without a model instance (a labour expert's list reads thousands)."""

    held_on: date
    kind: str
    status: str
    signals: dict[str, int]


@dataclass(frozen=True)
class FollowUp:
    """Where an active placement stands in its follow-up on ``today``
    (``rules.due``): the missed due dates still to act on (``overdue``: those since
    the last check-in), every missed one (``missed``: they weigh in the early
    warning), the next due date, and the early warning (``rules.risk``, with what
    drives it)."""

    placement: Placement
    overdue: tuple[date, ...]
    missed: tuple[date, ...]
    next_due: date | None
    risk: rules.Risk
    last_check_in: HeldCheckIn | None

    @property
    def due_on(self) -> date | None:
        """The one date to act on: the oldest overdue one, else the next."""
        return self.overdue[0] if self.overdue else self.next_due

    @property
    def reasons(self) -> list[tuple[str, int, int]]:
        """What drives the score, largest first: (what, how often, points)."""
        return [
            (str(RISK_FACTOR_LABELS[c.factor]), c.count, c.points)
            for c in self.risk.contributions
        ]

    def is_due(self, today: date, *, within_days: int = DUE_WITHIN_DAYS) -> bool:
        return bool(self.overdue) or (
            self.next_due is not None
            and self.next_due <= today + timedelta(days=within_days)
        )


def check_in_rows(placements: QuerySet[Placement]) -> dict[uuid.UUID, list[CheckInRow]]:
    """The check-ins of ``placements`` per placement, oldest first: one query."""
    found: dict[uuid.UUID, list[CheckInRow]] = defaultdict(list)
    names = Signal.values
    rows = (
        CheckIn.objects.filter(placement__in=placements.values("pk"))
        .order_by("held_on", "pk")
        .values_list("placement_id", "held_on", "kind", "status", *names)
    )
    for placement_id, held_on, kind, status, *given in rows:
        signals = {
            name: value
            for name, value in zip(names, given, strict=True)
            if value is not None
        }
        found[placement_id].append(CheckInRow(held_on, kind, status, signals))
    return found


def follow_up_of(
    placement: Placement,
    *,
    today: date,
    check_ins: Sequence[HeldCheckIn] | None = None,
) -> FollowUp:
    """The follow-up of one placement, from ``check_ins`` (:func:`check_in_rows`
    for a list of placements), else from its own (a query unless prefetched)."""
    if check_ins is None:
        check_ins = list(placement.check_ins.all())
    check_ins = sorted(check_ins, key=lambda c: c.held_on)
    scheduled = [c for c in check_ins if c.kind == CheckInKind.SCHEDULED]
    due_dates = rules.check_in_dates(placement.starts_on, schedule_of(placement))
    status = rules.due(today, due_dates, [c.held_on for c in scheduled])
    risk = risk_model.early_warning(
        rules.risk(
            today=today,
            due_dates=due_dates,
            check_ins=_check_in_facts(scheduled),
            contract_ends_on=placement.contract_ends_on,
            support_ends_on=placement.support_ends_on,
        )
    )
    return FollowUp(
        placement=placement,
        overdue=status.overdue,
        next_due=status.next_due,
        risk=risk,
        last_check_in=check_ins[-1] if check_ins else None,
        missed=status.missed,
    )


def _check_in_facts(scheduled: Sequence[HeldCheckIn]) -> list[rules.CheckInFacts]:
    return [
        rules.CheckInFacts(c.held_on, c.signals, rules.Level(c.status))
        for c in scheduled
        if c.status
    ]


def risk_histories() -> list[risk_model.History]:
    """Every placement as the statistical early warning learns from it (its due
    dates, scheduled check-ins and ending); three queries."""
    placements = Placement.objects.select_related(
        "ending", "follow_up_schedule", "follow_up_programme"
    ).prefetch_related(
        Prefetch(
            "check_ins",
            queryset=CheckIn.objects.filter(kind=CheckInKind.SCHEDULED).order_by(
                "held_on"
            ),
        )
    )
    histories = []
    for placement in placements.order_by("pk"):
        ending = ending_of(placement)
        histories.append(
            risk_model.History(
                key=str(placement.pk),
                starts_on=placement.starts_on,
                due_dates=rules.check_in_dates(
                    placement.starts_on, schedule_of(placement)
                ),
                check_ins=_check_in_facts(list(placement.check_ins.all())),
                contract_ends_on=placement.contract_ends_on,
                support_ends_on=placement.support_ends_on,
                ended_on=ending.ends_on if ending else None,
                ending_reason=ending.reason if ending else "",
            )
        )
    return histories


def active_placements() -> QuerySet[Placement]:
    return Placement.objects.filter(ending__isnull=True).select_related(
        "person",
        "employer",
        "follow_up_schedule",
        "follow_up_programme",
        "responsible",
    )


def follow_ups(*, actor: Actor, today: date, mine: bool = True) -> list[FollowUp]:
    """The active placements the actor follows up — their own as responsible labour
    expert or job coach (``mine``), or their organisation's (the team) —, at-risk
    first (highest score, then the date to act on), at most :data:`FOLLOW_UP_SHOWN`;
    each person shown is read through the gate and logged. A fixed number of queries
    (placements, check-ins, the access log)."""
    rows = _ranked_follow_ups(actor=actor, today=today, mine=mine)[:FOLLOW_UP_SHOWN]
    _log_shown(actor, rows, what="placements: follow-up")
    return rows


def due_follow_ups(
    *, actor: Actor, today: date, within_days: int, shown: int
) -> tuple[int, list[FollowUp]]:
    """The actor's own active placements with a check-in overdue or due within
    ``within_days``: how many, and the first ``shown`` of them, riskiest first (only
    those logged as read). Three queries (placements, check-ins, the access log)."""
    due = [
        row
        for row in _ranked_follow_ups(actor=actor, today=today, mine=True)
        if row.is_due(today, within_days=within_days)
    ]
    _log_shown(actor, due[:shown], what="start page: follow-up")
    return len(due), due[:shown]


def _ranked_follow_ups(*, actor: Actor, today: date, mine: bool) -> list[FollowUp]:
    if not actor.has_role(*PIPELINE_ROLES):
        return []
    placements = active_placements().filter(organisation=actor.organisation)
    if mine:
        placements = placements.filter(responsible=actor.user)
    placements = accessible_records(placements, actor=actor)
    found = list(placements)
    if not found:  # no check-ins to read
        return []
    check_ins = check_in_rows(placements)
    rows = [
        follow_up_of(p, today=today, check_ins=check_ins.get(p.pk, [])) for p in found
    ]
    rows.sort(key=lambda r: (-r.risk.score, r.due_on or date.max, str(r.placement.pk)))
    return rows


def _log_shown(actor: Actor, rows: list[FollowUp], *, what: str) -> None:
    log_access(
        actor=actor,
        persons={r.placement.person_id: r.placement.person for r in rows}.values(),
        purpose=PURPOSE,
        what=what,
    )


def check_ins_of(placement: Placement) -> QuerySet[CheckIn]:
    return placement.check_ins.prefetch_related("actions").order_by("-held_on")


def access_check_in(*, actor: Actor, check_in_id: Any, write: bool = False) -> CheckIn:
    """The check-in if the actor may read (``write``: change) its placement's
    person; logged. AccessDenied for an unknown, malformed or forbidden id."""
    return access_record(
        CheckIn.objects.select_related("placement__employer", "placement__person"),
        actor=actor,
        pk=check_in_id,
        purpose=PURPOSE,
        what="check-in",
        write=write,
        person_field="placement__person",
    )


def check_in_to_change(*, actor: Actor, placement_id: Any, check_in_id: Any) -> CheckIn:
    """The check-in of the placement in the path, if the actor follows it (may
    change it); otherwise the same not-found as an unknown id."""
    check_in = access_check_in(actor=actor, check_in_id=check_in_id)
    if str(check_in.placement_id) != str(placement_id) or not may_follow_placement(
        actor=actor, placement=check_in.placement
    ):
        raise AccessDenied
    return check_in


__all__ = [
    "CandidacyRow",
    "CheckInRow",
    "FollowUp",
    "Pipeline",
    "access_candidacy",
    "access_placement",
    "candidacy_to_work",
    "check_in_rows",
    "check_in_to_change",
    "due_follow_ups",
    "follow_up_programme_to_keep",
    "follow_up_programmes",
    "follow_ups",
    "get_follow_up_programme",
    "pipeline_of",
    "rows_shown",
    "visible_candidacies",
]
