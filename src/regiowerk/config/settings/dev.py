"""Development settings: read .env, set developer defaults, then load base."""

import os
from pathlib import Path

import environ

environ.Env.read_env(
    Path(__file__).resolve().parents[4] / ".env"
)  # never overrides real env
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
os.environ.setdefault(
    "DJANGO_SECURE_COOKIES", "false"
)  # the dev server speaks plain http
os.environ.setdefault("REGIOWERK_BSN_PSEUDONYM_KEY", "dev-only-pseudonym-key")
# The demo administrator logs in with the printed password alone (docs/configuration.md).
os.environ.setdefault("REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS", "false")
# A fixed, public development Fernet key: never use it for real data.
os.environ.setdefault(
    "REGIOWERK_BSN_ENCRYPTION_KEYS", "ZGV2LW9ubHktbm90LXNlY3JldC1rZXktMDAwMDAwMDA="
)

from .base import *  # noqa: E402, F403
