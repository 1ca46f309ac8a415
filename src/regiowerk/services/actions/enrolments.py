"""Enrolments: a person's participation in a service, from registration to completion.

An enrolment is made and followed by casework roles of the person's holding
organisation, or of the service's provider while the person shares their data with it
(``permissions.may_follow_enrolment`` over the gate ``people.access``).

Errors: ``ValidationError`` (naming the field and the reason) for broken rules,
``AccessDenied`` (people.access) when the actor may not touch the person, and
``ConcurrentEditError`` when an enrolment changed since the caller loaded it.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regiowerk.common.locking import ConcurrentEditError, save_versioned
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import AccessDenied
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.models import Person
from regiowerk.people.queries import has_active_consent
from regiowerk.services import rules
from regiowerk.services.actions.places import take_place
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.models import (
    EVIDENCE_MAX_LENGTH,
    Attendance,
    Enrolment,
    Service,
)
from regiowerk.services.permissions import may_follow_enrolment

T = TypeVar("T")
# What the adapters (web forms, API bodies) call an input, by the action's argument.
INPUT_ARGUMENTS = {
    "version": "expected_version",
    "drop_out_reason": "reason",
    "satisfaction_score": "score",
}


def _require_enrolment_right(actor: Actor, *, person: Person, service: Service) -> None:
    if not may_follow_enrolment(
        actor=actor, person=person, provider_id=service.provider_id
    ):
        raise AccessDenied


@transaction.atomic
def enrol_person(
    *, actor: Actor, person: Person, service: Service, on: date | None = None
) -> Enrolment:
    """Register ``person`` for ``service`` (status registered) on ``on`` (default today).

    ``person`` must come from people.access (the caller's read is logged there).
    Raises AccessDenied (no right to the person); ValidationError when the service is
    inactive or full, the person is already enrolled, or the provider is another
    organisation and the person has no active sharing consent with it.
    """
    on = on or timezone.localdate()
    _require_enrolment_right(actor, person=person, service=service)
    if person.is_anonymised:
        raise ValidationError({"person": _("This person's record was anonymised.")})
    # Lock the service row: two simultaneous enrolments must not both take the last place.
    service = Service.objects.select_for_update().get(pk=service.pk)
    if not service.is_active_on(on):
        raise ValidationError(
            {
                "service": _("This service is not active on %(date)s.")
                % {"date": date_format(on)}
            }
        )
    if service.provider_id != person.organisation_id and not has_active_consent(
        person=person, purpose=ConsentPurpose.SHARING, partner=service.provider
    ):
        raise ValidationError(
            {
                "service": _(
                    "%(provider)s provides this service. Enrolling needs the person's "
                    "active consent “%(consent)s” with %(provider)s: record that "
                    "consent first."
                )
                % {
                    "provider": service.provider.name,
                    "consent": ConsentPurpose.SHARING.label,
                }
            }
        )
    return take_place(
        service.enrolments.active(),
        person=person,
        capacity=service.capacity,
        already=ValidationError(
            {"service": _("This person is already enrolled in this service.")}
        ),
        full=ValidationError({"service": _("This service is full (no places left).")}),
        create=lambda: Enrolment.objects.create(
            person=person,
            service=service,
            enrolled_by=actor.user,
            enrolling_organisation=actor.organisation,
            registered_on=on,
        ),
    )


def _locked_enrolment(
    actor: Actor, enrolment: Enrolment, expected_version: int | None
) -> Enrolment:
    # Lock only the enrolment row, not the joined person and service rows.
    locked = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("person", "service")
        .get(pk=enrolment.pk)
    )
    _require_enrolment_right(actor, person=locked.person, service=locked.service)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEditError(
            expected_version=expected_version, current_version=locked.version
        )
    return locked


def _transition(enrolment: Enrolment, new: str, *, drop_out_reason: str = "") -> None:
    try:
        rules.check_transition(enrolment.status, new, drop_out_reason=drop_out_reason)
    except rules.RuleError as exc:
        if exc.code == "reason_required":
            raise ValidationError(
                {"drop_out_reason": _("Give the reason for dropping out.")}
            ) from exc
        raise ValidationError(
            {
                "status": _(
                    "An enrolment that is “%(current)s” cannot become “%(new)s”."
                )
                % {
                    "current": EnrolmentStatus(enrolment.status).label,
                    "new": EnrolmentStatus(new).label,
                }
            }
        ) from exc


def _check_not_before(earlier: date | None, later: date, field: str) -> None:
    try:
        rules.check_dates_in_order(earlier, later, field)
    except rules.RuleError as exc:
        raise ValidationError(
            {
                field: _("This date lies before %(date)s.")
                % {"date": date_format(earlier) if earlier else ""}
            }
        ) from exc


def _save(enrolment: Enrolment, fields: list[str]) -> Enrolment:
    return save_versioned(enrolment, expected_version=enrolment.version, fields=fields)


@transaction.atomic
def start_enrolment(
    *,
    actor: Actor,
    enrolment: Enrolment,
    started_on: date | None = None,
    expected_version: int | None = None,
) -> Enrolment:
    """registered → started. Returns the updated enrolment.

    Raises AccessDenied, ValidationError (status, started_on), ConcurrentEditError.
    """
    enrolment = _locked_enrolment(actor, enrolment, expected_version)
    _transition(enrolment, EnrolmentStatus.STARTED)
    started_on = started_on or timezone.localdate()
    _check_not_before(enrolment.registered_on, started_on, "started_on")
    enrolment.status = EnrolmentStatus.STARTED
    enrolment.started_on = started_on
    return _save(enrolment, ["status", "started_on"])


@transaction.atomic
def complete_enrolment(
    *,
    actor: Actor,
    enrolment: Enrolment,
    evidence: str,
    completed_on: date | None = None,
    expected_version: int | None = None,
) -> Enrolment:
    """started → completed, with evidence (certificate number or other reference).

    Raises AccessDenied, ValidationError (status, evidence, completed_on),
    ConcurrentEditError.
    """
    enrolment = _locked_enrolment(actor, enrolment, expected_version)
    _transition(enrolment, EnrolmentStatus.COMPLETED)
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError(
            {
                "evidence": _(
                    "Give the evidence of completion, such as a certificate number."
                )
            }
        )
    if len(evidence) > EVIDENCE_MAX_LENGTH:
        raise ValidationError(
            {
                "evidence": _("Use at most %(max)s characters.")
                % {"max": EVIDENCE_MAX_LENGTH}
            }
        )
    completed_on = completed_on or timezone.localdate()
    _check_not_before(enrolment.started_on, completed_on, "completed_on")
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.completed_on = completed_on
    enrolment.completion_evidence = evidence
    return _save(enrolment, ["status", "completed_on", "completion_evidence"])


@transaction.atomic
def drop_out(
    *,
    actor: Actor,
    enrolment: Enrolment,
    reason: str,
    dropped_out_on: date | None = None,
    expected_version: int | None = None,
) -> Enrolment:
    """registered/started → dropped out; the reason is required.

    Raises AccessDenied, ValidationError (status, drop_out_reason), ConcurrentEditError.
    """
    enrolment = _locked_enrolment(actor, enrolment, expected_version)
    _transition(enrolment, EnrolmentStatus.DROPPED_OUT, drop_out_reason=reason)
    dropped_out_on = dropped_out_on or timezone.localdate()
    _check_not_before(enrolment.registered_on, dropped_out_on, "dropped_out_on")
    enrolment.status = EnrolmentStatus.DROPPED_OUT
    enrolment.dropped_out_on = dropped_out_on
    enrolment.drop_out_reason = reason.strip()
    return _save(enrolment, ["status", "dropped_out_on", "drop_out_reason"])


@transaction.atomic
def rate_enrolment(
    *,
    actor: Actor,
    enrolment: Enrolment,
    score: int,
    expected_version: int | None = None,
) -> Enrolment:
    """Record the participant's satisfaction (1–10) with a started or finished service.

    Raises AccessDenied, ValidationError (score, status), ConcurrentEditError.
    """
    enrolment = _locked_enrolment(actor, enrolment, expected_version)
    if not rules.is_valid_satisfaction(score):
        raise ValidationError({"score": _("Give a whole number from 1 to 10.")})
    if enrolment.status == EnrolmentStatus.REGISTERED:
        raise ValidationError(
            {"status": _("Satisfaction can be recorded once the service has started.")}
        )
    enrolment.satisfaction_score = score
    return _save(enrolment, ["satisfaction_score"])


@transaction.atomic
def record_attendance(
    *, actor: Actor, enrolment: Enrolment, session_on: date, is_present: bool
) -> Attendance:
    """Record (or correct) presence at one session of a started enrolment.

    Raises AccessDenied, ValidationError (status, session_on).
    """
    enrolment = _locked_enrolment(actor, enrolment, None)
    if enrolment.status != EnrolmentStatus.STARTED:
        raise ValidationError(
            {"status": _("Attendance is recorded while the enrolment is started.")}
        )
    if enrolment.started_on and session_on < enrolment.started_on:
        raise ValidationError(
            {"session_on": _("The session lies before the start of the enrolment.")}
        )
    if session_on > timezone.localdate():
        raise ValidationError(
            {"session_on": _("Attendance cannot be recorded for a future session.")}
        )
    attendance, _created = Attendance.objects.update_or_create(
        enrolment=enrolment,
        session_on=session_on,
        defaults={"is_present": is_present, "recorded_by": actor.user},
    )
    return attendance


def apply_enrolment_change(
    change: Callable[..., T],
    *,
    actor: Actor,
    enrolment: Enrolment,
    data: Mapping[str, Any],
) -> T:
    """Call the enrolment action ``change`` (start, complete, drop out, rate, record
    attendance) with a parsed web form or API body, its fields named as the adapters
    name them (``version``, ``drop_out_reason``, ``satisfaction_score``)."""
    arguments = {INPUT_ARGUMENTS.get(name, name): value for name, value in data.items()}
    return change(actor=actor, enrolment=enrolment, **arguments)
