"""Password validators (AUTH_PASSWORD_VALIDATORS): no product or organisation name, no
common Dutch password.

Both compare the password's letters only, in lower case, so digits and punctuation added
to a guessable word ("Welkom2026!", "Regiowerk#1") do not make it a good password.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PRODUCT_NAME = "regiowerk"
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common_dutch_passwords.txt"
# Words in organisation names that say little about which organisation it is; the
# distinctive words ("Veenstad", "Hondsrug") of a name are refused on their own.
GENERIC_NAME_WORDS = frozenset(
    {
        "gemeente",
        "stichting",
        "werkbedrijf",
        "bedrijf",
        "regio",
        "centrum",
        "college",
        "groep",
        "school",
        "werkplein",
        "loopbaanhuis",
        "and",
        "the",
        "van",
        "het",
        "der",
        "den",
        "voor",
        "noord",
        "zuid",
        "oost",
        "west",
        "fonds",
        "praktijk",
    }
)
_SHORTEST_NAME_WORD = 5


def letters_of(text: str) -> str:
    """Lower-case letters of ``text`` without accents: "Wélkom 2026!" -> "welkom"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z]", "", decomposed)


@cache
def common_dutch_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        letters_of(line) for line in lines if line and not line.startswith("#")
    )


class CommonDutchPasswordValidator:
    """Refuse a common Dutch password, also repeated or with digits or punctuation."""

    def validate(self, password: str, user: Any = None) -> None:
        letters = letters_of(password)
        period = (letters + letters).find(letters, 1)  # "ajaxajax" repeats "ajax"
        if {letters, letters[:period]} & common_dutch_passwords():
            raise ValidationError(
                _(
                    "This password is a common Dutch password, or one with a few digits or "
                    "characters added."
                ),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a common Dutch password.")


def _organisation_names() -> list[str]:
    from regiowerk.organisations.models import Organisation

    return list(Organisation.objects.values_list("name", flat=True))


def _name_parts(name: str) -> set[str]:
    """The whole name and its distinctive words, as letters only."""
    words = {letters_of(word) for word in re.split(r"[\s\-/&,.()]+", name)}
    distinctive = {
        word
        for word in words
        if len(word) >= _SHORTEST_NAME_WORD and word not in GENERIC_NAME_WORDS
    }
    return {letters_of(name)} | distinctive


class NameInPasswordValidator:
    """Refuse a password containing the product's name or an organisation's name.

    Every partner organisation of the installation counts (a user's own organisation is
    not known yet when an administrator creates the account), and so does each
    distinctive word of their names.
    """

    def validate(self, password: str, user: Any = None) -> None:
        letters = letters_of(password)
        if PRODUCT_NAME in letters:
            raise ValidationError(
                _("The password cannot contain the name %(name)s."),
                code="password_contains_name",
                params={"name": PRODUCT_NAME},
            )
        for name in _organisation_names():
            if any(part and part in letters for part in _name_parts(name)):
                raise ValidationError(
                    _("The password cannot contain the name %(name)s."),
                    code="password_contains_name",
                    params={"name": name},
                )

    def get_help_text(self) -> str:
        return _(
            "Your password cannot contain the name regiowerk or the name of an "
            "organisation."
        )
