import io

from django.core.management import call_command

import pytest
import yaml

pytestmark = pytest.mark.slow  # generating the whole schema takes seconds


@pytest.fixture
def schema(tmp_path, db):
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(target),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return yaml.safe_load(target.read_text())


def test_the_openapi_schema_is_valid_and_generates_without_warnings(schema):
    assert "/api/v1/persons/" in schema["paths"]


def test_no_response_schema_can_carry_a_plain_bsn(schema):
    responses = {
        name: component
        for name, component in schema["components"]["schemas"].items()
        if not name.endswith("Request")
    }
    leaking = [
        f"{name}.{prop}"
        for name, component in responses.items()
        for prop in component.get("properties", {})
        if prop == "bsn"
    ]
    assert leaking == []
