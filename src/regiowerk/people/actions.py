"""Changes to persons, dossiers, consents and labour-status history.

Every write about people goes through these functions, so the privacy rules have one
home. Callers (views, API, imports, commands) first get the person or dossier through
people.access; each action checks the actor's right to write again (defence in depth).

Errors: ``ValidationError`` whose ``message_dict`` names the field and the reason (a
BSN is never echoed), ``AccessDenied`` for a record the actor may not change,
``PermissionDenied`` for an actor whose role may not do this at all, and
``ConcurrentEditError`` when a ``version`` is out of date.
"""

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common.locking import ConcurrentEditError, save_versioned
from regiowerk.organisations.models import Organisation, Region
from regiowerk.organisations.queries import Actor
from regiowerk.people import bsn as bsn_crypto
from regiowerk.people import rules
from regiowerk.people.access import AccessDenied, log_access, may_erase, require_write
from regiowerk.people.constants import (
    INTAKE_QUESTIONS,
    AccessPurpose,
    ConsentPurpose,
    ContactType,
    ContractType,
    DossierStatus,
    EducationLevel,
    Gender,
    ObservationSource,
)
from regiowerk.people.models import (
    Consent,
    ContactMoment,
    Dossier,
    LabourStatusObservation,
    Person,
    PlanAction,
)

logger = logging.getLogger(__name__)

# Fields update_person may change. BSN has its own argument; flags are system-managed.
PERSON_EDITABLE_FIELDS = (
    "first_name",
    "name_prefix",
    "last_name",
    "birth_date",
    "gender",
    "email",
    "phone",
    "postcode",
    "city",
    "region",
    "education_level",
    "labour_status",
    "labour_status_since",
    "has_occupational_disability",
    "is_banenafspraak",
    "current_occupation",
    "previous_occupations",
)
_POSTCODE = re.compile(r"^(\d{4})\s?([A-Za-z]{2})$")
_CLOCK_SKEW = timedelta(minutes=5)

KNOWN_ELSEWHERE_NOTICE = _(
    "This person is already known at another partner in the region. Ask for consent "
    "to share before exchanging any information."
)


