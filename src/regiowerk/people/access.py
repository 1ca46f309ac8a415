"""The one place that decides who may read personal data, and that logs every read.

Rules (DESIGN.md, privacy model):

    actor's roles           holding organisation    partner with ACTIVE sharing consent
    ───────────────────     ────────────────────    ───────────────────────────────────
    casework (consultant,   read + write            read only
    labour expert,
    project leader)
    analyst, account        denied                  denied        (aggregates: queries.py)
    manager, administrator

A denial raises :class:`AccessDenied` with the same message whether the person exists
or not, so ids cannot be probed. Every allowed read appends AccessLog rows. Consents are
read at each call, so a withdrawal takes effect at once.
"""

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet, UUIDField
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.exceptions import NotFoundOrNoAccess
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import Actor
from regiowerk.people import bsn as bsn_crypto
from regiowerk.people.constants import AccessPurpose, ConsentPurpose
from regiowerk.people.models import (
    AccessLog,
    Consent,
    ContactMoment,
    Dossier,
    Person,
    PlanAction,
)
from regiowerk.people.rules import is_valid_bsn, mask_bsn, normalise_bsn


class AccessDenied(NotFoundOrNoAccess):
    """No such person/dossier, or no right to it: deliberately indistinguishable."""

    message = _("Person not found or no access.")


M = TypeVar("M", bound=Model)

# Primary keys beyond a signed 64-bit integer exist in no table; refuse them before the
# database driver overflows.
_MAX_INT_PK = 2**63 - 1


def _check_purpose(purpose: str) -> None:
    if purpose not in AccessPurpose.values:
        raise ValueError(f"Unknown access purpose: {purpose!r}")


def _as_uuid(value: Any) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise AccessDenied from None


