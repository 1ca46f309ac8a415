"""The Django admin is no way around the gate: every record that names a person is
shown read-only, by id, without names, contact details, BSN or free text, and no POST
through the admin changes anything (rows, fields and versions stay as they were)."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.people import actions, contributions
from regiowerk.people.constants import ContactType
from regiowerk.people.models import (
    AccessLog,
    Consent,
    ContactMoment,
    Dossier,
    LabourStatusObservation,
    Person,
    PlanAction,
)
from regiowerk.people.tests import other_apps
from regiowerk.people.tests.factories import make_bsns

pytestmark = pytest.mark.django_db

ADMIN_APPS = ("people", "services", "matching", "employers")
SECRET_TEXT = {
    "first_name": "Zeldzaamvoornaam",
    "last_name": "Achternaamxyz",
    "email": "zeldzaam@voorbeeld.nl",
    "phone": "0612345678",
    "goals": "Doelen-geheim",
    "plan": "Plan-geheim",
    "notes": "Notitie-geheim",
    "evidence": "Certificaat-geheim",
}


@pytest.fixture
def world(consultant):
    """One person with something in every app that keeps data about a person."""
    number = make_bsns(1, seed=21)[0]
    person = actions.register_person(
        actor=consultant,
        first_name=SECRET_TEXT["first_name"],
        last_name=SECRET_TEXT["last_name"],
        email=SECRET_TEXT["email"],
        phone=SECRET_TEXT["phone"],
        labour_status="job_seeker",
        bsn=number,
        bsn_reporting_consent=True,
    ).person
    dossier = actions.open_dossier(actor=consultant, person=person)
    actions.update_goals(
        actor=consultant, dossier=dossier, version=1, goals=SECRET_TEXT["goals"]
    )
    actions.add_plan_action(
        actor=consultant, dossier=dossier, description=SECRET_TEXT["plan"]
    )
    actions.record_contact(
        actor=consultant,
        dossier=dossier,
        type=ContactType.INTAKE,
        occurred_at=timezone.now(),
        notes=SECRET_TEXT["notes"],
    )
    actions.export_person(actor=consultant, person=person)  # an access-log row
    enrolment = other_apps.enrolment(
        person, completion_evidence=SECRET_TEXT["evidence"]
    )
    other_apps.attendance(enrolment)
    other_apps.event_registration(person)
    other_apps.occupation_link(person)
    other_apps.skill_link(person)
    person.refresh_from_db()
    return {"person": person, "bsn": number}


def _personal_models():
    """Every model that names a person or holds what was recorded about one."""
    return [
        Person,
        Dossier,
        PlanAction,
        ContactMoment,
        Consent,
        LabourStatusObservation,
        AccessLog,
        other_apps.model("services.Attendance"),
        *contributions.models_naming_a_person(),
    ]


def _snapshot():
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in _personal_models()
    }


def _registered(*, personal):
    names = {model._meta.label for model in _personal_models()}
    return [
        model
        for model in admin.site._registry
        if model._meta.app_label in ADMIN_APPS
        and (model._meta.label in names) == personal
    ]


def _url(model, view, *args):
    return reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args
    )


def _assert_nameless(html, world):
    person = world["person"]
    for text in [
        *SECRET_TEXT.values(),
        world["bsn"],
        world["bsn"][-4:] + "<",
        person.bsn_pseudonym,
        person.bsn_encrypted,
    ]:
        assert text not in html


def test_every_admin_page_shows_records_naming_a_person_without_names(
    admin_client, world
):
    pages = 0
    for model in _registered(personal=True) + _registered(personal=False):
        listing = admin_client.get(_url(model, "changelist"))
        assert listing.status_code == 200, model
        _assert_nameless(listing.content.decode(), world)
        for pk in model._default_manager.values_list("pk", flat=True):
            for view in ("change", "history"):
                page = admin_client.get(_url(model, view, pk))
                assert page.status_code == 200, (model, view)
                _assert_nameless(page.content.decode(), world)
                pages += 1
    assert pages >= 2 * len(_registered(personal=True))


def test_no_post_through_the_admin_changes_a_record_naming_a_person(
    admin_client, world
):
    before = _snapshot()
    registered = _registered(personal=True)
    assert {m._meta.label for m in registered} >= {
        "people.Person",
        "people.Dossier",
        "people.Consent",
        "services.Enrolment",
    }
    forged = {"first_name": "Overschreven", "status": "closed", "goals": "Weg"}

    for model in registered:
        pks = list(model._default_manager.values_list("pk", flat=True))
        assert pks, model
        for pk in pks:
            assert (
                admin_client.post(_url(model, "change", pk), forged).status_code == 403
            )
            assert (
                admin_client.post(
                    _url(model, "delete", pk), {"post": "yes"}
                ).status_code
                == 403
            )
        assert admin_client.post(_url(model, "add"), forged).status_code == 403
        bulk = admin_client.post(
            _url(model, "changelist"),
            {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
        )
        assert bulk.status_code in (200, 302), model

    assert _snapshot() == before


def test_plan_actions_contact_moments_and_matching_profiles_are_not_in_the_admin():
    # nothing but free text about a person, or a profile only the gate may show
    for model in (
        PlanAction,
        ContactMoment,
        other_apps.model("matching.PersonOccupation"),
        other_apps.model("matching.PersonSkill"),
    ):
        assert model not in admin.site._registry


def test_the_person_admin_shows_no_bsn_fields(admin_client, world):
    person = world["person"]

    page = admin_client.get(f"/admin/people/person/{person.pk}/change/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "bsn_pseudonym" not in html and "bsn_encrypted" not in html
    assert str(person.pk) in html
    _assert_nameless(html, world)


def test_the_access_log_admin_is_read_only(admin_client, world):
    entry = AccessLog.objects.get()

    assert admin_client.get("/admin/people/accesslog/").status_code == 200
    assert admin_client.get("/admin/people/accesslog/add/").status_code == 403
    delete = admin_client.post(
        f"/admin/people/accesslog/{entry.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert AccessLog.objects.filter(pk=entry.pk).exists()
