"""Reads about people that are not single permission-checked records.

Reads of one person's data go through access.py first (which logs); the helpers here
take an already-accessed person or dossier. Aggregates for analysts suppress small
cells (k ≥ 5) and count a person registered by two partners once in region figures.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common.smallcells import suppress_small_cells, suppress_total
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.people import rules
from regiowerk.people.access import accessible_persons
from regiowerk.people.constants import (
    AccessPurpose,
    ConsentPurpose,
    ContactStatus,
    DossierStatus,
    EducationLevel,
    Gender,
    LabourStatus,
)
from regiowerk.people.models import (
    AccessLog,
    Consent,
    ContactMoment,
    Dossier,
    LabourStatusObservation,
    Person,
    PlanAction,
    PublishedOverview,
)

# --- Finding persons ----------------------------------------------------------------------


def _postcode_prefix(raw: str) -> str:
    """What was typed into a postcode filter, written as stored ("8011AB" → "8011 AB")."""
    compact = raw.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) > 4 else compact


def persons_found(
    *, actor: Actor, search: str = "", postcode: str = "", labour_status: str = ""
) -> QuerySet[Person]:
    """The persons ``actor`` may read for casework (``access.accessible_persons``),
    filtered by name ``search``, ``postcode`` prefix and ``labour_status``, by name.

    Not logged: the caller logs the rows it shows (``access.log_access``).
    """
    persons = accessible_persons(
        actor=actor, purpose=AccessPurpose.CASEWORK, search=search
    )
    if postcode:
        persons = persons.filter(postcode__istartswith=_postcode_prefix(postcode))
    if labour_status:
        persons = persons.filter(labour_status=labour_status)
    return persons.order_by("last_name", "first_name", "pk")


# --- One person's records (the caller has accessed the person) ----------------------------


def dossiers_of(*, person: Person) -> QuerySet[Dossier]:
    """The person's dossiers, newest first."""
    return person.dossiers.select_related("organisation", "responsible").order_by(
        "-opened_on", "-created_at"
    )


def open_dossier_of(*, person: Person, organisation: Organisation) -> Dossier | None:
    """The organisation's open dossier for the person, if any."""
    return person.dossiers.filter(
        organisation=organisation, status=DossierStatus.OPEN
    ).first()


def plan_actions_of(*, dossier: Dossier) -> QuerySet[PlanAction]:
    """Plan actions: open ones first by due date, then the done ones."""
    return dossier.plan_actions.order_by("done_on", "due_on", "created_at")


def plan_action_of(*, dossier: Dossier, plan_action_id: int) -> PlanAction:
    """One of the dossier's plan actions; ``PlanAction.DoesNotExist`` if not."""
    return dossier.plan_actions.get(pk=plan_action_id)


def contact_moments_of(*, dossier: Dossier) -> QuerySet[ContactMoment]:
    """Contact moments, newest first (the latest recorded first on the same time)."""
    return dossier.contact_moments.select_related(
        "recorded_by", "cancelled_by"
    ).order_by("-occurred_at", "-pk")


def contact_moment_of(*, dossier: Dossier, contact_id: int) -> ContactMoment:
    """One of the dossier's contact moments; ``ContactMoment.DoesNotExist`` if not."""
    return dossier.contact_moments.get(pk=contact_id)


def consents_of(*, person: Person) -> QuerySet[Consent]:
    """All consents (active and withdrawn), newest first."""
    return person.consents.select_related(
        "partner", "recorded_by", "withdrawn_by"
    ).order_by("-given_on", "-created_at")


def consent_of(*, person: Person, consent_id: int) -> Consent:
    """One of the person's consents; ``Consent.DoesNotExist`` if not."""
    return person.consents.get(pk=consent_id)


def labour_status_history(*, person: Person) -> QuerySet[LabourStatusObservation]:
    """Labour-status observations, newest first."""
    return person.labour_status_observations.select_related("recorded_by").order_by(
        "-observed_on", "-created_at"
    )


def access_log_of(*, person: Person) -> QuerySet[AccessLog]:
    """Who read this person's data (for the data-subject export and the dossier)."""
    return person.access_log.select_related("user", "organisation").order_by("-at")


