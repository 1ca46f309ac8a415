"""The services REST API: translation only, the same rules and errors as the actions."""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from rest_framework.test import APIClient

from regiowerk.organisations.constants import Role
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services import actions
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.models import Enrolment, Service
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
    ServiceFactory,
    make_actor,
    share_with,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def _fields(response) -> set[str | None]:
    return {error["field"] for error in response.json()["errors"]}


# --- Services ----------------------------------------------------------------------------


def test_the_catalogue_is_listed_with_filters_and_places_left(api_client_for):
    actor = make_actor(role=Role.ANALYST)
    ServiceFactory(name="Vitaliteit", themes=["healthy_vital_work"], capacity=3)
    ServiceFactory(name="Mobiliteit", themes=["mobility"])

    response = api_client_for(actor).get(
        reverse("api-service-list"), {"theme": "healthy_vital_work"}
    )

    assert response.status_code == 200
    (service,) = response.json()["results"]
    assert (service["name"], service["places_left"]) == ("Vitaliteit", 3)


def test_a_bad_filter_names_the_parameter(api_client_for):
    response = api_client_for(make_actor()).get(
        reverse("api-service-list"), {"theme": "x"}
    )

    assert response.status_code == 400
    assert _fields(response) == {"theme"}


def test_a_project_leader_creates_a_service_through_the_api(api_client_for):
    actor = make_actor(role=Role.PROJECT_LEADER)

    response = api_client_for(actor).post(
        reverse("api-service-create"),
        {
            "name": "Budgetcoaching",
            "type": "financial_coaching",
            "price_cents": 25000,
            "target_groups": ["job_seekers"],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["provider"]["id"] == actor.organisation.pk
    assert Service.objects.get().name == "Budgetcoaching"


def test_creating_a_service_reports_bad_fields_in_the_one_error_format(api_client_for):
    actor = make_actor(role=Role.PROJECT_LEADER)

    response = api_client_for(actor).post(
        reverse("api-service-create"),
        {
            "name": "X",
            "type": "coaching",
            "active_from": "2026-05-01",
            "active_until": "2026-04-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert _fields(response) == {"active_until"}


def test_a_consultant_gets_403_with_the_reason_when_creating_a_service(api_client_for):
    response = api_client_for(make_actor(role=Role.CONSULTANT)).post(
        reverse("api-service-create"), {"name": "X", "type": "coaching"}, format="json"
    )

    assert response.status_code == 403
    (error,) = response.json()["errors"]
    assert "project leaders" in error["message"] or "projectleiders" in error["message"]


def test_a_service_is_retrieved_and_updated(api_client_for):
    actor = make_actor(role=Role.ADMINISTRATOR)
    service = ServiceFactory(provider=actor.organisation)
    client = api_client_for(actor)

    detail = client.get(reverse("api-service-detail", args=[service.pk]))
    updated = client.post(
        reverse("api-service-update", args=[service.pk]),
        {"is_active": False},
        format="json",
    )
    missing = client.get(reverse("api-service-detail", args=[999_999]))

    assert detail.json()["name"] == service.name
    assert updated.status_code == 200
    assert updated.json()["is_active"] is False
    assert missing.status_code == 404


def test_the_provider_sees_only_participants_who_share_with_it_and_the_read_is_logged(
    api_client_for,
):
    provider = make_actor(role=Role.CONSULTANT)
    service = ServiceFactory(provider=provider.organisation)
    sharing = EnrolmentFactory(service=service)
    share_with(sharing.person, provider.organisation)
    EnrolmentFactory(service=service)  # not shared

    response = api_client_for(provider).get(
        reverse("api-service-participants", args=[service.pk])
    )

    assert [row["person_id"] for row in response.json()] == [str(sharing.person.pk)]
    assert AccessLog.objects.filter(
        person=sharing.person, user=provider.user, what="service participants"
    ).exists()


# --- Enrolments ----------------------------------------------------------------------------


def test_a_consultant_enrols_a_person_through_the_api(consultant, api_client_for):
    person = PersonFactory(organisation=consultant.organisation)
    service = ServiceFactory(provider=consultant.organisation)

    response = api_client_for(consultant).post(
        reverse("api-enrolment-create"),
        {"person_id": str(person.pk), "service_id": service.pk},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["person_id"], body["version"]) == (
        "registered",
        str(person.pk),
        1,
    )


def test_enrolling_without_a_sharing_consent_names_the_consent_and_provider(
    consultant, api_client_for
):
    person = PersonFactory(organisation=consultant.organisation)
    service = ServiceFactory(provider__name="Werkfit BV")

    response = api_client_for(consultant).post(
        reverse("api-enrolment-create"),
        {"person_id": str(person.pk), "service_id": service.pk},
        format="json",
    )

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "service"
    assert "Werkfit BV" in error["message"]


def test_an_inaccessible_person_answers_exactly_like_an_unknown_one(
    consultant, api_client_for
):
    stranger = PersonFactory()
    service = ServiceFactory(provider=consultant.organisation)
    client = api_client_for(consultant)

    forbidden = client.post(
        reverse("api-enrolment-create"),
        {"person_id": str(stranger.pk), "service_id": service.pk},
        format="json",
    )
    unknown = client.post(
        reverse("api-enrolment-create"),
        {"person_id": str(uuid.uuid4()), "service_id": service.pk},
        format="json",
    )

    assert forbidden.status_code == unknown.status_code == 404
    assert forbidden.json() == unknown.json()
    assert not Enrolment.objects.exists()


def test_a_persons_enrolments_are_listed(consultant, api_client_for):
    enrolment = EnrolmentFactory(person__organisation=consultant.organisation)

    response = api_client_for(consultant).get(
        reverse("api-enrolment-list"), {"person": str(enrolment.person.pk)}
    )

    assert [row["id"] for row in response.json()] == [enrolment.pk]


def test_status_changes_carry_the_version_and_a_stale_one_answers_409(
    consultant, api_client_for
):
    enrolment = EnrolmentFactory(person__organisation=consultant.organisation)
    client = api_client_for(consultant)

    started = client.post(
        reverse("api-enrolment-start", args=[enrolment.pk]), {"version": 1}
    )
    stale = client.post(
        reverse("api-enrolment-drop-out", args=[enrolment.pk]),
        {"version": 1, "drop_out_reason": "Ziek"},
    )

    assert started.status_code == 200
    assert started.json()["status"] == "started"
    assert stale.status_code == 409
    assert _fields(stale) == {"version"}


def test_dropping_out_without_a_reason_names_the_field(consultant, api_client_for):
    enrolment = EnrolmentFactory(person__organisation=consultant.organisation)

    response = api_client_for(consultant).post(
        reverse("api-enrolment-drop-out", args=[enrolment.pk]),
        {"version": 1, "drop_out_reason": " "},
    )

    assert response.status_code == 400
    assert _fields(response) == {"drop_out_reason"}


def test_attendance_completion_and_rating_through_the_api(consultant, api_client_for):
    enrolment = EnrolmentFactory(
        person__organisation=consultant.organisation,
        status=EnrolmentStatus.STARTED,
        started_on=timezone.localdate() - timedelta(days=7),
    )
    client = api_client_for(consultant)
    attendance_url = reverse("api-enrolment-attendance", args=[enrolment.pk])

    recorded = client.post(
        attendance_url,
        {"session_on": str(timezone.localdate()), "is_present": True},
    )
    listed = client.get(attendance_url)
    completed = client.post(
        reverse("api-enrolment-complete", args=[enrolment.pk]),
        {"version": 1, "evidence": "Certificaat 77"},
    )
    rated = client.post(
        reverse("api-enrolment-rate", args=[enrolment.pk]),
        {"version": 2, "satisfaction_score": 9},
    )

    assert recorded.status_code == 201
    assert listed.json() == [
        {"session_on": str(timezone.localdate()), "is_present": True}
    ]
    assert completed.json()["status"] == "completed"
    assert rated.json()["satisfaction_score"] == 9


def test_another_organisation_gets_404_for_an_enrolment(consultant, api_client_for):
    enrolment = EnrolmentFactory(person__organisation=consultant.organisation)

    response = api_client_for(make_actor(role=Role.CONSULTANT)).get(
        reverse("api-enrolment-detail", args=[enrolment.pk])
    )

    assert response.status_code == 404


# --- Events ----------------------------------------------------------------------------------


def test_an_event_is_created_and_listed_as_upcoming(consultant, api_client_for):
    starts_at = timezone.now() + timedelta(days=3)
    client = api_client_for(consultant)

    created = client.post(
        reverse("api-event-create"),
        {
            "title": "Masterclass vitaal werken",
            "type": "masterclass",
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + timedelta(hours=2)).isoformat(),
            "place": "Provinciehuis",
        },
        format="json",
    )
    upcoming = client.get(reverse("api-event-list"), {"when": "upcoming"})
    past = client.get(reverse("api-event-list"), {"when": "past"})

    assert created.status_code == 201, created.json()
    assert [e["title"] for e in upcoming.json()["results"]] == [
        "Masterclass vitaal werken"
    ]
    assert past.json()["results"] == []


def test_an_event_that_ends_before_it_starts_names_the_field(
    consultant, api_client_for
):
    starts_at = timezone.now() + timedelta(days=3)

    response = api_client_for(consultant).post(
        reverse("api-event-create"),
        {
            "title": "X",
            "type": "regional",
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at - timedelta(hours=2)).isoformat(),
            "place": "Y",
        },
        format="json",
    )

    assert response.status_code == 400
    assert _fields(response) == {"ends_at"}


def test_registering_counting_walk_ins_and_attendance_give_the_reach(
    consultant, api_client_for
):
    event = EventFactory(organiser=consultant.organisation, past=True)
    person = PersonFactory(organisation=consultant.organisation)
    client = api_client_for(consultant)

    registered = client.post(
        reverse("api-event-registration-create", args=[event.pk]),
        {"person_id": str(person.pk)},
    )
    attended = client.post(
        reverse("api-event-registration-attendance", args=[registered.json()["id"]]),
        {"has_attended": True},
    )
    counted = client.post(
        reverse("api-event-head-count", args=[event.pk]), {"anonymous_head_count": 14}
    )
    registrations = client.get(reverse("api-event-registration-list", args=[event.pk]))

    assert registered.status_code == 201
    assert attended.json()["has_attended"] is True
    assert counted.json()["reach"] == 15
    assert [r["person_id"] for r in registrations.json()] == [str(person.pk)]


@pytest.mark.parametrize("count", [100_001, 2**31, 990_630_518_946_611, -1])
def test_a_head_count_out_of_range_is_a_400_naming_the_field_on_every_database(
    consultant, api_client_for, count
):
    # found by the API fuzz on PostgreSQL: an integer column overflowed into a 500
    event = EventFactory(organiser=consultant.organisation, past=True)

    response = api_client_for(consultant).post(
        reverse("api-event-head-count", args=[event.pk]),
        {"anonymous_head_count": count},
    )

    assert response.status_code == 400
    assert _fields(response) == {"anonymous_head_count"}
    event.refresh_from_db()
    assert event.anonymous_head_count == 0


def test_the_action_refuses_a_head_count_beyond_the_maximum(consultant):
    event = EventFactory(organiser=consultant.organisation, past=True)

    with pytest.raises(ValidationError, match=r"100\.000"):
        actions.set_anonymous_head_count(actor=consultant, event=event, count=100_001)


def test_another_organisation_cannot_set_the_head_count(consultant, api_client_for):
    event = EventFactory()

    response = api_client_for(consultant).post(
        reverse("api-event-head-count", args=[event.pk]), {"anonymous_head_count": 3}
    )

    assert response.status_code == 403


def test_an_outsider_gets_404_for_a_registration(api_client_for):
    registration = EventRegistrationFactory()

    response = api_client_for(make_actor(role=Role.CONSULTANT)).post(
        reverse("api-event-registration-attendance", args=[registration.pk]),
        {"has_attended": True},
    )

    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.ACCOUNT_MANAGER, Role.CONSULTANT])
