"""The data export as the person reads it (AVG art. 15): field names, choice labels,
names of organisations, services, events and users, written-out dates — no ids, no
codes, no BSN — in the downloaded document, the downloaded JSON and the API; a fixed
number of queries whatever the number of records."""

import json
import re
from datetime import timedelta

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.people import actions
from regiowerk.people.constants import ConsentPurpose, ContactType
from regiowerk.people.tests import other_apps
from regiowerk.people.tests.factories import make_bsn, register_with_bsn

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
EXPORTED_MODELS = (
    "people.Person",
    "people.Dossier",
    "people.PlanAction",
    "people.ContactMoment",
    "people.Consent",
    "people.LabourStatusObservation",
    "people.AccessLog",
    "services.Enrolment",
    "services.Attendance",
    "services.EventRegistration",
    "matching.PersonOccupation",
    "matching.PersonSkill",
)


def _casework(consultant, person, partner, *, times=1, tag=""):
    dossier = actions.open_dossier(actor=consultant, person=person)
    actions.record_intake(
        actor=consultant,
        dossier=dossier,
        version=1,
        answers={"has_debts": True, "wishes": "Zorg"},
    )
    for n in range(times):
        actions.add_plan_action(
            actor=consultant, dossier=dossier, description=f"Sollicitatietraining {n}"
        )
        actions.record_contact(
            actor=consultant,
            dossier=dossier,
            type=ContactType.INTAKE,
            occurred_at=timezone.now() - timedelta(hours=n + 1),
            notes=f"Intakegesprek {n}",
        )
        enrolment = other_apps.enrolment(person, service_name=f"Loopbaanscan{tag}{n}")
        other_apps.attendance(enrolment)
        other_apps.event_registration(person)
        other_apps.occupation_link(person, label=f"Heftruckchauffeur{tag}{n}")
    actions.give_consent(
        actor=consultant, person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    return dossier


def _values(export):
    """Every (field name, value) of the export, at any depth."""
    found = []

    def walk(parts):
        for part in parts:
            for record in part["records"]:
                found.extend(record["fields"].items())
                walk(record["parts"])

    walk(export["sections"])
    return found


def _section(export, title):
    return next(s for s in export["sections"] if s["title"] == title)


@pytest.fixture
def person_with_bsn(consultant):
    bsn = make_bsn()
    person = register_with_bsn(
        consultant, bsn, first_name="Noor", last_name="Dijk", bsn_reporting_consent=True
    )
    return person, bsn


def test_the_export_reads_in_words(consultant, partner, person_with_bsn):
    person, _bsn = person_with_bsn
    _casework(consultant, person, partner)

    export = actions.readable_person_export(actor=consultant, person=person).as_dict()

    details = _section(export, "Persoonsgegevens")["records"][0]["fields"]
    assert details["Voornaam"] == "Noor"
    assert details["Registrerende organisatie"] == consultant.organisation.name
    assert details["BSN geregistreerd"] == "Ja"
    assert details["Geregistreerd door"] == consultant.user.get_full_name()
    (dossier,) = _section(export, "Dossiers")["records"]
    assert dossier["fields"]["Status"] == "Open"
    assert dossier["fields"]["Verantwoordelijk consulent"] == (
        consultant.user.get_full_name()
    )
    parts = {part["title"]: part for part in dossier["parts"]}
    assert parts["Intake"]["records"][0]["fields"] == {
        "Wensen: soort werk, sector, uren, scholing": "Zorg",
        "Schulden of financiële zorgen": "Ja",
    }
    (contact,) = parts["Contactmomenten"]["records"]
    assert contact["fields"]["Soort"] == "Intake"
    assert contact["fields"]["Status"] == "Gehouden"
    consents = _section(export, "Toestemmingen")["records"]
    assert {c["fields"]["Doel"] for c in consents} == {
        "Delen met een partnerorganisatie",
        "Verantwoording op BSN aan de subsidiegever",
    }
    assert any(c["fields"].get("Partnerorganisatie") == partner.name for c in consents)
    (enrolment,) = _section(export, "Inschrijvingen")["records"]
    assert enrolment["fields"]["Dienst"] == "Loopbaanscan0"
    assert enrolment["fields"]["Ingeschreven op"] == "1 februari 2026"
    assert enrolment["parts"][0]["title"] == "Aanwezigheid"
    assert enrolment["parts"][0]["records"][0]["fields"]["Aanwezig"] == "Ja"
    (registration,) = _section(export, "Aanmeldingen voor bijeenkomsten")["records"]
    assert registration["fields"]["Bijeenkomst"] == "Netwerkbijeenkomst"
    (occupation,) = _section(export, "Beroepen van personen")["records"]
    assert occupation["fields"]["Beroep"] == "Heftruckchauffeur0"
    log = _section(export, "Inzagelogboek")["records"]
    assert log[-1]["fields"]["Wat"] == "export van alle gegevens"
    assert log[-1]["fields"]["Doel"] == "Verzoek van betrokkene (AVG)"


def test_no_id_code_or_bsn_leaks_where_a_word_exists(
    consultant, partner, person_with_bsn
):
    person, bsn = person_with_bsn
    _casework(consultant, person, partner)

    export = actions.readable_person_export(actor=consultant, person=person).as_dict()

    text = json.dumps(export, ensure_ascii=False)
    assert bsn not in text
    assert person.bsn_pseudonym not in text
    assert not UUID.search(text)  # no person, dossier or other record keys
    values = _values(export)
    codes = {
        str(code)
        for label in EXPORTED_MODELS
        for f in apps.get_model(label)._meta.concrete_fields
        for code, shown in f.flatchoices
        if str(code) != str(shown)
    }
    assert [(k, v) for k, v in values if v in codes] == []
    keys = {
        str(pk) for pk in (consultant.organisation.pk, partner.pk, consultant.user.pk)
    }
    assert [(k, v) for k, v in values if v in keys] == []
    assert not [k for k, _ in values if "_" in k or k[:1].islower()]  # no attnames
    assert not [v for _, v in values if re.fullmatch(r"\d{4}-\d\d-\d\d.*", v)]


def test_the_export_takes_the_same_queries_for_one_record_or_many(
    consultant, partner, make_actor
):
    def queries_for(times):
        person = actions.register_person(
            actor=consultant,
            first_name="Sem",
            last_name="Bos",
            labour_status="employed",
        ).person
        _casework(consultant, person, partner, times=times, tag=f"-{times}-")
        with CaptureQueriesContext(connection) as captured:
            actions.readable_person_export(actor=consultant, person=person)
        return len(captured)

    one, three = queries_for(1), queries_for(3)

    assert one == three
    assert one <= 24  # one per kind of record and of related record named


def test_the_web_export_downloads_a_document_and_json_in_words(
    consultant_client, consultant
):
    bsn = make_bsn()
    person = register_with_bsn(
        consultant, bsn, labour_status="ww_benefit", bsn_reporting_consent=True
    )
    url = reverse("person-export", args=[person.pk])

    page = consultant_client.get(url).content.decode()
    document = consultant_client.post(url, {"format": "html"})
    data = consultant_client.post(url, {"format": "json"})

    assert "Export downloaden als document" in page
    assert document["Content-Type"].startswith("text/html")
    # a download (tests/flows/test_security_headers.py lets it carry its own style)
    assert document["Content-Disposition"].startswith("attachment;")
    assert f'filename="persoon-{person.pk}.html"' in document["Content-Disposition"]
    html = document.content.decode()
    assert '<th scope="row">Arbeidsmarktpositie</th><td>WW-uitkering</td>' in html
    assert "ww_benefit" not in html
    assert bsn not in html
    assert f'filename="persoon-{person.pk}.json"' in data["Content-Disposition"]
    body = json.loads(data.content)
    details = _section(body, "Persoonsgegevens")["records"][0]["fields"]
    assert details["Arbeidsmarktpositie"] == "WW-uitkering"
    assert details["BSN geregistreerd"] == "Ja"
    assert bsn not in data.content.decode()


def test_the_api_offers_the_export_in_words_beside_the_machine_readable_one(
    consultant, partner, person_with_bsn, api_client_for
):
    person, bsn = person_with_bsn
    _casework(consultant, person, partner)
    api = api_client_for(consultant)

    readable = api.get(f"/api/v1/persons/{person.pk}/export/readable/")
    machine = api.get(f"/api/v1/persons/{person.pk}/export/")

    assert readable.status_code == 200
    details = _section(readable.json(), "Persoonsgegevens")["records"][0]["fields"]
    assert details["Arbeidsmarktpositie"] == "Werkzoekende"
    assert bsn not in readable.content.decode()
    assert machine.json()["person"]["labour_status"] == "job_seeker"  # as stored
