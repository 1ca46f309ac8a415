from datetime import date

import pytest

from regiowerk.employers import queries
from regiowerk.employers.constants import VacancyStatus
from regiowerk.employers.models import Employer, Vacancy, VacancySkill
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


def test_an_unknown_vacancy_or_employer_raises_does_not_exist():
    with pytest.raises(Vacancy.DoesNotExist):
        queries.get_vacancy(vacancy_id=999_999)
    with pytest.raises(Employer.DoesNotExist):
        queries.get_employer(employer_id=999_999)


def test_is_open_follows_the_rule_of_open_vacancies():
    today = date(2026, 11, 22)
    vacancies = [
        VacancyFactory(opens_on=date(2026, 11, 1)),
        VacancyFactory(opens_on=date(2026, 12, 1)),
        VacancyFactory(opens_on=date(2026, 1, 1), closes_on=date(2026, 6, 1)),
        VacancyFactory(opens_on=date(2026, 1, 1), status=VacancyStatus.FILLED),
    ]

    open_ones = set(queries.open_vacancies(on=today))

    assert [queries.is_open(v, on=today) for v in vacancies] == [
        v in open_ones for v in vacancies
    ]


def test_listed_skills_put_required_ones_first_without_a_query(
    django_assert_num_queries,
):
    vacancy = VacancyFactory()
    for label, essential in (("b", False), ("c", True), ("a", False), ("d", True)):
        VacancySkill.objects.create(
            vacancy=vacancy, skill_uri=label, skill_label=label, is_essential=essential
        )
    vacancy = queries.get_vacancy(vacancy_id=vacancy.pk)

    with django_assert_num_queries(0):
        labels = [s.skill_label for s in queries.skills_listed(vacancy)]

    assert labels == ["c", "d", "a", "b"]