def test_the_organiser_gets_404_for_a_registration_of_a_person_it_may_not_see(
    role, api_client_for
):
    # given: another organisation registered its person for our event
    registration = EventRegistrationFactory(event__past=True)
    organiser = make_actor(registration.event.organiser, role=role)
    client = api_client_for(organiser)
    url = "api-event-registration-attendance"

    # when
    unseen = client.post(reverse(url, args=[registration.pk]), {"has_attended": True})
    unknown = client.post(reverse(url, args=[999_999]), {"has_attended": True})

    # then: the same answer as for no registration at all, no person id, nothing changed
    assert unseen.status_code == unknown.status_code == 404
    assert unseen.json() == unknown.json()
    assert str(registration.person_id) not in unseen.content.decode()
    registration.refresh_from_db()
    assert registration.has_attended is False
    assert not AccessLog.objects.exists()


def test_recording_event_attendance_through_the_api_logs_the_read(
    consultant, api_client_for
):
    registration = EventRegistrationFactory(
        event__past=True, person__organisation=consultant.organisation
    )

    response = api_client_for(consultant).post(
        reverse("api-event-registration-attendance", args=[registration.pk]),
        {"has_attended": True},
    )

    assert response.status_code == 200
    assert list(AccessLog.objects.values_list("user", "person", "what")) == [
        (consultant.user.pk, registration.person_id, "event attendance")
    ]


def test_attendance_for_an_event_that_has_not_begun_is_a_400_naming_the_field(
    consultant, api_client_for
):
    registration = EventRegistrationFactory(  # the event is next week
        person__organisation=consultant.organisation
    )

    with translation.override("nl"):
        response = api_client_for(consultant).post(
            reverse("api-event-registration-attendance", args=[registration.pk]),
            {"has_attended": True},
            HTTP_ACCEPT_LANGUAGE="nl",
        )

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "has_attended"
    assert error["message"].startswith("Aanwezigheid kan pas worden vastgelegd")
    registration.refresh_from_db()
    assert registration.has_attended is False


def test_the_api_needs_a_login():
    assert APIClient().get(reverse("api-service-list")).status_code in (401, 403)


def test_the_openapi_schema_describes_the_services_endpoints(
    consultant, api_client_for
):
    response = api_client_for(consultant).get(reverse("api-schema"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/enrolments/{enrolment_id}/drop-out/" in body
    assert "/api/v1/events/{event_id}/head-count/" in body
