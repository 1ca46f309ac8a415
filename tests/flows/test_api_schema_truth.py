"""The OpenAPI schema tells the truth: lists are documented as the pages they return,
every error status an operation answers is declared in the error format, format rules
are in the schema, an anonymous call answers 401 with ``WWW-Authenticate``, and a path
no view answers (a malformed UUID) gets the JSON error format."""

import re
import uuid

from django.urls import reverse

import pytest
from rest_framework.test import APIClient

from regiowerk.services.tests.factories import make_actor
from tests.flows.openapi import (
    fill,
    fill_every_list,
    operations,
    request_schema,
    schema,
)

pytestmark = pytest.mark.django_db

ERROR = "#/components/schemas/ErrorResponse"


def _expected_errors(method, operation) -> set[str]:
    parameters = operation.get("parameters", [])
    body = set(request_schema(operation).get("properties", {}))
    codes = {"401", "403"}
    if operation.get("requestBody") or method == "POST":  # every POST parses its body
        codes |= {"400", "415"}
    if any(p["in"] == "query" for p in parameters):
        codes.add("400")
    if any(p["in"] == "path" for p in parameters):
        codes.add("404")
    if any(p["schema"].get("format") == "uuid" for p in parameters):
        codes.add("404")  # ?person=<uuid> of an unknown or unseen person
    if any(name.endswith("_id") for name in body):
        codes.add("404")  # {"person_id": ...} likewise
    if "version" in body:
        codes.add("409")  # a stale version
    return codes


def test_every_operation_declares_its_error_statuses_in_the_error_format():
    missing, shapeless = {}, []
    for method, path, operation in operations():
        responses = operation["responses"]
        absent = _expected_errors(method, operation) - set(responses)
        if absent:
            missing[f"{method} {path}"] = sorted(absent)
        for code, response in responses.items():
            if code.startswith("4"):
                body = response.get("content", {}).get("application/json", {})
                if body.get("schema", {}).get("$ref") != ERROR:
                    shapeless.append(f"{method} {path} {code}")

    assert missing == {}
    assert shapeless == []


def test_the_error_format_is_a_component():
    error = schema()["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"field", "code", "message"}


def test_every_list_is_documented_as_what_it_returns(api_client_for):
    actor = make_actor()
    fill_every_list(actor)
    client = api_client_for(actor)
    checked, wrong = [], {}

    for method, path, operation in operations():
        if method != "GET" or "{" in path:
            continue
        response = client.get(path, {"q": "chauffeur", "text": "chauffeur"})
        if response.status_code != 200:
            continue
        documented = operation["responses"]["200"]["content"]["application/json"]
        documented = documented["schema"]
        body = response.json()
        if isinstance(body, dict) and set(body) == {
            "count",
            "next",
            "previous",
            "results",
        }:
            page = documented.get("$ref", "").rsplit("/", 1)[-1]
            component = schema()["components"]["schemas"].get(page, {})
            shape = set(component.get("properties", {}))
            if shape != {"count", "next", "previous", "results"}:
                wrong[path] = documented
            limit = [p for p in operation["parameters"] if p["name"] == "limit"]
            if not limit or limit[0]["schema"].get("maximum") is None:
                wrong[path] = "limit without its maximum"
        elif isinstance(body, list) and documented.get("type") != "array":
            wrong[path] = documented
        checked.append(path)

    assert wrong == {}
    assert {"/api/v1/services/", "/api/v1/persons/", "/api/v1/vacancies/"} <= set(
        checked
    )


def test_the_kvk_number_format_is_in_the_schema():
    body = schema()["paths"]["/api/v1/employers/create/"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    component = schema()["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    pattern = re.compile(component["properties"]["kvk_number"]["pattern"])

    assert pattern.match("12345678")
    assert pattern.match("1234 5678")
    assert pattern.match("12.34.56.78")
    assert not pattern.match("1234567")
    assert not pattern.match("1234567a")


def test_a_malformed_kvk_number_keeps_its_reason(settings, api_client_for):
    actor = make_actor(role="account_manager")

    response = api_client_for(actor).post(
        reverse("api-employer-create"),
        {"name": "Groen B.V.", "kvk_number": "1234-567", "sector": "A"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "kvk_number",
            "code": "invalid",
            "message": "Een KvK-nummer heeft precies 8 cijfers.",
        }
    ]


def test_every_operation_answers_an_anonymous_call_with_401_and_how_to_authenticate():
    client = APIClient()

    answers = {
        f"{method} {path}": client.generic(method, fill(path, operation))
        for method, path, operation in operations()
    }

    assert {k: r.status_code for k, r in answers.items() if r.status_code != 401} == {}
    for response in answers.values():
        assert response.headers["WWW-Authenticate"] == "Token"
        assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_a_malformed_uuid_in_a_path_is_a_404_in_the_error_format(api_client_for):
    client = api_client_for(make_actor())
    paths = [
        re.sub(r"\{\w+\}", "not-a-uuid", path)
        for method, path, operation in operations()
        if any(
            p["in"] == "path" and p["schema"].get("format") == "uuid"
            for p in operation.get("parameters", [])
        )
    ]

    answers = {path: client.get(path) for path in paths}

    assert paths
    assert {p: r.status_code for p, r in answers.items() if r.status_code != 404} == {}
    for response in answers.values():
        assert response.headers["Content-Type"] == "application/json"
        assert response.json() == {
            "errors": [
                {"field": None, "code": "not_found", "message": "Niet gevonden."}
            ]
        }


def test_an_unknown_page_outside_the_api_is_still_a_page(client):
    response = client.get(f"/personen/{uuid.uuid4()}x/")

    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")
