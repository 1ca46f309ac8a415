"""Factories that build valid programmes, projects and activities by default."""

from datetime import date

import factory

from regiowerk.monitoring.models import Activity, Programme, Project


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"programma-{n}")
    name = factory.Sequence(lambda n: f"Programma {n}")
    funder = "Ministerie van SZW"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"DW{n:04d}")
    title = "Van werk naar werk in de regio"
    starts_on = date(2026, 1, 1)
    ends_on = date(2027, 6, 30)
    direct_costs_cents = 1_000_000_00
    max_subsidy_cents = 690_000_00


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"{n}. Loopbaanbegeleiding")
