"""Password rules: 12 characters, no product or organisation name, no common Dutch one."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from regiowerk.organisations.passwords import (
    COMMON_PASSWORDS_FILE,
    common_dutch_passwords,
    letters_of,
)
from regiowerk.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def refusals(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


def test_a_long_unguessable_passphrase_is_accepted():
    OrganisationFactory(name="Gemeente Veenstad")

    assert refusals("lange-wandeling-Assen-42") == []


def test_eleven_characters_are_too_short():
    assert refusals("Zq8#mW2!pLx") == ["password_too_short"]
    assert refusals("Zq8#mW2!pLxy") == []


@pytest.mark.parametrize(
    "password", ["Regiowerk2026!!", "mijn-REGIOWERK-login", "r.e.g.i.o.w.e.r.k.1"]
)
def test_the_products_name_is_refused_however_it_is_written(password):
    assert refusals(password) == ["password_contains_name"]


@pytest.mark.parametrize(
    "password",
    ["GemeenteVeenstad1", "veenstad-2026-herfst", "Hondsrug#Hondsrug1"],
)
def test_an_organisations_name_or_its_distinctive_word_is_refused(password):
    OrganisationFactory(name="Gemeente Veenstad")
    OrganisationFactory(name="Loopbaanhuis Hondsrug")

    assert refusals(password) == ["password_contains_name"]


def test_a_generic_word_of_an_organisation_name_alone_is_not_refused():
    OrganisationFactory(name="Gemeente Veenstad")

    assert "password_contains_name" not in refusals("gemeentehuis-bij-de-brug-7")


@pytest.mark.parametrize(
    "password",
    [
        "Wachtwoord123!",
        "Welkom2026!!!",
        "feyenoord1908!",
        "Zomervakantie2025",
        "ÁJAX-ajax-12",
    ],
)
def test_common_dutch_passwords_with_digits_and_punctuation_are_refused(password):
    assert "password_too_common" in refusals(password)


def test_the_list_of_common_dutch_passwords_ships_with_the_code():
    words = common_dutch_passwords()

    assert COMMON_PASSWORDS_FILE.is_file()
    assert {"wachtwoord", "welkom", "geheim", "voetbal"} <= words
    assert all(word == letters_of(word) and word for word in words)


def test_the_messages_are_dutch():
    OrganisationFactory(name="Gemeente Veenstad")

    with translation.override("nl"):
        with pytest.raises(ValidationError) as short:
            validate_password("Veenstad1")
        with pytest.raises(ValidationError) as common:
            validate_password("Wachtwoord123!")

    assert "Dit wachtwoord is te kort" in " ".join(short.value.messages)
    assert "Het wachtwoord mag de naam Gemeente Veenstad niet bevatten." in (
        short.value.messages
    )
    assert any("veelgebruikt Nederlands wachtwoord" in m for m in common.value.messages)
