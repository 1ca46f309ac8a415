"""Hostile input gets a 400 (or the documented refusal) with a clear error, never a 500.

Each of these crashed once: a body nested ~1,000 levels deep, ``?limit=`` of 2^63 or
more, integers beyond 64 bits in filters, bodies and the ``X-Organisation`` header.
The operations come from the OpenAPI schema, so new ones are covered too.
"""

import json

from django.urls import reverse

import pytest

from regiowerk.common.api_input import MAX_JSON_DEPTH, MAX_PAGE_SIZE
from regiowerk.monitoring.tests.factories import monitored_project
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.models import ContactMoment
from regiowerk.people.tests.factories import DossierFactory, PersonFactory
from regiowerk.services.models import Service
from regiowerk.services.tests.factories import make_actor
from tests.flows.openapi import fill, fill_every_list, operations

pytestmark = pytest.mark.django_db

HUGE = [2**63, 2**64, 10**30]
POSTS = [(p, op) for m, p, op in operations() if m == "POST"]


def _is_page(operation):
    content = operation["responses"]["200"].get("content", {}).get("application/json")
    return bool(content) and "/Paginated" in content["schema"].get("$ref", "")


PAGED = [(p, op) for m, p, op in operations() if m == "GET" and _is_page(op)]
INTEGER_FILTERS = [
    (p, op, param["name"])
    for m, p, op in operations()
    if m == "GET"
    for param in op.get("parameters", [])
    if param["in"] == "query"
    and param["schema"].get("type") == "integer"
    and param["name"] not in ("limit", "offset")
]


@pytest.fixture
def consultant():
    actor = make_actor()
    fill_every_list(actor)
    return actor


@pytest.fixture
def lister():
    """A project leader (casework as a consultant) with one row in every list, and the
    ids of a project its organisation executes and funds (the monitoring lists)."""
    leader = make_actor(role=Role.PROJECT_LEADER)
    fill_every_list(leader)
    return leader, monitored_project(leader.organisation)


def _deep(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1_000, 100_000])
def test_a_body_nested_too_deeply_is_refused_on_every_post_naming_the_reason(
    consultant, depth, api_client_for
):
    client = api_client_for(consultant)
    body = _deep(depth)

    answers = {
        path: client.post(fill(path, op), body, content_type="application/json")
        for path, op in POSTS
    }

    assert {p: r.status_code for p, r in answers.items() if r.status_code != 400} == {}
    for response in answers.values():
        (error,) = response.json()["errors"]
        assert error["code"] == "parse_error"
        assert str(MAX_JSON_DEPTH) in error["message"]


def test_a_body_nested_as_deep_as_allowed_is_parsed(consultant, api_client_for):
    body = json.dumps({"name": "x", "type": "career_research", "themes": []})

    response = api_client_for(consultant).post(
        reverse("api-service-create"), body, content_type="application/json"
    )

    assert response.status_code == 403  # parsed; a consultant may not add services


@pytest.mark.parametrize("huge", HUGE)
def test_every_list_takes_a_huge_limit_and_offset(lister, huge, api_client_for):
    leader, ids = lister
    client = api_client_for(leader)

    answers = {
        (path, query): client.get(fill(path, op, ids), {query: huge})
        for path, op in PAGED
        for query in ("limit", "offset")
    }

    assert {k: r.status_code for k, r in answers.items() if r.status_code != 200} == {}
    assert all(len(r.json()["results"]) <= MAX_PAGE_SIZE for r in answers.values())


def test_a_page_holds_at_most_the_maximum_whatever_the_limit(
    consultant, api_client_for
):
    provider = consultant.organisation
    Service.objects.bulk_create(
        Service(name=f"Dienst {n}", type="career_research", provider=provider)
        for n in range(MAX_PAGE_SIZE + 5)
    )

    response = api_client_for(consultant).get(
        reverse("api-service-list"), {"limit": 10**6}
    )

    assert response.status_code == 200
    assert len(response.json()["results"]) == MAX_PAGE_SIZE
    assert response.json()["next"] is not None


