"""The contributions registry: export, erasure and the dossier page reach other apps'
data only through what those apps registered, and the system check catches a model
that names a person without a registered contribution."""

from django.core import checks
from django.db import connection
from django.urls import reverse

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user
from regiowerk.people import actions, contributions
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.contributions import Contribution, DossierLink, DossierSection
from regiowerk.people.tests import other_apps
from regiowerk.people.tests.factories import ConsentFactory

pytestmark = pytest.mark.django_db


def _contribution(**overrides):
    values = {
        "app_label": "zz_extra",
        "title": "Extra",
        "models": (),
        "export": lambda person: {},
        "erase": lambda person: None,
    }
    return Contribution(**{**values, **overrides})


def _register(monkeypatch, contribution):
    monkeypatch.setitem(contributions._registry, contribution.app_label, contribution)


@pytest.fixture
def person(consultant):
    return actions.register_person(
        actor=consultant,
        first_name="Noor",
        last_name="Dijk",
        labour_status="ww_benefit",
    ).person


# --- the system check ------------------------------------------------------------------


def test_every_model_naming_a_person_is_covered_today():
    labels = {m._meta.label for m in contributions.models_naming_a_person()}

    assert labels >= {
        "services.Enrolment",
        "services.EventRegistration",
        "matching.PersonOccupation",
        "matching.PersonSkill",
    }
    assert contributions.check_contributions() == []
    assert [
        e
        for e in checks.run_checks(tags=[checks.Tags.models])
        if e.id == "regiowerk.E001"
    ] == []


def test_the_check_reports_a_model_naming_a_person_without_a_contribution(monkeypatch):
    monkeypatch.delitem(contributions._registry, "matching")

    errors = checks.run_checks(tags=[checks.Tags.models])

    missing = {e.obj._meta.label for e in errors if e.id == "regiowerk.E001"}
    assert missing == {"matching.PersonOccupation", "matching.PersonSkill"}
    message = next(
        e.msg for e in errors if e.obj is other_apps.model("matching.PersonOccupation")
    )
    assert "matching.PersonOccupation" in message


# --- export ------------------------------------------------------------------------------


def test_the_export_holds_what_the_contributions_give(consultant, person, monkeypatch):
    enrolment = other_apps.enrolment(person)
    attendance = other_apps.attendance(enrolment)
    registration = other_apps.event_registration(person)
    other_apps.occupation_link(person)
    _register(
        monkeypatch,
        _contribution(
            export=lambda p: {
                "zz_extra.Thing": [{"of": str(p.pk)}],
                "zz_extra.none": [],
            }
        ),
    )

    records = actions.export_person(actor=consultant, person=person)["other_records"]

    assert records["zz_extra.thing"] == [{"of": str(person.pk)}]
    assert "zz_extra.none" not in records  # empty lists are left out
    (exported,) = records["services.enrolment"]
    assert exported["id"] == enrolment.pk
    assert exported["related"]["services.attendance"][0]["id"] == attendance.pk
    assert records["services.eventregistration"][0]["id"] == registration.pk
    assert records["matching.personoccupation"][0]["person_id"] == str(person.pk)
    assert "matching.personskill" not in records


def test_an_app_that_registered_nothing_adds_nothing_to_the_export(
    consultant, person, monkeypatch
):
    other_apps.enrolment(person)
    monkeypatch.delitem(contributions._registry, "services")

    records = actions.export_person(actor=consultant, person=person)["other_records"]

    assert "services.enrolment" not in records


# --- erasure -------------------------------------------------------------------------------


def test_erasure_calls_every_registered_eraser_in_its_transaction(
    project_leader, person, monkeypatch
):
    calls = []
    _register(
        monkeypatch,
        _contribution(erase=lambda p: calls.append((p.pk, connection.in_atomic_block))),
    )
    enrolment = other_apps.enrolment(person, completion_evidence="Diploma 9")

    actions.erase_person(actor=project_leader, person=person)

    assert calls == [(person.pk, True)]
    enrolment.refresh_from_db()
    assert enrolment.completion_evidence == ""  # services' registered eraser ran


def test_a_failing_eraser_rolls_the_whole_erasure_back(
    project_leader, person, monkeypatch
):
    enrolment = other_apps.enrolment(person, completion_evidence="Diploma 9")
    link = other_apps.occupation_link(person)

    def fail(p):
        raise RuntimeError("eraser broke")

    _register(monkeypatch, _contribution(erase=fail))  # runs after matching, services

    with pytest.raises(RuntimeError, match="eraser broke"):
        actions.erase_person(actor=project_leader, person=person)

    person.refresh_from_db()
    enrolment.refresh_from_db()
    assert (person.first_name, person.is_anonymised) == ("Noor", False)
    assert enrolment.completion_evidence == "Diploma 9"
    assert type(link).objects.filter(pk=link.pk).exists()


# --- the dossier page ---------------------------------------------------------------------


def _dossier_page(client, organisation, person, role=Role.CONSULTANT):
    client.force_login(make_user(organisation=organisation, role=role))
    return client.get(reverse("person-detail", args=[person.pk]))


def test_the_dossier_page_shows_each_contributions_section_and_links(
    client, organisation, person, monkeypatch
):
    _register(
        monkeypatch,
        _contribution(
            dossier_section=lambda actor, p: DossierSection(
                anchor="extra",
                title="Extra-sectie",
                columns=("Wat", "Wanneer"),
                rows=[("Eerste <rij>", "1-2-2026")],
                empty="Niets",
            ),
            dossier_links=lambda actor, p: [DossierLink("Extra-link", f"/x/{p.pk}")],
        ),
    )

    html = _dossier_page(client, organisation, person).content.decode()

    assert '<a href="#extra">Extra-sectie</a>' in html
    assert '<h2 id="extra">Extra-sectie</h2>' in html
    assert '<th scope="row">Eerste &lt;rij&gt;</th>' in html
    assert "<td>1-2-2026</td>" in html
    assert f'href="/x/{person.pk}">Extra-link</a>' in html


def test_a_sharing_partner_gets_the_read_links_but_not_the_enrol_link(
    client, partner, person, monkeypatch
):
    """Each contribution's link maker decides per reader: the matching pages can be
    read by a partner the person shares with; enrolling changes the person."""
    ConsentFactory(person=person, purpose=ConsentPurpose.SHARING, partner=partner)
    _register(
        monkeypatch,
        _contribution(
            dossier_links=lambda actor, p: [DossierLink("Extra-link", f"/x/{p.pk}")]
        ),
    )

    page = _dossier_page(client, partner, person)

    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="/x/{person.pk}">Extra-link</a>' in html
    assert reverse("person-vacancies", args=[person.pk]) in html
    assert reverse("enrolment-create") not in html
