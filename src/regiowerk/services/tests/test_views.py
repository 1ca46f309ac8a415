from django.urls import reverse

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Loopbaanhuis Drenthe")


def login(client, organisation, role=Role.CONSULTANT):
    user = make_user(organisation=organisation, role=role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", list(Role))
def test_catalogue_and_events_render_for_every_role(client, organisation, role):
    service = ServiceFactory(provider=organisation)
    event = EventFactory(organiser=organisation)
    login(client, organisation, role)

    for url in [
        reverse("service-list"),
        reverse("service-detail", kwargs={"service_id": service.pk}),
        reverse("event-list"),
        reverse("event-detail", kwargs={"event_id": event.pk}),
    ]:
        assert client.get(url).status_code == 200, url


def test_enrolment_detail_renders_for_the_holding_consultant(client, organisation):
    enrolment = EnrolmentFactory(person=PersonFactory(organisation=organisation))
    EventRegistrationFactory(person=enrolment.person)
    login(client, organisation)
    response = client.get(
        reverse("enrolment-detail", kwargs={"enrolment_id": enrolment.pk})
    )
    assert response.status_code == 200
    response = client.get(
        reverse("enrolment-create") + f"?person={enrolment.person.pk}"
    )
    assert response.status_code == 200
