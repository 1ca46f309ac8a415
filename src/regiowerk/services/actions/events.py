"""Events and learning-network meetings: named registrations plus walk-ins.

Events are organised by anyone but analysts (``permissions.may_organise_events``), for
their own organisation; a person is registered, and their attendance recorded, by
whoever may read that person (``people.access.may_read_person``): events are the
region's, and a registration is seen only by those who may see the person.

Errors: ``ValidationError`` for broken rules, ``AccessDenied`` when the actor may not
read the person, ``PermissionDenied`` when their role or organisation may not do this.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regiowerk.common.changes import apply_changes
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import AccessDenied, may_read_person
from regiowerk.people.models import Person
from regiowerk.services import rules
from regiowerk.services.actions.places import take_place
from regiowerk.services.constants import EventType
from regiowerk.services.models import Event, EventRegistration
from regiowerk.services.permissions import is_event_organiser, may_organise_events

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


def _require_organiser(actor: Actor, event: Event | None = None) -> None:
    allowed = (
        may_organise_events(actor)
        if event is None
        else is_event_organiser(actor=actor, organiser_id=event.organiser_id)
    )
    if not allowed:
        raise PermissionDenied(
            _("Only the organising organisation may change this event.")
        )


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
    event = Event.objects.select_for_update().get(pk=event.pk)
    apply_changes(event, changes, allowed=EVENT_FIELDS)
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
    if not may_read_person(actor=actor, person=person):
        raise AccessDenied
    if person.is_anonymised:
        raise ValidationError({"person": _("This person's record was anonymised.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    return take_place(
        event.registrations.all(),
        person=person,
        capacity=event.capacity,
        already=ValidationError(
            {"person": _("This person is already registered for this event.")}
        ),
        full=ValidationError({"event": _("This event is full (no places left).")}),
        create=lambda: EventRegistration.objects.create(
            event=event,
            person=person,
            registered_by=actor.user,
            registering_organisation=actor.organisation,
        ),
    )


def record_event_attendance(
    *, actor: Actor, registration: EventRegistration, has_attended: bool = True
) -> EventRegistration:
    """Mark whether a registered person came; ``registration`` comes from the gate
    (``queries.get_registration``).

    Allowed for whoever may read the registered person (the holding organisation, or a
    partner with the person's sharing consent), as on the event page; organising the
    event gives no right to a person one may not see. Attendance is recorded once the
    event has begun. Raises AccessDenied, ValidationError (has_attended).
    """
    person = registration.person
    if (
        person is None
        or person.is_anonymised
        or not may_read_person(actor=actor, person=person)
    ):
        raise AccessDenied
    event = registration.event
    if has_attended and not event.has_begun:
        raise ValidationError(
            {
                "has_attended": _(
                    "Attendance can be recorded once the event has begun "
                    "(it begins on %(date)s)."
                )
                % {"date": date_format(timezone.localtime(event.starts_at))}
            }
        )
    registration.has_attended = has_attended
    registration.save(update_fields=["has_attended", "updated_at"])
    return registration


@transaction.atomic
def set_anonymous_head_count(*, actor: Actor, event: Event, count: int) -> Event:
    """Set the number of walk-ins (people who came without registering).

    Raises PermissionDenied (not the organiser), ValidationError (not a whole number
    from 0 to ``rules.HEAD_COUNT_MAX``).
    """
    _require_organiser(actor, event)
    if (
        isinstance(count, bool)
        or not isinstance(count, int)
        or not 0 <= count <= rules.HEAD_COUNT_MAX
    ):
        raise ValidationError(
            {
                "anonymous_head_count": _("Enter a whole number from 0 to %(max)s.")
                % {"max": f"{rules.HEAD_COUNT_MAX:,}".replace(",", ".")}
            }
        )
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.anonymous_head_count = count
    event.save(update_fields=["anonymous_head_count", "updated_at"])
    return event
