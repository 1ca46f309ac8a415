"""Factories that build valid candidacies and placements by default."""

import datetime as dt
from typing import Any

from django.utils import timezone

import factory

from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.tests.factories import ConsentFactory, PersonFactory
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


def placed_with(expert: Any, employer: Any, last_name: str, **fields: Any) -> Placement:
    """A placement with ``employer`` of a person "Sam <last_name>" of the labour
    expert's (an actor's) organisation, followed by them."""
    return PlacementFactory(
        organisation=expert.organisation,
        person__organisation=expert.organisation,
        person__first_name="Sam",
        person__last_name=last_name,
        employer=employer,
        responsible=expert.user,
        **fields,
    )


def sharing_follow_up(placement: Placement) -> Any:
    """The placed person's consent to share their follow-up with the employer."""
    return ConsentFactory(
        person=placement.person, purpose=ConsentPurpose.EMPLOYER_FOLLOW_UP
    )