def has_active_consent(
    *, person: Person, purpose: str, partner: Organisation | None = None
) -> bool:
    """True when the person has an active consent for ``purpose`` (and ``partner``)."""
    consents = Consent.objects.active().filter(person=person, purpose=purpose)
    if partner is not None:
        consents = consents.filter(partner=partner)
    return consents.exists()


def sharing_partners_of(*, person: Person) -> QuerySet[Organisation]:
    """Organisations the person currently shares their data with."""
    return Organisation.objects.filter(
        pk__in=Consent.objects.active()
        .filter(person=person, purpose=ConsentPurpose.SHARING)
        .values("partner_id")
    )


# --- Aggregates (analysts, project leaders) ---------------------------------------------

AGGREGATE_DIMENSIONS = (
    "labour_status",
    "gender",
    "education_level",
    "age_group",
    "is_50_plus",
    "has_occupational_disability",
    "is_banenafspraak",
)
AGE_GROUPS = ("under_27", "27_to_49", "50_plus", "unknown")
_AGGREGATE_ROLES = (Role.ANALYST, Role.PROJECT_LEADER)


@dataclass(frozen=True)
class Aggregate:
    """Counts per value of one dimension; hidden cells shown as "x" (see common.smallcells)."""

    by: str
    cells: dict[str, int | str]
    total: int | str
    scope: str  # "organisation" or "region"
    counted_on: date  # the figures are as of this day (published once a month)


YOUTH_AGE = 27  # youth (jongeren) boundary used in Dutch programmes


def _age_group(today: date) -> Case:
    """The age group of a person on ``today``, as SQL: from the birth date, or from the
    birth year kept after erasure (then the conservative, younger age: the year's
    birthday is taken as not yet reached)."""
    youth = rules.latest_birth_date_for_age(today, YOUTH_AGE)
    fifty = rules.latest_birth_date_for_50_plus(today)
    return Case(
        When(birth_date__gt=youth, then=Value("under_27")),
        When(birth_date__lte=fifty, then=Value("50_plus")),
        When(birth_date__isnull=False, then=Value("27_to_49")),
        When(birth_year__gt=today.year - YOUTH_AGE - 1, then=Value("under_27")),
        When(
            birth_year__lte=today.year - rules.FIFTY_PLUS_AGE - 1, then=Value("50_plus")
        ),
        When(birth_year__isnull=False, then=Value("27_to_49")),
        default=Value("unknown"),
        output_field=CharField(),
    )


def _choices(column: str, values: Any) -> dict[str, Q]:
    return {value: Q(**{column: value}) for value in values}


def _yes_no(condition: Q) -> dict[str, Q]:
    return {"true": condition, "false": ~condition}


# dimension: {cell key: which persons the cell counts}
_CELLS: dict[str, dict[str, Q]] = {
    "labour_status": _choices("labour_status", LabourStatus.values),
    "gender": _choices("gender", Gender.values),
    "education_level": _choices("education_level", EducationLevel.values),
    "age_group": _choices("age_group", AGE_GROUPS),
    "is_50_plus": _yes_no(Q(age_group="50_plus")),
    "has_occupational_disability": _yes_no(Q(has_occupational_disability=True)),
    "is_banenafspraak": _yes_no(Q(is_banenafspraak=True)),
}


def _count_all(persons: QuerySet[Person], today: date) -> dict[str, dict[str, int]]:
    """Every cell of every overview, in one query (conditional counts)."""
    counts = persons.annotate(age_group=_age_group(today)).aggregate(
        **{
            f"{by}__{key}": Count("pk", filter=condition)
            for by, cells in _CELLS.items()
            for key, condition in cells.items()
        }
    )
    return {
        by: {key: counts[f"{by}__{key}"] for key in cells}
        for by, cells in _CELLS.items()
    }


def _counted_persons(actor: Actor) -> tuple[QuerySet[Person], str, int]:
    if actor.has_role(Role.PROJECT_LEADER):
        persons = Person.objects.filter(
            organisation__region_id=actor.organisation.region_id,
            counts_in_region=True,
        )
        return persons, "region", actor.organisation.region_id
    organisation = actor.organisation
    return (
        Person.objects.filter(organisation=organisation),
        "organisation",
        organisation.pk,
    )


