"""The API's own OpenAPI schema as test input: tests over "every operation" follow it, so
a new endpoint is covered without anyone listing it. Plus a row in every list (the
client acting for an actor is the root conftest's ``api_client_for``)."""

import re
import uuid
from functools import cache
from typing import Any

from drf_spectacular.generators import SchemaGenerator

from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.organisations.queries import Actor
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.tests.factories import EventFactory, ServiceFactory


@cache
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path template, operation) for every operation in the schema."""
    return [
        (method.upper(), path, operation)
        for path, operations in schema()["paths"].items()
        for method, operation in operations.items()
    ]


def request_schema(operation: dict[str, Any]) -> dict[str, Any]:
    """The component of an operation's JSON request body ({} when it takes none)."""
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is None:
        return {}
    name = body["schema"]["$ref"].rsplit("/", 1)[-1]
    return schema()["components"]["schemas"][name]


def fill(
    path: str, operation: dict[str, Any], ids: dict[str, int] | None = None
) -> str:
    """The path with every parameter filled in: from ``ids`` when it names it, else a
    fresh UUID where it wants one, else 1."""
    formats = {
        p["name"]: p["schema"].get("format")
        for p in operation.get("parameters", [])
        if p["in"] == "path"
    }

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if ids and name in ids:
            return str(ids[name])
        return str(uuid.uuid4()) if formats[name] == "uuid" else "1"

    return re.sub(r"\{(\w+)\}", one, path)


def fill_every_list(actor: Actor) -> None:
    """One row in every list, so that a page is really cut from a query."""
    ServiceFactory(provider=actor.organisation)
    EventFactory(organiser=actor.organisation)
    VacancyFactory(organisation=actor.organisation)
    EmployerFactory()
    PersonFactory(organisation=actor.organisation)
