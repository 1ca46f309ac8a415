"""The people web pages: who sees what, and that every form does what it says."""

import json
import uuid
from datetime import date, timedelta

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user
from regiowerk.people import actions
from regiowerk.people import bsn as bsn_crypto
from regiowerk.people.constants import ConsentPurpose, DossierStatus, LabourStatus
from regiowerk.people.forms import BSN_IN_SEARCH
from regiowerk.people.models import (
    AccessLog,
    Consent,
    ContactMoment,
    Dossier,
    LabourStatusObservation,
    Person,
    PlanAction,
)
from regiowerk.people.tests.factories import (
    ConsentFactory,
    DossierFactory,
    PersonFactory,
    PlanActionFactory,
    make_bsn,
    six_on_benefit_two_employed,
)

pytestmark = pytest.mark.django_db

CONFLICT_NL = "Iemand anders heeft dit gegeven gewijzigd"


# --- helpers (``organisation`` and ``partner`` come from conftest.py) --------------------


def login(client, organisation, role=Role.CONSULTANT):
    user = make_user(organisation=organisation, role=role)
    client.force_login(user)
    return user


def person_form_data(**overrides):
    data = {
        "first_name": "Noor",
        "name_prefix": "van",
        "last_name": "Dijk",
        "birth_date": "1971-03-02",
        "gender": "female",
        "email": "noor@example.org",
        "phone": "",
        "postcode": "4811 AB",
        "city": "Breda",
        "education_level": "mbo_2_4",
        "labour_status": LabourStatus.AT_RISK_OF_DISMISSAL,
        "labour_status_since": "2026-01-05",
        "current_occupation": "Orderpicker",
        "previous_occupations": "",
        "bsn": "",
    }
    data.update(overrides)
    return data


def invalid_bsn() -> str:
    """A 9-digit number that fails the elfproef (the last digit of a valid one, +1)."""
    valid = make_bsn()
    return valid[:8] + str((int(valid[8]) + 1) % 10)


# --- list and search -------------------------------------------------------------------------


