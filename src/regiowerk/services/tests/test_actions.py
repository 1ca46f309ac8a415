"""Every action of the services app, with its failures."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.people.access import AccessDenied
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services import actions
from regiowerk.services.constants import EnrolmentStatus, EventType, ServiceType
from regiowerk.services.models import Attendance, Enrolment, Service
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
    ServiceFactory,
    catalogue_keeper,
    make_actor,
    share_with,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

TODAY = timezone.localdate


def _errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- Catalogue ------------------------------------------------------------------------------


def test_a_project_leader_adds_a_service_to_their_own_catalogue():
    actor = make_actor(role=Role.PROJECT_LEADER)

    service = actions.create_service(
        actor=actor,
        name="  Loopbaanscan 45+ ",
        type=ServiceType.CAREER_RESEARCH,
        price_cents=750_00,
        capacity=12,
        themes=["mobility", "healthy_vital_work", "mobility"],
        target_groups=["50_plus"],
    )

    assert service.provider == actor.organisation
    assert service.name == "Loopbaanscan 45+"
    assert service.themes == ["mobility", "healthy_vital_work"]
    assert service.created_by == actor.user


def test_a_consultant_may_not_change_the_catalogue():
    actor = make_actor(role=Role.CONSULTANT)

    with pytest.raises(PermissionDenied):
        actions.create_service(actor=actor, name="Coaching", type=ServiceType.COACHING)
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"themes": ["world_peace"]}, "themes"),
        ({"target_groups": ["pensioners"]}, "target_groups"),
        ({"type": "magic"}, "type"),
        (
            {"active_from": date(2026, 2, 1), "active_until": date(2026, 1, 1)},
            "active_until",
        ),
        ({"capacity": 0}, "capacity"),
        ({"name": ""}, "name"),
    ],
)
def test_create_service_names_the_bad_field(changes, field):
    actor = make_actor(role=Role.ADMINISTRATOR)
    arguments = {"name": "Coaching", "type": ServiceType.COACHING, **changes}

    with pytest.raises(ValidationError) as excinfo:
        actions.create_service(actor=actor, **arguments)

    assert field in _errors(excinfo)


def test_a_provider_cannot_offer_two_services_with_the_same_name():
    actor = make_actor(role=Role.ADMINISTRATOR)
    ServiceFactory(provider=actor.organisation, name="Sollicitatietraining")

    with pytest.raises(ValidationError) as excinfo:
        actions.create_service(
            actor=actor, name="sollicitatietraining", type=ServiceType.JOB_SEARCH
        )

    assert "name" in _errors(excinfo)


def test_update_service_changes_the_given_fields():
    actor = make_actor(role=Role.PROJECT_LEADER)
    service = ServiceFactory(provider=actor.organisation)

    updated = actions.update_service(
        actor=actor, service=service, changes={"price_cents": 99_00, "capacity": 5}
    )

    service.refresh_from_db()
    assert (updated.price_cents, service.price_cents, service.capacity) == (
        99_00,
        99_00,
        5,
    )


def test_update_service_keeps_the_capacity_above_the_active_participants():
    actor = make_actor(role=Role.PROJECT_LEADER)
    service = ServiceFactory(provider=actor.organisation)
    for _ in range(3):
        EnrolmentFactory(service=service, person__organisation=actor.organisation)

    with pytest.raises(ValidationError) as excinfo:
        actions.update_service(actor=actor, service=service, changes={"capacity": 2})

    assert "capacity" in _errors(excinfo)


def test_update_service_refuses_unknown_fields_and_other_providers():
    actor = make_actor(role=Role.PROJECT_LEADER)
    own = ServiceFactory(provider=actor.organisation)
    other = ServiceFactory()

    with pytest.raises(ValidationError) as excinfo:
        actions.update_service(actor=actor, service=own, changes={"provider": 1})
    assert "provider" in _errors(excinfo)
    with pytest.raises(PermissionDenied):
        actions.update_service(actor=actor, service=other, changes={"price_cents": 1})


def test_a_deactivated_service_leaves_the_catalogue_but_enrolments_stay():
    actor = make_actor(role=Role.ADMINISTRATOR)
    enrolment = EnrolmentFactory(
        service__provider=actor.organisation, person__organisation=actor.organisation
    )

    actions.deactivate_service(actor=actor, service=enrolment.service)

    enrolment.service.refresh_from_db()
    assert not enrolment.service.is_active
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_imports_and_the_demo_add_services_as_the_system_with_no_user():
    provider = OrganisationFactory()

    service = actions.create_service(
        actor=catalogue_keeper(provider),
        name="Vitaliteitsscan",
        type=ServiceType.VITALITY,
        is_active=False,
    )

    assert service.provider == provider
    assert service.created_by is None
    assert service.is_active is False


def test_a_system_identity_without_a_catalogue_role_may_not_add_services():
    provider = OrganisationFactory()
    caseworker = Actor.system(provider, reason="test", roles=(Role.CONSULTANT,))

    with pytest.raises(PermissionDenied):
        actions.create_service(
            actor=caseworker, name="Vitaliteitsscan", type=ServiceType.VITALITY
        )


# --- Enrolling ---------------------------------------------------------------------------


@pytest.fixture
def person(consultant):
    return PersonFactory(organisation=consultant.organisation)


def test_a_consultant_enrols_their_person_in_their_own_organisations_service(
    consultant, person
):
    service = ServiceFactory(provider=consultant.organisation)

    enrolment = actions.enrol_person(actor=consultant, person=person, service=service)

    assert enrolment.status == EnrolmentStatus.REGISTERED
    assert enrolment.registered_on == TODAY()
    assert enrolment.enrolled_by == consultant.user
    assert enrolment.enrolling_organisation == consultant.organisation


def test_enrolling_with_another_provider_needs_a_sharing_consent_with_it(
    consultant, person
):
    provider = OrganisationFactory(name="Loopbaanhuis Oost")
    service = ServiceFactory(provider=provider)

    with pytest.raises(ValidationError) as excinfo:
        actions.enrol_person(actor=consultant, person=person, service=service)

    (message,) = _errors(excinfo)["service"]
    assert "Loopbaanhuis Oost" in message
    assert "consent" in message.lower() or "toestemming" in message.lower()
    assert not Enrolment.objects.exists()


def test_with_an_active_sharing_consent_the_person_is_enrolled_with_the_provider(
    consultant, person
):
    service = ServiceFactory()
    share_with(person, service.provider)

    enrolment = actions.enrol_person(actor=consultant, person=person, service=service)

    assert enrolment.service.provider != person.organisation


def test_a_withdrawn_sharing_consent_does_not_count(consultant, person):
    service = ServiceFactory()
    share_with(person, service.provider, withdrawn_on=date(2026, 2, 1))

    with pytest.raises(ValidationError):
        actions.enrol_person(actor=consultant, person=person, service=service)


def test_a_consent_with_a_different_partner_does_not_count(consultant, person):
    service = ServiceFactory()
    share_with(person, OrganisationFactory())

    with pytest.raises(ValidationError):
        actions.enrol_person(actor=consultant, person=person, service=service)


def test_a_full_service_refuses_another_enrolment(consultant, person):
    service = ServiceFactory(provider=consultant.organisation, capacity=1)
    EnrolmentFactory(service=service, person__organisation=consultant.organisation)

    with pytest.raises(ValidationError) as excinfo:
        actions.enrol_person(actor=consultant, person=person, service=service)

    assert "full" in _errors(excinfo)["service"][0] or "vol" in str(excinfo.value)


def test_finished_enrolments_free_their_place(consultant, person):
    service = ServiceFactory(provider=consultant.organisation, capacity=1)
    EnrolmentFactory(
        service=service,
        person__organisation=consultant.organisation,
        status=EnrolmentStatus.DROPPED_OUT,
        drop_out_reason="Verhuisd",
    )

    actions.enrol_person(actor=consultant, person=person, service=service)


@pytest.mark.parametrize(
    "service_kwargs",
    [
        {"is_active": False},
        {"active_from": date(2099, 1, 1)},
        {"active_until": date(2000, 1, 1)},
    ],
)
def test_an_inactive_service_cannot_be_chosen(consultant, person, service_kwargs):
    service = ServiceFactory(provider=consultant.organisation, **service_kwargs)

    with pytest.raises(ValidationError) as excinfo:
        actions.enrol_person(actor=consultant, person=person, service=service)

    assert "service" in _errors(excinfo)


def test_a_person_cannot_be_enrolled_twice_at_the_same_time(consultant, person):
    service = ServiceFactory(provider=consultant.organisation)
    actions.enrol_person(actor=consultant, person=person, service=service)

    with pytest.raises(ValidationError):
        actions.enrol_person(actor=consultant, person=person, service=service)

    assert Enrolment.objects.count() == 1


def test_a_person_may_enrol_again_after_dropping_out(consultant, person):
    service = ServiceFactory(provider=consultant.organisation)
    first = actions.enrol_person(actor=consultant, person=person, service=service)
    actions.drop_out(actor=consultant, enrolment=first, reason="Ziek")

    again = actions.enrol_person(actor=consultant, person=person, service=service)

    assert again.pk != first.pk


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.ACCOUNT_MANAGER, Role.ADMINISTRATOR]
)
def test_roles_without_casework_cannot_enrol(person, role):
    actor = make_actor(person.organisation, role=role)
    service = ServiceFactory(provider=person.organisation)

    with pytest.raises(AccessDenied):
        actions.enrol_person(actor=actor, person=person, service=service)


def test_another_organisation_cannot_enrol_a_person_it_does_not_hold(person):
    outsider = make_actor(role=Role.CONSULTANT)
    service = ServiceFactory(provider=outsider.organisation)

    with pytest.raises(AccessDenied):
        actions.enrol_person(actor=outsider, person=person, service=service)


def test_the_provider_enrols_a_person_who_shares_with_it_in_its_own_service(person):
    provider = make_actor(role=Role.CONSULTANT)
    share_with(person, provider.organisation)
    own_service = ServiceFactory(provider=provider.organisation)
    third_party_service = ServiceFactory()

    actions.enrol_person(actor=provider, person=person, service=own_service)
    with pytest.raises(AccessDenied):
        actions.enrol_person(actor=provider, person=person, service=third_party_service)


def test_an_anonymised_person_cannot_be_enrolled(consultant):
    person = PersonFactory(organisation=consultant.organisation, is_anonymised=True)
    service = ServiceFactory(provider=consultant.organisation)

    with pytest.raises(ValidationError) as excinfo:
        actions.enrol_person(actor=consultant, person=person, service=service)

    assert "person" in _errors(excinfo)


# --- Following an enrolment -----------------------------------------------------------------


@pytest.fixture
def enrolment(consultant, person):
    return EnrolmentFactory(person=person, service__provider=consultant.organisation)


def test_an_enrolment_starts_then_completes_with_evidence(consultant, enrolment):
    started = actions.start_enrolment(actor=consultant, enrolment=enrolment)
    completed = actions.complete_enrolment(
        actor=consultant, enrolment=started, evidence=" CERT-2026-0042 "
    )

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert (enrolment.started_on, enrolment.completed_on) == (TODAY(), TODAY())
    assert enrolment.completion_evidence == "CERT-2026-0042"
    assert completed.version == enrolment.version == 3


def test_completion_needs_evidence(consultant, enrolment):
    actions.start_enrolment(actor=consultant, enrolment=enrolment)

    with pytest.raises(ValidationError) as excinfo:
        actions.complete_enrolment(actor=consultant, enrolment=enrolment, evidence=" ")

    assert "evidence" in _errors(excinfo)


def test_a_registered_enrolment_cannot_be_completed_without_starting(
    consultant, enrolment
):
    with pytest.raises(ValidationError) as excinfo:
        actions.complete_enrolment(actor=consultant, enrolment=enrolment, evidence="X")

    assert "status" in _errors(excinfo)


def test_dropping_out_records_the_reason(consultant, enrolment):
    dropped = actions.drop_out(
        actor=consultant, enrolment=enrolment, reason="Heeft werk gevonden"
    )

    assert dropped.status == EnrolmentStatus.DROPPED_OUT
    assert dropped.drop_out_reason == "Heeft werk gevonden"
    assert dropped.dropped_out_on == TODAY()


def test_dropping_out_needs_a_reason(consultant, enrolment):
    with pytest.raises(ValidationError) as excinfo:
        actions.drop_out(actor=consultant, enrolment=enrolment, reason="  ")

    assert "drop_out_reason" in _errors(excinfo)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REGISTERED


def test_a_completed_enrolment_is_final(consultant, enrolment):
    actions.start_enrolment(actor=consultant, enrolment=enrolment)
    actions.complete_enrolment(actor=consultant, enrolment=enrolment, evidence="C-1")

    with pytest.raises(ValidationError):
        actions.drop_out(actor=consultant, enrolment=enrolment, reason="Te laat")


def test_a_start_cannot_be_dated_before_the_registration(consultant, enrolment):
    with pytest.raises(ValidationError) as excinfo:
        actions.start_enrolment(
            actor=consultant,
            enrolment=enrolment,
            started_on=enrolment.registered_on - timedelta(days=1),
        )

    assert "started_on" in _errors(excinfo)


def test_a_stale_version_is_refused(consultant, enrolment):
    loaded_version = enrolment.version
    actions.start_enrolment(actor=consultant, enrolment=enrolment)

    with pytest.raises(ConcurrentEditError):
        actions.drop_out(
            actor=consultant,
            enrolment=enrolment,
            reason="Ziek",
            expected_version=loaded_version,
        )


def test_satisfaction_is_recorded_once_started_and_only_from_1_to_10(
    consultant, enrolment
):
    with pytest.raises(ValidationError) as excinfo:
        actions.rate_enrolment(actor=consultant, enrolment=enrolment, score=8)
    assert "status" in _errors(excinfo)

    actions.start_enrolment(actor=consultant, enrolment=enrolment)
    for bad in (0, 11):
        with pytest.raises(ValidationError) as excinfo:
            actions.rate_enrolment(actor=consultant, enrolment=enrolment, score=bad)
        assert "score" in _errors(excinfo)

    rated = actions.rate_enrolment(actor=consultant, enrolment=enrolment, score=8)
    assert rated.satisfaction_score == 8


def test_attendance_is_recorded_once_per_session_and_can_be_corrected(
    consultant, enrolment
):
    started_on = TODAY() - timedelta(days=10)
    actions.start_enrolment(
        actor=consultant, enrolment=enrolment, started_on=started_on
    )

    actions.record_attendance(
        actor=consultant, enrolment=enrolment, session_on=started_on, is_present=False
    )
    actions.record_attendance(
        actor=consultant, enrolment=enrolment, session_on=started_on, is_present=True
    )

    (attendance,) = Attendance.objects.filter(enrolment=enrolment)
    assert attendance.is_present
    assert attendance.recorded_by == consultant.user


@pytest.mark.parametrize(
    ("days_after_start", "field"), [(-1, "session_on"), (365, "session_on")]
)
def test_attendance_must_fall_between_the_start_and_today(
    consultant, enrolment, days_after_start, field
):
    started_on = TODAY() - timedelta(days=10)
    actions.start_enrolment(
        actor=consultant, enrolment=enrolment, started_on=started_on
    )

    with pytest.raises(ValidationError) as excinfo:
        actions.record_attendance(
            actor=consultant,
            enrolment=enrolment,
            session_on=started_on + timedelta(days=days_after_start),
            is_present=True,
        )

    assert field in _errors(excinfo)


def test_attendance_needs_a_started_enrolment(consultant, enrolment):
    with pytest.raises(ValidationError) as excinfo:
        actions.record_attendance(
            actor=consultant, enrolment=enrolment, session_on=TODAY(), is_present=True
        )

    assert "status" in _errors(excinfo)


def test_the_provider_follows_the_enrolment_while_the_person_shares_with_it(
    consultant, person
):
    provider = make_actor(role=Role.CONSULTANT)
    consent = share_with(person, provider.organisation)
    service = ServiceFactory(provider=provider.organisation)
    enrolment = actions.enrol_person(actor=consultant, person=person, service=service)

    actions.start_enrolment(actor=provider, enrolment=enrolment)

    consent.withdrawn_on = TODAY()
    consent.save()
    with pytest.raises(AccessDenied):
        actions.drop_out(actor=provider, enrolment=enrolment, reason="Ziek")


def test_a_sharing_partner_does_not_change_an_enrolment_in_another_providers_service(
    enrolment,
):
    # given: a partner the person shares with, who does not provide the service
    partner = make_actor(role=Role.CONSULTANT)
    share_with(enrolment.person, partner.organisation)
    actions.start_enrolment(
        actor=make_actor(enrolment.person.organisation), enrolment=enrolment
    )

    # when / then: it reads the person, but the enrolment is the provider's work
    for change in (
        lambda: actions.drop_out(actor=partner, enrolment=enrolment, reason="Ziek"),
        lambda: actions.record_attendance(
            actor=partner, enrolment=enrolment, session_on=TODAY(), is_present=True
        ),
        lambda: actions.rate_enrolment(actor=partner, enrolment=enrolment, score=8),
    ):
        with pytest.raises(AccessDenied):
            change()


def test_an_unrelated_organisation_cannot_touch_an_enrolment(enrolment):
    outsider = make_actor(role=Role.CONSULTANT)

    with pytest.raises(AccessDenied):
        actions.start_enrolment(actor=outsider, enrolment=enrolment)


# --- Events --------------------------------------------------------------------------------


def _event_times():
    starts_at = timezone.now() + timedelta(days=14)
    return starts_at, starts_at + timedelta(hours=3)


def test_a_consultant_creates_an_event_for_their_organisation(consultant):
    starts_at, ends_at = _event_times()

    event = actions.create_event(
        actor=consultant,
        title="Lerend netwerk Zorg",
        type=EventType.NETWORK_MEETING,
        starts_at=starts_at,
        ends_at=ends_at,
        place="Bibliotheek",
        is_learning_network_meeting=True,
        network_name="Zorg en welzijn",
        capacity=30,
    )

    assert event.organiser == consultant.organisation
    assert event.created_by == consultant.user


def test_analysts_do_not_organise_events():
    starts_at, ends_at = _event_times()
    analyst = make_actor(role=Role.ANALYST)

    with pytest.raises(PermissionDenied):
        actions.create_event(
            actor=analyst,
            title="X",
            type=EventType.REGIONAL,
            starts_at=starts_at,
            ends_at=ends_at,
            place="Y",
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": timezone.now()}, "ends_at"),
        ({"is_learning_network_meeting": True}, "network_name"),
        ({"type": "party"}, "type"),
        ({"place": ""}, "place"),
    ],
)
def test_create_event_names_the_bad_field(consultant, changes, field):
    starts_at, ends_at = _event_times()
    arguments = {
        "title": "Informatiebijeenkomst",
        "type": EventType.INFORMATION_SESSION,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": "UWV-kantoor",
        **changes,
    }

    with pytest.raises(ValidationError) as excinfo:
        actions.create_event(actor=consultant, **arguments)

    assert field in _errors(excinfo)


def test_update_event_keeps_the_capacity_above_the_registrations(consultant):
    event = EventFactory(organiser=consultant.organisation)
    EventRegistrationFactory.create_batch(2, event=event)

    with pytest.raises(ValidationError) as excinfo:
        actions.update_event(actor=consultant, event=event, changes={"capacity": 1})
    assert "capacity" in _errors(excinfo)

    updated = actions.update_event(
        actor=consultant, event=event, changes={"capacity": 2, "place": "Zaal 4"}
    )
    assert (updated.capacity, updated.place) == (2, "Zaal 4")


def test_a_consultant_registers_their_person_for_an_event(consultant, person):
    event = EventFactory()

    registration = actions.register_for_event(
        actor=consultant, event=event, person=person
    )

    assert registration.person == person
    assert registration.registering_organisation == consultant.organisation
    assert not registration.has_attended


def test_a_full_event_refuses_a_registration(consultant, person):
    event = EventFactory(capacity=1)
    EventRegistrationFactory(event=event)

    with pytest.raises(ValidationError) as excinfo:
        actions.register_for_event(actor=consultant, event=event, person=person)

    assert "event" in _errors(excinfo)


def test_a_person_is_registered_once_per_event(consultant, person):
    event = EventFactory()
    actions.register_for_event(actor=consultant, event=event, person=person)

    with pytest.raises(ValidationError) as excinfo:
        actions.register_for_event(actor=consultant, event=event, person=person)

    assert "person" in _errors(excinfo)


def test_only_someone_who_may_read_the_person_registers_them(person):
    event = EventFactory()
    outsider = make_actor(event.organiser, role=Role.CONSULTANT)

    with pytest.raises(AccessDenied):
        actions.register_for_event(actor=outsider, event=event, person=person)


def test_whoever_may_read_the_person_records_event_attendance_not_the_organiser(
    consultant, person
):
    # given: an event of another organisation, held two days ago
    registration = EventRegistrationFactory(person=person, event__past=True)
    organiser = make_actor(registration.event.organiser, role=Role.ACCOUNT_MANAGER)
    outsider = make_actor(role=Role.CONSULTANT)

    # when / then: the person's consultant records it; organising the event gives no
    # right to a person one may not see
    actions.record_event_attendance(actor=consultant, registration=registration)
    for actor in (organiser, outsider):
        with pytest.raises(AccessDenied):
            actions.record_event_attendance(
                actor=actor, registration=registration, has_attended=False
            )

    registration.refresh_from_db()
    assert registration.has_attended is True


def test_a_sharing_partner_records_event_attendance_of_a_person_shared_with_it(person):
    registration = EventRegistrationFactory(person=person, event__past=True)
    partner = make_actor(role=Role.CONSULTANT)
    share_with(person, partner.organisation)

    actions.record_event_attendance(actor=partner, registration=registration)

    registration.refresh_from_db()
    assert registration.has_attended is True


def test_no_attendance_for_an_event_that_has_not_begun(consultant, person):
    registration = EventRegistrationFactory(person=person)  # next week

    with pytest.raises(ValidationError) as refused:
        actions.record_event_attendance(actor=consultant, registration=registration)
    actions.record_event_attendance(
        actor=consultant, registration=registration, has_attended=False
    )

    assert set(refused.value.message_dict) == {"has_attended"}
    registration.refresh_from_db()
    assert registration.has_attended is False


def test_attendance_can_be_recorded_once_the_event_has_begun(consultant, person):
    registration = EventRegistrationFactory(
        person=person,
        event__starts_at=timezone.now() - timedelta(minutes=5),
        event__ends_at=timezone.now() + timedelta(hours=1),
    )

    actions.record_event_attendance(actor=consultant, registration=registration)

    registration.refresh_from_db()
    assert registration.has_attended is True


def test_the_organiser_sets_the_anonymous_head_count(consultant):
    event = EventFactory(organiser=consultant.organisation)

    actions.set_anonymous_head_count(actor=consultant, event=event, count=23)

    event.refresh_from_db()
    assert event.anonymous_head_count == 23


def test_a_head_count_cannot_be_negative_or_set_by_another_organisation(consultant):
    event = EventFactory(organiser=consultant.organisation)

    with pytest.raises(ValidationError) as excinfo:
        actions.set_anonymous_head_count(actor=consultant, event=event, count=-1)
    assert "anonymous_head_count" in _errors(excinfo)
    with pytest.raises(PermissionDenied):
        actions.set_anonymous_head_count(
            actor=make_actor(role=Role.CONSULTANT), event=event, count=5
        )


def test_erasing_a_person_blanks_their_enrolment_texts_but_keeps_the_outcomes():
    from regiowerk.people import actions as people_actions

    # given: a completed and a dropped-out enrolment with free text about the person
    actor = make_actor()
    person = PersonFactory(organisation=actor.organisation)
    done = EnrolmentFactory(
        person=person,
        status=EnrolmentStatus.COMPLETED,
        completion_evidence="Diploma 123",
    )
    dropped = EnrolmentFactory(
        person=person,
        status=EnrolmentStatus.DROPPED_OUT,
        drop_out_reason="Ziek na auto-ongeluk",
    )

    # when
    people_actions.erase_person(
        actor=make_actor(actor.organisation, Role.PROJECT_LEADER), person=person
    )

    # then
    done.refresh_from_db()
    dropped.refresh_from_db()
    assert (done.status, done.completion_evidence) == (EnrolmentStatus.COMPLETED, "")
    assert dropped.status == EnrolmentStatus.DROPPED_OUT
    assert dropped.drop_out_reason == "(verwijderd)"
