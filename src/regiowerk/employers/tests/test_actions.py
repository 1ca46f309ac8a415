from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.employers import actions
from regiowerk.employers.constants import OccupationStatus, VacancyStatus
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.employers.tests.factories import (
    EmployerFactory,
    VacancyFactory,
    vacancy_fields,
)
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import RegionFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def account_manager():
    return get_actor(user=make_user(role=Role.ACCOUNT_MANAGER))


def _employer_kwargs(**overrides):
    return {
        "name": "Transportbedrijf De Vries",
        "kvk_number": "1234 5678",
        "sector": "H",
        "region": RegionFactory(),
        "employees": 35,
    } | overrides


def test_register_employer_normalises_kvk_and_derives_size(account_manager):
    employer = actions.register_employer(actor=account_manager, **_employer_kwargs())

    assert employer.kvk_number == "12345678"
    assert employer.size_class == "small"
    assert employer.account_organisation == account_manager.organisation


def test_register_employer_refuses_an_invalid_kvk_number(account_manager):
    with pytest.raises(ValidationError) as excinfo:
        actions.register_employer(
            actor=account_manager, **_employer_kwargs(kvk_number="123")
        )

    assert "kvk_number" in excinfo.value.message_dict
    assert not Employer.objects.exists()


def test_register_employer_refuses_a_duplicate_kvk_number(account_manager):
    actions.register_employer(actor=account_manager, **_employer_kwargs())
    with pytest.raises(ValidationError) as excinfo:
        actions.register_employer(
            actor=account_manager, **_employer_kwargs(name="Ander")
        )
    assert "kvk_number" in excinfo.value.message_dict


def test_analyst_may_not_register_employers():
    analyst = get_actor(user=make_user(role=Role.ANALYST))
    with pytest.raises(PermissionDenied):
        actions.register_employer(actor=analyst, **_employer_kwargs())


def test_create_vacancy_stores_its_skills(account_manager):
    vacancy = actions.create_vacancy(
        actor=account_manager,
        **vacancy_fields(
            skills=[
                ("uri:drive", "vrachtwagen besturen", True),
                ("uri:plan", "route plannen", False),
            ]
        ),
    )

    assert {(s.skill_uri, s.is_essential) for s in vacancy.skills.all()} == {
        ("uri:drive", True),
        ("uri:plan", False),
    }


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("hours_max", {"hours_min": 40, "hours_max": 20}),
        ("hours_max", {"hours_min": 0, "hours_max": 20}),
        ("closes_on", {"closes_on": date(2026, 10, 1)}),
        ("contract_type", {"contract_type": "forever"}),
    ],
)
def test_create_vacancy_names_the_bad_field_and_saves_nothing(
    account_manager, field, overrides
):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_vacancy(actor=account_manager, **vacancy_fields(**overrides))

    assert field in excinfo.value.message_dict
    assert not Vacancy.objects.exists()


def test_update_vacancy_refuses_a_stale_version(account_manager):
    vacancy = VacancyFactory(organisation=account_manager.organisation)
    actions.update_vacancy(
        actor=account_manager, vacancy=vacancy, expected_version=1, title="Chauffeur CE"
    )

    stale = Vacancy.objects.get(pk=vacancy.pk)
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        actions.update_vacancy(
            actor=account_manager,
            vacancy=stale,
            expected_version=1,
            title="Buschauffeur",
        )
    assert Vacancy.objects.get(pk=vacancy.pk).title == "Chauffeur CE"


def test_update_vacancy_refuses_fields_it_does_not_own(account_manager):
    vacancy = VacancyFactory(organisation=account_manager.organisation)
    with pytest.raises(ValidationError) as excinfo:
        actions.update_vacancy(
            actor=account_manager, vacancy=vacancy, expected_version=1, employer_id=3
        )
    assert "employer_id" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("confirmed", "status"),
    [(True, OccupationStatus.CONFIRMED), (False, OccupationStatus.SUGGESTED)],
)
def test_a_confirmed_occupation_records_who_confirmed_a_suggested_one_nobody(
    account_manager, confirmed, status
):
    vacancy = actions.set_vacancy_occupation(
        actor=account_manager,
        vacancy=VacancyFactory(organisation=account_manager.organisation),
        occupation_uri="http://data.europa.eu/esco/occupation/x",
        label="vrachtwagenchauffeur",
        confirmed=confirmed,
    )
    assert vacancy.occupation_status == status
    assert vacancy.occupation_confirmed_by == (
        account_manager.user if confirmed else None
    )


