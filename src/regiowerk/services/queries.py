"""Reads of the services app: the catalogue, enrolments, participants and events.

The catalogue and events are not personal data: everyone logged in may read them.
Enrolments and registrations name a person, so they are read only for persons the
actor may see under people.access: ``access_enrolment`` logs the read itself; the list
queries return QuerySets and the caller logs the persons it actually shows with
``people.access.log_access`` (as people's own list views do).
"""

from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import AccessDenied, accessible_persons, log_access
from regiowerk.people.constants import AccessPurpose
from regiowerk.people.models import Person
from regiowerk.services import rules
from regiowerk.services.constants import ACTIVE_ENROLMENT_STATUSES, EnrolmentStatus
from regiowerk.services.models import (
    Attendance,
    Enrolment,
    Event,
    EventRegistration,
    Service,
    ServiceQuerySet,
)
from regiowerk.services.permissions import may_organise_events

# --- Catalogue -----------------------------------------------------------------------------


def catalogue(
    *,
    search: str = "",
    type: str | None = None,
    theme: str | None = None,
    target_group: str | None = None,
    provider: Organisation | int | None = None,
    active_on: date | None = None,
) -> QuerySet[Service]:
    """Services matching every given filter, with ``places_taken`` (active enrolments).

    ``active_on`` keeps only services that can be chosen on that date; without it,
    inactive services are included (for the provider's own overview).
    """
    services: ServiceQuerySet = Service.objects.select_related("provider")
    for term in search.split():
        services = services.filter(
            Q(name__icontains=term) | Q(description__icontains=term)
        )
    if type:
        services = services.filter(type=type)
    if theme:
        services = services.with_theme(theme)
    if target_group:
        services = services.for_target_group(target_group)
    if provider is not None:
        services = services.filter(provider=provider)
    if active_on is not None:
        services = services.active_on(active_on)
    return services.annotate(
        places_taken=Count(
            "enrolments", filter=Q(enrolments__status__in=ACTIVE_ENROLMENT_STATUSES)
        )
    ).order_by("name", "pk")


def get_service(*, service_id: int) -> Service:
    """The service with ``places_taken``; raises Service.DoesNotExist."""
    return catalogue().get(pk=service_id)


def places_left(*, service: Service) -> int | None:
    """Free places in ``service`` (None: unlimited)."""
    taken = getattr(service, "places_taken", None)
    if taken is None:
        taken = service.enrolments.active().count()
    return rules.places_left(service.capacity, taken)


def enrolment_counts(*, service: Service) -> dict[str, int]:
    """Enrolments per status (no personal data): for providers and reports."""
    counts = dict(
        service.enrolments.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in EnrolmentStatus.values}


# --- Enrolments (personal data) -----------------------------------------------------------


def _visible_persons(actor: Actor) -> QuerySet[Person]:
    return accessible_persons(actor=actor, purpose=AccessPurpose.SERVICE_DELIVERY)


def enrolments_of_person(*, actor: Actor, person: Person) -> QuerySet[Enrolment]:
    """The person's enrolments, newest first; ``person`` comes from access_person.

    Raises AccessDenied when the actor may not read the person (second line of defence).
    """
    if not _visible_persons(actor).filter(pk=person.pk).exists():
        raise AccessDenied
    return (
        Enrolment.objects.filter(person=person)
        .select_related("service", "service__provider")
        .order_by("-registered_on", "-created_at")
    )


def participants_of_service(*, actor: Actor, service: Service) -> QuerySet[Enrolment]:
    """Enrolments in ``service`` of persons the actor may see (for the provider: its
    own persons and those who share their data with it). The caller logs what it shows.
    """
    return (
        Enrolment.objects.filter(service=service, person__in=_visible_persons(actor))
        .select_related("person")
        .order_by("status", "person__last_name", "person__first_name")
    )


