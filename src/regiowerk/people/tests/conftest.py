"""Shared fixtures: two partner organisations in one region and actors per role."""

from collections.abc import Callable

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user

MakeActor = Callable[..., Actor]


@pytest.fixture
def organisation(db) -> Organisation:
    return OrganisationFactory()


@pytest.fixture
def partner(db) -> Organisation:
    """Another partner organisation in the same region."""
    return OrganisationFactory()


@pytest.fixture
def make_actor(db) -> MakeActor:
    def make(organisation: Organisation, role: str = Role.CONSULTANT) -> Actor:
        user = make_user(organisation=organisation, role=role)
        return get_actor(user=user, organisation_id=organisation.pk)

    return make


@pytest.fixture
def consultant(organisation, make_actor) -> Actor:
    return make_actor(organisation, Role.CONSULTANT)


@pytest.fixture
def project_leader(organisation, make_actor) -> Actor:
    """May erase persons of the organisation (data-subject requests)."""
    return make_actor(organisation, Role.PROJECT_LEADER)


@pytest.fixture
def partner_consultant(partner, make_actor) -> Actor:
    return make_actor(partner, Role.CONSULTANT)
