"""employers.vacancies as a fact table: its subject is the employer."""

import datetime as dt

import pytest

from regiowerk.common import facts
from regiowerk.common.facts import Scope, evaluate, parse_definition
from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def test_the_table_yields_exactly_its_published_columns():
    VacancyFactory()
    table = facts.get_table("employers.vacancies")
    (row,) = facts.rows("employers.vacancies", Scope())
    assert list(row) == [c.name for c in table.columns]


def test_employers_with_a_vacancy_count_once_each():
    employer = EmployerFactory(sector="F")
    VacancyFactory(employer=employer, opens_on=dt.date(2026, 2, 1))
    VacancyFactory(employer=employer, opens_on=dt.date(2026, 3, 1))
    VacancyFactory(employer=EmployerFactory(sector="F"), opens_on=dt.date(2026, 5, 1))
    VacancyFactory(employer=EmployerFactory(sector="Q"), opens_on=dt.date(2026, 2, 1))
    definition = parse_definition(
        {
            "table": "employers.vacancies",
            "measure": "count_subjects",
            "date_column": "opens_on",
            "filters": {"employer_sector": ["F"]},
        }
    )
    assert evaluate(definition, Scope()).value == 2
    first_quarter = evaluate(
        definition, Scope(), start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31)
    )
    assert first_quarter.value == 1
