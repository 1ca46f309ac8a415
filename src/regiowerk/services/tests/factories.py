"""Factories that build valid services, enrolments and events by default."""

from datetime import date, timedelta

from django.utils import timezone

import factory

from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.models import Consent, Person
from regiowerk.people.tests.factories import ConsentFactory
from regiowerk.services.constants import EnrolmentStatus, EventType, ServiceType
from regiowerk.services.models import Enrolment, Event, EventRegistration, Service
from regiowerk.services.permissions import CATALOGUE_ROLES


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Loopbaanonderzoek {n}")
    type = ServiceType.CAREER_RESEARCH
    provider = factory.SubFactory(OrganisationFactory)
    price_cents = 450_00
    themes = factory.LazyFunction(lambda: ["mobility"])
    target_groups = factory.LazyFunction(lambda: ["job_seekers"])


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    person = factory.SubFactory("regiowerk.people.tests.factories.PersonFactory")
    service = factory.SubFactory(
        ServiceFactory, provider=factory.SelfAttribute("..person.organisation")
    )
    enrolling_organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    status = EnrolmentStatus.REGISTERED
    registered_on = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=30)
    )


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Netwerkbijeenkomst {n}")
    type = EventType.REGIONAL
    organiser = factory.SubFactory(OrganisationFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Stadskantoor, Zaal 3"

    class Params:
        # ``EventFactory(past=True)``: held two days ago, so attendance can be recorded
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
        )


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory("regiowerk.people.tests.factories.PersonFactory")
    registering_organisation = factory.LazyAttribute(lambda o: o.person.organisation)


def make_actor(
    organisation: Organisation | None = None, role: str = Role.CONSULTANT
) -> Actor:
    """An actor with one role in ``organisation`` (a new one when not given)."""
    organisation = organisation or OrganisationFactory()
    return get_actor(
        user=make_user(organisation=organisation, role=role),
        organisation_id=organisation.pk,
    )


def catalogue_keeper(organisation: Organisation) -> Actor:
    """The system keeping ``organisation``'s catalogue, as imports and the demo do."""
    return Actor.system(organisation, reason="test", roles=CATALOGUE_ROLES)


def share_with(person: Person, partner: Organisation, **kwargs: object) -> Consent:
    """Record the person's active consent to share their data with ``partner``."""
    return ConsentFactory(
        person=person,
        purpose=ConsentPurpose.SHARING,
        partner=partner,
        given_on=date(2026, 1, 5),
        **kwargs,
    )
