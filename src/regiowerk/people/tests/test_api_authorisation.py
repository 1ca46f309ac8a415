"""Authorisation matrix of the people API: every endpoint × every role × holding
organisation / partner without sharing consent / partner with sharing consent.

Reads are for casework roles of the holder and of a partner the person shares with;
writes for casework roles of the holder only; everything else answers 404, the same as
for a record that does not exist. Registering is for casework roles (403 otherwise),
aggregates for analysts and project leaders.
"""

from dataclasses import dataclass

from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from regiowerk.organisations.constants import CASEWORK_ROLES, Role
from regiowerk.people import actions
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.tests.factories import DossierFactory, PersonFactory

pytestmark = pytest.mark.django_db

HOLDER, PARTNER_NOT_SHARED, PARTNER_SHARED = "holder", "partner", "partner-shared"


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    kind: str  # "read" or "write"
    body: dict | None = None


def calls(ids: dict[str, str]) -> list[Call]:
    """Every person-level endpoint, writes in an order in which each can succeed."""
    p, q, d = ids["person"], ids["fresh_person"], ids["dossier"]
    now = timezone.now().isoformat()
    today = timezone.localdate().isoformat()
    return [
        Call("get", f"persons/{p}/", "read"),
        Call("get", f"persons/{p}/dossiers/", "read"),
        Call("get", f"dossiers/{d}/", "read"),
        Call("get", f"dossiers/{d}/plan-actions/", "read"),
        Call("get", f"dossiers/{d}/contact-moments/", "read"),
        Call("get", f"persons/{p}/consents/", "read"),
        Call("get", f"persons/{p}/labour-status/", "read"),
        Call("post", f"persons/{p}/update/", "write", {"version": 1, "city": "Zwolle"}),
        Call(
            "post",
            f"dossiers/{d}/intake/",
            "write",
            {"version": 1, "answers": {"has_debts": True}},
        ),
        Call("post", f"dossiers/{d}/goals/", "write", {"version": 2, "goals": "Werk"}),
        Call(
            "post", f"dossiers/{d}/plan-actions/create/", "write", {"description": "x"}
        ),
        Call("post", f"plan-actions/{ids['plan_action']}/complete/", "write", {}),
        Call(
            "post",
            f"dossiers/{d}/contact-moments/create/",
            "write",
            {"type": "phone", "occurred_at": now},
        ),
        Call("post", f"persons/{p}/consents/create/", "write", {"purpose": "research"}),
        Call("post", f"consents/{ids['consent']}/withdraw/", "write", {}),
        Call(
            "post",
            f"persons/{p}/labour-status/create/",
            "write",
            {"observed_on": today, "status": "employed"},
        ),
        Call("post", f"persons/{q}/dossiers/create/", "write", {}),
        Call("get", f"persons/{p}/export/", "write"),
        Call("get", f"persons/{p}/export/readable/", "write"),
        Call("post", f"dossiers/{d}/close/", "write", {"version": 3}),
        Call("post", f"persons/{p}/erase/", "erase", {}),
    ]


@pytest.fixture
def world(organisation, partner, make_actor):
    """A person with a dossier, plan action and consent at the holder, plus a person
    without a dossier; both share with ``partner`` only in the shared case."""
    holder_consultant = make_actor(organisation, Role.CONSULTANT)
    person = PersonFactory(organisation=organisation)
    fresh_person = PersonFactory(organisation=organisation)
    dossier = DossierFactory(person=person)
    plan_action = actions.add_plan_action(
        actor=holder_consultant, dossier=dossier, description="Cv"
    )
    consent = actions.give_consent(
        actor=holder_consultant, person=person, purpose=ConsentPurpose.RESEARCH
    )
    ids = {
        "person": str(person.pk),
        "fresh_person": str(fresh_person.pk),
        "dossier": str(dossier.pk),
        "plan_action": str(plan_action.pk),
        "consent": str(consent.pk),
    }
    return {
        "holder_consultant": holder_consultant,
        "persons": [person, fresh_person],
        "ids": ids,
    }


@pytest.mark.parametrize("where", [HOLDER, PARTNER_NOT_SHARED, PARTNER_SHARED])
@pytest.mark.parametrize("role", list(Role))
def test_people_api_authorisation_matrix(
    world, organisation, partner, make_actor, role, where, api_client_for
):
    # given
    if where == PARTNER_SHARED:
        for person in world["persons"]:
            actions.give_consent(
                actor=world["holder_consultant"],
                person=person,
                purpose=ConsentPurpose.SHARING,
                partner=partner,
            )
    actor = make_actor(organisation if where == HOLDER else partner, role)
    client = api_client_for(actor)
    casework = role in CASEWORK_ROLES
    may_read = casework and where in (HOLDER, PARTNER_SHARED)
    may_write = casework and where == HOLDER
    wrong: list[str] = []

    # when / then: every person-level endpoint
    for call in calls(world["ids"]):
        allowed = {
            "read": may_read,
            "write": may_write,
            "erase": may_write and role == Role.PROJECT_LEADER,
        }[call.kind]
        # who may change the person but not erase is refused openly (they see it anyway)
        refusal = 403 if call.kind == "erase" and may_write else 404
        response = getattr(client, call.method)(
            f"/api/v1/{call.path}", call.body, format="json"
        )
        expected = "2xx" if allowed else str(refusal)
        got_ok = 200 <= response.status_code < 300
        if (allowed and not got_ok) or (
            not allowed and response.status_code != refusal
        ):
            wrong.append(
                f"{call.method.upper()} {call.path}: {response.status_code}, expected {expected}"
            )

    # the list shows the persons exactly when they may be read (an erased one is gone)
    erased = may_write and role == Role.PROJECT_LEADER
    listed = client.get("/api/v1/persons/").json()["count"]
    if listed != ((1 if erased else 2) if may_read else 0):
        wrong.append(f"GET persons/: {listed} listed")
    # registering is for casework roles of any organisation
    created = client.post(
        "/api/v1/persons/create/",
        {"first_name": "N", "last_name": "N", "labour_status": "employed"},
        format="json",
    )
    if created.status_code != (201 if casework else 403):
        wrong.append(f"POST persons/create/: {created.status_code}")
    # aggregates are for analysts and project leaders
    aggregates = client.get("/api/v1/persons/aggregates/", {"by": "gender"})
    may_aggregate = role in (Role.ANALYST, Role.PROJECT_LEADER)
    if aggregates.status_code != (200 if may_aggregate else 403):
        wrong.append(f"GET persons/aggregates/: {aggregates.status_code}")

    assert wrong == []


def test_a_user_cannot_act_for_an_organisation_they_are_not_a_member_of(
    world, partner, make_actor
):
    actor = make_actor(partner, Role.CONSULTANT)
    client = APIClient()
    client.force_authenticate(actor.user)
    client.credentials(HTTP_X_ORGANISATION=str(world["persons"][0].organisation_id))

    response = client.get(f"/api/v1/persons/{world['ids']['person']}/")

    assert response.status_code == 403
