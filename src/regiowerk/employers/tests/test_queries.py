from datetime import date

import pytest

from regiowerk.employers import queries
from regiowerk.employers.constants import VacancyStatus
from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def test_open_vacancies_excludes_closed_future_and_expired_ones():
    today = date(2026, 11, 22)
    open_one = VacancyFactory(opens_on=date(2026, 11, 1))
    VacancyFactory(opens_on=date(2026, 12, 1))
    VacancyFactory(opens_on=date(2026, 1, 1), closes_on=date(2026, 6, 1))
    VacancyFactory(opens_on=date(2026, 1, 1), status=VacancyStatus.FILLED)

    assert list(queries.open_vacancies(on=today)) == [open_one]


def test_employers_search_by_name_or_kvk_prefix():
    match = EmployerFactory(name="Zorggroep Emmen", kvk_number="40000001")
    EmployerFactory(name="Bakkerij Jansen", kvk_number="50000001")

    assert list(queries.employers(search="zorg")) == [match]
    assert list(queries.employers(search="4000")) == [match]
