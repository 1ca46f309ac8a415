"""Production refuses the published development keys and an unintended SQLite."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

import pytest
from cryptography.fernet import Fernet

from regiowerk.common import checks

ROOT = Path(__file__).resolve().parents[4]
FRESH = {
    "SECRET_KEY": "a-fresh-random-secret-key-that-nobody-published-0123456789",
    "REGIOWERK_BSN_PSEUDONYM_KEY": "a-fresh-random-pseudonym-key",
    "REGIOWERK_BSN_ENCRYPTION_KEYS": [Fernet.generate_key().decode()],
}
ALL_IDS = {
    checks.PUBLISHED_SECRET_KEY,
    checks.PUBLISHED_PSEUDONYM_KEY,
    checks.PUBLISHED_ENCRYPTION_KEY,
    checks.UNINTENDED_SQLITE,
}


@pytest.fixture
def production(settings):
    """DEBUG off, fresh keys, PostgreSQL, and the checks not silenced."""
    settings.DEBUG = False
    settings.SILENCED_SYSTEM_CHECKS = []
    for name, value in FRESH.items():
        setattr(settings, name, value)
    settings.REGIOWERK_SINGLE_USER_SQLITE = False
    engine = settings.DATABASES["default"]["ENGINE"]
    settings.DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
    yield settings
    settings.DATABASES["default"]["ENGINE"] = engine


def ids(messages):
    return {message.id for message in messages}


def test_a_production_configuration_with_fresh_keys_and_postgresql_passes(production):
    assert ids(checks.check_unsafe_settings_at_startup()) == set()
    assert ids(checks.check_unsafe_settings_for_deploy()) == set()
    checks.refuse_unsafe_settings()  # does not raise


@pytest.mark.parametrize(
    ("setting", "value", "error"),
    [
        ("SECRET_KEY", "dev-only-not-secret", checks.PUBLISHED_SECRET_KEY),
        ("SECRET_KEY", "test-only-not-secret", checks.PUBLISHED_SECRET_KEY),
        (
            "REGIOWERK_BSN_PSEUDONYM_KEY",
            "dev-only-pseudonym-key",
            checks.PUBLISHED_PSEUDONYM_KEY,
        ),
        (
            "REGIOWERK_BSN_PSEUDONYM_KEY",
            "test-only-pseudonym-key",
            checks.PUBLISHED_PSEUDONYM_KEY,
        ),
        (
            "REGIOWERK_BSN_ENCRYPTION_KEYS",
            [
                Fernet.generate_key().decode(),
                "ZGV2LW9ubHktbm90LXNlY3JldC1rZXktMDAwMDAwMDA=",
            ],
            checks.PUBLISHED_ENCRYPTION_KEY,
        ),
    ],
)
def test_a_published_key_stops_the_start_with_debug_off(
    production, setting, value, error
):
    setattr(production, setting, value)

    assert ids(checks.check_unsafe_settings_at_startup()) == {error}
    with pytest.raises(ImproperlyConfigured, match=error):
        checks.refuse_unsafe_settings()


def test_sqlite_stops_the_start_unless_a_single_user_install_is_intended(production):
    production.DATABASES["default"]["ENGINE"] = "django.db.backends.sqlite3"

    assert ids(checks.check_unsafe_settings_at_startup()) == {checks.UNINTENDED_SQLITE}

    production.REGIOWERK_SINGLE_USER_SQLITE = True

    assert ids(checks.check_unsafe_settings_at_startup()) == set()


def test_check_deploy_fails_on_published_keys_whatever_debug_says(production):
    production.SECRET_KEY = "dev-only-not-secret"
    production.REGIOWERK_BSN_PSEUDONYM_KEY = "dev-only-pseudonym-key"

    for debug in (False, True):
        production.DEBUG = debug
        found = ids(run_checks(include_deployment_checks=True))
        assert {checks.PUBLISHED_SECRET_KEY, checks.PUBLISHED_PSEUDONYM_KEY} <= found
        with pytest.raises(SystemCheckError, match=checks.PUBLISHED_SECRET_KEY):
            call_command("check", "--deploy")


def test_with_debug_on_only_check_deploy_reports_the_development_keys(production):
    production.DEBUG = True
    production.SECRET_KEY = "dev-only-not-secret"

    assert ids(run_checks()) & ALL_IDS == set()  # `make run` starts
    call_command("check")  # does not raise
    assert ids(checks.check_unsafe_settings_for_deploy()) == {
        checks.PUBLISHED_SECRET_KEY
    }


def test_the_test_settings_silence_exactly_these_checks(settings):
    assert set(settings.SILENCED_SYSTEM_CHECKS) == ALL_IDS


def _published_values(text: str, variable: str) -> set[str]:
    # .env.example: NAME=value; settings/*.py: os.environ.setdefault("NAME", "value")
    values = set(re.findall(rf"^{variable}=(\S+)$", text, re.MULTILINE))
    values |= set(re.findall(rf'"{variable}",\s*"([^"]+)"', text))
    return {part for value in values for part in value.split(",")}


@pytest.mark.parametrize(
    ("variable", "listed"),
    [
        ("DJANGO_SECRET_KEY", checks.PUBLISHED_SECRET_KEYS),
        ("REGIOWERK_BSN_PSEUDONYM_KEY", checks.PUBLISHED_PSEUDONYM_KEYS),
        ("REGIOWERK_BSN_ENCRYPTION_KEYS", checks.PUBLISHED_ENCRYPTION_KEYS),
    ],
)
def test_every_key_published_in_the_repository_is_refused(variable, listed):
    published = set()
    for path in [
        ROOT / ".env.example",
        ROOT / "src/regiowerk/config/settings/dev.py",
        ROOT / "src/regiowerk/config/settings/test.py",
    ]:
        published |= _published_values(path.read_text(encoding="utf-8"), variable)

    assert published, f"no published value of {variable} found: update the parser"
    assert published <= listed


def _start_wsgi(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REGIOWERK_", "DATABASE_URL"))
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="regiowerk.config.settings.base")
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-c", "import regiowerk.config.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_the_wsgi_application_does_not_start_on_the_env_example_values():
    result = _start_wsgi(
        DJANGO_SECRET_KEY="dev-only-not-secret",
        REGIOWERK_BSN_PSEUDONYM_KEY="dev-only-pseudonym-key",
        REGIOWERK_BSN_ENCRYPTION_KEYS="ZGV2LW9ubHktbm90LXNlY3JldC1rZXktMDAwMDAwMDA=",
    )

    assert result.returncode != 0
    assert "Refusing to start" in result.stderr
    for error in ALL_IDS:
        assert error in result.stderr


@pytest.mark.slow
def test_the_wsgi_application_starts_with_fresh_keys_on_an_intended_sqlite(tmp_path):
    result = _start_wsgi(
        DJANGO_SECRET_KEY=FRESH["SECRET_KEY"],
        REGIOWERK_BSN_PSEUDONYM_KEY=FRESH["REGIOWERK_BSN_PSEUDONYM_KEY"],
        REGIOWERK_BSN_ENCRYPTION_KEYS=FRESH["REGIOWERK_BSN_ENCRYPTION_KEYS"][0],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REGIOWERK_SINGLE_USER_SQLITE="true",
    )

    assert result.returncode == 0, result.stderr
