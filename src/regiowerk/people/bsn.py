"""BSN protection: keyed pseudonym for linkage, Fernet encryption for consented reporting.

- ``pseudonymise_bsn``: HMAC-SHA256 with REGIOWERK_BSN_PSEUDONYM_KEY over the normalised
  BSN. The same BSN gives the same pseudonym in every organisation, which is what lets
  partners detect a duplicate registration without ever comparing plain numbers.
- ``encrypt_bsn``/``decrypt_bsn``: MultiFernet over REGIOWERK_BSN_ENCRYPTION_KEYS (newest
  first). Old tokens keep decrypting after a new key is put in front; ``rotate_bsn_token``
  re-encrypts a token under the newest key.

Callers pass a BSN already validated with rules.is_valid_bsn. Nothing here logs.
"""

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from regiowerk.people.rules import normalise_bsn

__all__ = [
    "InvalidToken",
    "decrypt_bsn",
    "encrypt_bsn",
    "pseudonymise_bsn",
    "rotate_bsn_token",
]


def pseudonymise_bsn(bsn: str) -> str:
    """The stable keyed pseudonym (64 hex characters) of ``bsn``."""
    key = settings.REGIOWERK_BSN_PSEUDONYM_KEY.encode()
    return hmac.new(key, normalise_bsn(bsn).encode(), hashlib.sha256).hexdigest()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise RuntimeError("REGIOWERK_BSN_ENCRYPTION_KEYS is empty.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _current_fernet() -> MultiFernet:
    return _fernet(tuple(settings.REGIOWERK_BSN_ENCRYPTION_KEYS))


def encrypt_bsn(bsn: str) -> str:
    """A Fernet token (text) for ``bsn``, under the newest key."""
    return _current_fernet().encrypt(normalise_bsn(bsn).encode()).decode()


def decrypt_bsn(token: str) -> str:
    """The BSN inside ``token``; raises InvalidToken when no configured key fits."""
    return _current_fernet().decrypt(token.encode()).decode()


def rotate_bsn_token(token: str) -> str:
    """Re-encrypt ``token`` under the newest key (after a key was added in front)."""
    return _current_fernet().rotate(token.encode()).decode()