def test_the_person_list_shows_only_the_own_organisations_people(
    consultant_client, organisation
):
    mine = PersonFactory(organisation=organisation, last_name="Bakker")
    PersonFactory(last_name="Visser")  # another organisation

    response = consultant_client.get(reverse("person-list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bakker" in html
    assert "Visser" not in html
    assert AccessLog.objects.filter(person=mine, what="person list").count() == 1


def test_the_person_list_searches_by_name_postcode_and_labour_status(
    consultant_client, organisation
):
    PersonFactory(
        organisation=organisation,
        last_name="Bakker",
        postcode="4811 AB",
        labour_status=LabourStatus.WW_BENEFIT,
    )
    PersonFactory(
        organisation=organisation,
        last_name="Smit",
        postcode="5011 CD",
        labour_status=LabourStatus.JOB_SEEKER,
    )
    url = reverse("person-list")

    by_name = consultant_client.get(url, {"q": "bakk"}).content.decode()
    by_postcode = consultant_client.get(url, {"postcode": "4811ab"}).content.decode()
    by_status = consultant_client.get(
        url, {"labour_status": LabourStatus.JOB_SEEKER}
    ).content.decode()

    assert "Bakker" in by_name and "Smit" not in by_name
    assert "Bakker" in by_postcode and "Smit" not in by_postcode
    assert "Smit" in by_status and "Bakker" not in by_status


def test_the_person_list_is_paginated(consultant_client, organisation):
    PersonFactory.create_batch(30, organisation=organisation)

    first = consultant_client.get(reverse("person-list"))
    second = consultant_client.get(reverse("person-list"), {"page": 2})

    assert len(first.context["page_obj"].object_list) == 25
    assert len(second.context["page_obj"].object_list) == 5


def test_an_analyst_is_sent_from_the_person_list_to_the_overviews(client, organisation):
    login(client, organisation, Role.ANALYST)

    response = client.get(reverse("person-list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("person-aggregates")


def test_an_account_manager_may_not_see_the_person_list(client, organisation):
    login(client, organisation, Role.ACCOUNT_MANAGER)

    assert client.get(reverse("person-list")).status_code == 403
    assert client.get(reverse("person-create")).status_code == 403


# --- register ----------------------------------------------------------------------------------


def test_a_consultant_registers_a_person(consultant_client, organisation):
    response = consultant_client.post(reverse("person-create"), person_form_data())

    person = Person.objects.get(last_name="Dijk")
    assert response.status_code == 302
    assert response["Location"] == reverse("person-detail", args=[person.pk])
    assert person.organisation == organisation
    assert person.postcode == "4811 AB"
    assert person.labour_status_observations.count() == 1


def test_registering_with_an_invalid_bsn_names_the_field_and_never_echoes_the_digits(
    consultant_client,
):
    bad = invalid_bsn()

    response = consultant_client.post(
        reverse("person-create"), person_form_data(bsn=bad)
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["bsn"]
    assert "elfproef" in html
    assert bad not in html
    assert not Person.objects.exists()


def test_the_bsn_input_is_not_rendered_back_after_another_error(consultant_client):
    good = make_bsn()

    response = consultant_client.post(
        reverse("person-create"), person_form_data(bsn=good, last_name="")
    )

    assert response.status_code == 200
    assert good not in response.content.decode()


def test_a_registered_bsn_is_shown_masked_only_with_bsn_reporting_consent(
    consultant_client,
):
    bsn = make_bsn()

    response = consultant_client.post(
        reverse("person-create"),
        person_form_data(bsn=bsn, bsn_reporting_consent="on"),
        follow=True,
    )

    html = response.content.decode()
    assert "*****" + bsn[-4:] in html
    assert bsn not in html
    person = Person.objects.get()
    assert person.bsn_pseudonym == bsn_crypto.pseudonymise_bsn(bsn)


def test_registering_a_bsn_known_at_another_partner_shows_the_notice_only(
    consultant_client, partner
):
    bsn = make_bsn()
    elsewhere = PersonFactory(
        organisation=partner,
        last_name="Geheim",
        bsn_pseudonym=bsn_crypto.pseudonymise_bsn(bsn),
    )

    response = consultant_client.post(
        reverse("person-create"), person_form_data(bsn=bsn), follow=True
    )

    html = response.content.decode()
    assert response.status_code == 200
    notices = [str(m) for m in response.context["messages"]]
    assert any("another partner" in n or "andere partner" in n for n in notices)
    assert all(partner.name not in n for n in notices)  # which partner stays secret
    assert elsewhere.last_name not in html
    assert Person.objects.filter(last_name="Dijk").get().has_duplicate_elsewhere


# --- the dossier page and who sees it ---------------------------------------------------------


def test_the_dossier_page_renders_every_section_for_the_holder(
    consultant_client, organisation
):
    person = PersonFactory(organisation=organisation, last_name="Bakker")
    dossier = DossierFactory(person=person, goals="Werk in de logistiek")
    PlanActionFactory(dossier=dossier, description="Cv bijwerken")
    ConsentFactory(person=person)

    response = consultant_client.get(reverse("person-detail", args=[person.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for expected in ("Bakker", "Werk in de logistiek", "Cv bijwerken"):
        assert expected in html
    for form in ("observation_form", "consent_form"):
        assert response.context[form] is not None
    assert response.context["dossiers"][0].contact_form is not None
    assert AccessLog.objects.filter(person=person, what="dossier page").exists()


def test_the_holder_sees_who_read_the_persons_data(client, organisation, partner):
    person = PersonFactory(organisation=organisation)
    ConsentFactory(person=person, purpose=ConsentPurpose.SHARING, partner=partner)
    login(client, partner)
    client.get(reverse("person-detail", args=[person.pk]))
    login(client, organisation)

    response = client.get(reverse("person-detail", args=[person.pk]))

    organisations = {entry.organisation for entry in response.context["access_log"]}
    assert organisations == {organisation, partner}
    assert partner.name in response.content.decode()


def test_a_consultant_of_another_organisation_gets_the_same_404_as_for_no_person(
    client, organisation, partner
):
    person = PersonFactory(organisation=organisation)
    login(client, partner)

    forbidden = client.get(reverse("person-detail", args=[person.pk]))
    missing = client.get(reverse("person-detail", args=[uuid.uuid4()]))

    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
    assert not AccessLog.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    "name",
    [
        "person-edit",
        "person-export",
        "person-erase",
    ],
)
def test_other_person_pages_are_404_for_another_organisation(
    client, organisation, partner, name
):
    person = PersonFactory(organisation=organisation)
    login(client, partner)

    assert client.get(reverse(name, args=[person.pk])).status_code == 404


def test_a_partner_with_a_sharing_consent_reads_the_dossier_but_cannot_change_it(
    client, organisation, partner
):
    person = PersonFactory(organisation=organisation, last_name="Bakker")
    DossierFactory(person=person)
    ConsentFactory(person=person, purpose=ConsentPurpose.SHARING, partner=partner)
    login(client, partner)

    page = client.get(reverse("person-detail", args=[person.pk]))
    edit = client.get(reverse("person-edit", args=[person.pk]))

    assert page.status_code == 200
    assert "Bakker" in page.content.decode()
    assert not page.context["may_write"]
    assert "observation_form" not in page.context
    assert page.context["dossiers"][0].contact_form is None
    assert edit.status_code == 404


def test_withdrawing_the_sharing_consent_ends_the_partners_access_at_once(
    client, organisation, partner
):
    person = PersonFactory(organisation=organisation)
    consent = ConsentFactory(
        person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    login(client, partner)
    assert client.get(reverse("person-detail", args=[person.pk])).status_code == 200

    consent.withdrawn_on = timezone.localdate()
    consent.save()

    assert client.get(reverse("person-detail", args=[person.pk])).status_code == 404


def test_an_analyst_gets_404_on_person_pages(client, organisation):
    person = PersonFactory(organisation=organisation)
    login(client, organisation, Role.ANALYST)

    assert client.get(reverse("person-detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("person-edit", args=[person.pk])).status_code == 404


def test_the_dossier_page_lists_the_persons_enrolments(consultant_client, organisation):
    person = PersonFactory(organisation=organisation)
    # people must not import services (layers): build the rows through the app registry.
    service_model = apps.get_model("services", "Service")
    enrolment_model = apps.get_model("services", "Enrolment")
    service = service_model.objects.create(
        name="Loopbaanscan", type="career_research", provider=organisation
    )
    enrolment_model.objects.create(
        person=person,
        service=service,
        enrolling_organisation=organisation,
        registered_on=date(2026, 2, 1),
    )

    response = consultant_client.get(reverse("person-detail", args=[person.pk]))

    assert "Loopbaanscan" in response.content.decode()
    (services,) = [
        p for p in response.context["contributed"] if p.anchor == "enrolments"
    ]
    assert len(services.section.rows) == 1


# --- editing with optimistic locking -------------------------------------------------------------


def test_editing_a_person_saves_the_changes(consultant_client, organisation):
    person = PersonFactory(organisation=organisation, last_name="Bakker")

    response = consultant_client.post(
        reverse("person-edit", args=[person.pk]),
        person_form_data(last_name="Bakker-Smit", version=person.version),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_name == "Bakker-Smit"
    assert person.version == 2


def test_editing_a_stale_version_shows_the_conflict_and_keeps_the_input(
    consultant_client, organisation
):
    person = PersonFactory(organisation=organisation, last_name="Bakker")
    stale = person.version
    Person.objects.filter(pk=person.pk).update(version=stale + 1, city="Tilburg")

    response = consultant_client.post(
        reverse("person-edit", args=[person.pk]),
        person_form_data(last_name="Mijn-Invoer", version=stale),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT_NL in html
    assert 'value="Mijn-Invoer"' in html
    person.refresh_from_db()
    assert person.last_name == "Bakker"


def test_editing_the_intake_with_a_stale_version_is_refused(
    consultant_client, organisation
):
    dossier = DossierFactory(person__organisation=organisation)
    Dossier.objects.filter(pk=dossier.pk).update(version=dossier.version + 1)

    response = consultant_client.post(
        reverse("dossier-intake", args=[dossier.pk]),
        {"version": dossier.version, "wishes": "Buiten werken"},
    )

    html = response.content.decode()
    assert CONFLICT_NL in html
    assert "Buiten werken" in html
    dossier.refresh_from_db()
    assert dossier.intake == {}


def test_the_intake_form_saves_structured_answers(consultant_client, organisation):
    dossier = DossierFactory(person__organisation=organisation)

    get = consultant_client.get(reverse("dossier-intake", args=[dossier.pk]))
    response = consultant_client.post(
        reverse("dossier-intake", args=[dossier.pk]),
        {
            "version": dossier.version,
            "wishes": "Buiten werken",
            "has_driving_licence": "yes",
            "max_travel_minutes": "45",
        },
    )

    assert get.status_code == 200
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.intake == {
        "wishes": "Buiten werken",
        "has_driving_licence": True,
        "max_travel_minutes": 45,
    }


def test_an_intake_answer_out_of_range_names_the_question(
    consultant_client, organisation
):
    dossier = DossierFactory(person__organisation=organisation)

    response = consultant_client.post(
        reverse("dossier-intake", args=[dossier.pk]),
        {"version": dossier.version, "max_travel_minutes": "999"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["max_travel_minutes"]


def test_editing_the_goals_saves_them_and_refuses_a_stale_version(
    consultant_client, organisation
):
    dossier = DossierFactory(person__organisation=organisation)
    url = reverse("dossier-goals", args=[dossier.pk])

    saved = consultant_client.post(url, {"version": 1, "goals": "Vast contract"})
    stale = consultant_client.post(url, {"version": 1, "goals": "Iets anders"})

    assert saved.status_code == 302
    assert CONFLICT_NL in stale.content.decode()
    dossier.refresh_from_db()
    assert dossier.goals == "Vast contract"


# --- POST flows on the dossier page ---------------------------------------------------------------


def test_recording_a_labour_status_observation(consultant_client, organisation):
    person = PersonFactory(organisation=organisation)

    response = consultant_client.post(
        reverse("person-observation-create", args=[person.pk]),
        {
            "observation-observed_on": "2026-03-01",
            "observation-status": LabourStatus.EMPLOYED,
            "observation-contract_type": "temporary",
            "observation-source": "self_report",
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.labour_status == LabourStatus.EMPLOYED
    assert LabourStatusObservation.objects.filter(person=person).count() == 1


def test_an_observation_in_the_future_is_refused_on_the_dossier_page(
    consultant_client, organisation
):
    person = PersonFactory(organisation=organisation)
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = consultant_client.post(
        reverse("person-observation-create", args=[person.pk]),
        {
            "observation-observed_on": tomorrow.isoformat(),
            "observation-status": LabourStatus.EMPLOYED,
            "observation-contract_type": "none",
            "observation-source": "consultant",
        },
    )

    assert response.status_code == 200
    assert response.context["observation_form"].errors["observed_on"]
    assert not LabourStatusObservation.objects.filter(person=person).exists()


def test_opening_a_dossier_adding_an_action_a_contact_and_closing_it(
    consultant_client, organisation
):
    person = PersonFactory(organisation=organisation)

    consultant_client.post(
        reverse("dossier-open", args=[person.pk]), {"open-opened_on": "2026-02-02"}
    )
    dossier = Dossier.objects.get(person=person)
    consultant_client.post(
        reverse("dossier-action-add", args=[dossier.pk]),
        {
            "action-description": "Sollicitatiebrief schrijven",
            "action-due_on": "2026-03-01",
            "action-responsible": "Noor",
        },
    )
    action = PlanAction.objects.get(dossier=dossier)
    consultant_client.post(reverse("dossier-action-done", args=[dossier.pk, action.pk]))
    consultant_client.post(
        reverse("dossier-contact-add", args=[dossier.pk]),
        {
            "contact-type": "coaching",
            "contact-occurred_at": "2026-02-10T10:30",
            "contact-notes": "Eerste gesprek",
        },
    )
    consultant_client.post(
        reverse("dossier-close", args=[dossier.pk]),
        {
            "close-version": dossier.version,
            "close-closed_on": timezone.localdate().isoformat(),
            "close-closing_reason": "Werk gevonden",
        },
    )

    action.refresh_from_db()
    dossier.refresh_from_db()
    assert action.done_on == timezone.localdate()
    assert ContactMoment.objects.get(dossier=dossier).notes == "Eerste gesprek"
    assert dossier.status == DossierStatus.CLOSED
    assert dossier.closing_reason == "Werk gevonden"


def test_an_action_without_description_shows_the_error_on_the_dossier_page(
    consultant_client, organisation
):
    dossier = DossierFactory(person__organisation=organisation)

    response = consultant_client.post(
        reverse("dossier-action-add", args=[dossier.pk]),
        {"action-description": "", "action-due_on": ""},
    )

    assert response.status_code == 200
    assert response.context["dossiers"][0].action_form.errors["description"]


def test_a_partner_cannot_write_to_a_shared_dossier(client, organisation, partner):
    dossier = DossierFactory(person__organisation=organisation)
    ConsentFactory(
        person=dossier.person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    login(client, partner)

    response = client.post(
        reverse("dossier-contact-add", args=[dossier.pk]),
        {"contact-type": "phone", "contact-occurred_at": "2026-02-10T10:30"},
    )

    assert response.status_code == 404
    assert not ContactMoment.objects.exists()


def test_giving_a_sharing_consent_and_withdrawing_it(
    consultant_client, organisation, partner
):
    person = PersonFactory(organisation=organisation)

    given = consultant_client.post(
        reverse("consent-give", args=[person.pk]),
        {
            "consent-purpose": ConsentPurpose.SHARING,
            "consent-partner": partner.pk,
            "consent-given_on": "2026-02-01",
        },
    )
    consent = Consent.objects.get(person=person)
    withdrawn = consultant_client.post(
        reverse("consent-withdraw", args=[person.pk, consent.pk])
    )

    assert given.status_code == withdrawn.status_code == 302
    assert consent.partner == partner
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()


def test_a_sharing_consent_without_partner_names_the_partner_field(
    consultant_client, organisation
):
    person = PersonFactory(organisation=organisation)

    response = consultant_client.post(
        reverse("consent-give", args=[person.pk]),
        {"consent-purpose": ConsentPurpose.SHARING, "consent-given_on": "2026-02-01"},
    )

    assert response.status_code == 200
    assert response.context["consent_form"].errors["partner"]
    assert not Consent.objects.exists()


# --- data-subject rights ---------------------------------------------------------------------


def test_the_export_downloads_json_without_the_bsn(consultant_client, organisation):
    bsn = make_bsn()
    person = PersonFactory(
        organisation=organisation,
        bsn_pseudonym=bsn_crypto.pseudonymise_bsn(bsn),
        bsn_encrypted=bsn_crypto.encrypt_bsn(bsn),
    )

    url = reverse("person-export", args=[person.pk])
    asked = consultant_client.get(url)  # a link, a crawler or a prefetch: asks only
    response = consultant_client.post(url)

    assert asked["Content-Type"].startswith("text/html")
    assert "Export downloaden (JSON)" in asked.content.decode()
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert str(person.pk) in response["Content-Disposition"]
    details = json.loads(body)["sections"][0]
    assert details["title"] == "Persoonsgegevens"
    assert details["records"][0]["fields"]["BSN geregistreerd"] == "Ja"
    assert bsn not in body
    assert person.bsn_pseudonym not in body


def test_a_consultant_may_not_erase_a_person(consultant_client, organisation):
    person = PersonFactory(organisation=organisation)

    response = consultant_client.post(
        reverse("person-erase", args=[person.pk]), {"confirm": "on"}
    )

    assert response.status_code == 403
    person.refresh_from_db()
    assert not person.is_anonymised


def test_a_project_leader_erases_a_person_after_confirming(client, organisation):
    person = PersonFactory(organisation=organisation, last_name="Bakker")
    login(client, organisation, Role.PROJECT_LEADER)
    url = reverse("person-erase", args=[person.pk])

    confirm_page = client.get(url)
    unconfirmed = client.post(url, {})
    confirmed = client.post(url, {"confirm": "on"})

    assert confirm_page.status_code == 200
    assert unconfirmed.status_code == 200
    assert confirmed.status_code == 302
    person.refresh_from_db()
    assert person.is_anonymised
    assert person.last_name == ""


# --- aggregates ---------------------------------------------------------------------------


def test_an_analyst_sees_the_overviews_with_small_cells_suppressed(
    client, organisation
):
    six_on_benefit_two_employed(organisation)
    login(client, organisation, Role.ANALYST)

    response = client.get(reverse("person-aggregates"))

    html = response.content.decode()
    assert response.status_code == 200
    status_table = next(
        t for t in response.context["tables"] if t.by == "labour_status"
    )
    counts = {str(label): count for label, count in status_table.rows}
    assert list(counts.values()).count("x") == 2
    assert 2 not in counts.values()
    assert 6 not in counts.values()
    assert "“x”" in html


@pytest.mark.parametrize("number", [6, 40])
def test_the_overviews_page_costs_the_same_queries_however_many_persons(
    client, organisation, django_assert_max_num_queries, number
):
    PersonFactory.create_batch(number, organisation=organisation)
    login(client, organisation, Role.ANALYST)

    with django_assert_max_num_queries(11):  # session, user, actor, 7 overviews
        response = client.get(reverse("person-aggregates"))

    assert response.status_code == 200


def test_a_consultant_does_not_see_the_overviews(consultant_client):
    assert consultant_client.get(reverse("person-aggregates")).status_code == 403


def test_the_menu_and_start_page_lead_a_consultant_to_the_people(consultant_client):
    html = consultant_client.get(reverse("home")).content.decode()

    assert html.count(f'href="{reverse("person-list")}"') == 2  # menu and card


def test_the_start_page_leads_an_analyst_to_the_overviews(client, organisation):
    login(client, organisation, Role.ANALYST)

    html = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("person-aggregates")}"' in html


def test_the_dossier_page_links_to_enrolment_for_this_person(
    consultant_client, organisation
):
    person = PersonFactory(organisation=organisation)

    html = consultant_client.get(
        reverse("person-detail", args=[person.pk])
    ).content.decode()

    assert f'href="{reverse("enrolment-create")}?person={person.pk}"' in html


def test_registering_a_likely_duplicate_asks_first_and_registers_when_confirmed(
    consultant_client, organisation
):
    consultant_client.post(reverse("person-create"), person_form_data())

    form_page = consultant_client.get(reverse("person-create")).content.decode()
    asked = consultant_client.post(reverse("person-create"), person_form_data())
    confirmed = consultant_client.post(
        reverse("person-create"), person_form_data(register_anyway="on")
    )

    assert 'name="register_anyway"' not in form_page  # not asked before it matters
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Er is al een persoon met deze naam en geboortedatum" in html
    assert 'name="register_anyway"' in html and "Toch registreren" in html
    assert confirmed.status_code == 302
    assert (
        Person.objects.filter(organisation=organisation, last_name="Dijk").count() == 2
    )


def test_withdrawing_a_consent_asks_first_and_says_the_bsn_goes(
    consultant_client, organisation
):
    bsn = make_bsn()
    person = PersonFactory(
        organisation=organisation,
        bsn_pseudonym=bsn_crypto.pseudonymise_bsn(bsn),
        bsn_encrypted=bsn_crypto.encrypt_bsn(bsn),
    )
    consent = ConsentFactory(person=person, purpose=ConsentPurpose.BSN_REPORTING)
    url = reverse("consent-withdraw", args=[person.pk, consent.pk])

    asked = consultant_client.get(url)
    consent.refresh_from_db()
    person.refresh_from_db()
    still_there = consent.withdrawn_on is None and person.bsn_encrypted is not None
    consultant_client.post(url)
    consent.refresh_from_db()
    person.refresh_from_db()

    html = asked.content.decode()
    assert asked.status_code == 200 and still_there
    assert "Het opgeslagen (versleutelde) BSN wordt verwijderd" in html
    assert consent.withdrawn_on is not None and person.bsn_encrypted is None
    detail = consultant_client.get(reverse("person-detail", args=[person.pk]))
    assert f'action="{url}"' not in detail.content.decode()  # a link to the question


# --- BSN lookup: by POST, never in a URL ---------------------------------------------------


def test_a_bsn_is_looked_up_by_post_and_answered_with_the_persons_page(
    consultant_client, organisation
):
    # given
    bsn = make_bsn()
    person = PersonFactory(
        organisation=organisation, bsn_pseudonym=bsn_crypto.pseudonymise_bsn(bsn)
    )

    # when
    response = consultant_client.post(reverse("person-find-by-bsn"), {"bsn": bsn})

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("person-detail", args=[person.pk])
    assert bsn not in response["Location"]
    assert AccessLog.objects.filter(person=person, what="person-by-bsn").exists()


def test_an_unknown_bsn_answers_404_on_the_list_without_repeating_the_number(
    consultant_client, organisation, partner
):
    bsn = make_bsn()
    PersonFactory(organisation=partner, bsn_pseudonym=bsn_crypto.pseudonymise_bsn(bsn))

    response = consultant_client.post(reverse("person-find-by-bsn"), {"bsn": bsn})

    assert response.status_code == 404
    body = response.content.decode()
    assert 'id="id_bsn_error"' in body
    assert bsn not in body


def test_a_bsn_typed_into_the_name_search_is_not_searched_and_leaves_the_url(
    consultant_client, organisation
):
    bsn = make_bsn()
    spaced = f"{bsn[:4]} {bsn[4:6]} {bsn[6:]}"

    for typed in (bsn, spaced):
        response = consultant_client.get(
            reverse("person-list"), {"q": typed, "labour_status": "ww_benefit"}
        )

        assert response.status_code == 302
        assert (
            response["Location"] == reverse("person-list") + "?labour_status=ww_benefit"
        )
        page = consultant_client.get(response["Location"])
        body = page.content.decode()
        assert bsn not in body and spaced not in body
        shown = [str(message) for message in page.context["messages"]]
        assert shown == [str(BSN_IN_SEARCH)]
    # the browser refuses it before sending: the name box carries the pattern
    assert 'pattern="' in body


def test_the_dossier_page_shows_the_responsible_consultant_and_hands_the_client_over(
    client, organisation, partner
):
    me = login(client, organisation)
    colleague = make_user(organisation=organisation, role=Role.CONSULTANT)
    colleague.first_name, colleague.last_name = "Sanne", "de Wit"
    colleague.save()
    outsider = make_user(organisation=partner, role=Role.CONSULTANT)
    dossier = DossierFactory(person__organisation=organisation, opened_by=me)
    page = reverse("person-detail", args=[dossier.person_id])
    url = reverse("dossier-hand-over", args=[dossier.pk])

    shown = client.get(page).content.decode()
    refused = client.post(
        url, {"hand_over-version": 1, "hand_over-responsible": outsider.pk}
    )
    handed = client.post(
        url, {"hand_over-version": 1, "hand_over-responsible": colleague.pk}
    )

    assert "Verantwoordelijk consulent" in shown
    assert "Overdragen aan een collega" in shown
    assert refused.status_code == 200
    assert "Selecteer een geldige keuze" in refused.content.decode()
    assert handed.status_code == 302
    assert handed["Location"].endswith(f"#dossier-{dossier.pk}-responsible")
    dossier.refresh_from_db()
    assert dossier.responsible == colleague
    after = client.get(page).content.decode()
    assert "Verantwoordelijk consulent: Sanne de Wit" in after


def test_a_sharing_partner_sees_the_responsible_consultant_but_cannot_hand_over(
    client, organisation, partner
):
    dossier = DossierFactory(
        person__organisation=organisation,
        opened_by=make_user(organisation=organisation, role=Role.CONSULTANT),
    )
    ConsentFactory(
        person=dossier.person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    reader = login(client, partner)

    page = client.get(reverse("person-detail", args=[dossier.person_id]))
    post = client.post(
        reverse("dossier-hand-over", args=[dossier.pk]),
        {"hand_over-version": 1, "hand_over-responsible": reader.pk},
    )

    assert "Verantwoordelijk consulent" in page.content.decode()
    assert "Overdragen aan een collega" not in page.content.decode()
    assert post.status_code == 404
    dossier.refresh_from_db()
    assert dossier.responsible != reader


def test_a_contact_moment_is_planned_on_the_dossier_page_and_recorded_as_held(
    consultant_client, organisation
):
    dossier = DossierFactory(person__organisation=organisation)
    page = reverse("person-detail", args=[dossier.person_id])
    ahead = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)

    in_the_past = consultant_client.post(
        reverse("dossier-contact-plan", args=[dossier.pk]),
        {
            "plan_contact-type": "coaching",
            "plan_contact-planned_at": "2020-01-01T10:00",
        },
    )
    planned = consultant_client.post(
        reverse("dossier-contact-plan", args=[dossier.pk]),
        {
            "plan_contact-type": "coaching",
            "plan_contact-planned_at": ahead.strftime("%Y-%m-%dT%H:%M"),
            "plan_contact-notes": "Sollicitatie voorbereiden",
        },
    )
    contact = ContactMoment.objects.get(dossier=dossier)
    shown = consultant_client.get(page).content.decode()
    held = consultant_client.post(
        reverse("dossier-contact-held", args=[dossier.pk, contact.pk]),
        {
            f"held-{contact.pk}-version": contact.version,
            f"held-{contact.pk}-occurred_at": "2026-01-10T09:00",
            f"held-{contact.pk}-notes": "Goed gesprek",
        },
    )

    assert in_the_past.status_code == 200
    assert (
        "Een gepland contactmoment ligt in de toekomst." in in_the_past.content.decode()
    )
    assert planned.status_code == 302
    assert "Sollicitatie voorbereiden" in shown
    assert "Vastleggen als gehouden" in shown
    assert held.status_code == 302
    contact.refresh_from_db()
    assert (contact.status, contact.notes) == ("held", "Goed gesprek")
    assert (
        "Geen contactmomenten gepland." in consultant_client.get(page).content.decode()
    )


def test_a_planned_contact_moment_is_cancelled_with_its_reason_and_stays_in_history(
    consultant_client, consultant, organisation
):
    dossier = DossierFactory(person__organisation=organisation)
    page = reverse("person-detail", args=[dossier.person_id])
    contact = actions.plan_contact(
        actor=consultant,
        dossier=dossier,
        type="coaching",
        planned_at=timezone.now() + timedelta(days=2),
        notes="Sollicitatie voorbereiden",
    )
    url = reverse("dossier-contact-cancel", args=[dossier.pk, contact.pk])
    prefix = f"cancel-{contact.pk}"

    shown = consultant_client.get(page).content.decode()
    no_reason = consultant_client.post(url, {f"{prefix}-version": 1})
    cancelled = consultant_client.post(
        url, {f"{prefix}-version": 1, f"{prefix}-reason": "Ziek gemeld"}
    )
    again = consultant_client.post(
        url, {f"{prefix}-version": 2, f"{prefix}-reason": "Nogmaals"}
    )

    assert "Contactmoment annuleren" in shown
    assert no_reason.status_code == 200
    assert "Reden van annuleren" in no_reason.content.decode()
    assert "Dit veld is verplicht." in no_reason.content.decode()
    assert cancelled.status_code == 302
    contact.refresh_from_db()
    assert (contact.status, contact.cancel_reason) == ("cancelled", "Ziek gemeld")
    assert contact.cancelled_by_id == int(consultant_client.session["_auth_user_id"])
    assert contact.cancelled_at is not None
    assert again.status_code == 302
    assert (
        "Dit contactmoment is geannuleerd."
        in consultant_client.get(page).content.decode()
    )
    after = consultant_client.get(page).content.decode()  # the message is shown once
    assert "Geen contactmomenten gepland." in after  # it left the planned list
    assert "Geannuleerd: Ziek gemeld" in after  # and stays in the history


def test_recording_a_contact_moment_someone_else_cancelled_is_a_conflict(
    consultant_client, consultant, organisation
):
    dossier = DossierFactory(person__organisation=organisation)
    contact = actions.plan_contact(
        actor=consultant,
        dossier=dossier,
        type="coaching",
        planned_at=timezone.now() + timedelta(days=2),
    )
    seen = contact.version
    actions.cancel_contact(
        actor=consultant, contact=contact, version=seen, reason="Verzet"
    )
    contact = ContactMoment.objects.get(pk=contact.pk)
    contact.status = "planned"  # as the stale page still shows it

    with pytest.raises(ConcurrentEditError):
        actions.record_contact_held(
            actor=consultant,
            contact=contact,
            version=seen,
            occurred_at=timezone.now() - timedelta(minutes=5),
        )
    contact.refresh_from_db()
    assert contact.status == "cancelled"
