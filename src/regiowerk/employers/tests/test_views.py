"""The employer and vacancy pages: every partner reads them, employer roles change them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from regiowerk.employers.models import Employer, Vacancy
from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db


def _login(client, role=Role.ACCOUNT_MANAGER, organisation=None):
    organisation = organisation or OrganisationFactory()
    client.force_login(make_user(organisation=organisation, role=role))
    return organisation


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reads_the_employer_and_vacancy_pages(client, role):
    vacancy = VacancyFactory(title="Heftruckchauffeur nachtploeg")
    _login(client, role)

    for url in (
        reverse("employer-list"),
        reverse("employer-detail", args=[vacancy.employer_id]),
        reverse("vacancy-list"),
        reverse("vacancy-detail", args=[vacancy.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert (
        "Heftruckchauffeur nachtploeg"
        in client.get(reverse("vacancy-list")).content.decode()
    )


def test_employers_are_searched_by_name_or_kvk_number(client):
    EmployerFactory(name="Transport Noord B.V.", kvk_number="12345678")
    EmployerFactory(name="Zorggroep Zuid")
    _login(client)

    by_kvk = client.get(reverse("employer-list"), {"q": "1234"}).content.decode()

    assert "Transport Noord" in by_kvk
    assert "Zorggroep Zuid" not in by_kvk


def test_an_account_manager_registers_an_employer_with_a_valid_kvk_number(client):
    _login(client)

    response = client.post(
        reverse("employer-create"),
        {
            "name": "Bakkerij Bol",
            "kvk_number": "8765 4321",
            "sector": "C",
            "employees": 12,
        },
    )

    employer = Employer.objects.get(name="Bakkerij Bol")
    assert response.status_code == 302
    assert (employer.kvk_number, employer.size_class) == ("87654321", "small")


def test_a_bad_kvk_number_is_refused_naming_the_field(client):
    _login(client)

    response = client.post(
        reverse("employer-create"),
        {"name": "Bakkerij Bol", "kvk_number": "1234", "sector": "C", "employees": 3},
    )

    assert response.status_code == 200
    assert 'href="#id_kvk_number"' in response.content.decode()
    assert not Employer.objects.exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.LABOUR_EXPERT])
def test_other_roles_may_not_register_employers_or_vacancies(client, role):
    vacancy = VacancyFactory()
    _login(client, role)

    for url in (
        reverse("employer-create"),
        reverse("vacancy-create"),
        reverse("vacancy-edit", args=[vacancy.pk]),
        reverse("employer-import"),
    ):
        assert client.get(url).status_code == 403, url


def test_a_new_vacancy_goes_on_to_confirming_its_occupation(client):
    employer = EmployerFactory()
    _login(client)

    response = client.post(
        reverse("vacancy-create"),
        {
            "employer": employer.pk,
            "title": "Chauffeur C/E",
            "hours_min": 32,
            "hours_max": 40,
            "contract_type": "permanent",
            "opens_on": "2026-11-01",
            "source": "employer",
        },
    )

    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("vacancy-occupation", args=[vacancy.pk])


def _edited(vacancy):
    """The edit form as submitted: new title and hours, the version that was read."""
    return {
        "title": "Nieuw",
        "hours_min": 20,
        "hours_max": 30,
        "contract_type": "temporary",
        "opens_on": "2026-01-01",
        "source": "employer",
        "version": vacancy.version,
    }


def test_editing_a_vacancy_someone_else_changed_is_refused(client):
    vacancy = VacancyFactory(title="Oud")
    _login(client, organisation=vacancy.organisation)
    data = _edited(vacancy)
    Vacancy.objects.filter(pk=vacancy.pk).update(version=vacancy.version + 1)

    response = client.post(reverse("vacancy-edit", args=[vacancy.pk]), data)

    vacancy.refresh_from_db()
    assert response.status_code == 200
    assert vacancy.title == "Oud"


def test_editing_a_vacancy_saves_the_changes(client):
    vacancy = VacancyFactory(title="Oud")
    _login(client, organisation=vacancy.organisation)

    response = client.post(reverse("vacancy-edit", args=[vacancy.pk]), _edited(vacancy))

    vacancy.refresh_from_db()
    assert response.status_code == 302
    assert (vacancy.title, vacancy.hours_max) == ("Nieuw", 30)


def test_the_import_page_reports_bad_rows_and_imports_nothing(client):
    _login(client)
    upload = SimpleUploadedFile(
        "werkgevers.csv",
        b"name;kvk_number;sector\nGoed B.V.;11112222;C\nFout B.V.;12;Q\n",
        content_type="text/csv",
    )

    response = client.post(reverse("employer-import"), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 200
    assert "kvk_number" in page
    assert not Employer.objects.exists()


def test_the_import_page_imports_valid_employers(client):
    _login(client)
    upload = SimpleUploadedFile(
        "werkgevers.csv", b"name;kvk_number;sector;employees\nGoed B.V.;11112222;C;40\n"
    )

    client.post(reverse("employer-import"), {"file": upload})

    assert Employer.objects.get().kvk_number == "11112222"


def test_the_sector_is_not_chosen_for_the_user(client):
    _login(client)

    page = client.get(reverse("employer-create")).content.decode()
    response = client.post(
        reverse("employer-create"),
        {"name": "Bakkerij Bol", "kvk_number": "87654321", "employees": 12},
    )

    assert '<option value="" selected>' in page
    assert response.status_code == 200
    assert 'href="#id_sector"' in response.content.decode()
    assert not Employer.objects.exists()


def test_another_organisation_may_not_edit_a_vacancy_and_sees_no_buttons(client):
    vacancy = VacancyFactory(title="Oud")
    _login(client)  # an account manager of another organisation

    detail = client.get(reverse("vacancy-detail", args=[vacancy.pk])).content.decode()
    page = client.get(reverse("vacancy-edit", args=[vacancy.pk]))
    post = client.post(reverse("vacancy-edit", args=[vacancy.pk]), _edited(vacancy))
    skills = client.get(reverse("vacancy-skills", args=[vacancy.pk]))

    assert reverse("vacancy-edit", args=[vacancy.pk]) not in detail
    assert (page.status_code, post.status_code, skills.status_code) == (403, 403, 403)
    vacancy.refresh_from_db()
    assert vacancy.title == "Oud"


def _employer_edited(employer, **overrides):
    return {
        "name": "Bakkerij Bol & Zn.",
        "kvk_number": employer.kvk_number,
        "sector": "I",
        "employees": "60",
        "size_class": "",
        "postcode": "7811 AB",
        "city": "Veenstad",
        "version": employer.version,
    } | overrides


def test_the_account_organisation_edits_its_employer(client):
    organisation = _login(client)
    employer = EmployerFactory(name="Bakkerij Bol", account_organisation=organisation)
    url = reverse("employer-edit", args=[employer.pk])

    detail = client.get(reverse("employer-detail", args=[employer.pk])).content.decode()
    form = client.get(url).content.decode()
    response = client.post(url, _employer_edited(employer))

    employer.refresh_from_db()
    assert url in detail
    assert 'value="Bakkerij Bol"' in form
    assert response.status_code == 302
    assert (employer.name, employer.sector, employer.size_class) == (
        "Bakkerij Bol & Zn.",
        "I",
        "medium",
    )


def test_an_employer_edit_names_the_bad_field_and_saves_nothing(client):
    organisation = _login(client)
    employer = EmployerFactory(name="Bakkerij Bol", account_organisation=organisation)

    response = client.post(
        reverse("employer-edit", args=[employer.pk]),
        _employer_edited(employer, sector=""),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["sector"]
    employer.refresh_from_db()
    assert (employer.name, employer.version) == ("Bakkerij Bol", 1)


def test_another_organisation_may_not_edit_an_employer(client):
    employer = EmployerFactory(
        name="Bakkerij Bol", account_organisation=OrganisationFactory()
    )
    _login(client)

    detail = client.get(reverse("employer-detail", args=[employer.pk])).content.decode()
    url = reverse("employer-edit", args=[employer.pk])

    assert url not in detail
    assert client.get(url).status_code == 403
    assert client.post(url, _employer_edited(employer)).status_code == 403
    employer.refresh_from_db()
    assert employer.name == "Bakkerij Bol"
