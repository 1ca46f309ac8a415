"""The employer's view (Mijn medewerkers): what an employer contact
(``employers.EmployerContact``, a user without any partner organisation) sees of the
placements with their employer, and their request for help.

- Their contact persons: the labour experts or job coaches responsible for those
  placements.
- Each placed worker, read through ``people.access.read_placed_workers`` (logged): the
  follow-up status (the latest check-in's overall status and date) only when the worker
  consented to share their follow-up with the employer; without that consent, only that
  the placement exists.
- "Hulp vragen" lands as an ad-hoc contact (a check-in of kind ad hoc, with the
  employer) on the placement, for its labour expert to follow up.

Nothing here reads a dossier, another employer or a person not placed with the
contact's employer: every query starts from the contact's employer.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from regiowerk.employers.models import EmployerContact
from regiowerk.organisations.models import User
from regiowerk.people.access import AccessDenied, read_placed_workers
from regiowerk.placements.constants import CheckInKind, CheckInStatus, CheckInWith
from regiowerk.placements.models import NOTE_MAX_LENGTH, CheckIn, Placement

# the question is kept in the check-in's notes, after a short prefix
QUESTION_MAX_LENGTH = NOTE_MAX_LENGTH - 100


def contact_of(user: User) -> EmployerContact | None:
    """The employer contact ``user`` is, if any (an active user only)."""
    if not user.is_authenticated or not user.is_active:
        return None
    return (
        EmployerContact.objects.select_related("employer")
        .filter(user=user, employer__is_active=True)
        .first()
    )


def _active_placements(contact: EmployerContact, today: date) -> QuerySet[Placement]:
    """The contact's employer's placements that have not ended by ``today``."""
    return Placement.objects.filter(employer=contact.employer).filter(
        Q(ending__isnull=True) | Q(ending__ends_on__gte=today)
    )


@dataclass(frozen=True)
class ContactPerson:
    name: str
    email: str


@dataclass(frozen=True)
class WorkerRow:
    placement_id: uuid.UUID
    name: str
    kind: str  # shown (the label)
    starts_on: date
    shares_follow_up: bool
    status: str  # the latest check-in's overall status, shown; "" when not shared
    last_check_in: date | None  # None when not shared (or none held)
    kind_code: str  # the codes of kind and status, for the API ("" when not shared)
    status_code: str
    contact_person: str  # the name of the labour expert or job coach who follows it


@dataclass(frozen=True)
class EmployerOverview:
    employer_name: str
    contacts: list[ContactPerson]
    workers: list[WorkerRow]


def overview(contact: EmployerContact, today: date | None = None) -> EmployerOverview:
    """The employer's page: contact persons and placed workers. Four queries whatever
    the number of placements (the placements with their latest check-in, and the
    three of the gate)."""
    today = today or timezone.localdate()
    latest = CheckIn.objects.filter(placement=OuterRef("pk")).exclude(status="")
    placements = list(
        _active_placements(contact, today)
        .select_related("responsible")
        .annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_on=Subquery(latest.values("held_on")[:1]),
        )
        .order_by("starts_on", "pk")
    )
    workers = read_placed_workers(
        user=contact.user,
        person_ids={p.person_id for p in placements},
        what=_("employer's view"),
    )
    labels = dict(CheckInStatus.choices)
    rows = []
    contacts: dict[int, ContactPerson] = {}
    for placement in placements:
        worker = workers.get(placement.person_id)
        if worker is None:  # anonymised: nothing to show
            continue
        shared = worker.shares_follow_up
        status: str = placement.latest_status or ""
        expert = placement.responsible
        if expert is not None and not expert.is_active:
            expert = None
        if expert is not None:
            contacts[expert.pk] = ContactPerson(
                name=expert.get_full_name() or expert.username, email=expert.email
            )
        rows.append(
            WorkerRow(
                placement_id=placement.pk,
                name=worker.name,
                kind=placement.get_kind_display(),
                starts_on=placement.starts_on,
                shares_follow_up=shared,
                status=str(labels.get(status, "")) if shared else "",
                last_check_in=placement.latest_on if shared else None,
                kind_code=placement.kind,
                status_code=status if shared else "",
                contact_person=contacts[expert.pk].name if expert else "",
            )
        )
    rows.sort(key=lambda r: (r.name, str(r.placement_id)))
    return EmployerOverview(
        employer_name=contact.employer.name,
        contacts=sorted(contacts.values(), key=lambda c: c.name),
        workers=rows,
    )


def ask_for_help(
    *, contact: EmployerContact, placement_id: object, question: str
) -> CheckIn:
    """The contact's request for help about one of their placed workers: an ad-hoc
    contact with the employer on the placement, recorded by the contact. A placement
    that is not (or no longer) with their employer answers like one that does not
    exist (AccessDenied); an empty or too long question is a ValidationError naming
    the field."""
    question = question.strip()
    if not question:
        raise ValidationError({"question": _("Describe what you need help with.")})
    if len(question) > QUESTION_MAX_LENGTH:
        raise ValidationError(
            {
                "question": _("Use at most %(max)s characters.")
                % {"max": QUESTION_MAX_LENGTH}
            }
        )
    try:
        pk = uuid.UUID(str(placement_id))
    except ValueError:
        raise AccessDenied from None
    today = timezone.localdate()
    placement = _active_placements(contact, today).filter(pk=pk).first()
    if placement is None:
        raise AccessDenied
    return CheckIn.objects.create(
        placement=placement,
        held_on=today,
        kind=CheckInKind.AD_HOC,
        held_with=CheckInWith.EMPLOYER,
        notes=_("Request for help from the employer: %(question)s")
        % {"question": question},
        recorded_by=contact.user,
    )
