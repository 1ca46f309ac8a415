"""Writes of the services app: the catalogue, enrolments and events.

Every action takes the acting user as ``actor`` (an organisations.queries.Actor) and
checks their right itself, as a second line of defence after the view:

- the catalogue of an organisation is kept by its administrators and project leaders;
- an enrolment is made and followed by casework roles of the person's holding
  organisation, or of the service's provider while the person shares their data with
  that provider (an active sharing consent, read at each call);
- events are organised by anyone but analysts; a person is registered by whoever may
  read that person (people.access).

Errors: ``ValidationError`` (naming the field and the reason) for broken rules,
``AccessDenied`` (people.access) when the actor may not touch the person,
``PermissionDenied`` when their role or organisation may not do this at all, and
``ConcurrentEditError`` when an enrolment changed since the caller loaded it.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiowerk.common.locking import ConcurrentEditError, save_versioned
from regiowerk.organisations.models import Organisation, User
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import AccessDenied, accessible_persons
from regiowerk.people.constants import AccessPurpose, ConsentPurpose
from regiowerk.people.models import Person
from regiowerk.people.queries import has_active_consent
from regiowerk.services import rules
from regiowerk.services.constants import (
    CATALOGUE_ROLES,
    EVENT_ORGANISER_ROLES,
    EnrolmentStatus,
    EventType,
    ServiceType,
    TargetGroup,
    Theme,
)
from regiowerk.services.models import (
    EVIDENCE_MAX_LENGTH,
    Attendance,
    Enrolment,
    Event,
    EventRegistration,
    Service,
)

SERVICE_FIELDS = (
    "name",
    "description",
    "type",
    "price_cents",
    "capacity",
    "duration_hours",
    "session_count",
    "themes",
    "target_groups",
    "active_from",
    "active_until",
    "is_active",
)
EVENT_FIELDS = (
    "title",
    "description",
    "type",
    "starts_at",
    "ends_at",
    "place",
    "capacity",
    "is_learning_network_meeting",
    "network_name",
)


# --- Rights ---------------------------------------------------------------------------


def may_manage_catalogue(*, actor: Actor, provider: Organisation) -> bool:
    """Administrators and project leaders keep their own organisation's catalogue."""
    return actor.has_role(*CATALOGUE_ROLES) and provider.pk == actor.organisation.pk


def _require_catalogue_right(actor: Actor, provider: Organisation) -> None:
    if not may_manage_catalogue(actor=actor, provider=provider):
        raise PermissionDenied(
            _(
                "Only administrators and project leaders of %(provider)s may change "
                "its services."
            )
            % {"provider": provider.name}
        )


def _may_read(actor: Actor, person: Person) -> bool:
    """The people.access rule, without logging (the caller already logged its read)."""
    return (
        accessible_persons(actor=actor, purpose=AccessPurpose.SERVICE_DELIVERY)
        .filter(pk=person.pk)
        .exists()
    )


def _require_enrolment_right(actor: Actor, *, person: Person, service: Service) -> None:
    holds_person = person.organisation_id == actor.organisation.pk
    is_sharing_provider = service.provider_id == actor.organisation.pk and _may_read(
        actor, person
    )
    if not actor.does_casework or not (holds_person or is_sharing_provider):
        raise AccessDenied


def may_organise_events(actor: Actor) -> bool:
    return actor.has_role(*EVENT_ORGANISER_ROLES)


def _require_organiser(actor: Actor, event: Event | None = None) -> None:
    same_organisation = event is None or event.organiser_id == actor.organisation.pk
    if not (may_organise_events(actor) and same_organisation):
        raise PermissionDenied(
            _("Only the organising organisation may change this event.")
        )


# --- Catalogue ------------------------------------------------------------------------


def _clean_codes(value: Any, choices: Any, field: str) -> list[str]:
    try:
        return rules.normalise_codes(list(value or []), choices.values)
    except rules.RuleError as exc:
        raise ValidationError(
            {
                field: _("Unknown option; choose from: %(options)s.")
                % {"options": ", ".join(choices.values)}
            }
        ) from exc


