"""The personal API token page: make, replace and revoke a key; the key works on the API."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from regiowerk.organisations.tests.factories import make_user

pytestmark = pytest.mark.django_db

PAGE = reverse("api-token")
API = "/api/v1/services/"


def _key(response) -> str:
    found = re.search(
        r'<code class="api-key">(rw_[0-9a-f]{64})</code>', response.content.decode()
    )
    assert found, "the new key is shown on the page"
    return found.group(1)


def _api(key: str) -> int:
    return Client().get(API, HTTP_AUTHORIZATION=f"Token {key}").status_code


def test_the_page_needs_a_login(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_user_makes_a_key_that_works_on_the_api_and_is_shown_only_once(client):
    client.force_login(make_user())
    assert "U hebt geen API-sleutel." in client.get(PAGE).content.decode()

    made = client.post(PAGE, {"action": "create"})
    key = _key(made)

    assert made.status_code == 200  # shown on this response, never in a redirect URL
    assert (
        made["Cache-Control"].startswith("no-store")
        or "no-store" in made["Cache-Control"]
    )
    assert _api(key) == 200
    again = client.get(PAGE).content.decode()
    assert key not in again
    assert "U hebt een API-sleutel, gemaakt op" in again


def test_a_new_key_replaces_the_old_one(client):
    client.force_login(make_user())
    old = _key(client.post(PAGE, {"action": "create"}))

    new = _key(client.post(PAGE, {"action": "create"}))

    assert new != old
    assert _api(old) == 401
    assert _api(new) == 200


def test_a_revoked_key_stops_working_at_once(client):
    client.force_login(make_user())
    key = _key(client.post(PAGE, {"action": "create"}))

    response = client.post(PAGE, {"action": "revoke"}, follow=True)

    assert "Uw API-sleutel is ingetrokken." in response.content.decode()
    assert _api(key) == 401
    assert "U hebt geen API-sleutel." in response.content.decode()


def test_a_get_changes_nothing(client):
    client.force_login(make_user())
    key = _key(client.post(PAGE, {"action": "create"}))

    client.get(PAGE, {"action": "revoke"})

    assert _api(key) == 200


def test_the_api_docs_explain_the_key_and_the_organisation_header(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    description = schema["info"]["description"]

    assert "Authorization: Token <key>" in description
    assert "X-Organisation" in description
    assert "/api-sleutel/" in description