def access_enrolment(
    *,
    actor: Actor,
    enrolment_id: int | str,
    purpose: str = AccessPurpose.SERVICE_DELIVERY,
    what: str = "enrolment",
) -> Enrolment:
    """The enrolment if the actor may read its person; the read is logged.

    Raises AccessDenied (the same for unknown and forbidden).
    """
    try:
        pk = int(enrolment_id)
    except (TypeError, ValueError):
        raise AccessDenied from None
    enrolment = (
        Enrolment.objects.filter(
            pk=pk,
            person__in=accessible_persons(actor=actor, purpose=purpose),
        )
        .select_related("person", "service", "service__provider")
        .first()
    )
    if enrolment is None:
        raise AccessDenied
    log_access(actor=actor, persons=[enrolment.person], purpose=purpose, what=what)
    return enrolment


def attendances_of(*, enrolment: Enrolment) -> QuerySet[Attendance]:
    """Recorded sessions of an enrolment (read it with access_enrolment first)."""
    return enrolment.attendances.order_by("session_on")


# --- Events ------------------------------------------------------------------------------


def _with_reach(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("organiser").annotate(
        registered_count=Count("registrations", distinct=True),
        attended_count=Count(
            "registrations",
            filter=Q(registrations__has_attended=True),
            distinct=True,
        ),
        reach=F("attended_count") + F("anonymous_head_count"),
    )


def events(
    *,
    type: str | None = None,
    organiser: Organisation | int | None = None,
    network_name: str | None = None,
    is_learning_network_meeting: bool | None = None,
) -> QuerySet[Event]:
    """Events with ``registered_count``, ``attended_count`` and ``reach`` (attended
    registrations plus walk-ins), oldest first."""
    found = Event.objects.all()
    if type:
        found = found.filter(type=type)
    if organiser is not None:
        found = found.filter(organiser=organiser)
    if network_name:
        found = found.filter(network_name__iexact=network_name)
    if is_learning_network_meeting is not None:
        found = found.filter(is_learning_network_meeting=is_learning_network_meeting)
    return _with_reach(found).order_by("starts_at", "pk")


def upcoming_events(*, now: datetime | None = None) -> QuerySet[Event]:
    """Events that have not ended yet, soonest first (with reach counts)."""
    return events().filter(ends_at__gte=now or timezone.now())


def past_events(*, now: datetime | None = None) -> QuerySet[Event]:
    """Events that have ended, most recent first (with reach counts)."""
    return (
        events().filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "pk")
    )


def get_event(*, event_id: int) -> Event:
    """The event with its reach counts; raises Event.DoesNotExist."""
    return events().get(pk=event_id)


def event_reach(*, event: Event) -> rules.Reach:
    """Who the event reached: attended registrations plus the anonymous head count."""
    flags = list(event.registrations.values_list("has_attended", flat=True))
    return rules.event_reach(flags, event.anonymous_head_count)


def registrations_of_event(
    *, actor: Actor, event: Event
) -> QuerySet[EventRegistration]:
    """Named registrations of persons the actor may see (the caller logs them).

    The event's ``registered_count`` tells how many there are in all.
    """
    return (
        event.registrations.filter(person__in=_visible_persons(actor))
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def get_registration(*, actor: Actor, registration_id: int | str) -> EventRegistration:
    """A registration the actor may act on: as the event's organiser (without the
    person's details being read) or as someone who may read the person.

    Raises EventRegistration.DoesNotExist for unknown and forbidden alike.
    """
    try:
        pk = int(registration_id)
    except (TypeError, ValueError):
        raise EventRegistration.DoesNotExist from None
    # Only roles that may organise events act as the organiser: anyone else finding a
    # registration by id and then being refused would learn that it exists.
    as_organiser = (
        Q(event__organiser=actor.organisation)
        if may_organise_events(actor)
        else Q(pk__in=[])
    )
    return EventRegistration.objects.select_related("event").get(
        as_organiser | Q(person__in=_visible_persons(actor)), pk=pk
    )


def event_registrations_of_person(
    *, actor: Actor, person: Person
) -> QuerySet[EventRegistration]:
    """The person's event registrations; ``person`` comes from access_person."""
    if not _visible_persons(actor).filter(pk=person.pk).exists():
        raise AccessDenied
    return (
        EventRegistration.objects.filter(person=person)
        .select_related("event", "event__organiser")
        .order_by("-event__starts_at")
    )
