"""The employers API: every member reads, employer roles write, a stale version is 409."""

import pytest
from rest_framework.test import APIClient

from regiowerk.employers.actions import EMPLOYER_ROLES
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db
API = "/api/v1/"


def _client(role=Role.ACCOUNT_MANAGER):
    client = APIClient()
    client.force_authenticate(make_user(organisation=OrganisationFactory(), role=role))
    return client


def _vacancy_body(employer, **overrides):
    body = {
        "employer": employer.pk,
        "title": "Orderpicker",
        "hours_min": 24,
        "hours_max": 38,
        "contract_type": "temporary",
        "opens_on": "2026-11-01",
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reads_employers_and_vacancies(role):
    vacancy = VacancyFactory()
    client = _client(role)

    for path in (
        "employers/",
        f"employers/{vacancy.employer_id}/",
        "vacancies/",
        f"vacancies/{vacancy.pk}/",
    ):
        assert client.get(API + path).status_code == 200, path


def test_anonymous_callers_are_refused():
    assert APIClient().get(f"{API}employers/").status_code in (401, 403)


@pytest.mark.parametrize("role", list(Role))
def test_only_employer_roles_register_employers(role):
    response = _client(role).post(
        f"{API}employers/create/",
        {"name": "Groen B.V.", "kvk_number": "55554444", "sector": "A", "employees": 7},
        format="json",
    )

    assert response.status_code == (201 if role in EMPLOYER_ROLES else 403)


def test_a_bad_kvk_number_is_refused_naming_the_field():
    response = _client().post(
        f"{API}employers/create/",
        {"name": "Groen B.V.", "kvk_number": "5555", "sector": "A", "employees": 7},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "kvk_number"
    assert not Employer.objects.exists()


def test_employers_are_searched():
    EmployerFactory(name="Groen B.V.")
    EmployerFactory(name="Blauw B.V.")

    response = _client().get(f"{API}employers/", {"search": "groen"})

    assert [row["name"] for row in response.json()["results"]] == ["Groen B.V."]


def test_a_vacancy_is_created_and_updated_with_its_version():
    client = _client()
    employer = EmployerFactory()

    created = client.post(
        f"{API}vacancies/create/", _vacancy_body(employer), format="json"
    ).json()
    updated = client.post(
        f"{API}vacancies/{created['id']}/update/",
        {"version": created["version"], "title": "Orderpicker nacht"},
        format="json",
    )
    stale = client.post(
        f"{API}vacancies/{created['id']}/update/",
        {"version": created["version"], "title": "Te laat"},
        format="json",
    )

    assert updated.status_code == 200
    assert updated.json()["title"] == "Orderpicker nacht"
    assert stale.status_code == 409
    assert Vacancy.objects.get().title == "Orderpicker nacht"


def test_inverted_hours_are_refused_naming_the_field():
    response = _client().post(
        f"{API}vacancies/create/",
        _vacancy_body(EmployerFactory(), hours_min=40, hours_max=20),
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "hours_max"


def test_an_unknown_vacancy_is_404():
    assert _client().get(f"{API}vacancies/999999/").status_code == 404


def test_a_vacancy_is_changed_only_by_its_registering_or_account_organisation():
    vacancy = VacancyFactory(title="Orderpicker")
    body = {"version": vacancy.version, "title": "Overgenomen"}

    outsider = _client().post(
        f"{API}vacancies/{vacancy.pk}/update/", body, format="json"
    )

    assert outsider.status_code == 403
    assert Vacancy.objects.get().title == "Orderpicker"


def test_the_account_organisation_changes_its_employer_with_the_version():
    holder = OrganisationFactory()
    client = APIClient()
    client.force_authenticate(make_user(organisation=holder, role=Role.ACCOUNT_MANAGER))
    employer = EmployerFactory(name="Oud B.V.", account_organisation=holder)
    path = f"{API}employers/{employer.pk}/update/"

    changed = client.post(
        path, {"version": 1, "name": "Nieuw B.V.", "employees": 300}, format="json"
    )
    stale = client.post(path, {"version": 1, "name": "Te laat"}, format="json")
    outsider = _client().post(path, {"version": 2, "name": "Kaping"}, format="json")
    no_sector = client.post(path, {"version": 2, "sector": ""}, format="json")

    assert changed.status_code == 200
    assert (changed.json()["name"], changed.json()["size_class"]) == (
        "Nieuw B.V.",
        "large",
    )
    assert changed.json()["version"] == 2
    assert stale.status_code == 409
    assert outsider.status_code == 403
    assert no_sector.status_code == 400
    assert no_sector.json()["errors"][0]["field"] == "sector"
    employer.refresh_from_db()
    assert (employer.name, employer.sector) == ("Nieuw B.V.", "H")
