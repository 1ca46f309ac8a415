"""Fixtures of the employer's view tests (the page and the API) and the follow-up
pages' (the labour expert logged in)."""

import pytest

from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.organisations.constants import Role


@pytest.fixture
def expert(organisation, make_actor):
    """A labour expert with a name and an address: the employer's contact person."""
    actor = make_actor(organisation, Role.LABOUR_EXPERT)
    actor.user.first_name, actor.user.last_name = "Anouk", "Deskundige"
    actor.user.email = "anouk@example.org"
    actor.user.save()
    return actor


@pytest.fixture
def employer(db):
    return EmployerFactory(name="Bakkerij De Korrel")


@pytest.fixture
def expert_client(client, expert):
    client.force_login(expert.user)
    return client
