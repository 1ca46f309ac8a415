"""A person's journey through the REST API, across two partner organisations.

A municipal consultant registers a person, opens a dossier and records the intake; the
person consents to sharing with a career-guidance provider and is enrolled in its
service; the provider's consultant (token authentication) starts and completes the
enrolment; the municipality sees the completed service in the person's enrolments.
"""

import pytest
from rest_framework.test import APIClient

from regiowerk.common.smallcells import SUPPRESSED
from regiowerk.organisations.actions import create_api_token
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.services import actions as service_actions
from regiowerk.services.tests.factories import catalogue_keeper

API = "/api/v1"


@pytest.fixture
def municipality(db):
    return OrganisationFactory(
        name="Gemeente Veenstad", type=OrganisationType.MUNICIPALITY
    )


@pytest.fixture
def provider(db):
    return OrganisationFactory(
        name="Loopbaanhuis Hondsrug", type=OrganisationType.CAREER_GUIDANCE_PROVIDER
    )


@pytest.fixture
def consultant(municipality, make_actor, api_client_for):
    return api_client_for(make_actor(municipality))


@pytest.fixture
def provider_consultant(provider):
    """The provider's consultant authenticates with an API token."""
    _token, key = create_api_token(user=make_user(organisation=provider))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def service(provider):
    return service_actions.create_service(
        actor=catalogue_keeper(provider),
        name="Loopbaanonderzoek",
        type="career_research",
        capacity=10,
    )


def _ok(response, status=200):
    assert response.status_code == status, response.json()
    return response.json()


def test_a_person_is_registered_enrolled_elsewhere_and_completes_the_service(
    consultant, provider_consultant, provider, service
):
    # given a registered person with a dossier and an intake
    person = _ok(
        consultant.post(
            f"{API}/persons/create/",
            {
                "first_name": "Femke",
                "last_name": "Hofstede",
                "labour_status": "at_risk_of_dismissal",
                "birth_date": "1968-04-02",
            },
            format="json",
        ),
        201,
    )
    assert "bsn" not in person
    dossier = _ok(
        consultant.post(f"{API}/persons/{person['id']}/dossiers/create/", {}), 201
    )
    dossier = _ok(
        consultant.post(
            f"{API}/dossiers/{dossier['id']}/intake/",
            {
                "version": dossier["version"],
                "answers": {
                    "wishes": "Werk in de zorg",
                    "available_hours_per_week": 32,
                },
            },
            format="json",
        )
    )
    # the provider cannot see the person yet
    assert provider_consultant.get(f"{API}/persons/{person['id']}/").status_code == 404

    # when the person consents to sharing with the provider and is enrolled there
    _ok(
        consultant.post(
            f"{API}/persons/{person['id']}/consents/create/",
            {"purpose": "sharing", "partner": provider.pk},
            format="json",
        ),
        201,
    )
    enrolment = _ok(
        consultant.post(
            f"{API}/enrolments/create/",
            {"person_id": person["id"], "service_id": service.pk},
            format="json",
        ),
        201,
    )
    assert enrolment["status"] == "registered"

    # and the provider starts and completes it
    assert _ok(provider_consultant.get(f"{API}/persons/{person['id']}/"))["id"]
    enrolment = _ok(
        provider_consultant.post(
            f"{API}/enrolments/{enrolment['id']}/start/",
            {"version": enrolment["version"]},
            format="json",
        )
    )
    enrolment = _ok(
        provider_consultant.post(
            f"{API}/enrolments/{enrolment['id']}/complete/",
            {"version": enrolment["version"], "evidence": "Certificaat 2026-117"},
            format="json",
        )
    )

    # then the municipality sees the completed service among the person's enrolments
    enrolments = _ok(consultant.get(f"{API}/enrolments/", {"person": person["id"]}))
    assert [(e["service"]["name"], e["status"]) for e in enrolments] == [
        ("Loopbaanonderzoek", "completed")
    ]
    assert enrolments[0]["completion_evidence"] == "Certificaat 2026-117"


def test_enrolling_with_another_provider_needs_the_sharing_consent_first(
    consultant, service
):
    person = _ok(
        consultant.post(
            f"{API}/persons/create/",
            {
                "first_name": "Joost",
                "last_name": "Brink",
                "labour_status": "ww_benefit",
            },
            format="json",
        ),
        201,
    )

    response = consultant.post(
        f"{API}/enrolments/create/",
        {"person_id": person["id"], "service_id": service.pk},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["field"] == "service"
    assert "Loopbaanhuis Hondsrug" in errors[0]["message"]


def test_a_stale_version_is_refused_with_409(consultant, municipality):
    person = _ok(
        consultant.post(
            f"{API}/persons/create/",
            {"first_name": "Sem", "last_name": "Kok", "labour_status": "job_seeker"},
            format="json",
        ),
        201,
    )
    dossier = _ok(
        consultant.post(f"{API}/persons/{person['id']}/dossiers/create/", {}), 201
    )
    first = {"version": dossier["version"], "answers": {"wishes": "Buiten werken"}}
    _ok(
        consultant.post(f"{API}/dossiers/{dossier['id']}/intake/", first, format="json")
    )

    response = consultant.post(
        f"{API}/dossiers/{dossier['id']}/intake/", first, format="json"
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "version"


def test_an_analyst_gets_aggregates_but_no_person(
    municipality, consultant, make_actor, api_client_for
):
    consultant.post(
        f"{API}/persons/create/",
        {"first_name": "Ada", "last_name": "Visser", "labour_status": "job_seeker"},
        format="json",
    )
    analyst = api_client_for(make_actor(municipality, Role.ANALYST))

    listing = analyst.get(f"{API}/persons/")
    aggregates = analyst.get(f"{API}/persons/aggregates/", {"by": "labour_status"})

    assert "Visser" not in listing.content.decode()
    assert aggregates.status_code == 200
    # a cell of one person is suppressed
    assert aggregates.json()["cells"]["job_seeker"] == SUPPRESSED
