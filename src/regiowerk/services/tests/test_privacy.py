"""What services keeps about a person reaches the person's rights: the data export, the
erasure and the dossier page (services' contribution to people's registry)."""

import json
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.people import actions as people_actions
from regiowerk.people import contributions
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services import privacy
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.models import ERASED_TEXT, Attendance
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventRegistrationFactory,
    make_actor,
    share_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_leader():
    return make_actor(role=Role.PROJECT_LEADER)


@pytest.fixture
def person(project_leader):
    return PersonFactory(organisation=project_leader.organisation)


def _participation(person, **enrolment_fields):
    """An enrolment started today with one session attended, and an attended event
    registration."""
    enrolment = EnrolmentFactory(
        person=person, started_on=timezone.localdate(), **enrolment_fields
    )
    Attendance.objects.create(
        enrolment=enrolment, session_on=timezone.localdate(), is_present=True
    )
    return enrolment, EventRegistrationFactory(person=person, has_attended=True)


def test_the_export_holds_enrolments_with_their_attendance_and_registrations(
    project_leader, person
):
    # given an enrolment with one session, and an event registration
    enrolment, registration = _participation(person, status=EnrolmentStatus.STARTED)
    EnrolmentFactory()  # somebody else's

    # when
    records = people_actions.export_person(actor=project_leader, person=person)[
        "other_records"
    ]

    # then: every field of each record, attendance under its enrolment
    (row,) = records["services.enrolment"]
    assert (row["id"], row["person_id"], row["service_id"]) == (
        enrolment.pk,
        str(person.pk),
        enrolment.service_id,
    )
    assert row["status"] == EnrolmentStatus.STARTED
    assert row["started_on"] == timezone.localdate().isoformat()
    (session,) = row["related"]["services.attendance"]
    assert (session["enrolment_id"], session["is_present"]) == (enrolment.pk, True)
    (registered,) = records["services.eventregistration"]
    assert (registered["event_id"], registered["has_attended"]) == (
        registration.event_id,
        True,
    )
    assert "related" not in registered


def test_a_person_without_services_records_exports_none(project_leader, person):
    records = people_actions.export_person(actor=project_leader, person=person)[
        "other_records"
    ]

    assert "services.enrolment" not in records
    assert "services.eventregistration" not in records


def test_erasure_keeps_registrations_and_attendance_and_can_run_twice(
    project_leader, person
):
    enrolment, registration = _participation(
        person,
        status=EnrolmentStatus.COMPLETED,
        completed_on=timezone.localdate(),
        completion_evidence="Certificaat 42",
    )

    people_actions.erase_person(actor=project_leader, person=person)
    people_actions.erase_person(actor=project_leader, person=person)

    enrolment.refresh_from_db()
    registration.refresh_from_db()
    assert enrolment.completion_evidence == ""
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert enrolment.attendances.get().is_present is True
    assert (registration.person_id, registration.has_attended) == (person.pk, True)


def test_the_dossier_page_offers_enrolling_to_the_holder_only(client, person):
    holder = make_actor(person.organisation, role=Role.CONSULTANT)
    partner = make_actor(role=Role.CONSULTANT)
    share_with(person, partner.organisation)
    EnrolmentFactory(person=person, service__name="Loopbaanscan Noord")
    enrol_url = f"{reverse('enrolment-create')}?{urlencode({'person': person.pk})}"
    page = reverse("person-detail", args=[person.pk])

    for actor, offered in ((holder, True), (partner, False)):
        client.force_login(actor.user)
        content = client.get(page).content.decode()
        assert "Loopbaanscan Noord" in content  # every reader sees the enrolments
        assert (enrol_url.replace("&", "&amp;") in content) is offered


def test_services_registers_a_contribution_covering_each_model_naming_a_person():
    (contribution,) = [
        c for c in contributions.registered() if c.app_label == "services"
    ]
    naming = {
        model._meta.label_lower
        for model in contributions.models_naming_a_person()
        if model._meta.app_label == "services"
    }

    assert naming == {"services.enrolment", "services.eventregistration"}
    assert naming <= {label.lower() for label in contribution.models}
    assert not [
        error
        for error in contributions.check_contributions()
        if error.obj._meta.app_label == "services"
    ]


def test_the_contribution_exports_what_the_person_export_shows(project_leader, person):
    enrolment = EnrolmentFactory(person=person, status=EnrolmentStatus.STARTED)
    Attendance.objects.create(
        enrolment=enrolment, session_on=timezone.localdate(), is_present=False
    )
    EventRegistrationFactory(person=person)
    contribution = privacy.CONTRIBUTION

    exported = people_actions.export_person(actor=project_leader, person=person)
    mine = json.loads(json.dumps(contribution.export(person), cls=DjangoJSONEncoder))

    assert {
        label: rows
        for label, rows in exported["other_records"].items()
        if label.startswith("services.")
    } == mine


def test_the_contribution_erases_the_free_text_and_offers_the_enrol_link(person):
    dropped = EnrolmentFactory(
        person=person,
        status=EnrolmentStatus.DROPPED_OUT,
        dropped_out_on=timezone.localdate(),
        drop_out_reason="Verhuisd naar Groningen",
    )
    actor = make_actor(person.organisation, role=Role.CONSULTANT)

    privacy.CONTRIBUTION.erase(person)

    dropped.refresh_from_db()
    assert dropped.drop_out_reason == ERASED_TEXT
    (link,) = privacy.CONTRIBUTION.dossier_links(actor, person)
    assert link.url == f"{reverse('enrolment-create')}?person={person.pk}"
    section = privacy.CONTRIBUTION.dossier_section(actor, person)
    assert section is not None and len(section.rows) == 1
    assert section.rows[0][0] == str(dropped.service)


def test_the_dossier_page_lists_enrolments_and_event_registrations_with_links(
    client, project_leader, person
):
    enrolment = EnrolmentFactory(person=person)
    registration = EventRegistrationFactory(person=person)
    client.force_login(project_leader.user)

    page = client.get(reverse("person-detail", args=[person.pk])).content.decode()

    assert "Dienstverlening en bijeenkomsten" in page
    assert f'href="{reverse("enrolment-detail", args=[enrolment.pk])}"' in page
    assert f'href="{reverse("event-detail", args=[registration.event_id])}"' in page
    assert registration.event.title in page
    assert "Bijeenkomst" in page
    assert "aangemeld" in page


def test_the_dossier_section_says_whether_a_past_event_was_attended(
    project_leader, person
):
    past = timezone.now() - timezone.timedelta(days=3)
    EventRegistrationFactory(person=person, has_attended=True, event__starts_at=past)
    EventRegistrationFactory(person=person, event__starts_at=past)

    section = privacy.dossier_section(project_leader, person)

    assert sorted(row[1] for row in section.rows) == [
        "aanwezig geweest",
        "niet aanwezig geweest",
    ]
    assert len(section.row_urls) == 2
