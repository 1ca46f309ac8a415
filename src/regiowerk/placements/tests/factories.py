"""Factories that build valid candidacies and placements by default."""

import datetime as dt

from django.utils import timezone

import factory

from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements.constants import (
    CandidacySource,
    PlacementContract,
    PlacementKind,
    Stage,
)
from regiowerk.placements.models import Candidacy, CandidacyStep, Placement


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


class CandidacyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidacy
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    vacancy = factory.SubFactory(VacancyFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    source = CandidacySource.MATCHING
    stage = Stage.RECRUITED
    stage_on = factory.LazyFunction(lambda: days_ago(30))

    @factory.post_generation
    def steps(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            CandidacyStep.objects.create(
                candidacy=self, stage=self.stage, on=self.stage_on
            )


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    person = factory.SubFactory(PersonFactory)
    employer = factory.SubFactory(EmployerFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    kind = PlacementKind.REGULAR
    contract_type = PlacementContract.PERMANENT
    starts_on = factory.LazyFunction(lambda: days_ago(100))
    hours_per_week = 32
