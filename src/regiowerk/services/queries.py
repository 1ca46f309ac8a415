"""Reads of the services app: the catalogue, enrolments, participants and events.

The catalogue and events are not personal data: everyone logged in may read them.
Enrolments and registrations name a person, so they are read only through the gate,
people.access, for persons the actor may see: ``access_enrolment`` is
``access_record`` (one record, logged, the same AccessDenied for unknown and
forbidden) and the participant lists are ``read_records`` (evaluated and every person
shown logged in one step, so a page cannot forget to log). Anonymised persons are left
out of both, as out of people's own lists. Queries raise ``DoesNotExist`` or
``AccessDenied``, never ``Http404``: views map both with ``common.web.not_found_is_404``.
"""

from datetime import date, datetime
from typing import TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Model, Q, QuerySet
from django.utils import timezone

from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import (
    AccessDenied,
    access_record,
    accessible_persons,
    accessible_records,
    log_access,
    may_read_person,
    read_records,
)
from regiowerk.people.constants import AccessPurpose
from regiowerk.people.models import Person
from regiowerk.people.queries import sharing_partners_of
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

M = TypeVar("M", bound=Model)
PURPOSE = AccessPurpose.SERVICE_DELIVERY
PERSON_SEARCH_LIMIT = 10

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


def _named(records: QuerySet[M]) -> QuerySet[M]:
    """Records of persons that were not anonymised: services' lists and reads leave
    anonymised persons out, as ``people.access.accessible_persons`` does."""
    return records.filter(person__is_anonymised=False)


def _require_reader(actor: Actor, person: Person) -> None:
    """AccessDenied unless the actor may read ``person`` (not anonymised)."""
    if person.is_anonymised or not may_read_person(actor=actor, person=person):
        raise AccessDenied


def enrolments_of_person(*, actor: Actor, person: Person) -> QuerySet[Enrolment]:
    """The person's enrolments, newest first; ``person`` comes from access_person
    (which logged the read).

    Raises AccessDenied when the actor may not read the person (second line of defence).
    """
    _require_reader(actor, person)
    return (
        Enrolment.objects.filter(person=person)
        .select_related("service", "service__provider")
        .order_by("-registered_on", "-created_at")
    )


def _participants(service: Service) -> QuerySet[Enrolment]:
    return (
        _named(Enrolment.objects.filter(service=service))
        .select_related("person")
        .order_by("status", "person__last_name", "person__first_name")
    )


def participants_of_service(*, actor: Actor, service: Service) -> QuerySet[Enrolment]:
    """Enrolments in ``service`` of persons the actor may see (for the provider: its
    own persons and those who share their data with it). Not logged: for counting;
    pages show :func:`read_participants`."""
    return accessible_records(_participants(service), actor=actor)


def read_participants(*, actor: Actor, service: Service) -> list[Enrolment]:
    """The participants the actor may see, with their attendance; each person logged."""
    return read_records(
        _participants(service).prefetch_related("attendances"),
        actor=actor,
        purpose=PURPOSE,
        what="service participants",
    )


def read_participants_page(
    *, actor: Actor, service: Service, page: str | int | None, per_page: int
) -> Page:
    """One page of :func:`read_participants` (``Paginator.get_page``: a bad or too
    high number gives the nearest page); only the persons on the page are logged, in
    a fixed number of queries whatever the number of participants."""
    visible = participants_of_service(actor=actor, service=service)
    shown = Paginator(visible, per_page).get_page(page)
    first = (shown.number - 1) * per_page
    shown.object_list = read_records(
        visible.prefetch_related("attendances")[first : first + per_page],
        actor=actor,
        purpose=PURPOSE,
        what="service participants",
    )
    return shown


def access_enrolment(
    *,
    actor: Actor,
    enrolment_id: int | str,
    purpose: str = PURPOSE,
    what: str = "enrolment",
) -> Enrolment:
    """The enrolment if the actor may read its person; the read is logged.

    Raises AccessDenied (the same for unknown, malformed and forbidden ids).
    """
    enrolments = Enrolment.objects.select_related("service", "service__provider")
    return access_record(
        _named(enrolments), actor=actor, pk=enrolment_id, purpose=purpose, what=what
    )


def providers_for(*, person: Person) -> frozenset[int]:
    """Ids of the organisations whose services ``person`` may be enrolled in: the
    holding organisation and the partners they share their data with."""
    partners = sharing_partners_of(person=person).values_list("pk", flat=True)
    return frozenset([person.organisation_id, *partners])


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


