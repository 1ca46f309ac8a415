from django.test import override_settings

import pytest
from cryptography.fernet import Fernet

from regiowerk.people import bsn
from regiowerk.people.tests.factories import make_bsns

NUMBER, OTHER = make_bsns(2, seed=11)


def test_the_pseudonym_is_stable_and_ignores_how_the_number_was_typed():
    spaced = f"{NUMBER[:4]} {NUMBER[4:6]}.{NUMBER[6:]}"
    assert bsn.pseudonymise_bsn(NUMBER) == bsn.pseudonymise_bsn(spaced)
    assert bsn.pseudonymise_bsn(NUMBER) != bsn.pseudonymise_bsn(OTHER)
    assert NUMBER not in bsn.pseudonymise_bsn(NUMBER)
    assert len(bsn.pseudonymise_bsn(NUMBER)) == 64


def test_the_pseudonym_depends_on_the_secret_key():
    first = bsn.pseudonymise_bsn(NUMBER)
    with override_settings(REGIOWERK_BSN_PSEUDONYM_KEY="another-key"):
        assert bsn.pseudonymise_bsn(NUMBER) != first


def test_an_encrypted_bsn_decrypts_and_does_not_contain_the_number():
    token = bsn.encrypt_bsn(NUMBER)
    assert NUMBER not in token
    assert bsn.decrypt_bsn(token) == NUMBER


def test_old_tokens_still_decrypt_after_a_new_key_is_put_in_front_and_rotate():
    old_key = Fernet.generate_key().decode()
    new_key = Fernet.generate_key().decode()
    with override_settings(REGIOWERK_BSN_ENCRYPTION_KEYS=[old_key]):
        token = bsn.encrypt_bsn(NUMBER)
    with override_settings(REGIOWERK_BSN_ENCRYPTION_KEYS=[new_key, old_key]):
        assert bsn.decrypt_bsn(token) == NUMBER
        rotated = bsn.rotate_bsn_token(token)
    with override_settings(REGIOWERK_BSN_ENCRYPTION_KEYS=[new_key]):
        assert bsn.decrypt_bsn(rotated) == NUMBER
        with pytest.raises(bsn.InvalidToken):
            bsn.decrypt_bsn(token)
