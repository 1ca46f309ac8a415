"""403, 404 and 500 are the app's own pages, in Dutch and in its layout; under /api/
they stay in the API's error format."""

import json

from django.db import connections
from django.test import RequestFactory
from django.urls import reverse

import pytest

from regiowerk.common.api import server_failed


def _page(response) -> str:
    page = response.content.decode()
    assert 'class="site-header"' in page  # the app's layout
    assert '<html lang="nl">' in page
    return page


@pytest.mark.django_db
def test_an_unknown_page_is_the_dutch_404_page(consultant_client):
    response = consultant_client.get("/bestaat-niet/")

    assert response.status_code == 404
    page = _page(response)
    assert "<h1>Pagina niet gevonden</h1>" in page
    assert "Naar de startpagina" in page
    assert "Hoofdmenu" in page  # logged in: the menu is there


@pytest.mark.django_db
def test_a_refused_page_is_the_dutch_403_page_with_the_apps_reason(
    consultant_client,
):
    response = consultant_client.get(reverse("programme-overview"))

    assert response.status_code == 403
    page = _page(response)
    assert "<h1>Geen toegang</h1>" in page
    assert "Uw rol ziet de programmamonitoring niet." in page


@pytest.mark.django_db
def test_api_paths_keep_their_json_errors(consultant_client):
    response = consultant_client.get("/api/v1/bestaat-niet/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_the_500_page_renders_without_a_database_or_request_context(monkeypatch):
    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    for connection in connections.all():
        monkeypatch.setattr(connection, "cursor", no_database)
        monkeypatch.setattr(connection, "ensure_connection", no_database)
    request = RequestFactory().get("/personen/")

    response = server_failed(request)

    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Er ging iets mis</h1>" in page
    assert 'href="/"' in page
    assert "Hoofdmenu" not in page  # no user, no menu


def test_a_server_error_under_the_api_is_json():
    response = server_failed(RequestFactory().get("/api/v1/personen/"))

    assert response.status_code == 500
    assert json.loads(response.content)["errors"][0]["code"] == "server_error"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/Jan-de-Vries-geboren-1970/",  # no URL matches
        "/personen/00000000-0000-4000-8000-000000000000/",  # the view raises Http404
    ],
)
def test_with_debug_on_the_404_is_the_apps_page_and_does_not_echo_the_path(
    consultant_client, settings, path
):
    settings.DEBUG = True

    response = consultant_client.get(path)
    api = consultant_client.get(f"/api/v1{path}")

    assert response.status_code == 404
    page = _page(response)
    assert "<h1>Pagina niet gevonden</h1>" in page
    assert path.strip("/") not in page
    assert "URLconf" not in page  # not Django's technical page
    assert api.status_code == 404
    assert api.json()["errors"][0]["code"] == "not_found"
    assert path.strip("/") not in api.content.decode()
