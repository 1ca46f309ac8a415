"""No plain BSN anywhere: database, logs, API responses, exports, import reports, pages.

The test registers people with BSNs generated at run time, through the actions, the
API, the import and the web form, and exercises the error paths (wrong and duplicate
BSNs). Then it scans everything a BSN could leak into for each number, in every form
that would reveal it: the digits with or without separators, an 8-digit form without
the leading zero, base64/hex encodings and an unkeyed SHA-256 (reversible by trying
all 10^9 numbers, so as bad as plain text).
"""

import base64
import hashlib
import json
import logging
import random
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.people import actions
from regiowerk.people.constants import ConsentPurpose, ContactType
from regiowerk.people.imports import import_persons
from regiowerk.people.models import Person
from regiowerk.people.tests.factories import make_bsn, register_with_bsn

pytestmark = pytest.mark.django_db


def _forms(bsn: str) -> dict[str, re.Pattern[str]]:
    """Patterns that would reveal ``bsn``, by name."""
    patterns = {
        "digits": r"[\s.\-]?".join(bsn),
        "base64": re.escape(base64.b64encode(bsn.encode()).decode().rstrip("=")),
        "hex": bsn.encode().hex(),
        "sha256": hashlib.sha256(bsn.encode()).hexdigest(),
    }
    if bsn.startswith("0"):
        # Excel drops a leading zero; the 8 digits alone would identify the person.
        patterns["eight digits"] = r"(?<!\d)" + bsn[1:] + r"(?!\d)"
    return {name: re.compile(p, re.IGNORECASE) for name, p in patterns.items()}


def _leaks(text: str, numbers: list[str]) -> list[str]:
    """Which numbers leak and how (named by their masked form, so a failure report
    does not print the number itself)."""
    return [
        f"*****{number[-4:]} as {name}"
        for number in numbers
        for name, pattern in _forms(number).items()
        if pattern.search(text)
    ]


def _database_dump() -> str:
    """Every row of every table, every column, as text."""
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names come from the database itself
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = (
                            bytes(value).hex() + " " + bytes(value).decode("latin-1")
                        )
                    chunks.append(f"{table}:{value}")
    return "\n".join(chunks)


def _wrong(bsn: str) -> str:
    """The same number with its last digit changed: fails the elfproef."""
    return bsn[:8] + str((int(bsn[8]) + 1) % 10)


