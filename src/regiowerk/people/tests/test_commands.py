import io
from datetime import date

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest
from cryptography.fernet import Fernet

from regiowerk.people.bsn import decrypt_bsn
from regiowerk.people.tests.factories import (
    DossierFactory,
    PersonFactory,
    make_bsns,
    register_with_bsn,
)

pytestmark = pytest.mark.django_db


def test_apply_retention_command_anonymises_and_prints_the_counts():
    person = PersonFactory()
    DossierFactory(
        person=person,
        opened_on=date(2019, 1, 1),
        status="closed",
        closed_on=date(2020, 1, 1),
        goals="Oud doel",
    )
    out = io.StringIO()

    call_command("apply_retention", today=date(2026, 1, 1), days=730, stdout=out)

    assert out.getvalue().strip() == "Anonymised 1 dossier(s) and 1 person(s)."
    person.refresh_from_db()
    assert person.is_anonymised


def test_rotate_bsn_keys_re_encrypts_under_the_new_key(consultant):

    number = make_bsns(1, seed=12)[0]
    person = register_with_bsn(consultant, number, bsn_reporting_consent=True)
    new_key = Fernet.generate_key().decode()
    out = io.StringIO()

    with override_settings(
        REGIOWERK_BSN_ENCRYPTION_KEYS=[new_key, *settings.REGIOWERK_BSN_ENCRYPTION_KEYS]
    ):
        call_command("rotate_bsn_keys", stdout=out)

    assert out.getvalue().strip() == "Re-encrypted 1 BSN(s)."
    person.refresh_from_db()
    with override_settings(REGIOWERK_BSN_ENCRYPTION_KEYS=[new_key]):
        assert decrypt_bsn(person.bsn_encrypted) == number


def test_rotate_bsn_keys_changes_nothing_when_a_key_is_missing(consultant):

    person = register_with_bsn(
        consultant, make_bsns(1, seed=13)[0], bsn_reporting_consent=True
    )
    before = person.bsn_encrypted

    with (
        override_settings(
            REGIOWERK_BSN_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]
        ),
        pytest.raises(CommandError),
    ):
        call_command("rotate_bsn_keys", stdout=io.StringIO())

    person.refresh_from_db()
    assert person.bsn_encrypted == before
