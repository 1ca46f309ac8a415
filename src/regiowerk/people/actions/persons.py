"""Registering and changing persons, and recording their labour status."""

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from regiowerk.common.changes import apply_changes
from regiowerk.common.locking import ConcurrentEditError, save_versioned
from regiowerk.organisations.queries import Actor
from regiowerk.people import rules
from regiowerk.people.access import require_write
from regiowerk.people.actions._shared import (
    _assign_bsn,
    _clean_bsn,
    _duplicate_bsn_error,
    _error,
    _not_in_future,
    _today,
)
from regiowerk.people.constants import (
    ConsentPurpose,
    ContractType,
    ObservationSource,
)
from regiowerk.people.models import (
    PERSON_EDITABLE_FIELDS,
    Consent,
    LabourStatusObservation,
    Person,
)

logger = logging.getLogger(__name__)


_POSTCODE = re.compile(r"^(\d{4})\s?([A-Za-z]{2})$")

KNOWN_ELSEWHERE_NOTICE = _(
    "This person is already known at another partner in the region. Ask for consent "
    "to share before exchanging any information."
)


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
def _likely_duplicate(person: Person) -> bool:
    """Whether the organisation already has a person of this name and date of birth."""
    if person.birth_date is None:
        return False  # a name alone is too common to call anyone a duplicate
    return Person.objects.filter(
        organisation=person.organisation,
        first_name__iexact=person.first_name,
        name_prefix__iexact=person.name_prefix,
        last_name__iexact=person.last_name,
        birth_date=person.birth_date,
        is_anonymised=False,
    ).exists()


def register_person(
    *,
    actor: Actor,
    bsn: str = "",
    bsn_reporting_consent: bool = False,
    status_source: str = ObservationSource.CONSULTANT,
    register_anyway: bool = False,
    **fields: Any,
) -> RegistrationResult:
    """Register a person for the actor's organisation, with an optional BSN.

    ``fields`` are the person's fields (names in ``PERSON_EDITABLE_FIELDS``; an unknown
    name is refused naming it); ``first_name``, ``last_name`` and ``labour_status``
    are required, the region defaults to the organisation's. Records the first
    labour-status observation. With ``bsn_reporting_consent`` the consent is recorded
    and the BSN stored encrypted. A BSN the organisation already has is refused
    (ValidationError on ``bsn``); one another partner has is accepted, flagged, and
    reported through ``RegistrationResult.notices``. A person the organisation already
    has under the same name and date of birth is a likely duplicate, refused on
    ``register_anyway`` unless that is true (the same list imported twice, the same
    person registered by two colleagues).
    Raises PermissionDenied for actors without a casework role.
    """
    if not actor.does_casework:
        raise PermissionDenied(
            _("Only consultants, labour experts and project leaders register persons.")
        )
    person = Person(organisation=actor.organisation, created_by=actor.user)
    apply_changes(person, fields, allowed=PERSON_EDITABLE_FIELDS)
    if person.region_id is None:
        person.region = actor.organisation.region
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
    if not register_anyway and _likely_duplicate(person):
        raise _error(
            "register_anyway",
            _(
                "A person with this name and date of birth is already registered. "
                "If this is someone else, choose “Register anyway”."
            ),
        )
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:  # the same BSN registered at the same moment
        raise _duplicate_bsn_error() from None
    LabourStatusObservation.objects.create(
        person=person,
        observed_on=person.labour_status_since or _today(),
        status=person.labour_status,
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
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != version:
        raise ConcurrentEditError(
            expected_version=version, current_version=current.version
        )
    if current.is_anonymised:
        raise _error(NON_FIELD_ERRORS, _("An anonymised person cannot be changed."))
    changed = apply_changes(current, changes, allowed=PERSON_EDITABLE_FIELDS)
    status_changed = "labour_status" in changed
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