def test_no_plain_bsn_in_database_logs_api_responses_exports_or_pages(
    consultant,
    partner_consultant,
    partner,
    organisation,
    make_actor,
    caplog,
    client,
    api_client_for,
):
    caplog.set_level(logging.DEBUG)
    rng = random.Random()  # a fresh set of numbers every run
    numbers: list[str] = []
    while len(numbers) < 12:
        candidate = make_bsn(rng)
        if candidate not in numbers:
            numbers.append(candidate)
    # An old 8-digit BSN (leading zero) must be covered too.
    while not numbers[-1].startswith("0") or numbers[-1][1] == "0":
        numbers[-1] = make_bsn(rng)
    wrong_numbers = [_wrong(n) for n in numbers[:3]]
    outputs: list[str] = []  # every response, export and report produced

    # --- actions -------------------------------------------------------------------------
    registered = []
    for i, number in enumerate(numbers[:4]):
        result = actions.register_person(
            actor=consultant,
            first_name="Test",
            last_name=f"Persoon{i}",
            labour_status="job_seeker",
            birth_date=date(1970, 1, 1 + i),
            bsn=number,
            bsn_reporting_consent=i % 2 == 0,
        )
        registered.append(result.person)
    twin = actions.register_person(  # the same BSN at another partner
        actor=partner_consultant,
        first_name="Test",
        last_name="Tweeling",
        labour_status="employed",
        bsn=numbers[0],
    )
    outputs += twin.notices
    later = actions.register_person(
        actor=consultant,
        first_name="Later",
        last_name="BSN",
        labour_status="job_seeker",
    ).person
    actions.update_person(
        actor=consultant, person=later, version=1, changes={}, bsn=numbers[4]
    )
    actions.give_consent(
        actor=consultant,
        person=registered[1],
        purpose=ConsentPurpose.BSN_REPORTING,
        bsn=numbers[1],
    )
    withdrawn = registered[2].consents.get(purpose=ConsentPurpose.BSN_REPORTING)
    actions.withdraw_consent(actor=consultant, consent=withdrawn)
    for bad in [*wrong_numbers, numbers[0]]:  # invalid, and a duplicate in the org
        with pytest.raises(ValidationError) as excinfo:
            register_with_bsn(consultant, bad, first_name="Fout", last_name="BSN")
        outputs.append(repr(excinfo.value) + str(excinfo.value.message_dict))
    dossier = actions.open_dossier(actor=consultant, person=registered[0])
    actions.record_contact(
        actor=consultant,
        dossier=dossier,
        type=ContactType.PHONE,
        occurred_at=timezone.now(),
        notes="Gebeld over de intake",
    )

    # --- API ------------------------------------------------------------------------------
    api = api_client_for(consultant)
    api_ids = []
    for i, number in enumerate(numbers[5:8]):
        response = api.post(
            "/api/v1/persons/create/",
            {
                "first_name": "Api",
                "last_name": f"Persoon{i}",
                "labour_status": "ww_benefit",
                "bsn": f"{number[:4]}.{number[4:6]}.{number[6:]}",
                "bsn_reporting_consent": i == 0,
            },
            format="json",
        )
        assert response.status_code == 201
        api_ids.append(response.json()["id"])
        outputs.append(response.content.decode())
    for bad in [wrong_numbers[0], numbers[5]]:
        response = api.post(
            "/api/v1/persons/create/",
            {
                "first_name": "A",
                "last_name": "B",
                "labour_status": "employed",
                "bsn": bad,
            },
            format="json",
        )
        assert response.status_code == 400
        outputs.append(response.content.decode())
    response = api.post(
        f"/api/v1/persons/{api_ids[1]}/consents/create/",
        {"purpose": "bsn_reporting", "bsn": numbers[6]},
        format="json",
    )
    assert response.status_code == 201
    outputs.append(response.content.decode())
    for person_id in [*api_ids, *(str(p.pk) for p in registered)]:
        for path in ("", "export/", "consents/", "dossiers/", "labour-status/"):
            response = api.get(f"/api/v1/persons/{person_id}/{path}")
            assert response.status_code == 200
            outputs.append(response.content.decode())
    outputs.append(api.get("/api/v1/persons/").content.decode())
    for lookup in (
        numbers[5],
        wrong_numbers[0],
        numbers[11],
    ):  # found, invalid, unknown
        response = api.post("/api/v1/persons/find-by-bsn/", {"bsn": lookup})
        outputs.append(response.content.decode())
    outputs.append(api.get("/api/v1/schema/").content.decode())

    # --- import -----------------------------------------------------------------------------
    rows = [
        "first_name;last_name;labour_status;bsn;bsn_reporting_consent",
        f"Import;Een;job_seeker;{numbers[8]};ja",
        f"Import;Twee;job_seeker;{numbers[9]};nee",
    ]
    report = import_persons(
        "\n".join(rows).encode(), actor=consultant, filename="a.csv"
    )
    assert report.ok
    bad_rows = [
        rows[0],
        f"Fout;Een;job_seeker;{wrong_numbers[1]};",
        f"X;Y;employed;{numbers[8]};",
    ]
    bad_report = import_persons(
        "\n".join(bad_rows).encode(), actor=consultant, filename="b.csv"
    )
    assert not bad_report.ok
    outputs += [report.as_text(), bad_report.as_text()]

    # --- exports -----------------------------------------------------------------------------
    for person in Person.objects.filter(organisation=organisation):
        outputs.append(
            json.dumps(actions.export_person(actor=consultant, person=person))
        )

    # --- web pages (the people-UI engineer's views, reached as a user would) -----------------
    client.force_login(consultant.user)
    session = client.session
    session["organisation_id"] = organisation.pk
    session.save()
    for person in Person.objects.filter(organisation=organisation):
        response = client.get(reverse("person-detail", kwargs={"person_id": person.pk}))
        assert response.status_code == 200
        outputs.append(response.content.decode())
    outputs.append(client.get(reverse("person-list")).content.decode())
    for bad in [wrong_numbers[2], numbers[10], numbers[0]]:
        response = client.post(
            reverse("person-create"),
            {
                "first_name": "Web",
                "last_name": "Form",
                "labour_status": "employed",
                "bsn": bad,
            },
        )
        outputs.append(response.content.decode())

    # --- erasure, then the scan ----------------------------------------------------------------
    actions.erase_person(
        actor=make_actor(organisation, Role.PROJECT_LEADER), person=registered[3]
    )
    outputs.append(
        json.dumps(actions.export_person(actor=consultant, person=registered[3]))
    )

    every_number = [*numbers, *wrong_numbers]
    assert Person.objects.exclude(bsn_pseudonym="").count() >= 10  # BSNs were stored
    assert Person.objects.exclude(bsn_encrypted=None).exists()  # and some encrypted
    assert _leaks(_database_dump(), every_number) == []
    assert _leaks("\n".join(r.getMessage() for r in caplog.records), every_number) == []
    assert _leaks(caplog.text, every_number) == []
    assert _leaks("\n".join(outputs), every_number) == []


def test_the_scan_would_find_a_leak():
    """Guard against a scan that can never fail."""
    number = make_bsn(random.Random(1))
    assert _leaks(f"bsn {number[:3]} {number[3:6]} {number[6:]}", [number])
    assert _leaks(base64.b64encode(number.encode()).decode(), [number])
    assert _leaks(hashlib.sha256(number.encode()).hexdigest(), [number])
    assert not _leaks("*****" + number[-4:], [number])


def test_the_database_scan_sees_every_table(organisation, make_actor):
    analyst = make_actor(organisation, Role.ANALYST)
    dump = _database_dump()
    assert analyst.user.username in dump
    assert organisation.name in dump
