"""Security headers on a page, an API response and the login page; HTTPS in production."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

import pytest
from rest_framework.test import APIClient

from regiowerk.organisations.actions import create_api_token
from regiowerk.organisations.tests.factories import make_user
from regiowerk.people.tests.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "src" / "regiowerk").glob("*/templates/**/*.html"))
# Documents only ever sent as a download (Content-Disposition: attachment) and opened
# from disk, where no static file can be fetched: they carry their own <style>.
DOWNLOADED_DOCUMENTS = {"person_export_document.html"}


def _directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part)
    }


def _assert_strict_policy(response):
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


def _assert_not_stored(response):
    cache_control = {
        part.strip() for part in response.headers["Cache-Control"].split(",")
    }
    assert {"no-store", "private"} <= cache_control


@pytest.fixture
def consultant(db):
    return make_user()


def test_a_signed_in_page_is_not_stored_and_allows_no_inline_code(client, consultant):
    PersonFactory(organisation=consultant.memberships.get().organisation)
    client.force_login(consultant)

    response = client.get(reverse("person-list"))

    assert response.status_code == 200
    _assert_strict_policy(response)
    _assert_not_stored(response)


def test_an_api_response_with_token_authentication_is_not_stored(consultant):
    _token, key = create_api_token(user=consultant)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = api.get("/api/v1/persons/")

    assert response.status_code == 200
    _assert_strict_policy(response)
    _assert_not_stored(response)


def test_the_login_page_has_the_policy_and_is_not_cached(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    _assert_strict_policy(response)
    assert "no-store" in response.headers["Cache-Control"]


def test_a_static_file_stays_cacheable_for_a_signed_in_user(
    client, consultant, settings
):
    settings.WHITENOISE_USE_FINDERS = True  # as `make run`; production collects them
    settings.WHITENOISE_AUTOREFRESH = True
    client.force_login(consultant)

    response = client.get("/static/regiowerk/regiowerk.css")
    response.close()  # a file response

    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_the_api_docs_page_allows_only_what_redoc_needs(client, consultant):
    client.force_login(consultant)

    response = client.get(reverse("api-docs"))

    directives = _directives(response)
    assert response.status_code == 200
    assert directives["script-src"] == ["'self'"]  # still no inline script
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["worker-src"] == ["blob:"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_has_inline_script_style_or_event_handler(template):
    text = template.read_text(encoding="utf-8")

    # <script src=...> and JSON data (type="application/json") are allowed
    inline_script = re.search(
        r"<script(?![^>]*\b(src|type=\"application/json\")=?)[^>]*>", text
    )
    assert not inline_script, f"{template}: move the script into a static file"
    if template.name not in DOWNLOADED_DOCUMENTS:
        assert "<style" not in text, f"{template}: move the style into a static file"
    assert not re.search(r"\sstyle=", text), f"{template}: use a class"
    assert not re.search(r"\son[a-z]+=", text), f"{template}: no inline handlers"
    assert "javascript:" not in text


def _production_settings(**environment: str) -> str:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REGIOWERK_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="regiowerk.config.settings.base",
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SECRET_KEY="x" * 60,
        REGIOWERK_BSN_PSEUDONYM_KEY="fresh",
        REGIOWERK_BSN_ENCRYPTION_KEYS="unused-here",
        **environment,
    )
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    result = subprocess.run(  # noqa: S603  (our own interpreter, fixed code)
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.slow
def test_production_redirects_to_https_and_sends_hsts_by_default():
    assert _production_settings() == "True 31536000 True None"


@pytest.mark.slow
def test_https_behind_a_proxy_and_plain_http_for_development_are_configurable():
    assert _production_settings(
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO"
    ).endswith("('HTTP_X_FORWARDED_PROTO', 'https')")
    assert _production_settings(DJANGO_SECURE_COOKIES="false") == "False 0 True None"


def test_an_https_response_carries_hsts_when_configured(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True

    plain = client.get(reverse("login"))
    secure = client.get(reverse("login"), secure=True)

    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")
    assert secure.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


def test_the_browsable_api_allows_inline_styles_but_no_inline_script(consultant):
    api = APIClient()
    api.force_authenticate(consultant)

    page = api.get("/api/v1/persons/", HTTP_ACCEPT="text/html")
    json = api.get("/api/v1/persons/")

    assert page.status_code == 200
    assert _directives(page)["style-src"] == ["'self'", "'unsafe-inline'"]
    assert _directives(page)["script-src"] == ["'self'"]
    assert _directives(json)["style-src"] == ["'self'"]
