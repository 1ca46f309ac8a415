"""Factories that build valid people records by default, and a BSN generator for tests.

BSNs are generated at run time (never written into the repository).
"""

import random
from datetime import date
from typing import Any

from django.utils import timezone

import factory

from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.people import actions
from regiowerk.people.constants import (
    ConsentPurpose,
    ContactType,
    LabourStatus,
    ObservationSource,
)
from regiowerk.people.models import (
    Consent,
    ContactMoment,
    Dossier,
    LabourStatusObservation,
    Person,
    PlanAction,
)
from regiowerk.people.rules import is_valid_bsn

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def make_bsn(rng: random.Random | None = None) -> str:
    """A random 9-digit number that passes the elfproef (test data only)."""
    rng = rng or random.Random()
    while True:
        head = [rng.randrange(10) for _ in range(8)]
        last = sum(d * w for d, w in zip(head, _WEIGHTS, strict=True)) % 11
        if last < 10:
            bsn = "".join(map(str, head)) + str(last)
            if is_valid_bsn(bsn):
                return bsn


def make_bsns(n: int, *, seed: int = 0) -> list[str]:
    """``n`` distinct valid BSNs."""
    rng = random.Random(seed)
    found: set[str] = set()
    while len(found) < n:
        found.add(make_bsn(rng))
    return sorted(found)


def register_with_bsn(actor: Actor, bsn: str, **fields: Any) -> Person:
    """A person registered with ``bsn`` through ``register_person`` (the one way a BSN
    is stored: encrypted, with its lookup hash). Name and labour status are
    placeholders unless ``fields`` give them."""
    values = {
        "first_name": "A",
        "last_name": "B",
        "labour_status": LabourStatus.JOB_SEEKER,
        **fields,
    }
    return actions.register_person(actor=actor, bsn=bsn, **values).person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = "Fatima"
    last_name = factory.Sequence(lambda n: f"de Vries{n}")
    birth_date = date(1980, 5, 17)
    birth_year = factory.LazyAttribute(
        lambda o: o.birth_date.year if o.birth_date else None
    )
    labour_status = LabourStatus.JOB_SEEKER
    region = factory.LazyAttribute(lambda o: o.organisation.region)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    opened_on = date(2026, 1, 5)
    opened_by = None
    responsible = factory.SelfAttribute("opened_by")  # as actions.open_dossier does


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    dossier = factory.SubFactory(DossierFactory)
    description = "Cv bijwerken"
    due_on = date(2026, 2, 1)


class ContactMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMoment

    dossier = factory.SubFactory(DossierFactory)
    type = ContactType.COACHING
    occurred_at = factory.LazyFunction(timezone.now)
    notes = "Gesprek over wensen"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    purpose = ConsentPurpose.SERVICE_DELIVERY
    given_on = date(2026, 1, 5)


class LabourStatusObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabourStatusObservation

    person = factory.SubFactory(PersonFactory)
    observed_on = date(2026, 1, 5)
    status = LabourStatus.JOB_SEEKER
    source = ObservationSource.CONSULTANT


def six_on_benefit_two_employed(organisation: Organisation) -> list[Person]:
    """Eight persons of ``organisation`` for the small-cell tests: six on WW benefit and
    two employed (two is a small cell, and the six would reveal it from the total)."""
    return [
        *PersonFactory.create_batch(
            6, organisation=organisation, labour_status=LabourStatus.WW_BENEFIT
        ),
        *PersonFactory.create_batch(
            2, organisation=organisation, labour_status=LabourStatus.EMPLOYED
        ),
    ]
