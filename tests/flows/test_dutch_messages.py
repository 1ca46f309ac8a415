"""Messages read as Dutch: real plurals (ngettext, never "rij(en)"), Dutch dates, Dutch
password rules."""

import re
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from regiowerk.common.imports import ImportReport, RowError
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services import actions as service_actions
from regiowerk.services.tests.factories import ServiceFactory, make_actor

PO_FILE = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "regiowerk"
    / "locale"
    / "nl"
    / "LC_MESSAGES"
    / "django.po"
)
# "rij(en)", "vaardighe(i)d(en)", "keuze(s)", "row(s)": a plural written as a guess
GUESSED_PLURAL = re.compile(r"\w\((?:en|s|i|e|n)\)")


def test_no_message_guesses_its_plural():
    text = PO_FILE.read_text(encoding="utf-8")
    messages = re.findall(
        r'^(?:msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', text, re.M
    )

    guessed = sorted({m for m in messages if GUESSED_PLURAL.search(m)})

    assert not guessed, f"use ngettext for these: {guessed}"


@pytest.mark.parametrize(
    ("rows", "errors", "dry_run", "summary"),
    [
        (
            1,
            0,
            True,
            "De ene rij is geldig (alleen gecontroleerd: er is niets geïmporteerd).",
        ),
        (
            3,
            0,
            True,
            "Alle 3 rijen zijn geldig (alleen gecontroleerd: er is niets geïmporteerd).",
        ),
        (1, 1, False, "1 fout in 1 rij; er is niets geïmporteerd."),
        (4, 2, False, "2 fouten in 4 rijen; er is niets geïmporteerd."),
    ],
)
def test_the_import_summary_has_dutch_plurals(rows, errors, dry_run, summary):
    result = ImportReport(row_count=rows, dry_run=dry_run)
    result.errors = [RowError(row=n, field=None, message="x") for n in range(errors)]

    assert result.summary() == summary


def test_the_import_summary_counts_imported_rows_in_dutch():
    assert ImportReport(row_count=1, created=1).summary() == "1 rij geïmporteerd."
    assert ImportReport(row_count=2, created=2).summary() == "2 rijen geïmporteerd."


@pytest.mark.django_db
def test_a_date_in_an_error_message_is_written_the_dutch_way(organisation):
    consultant = make_actor(organisation, Role.CONSULTANT)
    service = ServiceFactory(provider=organisation, active_from=date(2099, 3, 5))
    person = PersonFactory(organisation=organisation)

    with pytest.raises(ValidationError) as excinfo:
        service_actions.enrol_person(actor=consultant, person=person, service=service)

    message = excinfo.value.message_dict["service"][0]
    assert re.search(r"\d{1,2} \w+ \d{4}", message), message
    assert not re.search(r"\d{4}-\d{2}-\d{2}", message), message


@pytest.mark.django_db
def test_a_weak_initial_password_is_refused_in_dutch(client, organisation):
    client.force_login(make_user(organisation=organisation, role=Role.ADMINISTRATOR))

    response = client.post(
        reverse("user-create"),
        {
            "username": "anoukbakker",
            "first_name": "Anouk",
            "last_name": "Bakker",
            "password": "anoukbakker1",
            "roles": [Role.CONSULTANT],
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Het wachtwoord lijkt te veel op de gebruikersnaam." in page
