"""Factories that build valid employers and vacancies by default."""

import datetime as dt
from typing import Any

import factory

from regiowerk.employers.constants import ContractType, Sector, SizeClass
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.organisations.tests.factories import OrganisationFactory, RegionFactory


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Bedrijf {n} B.V.")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    sector = Sector.H
    size_class = SizeClass.SMALL
    region = factory.SubFactory(RegionFactory)


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    employer = factory.SubFactory(EmployerFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Chauffeur C/E"
    hours_min = 32
    hours_max = 40
    contract_type = ContractType.PERMANENT
    opens_on = dt.date(2026, 1, 1)


def vacancy_fields(**overrides: Any) -> dict[str, Any]:
    """Valid fields for ``actions.create_vacancy`` (a new employer's vacancy), with
    ``overrides`` put over them: a test names only the fields it is about."""
    return {
        "employer": EmployerFactory(),
        "title": "Magazijnmedewerker",
        "hours_min": 24,
        "hours_max": 38,
        "contract_type": ContractType.TEMPORARY,
        "opens_on": dt.date(2026, 11, 1),
    } | overrides