def test_set_skills_replaces_the_previous_skills(account_manager):
    vacancy = VacancyFactory(organisation=account_manager.organisation)
    actions.set_vacancy_skills(
        actor=account_manager, vacancy=vacancy, skills=[("a", "A", True)]
    )
    actions.set_vacancy_skills(
        actor=account_manager, vacancy=vacancy, skills=[("b", "B", False)]
    )
    assert [s.skill_uri for s in vacancy.skills.all()] == ["b"]


def test_close_vacancy_as_filled(account_manager):
    vacancy = actions.close_vacancy(
        actor=account_manager,
        vacancy=VacancyFactory(organisation=account_manager.organisation),
        filled=True,
        on=date(2026, 11, 20),
    )
    assert vacancy.status == VacancyStatus.FILLED
    assert vacancy.closes_on == date(2026, 11, 20)


# --- Who may change an employer or a vacancy ------------------------------------------


@pytest.fixture
def outsider():
    """An account manager of another organisation."""
    return get_actor(user=make_user(role=Role.ACCOUNT_MANAGER))


@pytest.mark.parametrize(
    "change",
    [
        lambda actor, v: actions.update_vacancy(
            actor=actor, vacancy=v, expected_version=1, title="Overgenomen"
        ),
        lambda actor, v: actions.set_vacancy_occupation(
            actor=actor, vacancy=v, occupation_uri="u", label="l", confirmed=True
        ),
        lambda actor, v: actions.set_vacancy_skills(
            actor=actor, vacancy=v, skills=[("a", "A", True)]
        ),
        lambda actor, v: actions.close_vacancy(
            actor=actor, vacancy=v, filled=True, on=date(2026, 11, 20)
        ),
    ],
    ids=["fields", "occupation", "skills", "close"],
)
def test_another_organisation_may_not_change_a_vacancy(outsider, change):
    vacancy = VacancyFactory(title="Chauffeur")

    with pytest.raises(PermissionDenied):
        change(outsider, vacancy)

    stored = Vacancy.objects.get(pk=vacancy.pk)
    assert (stored.title, stored.version, stored.status) == ("Chauffeur", 1, "open")
    assert not stored.skills.exists()


def test_the_employers_account_organisation_changes_a_vacancy_another_registered(
    account_manager,
):
    employer = EmployerFactory(account_organisation=account_manager.organisation)
    vacancy = VacancyFactory(employer=employer)  # registered by another organisation

    actions.update_vacancy(
        actor=account_manager, vacancy=vacancy, expected_version=1, title="Nieuw"
    )

    assert Vacancy.objects.get(pk=vacancy.pk).title == "Nieuw"


def test_update_employer_changes_fields_and_derives_the_size(account_manager):
    employer = actions.register_employer(actor=account_manager, **_employer_kwargs())

    actions.update_employer(
        actor=account_manager,
        employer=employer,
        expected_version=1,
        name=" Transport De Vries B.V. ",
        employees=300,
        city="Emmen",
    )

    stored = Employer.objects.get(pk=employer.pk)
    assert (stored.name, stored.size_class, stored.city, stored.version) == (
        "Transport De Vries B.V.",
        "large",
        "Emmen",
        2,
    )


def test_update_employer_refuses_a_stale_version(account_manager):
    employer = actions.register_employer(actor=account_manager, **_employer_kwargs())
    actions.update_employer(
        actor=account_manager, employer=employer, expected_version=1, name="Eerst"
    )

    with pytest.raises(ConcurrentEditError):
        actions.update_employer(
            actor=account_manager,
            employer=Employer.objects.get(pk=employer.pk),
            expected_version=1,
            name="Later",
        )
    assert Employer.objects.get(pk=employer.pk).name == "Eerst"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kvk_number": "87654321"}, "kvk_number"),  # another employer's number
        ({"kvk_number": "123"}, "kvk_number"),
        ({"sector": ""}, "sector"),  # no silent default: a sector stays chosen
        ({"employees": None, "size_class": ""}, "employees"),
        ({"region": None}, "region"),
    ],
)
def test_update_employer_refuses_bad_changes_naming_the_field(
    account_manager, changes, field
):
    EmployerFactory(kvk_number="87654321")
    employer = actions.register_employer(actor=account_manager, **_employer_kwargs())

    with pytest.raises(ValidationError) as excinfo:
        actions.update_employer(
            actor=account_manager, employer=employer, expected_version=1, **changes
        )

    assert field in excinfo.value.message_dict
    assert Employer.objects.get(pk=employer.pk).version == 1


def test_another_organisation_may_not_change_an_employer(account_manager, outsider):
    employer = actions.register_employer(actor=account_manager, **_employer_kwargs())

    with pytest.raises(PermissionDenied):
        actions.update_employer(
            actor=outsider, employer=employer, expected_version=1, name="Kaping"
        )
    assert Employer.objects.get(pk=employer.pk).name == "Transportbedrijf De Vries"
