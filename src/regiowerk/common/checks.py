"""System checks that refuse to run production on published keys or a silent SQLite.

Two registrations of one rule set (docs/configuration.md, "Production refuses unsafe
settings"):

- ``check_unsafe_settings_at_startup`` runs with every management command and at the
  start of the WSGI/ASGI application (``refuse_unsafe_settings``), and reports errors
  only when DEBUG is off: a production process does not start.
- ``check_unsafe_settings_for_deploy`` runs with ``manage.py check --deploy`` and reports
  the same errors when DEBUG is on, so ``check --deploy`` fails on a development
  configuration too (with DEBUG off the startup check already reports them).
"""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# Values published in this repository (.env.example, settings/dev.py, settings/test.py):
# anyone can read them, so with one of these every BSN pseudonym can be recomputed and
# every stored BSN decrypted from a copy of the database. A test keeps this list in step
# with those files.
PUBLISHED_SECRET_KEYS = frozenset({"dev-only-not-secret", "test-only-not-secret"})
PUBLISHED_PSEUDONYM_KEYS = frozenset(
    {"dev-only-pseudonym-key", "test-only-pseudonym-key"}
)
PUBLISHED_ENCRYPTION_KEYS = frozenset(
    {
        "ZGV2LW9ubHktbm90LXNlY3JldC1rZXktMDAwMDAwMDA=",
        "dGVzdC1vbmx5LW5vdC1zZWNyZXQta2V5LTAwMDAwMDA=",
    }
)

PUBLISHED_SECRET_KEY = "regiowerk.E001"  # noqa: S105  (a check id, not a key)
PUBLISHED_PSEUDONYM_KEY = "regiowerk.E002"
PUBLISHED_ENCRYPTION_KEY = "regiowerk.E003"
UNINTENDED_SQLITE = "regiowerk.E004"


def unsafe_settings() -> list[checks.CheckMessage]:
    """Errors for each published key and for an SQLite database nobody asked for."""
    errors: list[checks.CheckMessage] = []
    if settings.SECRET_KEY in PUBLISHED_SECRET_KEYS:
        errors.append(
            checks.Error(
                "DJANGO_SECRET_KEY is a development value published in this repository.",
                hint="Set a fresh random value (docs/configuration.md).",
                id=PUBLISHED_SECRET_KEY,
            )
        )
    if settings.REGIOWERK_BSN_PSEUDONYM_KEY in PUBLISHED_PSEUDONYM_KEYS:
        errors.append(
            checks.Error(
                "REGIOWERK_BSN_PSEUDONYM_KEY is a development value published in this "
                "repository: every BSN could be recovered from a copy of the database.",
                hint="Set a fresh random value before the first BSN is stored.",
                id=PUBLISHED_PSEUDONYM_KEY,
            )
        )
    if PUBLISHED_ENCRYPTION_KEYS.intersection(settings.REGIOWERK_BSN_ENCRYPTION_KEYS):
        errors.append(
            checks.Error(
                "REGIOWERK_BSN_ENCRYPTION_KEYS contains a development key published in "
                "this repository.",
                hint="Generate a new Fernet key (docs/configuration.md).",
                id=PUBLISHED_ENCRYPTION_KEY,
            )
        )
    engine = settings.DATABASES["default"]["ENGINE"]
    if (
        engine == "django.db.backends.sqlite3"
        and not settings.REGIOWERK_SINGLE_USER_SQLITE
    ):
        errors.append(
            checks.Error(
                "The database is SQLite (DATABASE_URL is not set or names SQLite).",
                hint=(
                    "Set DATABASE_URL to PostgreSQL, or REGIOWERK_SINGLE_USER_SQLITE=true "
                    "if a single-user SQLite install is intended."
                ),
                id=UNINTENDED_SQLITE,
            )
        )
    return errors


@checks.register(checks.Tags.security)
def check_unsafe_settings_at_startup(**kwargs: Any) -> list[checks.CheckMessage]:
    return [] if settings.DEBUG else unsafe_settings()


@checks.register(checks.Tags.security, deploy=True)
def check_unsafe_settings_for_deploy(**kwargs: Any) -> list[checks.CheckMessage]:
    return unsafe_settings() if settings.DEBUG else []


def refuse_unsafe_settings() -> None:
    """Stop a WSGI/ASGI start on a serious security check (servers run no checks)."""
    serious = [
        message
        for message in checks.run_checks(tags=[checks.Tags.security])
        if message.is_serious() and not message.is_silenced()
    ]
    if serious:
        raise ImproperlyConfigured(
            "Refusing to start:\n" + "\n".join(str(message) for message in serious)
        )
