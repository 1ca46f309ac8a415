"""Fixtures the tests of every app share: organisations, actors per role, a logged-in
consultant, API clients acting for an actor, English messages and the demo taxonomy.

One place for them (pytest loads this file for every test under the repository): a test
module defines only what is its own, and a fixture it defines with the same name wins
there. pytest-django's ``client`` and ``admin_client`` (a logged-in superuser) are used
as they are.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

from django.test import Client
from django.utils import translation

import pytest
from rest_framework.test import APIClient

from regiowerk.matching import actions as matching_actions
from regiowerk.matching.demo_taxonomy import write_demo_taxonomy
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from skillmatch import Taxonomy

MakeActor = Callable[..., Actor]
ApiClientFor = Callable[[Actor], APIClient]


@pytest.fixture
def organisation(db) -> Organisation:
    return OrganisationFactory()


@pytest.fixture
def partner(db) -> Organisation:
    """Another partner organisation in the same region."""
    return OrganisationFactory()


@pytest.fixture
def make_actor(db) -> MakeActor:
    """``make_actor(organisation, role=Role.CONSULTANT)``: a new user with that role."""

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


@pytest.fixture
def consultant_client(client, organisation) -> Client:
    """The test client, logged in as a (new) consultant of ``organisation``."""
    client.force_login(make_user(organisation=organisation, role=Role.CONSULTANT))
    return client


@pytest.fixture
def api_client_for() -> ApiClientFor:
    """``api_client_for(actor)``: a new API client logged in as ``actor.user`` and
    acting for ``actor.organisation`` (the ``X-Organisation`` header)."""

    def make(actor: Actor) -> APIClient:
        client = APIClient()
        client.force_authenticate(actor.user)
        client.credentials(HTTP_X_ORGANISATION=str(actor.organisation.pk))
        return client

    return make


@pytest.fixture
def english_messages() -> Iterator[None]:
    """Assertions read the English source messages (the UI language is Dutch)."""
    with translation.override("en"):
        yield


@pytest.fixture
def demo_taxonomy(db, tmp_path: Path) -> Taxonomy:
    """The demo taxonomy, imported into the test database."""
    taxonomy = Taxonomy.from_esco(write_demo_taxonomy(tmp_path / "demo"))
    matching_actions.import_taxonomy(
        taxonomy=taxonomy, name="Demo", source="demo", is_demo=True
    )
    return taxonomy
