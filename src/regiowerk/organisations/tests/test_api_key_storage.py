"""API keys are stored as their SHA-256 only: a copy of the database authenticates
nobody, the key shown once (page, admin, command) does, a revoked or replaced one does
not, keys made before keep working after the migration, and no key appears in the
database, an admin page, a log or an error report."""

import importlib
import io
import logging
import re
import secrets
import sys
from datetime import UTC, datetime
from types import SimpleNamespace

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.debug import technical_500_response

import pytest

from regiowerk.organisations import actions, api_keys
from regiowerk.organisations.models import ApiToken
from regiowerk.organisations.tests.factories import make_user

pytestmark = pytest.mark.django_db

API = "/api/v1/services/"
KEY_ON_PAGE = re.compile(r'<code class="api-key">(rw_[0-9a-f]{64})</code>')


def _status(key: str) -> int:
    return Client().get(API, HTTP_AUTHORIZATION=f"Token {key}").status_code


def _database_text() -> str:
    """Every stored API-token row as text."""
    return repr(list(ApiToken.objects.values()))


def test_the_database_keeps_only_the_digest_and_a_leaked_row_authenticates_nobody():
    user = make_user()
    token, key = actions.create_api_token(user=user)

    assert re.fullmatch(r"rw_[0-9a-f]{64}", key)
    assert key not in _database_text()
    assert key[3:] not in _database_text()
    assert token.digest == api_keys.digest(key) != key
    assert _status(key) == 200
    # Whatever is in the row, sent as a key, is refused.
    for leaked in (token.digest, str(token.pk), f"{user.pk}"):
        assert _status(leaked) == 401


def test_every_key_is_new_and_a_replaced_or_revoked_key_fails():
    user = make_user()
    _token, first = actions.create_api_token(user=user)
    _token, second = actions.create_api_token(user=user)

    assert first != second
    assert (_status(first), _status(second)) == (401, 200)
    assert ApiToken.objects.filter(user=user).count() == 1

    assert actions.revoke_api_token(user=user) is True
    assert _status(second) == 401
    assert actions.revoke_api_token(user=user) is False


def test_a_key_of_an_inactive_user_fails():
    user = make_user()
    _token, key = actions.create_api_token(user=user)
    user.is_active = False
    user.save()

    assert _status(key) == 401