def _as_int(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise AccessDenied from None
    if not 0 < number <= _MAX_INT_PK:
        raise AccessDenied
    return number


def _as_pk(model: type[Model], value: Any) -> Any:
    """``value`` as a primary key of ``model`` (UUID or integer); AccessDenied if not."""
    if isinstance(model._meta.pk, UUIDField):
        return _as_uuid(value)
    if isinstance(value, bool):
        raise AccessDenied
    return _as_int(value)


def _readable_persons(*, actor: Actor, write: bool) -> QuerySet[Person]:
    """The one rule for who may read (``write``: change) which person records."""
    if not actor.does_casework:
        return Person.objects.none()
    allowed = Q(organisation=actor.organisation)
    if not write:
        shared = Consent.objects.active().filter(
            purpose=ConsentPurpose.SHARING, partner=actor.organisation
        )
        allowed |= Q(pk__in=shared.values("person_id"))
    return Person.objects.filter(allowed).select_related("organisation", "region")


# --- The gate: predicates, one record, a list of records ---------------------------------------


def may_read_person(*, actor: Actor, person: Person) -> bool:
    """Whether ``actor`` may read ``person`` (holding organisation, or a partner with
    the person's active sharing consent). Not logged: for decisions about a record the
    caller already read through this module."""
    if not actor.does_casework:
        return False
    if person.organisation_id == actor.organisation.pk:
        return True
    return _readable_persons(actor=actor, write=False).filter(pk=person.pk).exists()


def may_change_person(*, actor: Actor, person: Person) -> bool:
    """Whether ``actor`` may change ``person`` and what is recorded about them: casework
    at the holding organisation, and the record not anonymised. The one rule every
    app's views and actions use."""
    return (
        actor.does_casework
        and person.organisation_id == actor.organisation.pk
        and not person.is_anonymised
    )


def _person_filter(*, actor: Actor, write: bool, person_field: str) -> Q:
    persons = _readable_persons(actor=actor, write=write)
    return Q(**{f"{person_field}__in": persons.values("pk")})


def accessible_records(
    records: QuerySet[M],
    *,
    actor: Actor,
    write: bool = False,
    person_field: str = "person",
) -> QuerySet[M]:
    """``records`` (any model naming a person in ``person_field``) narrowed to those whose
    person ``actor`` may read (``write``: change). Not logged, so only for counting and
    for narrowing before :func:`read_records` or :func:`access_record`."""
    return records.filter(
        _person_filter(actor=actor, write=write, person_field=person_field)
    )


def access_record(
    records: QuerySet[M],
    *,
    actor: Actor,
    pk: Any,
    purpose: str,
    what: str,
    write: bool = False,
    person_field: str = "person",
) -> M:
    """The one record ``pk`` of ``records`` if ``actor`` may read (``write``: change) the
    person it names in ``person_field``; the read is logged.

    For every record that names a person (an enrolment, a placement, a voucher...):
    raises AccessDenied, the same for an unknown id, a malformed one and a forbidden
    one. ``records`` may carry ``select_related`` and extra filters (e.g. "of this
    service"); the person is always fetched with the record.
    """
    _check_purpose(purpose)
    key = _as_pk(records.model, pk)
    record = (
        accessible_records(records, actor=actor, write=write, person_field=person_field)
        .select_related(person_field)
        .filter(pk=key)
        .first()
    )
    if record is None:
        raise AccessDenied
    log_access(
        actor=actor,
        persons=[_person_of(record, person_field)],
        purpose=purpose,
        what=what,
    )
    return record


def read_records(
    records: QuerySet[M],
    *,
    actor: Actor,
    purpose: str,
    what: str,
    write: bool = False,
    person_field: str = "person",
) -> list[M]:
    """Evaluate ``records`` narrowed to the persons ``actor`` may read (``write``: change)
    and log one access row per person shown, in one step: a list page cannot forget to
    log. Slice or paginate ``records`` before passing them in; a fixed number of queries
    whatever the number of rows."""
    _check_purpose(purpose)
    sliced = records.query.is_sliced
    if not sliced:
        records = accessible_records(
            records, actor=actor, write=write, person_field=person_field
        )
    rows = list(records.select_related(person_field))
    if sliced:  # a sliced queryset cannot be filtered: check the slice's persons
        shown = {_person_of(row, person_field).pk for row in rows}
        allowed = set(
            _readable_persons(actor=actor, write=write)
            .filter(pk__in=shown)
            .values_list("pk", flat=True)
        )
        rows = [row for row in rows if _person_of(row, person_field).pk in allowed]
    persons: dict[Any, Person] = {}
    for row in rows:
        person = _person_of(row, person_field)
        persons.setdefault(person.pk, person)
    log_access(actor=actor, persons=persons.values(), purpose=purpose, what=what)
    return rows


def _person_of(record: Model, person_field: str) -> Person:
    value: Any = record
    for part in person_field.split("__"):
        value = getattr(value, part)
    if not isinstance(value, Person):
        raise TypeError(f"{person_field!r} of {type(record).__name__} is no Person")
    return value


def persons_for_counts(*, actor: Actor) -> QuerySet[Person]:
    """The persons ``actor``'s organisation works with (holds, or has an active sharing
    consent for), not anonymised, whatever the actor's own role: only for counts that
    name nobody (an account manager's number of candidates per vacancy). Not logged,
    because nothing about a person is shown; never display these rows."""
    shared = Consent.objects.active().filter(
        purpose=ConsentPurpose.SHARING, partner=actor.organisation
    )
    return Person.objects.filter(
        Q(organisation=actor.organisation) | Q(pk__in=shared.values("person_id")),
        is_anonymised=False,
    )


def accessible_persons(
    *, actor: Actor, purpose: str, search: str = "", write: bool = False
) -> QuerySet[Person]:
    """Persons ``actor`` may read (``write``: may change), optionally filtered by name.

    Anonymised persons are left out of lists and searches (they hold no personal data);
    :func:`access_person` still finds them by id.

    Does not log: a list view logs the rows it actually shows with :func:`log_access`.
    """
    _check_purpose(purpose)
    persons = _readable_persons(actor=actor, write=write).filter(is_anonymised=False)
    for term in search.split():
        persons = persons.filter(
            Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(name_prefix__iexact=term)
            | Q(email__icontains=term)
            | Q(city__icontains=term)
            | Q(postcode__istartswith=term)
        )
    return persons


def log_access(
    *, actor: Actor, persons: Iterable[Person], purpose: str, what: str
) -> None:
    """Append one access-log row per person read by ``actor``."""
    _check_purpose(purpose)
    AccessLog.objects.bulk_create(
        AccessLog(
            user=actor.user,
            organisation=actor.organisation,
            person=person,
            purpose=purpose,
            what=what[:100],
        )
        for person in persons
    )


def access_person(
    *,
    actor: Actor,
    person_id: uuid.UUID | str,
    purpose: str,
    what: str = "person",
    write: bool = False,
) -> Person:
    """The person ``person_id`` if ``actor`` may read it (``write``: change it); logged.

    Raises AccessDenied (same message for unknown and forbidden).
    """
    _check_purpose(purpose)
    pk = _as_uuid(person_id)
    person = _readable_persons(actor=actor, write=write).filter(pk=pk).first()
    if person is None:
        raise AccessDenied
    log_access(actor=actor, persons=[person], purpose=purpose, what=what)
    return person


def access_person_by_bsn(
    *, actor: Actor, bsn: str, purpose: str, what: str = "person-by-bsn"
) -> Person:
    """The person with this BSN among those ``actor`` may read; logged.

    The BSN is compared by pseudonym only. Raises ValidationError (field ``bsn``, the
    number not repeated) when it fails the elfproef, AccessDenied when no readable
    person has it. Pass the BSN in a request body, never in a URL.
    """
    normalised = normalise_bsn(bsn)
    if not is_valid_bsn(normalised):
        raise ValidationError(
            {
                "bsn": ValidationError(
                    _(
                        "This is not a valid BSN: it must have 9 digits and pass the 11-check."
                    ),
                    code="invalid",
                )
            }
        )
    pseudonym = bsn_crypto.pseudonymise_bsn(normalised)
    found = list(
        accessible_persons(actor=actor, purpose=purpose).filter(bsn_pseudonym=pseudonym)
    )
    # Prefer the actor's own record when a partner also shares theirs.
    found.sort(key=lambda p: p.organisation_id != actor.organisation.pk)
    if not found:
        raise AccessDenied
    log_access(actor=actor, persons=found[:1], purpose=purpose, what=what)
    return found[0]


def access_dossier(
    *,
    actor: Actor,
    dossier_id: uuid.UUID | str,
    purpose: str,
    what: str = "dossier",
    write: bool = False,
) -> Dossier:
    """The dossier ``dossier_id`` if ``actor`` may read its person; logged.

    Writing a dossier is for its own organisation only. Raises AccessDenied.
    """
    pk = _as_uuid(dossier_id)
    persons = accessible_persons(actor=actor, purpose=purpose, write=write)
    dossiers = Dossier.objects.filter(pk=pk, person__in=persons)
    if write:
        dossiers = dossiers.filter(organisation=actor.organisation)
    dossier = dossiers.select_related("person", "organisation").first()
    if dossier is None:
        raise AccessDenied
    log_access(actor=actor, persons=[dossier.person], purpose=purpose, what=what)
    return dossier


def access_plan_action(
    *, actor: Actor, plan_action_id: int, purpose: str, write: bool = False
) -> PlanAction:
    """A plan action, if ``actor`` may read (``write``: change) its dossier; logged."""
    return _in_dossier(
        PlanAction,
        plan_action_id,
        actor=actor,
        purpose=purpose,
        what="plan-action",
        write=write,
    )


def access_contact_moment(
    *, actor: Actor, contact_id: int, purpose: str, write: bool = False
) -> ContactMoment:
    """A contact moment, if ``actor`` may read (``write``: change) its dossier; logged."""
    return _in_dossier(
        ContactMoment,
        contact_id,
        actor=actor,
        purpose=purpose,
        what="contact-moments",
        write=write,
    )


InDossier = TypeVar("InDossier", PlanAction, ContactMoment)


def _in_dossier(
    model: type[InDossier],
    pk: int,
    *,
    actor: Actor,
    purpose: str,
    what: str,
    write: bool,
) -> InDossier:
    """A record of a dossier, with its dossier read through :func:`access_dossier`."""
    record = model.objects.filter(pk=_as_int(pk)).first()
    if record is None:
        raise AccessDenied
    record.dossier = access_dossier(
        actor=actor,
        dossier_id=record.dossier_id,
        purpose=purpose,
        what=what,
        write=write,
    )
    return record


def access_consent(
    *, actor: Actor, consent_id: int, purpose: str, write: bool = False
) -> Consent:
    """A consent, if ``actor`` may read (``write``: change) its person; logged."""
    return access_record(
        Consent.objects.all(),
        actor=actor,
        pk=consent_id,
        purpose=purpose,
        what="consent",
        write=write,
    )


def require_write(*, actor: Actor, person: Person) -> None:
    """Raise AccessDenied unless ``actor`` does casework for the person's organisation.

    Actions call this as a second line of defence, after the view used access_person.
    """
    if not (actor.does_casework and person.organisation_id == actor.organisation.pk):
        raise AccessDenied


ERASE_ROLES = (Role.PROJECT_LEADER, Role.ADMINISTRATOR)


def may_erase(*, actor: Actor, person: Person) -> bool:
    """Erasure (GDPR art. 17) is a formal act: a project leader or administrator who also
    may change the person (casework at the holding organisation) decides it."""
    return (
        actor.does_casework
        and person.organisation_id == actor.organisation.pk
        and actor.has_role(*ERASE_ROLES)
    )


def may_register_persons(actor: Actor) -> bool:
    """Casework roles register persons (for their own organisation)."""
    return actor.does_casework


def display_bsn(*, actor: Actor, person: Person) -> str:
    """What ``actor`` may see of the BSN: ``*****1234``, "BSN registered", or "".

    Digits (masked) only for casework roles of the holding organisation, and only when
    an encrypted copy exists (i.e. the person consented to BSN reporting).
    """
    if not person.has_bsn:
        return ""
    may_see_digits = (
        actor.does_casework
        and person.organisation_id == actor.organisation.pk
        and person.bsn_encrypted
    )
    if may_see_digits:
        try:
            return mask_bsn(bsn_crypto.decrypt_bsn(person.bsn_encrypted or ""))
        except bsn_crypto.InvalidToken:
            pass  # a retired key: fall back to the digit-free text
    return str(_("BSN registered"))


# --- The funder's participant list ---------------------------------------------------------


@dataclass(frozen=True)
class ReportedPerson:
    """A participant whose BSN may go to a funder: the BSN masked, and in full only
    when the caller asked for the download."""

    subject: str  # the BSN pseudonym (the subject key of the fact tables)
    name: str
    masked_bsn: str
    bsn: str = ""


def read_reportable_persons(
    *,
    actor: Actor,
    subjects: Collection[str],
    organisation_ids: Collection[int],
    purpose: str,
    what: str,
    decrypt: bool = False,
) -> list[ReportedPerson]:
    """The persons among ``subjects`` (BSN pseudonyms) held by ``organisation_ids``
    whose BSN may be reported: an active BSN-reporting consent and an encrypted copy.
    One per pseudonym (a person registered at two partners is one participant), by
    name; every one returned is logged. ``decrypt`` adds the full BSN, for a download.

    Whether ``actor`` may receive a funder's list at all is the calling app's rule
    (monitoring: the programme manager of the funder); this decides per person, from
    the consent, and logs. A fixed number of queries whatever the number of persons.
    """
    _check_purpose(purpose)
    consented = Consent.objects.active().filter(purpose=ConsentPurpose.BSN_REPORTING)
    persons = (
        Person.objects.filter(
            organisation_id__in=sorted(organisation_ids),
            bsn_pseudonym__in=sorted(subjects),
            is_anonymised=False,
            bsn_encrypted__isnull=False,
            pk__in=consented.values("person_id"),
        )
        .exclude(bsn_encrypted="")
        .order_by("last_name", "first_name", "pk")
    )
    chosen: dict[str, tuple[Person, str]] = {}
    for person in persons:
        if person.bsn_pseudonym in chosen:
            continue
        try:
            number = bsn_crypto.decrypt_bsn(person.bsn_encrypted or "")
        except bsn_crypto.InvalidToken:
            continue  # a retired key: this BSN cannot be reported
        chosen[person.bsn_pseudonym] = (person, number)
    log_access(
        actor=actor,
        persons=[person for person, _number in chosen.values()],
        purpose=purpose,
        what=what,
    )
    return [
        ReportedPerson(
            subject=subject,
            name=person.full_name,
            masked_bsn=mask_bsn(number),
            bsn=number if decrypt else "",
        )
        for subject, (person, number) in chosen.items()
    ]


# --- The persons behind a figure ------------------------------------------------------------


def may_list_persons(actor: Actor) -> bool:
    """Whether ``actor``'s role reads person records at all (casework): the others see
    how many persons a figure counts, never who."""
    return actor.does_casework


@dataclass(frozen=True)
class CountedPerson:
    """A person behind a figure, as the reader may see them: the name, the BSN masked
    (or "BSN registered"), and the record's id for the existing dossier link."""

    subject: str  # the subject key of the fact tables
    person_id: uuid.UUID
    name: str
    masked_bsn: str


def read_counted_persons(
    *, actor: Actor, subjects: Collection[str], purpose: str, what: str
) -> list[CountedPerson]:
    """The persons among ``subjects`` (fact-table subject keys: the BSN pseudonym, else
    the person's id) that ``actor`` may read, one per subject (a human registered at
    two organisations counts once: the record of the actor's own organisation first),
    by name; every one returned is logged. Persons the actor may not read are left out:
    the caller shows how many. A fixed number of queries whatever the number."""
    _check_purpose(purpose)
    persons = (
        _readable_persons(actor=actor, write=False)
        .filter(is_anonymised=False)
        .annotate(subject=facts.subject_key(""))
        .filter(subject__in=sorted(subjects))
        .order_by("last_name", "first_name", "pk")
    )
    chosen: dict[str, Person] = {}
    for person in persons:
        subject: str = person.subject  # annotated above
        held = chosen.get(subject)
        if held is None or (
            held.organisation_id != actor.organisation.pk
            and person.organisation_id == actor.organisation.pk
        ):
            chosen[subject] = person
    shown = sorted(chosen.items(), key=lambda i: (i[1].last_name, i[1].first_name))
    log_access(actor=actor, persons=[p for _s, p in shown], purpose=purpose, what=what)
    return [
        CountedPerson(
            subject=subject,
            person_id=person.pk,
            name=person.full_name,
            masked_bsn=display_bsn(actor=actor, person=person),
        )
        for subject, person in shown
    ]


# --- The employer's view --------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedWorker:
    """A person as their employer's contact sees them: the name, and whether they
    consented to share their follow-up with the employer."""

    person_id: uuid.UUID
    name: str
    shares_follow_up: bool


def read_placed_workers(
    *, user: User, person_ids: Collection[uuid.UUID], what: str
) -> dict[uuid.UUID, PlacedWorker]:
    """The persons ``person_ids`` for an employer contact ``user``, who acts for no
    partner organisation (no :class:`Actor`): the caller (placements.queries) passes
    only persons placed with the contact's employer. By name, with whether each has an
    active consent to share follow-up with the employer (read at each call, so a
    withdrawal takes effect at once); anonymised persons are left out. Every one
    returned is logged (the organisation: the person's holder). Three queries."""
    persons = list(
        Person.objects.filter(pk__in=sorted(person_ids), is_anonymised=False).order_by(
            "last_name", "first_name", "pk"
        )
    )
    sharing = set(
        Consent.objects.active()
        .filter(
            purpose=ConsentPurpose.EMPLOYER_FOLLOW_UP,
            person_id__in=[p.pk for p in persons],
        )
        .values_list("person_id", flat=True)
    )
    AccessLog.objects.bulk_create(
        AccessLog(
            user=user,
            organisation_id=person.organisation_id,
            person=person,
            purpose=AccessPurpose.EMPLOYER_VIEW,
            what=what[:100],
        )
        for person in persons
    )
    return {
        p.pk: PlacedWorker(
            person_id=p.pk, name=p.full_name, shares_follow_up=p.pk in sharing
        )
        for p in persons
    }
