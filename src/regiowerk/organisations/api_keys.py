"""Personal API keys, kept only as a digest.

A key is 256 random bits from :mod:`secrets`, written ``rw_`` and 64 hexadecimal
digits (the prefix lets a log scrubber or a secret scanner recognise one). The
database holds only the SHA-256 of the key (:class:`ApiToken.digest`): a copy of the
database, a backup or an admin page gives no key that works. A plain hash suffices for
a key of this entropy (it cannot be guessed from its hash), and is not keyed with
``DJANGO_SECRET_KEY``, so rotating that secret does not lock out every integration.
Keys made before (40 hexadecimal digits, by Django REST framework) were hashed the same
way by a data migration and keep working.

A call authenticates as before, ``Authorization: Token <key>``: the presented key is
hashed and its digest looked up (:class:`ApiKeyAuthentication`).
"""

import hashlib
import hmac
import secrets
from typing import Any

from django.utils.translation import gettext_lazy as _

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

KEY_PREFIX = "rw_"
# The longest key worth hashing: a longer value is no key of ours.
MAX_KEY_LENGTH = 200


def new_key() -> str:
    """A fresh key: ``rw_`` and 256 random bits in hexadecimal."""
    return KEY_PREFIX + secrets.token_hex(32)


def digest(key: str) -> str:
    """What is stored of ``key``: its SHA-256, in hexadecimal."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def same_digest(stored: str, presented: str) -> bool:
    """Compare two digests in constant time."""
    return hmac.compare_digest(stored.encode(), presented.encode())


class ApiKeyAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, checked against the stored digests.

    The presented key is always hashed before anything is looked up, and the row found
    is compared again with :func:`hmac.compare_digest`; the lookup itself is by digest,
    so how long it takes says nothing about any stored key.
    """

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        from regiowerk.organisations.queries import api_token_for_key

        token = api_token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid API key."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