def _error(field: str, message: Any, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _today() -> date:
    return timezone.localdate()


# --- BSN ---------------------------------------------------------------------------------


def _clean_bsn(raw: str) -> str:
    bsn = rules.normalise_bsn(raw)
    if not rules.is_valid_bsn(bsn):
        raise _error(
            "bsn",
            _("This is not a valid BSN: it must have 9 digits and pass the 11-check."),
        )
    return bsn


def _assign_bsn(person: Person, bsn: str, *, encrypt: bool) -> bool:
    """Set the pseudonym (and encrypted copy); return whether another partner has it.

    Raises ValidationError on ``bsn`` when the organisation already registered it.
    """
    pseudonym = bsn_crypto.pseudonymise_bsn(bsn)
    same_bsn = Person.objects.filter(bsn_pseudonym=pseudonym).exclude(pk=person.pk)
    if same_bsn.filter(organisation_id=person.organisation_id).exists():
        raise _error(
            "bsn",
            _("A person with this BSN is already registered in your organisation."),
            code="duplicate",
        )
    elsewhere = same_bsn.exclude(organisation_id=person.organisation_id)
    known_elsewhere = elsewhere.exists()
    if known_elsewhere:
        elsewhere.update(has_duplicate_elsewhere=True)
        person.counts_in_region = False  # the earlier registration is already counted
    person.bsn_pseudonym = pseudonym
    person.has_duplicate_elsewhere = known_elsewhere
    if encrypt:
        person.bsn_encrypted = bsn_crypto.encrypt_bsn(bsn)
    return known_elsewhere


def _duplicate_bsn_error() -> ValidationError:
    return _error(
        "bsn",
        _("A person with this BSN is already registered in your organisation."),
        code="duplicate",
    )


# --- Persons -------------------------------------------------------------------------------


def _normalise_person(person: Person) -> None:
    for name in ("first_name", "name_prefix", "last_name", "email", "phone", "city"):
        setattr(person, name, getattr(person, name).strip())
    if person.postcode:
        match = _POSTCODE.match(person.postcode.strip())
        if not match:
            raise _error(
                "postcode", _("Enter a Dutch postcode: four digits and two letters.")
            )
        person.postcode = f"{match[1]} {match[2].upper()}"


def _validate_person(person: Person) -> None:
    """Model validation plus the rules a model field cannot express."""
    errors: dict[str, list[Any]] = {}
    try:
        person.full_clean(exclude=["organisation", "created_by"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    today = _today()
    if person.birth_date and person.birth_date > today:
        errors.setdefault("birth_date", []).append(
            _("The birth date lies in the future.")
        )
    if person.labour_status_since and person.labour_status_since > today:
        errors.setdefault("labour_status_since", []).append(
            _("This date lies in the future.")
        )
    if errors:
        raise ValidationError(errors)
    person.birth_year = person.birth_date.year if person.birth_date else None


@dataclass(frozen=True)
class RegistrationResult:
    """The registered person, and whether another partner already knows this BSN."""

    person: Person
    is_known_elsewhere: bool

    @property
    def notices(self) -> list[str]:
        """Messages for the consultant (never naming the other partner)."""
        return [str(KNOWN_ELSEWHERE_NOTICE)] if self.is_known_elsewhere else []


@transaction.atomic
def register_person(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    labour_status: str,
    name_prefix: str = "",
    birth_date: date | None = None,
    gender: str = Gender.UNKNOWN,
    email: str = "",
    phone: str = "",
    postcode: str = "",
    city: str = "",
    region: Region | None = None,
    education_level: str = EducationLevel.UNKNOWN,
    labour_status_since: date | None = None,
    has_occupational_disability: bool = False,
    is_banenafspraak: bool = False,
    current_occupation: str = "",
    previous_occupations: str = "",
    bsn: str = "",
    bsn_reporting_consent: bool = False,
    status_source: str = ObservationSource.CONSULTANT,
) -> RegistrationResult:
    """Register a person for the actor's organisation, with an optional BSN.

    Records the first labour-status observation. With ``bsn_reporting_consent`` the
    consent is recorded and the BSN stored encrypted. A BSN the organisation already
    has is refused (ValidationError on ``bsn``); one another partner has is accepted,
    flagged, and reported through ``RegistrationResult.notices``.
    Raises PermissionDenied for actors without a casework role.
    """
    if not actor.does_casework:
        raise PermissionDenied(
            _("Only consultants, labour experts and project leaders register persons.")
        )
    person = Person(
        organisation=actor.organisation,
        first_name=first_name,
        name_prefix=name_prefix,
        last_name=last_name,
        birth_date=birth_date,
        gender=gender,
        email=email,
        phone=phone,
        postcode=postcode,
        city=city,
        region=region or actor.organisation.region,
        education_level=education_level,
        labour_status=labour_status,
        labour_status_since=labour_status_since,
        has_occupational_disability=has_occupational_disability,
        is_banenafspraak=is_banenafspraak,
        current_occupation=current_occupation,
        previous_occupations=previous_occupations,
        created_by=actor.user,
    )
    _normalise_person(person)
    _validate_person(person)
    cleaned_bsn = _clean_bsn(bsn) if bsn.strip() else ""
    if bsn_reporting_consent and not cleaned_bsn:
        raise _error(
            "bsn", _("Enter the BSN to record consent for BSN-based reporting.")
        )
    known_elsewhere = False
    if cleaned_bsn:
        known_elsewhere = _assign_bsn(
            person, cleaned_bsn, encrypt=bsn_reporting_consent
        )
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:  # the same BSN registered at the same moment
        raise _duplicate_bsn_error() from None
    LabourStatusObservation.objects.create(
        person=person,
        observed_on=labour_status_since or _today(),
        status=labour_status,
        contract_type=ContractType.NONE,
        source=status_source,
        recorded_by=actor.user,
    )
    if bsn_reporting_consent:
        Consent.objects.create(
            person=person,
            purpose=ConsentPurpose.BSN_REPORTING,
            given_on=_today(),
            recorded_by=actor.user,
        )
    logger.info(
        "Registered person %s for organisation %s", person.pk, actor.organisation.pk
    )
    return RegistrationResult(person=person, is_known_elsewhere=known_elsewhere)


@transaction.atomic
def update_person(
    *,
    actor: Actor,
    person: Person,
    version: int,
    changes: Mapping[str, Any],
    bsn: str = "",
) -> Person:
    """Change the person's fields named in ``changes`` (PERSON_EDITABLE_FIELDS).

    ``version`` is the version the editor started from (ConcurrentEditError when
    stale). A non-empty ``bsn`` adds or corrects the BSN. A changed labour status is
    recorded as an observation too.
    """
    require_write(actor=actor, person=person)
    unknown = sorted(set(changes) - set(PERSON_EDITABLE_FIELDS))
    if unknown:
        raise ValidationError(
            {name: _("This field cannot be changed here.") for name in unknown}
        )
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != version:
        raise ConcurrentEditError(
            expected_version=version, current_version=current.version
        )
    if current.is_anonymised:
        raise _error(NON_FIELD_ERRORS, _("An anonymised person cannot be changed."))
    old_status = current.labour_status
    for name, value in changes.items():
        setattr(current, name, value)
    status_changed = current.labour_status != old_status
    if status_changed and "labour_status_since" not in changes:
        current.labour_status_since = _today()
    _normalise_person(current)
    _validate_person(current)
    fields = [*changes, "birth_year", "labour_status_since"]
    if bsn.strip():
        encrypt = (
            Consent.objects.active()
            .filter(person=current, purpose=ConsentPurpose.BSN_REPORTING)
            .exists()
        )
        _assign_bsn(current, _clean_bsn(bsn), encrypt=encrypt)
        fields += ["bsn_pseudonym", "bsn_encrypted", "has_duplicate_elsewhere"]
        fields += ["counts_in_region"]
    try:
        with transaction.atomic():
            save_versioned(
                current, expected_version=version, fields=sorted(set(fields))
            )
    except IntegrityError:
        raise _duplicate_bsn_error() from None
    if status_changed:
        LabourStatusObservation.objects.create(
            person=current,
            observed_on=current.labour_status_since or _today(),
            status=current.labour_status,
            source=ObservationSource.CONSULTANT,
            recorded_by=actor.user,
        )
    return current


# --- Dossiers ------------------------------------------------------------------------------


def _require_dossier_write(actor: Actor, dossier: Dossier) -> None:
    if not (actor.does_casework and dossier.organisation_id == actor.organisation.pk):
        raise AccessDenied


def _locked_dossier(dossier: Dossier, version: int) -> Dossier:
    """A fresh, row-locked copy of ``dossier``; ConcurrentEditError if it moved on.

    Changes are made to the copy, so a refused edit leaves the caller's object intact.
    """
    fresh = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if fresh.version != version:
        raise ConcurrentEditError(
            expected_version=version, current_version=fresh.version
        )
    return fresh


def _require_open(dossier: Dossier) -> None:
    if dossier.status != DossierStatus.OPEN:
        raise _error("status", _("This dossier is closed."), code="closed")


def _not_in_future(field: str, value: date | None) -> None:
    if value is not None and value > _today():
        raise _error(field, _("This date lies in the future."))


@transaction.atomic
def open_dossier(
    *, actor: Actor, person: Person, opened_on: date | None = None
) -> Dossier:
    """Open a dossier for the person in the actor's organisation (one open at a time)."""
    require_write(actor=actor, person=person)
    if person.is_anonymised:
        raise _error(NON_FIELD_ERRORS, _("An anonymised person cannot be changed."))
    opened_on = opened_on or _today()
    _not_in_future("opened_on", opened_on)
    already_open = _error(
        NON_FIELD_ERRORS,
        _("This person already has an open dossier in your organisation."),
        code="already_open",
    )
    if Dossier.objects.filter(
        person=person, organisation=actor.organisation, status=DossierStatus.OPEN
    ).exists():
        raise already_open
    try:
        with transaction.atomic():
            return Dossier.objects.create(
                person=person,
                organisation=actor.organisation,
                opened_on=opened_on,
                opened_by=actor.user,
            )
    except IntegrityError:
        raise already_open from None


@transaction.atomic
def close_dossier(
    *,
    actor: Actor,
    dossier: Dossier,
    version: int,
    closed_on: date | None = None,
    reason: str = "",
) -> Dossier:
    """Close an open dossier; its retention period starts on ``closed_on``."""
    _require_dossier_write(actor, dossier)
    dossier = _locked_dossier(dossier, version)
    _require_open(dossier)
    closed_on = closed_on or _today()
    _not_in_future("closed_on", closed_on)
    if closed_on < dossier.opened_on:
        raise _error("closed_on", _("A dossier cannot close before it opened."))
    dossier.status = DossierStatus.CLOSED
    dossier.closed_on = closed_on
    dossier.closing_reason = reason.strip()[:200]
    return save_versioned(
        dossier,
        expected_version=version,
        fields=["status", "closed_on", "closing_reason"],
    )


def _intake_message(problem: rules.IntakeProblem, question: Any) -> Any:
    if problem is rules.IntakeProblem.UNKNOWN_QUESTION:
        return _("Unknown intake question.")
    if problem is rules.IntakeProblem.NOT_A_CHOICE:
        return _("Choose one of the options.")
    if problem is rules.IntakeProblem.OUT_OF_RANGE:
        return _("Enter a number from %(min)s to %(max)s.") % {
            "min": question.minimum,
            "max": question.maximum,
        }
    if problem is rules.IntakeProblem.TOO_LONG:
        return _("Keep the answer under %(max)s characters.") % {
            "max": question.max_length
        }
    kind = question.kind
    if kind is rules.AnswerKind.BOOLEAN:
        return _("Answer yes or no.")
    if kind is rules.AnswerKind.INTEGER:
        return _("Enter a whole number.")
    return _("Enter text.")


@transaction.atomic
def record_intake(
    *,
    actor: Actor,
    dossier: Dossier,
    version: int,
    answers: Mapping[str, Any],
    recorded_on: date | None = None,
) -> Dossier:
    """Merge intake ``answers`` (keys of INTAKE_QUESTIONS; None clears) into the dossier.

    Raises ValidationError keyed by question for a wrong answer; nothing is saved then.
    """
    _require_dossier_write(actor, dossier)
    dossier = _locked_dossier(dossier, version)
    _require_open(dossier)
    by_key = {q.key: q for q in INTAKE_QUESTIONS}
    cleaned = {
        key: value.strip() if isinstance(value, str) else value
        for key, value in answers.items()
    }
    problems = rules.intake_problems(cleaned, INTAKE_QUESTIONS)
    if problems:
        raise ValidationError(
            {
                key: ValidationError(
                    _intake_message(problem, by_key.get(key)), code=str(problem)
                )
                for key, problem in problems.items()
            }
        )
    merged = {**dossier.intake, **cleaned}
    dossier.intake = {k: v for k, v in merged.items() if v is not None and v != ""}
    recorded_on = recorded_on or _today()
    _not_in_future("recorded_on", recorded_on)
    dossier.intake_recorded_on = recorded_on
    return save_versioned(
        dossier, expected_version=version, fields=["intake", "intake_recorded_on"]
    )


@transaction.atomic
def update_goals(
    *, actor: Actor, dossier: Dossier, version: int, goals: str
) -> Dossier:
    """Replace the dossier's goals text."""
    _require_dossier_write(actor, dossier)
    dossier = _locked_dossier(dossier, version)
    _require_open(dossier)
    dossier.goals = goals.strip()
    return save_versioned(dossier, expected_version=version, fields=["goals"])


def add_plan_action(
    *,
    actor: Actor,
    dossier: Dossier,
    description: str,
    due_on: date | None = None,
    responsible: str = "",
) -> PlanAction:
    """Add an action to the dossier's plan."""
    _require_dossier_write(actor, dossier)
    _require_open(dossier)
    action = PlanAction(
        dossier=dossier,
        description=description.strip(),
        due_on=due_on,
        responsible=responsible.strip(),
    )
    if not action.description:
        raise _error("description", _("Describe the action."), code="required")
    action.full_clean()
    action.save()
    return action


def complete_plan_action(
    *, actor: Actor, plan_action: PlanAction, done_on: date | None = None
) -> PlanAction:
    """Mark a plan action done on ``done_on`` (default today)."""
    _require_dossier_write(actor, plan_action.dossier)
    if plan_action.done_on is not None:
        raise _error("done_on", _("This action is already done."), code="done")
    done_on = done_on or _today()
    _not_in_future("done_on", done_on)
    plan_action.done_on = done_on
    plan_action.save(update_fields=["done_on", "updated_at"])
    return plan_action


def record_contact(
    *,
    actor: Actor,
    dossier: Dossier,
    type: str,  # the domain word; keyword-only, so shadowing the builtin is harmless
    occurred_at: datetime,
    notes: str = "",
) -> ContactMoment:
    """Record a contact moment (intake, coaching, three-way talk, phone, e-mail)."""
    _require_dossier_write(actor, dossier)
    _require_open(dossier)
    if type not in ContactType.values:
        raise _error("type", _("Choose a contact type."), code="invalid_choice")
    if occurred_at > timezone.now() + _CLOCK_SKEW:
        raise _error("occurred_at", _("A contact moment cannot lie in the future."))
    contact = ContactMoment(
        dossier=dossier,
        type=type,
        occurred_at=occurred_at,
        notes=notes.strip(),
        recorded_by=actor.user,
    )
    contact.full_clean()
    contact.save()
    return contact


# --- Consent -------------------------------------------------------------------------------


@transaction.atomic
def give_consent(
    *,
    actor: Actor,
    person: Person,
    purpose: str,
    given_on: date | None = None,
    partner: Organisation | None = None,
    bsn: str = "",
) -> Consent:
    """Record the person's consent for ``purpose`` (sharing: with ``partner``).

    Giving an already active consent returns it. ``bsn_reporting`` stores the BSN
    encrypted, so the BSN must be entered (and match the registered one) unless an
    encrypted copy exists.
    """
    require_write(actor=actor, person=person)
    if purpose not in ConsentPurpose.values:
        raise _error("purpose", _("Choose a purpose."), code="invalid_choice")
    if purpose == ConsentPurpose.SHARING:
        if partner is None:
            raise _error(
                "partner",
                _("Choose the partner organisation the person shares with."),
                code="required",
            )
        if partner.pk == person.organisation_id:
            raise _error(
                "partner", _("Sharing is with another organisation than your own.")
            )
        if not partner.is_active:
            raise _error("partner", _("This organisation is no longer active."))
    elif partner is not None:
        raise _error(
            "partner", _("A partner organisation is only named for sharing consent.")
        )
    given_on = given_on or _today()
    _not_in_future("given_on", given_on)
    existing = Consent.objects.active().filter(
        person=person, purpose=purpose, partner=partner
    )
    if purpose == ConsentPurpose.BSN_REPORTING:
        _store_bsn_for_reporting(person, bsn)
    elif bsn.strip():
        raise _error("bsn", _("A BSN is only entered for BSN-reporting consent."))
    if (found := existing.first()) is not None:
        return found
    return Consent.objects.create(
        person=person,
        purpose=purpose,
        partner=partner,
        given_on=given_on,
        recorded_by=actor.user,
    )


def _store_bsn_for_reporting(person: Person, raw_bsn: str) -> None:
    if not raw_bsn.strip():
        if person.bsn_encrypted:
            return
        raise _error(
            "bsn",
            _(
                "Enter the person's BSN: it is stored (encrypted) only with this consent."
            ),
            code="required",
        )
    cleaned = _clean_bsn(raw_bsn)
    if person.has_bsn:
        if bsn_crypto.pseudonymise_bsn(cleaned) != person.bsn_pseudonym:
            raise _error(
                "bsn", _("This BSN does not match the BSN registered for this person.")
            )
        person.bsn_encrypted = bsn_crypto.encrypt_bsn(cleaned)
    else:
        _assign_bsn(person, cleaned, encrypt=True)
    try:
        with transaction.atomic():
            Person.objects.filter(pk=person.pk).update(
                bsn_pseudonym=person.bsn_pseudonym,
                bsn_encrypted=person.bsn_encrypted,
                has_duplicate_elsewhere=person.has_duplicate_elsewhere,
                counts_in_region=person.counts_in_region,
            )
    except IntegrityError:
        raise _duplicate_bsn_error() from None


@transaction.atomic
def withdraw_consent(
    *, actor: Actor, consent: Consent, withdrawn_on: date | None = None
) -> Consent:
    """Withdraw a consent, effective at once.

    Withdrawing the last active ``bsn_reporting`` consent deletes the encrypted BSN.
    """
    person = consent.person
    require_write(actor=actor, person=person)
    if consent.withdrawn_on is not None:
        raise _error(
            "withdrawn_on", _("This consent was already withdrawn."), code="withdrawn"
        )
    withdrawn_on = withdrawn_on or _today()
    _not_in_future("withdrawn_on", withdrawn_on)
    if withdrawn_on < consent.given_on:
        raise _error("withdrawn_on", _("Withdrawal cannot precede the consent."))
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_by = actor.user
    consent.save(update_fields=["withdrawn_on", "withdrawn_by", "updated_at"])
    if consent.purpose == ConsentPurpose.BSN_REPORTING:
        still_consented = Consent.objects.active().filter(
            person=person, purpose=ConsentPurpose.BSN_REPORTING
        )
        if not still_consented.exists():
            Person.objects.filter(pk=person.pk).update(bsn_encrypted=None)
            person.bsn_encrypted = None
    return consent


# --- Labour status ------------------------------------------------------------------------


@transaction.atomic
def record_labour_status(
    *,
    actor: Actor,
    person: Person,
    observed_on: date,
    status: str,
    contract_type: str = ContractType.NONE,
    source: str = ObservationSource.CONSULTANT,
) -> LabourStatusObservation:
    """Record the person's labour status on a date; it becomes current when not older."""
    require_write(actor=actor, person=person)
    _not_in_future("observed_on", observed_on)
    observation = LabourStatusObservation(
        person=person,
        observed_on=observed_on,
        status=status,
        contract_type=contract_type,
        source=source,
        recorded_by=actor.user,
    )
    observation.full_clean()
    observation.save()
    current = Person.objects.select_for_update().get(pk=person.pk)
    # "Current since" is the later of the status date and the newest earlier
    # observation: a status seen today is not replaced by an older registry record.
    latest_seen = (
        current.labour_status_observations.exclude(pk=observation.pk)
        .order_by("-observed_on")
        .values_list("observed_on", flat=True)
        .first()
    )
    known_dates = [d for d in (current.labour_status_since, latest_seen) if d]
    current_since = max(known_dates) if known_dates else None
    if rules.observation_replaces_current(observed_on, current_since):
        # Bump the version: an edit form opened before this is now out of date.
        Person.objects.filter(pk=person.pk).update(
            labour_status=status,
            labour_status_since=observed_on,
            version=F("version") + 1,
        )
        person.labour_status = status
        person.labour_status_since = observed_on
        person.version = current.version + 1
    return observation


# --- Data-subject rights and retention ---------------------------------------------------


def _user_name(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def _rows(queryset: models.QuerySet[Any]) -> list[dict[str, Any]]:
    """Plain values of every concrete field, minus anything BSN-related."""
    model = queryset.model
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if "bsn" not in f.name and "password" not in f.name
    ]
    return list(queryset.values(*names))


def _other_apps_records(
    instance: models.Model, *, depth: int = 2
) -> dict[str, list[dict[str, Any]]]:
    """Rows in other apps that point at ``instance`` (enrolments, registrations …),
    with the rows that point at those (attendance …) under ``"related"``.

    People sits below those apps and must not import them; following the reverse
    relations keeps the export complete as apps are added.
    """
    found: dict[str, list[dict[str, Any]]] = {}
    for relation in instance._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label == "people" or not relation.one_to_many:
            continue
        queryset = model._default_manager.filter(
            **{relation.field.name: instance}
        ).order_by("pk")  # the same order for the objects and their values
        rows = []
        for obj, row in zip(queryset, _rows(queryset), strict=True):
            nested = _other_apps_records(obj, depth=depth - 1) if depth > 1 else {}
            rows.append({**row, "related": nested} if nested else row)
        if rows:
            found[model._meta.label_lower] = rows
    return found


def export_person(*, actor: Actor, person: Person) -> dict[str, Any]:
    """Everything held about the person, as JSON-serialisable data (GDPR art. 15/20).

    The BSN is never included, only whether one is registered. The export itself is
    recorded in the access log.
    """
    require_write(actor=actor, person=person)
    log_access(
        actor=actor,
        persons=[person],
        purpose=AccessPurpose.DATA_SUBJECT_REQUEST,
        what="export",
    )
    dossiers = []
    for dossier in person.dossiers.order_by("opened_on"):
        dossiers.append(
            {
                "id": dossier.pk,
                "organisation": dossier.organisation.name,
                "status": dossier.status,
                "opened_on": dossier.opened_on,
                "closed_on": dossier.closed_on,
                "closing_reason": dossier.closing_reason,
                "intake": dossier.intake,
                "intake_recorded_on": dossier.intake_recorded_on,
                "goals": dossier.goals,
                "plan_actions": _rows(dossier.plan_actions.order_by("created_at")),
                "contact_moments": [
                    {
                        "type": c.type,
                        "occurred_at": c.occurred_at,
                        "notes": c.notes,
                        "recorded_by": _user_name(c.recorded_by),
                    }
                    for c in dossier.contact_moments.order_by("occurred_at")
                ],
                "other_records": _other_apps_records(dossier),
            }
        )
    data = {
        "exported_at": timezone.now(),
        "exported_by": actor.user.get_username() if actor.user else actor.reason,
        "person": {
            **_rows(Person.objects.filter(pk=person.pk))[0],
            "organisation": person.organisation.name,
            "is_50_plus": person.is_50_plus,
            "bsn_registered": person.has_bsn,
        },
        "dossiers": dossiers,
        "consents": [
            {
                "purpose": c.purpose,
                "partner": c.partner.name if c.partner else None,
                "given_on": c.given_on,
                "recorded_by": _user_name(c.recorded_by),
                "withdrawn_on": c.withdrawn_on,
                "withdrawn_by": _user_name(c.withdrawn_by),
            }
            for c in person.consents.order_by("given_on", "created_at")
        ],
        "labour_status_observations": _rows(
            person.labour_status_observations.order_by("observed_on", "created_at")
        ),
        "access_log": [
            {
                "at": entry.at,
                "user": _user_name(entry.user),
                "organisation": entry.organisation.name,
                "purpose": entry.purpose,
                "what": entry.what,
            }
            for entry in person.access_log.order_by("at").select_related(
                "user", "organisation"
            )
        ],
        "other_records": _other_apps_records(person),
    }
    # Round-trip through JSON so dates, UUIDs and decimals become plain strings.
    result: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return result


def _anonymise_dossiers(dossiers: models.QuerySet[Dossier]) -> int:
    ids = list(dossiers.values_list("pk", flat=True))
    PlanAction.objects.filter(dossier_id__in=ids).update(description="", responsible="")
    ContactMoment.objects.filter(dossier_id__in=ids).update(notes="")
    return Dossier.objects.filter(pk__in=ids).update(
        intake={},
        goals="",
        closing_reason="",
        is_anonymised=True,
        version=F("version") + 1,
    )


def _erase_in_other_apps(person: Person) -> None:
    """Let other apps erase what they keep about ``person``.

    people sits below the apps that refer to a person (services, matching), so it
    cannot import them. Instead, a model that keeps personal data about a person
    implements the classmethod ``erase_personal_data(person)``; it is called here, in
    the same transaction (docs/privacy.md lists them).
    """
    for model in apps.get_models():
        eraser = getattr(model, "erase_personal_data", None)
        if eraser is not None:
            eraser(person)


def _anonymise_person(person: Person, *, today: date) -> None:
    pseudonym = person.bsn_pseudonym
    postcode_area = person.postcode[:4] if person.postcode[:4].isdigit() else ""
    Person.objects.filter(pk=person.pk).update(
        first_name="",
        name_prefix="",
        last_name="",
        birth_year=person.birth_date.year if person.birth_date else person.birth_year,
        birth_date=None,
        email="",
        phone="",
        postcode=postcode_area,
        city="",
        current_occupation="",
        previous_occupations="",
        bsn_pseudonym="",
        bsn_encrypted=None,
        has_duplicate_elsewhere=False,
        is_anonymised=True,
        anonymised_on=today,
        version=F("version") + 1,
    )
    _anonymise_dossiers(person.dossiers.all())
    _erase_in_other_apps(person)
    if pseudonym:  # the remaining twins may no longer be duplicates of anyone
        twins = list(Person.objects.filter(bsn_pseudonym=pseudonym))
        for twin in twins:
            others = any(t.organisation_id != twin.organisation_id for t in twins)
            if twin.has_duplicate_elsewhere != others:
                Person.objects.filter(pk=twin.pk).update(has_duplicate_elsewhere=others)
    person.refresh_from_db()


@transaction.atomic
def erase_person(*, actor: Actor, person: Person) -> Person:
    """Anonymise the person (GDPR art. 17), keeping counts per status and service.

    Names, contact details, occupations, notes, intake and goals are removed; the birth
    date is coarsened to the year, the postcode to its four digits; the BSN pseudonym
    and encrypted copy are deleted. Consents, status observations and the access log
    stay as evidence. Idempotent. Raises AccessDenied unless the actor may change the
    person, and PermissionDenied unless they may erase (access.may_erase).
    """
    require_write(actor=actor, person=person)
    if not may_erase(actor=actor, person=person):
        raise PermissionDenied(
            _("Only a project leader or an administrator may erase a person.")
        )
    log_access(
        actor=actor,
        persons=[person],
        purpose=AccessPurpose.DATA_SUBJECT_REQUEST,
        what="erase",
    )
    if not person.is_anonymised:
        _anonymise_person(person, today=_today())
        logger.info("Anonymised person %s on request", person.pk)
    return person


@dataclass(frozen=True)
class RetentionResult:
    dossiers_anonymised: int
    persons_anonymised: int


@transaction.atomic
def apply_retention(
    *, today: date | None = None, retention_days: int | None = None
) -> RetentionResult:
    """Anonymise dossiers closed longer than the retention period, and their persons
    when no dossier of theirs is open or still within its period. A person who never
    had a dossier is anonymised when their record was last changed before the period.

    ``retention_days`` defaults to REGIOWERK_RETENTION_DAYS. Safe to run daily.
    """
    today = today or _today()
    days = (
        settings.REGIOWERK_RETENTION_DAYS if retention_days is None else retention_days
    )
    cutoff = rules.retention_cutoff(today, days)
    expired = Dossier.objects.filter(
        status=DossierStatus.CLOSED, closed_on__lt=cutoff, is_anonymised=False
    )
    dossiers_anonymised = _anonymise_dossiers(expired)
    still_kept = Dossier.objects.filter(
        models.Q(status=DossierStatus.OPEN) | models.Q(closed_on__gte=cutoff)
    )
    persons = (
        Person.objects.filter(is_anonymised=False)
        .filter(
            models.Q(dossiers__isnull=False)
            | models.Q(dossiers__isnull=True, updated_at__date__lt=cutoff)
        )
        .exclude(pk__in=still_kept.values("person_id"))
        .distinct()
    )
    persons_anonymised = 0
    for person in persons:
        _anonymise_person(person, today=today)
        persons_anonymised += 1
    if dossiers_anonymised or persons_anonymised:
        logger.info(
            "Retention: anonymised %s dossier(s) and %s person(s)",
            dossiers_anonymised,
            persons_anonymised,
        )
    return RetentionResult(
        dossiers_anonymised=dossiers_anonymised, persons_anonymised=persons_anonymised
    )


@transaction.atomic
def rotate_bsn_encryption() -> int:
    """Re-encrypt every stored BSN under the newest key of REGIOWERK_BSN_ENCRYPTION_KEYS.

    Run after putting a new key in front; afterwards the old key can be removed.
    Returns the number of re-encrypted copies. Raises InvalidToken (nothing is changed
    then) when a copy fits none of the configured keys.
    """
    persons = Person.objects.select_for_update().exclude(bsn_encrypted=None)
    rotated = 0
    for pk, token in persons.values_list("pk", "bsn_encrypted"):
        Person.objects.filter(pk=pk).update(
            bsn_encrypted=bsn_crypto.rotate_bsn_token(token or "")
        )
        rotated += 1
    logger.info("Re-encrypted %s BSN copies under the newest key", rotated)
    return rotated
