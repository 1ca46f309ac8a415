"""Reads of candidacies and placements for a use case, over the gate in
``people.access``: a person's name is shown (and the read logged) only to who may read
the person; the pipeline's workers see the rest of a candidacy without the name.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from regiowerk.employers.models import Vacancy
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import (
    AccessDenied,
    access_record,
    accessible_records,
    log_access,
)
from regiowerk.people.constants import AccessPurpose
from regiowerk.placements.constants import Stage
from regiowerk.placements.models import Candidacy, CandidacyStep, Placement
from regiowerk.placements.permissions import PIPELINE_ROLES, may_work_candidacy

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
        "employer", "vacancy", "candidacy", "organisation", "responsible"
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


__all__ = [
    "CandidacyRow",
    "Pipeline",
    "access_candidacy",
    "access_placement",
    "candidacy_to_work",
    "pipeline_of",
    "visible_candidacies",
]