@pytest.mark.parametrize(("path", "operation", "name"), INTEGER_FILTERS)
def test_an_integer_filter_beyond_64_bits_is_refused_never_a_500(
    consultant, path, operation, name, api_client_for
):
    for huge in HUGE:
        response = api_client_for(consultant).get(fill(path, operation), {name: huge})

        if "{" in path:  # an unknown record in the path may answer first
            assert response.status_code in (400, 404), (name, huge)
        else:
            assert response.status_code == 400, (name, huge)
            assert name in {e["field"] for e in response.json()["errors"]}


def test_the_lists_and_filters_come_from_the_schema():
    assert {name for _p, _op, name in INTEGER_FILTERS} >= {"provider", "organiser"}
    assert {p for p, _op in PAGED} >= {"/api/v1/services/", "/api/v1/persons/"}


def test_an_integer_in_a_body_beyond_64_bits_is_a_400_naming_it(api_client_for):
    actor = make_actor(role=Role.PROJECT_LEADER)

    response = api_client_for(actor).post(
        reverse("api-service-create"),
        {"name": "Budgetcoaching", "type": "financial_coaching", "capacity": 2**64},
        format="json",
    )

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["capacity"]
    assert not Service.objects.exists()


@pytest.mark.parametrize("raw", [str(2**63), str(2**64), "1" * 40, "-1", "0", "١"])
def test_an_organisation_header_that_is_no_id_of_yours_is_a_403(
    consultant, raw, api_client_for
):
    client = api_client_for(consultant)
    client.credentials(HTTP_X_ORGANISATION=raw)

    response = client.get(reverse("api-service-list"))

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "permission_denied"


@pytest.mark.parametrize("raw", [str(2**63), str(2**64), "1" * 40, "x", ""])
def test_the_organisation_switch_ignores_a_number_that_is_no_id(client, raw):
    home = OrganisationFactory()
    user = make_user(organisation=home)
    client.force_login(user)

    response = client.post(reverse("switch-organisation"), {"organisation": raw})

    assert response.status_code == 302
    assert "organisation_id" not in client.session


@pytest.mark.parametrize(
    "occurred_at",
    [
        "0150-02-18T13:57:46+00:00",  # the fuzz run's: rendered with offset +00:19:32
        "0001-01-01T00:00:00+05:00",  # overflows when converted to UTC
        "1899-12-31T23:00:00Z",
    ],
)
def test_a_time_before_1900_is_a_400_naming_the_field(
    consultant, api_client_for, occurred_at
):
    dossier = DossierFactory(person=PersonFactory(organisation=consultant.organisation))

    response = api_client_for(consultant).post(
        reverse("api-contact-moment-create", args=[dossier.pk]),
        {"type": "intake", "occurred_at": occurred_at, "notes": "Gesprek"},
        format="json",
    )

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "occurred_at"
    if not occurred_at.startswith("0001"):  # the REST framework refuses that itself
        assert error == {
            "field": "occurred_at",
            "code": "min_value",
            "message": "Vul een datum vanaf 1900 in.",
        }
    assert not ContactMoment.objects.exists()


def test_a_date_filter_before_1900_is_a_400(consultant, api_client_for):
    response = api_client_for(consultant).get(
        reverse("api-service-list"), {"active_on": "0001-01-01"}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "active_on"


@pytest.mark.parametrize("value", ["true", "-1", "2.5", "1e3", "tien", ""])
@pytest.mark.parametrize("name", ["limit", "offset"])
def test_a_malformed_limit_or_offset_is_a_400_naming_it(
    lister, api_client_for, name, value
):
    leader, ids = lister
    answers = {
        path: api_client_for(leader).get(fill(path, op, ids), {name: value})
        for path, op in PAGED
    }

    assert {p: r.status_code for p, r in answers.items() if r.status_code != 400} == {}
    for response in answers.values():
        assert response.json()["errors"][0]["field"] == name


@pytest.mark.parametrize("huge", HUGE)
def test_removing_an_id_beyond_64_bits_is_removing_nothing_never_a_500(
    consultant, api_client_for, huge
):
    person = PersonFactory(organisation=consultant.organisation)
    client = api_client_for(consultant)

    for kind in ("occupations", "skills"):
        unknown = client.post(f"/api/v1/persons/{person.pk}/{kind}/999999/remove/")
        response = client.post(f"/api/v1/persons/{person.pk}/{kind}/{huge}/remove/")

        assert response.status_code == unknown.status_code == 204, kind
