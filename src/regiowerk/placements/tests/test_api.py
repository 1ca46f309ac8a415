"""The placements API: the same rights as the pages, persons named only to who may
read them, Dutch errors per field, 409 on a stale version."""

import pytest

from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.organisations.constants import Role
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements.constants import Stage
from regiowerk.placements.tests.factories import (
    CandidacyFactory,
    PlacementFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/"


@pytest.fixture
def vacancy(organisation):
    return VacancyFactory(employer=EmployerFactory(account_organisation=organisation))


@pytest.fixture
def person(organisation):
    return PersonFactory(organisation=organisation, last_name="Apikandidaat")


def test_a_consultant_starts_moves_and_ends_a_candidacy(
    api_client_for, consultant, person, vacancy
):
    client = api_client_for(consultant)

    created = client.post(
        f"{API}candidacies/create/",
        {"person": str(person.pk), "vacancy": vacancy.pk, "source": "matching"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["person_name"], body["stage"], body["source"]) == (
        person.full_name,
        "recruited",
        "matching",
    )
    url = f"{API}candidacies/{body['id']}/"
    moved = client.post(
        f"{url}move/", {"version": 1, "stage": "interview"}, format="json"
    )
    assert moved.json()["stage"] == "interview"
    assert [s["stage"] for s in moved.json()["steps"]] == ["recruited", "interview"]
    stale = client.post(f"{url}move/", {"version": 1, "stage": "trial"}, format="json")
    assert stale.status_code == 409
    back = client.post(
        f"{url}move/", {"version": 2, "stage": "selected"}, format="json"
    )
    assert back.status_code == 400
    assert [e["field"] for e in back.json()["errors"]] == ["stage"]
    ended = client.post(
        f"{url}end/", {"version": 2, "ending": "declined"}, format="json"
    )
    assert ended.json()["ended_as"] == "declined"


def test_the_account_manager_sees_the_candidacy_without_the_person(
    api_client_for, make_actor, organisation, person, vacancy
):
    candidacy = CandidacyFactory(person=person, vacancy=vacancy, stage=Stage.NOMINATED)
    client = api_client_for(make_actor(organisation, Role.ACCOUNT_MANAGER))

    listed = client.get(f"{API}candidacies/", {"vacancy": vacancy.pk})
    detail = client.get(f"{API}candidacies/{candidacy.pk}/")

    (row,) = listed.json()["results"]
    for shown in (row, detail.json()):
        assert (shown["person_id"], shown["person_name"]) == (None, None)
    assert "Apikandidaat" not in listed.content.decode() + detail.content.decode()
    moved = client.post(
        f"{API}candidacies/{candidacy.pk}/move/",
        {"version": 1, "stage": "placed"},
        format="json",
    )
    assert moved.status_code == 200
    placed = client.post(
        f"{API}placements/create/",
        {
            "candidacy": str(candidacy.pk),
            "kind": "regular",
            "contract_type": "permanent",
            "starts_on": str(days_ago(0)),
            "hours_per_week": 32,
        },
        format="json",
    )
    # recorded and answered as recorded (it was a 404 for a placement that existed),
    # without the person the account manager may not read
    assert placed.status_code == 201
    assert (placed.json()["person_id"], placed.json()["person_name"]) == (None, None)
    assert "Apikandidaat" not in placed.content.decode()
    assert person.placements.count() == 1
    # the placement itself stays with those who may read the person
    shown = client.get(f"{API}placements/{placed.json()['id']}/")
    assert shown.status_code == 404


def test_a_placement_is_recorded_changed_and_ended(api_client_for, consultant, person):
    client = api_client_for(consultant)
    created = client.post(
        f"{API}placements/create/",
        {
            "person": str(person.pk),
            "employer": EmployerFactory().pk,
            "kind": "work_learning",
            "contract_type": "fixed_term",
            "starts_on": str(days_ago(100)),
            "hours_per_week": 24,
            "support": ["job_coach"],
        },
        format="json",
    )
    assert created.status_code == 400
    assert (
        "Een tijdelijk contract heeft een einddatum nodig." in created.content.decode()
    )

    placement = PlacementFactory(person=person)
    url = f"{API}placements/{placement.pk}/"
    changed = client.post(
        f"{url}update/", {"version": 1, "hours_per_week": 16}, format="json"
    )
    assert changed.json()["hours_per_week"] == 16
    ended = client.post(
        f"{url}end/",
        {
            "version": 2,
            "ends_on": str(days_ago(1)),
            "reason": "better_job",
            "moved_on_to_work": True,
            "factors": ["mismatch"],
        },
        format="json",
    )
    assert ended.status_code == 200, ended.content
    assert ended.json()["ending"]["reason"] == "better_job"
    listed = client.get(f"{API}placements/", {"is_active": "false"})
    assert [p["id"] for p in listed.json()["results"]] == [str(placement.pk)]


def test_another_organisation_gets_404_for_a_placement(
    api_client_for, partner_consultant, person
):
    placement = PlacementFactory(person=person)
    client = api_client_for(partner_consultant)
    assert client.get(f"{API}placements/{placement.pk}/").status_code == 404
    assert client.get(f"{API}placements/").json()["results"] == []