UPCOMING, PAST = "upcoming", "past"


def events(
    *,
    type: str | None = None,
    organiser: Organisation | int | None = None,
    network_name: str | None = None,
    is_learning_network_meeting: bool | None = None,
    when: str | None = None,
    now: datetime | None = None,
) -> QuerySet[Event]:
    """Events with ``registered_count``, ``attended_count`` and ``reach`` (attended
    registrations plus walk-ins), matching every given filter. ``when`` is UPCOMING
    (not ended yet, soonest first), PAST (ended, most recent first) or None (all,
    oldest first)."""
    found = Event.objects.all()
    if type:
        found = found.filter(type=type)
    if organiser is not None:
        found = found.filter(organiser=organiser)
    if network_name:
        found = found.filter(network_name__iexact=network_name)
    if is_learning_network_meeting is not None:
        found = found.filter(is_learning_network_meeting=is_learning_network_meeting)
    now = now or timezone.now()
    if when == UPCOMING:
        return _with_reach(found.filter(ends_at__gte=now)).order_by("starts_at", "pk")
    if when == PAST:
        return _with_reach(found.filter(ends_at__lt=now)).order_by("-starts_at", "pk")
    return _with_reach(found).order_by("starts_at", "pk")


def upcoming_events(
    *, type: str | None = None, now: datetime | None = None
) -> QuerySet[Event]:
    """Events that have not ended yet, soonest first (with reach counts)."""
    return events(type=type, when=UPCOMING, now=now)


def past_events(
    *, type: str | None = None, now: datetime | None = None
) -> QuerySet[Event]:
    """Events that have ended, most recent first (with reach counts)."""
    return events(type=type, when=PAST, now=now)


def get_event(*, event_id: int) -> Event:
    """The event with its reach counts; raises Event.DoesNotExist."""
    return events().get(pk=event_id)


def event_reach(*, event: Event) -> rules.Reach:
    """Who the event reached: attended registrations plus the anonymous head count."""
    flags = list(event.registrations.values_list("has_attended", flat=True))
    return rules.event_reach(flags, event.anonymous_head_count)


def _registrations(event: Event) -> QuerySet[EventRegistration]:
    return (
        _named(event.registrations.all())
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def registrations_of_event(
    *, actor: Actor, event: Event
) -> QuerySet[EventRegistration]:
    """Named registrations of persons the actor may see, by name. Not logged: for
    counting; pages show :func:`read_registrations`. The event's ``registered_count``
    tells how many there are in all."""
    return accessible_records(_registrations(event), actor=actor)


def read_registrations(
    *, actor: Actor, event: Event, what: str = "event registrations"
) -> list[EventRegistration]:
    """The named registrations the actor may see; each person logged (``what``: why
    they were read)."""
    return read_records(_registrations(event), actor=actor, purpose=PURPOSE, what=what)


def persons_to_register(
    *, actor: Actor, event: Event, search: str, limit: int = PERSON_SEARCH_LIMIT
) -> list[Person]:
    """Up to ``limit`` persons the actor may read who match ``search`` and are not
    registered for ``event`` yet; each person shown is logged."""
    found = list(
        accessible_persons(actor=actor, purpose=PURPOSE, search=search).exclude(
            event_registrations__event=event
        )[:limit]
    )
    log_access(actor=actor, persons=found, purpose=PURPOSE, what="event person search")
    return found


def get_registration(
    *, actor: Actor, registration_id: int | str, what: str = "event attendance"
) -> EventRegistration:
    """A registration of a person the actor may read, through the gate: logged, and
    AccessDenied alike for an unknown, a malformed and a forbidden id. Organising the
    event gives no way around it (the event page shows the organiser only the persons
    it may see, and so does this)."""
    return access_record(
        _named(EventRegistration.objects.select_related("event")),
        actor=actor,
        pk=registration_id,
        purpose=PURPOSE,
        what=what,
    )


def event_registrations_of_person(
    *, actor: Actor, person: Person
) -> QuerySet[EventRegistration]:
    """The person's event registrations; ``person`` comes from access_person."""
    _require_reader(actor, person)
    return (
        EventRegistration.objects.filter(person=person)
        .select_related("event", "event__organiser")
        .order_by("-event__starts_at")
    )
