"""The API takes JSON bodies only: a form-encoded partial update used to turn every
boolean it left out into false (a person's disability and banenafspraak markers, a
service's ``is_active``, an event's learning-network flag, attendance).

Every operation with a body is taken from the OpenAPI schema, so a new one is covered
without being listed here; the update operations each have a partial-update case.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from regiowerk.employers.models import Employer, Vacancy
from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.monitoring.models import Activity, Indicator, TargetChange
from regiowerk.monitoring.tests.factories import monitored_project
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.people.models import Person
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements import actions as placement_actions
from regiowerk.placements.models import CheckIn, FollowUpProgramme, Placement
from regiowerk.placements.tests.factories import PlacementFactory
from regiowerk.services.models import Attendance, Event, EventRegistration, Service
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
    ServiceFactory,
    make_actor,
)
from tests.flows.openapi import fill, operations, request_schema

pytestmark = pytest.mark.django_db

BODY_OPERATIONS = [(m, p, op) for m, p, op in operations() if "requestBody" in op]
FORM = "application/x-www-form-urlencoded"


def _send(client: APIClient, url: str, body: dict[str, Any], content_type: str) -> Any:
    if content_type == "json":
        return client.post(url, body, format="json")
    if content_type == FORM:
        return client.post(url, urlencode(body), content_type=FORM)
    return client.post(
        url, encode_multipart(BOUNDARY, body), content_type=MULTIPART_CONTENT
    )


def test_every_body_is_documented_as_json_only():
    assert BODY_OPERATIONS
    documented = {
        f"{m} {p}": sorted(op["requestBody"]["content"]) for m, p, op in BODY_OPERATIONS
    }
    assert {k: v for k, v in documented.items() if v != ["application/json"]} == {}


@pytest.mark.parametrize("content_type", [FORM, MULTIPART_CONTENT])
def test_every_operation_with_a_body_refuses_anything_but_json_with_415(
    content_type, api_client_for
):
    client = api_client_for(make_actor(role=Role.ADMINISTRATOR))

    answers = {
        f"{method} {path}": client.generic(
            method,
            fill(path, op),
            urlencode({"version": 1})
            if content_type == FORM
            else encode_multipart(BOUNDARY, {"version": 1}),
            content_type=content_type,
        )
        for method, path, op in BODY_OPERATIONS
    }

    assert {k: r.status_code for k, r in answers.items() if r.status_code != 415} == {}
    for response in answers.values():
        (error,) = response.json()["errors"]
        assert error["code"] == "unsupported_media_type"
        assert "application/json" in error["message"]


def test_the_415_reason_is_dutch_and_names_the_type_sent(api_client_for):
    client = api_client_for(make_actor())

    response = client.post(
        reverse("api-person-create"), "first_name=Fenna", content_type=FORM
    )

    assert response.json()["errors"][0]["message"] == (
        "Stuur de body van het verzoek als JSON (Content-Type: application/json); "
        "“application/x-www-form-urlencoded” wordt niet geaccepteerd."
    )


# --- Partial updates ---------------------------------------------------------------------


@dataclass
class Update:
    """A record, a partial body that leaves its booleans out, and how to read it back."""

    actor: Actor
    url: str
    body: dict[str, Any]
    state: Callable[[], Any]


def _person() -> Update:
    actor = make_actor()
    person = PersonFactory(
        organisation=actor.organisation,
        has_occupational_disability=True,
        is_banenafspraak=True,
    )
    return Update(
        actor,
        reverse("api-person-update", args=[person.pk]),
        {"version": person.version, "first_name": "Fenna"},
        lambda: Person.objects.values(
            "has_occupational_disability", "is_banenafspraak"
        ).get(pk=person.pk),
    )


def _service() -> Update:
    actor = make_actor(role=Role.PROJECT_LEADER)
    service = ServiceFactory(provider=actor.organisation, is_active=True)
    return Update(
        actor,
        reverse("api-service-update", args=[service.pk]),
        {"description": "Vier gesprekken"},
        lambda: Service.objects.values("is_active").get(pk=service.pk),
    )


def _event() -> Update:
    actor = make_actor()
    event = EventFactory(
        organiser=actor.organisation,
        is_learning_network_meeting=True,
        network_name="Lerend netwerk Drenthe",
    )
    return Update(
        actor,
        reverse("api-event-update", args=[event.pk]),
        {"place": "Bibliotheek"},
        lambda: Event.objects.values("is_learning_network_meeting").get(pk=event.pk),
    )


def _vacancy() -> Update:
    actor = make_actor(role=Role.ACCOUNT_MANAGER)
    vacancy = VacancyFactory(organisation=actor.organisation, hours_min=24)
    return Update(
        actor,
        reverse("api-vacancy-update", args=[vacancy.pk]),
        {"version": vacancy.version, "title": "Chauffeur"},
        lambda: Vacancy.objects.values("hours_min", "hours_max").get(pk=vacancy.pk),
    )


def _employer() -> Update:
    actor = make_actor(role=Role.ACCOUNT_MANAGER)
    employer = EmployerFactory(
        account_organisation=actor.organisation, employees=40, postcode="7811 AB"
    )
    return Update(
        actor,
        reverse("api-employer-update", args=[employer.pk]),
        {"version": employer.version, "name": "Bakkerij Bol"},
        lambda: Employer.objects.values(
            "sector", "employees", "size_class", "postcode"
        ).get(pk=employer.pk),
    )


def _registration_attendance() -> Update:
    actor = make_actor()
    starts_at = timezone.now() - timedelta(days=2)
    registration = EventRegistrationFactory(
        event__organiser=actor.organisation,
        event__starts_at=starts_at,
        event__ends_at=starts_at + timedelta(hours=2),
        person__organisation=actor.organisation,
        has_attended=True,
    )
    return Update(
        actor,
        reverse("api-event-registration-attendance", args=[registration.pk]),
        {"has_attended": True},
        lambda: EventRegistration.objects.values("has_attended").get(
            pk=registration.pk
        ),
    )


def _enrolment_attendance() -> Update:
    actor = make_actor()
    enrolment = EnrolmentFactory(
        person__organisation=actor.organisation, status="started"
    )
    return Update(
        actor,
        reverse("api-enrolment-attendance", args=[enrolment.pk]),
        {"session_on": str(timezone.localdate()), "is_present": True},
        lambda: list(
            Attendance.objects.filter(enrolment=enrolment).values_list(
                "is_present", flat=True
            )
        ),
    )


def _placement_update() -> Update:
    actor = make_actor()
    placement = PlacementFactory(
        person__organisation=actor.organisation,
        has_wage_cost_subsidy=True,
        support=["job_coach"],
    )
    return Update(
        actor,
        reverse("api-placement-update", args=[placement.pk]),
        {"version": placement.version, "hours_per_week": 16},
        lambda: Placement.objects.values("has_wage_cost_subsidy", "support").get(
            pk=placement.pk
        ),
    )


def _check_in_update() -> Update:
    actor = make_actor()
    placement = PlacementFactory(person__organisation=actor.organisation)
    check_in = CheckIn.objects.create(
        placement=placement,
        held_on=timezone.localdate(),
        held_with="both",
        status="attention",
        workload=2,
        relation=4,
    )
    return Update(
        actor,
        reverse("api-placement-check-in-update", args=[placement.pk, check_in.pk]),
        {"version": check_in.version, "notes": "Aangevuld"},
        lambda: CheckIn.objects.values(
            "held_with", "status", "workload", "relation"
        ).get(pk=check_in.pk),
    )


def _placement_end() -> Update:
    actor = make_actor()
    placement = PlacementFactory(
        person__organisation=actor.organisation, has_wage_cost_subsidy=True
    )
    return Update(
        actor,
        reverse("api-placement-end", args=[placement.pk]),
        {
            "version": placement.version,
            "ends_on": str(timezone.localdate()),
            "reason": "resigned",
        },
        lambda: Placement.objects.values("has_wage_cost_subsidy").get(pk=placement.pk),
    )


def _target_change() -> Update:
    actor = make_actor(role=Role.PROJECT_LEADER)
    ids = monitored_project(actor.organisation)
    return Update(
        actor,
        reverse(
            "api-target-change-propose",
            kwargs={
                "project_id": ids["project_id"],
                "indicator_id": ids["indicator_id"],
            },
        ),
        {
            "new_value": 6,
            "changed_on": str(timezone.localdate()),
            "kind": "informal_consultation",
            "reason": "Minder aanmeldingen",
        },
        # leaving drops_target out proposes the new value, never dropping the target
        lambda: TargetChange.objects.filter(new_value__isnull=True).count(),
    )


def _monitored() -> tuple[Actor, dict[str, int]]:
    actor = make_actor(role=Role.PROJECT_LEADER)
    return actor, monitored_project(actor.organisation)


def _activity_update() -> Update:
    actor, ids = _monitored()
    Activity.objects.filter(pk=ids["activity_id"]).update(category="policy")
    return Update(
        actor,
        reverse("api-activity-update", args=[ids["project_id"], ids["activity_id"]]),
        {"version": 1, "name": "Nazorg"},
        lambda: Activity.objects.values("category").get(pk=ids["activity_id"]),
    )


def _indicator_update() -> Update:
    actor, ids = _monitored()
    return Update(
        actor,
        reverse("api-indicator-update", args=[ids["project_id"], ids["indicator_id"]]),
        {"version": 1, "name": "Gesprekken"},
        lambda: Indicator.objects.values("unit").get(pk=ids["indicator_id"]),
    )


def _follow_up_programme_update() -> Update:
    actor = make_actor(role=Role.LABOUR_EXPERT)
    programme = placement_actions.create_follow_up_programme(
        actor=actor, name="Kort", first_days=7, months=[1, 2], every_months=3, years=1
    )
    return Update(
        actor,
        reverse("api-follow-up-programme-update", args=[programme.pk]),
        {"version": programme.version, "description": "Proefplaatsingen"},
        # the intervals left out keep their values, not the default's
        lambda: FollowUpProgramme.objects.values(
            "name", "first_days", "months", "every_months", "years"
        ).get(pk=programme.pk),
    )


UPDATES: dict[tuple[str, str], Callable[[], Update]] = {
    ("POST", "/api/v1/persons/{person_id}/update/"): _person,
    ("POST", "/api/v1/services/{service_id}/update/"): _service,
    ("POST", "/api/v1/events/{event_id}/update/"): _event,
    ("POST", "/api/v1/vacancies/{vacancy_id}/update/"): _vacancy,
    ("POST", "/api/v1/employers/{employer_id}/update/"): _employer,
    (
        "POST",
        "/api/v1/event-registrations/{registration_id}/attendance/",
    ): _registration_attendance,
    ("POST", "/api/v1/enrolments/{enrolment_id}/attendance/"): _enrolment_attendance,
    ("POST", "/api/v1/placements/{placement_id}/update/"): _placement_update,
    ("POST", "/api/v1/placements/{placement_id}/end/"): _placement_end,
    (
        "POST",
        "/api/v1/follow-up-programmes/{follow_up_programme_id}/update/",
    ): _follow_up_programme_update,
    (
        "POST",
        "/api/v1/projects/{project_id}/indicators/{indicator_id}/target-changes/",
    ): _target_change,
    (
        "POST",
        "/api/v1/projects/{project_id}/activities/{activity_id}/update/",
    ): _activity_update,
    (
        "POST",
        "/api/v1/projects/{project_id}/indicators/{indicator_id}/update/",
    ): _indicator_update,
    (
        "POST",
        "/api/v1/placements/{placement_id}/check-ins/{check_in_id}/update/",
    ): _check_in_update,
}


def _at_risk() -> set[tuple[str, str]]:
    """Operations that change a record and whose body has a boolean or is partial."""
    found = set()
    for method, path, operation in BODY_OPERATIONS:
        body = request_schema(operation)
        booleans = any(
            p.get("type") == "boolean" for p in body.get("properties", {}).values()
        )
        if path.endswith("/update/") or (booleans and not path.endswith("/create/")):
            found.add((method, path))
    return found


def test_every_update_operation_has_a_partial_update_case():
    assert _at_risk() - set(UPDATES) == set()


@pytest.mark.parametrize("operation", sorted(UPDATES), ids=" ".join)
def test_a_partial_json_update_keeps_what_it_leaves_out(operation, api_client_for):
    update = UPDATES[operation]()
    before = update.state()

    response = _send(api_client_for(update.actor), update.url, update.body, "json")

    assert response.status_code in (200, 201), response.json()
    after = update.state()
    assert after == (
        [True] if operation[1].startswith("/api/v1/enrolments/") else before
    )


@pytest.mark.parametrize("content_type", [FORM, MULTIPART_CONTENT])
@pytest.mark.parametrize("operation", sorted(UPDATES), ids=" ".join)
def test_a_form_encoded_update_is_refused_and_changes_nothing(
    operation, content_type, api_client_for
):
    update = UPDATES[operation]()
    body = {k: v for k, v in update.body.items() if not isinstance(v, bool)}
    before = update.state()

    response = _send(api_client_for(update.actor), update.url, body, content_type)

    assert response.status_code == 415
    assert update.state() == before
