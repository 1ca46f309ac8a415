"""Dossiers: opening and closing, intake, goals, plan actions and contact moments."""

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common.locking import ConcurrentEditError, save_versioned
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import Actor, caseworkers_of
from regiowerk.people import rules
from regiowerk.people.access import AccessDenied, require_write
from regiowerk.people.actions._shared import _error, _not_in_future, _today
from regiowerk.people.constants import (
    INTAKE_QUESTIONS,
    ContactStatus,
    ContactType,
    DossierStatus,
)
from regiowerk.people.models import ContactMoment, Dossier, Person, PlanAction

_CLOCK_SKEW = timedelta(minutes=5)


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
                responsible=actor.user,
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


@transaction.atomic
def hand_over_dossier(
    *, actor: Actor, dossier: Dossier, version: int, responsible: User | None
) -> Dossier:
    """Make ``responsible`` (a caseworker of the dossier's organisation) the consultant
    responsible for the open dossier: the client moves to their caseload. None (no
    such colleague) is refused like a user of another organisation."""
    _require_dossier_write(actor, dossier)
    dossier = _locked_dossier(dossier, version)
    _require_open(dossier)
    colleagues = caseworkers_of(dossier.organisation)
    if responsible is None or not colleagues.filter(pk=responsible.pk).exists():
        raise _error(
            "responsible",
            _("Choose a consultant of your organisation."),
            code="invalid_choice",
        )
    dossier.responsible = responsible
    return save_versioned(dossier, expected_version=version, fields=["responsible"])


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


def _save_contact(contact: ContactMoment) -> ContactMoment:
    if contact.type not in ContactType.values:
        raise _error("type", _("Choose a contact type."), code="invalid_choice")
    contact.notes = contact.notes.strip()
    contact.full_clean()
    contact.save()
    return contact


def _not_later_than_now(field: str, moment: datetime) -> None:
    if moment > timezone.now() + _CLOCK_SKEW:
        raise _error(field, _("A contact moment cannot lie in the future."))


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
    _not_later_than_now("occurred_at", occurred_at)
    return _save_contact(
        ContactMoment(
            dossier=dossier,
            type=type,
            occurred_at=occurred_at,
            notes=notes,
            recorded_by=actor.user,
        )
    )


def plan_contact(
    *,
    actor: Actor,
    dossier: Dossier,
    type: str,
    planned_at: datetime,
    notes: str = "",
) -> ContactMoment:
    """Plan a contact moment ahead (``notes``: what it is for); it is recorded as held
    later with ``record_contact_held``."""
    _require_dossier_write(actor, dossier)
    _require_open(dossier)
    if planned_at < timezone.now() - _CLOCK_SKEW:
        raise _error("planned_at", _("A planned contact moment lies in the future."))
    return _save_contact(
        ContactMoment(
            dossier=dossier,
            type=type,
            status=ContactStatus.PLANNED,
            occurred_at=planned_at,
            notes=notes,
            recorded_by=actor.user,
        )
    )


def _require_planned(contact: ContactMoment) -> None:
    if contact.status != ContactStatus.PLANNED:
        message = (
            _("This contact moment is cancelled.")
            if contact.status == ContactStatus.CANCELLED
            else _("This contact moment is already recorded.")
        )
        raise _error("status", message, code=contact.status)


def record_contact_held(
    *,
    actor: Actor,
    contact: ContactMoment,
    version: int,
    occurred_at: datetime | None = None,
    notes: str = "",
) -> ContactMoment:
    """Record a planned contact moment as held at ``occurred_at`` (default: the moment
    planned), with its ``notes`` (empty: the planned notes stay). ``version`` is the
    one the user saw (ConcurrentEditError when it is stale)."""
    _require_dossier_write(actor, contact.dossier)
    _require_open(contact.dossier)
    _require_planned(contact)
    occurred_at = occurred_at or contact.occurred_at
    _not_later_than_now("occurred_at", occurred_at)
    contact.status = ContactStatus.HELD
    contact.occurred_at = occurred_at
    contact.notes = (notes or contact.notes).strip()
    contact.recorded_by = actor.user
    contact.full_clean()
    return save_versioned(
        contact,
        expected_version=version,
        fields=["status", "occurred_at", "notes", "recorded_by"],
    )


def cancel_contact(
    *, actor: Actor, contact: ContactMoment, version: int, reason: str
) -> ContactMoment:
    """Cancel a planned contact moment, saying why: it leaves the planned lists and
    stays in the dossier's history with who cancelled it and when. ``version`` as
    for ``record_contact_held``."""
    _require_dossier_write(actor, contact.dossier)
    _require_open(contact.dossier)
    _require_planned(contact)
    reason = reason.strip()
    if not reason:
        raise _error(
            "reason", _("Say why the contact moment is cancelled."), code="required"
        )
    contact.status = ContactStatus.CANCELLED
    contact.cancel_reason = reason[:200]
    contact.cancelled_by = actor.user
    contact.cancelled_at = timezone.now()
    return save_versioned(
        contact,
        expected_version=version,
        fields=["status", "cancel_reason", "cancelled_by", "cancelled_at"],
    )