def _save_service(service: Service) -> Service:
    service.themes = _clean_codes(service.themes, Theme, "themes")
    service.target_groups = _clean_codes(
        service.target_groups, TargetGroup, "target_groups"
    )
    duplicate = Service.objects.filter(
        provider_id=service.provider_id, name__iexact=service.name.strip()
    ).exclude(pk=service.pk)
    if duplicate.exists():
        raise ValidationError(
            {"name": _("This provider already offers a service with this name.")}
        )
    service.name = service.name.strip()
    service.full_clean()
    service.save()
    return service


def add_service(
    *,
    provider: Organisation,
    data: Mapping[str, Any],
    created_by: User | None = None,
) -> Service:
    """Add a service to ``provider``'s catalogue WITHOUT a rights check.

    For trusted callers only: the import (whose caller checked the right) and the demo
    region. ``data`` keys are SERVICE_FIELDS. Raises ValidationError.
    """
    unknown = set(data) - set(SERVICE_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    fields = dict(data)
    fields["themes"] = list(fields.get("themes") or [])
    fields["target_groups"] = list(fields.get("target_groups") or [])
    return _save_service(Service(provider=provider, created_by=created_by, **fields))


@transaction.atomic
def create_service(
    *,
    actor: Actor,
    name: str,
    type: ServiceType | str,
    description: str = "",
    price_cents: int = 0,
    capacity: int | None = None,
    duration_hours: int | None = None,
    session_count: int | None = None,
    themes: list[str] | tuple[str, ...] = (),
    target_groups: list[str] | tuple[str, ...] = (),
    active_from: date | None = None,
    active_until: date | None = None,
) -> Service:
    """Add a service to the actor's organisation's catalogue (the actor's org provides it).

    Raises PermissionDenied (role), ValidationError (field and reason).
    """
    _require_catalogue_right(actor, actor.organisation)
    return add_service(
        provider=actor.organisation,
        created_by=actor.user,
        data={
            "name": name,
            "type": type,
            "description": description,
            "price_cents": price_cents,
            "capacity": capacity,
            "duration_hours": duration_hours,
            "session_count": session_count,
            "themes": themes,
            "target_groups": target_groups,
            "active_from": active_from,
            "active_until": active_until,
        },
    )


@transaction.atomic
def update_service(
    *, actor: Actor, service: Service, changes: Mapping[str, Any]
) -> Service:
    """Change fields of a service (``changes`` keys: SERVICE_FIELDS).

    The capacity cannot drop below the number of active participants. Raises
    PermissionDenied, ValidationError.
    """
    _require_catalogue_right(actor, service.provider)
    unknown = set(changes) - set(SERVICE_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    service = Service.objects.select_for_update().get(pk=service.pk)
    for name, value in changes.items():
        setattr(service, name, value)
    if service.capacity is not None:
        active = service.enrolments.active().count()
        if service.capacity < active:
            raise ValidationError(
                {
                    "capacity": _(
                        "The capacity cannot be lower than the %(count)s participants "
                        "already enrolled."
                    )
                    % {"count": active}
                }
            )
    return _save_service(service)


def deactivate_service(*, actor: Actor, service: Service) -> Service:
    """Take a service out of the catalogue; existing enrolments continue."""
    _require_catalogue_right(actor, service.provider)
    service.is_active = False
    service.save(update_fields=["is_active", "updated_at"])
    return service


# --- Enrolments -----------------------------------------------------------------------


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
            {"service": _("This service is not active on %(date)s.") % {"date": on}}
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
    active = service.enrolments.active()
    if active.filter(person=person).exists():
        raise ValidationError(
            {"service": _("This person is already enrolled in this service.")}
        )
    if not rules.has_room(service.capacity, active.count()):
        raise ValidationError({"service": _("This service is full (no places left).")})
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                person=person,
                service=service,
                enrolled_by=actor.user,
                enrolling_organisation=actor.organisation,
                registered_on=on,
            )
    except IntegrityError as exc:  # a simultaneous duplicate won the race
        raise ValidationError(
            {"service": _("This person is already enrolled in this service.")}
        ) from exc


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
            {field: _("This date lies before %(date)s.") % {"date": earlier}}
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


# --- Events ---------------------------------------------------------------------------


def _save_event(event: Event) -> Event:
    event.title = event.title.strip()
    event.network_name = event.network_name.strip()
    event.full_clean()
    event.save()
    return event


def create_event(
    *,
    actor: Actor,
    title: str,
    type: EventType | str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    description: str = "",
    capacity: int | None = None,
    is_learning_network_meeting: bool = False,
    network_name: str = "",
) -> Event:
    """Create an event organised by the actor's organisation.

    Raises PermissionDenied (analysts), ValidationError (field and reason).
    """
    _require_organiser(actor)
    event = Event(
        organiser=actor.organisation,
        title=title,
        type=type,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        description=description,
        capacity=capacity,
        is_learning_network_meeting=is_learning_network_meeting,
        network_name=network_name,
        created_by=actor.user,
    )
    return _save_event(event)


@transaction.atomic
def update_event(*, actor: Actor, event: Event, changes: Mapping[str, Any]) -> Event:
    """Change fields of an event (keys: EVENT_FIELDS); capacity not below registrations.

    Raises PermissionDenied, ValidationError.
    """
    _require_organiser(actor, event)
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    event = Event.objects.select_for_update().get(pk=event.pk)
    for name, value in changes.items():
        setattr(event, name, value)
    registered = event.registrations.count()
    if not rules.has_room(event.capacity, registered, extra=0):
        raise ValidationError(
            {
                "capacity": _(
                    "The capacity cannot be lower than the %(count)s registrations."
                )
                % {"count": registered}
            }
        )
    return _save_event(event)


@transaction.atomic
def register_for_event(
    *, actor: Actor, event: Event, person: Person
) -> EventRegistration:
    """Register a person (obtained through people.access) for an event.

    Raises AccessDenied (no right to the person), ValidationError when the event is
    full or the person is already registered.
    """
    if not (actor.does_casework and _may_read(actor, person)):
        raise AccessDenied
    if person.is_anonymised:
        raise ValidationError({"person": _("This person's record was anonymised.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.registrations.filter(person=person).exists():
        raise ValidationError(
            {"person": _("This person is already registered for this event.")}
        )
    if not rules.has_room(event.capacity, event.registrations.count()):
        raise ValidationError({"event": _("This event is full (no places left).")})
    try:
        with transaction.atomic():
            return EventRegistration.objects.create(
                event=event,
                person=person,
                registered_by=actor.user,
                registering_organisation=actor.organisation,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"person": _("This person is already registered for this event.")}
        ) from exc


def record_event_attendance(
    *, actor: Actor, registration: EventRegistration, has_attended: bool = True
) -> EventRegistration:
    """Mark whether a registered person came.

    Allowed for the organiser, and for whoever may read the registered person.
    Raises PermissionDenied.
    """
    event = registration.event
    is_organiser = may_organise_events(actor) and (
        event.organiser_id == actor.organisation.pk
    )
    person = registration.person
    reads_person = (
        person is not None and actor.does_casework and _may_read(actor, person)
    )
    if not (is_organiser or reads_person):
        raise PermissionDenied(
            _("Only the organiser or the person's consultant may record attendance.")
        )
    registration.has_attended = has_attended
    registration.save(update_fields=["has_attended", "updated_at"])
    return registration


@transaction.atomic
def set_anonymous_head_count(*, actor: Actor, event: Event, count: int) -> Event:
    """Set the number of walk-ins (people who came without registering).

    Raises PermissionDenied (not the organiser), ValidationError (negative count).
    """
    _require_organiser(actor, event)
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValidationError(
            {"anonymous_head_count": _("Enter a whole number of 0 or more.")}
        )
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.anonymous_head_count = count
    event.save(update_fields=["anonymous_head_count", "updated_at"])
    return event
