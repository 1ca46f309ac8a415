"""Test settings: hermetic (ignores .env); DATABASE_URL may still select PostgreSQL."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("REGIOWERK_BSN_PSEUDONYM_KEY", "test-only-pseudonym-key")
# Off for the suite; organisations/tests/test_two_factor.py tests it switched on.
os.environ.setdefault("REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS", "false")
os.environ.setdefault(
    "REGIOWERK_BSN_ENCRYPTION_KEYS", "dGVzdC1vbmx5LW5vdC1zZWNyZXQta2V5LTAwMDAwMDA="
)

from .base import *  # noqa: F403
from .base import DATABASES, REST_FRAMEWORK

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher"
]  # speed; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
LANGUAGE_CODE = "nl"
# The early warning is the rules' unless a test stores a model (a file in tmp_path).
PLACEMENT_RISK_MODEL = None
# The test keys and SQLite are what these settings are for: the startup check that
# refuses them in production (common.checks) is tested on its own.
SILENCED_SYSTEM_CHECKS = [
    "regiowerk.E001",
    "regiowerk.E002",
    "regiowerk.E003",
    "regiowerk.E004",
]