def _published(actor: Actor, today: date | None) -> PublishedOverview:
    """The overviews of the actor's scope as published for ``today``'s month: counted
    at the first look in that month, then unchanged (see PublishedOverview)."""
    if not actor.has_role(*_AGGREGATE_ROLES):
        raise PermissionDenied(_("Aggregates are for analysts and project leaders."))
    today = today or timezone.localdate()
    persons, scope, scope_id = _counted_persons(actor)
    published, _created = PublishedOverview.objects.get_or_create(
        scope=scope,
        scope_id=scope_id,
        month=today.replace(day=1),
        defaults={"counts": lambda: _count_all(persons, today)},
    )
    return published


def _aggregate(by: str, published: PublishedOverview) -> Aggregate:
    full = published.counts[by]
    return Aggregate(
        by=by,
        cells=suppress_small_cells(full),
        total=suppress_total(sum(full.values())),
        scope=published.scope,
        counted_on=timezone.localdate(published.counted_at),
    )


def person_overviews(*, actor: Actor, today: date | None = None) -> list[Aggregate]:
    """Every overview (AGGREGATE_DIMENSIONS) of the actor's scope, as published for this
    month, in one query once published.

    Scope: the actor's organisation; the whole region for project leaders. Raises
    PermissionDenied for actors without an analyst or project-leader role.
    """
    published = _published(actor, today)
    return [_aggregate(by, published) for by in AGGREGATE_DIMENSIONS]


def person_aggregates(*, actor: Actor, by: str, today: date | None = None) -> Aggregate:
    """Counts of persons per value of ``by`` (see AGGREGATE_DIMENSIONS), as published
    for this month (see :func:`person_overviews`). Raises ValueError for an unknown
    dimension."""
    if by not in AGGREGATE_DIMENSIONS:
        raise ValueError(f"Unknown dimension: {by!r}")
    return _aggregate(by, _published(actor, today))


# --- The start page's worklist (people.worklist shapes them into panels) ------------------


def caseload(*, actor: Actor) -> QuerySet[Dossier]:
    """The actor's own clients: the open dossiers in their organisation they are the
    responsible consultant of.

    Not logged: a page shows them through ``access.read_records`` (which logs)."""
    if actor.user is None or not actor.does_casework:
        return Dossier.objects.none()
    return Dossier.objects.filter(
        organisation=actor.organisation,
        status=DossierStatus.OPEN,
        responsible=actor.user,
        person__is_anonymised=False,
    )


def end_of_week(today: date) -> date:
    """The Sunday of ``today``'s week (a Dutch week runs Monday to Sunday)."""
    return today + timedelta(days=6 - today.weekday())


def plan_actions_due(*, actor: Actor, today: date) -> QuerySet[PlanAction]:
    """Open plan actions of the actor's caseload that are overdue or due by the end of
    this week, earliest first."""
    return (
        PlanAction.objects.filter(
            dossier__in=caseload(actor=actor),
            done_on__isnull=True,
            due_on__lte=end_of_week(today),
        )
        .select_related("dossier")
        .order_by("due_on", "created_at")
    )


def planned_contacts(*, actor: Actor) -> QuerySet[ContactMoment]:
    """Contact moments planned in the actor's caseload and not yet recorded as held,
    earliest first (one planned in the past and not recorded is still listed)."""
    return (
        ContactMoment.objects.filter(
            dossier__in=caseload(actor=actor), status=ContactStatus.PLANNED
        )
        .select_related("dossier")
        .order_by("occurred_at", "pk")
    )


def recently_changed_dossiers(*, actor: Actor) -> QuerySet[Dossier]:
    """Dossiers of the actor's organisation by their latest change, newest first: the
    dossier itself, a plan action or a contact moment."""
    if not actor.does_casework:
        return Dossier.objects.none()
    latest_action = Subquery(
        PlanAction.objects.filter(dossier=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    latest_contact = Subquery(
        ContactMoment.objects.filter(dossier=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    return (
        Dossier.objects.filter(
            organisation=actor.organisation, person__is_anonymised=False
        )
        .annotate(
            changed_at=Greatest(
                F("updated_at"),
                Coalesce(latest_action, F("updated_at")),
                Coalesce(latest_contact, F("updated_at")),
            )
        )
        .order_by("-changed_at", "pk")
    )