@pytest.mark.parametrize(
    "header",
    ["Token", "Token a b", "Token " + "f" * 5000, "Token rw_" + "0" * 64, "Token é"],
)
def test_a_malformed_or_unknown_key_is_a_401_not_a_500(header):
    make_user()
    response = Client().get(API, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_the_admin_makes_a_key_shown_once_and_never_shows_a_key_or_digest(
    admin_client,
):
    user = make_user()
    _token, old = actions.create_api_token(user=user)
    add = reverse("admin:organisations_apitoken_add")

    made = admin_client.post(add, {"user": user.pk})

    assert made.status_code == 200  # the key on this response, not in a redirect
    assert "no-store" in made["Cache-Control"]
    (key,) = KEY_ON_PAGE.findall(made.content.decode())
    assert (_status(key), _status(old)) == (200, 401)
    token = ApiToken.objects.get(user=user)
    pages = [
        admin_client.get(reverse("admin:organisations_apitoken_changelist")),
        admin_client.get(
            reverse("admin:organisations_apitoken_change", args=[token.pk])
        ),
        admin_client.get(
            reverse("admin:organisations_apitoken_delete", args=[token.pk])
        ),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert key not in text and token.digest not in text
        assert user.username in text
    # The admin cannot change a token (only add a new one or delete it).
    admin_client.post(
        reverse("admin:organisations_apitoken_change", args=[token.pk]),
        {"user": make_user().pk},
    )
    assert ApiToken.objects.get(pk=token.pk).user == user

    admin_client.post(
        reverse("admin:organisations_apitoken_delete", args=[token.pk]),
        {"post": "yes"},
    )
    assert _status(key) == 401


def test_the_command_prints_a_working_key_once_and_revokes_it():
    user = make_user()
    out, err = io.StringIO(), io.StringIO()

    call_command("api_token", user.username, stdout=out, stderr=err)

    key = out.getvalue().strip()
    assert re.fullmatch(r"rw_[0-9a-f]{64}", key)
    assert "only this once" in err.getvalue()
    assert _status(key) == 200

    call_command("api_token", user.username, "--revoke", stdout=io.StringIO())
    assert _status(key) == 401


def test_the_command_names_an_unknown_user():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no user with that user name"):
        call_command("api_token", "niemand", stdout=io.StringIO())


LEGACY = "authtoken_token"


@pytest.fixture
def legacy_table():
    """The table of Django REST framework's ``Token`` as a database made before holds
    it (that app is no longer installed, so a fresh database has none)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {LEGACY} (key varchar(40) PRIMARY KEY, "
            "created timestamp with time zone NOT NULL, user_id integer NOT NULL)"
            if connection.vendor == "postgresql"
            else f"CREATE TABLE {LEGACY} (key varchar(40) PRIMARY KEY, "
            "created datetime NOT NULL, user_id integer NOT NULL)"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {LEGACY}")


def _migrate_legacy() -> None:
    migration = importlib.import_module(
        "regiowerk.organisations.migrations.0004_hash_existing_api_tokens"
    )
    # The function reads only the editor's connection (SQLite refuses a schema editor
    # inside the test's transaction).
    migration.hash_legacy_keys(apps, SimpleNamespace(connection=connection))


def test_the_migration_hashes_the_keys_made_before_so_they_keep_working(legacy_table):
    user, other, has_new = make_user(), make_user(), make_user()
    old_key, other_key = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", "a" * 40
    made_on = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    _token, new_key = actions.create_api_token(user=has_new)
    with connection.cursor() as cursor:
        for key, owner in ((old_key, user), (other_key, other), ("b" * 40, has_new)):
            cursor.execute(
                "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
                [key, made_on, owner.pk],
            )

    _migrate_legacy()
    _migrate_legacy()  # run twice: nothing changes

    assert (_status(old_key), _status(other_key)) == (200, 200)
    assert (_status("b" * 40), _status(new_key)) == (401, 200)  # the newer key stays
    assert ApiToken.objects.get(user=user).created == made_on
    assert ApiToken.objects.count() == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0  # no plain key left behind
    assert old_key not in _database_text()


def test_the_migration_does_nothing_on_a_fresh_database():
    assert LEGACY not in connection.introspection.table_names()

    _migrate_legacy()

    assert ApiToken.objects.count() == 0


def test_no_key_in_the_log_of_a_refused_call(caplog):
    user = make_user()
    _token, key = actions.create_api_token(user=user)
    actions.revoke_api_token(user=user)

    with caplog.at_level(logging.DEBUG):
        assert _status(key) == 401
        assert _status(key[:-1] + "0") == 401

    assert key not in caplog.text
    assert key[:-1] not in caplog.text


def _crash_while_authenticating(key: str):
    auth = [b"Token", key.encode()]  # as DRF holds the header
    presented = key
    raise RuntimeError(f"lost the database while checking {presented} ({auth})")


@pytest.mark.parametrize("debug", [True, False])
def test_no_key_on_the_error_page(settings, debug):
    settings.DEBUG = debug
    user = make_user()
    _token, key = actions.create_api_token(user=user)
    legacy = secrets.token_hex(20)  # a key made before (not in the source shown)
    request = RequestFactory().get(API, HTTP_AUTHORIZATION=f"Token {key}")
    for shown in (key, legacy):
        try:
            _crash_while_authenticating(shown)
        except RuntimeError:
            page = technical_500_response(request, *sys.exc_info()).content.decode()

        assert "_crash_while_authenticating" in page  # it is the report
        assert shown not in page
        assert shown[3:] not in page
