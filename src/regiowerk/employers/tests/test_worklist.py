from datetime import date

import pytest

from regiowerk.employers import worklist
from regiowerk.employers.constants import VacancyStatus
from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.organisations.constants import Role

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 2)


def test_employers_panel_lists_the_accounts_with_open_vacancies(
    organisation, make_actor, django_assert_num_queries
):
    manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    bakery = EmployerFactory(name="Bakkerij Aa", account_organisation=organisation)
    EmployerFactory(name="Bouw Bee", account_organisation=organisation)
    EmployerFactory(name="Elders B.V.")  # another organisation's account
    VacancyFactory(employer=bakery, opens_on=date(2026, 11, 1))
    VacancyFactory(employer=bakery, opens_on=date(2026, 11, 1))
    VacancyFactory(employer=bakery, status=VacancyStatus.FILLED)

    with django_assert_num_queries(2):
        panel = worklist.employers_panel(manager, TODAY)

    assert panel is not None
    assert panel.title == "Uw werkgevers"
    assert panel.count == 2
    assert [(r.label, r.detail) for r in panel.rows] == [
        ("Bakkerij Aa", "2 openstaande vacatures"),
        ("Bouw Bee", "0 openstaande vacatures"),
    ]


def test_employers_panel_is_for_account_managers_only(consultant):
    assert worklist.employers_panel(consultant, TODAY) is None
