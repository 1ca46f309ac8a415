"""The pipeline and placement pages: a consultant puts a person forward, the account
manager works the pipeline without seeing the name, the placement is recorded, ended,
and the next step offers new vacancies. Query counts are fixed per page."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.organisations.constants import Role
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements.constants import Stage
from regiowerk.placements.models import Candidacy, Placement
from regiowerk.placements.tests.factories import (
    CandidacyFactory,
    PlacementFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(organisation):
    return VacancyFactory(
        employer=EmployerFactory(account_organisation=organisation),
        organisation=organisation,
        opens_on=dt.date(2026, 1, 1),
    )


@pytest.fixture
def person(organisation):
    return PersonFactory(organisation=organisation, last_name="Kandidaatsma")


def test_a_consultant_puts_a_person_forward_and_moves_the_candidacy_on(
    client, consultant, person, vacancy
):
    client.force_login(consultant.user)

    response = client.post(
        reverse("candidacy-add", args=[vacancy.pk]),
        {"person": person.pk, "source": "matching"},
    )

    candidacy = Candidacy.objects.get()
    assert response.url == reverse("candidacy-detail", args=[candidacy.pk])
    assert candidacy.source == "matching"
    page = client.get(response.url).content.decode()
    assert "Kandidaatsma" in page
    assert "Naar de volgende fase" in page
    response = client.post(
        reverse("candidacy-move", args=[candidacy.pk]),
        {"version": 1, "stage": Stage.NOMINATED, "on": days_ago(0), "note": "Cv mee"},
    )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.stage == Stage.NOMINATED
    # a stale form says so on the page, in Dutch
    page = client.post(
        reverse("candidacy-move", args=[candidacy.pk]),
        {"version": 1, "stage": Stage.INTERVIEW, "on": days_ago(0)},
    ).content.decode()
    assert "Iemand anders heeft" in page


def test_the_account_manager_works_the_pipeline_without_the_name(
    client, make_actor, organisation, person, vacancy
):
    candidacy = CandidacyFactory(person=person, vacancy=vacancy, stage=Stage.TRIAL)
    account_manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    client.force_login(account_manager.user)

    pipeline = client.get(reverse("vacancy-pipeline", args=[vacancy.pk]))
    detail = client.get(reverse("candidacy-detail", args=[candidacy.pk]))

    for response in (pipeline, detail):
        assert response.status_code == 200
        assert "Kandidaatsma" not in response.content.decode()
        assert "Kandidaat (naam afgeschermd)" in pipeline.content.decode()
    assert not AccessLog.objects.filter(person=person).exists()
    response = client.post(
        reverse("candidacy-move", args=[candidacy.pk]),
        {"version": 1, "stage": Stage.PLACED, "on": days_ago(0)},
    )
    assert response.status_code == 302
    # the account manager records the placement and lands on the candidacy again
    response = client.post(
        reverse("placement-create-from-candidacy", args=[candidacy.pk]),
        {
            "kind": "trial",
            "contract_type": "fixed_term",
            "starts_on": days_ago(0),
            "contract_ends_on": days_ago(-90),
            "hours_per_week": 20,
        },
    )
    assert response.url == reverse("candidacy-detail", args=[candidacy.pk])
    placement = Placement.objects.get()
    assert (placement.candidacy, placement.responsible) == (candidacy, None)


def test_a_wrong_placement_shows_the_dutch_error_on_its_field(
    client, consultant, person
):
    client.force_login(consultant.user)
    response = client.post(
        reverse("placement-create-for-person", args=[person.pk]),
        {
            "employer": EmployerFactory().pk,
            "kind": "regular",
            "contract_type": "fixed_term",
            "starts_on": days_ago(10),
            "hours_per_week": 32,
        },
    )
    assert response.status_code == 200
    assert (
        "Een tijdelijk contract heeft een einddatum nodig." in response.content.decode()
    )
    assert not Placement.objects.exists()


def test_ending_a_placement_offers_the_next_step(
    client, consultant, person, demo_taxonomy
):
    placement = PlacementFactory(person=person, starts_on=days_ago(300))
    client.force_login(consultant.user)

    response = client.post(
        reverse("placement-end", args=[placement.pk]),
        {
            "version": 1,
            "ends_on": days_ago(1),
            "reason": "health",
            "factors": ["workload"],
            "lesson": "Minder uren had geholpen",
        },
    )

    assert response.url == reverse("placement-next", args=[placement.pk])
    page = client.get(response.url).content.decode()
    assert "Vervolgstap voor" in page
    assert "Gezondheid" in page
    detail = client.get(reverse("placement-detail", args=[placement.pk]))
    assert "Minder uren had geholpen" in detail.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_pipeline_and_candidacy_pages_take_a_fixed_number_of_queries(
    client, consultant, organisation, vacancy
):
    client.force_login(consultant.user)
    first = CandidacyFactory(
        person=PersonFactory(organisation=organisation), vacancy=vacancy
    )
    pipeline = reverse("vacancy-pipeline", args=[vacancy.pk])
    detail = reverse("candidacy-detail", args=[first.pk])
    few = _queries(client, pipeline), _queries(client, detail)
    for stage in Stage:
        CandidacyFactory(
            person=PersonFactory(organisation=organisation),
            vacancy=vacancy,
            stage=stage,
        )
    assert (_queries(client, pipeline), _queries(client, detail)) == few


def test_the_dossier_lists_the_candidacies_with_links(client, consultant, person):
    candidacy = CandidacyFactory(person=person)
    client.force_login(consultant.user)
    page = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert reverse("candidacy-detail", args=[candidacy.pk]) in page
    assert reverse("placement-create-for-person", args=[person.pk]) in page
