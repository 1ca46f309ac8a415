"""Every page and API call of matching that shows a record naming a person (an
occupation or a skill on a profile) reads it through the gate, and the read is logged."""

from django.urls import reverse

import pytest
from rest_framework.test import APIClient

from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.tests.factories import profile_of
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.models import AccessLog
from regiowerk.services.tests.factories import make_actor, share_with

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def person(demo_taxonomy):
    return profile_of(make_actor(), "kok", skills=["haccp"])


def _logged(user):
    return set(AccessLog.objects.filter(user=user).values_list("person_id", "what"))


@pytest.mark.parametrize("partner", [False, True])
def test_the_skills_page_logs_reading_the_occupations_and_skills(
    client, person, partner
):
    organisation = person.organisation
    if partner:
        organisation = OrganisationFactory()
        share_with(person, organisation)
    user = make_user(organisation=organisation, role=Role.CONSULTANT)
    client.force_login(user)

    page = client.get(reverse("person-skills", args=[person.pk])).content.decode()

    assert "kok" in page and "HACCP" in page
    assert {
        (person.pk, "matching: occupations"),
        (person.pk, "matching: skills"),
    } <= _logged(user)


def test_the_transitions_page_logs_reading_the_current_occupation(client, person):
    user = make_user(organisation=person.organisation, role=Role.CONSULTANT)
    client.force_login(user)

    client.get(reverse("person-transitions", args=[person.pk]))

    assert (person.pk, "matching: occupations") in _logged(user)


def test_the_api_logs_reading_the_occupations_and_skills(person):
    user = make_user(organisation=person.organisation, role=Role.CONSULTANT)
    client = APIClient()
    client.force_authenticate(user)

    occupations = client.get(f"{API}/persons/{person.pk}/occupations/").json()
    skills = client.get(f"{API}/persons/{person.pk}/skills/").json()

    assert [o["uri"] for o in occupations] == [uri("occupation", "kok")]
    assert [s["uri"] for s in skills] == [uri("skill", "haccp")]
    assert {(person.pk, "api: occupations"), (person.pk, "api: skills")} <= _logged(
        user
    )
