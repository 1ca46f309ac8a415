"""Catalogue filters, enrolments through the access rules, events with their reach."""

from datetime import date, timedelta

from django.utils import timezone

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.people.access import AccessDenied
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services import queries
from regiowerk.services.constants import EnrolmentStatus, ServiceType
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
    ServiceFactory,
    make_actor,
    share_with,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def _names(services):
    return sorted(s.name for s in services)


def test_the_catalogue_filters_by_type_theme_target_group_and_provider():
    coaching = ServiceFactory(
        name="Coaching 50+",
        type=ServiceType.COACHING,
        themes=["healthy_vital_work"],
        target_groups=["50_plus", "employees"],
    )
    ServiceFactory(
        name="Omscholing zorg",
        type=ServiceType.TRAINING,
        themes=["mobility"],
        target_groups=["job_seekers"],
    )

    assert _names(queries.catalogue(type=ServiceType.COACHING)) == ["Coaching 50+"]
    assert _names(queries.catalogue(theme="mobility")) == ["Omscholing zorg"]
    assert _names(queries.catalogue(target_group="50_plus")) == ["Coaching 50+"]
    assert _names(queries.catalogue(target_group="women")) == []
    assert _names(queries.catalogue(provider=coaching.provider)) == ["Coaching 50+"]
    assert _names(queries.catalogue(search="zorg")) == ["Omscholing zorg"]


def test_the_catalogue_on_a_date_shows_only_services_active_then():
    ServiceFactory(name="Altijd")
    ServiceFactory(name="Uit", is_active=False)
    ServiceFactory(
        name="Voorjaar", active_from=date(2026, 3, 1), active_until=date(2026, 5, 31)
    )

    assert _names(queries.catalogue(active_on=date(2026, 4, 1))) == [
        "Altijd",
        "Voorjaar",
    ]
    assert _names(queries.catalogue(active_on=date(2026, 6, 1))) == ["Altijd"]
    assert len(queries.catalogue()) == 3


def test_places_taken_counts_only_active_enrolments():
    service = ServiceFactory(capacity=10)
    EnrolmentFactory(service=service, person__organisation=service.provider)
    EnrolmentFactory(
        service=service,
        person__organisation=service.provider,
        status=EnrolmentStatus.STARTED,
    )
    EnrolmentFactory(
        service=service,
        person__organisation=service.provider,
        status=EnrolmentStatus.COMPLETED,
    )

    found = queries.get_service(service_id=service.pk)

    assert found.places_taken == 2
    assert queries.places_left(service=found) == 8
    assert queries.enrolment_counts(service=service) == {
        "registered": 1,
        "started": 1,
        "completed": 1,
        "dropped_out": 0,
    }


def test_enrolments_of_a_person_need_the_right_to_read_them():
    consultant = make_actor(role=Role.CONSULTANT)
    person = PersonFactory(organisation=consultant.organisation)
    enrolment = EnrolmentFactory(person=person)
    EnrolmentFactory()  # somebody else's

    assert list(queries.enrolments_of_person(actor=consultant, person=person)) == [
        enrolment
    ]
    with pytest.raises(AccessDenied):
        queries.enrolments_of_person(
            actor=make_actor(role=Role.CONSULTANT), person=person
        )
    with pytest.raises(AccessDenied):
        queries.enrolments_of_person(
            actor=make_actor(consultant.organisation, role=Role.ANALYST), person=person
        )


def test_the_provider_sees_only_participants_who_share_with_it():
    provider = make_actor(role=Role.CONSULTANT)
    service = ServiceFactory(provider=provider.organisation)
    sharing = EnrolmentFactory(service=service)
    share_with(sharing.person, provider.organisation)
    withdrawn = EnrolmentFactory(service=service)
    share_with(withdrawn.person, provider.organisation, withdrawn_on=date(2026, 2, 1))
    own = EnrolmentFactory(service=service, person__organisation=provider.organisation)

    visible = set(queries.participants_of_service(actor=provider, service=service))

    assert visible == {sharing, own}
    analyst = make_actor(provider.organisation, role=Role.ANALYST)
    assert not queries.participants_of_service(actor=analyst, service=service).exists()


def test_access_enrolment_logs_the_read_and_fails_alike_for_unknown_and_forbidden():
    consultant = make_actor(role=Role.CONSULTANT)
    enrolment = EnrolmentFactory(person__organisation=consultant.organisation)
    other = EnrolmentFactory()

    found = queries.access_enrolment(actor=consultant, enrolment_id=enrolment.pk)

    assert found == enrolment
    assert AccessLog.objects.filter(
        person=enrolment.person, user=consultant.user, what="enrolment"
    ).exists()
    messages = set()
    for enrolment_id in (other.pk, 999_999, "abc"):
        with pytest.raises(AccessDenied) as excinfo:
            queries.access_enrolment(actor=consultant, enrolment_id=enrolment_id)
        messages.add(str(excinfo.value))
    assert len(messages) == 1


def test_events_come_with_their_reach_and_split_into_upcoming_and_past():
    now = timezone.now()
    past = EventFactory(
        title="Voorbij",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=2),
        anonymous_head_count=10,
    )
    EventRegistrationFactory(event=past, has_attended=True)
    EventRegistrationFactory(event=past, has_attended=True)
    EventRegistrationFactory(event=past, has_attended=False)
    EventFactory(title="Straks")

    (found_past,) = queries.past_events(now=now)
    (found_upcoming,) = queries.upcoming_events(now=now)

    assert found_past.title == "Voorbij"
    assert (found_past.registered_count, found_past.attended_count) == (3, 2)
    assert found_past.reach == 12
    assert queries.event_reach(event=past).total == 12
    assert found_upcoming.title == "Straks"
    assert found_upcoming.reach == 0


def test_event_registrations_show_only_persons_the_actor_may_see():
    consultant = make_actor(role=Role.CONSULTANT)
    event = EventFactory()
    mine = EventRegistrationFactory(
        event=event, person__organisation=consultant.organisation
    )
    EventRegistrationFactory(event=event)

    assert list(queries.registrations_of_event(actor=consultant, event=event)) == [mine]
    assert queries.get_event(event_id=event.pk).registered_count == 2
    assert list(
        queries.event_registrations_of_person(actor=consultant, person=mine.person)
    ) == [mine]


def test_a_registration_is_reachable_only_through_the_gate_and_the_read_is_logged():
    registration = EventRegistrationFactory()
    organiser = make_actor(registration.event.organiser, role=Role.CONSULTANT)
    consultant = make_actor(registration.person.organisation, role=Role.CONSULTANT)
    outsider = make_actor(role=Role.CONSULTANT)

    found = queries.get_registration(actor=consultant, registration_id=registration.pk)
    for actor, registration_id in (
        (organiser, registration.pk),  # organises the event, may not see the person
        (outsider, registration.pk),
        (consultant, 999_999),
        (consultant, "x"),
    ):
        with pytest.raises(AccessDenied):
            queries.get_registration(actor=actor, registration_id=registration_id)

    assert found == registration
    assert list(AccessLog.objects.values_list("user", "person", "what")) == [
        (consultant.user.pk, registration.person_id, "event attendance")
    ]
