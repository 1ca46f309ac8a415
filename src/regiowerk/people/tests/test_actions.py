"""Every action's rules, with the success and failure cases sharing their setup."""

import json
from datetime import date, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.organisations.constants import Role
from regiowerk.people import actions
from regiowerk.people.access import AccessDenied
from regiowerk.people.constants import (
    AccessPurpose,
    ConsentPurpose,
    ContactStatus,
    ContactType,
    ContractType,
    DossierStatus,
    LabourStatus,
    ObservationSource,
)
from regiowerk.people.models import AccessLog, Consent, LabourStatusObservation, Person
from regiowerk.people.tests.factories import (
    DossierFactory,
    PersonFactory,
    PlanActionFactory,
    make_bsns,
)

pytestmark = pytest.mark.django_db
BSN_A, BSN_B, BSN_C = make_bsns(3, seed=42)
TODAY = timezone.localdate()


def register(actor, **overrides):
    values = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "labour_status": LabourStatus.WW_BENEFIT,
        "birth_date": date(1970, 4, 2),
    }
    return actions.register_person(actor=actor, **{**values, **overrides})


def test_a_likely_duplicate_is_refused_unless_registered_anyway(
    consultant, partner_consultant
):
    first = register(consultant).person

    with pytest.raises(ValidationError) as excinfo:
        register(consultant, first_name="FATIMA", last_name="el amrani")
    elsewhere = register(partner_consultant).person  # another partner's own record
    anyway = register(consultant, register_anyway=True).person
    without_birth_date = [
        register(consultant, birth_date=None).person for _ in range(2)
    ]  # a name alone is no duplicate

    assert error_fields(excinfo) == {"register_anyway"}
    assert (
        len({first.pk, elsewhere.pk, anyway.pk, *(p.pk for p in without_birth_date)})
        == 5
    )


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# --- register_person -----------------------------------------------------------------------


def test_register_person_stores_the_person_with_a_first_status_observation(
    consultant, organisation
):
    result = register(
        consultant,
        postcode="8011ab",
        labour_status_since=date(2026, 1, 15),
        bsn=BSN_A,
    )

    person = Person.objects.get(pk=result.person.pk)
    assert person.organisation == organisation
    assert person.region == organisation.region
    assert person.postcode == "8011 AB"
    assert person.birth_year == 1970
    assert person.is_50_plus
    assert person.has_bsn and person.bsn_encrypted is None
    assert BSN_A not in person.bsn_pseudonym
    assert result.notices == []
    observation = LabourStatusObservation.objects.get(person=person)
    assert observation.status == LabourStatus.WW_BENEFIT
    assert observation.observed_on == date(2026, 1, 15)


def test_register_person_refuses_a_bsn_failing_the_elfproef_without_echoing_it(
    consultant,
):
    wrong = BSN_A[:-1] + str((int(BSN_A[-1]) + 1) % 10)

    with pytest.raises(ValidationError) as excinfo:
        register(consultant, bsn=wrong)

    assert error_fields(excinfo) == {"bsn"}
    assert wrong not in str(excinfo.value)
    assert not Person.objects.exists()


def test_register_person_refuses_a_bsn_already_registered_in_the_organisation(
    consultant,
):
    register(consultant, bsn=BSN_A)

    with pytest.raises(ValidationError) as excinfo:
        register(consultant, bsn=f" {BSN_A[:3]}.{BSN_A[3:]} ")

    assert error_fields(excinfo) == {"bsn"}
    assert BSN_A not in str(excinfo.value)
    assert Person.objects.count() == 1


def test_a_bsn_known_at_another_partner_is_registered_flagged_and_counted_once(
    consultant, partner_consultant
):
    first = register(consultant, bsn=BSN_A).person

    result = register(partner_consultant, bsn=BSN_A)

    assert result.is_known_elsewhere
    assert len(result.notices) == 1
    assert first.organisation.name not in result.notices[0]
    second = result.person
    first.refresh_from_db()
    assert first.has_duplicate_elsewhere and second.has_duplicate_elsewhere
    assert first.counts_in_region and not second.counts_in_region
    assert first.bsn_pseudonym == second.bsn_pseudonym


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.ACCOUNT_MANAGER, Role.ADMINISTRATOR]
)
def test_only_casework_roles_register_persons(organisation, make_actor, role):
    with pytest.raises(PermissionDenied):
        register(make_actor(organisation, role))
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"first_name": "  "}, "first_name"),
        ({"labour_status": "retired"}, "labour_status"),
        ({"birth_date": TODAY + timedelta(days=1)}, "birth_date"),
        ({"postcode": "ABCD 12"}, "postcode"),
        ({"email": "not-an-address"}, "email"),
        ({"labour_status_since": TODAY + timedelta(days=3)}, "labour_status_since"),
        ({"bsn_reporting_consent": True}, "bsn"),
        ({"labour_status": ""}, "labour_status"),
        ({"is_anonymised": True}, "is_anonymised"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_register_person_names_the_bad_field(consultant, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        register(consultant, **overrides)
    assert field in error_fields(excinfo)
    assert not Person.objects.exists()


def test_registering_with_bsn_reporting_consent_stores_the_bsn_encrypted(consultant):
    person = register(consultant, bsn=BSN_A, bsn_reporting_consent=True).person

    assert person.bsn_encrypted and BSN_A not in person.bsn_encrypted
    assert Consent.objects.get(person=person).purpose == ConsentPurpose.BSN_REPORTING


# --- update_person ---------------------------------------------------------------------------


def test_update_person_changes_fields_and_bumps_the_version(consultant):
    person = register(consultant).person

    updated = actions.update_person(
        actor=consultant,
        person=person,
        version=person.version,
        changes={"city": "Zwolle", "phone": "038 123 45 67"},
    )

    assert updated.version == person.version + 1
    person.refresh_from_db()
    assert (person.city, person.phone) == ("Zwolle", "038 123 45 67")


def test_update_person_refuses_a_stale_version(consultant):
    person = register(consultant).person
    actions.update_person(
        actor=consultant, person=person, version=1, changes={"city": "Kampen"}
    )

    with pytest.raises(ConcurrentEditError):
        actions.update_person(
            actor=consultant, person=person, version=1, changes={"city": "Zwolle"}
        )
    person.refresh_from_db()
    assert person.city == "Kampen"


def test_update_person_refuses_fields_outside_the_form(consultant):
    person = register(consultant).person
    with pytest.raises(ValidationError) as excinfo:
        actions.update_person(
            actor=consultant,
            person=person,
            version=1,
            changes={"is_anonymised": True, "bsn_pseudonym": "x"},
        )
    assert error_fields(excinfo) == {"is_anonymised", "bsn_pseudonym"}


def test_a_changed_labour_status_is_recorded_as_an_observation(consultant):
    person = register(consultant).person

    actions.update_person(
        actor=consultant,
        person=person,
        version=1,
        changes={"labour_status": LabourStatus.EMPLOYED},
    )

    statuses = set(person.labour_status_observations.values_list("status", flat=True))
    assert statuses == {LabourStatus.WW_BENEFIT, LabourStatus.EMPLOYED}


def test_another_organisation_cannot_update_a_person(consultant, partner_consultant):
    person = register(consultant).person
    with pytest.raises(AccessDenied):
        actions.update_person(
            actor=partner_consultant, person=person, version=1, changes={"city": "X"}
        )


def test_a_bsn_added_later_is_checked_for_duplicates(consultant):
    register(consultant, bsn=BSN_A)
    person = register(consultant, first_name="Anders").person

    with pytest.raises(ValidationError) as excinfo:
        actions.update_person(
            actor=consultant, person=person, version=1, changes={}, bsn=BSN_A
        )
    assert error_fields(excinfo) == {"bsn"}

    actions.update_person(
        actor=consultant, person=person, version=1, changes={}, bsn=BSN_B
    )
    person.refresh_from_db()
    assert person.has_bsn


# --- dossiers ---------------------------------------------------------------------------------


@pytest.fixture
def dossier(consultant):
    person = register(consultant).person
    return actions.open_dossier(
        actor=consultant, person=person, opened_on=date(2026, 1, 5)
    )


def test_a_person_has_at_most_one_open_dossier_per_organisation(consultant, dossier):
    with pytest.raises(ValidationError) as excinfo:
        actions.open_dossier(actor=consultant, person=dossier.person)
    assert error_fields(excinfo) == {NON_FIELD_ERRORS}

    actions.close_dossier(actor=consultant, dossier=dossier, version=1)
    again = actions.open_dossier(actor=consultant, person=dossier.person)
    assert again.status == DossierStatus.OPEN


def test_close_dossier_refuses_a_date_before_opening_and_a_stale_version(
    consultant, dossier
):
    with pytest.raises(ValidationError) as excinfo:
        actions.close_dossier(
            actor=consultant, dossier=dossier, version=1, closed_on=date(2025, 12, 31)
        )
    assert error_fields(excinfo) == {"closed_on"}
    with pytest.raises(ConcurrentEditError):
        actions.close_dossier(actor=consultant, dossier=dossier, version=7)

    closed = actions.close_dossier(
        actor=consultant, dossier=dossier, version=1, reason="werk gevonden"
    )
    assert (closed.status, closed.closed_on) == (DossierStatus.CLOSED, TODAY)


def test_record_intake_merges_answers_and_none_clears_one(consultant, dossier):
    dossier = actions.record_intake(
        actor=consultant,
        dossier=dossier,
        version=1,
        answers={"has_debts": True, "available_hours_per_week": 24, "wishes": " zorg "},
    )
    dossier = actions.record_intake(
        actor=consultant,
        dossier=dossier,
        version=2,
        answers={"has_debts": None, "has_driving_licence": True},
    )

    dossier.refresh_from_db()
    assert dossier.intake == {
        "available_hours_per_week": 24,
        "wishes": "zorg",
        "has_driving_licence": True,
    }
    assert dossier.intake_recorded_on == TODAY


def test_record_intake_names_every_wrong_answer_and_saves_nothing(consultant, dossier):
    with pytest.raises(ValidationError) as excinfo:
        actions.record_intake(
            actor=consultant,
            dossier=dossier,
            version=1,
            answers={
                "available_hours_per_week": 80,
                "has_debts": "soms",
                "favourite_colour": "blauw",
            },
        )
    assert error_fields(excinfo) == {
        "available_hours_per_week",
        "has_debts",
        "favourite_colour",
    }
    dossier.refresh_from_db()
    assert dossier.intake == {} and dossier.version == 1


def test_a_closed_dossier_refuses_intake_goals_plan_and_contacts(consultant, dossier):
    dossier = actions.close_dossier(actor=consultant, dossier=dossier, version=1)
    attempts = [
        lambda: actions.record_intake(
            actor=consultant, dossier=dossier, version=2, answers={"has_debts": False}
        ),
        lambda: actions.update_goals(
            actor=consultant, dossier=dossier, version=2, goals="x"
        ),
        lambda: actions.add_plan_action(
            actor=consultant, dossier=dossier, description="x"
        ),
        lambda: actions.record_contact(
            actor=consultant,
            dossier=dossier,
            type=ContactType.PHONE,
            occurred_at=timezone.now(),
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as excinfo:
            attempt()
        assert error_fields(excinfo) == {"status"}


def test_update_goals_refuses_a_concurrent_edit(consultant, dossier):
    actions.update_goals(
        actor=consultant, dossier=dossier, version=1, goals="Werk in de zorg"
    )

    with pytest.raises(ConcurrentEditError):
        actions.update_goals(
            actor=consultant, dossier=dossier, version=1, goals="Anders"
        )
    dossier.refresh_from_db()
    assert dossier.goals == "Werk in de zorg"


def test_a_partner_cannot_write_in_another_organisations_dossier(
    partner_consultant, dossier
):
    with pytest.raises(AccessDenied):
        actions.update_goals(
            actor=partner_consultant, dossier=dossier, version=1, goals="x"
        )


def test_plan_actions_need_a_description_and_are_completed_once(consultant, dossier):
    with pytest.raises(ValidationError) as excinfo:
        actions.add_plan_action(actor=consultant, dossier=dossier, description="  ")
    assert error_fields(excinfo) == {"description"}

    action = actions.add_plan_action(
        actor=consultant,
        dossier=dossier,
        description="Cv bijwerken",
        due_on=date(2026, 2, 1),
        responsible="deelnemer",
    )
    actions.complete_plan_action(actor=consultant, plan_action=action)
    assert action.done_on == TODAY
    with pytest.raises(ValidationError) as excinfo:
        actions.complete_plan_action(actor=consultant, plan_action=action)
    assert error_fields(excinfo) == {"done_on"}


def test_complete_plan_action_refuses_a_future_date(consultant):
    action = PlanActionFactory(
        dossier=DossierFactory(
            organisation=consultant.organisation,
            person=PersonFactory(organisation=consultant.organisation),
        )
    )
    with pytest.raises(ValidationError) as excinfo:
        actions.complete_plan_action(
            actor=consultant, plan_action=action, done_on=TODAY + timedelta(days=1)
        )
    assert error_fields(excinfo) == {"done_on"}


def test_record_contact_keeps_notes_and_refuses_the_future_and_unknown_types(
    consultant, dossier
):
    moment = actions.record_contact(
        actor=consultant,
        dossier=dossier,
        type=ContactType.THREE_WAY_TALK,
        occurred_at=timezone.now(),
        notes="Driegesprek met werkgever",
    )
    assert moment.recorded_by == consultant.user

    with pytest.raises(ValidationError) as excinfo:
        actions.record_contact(
            actor=consultant,
            dossier=dossier,
            type=ContactType.PHONE,
            occurred_at=timezone.now() + timedelta(days=1),
        )
    assert error_fields(excinfo) == {"occurred_at"}
    with pytest.raises(ValidationError) as excinfo:
        actions.record_contact(
            actor=consultant,
            dossier=dossier,
            type="carrier pigeon",
            occurred_at=timezone.now(),
        )
    assert error_fields(excinfo) == {"type"}


# --- consent --------------------------------------------------------------------------------


def test_sharing_consent_needs_another_active_partner(
    consultant, partner, organisation
):
    person = register(consultant).person
    for partner_arg in (None, organisation):
        with pytest.raises(ValidationError) as excinfo:
            actions.give_consent(
                actor=consultant,
                person=person,
                purpose=ConsentPurpose.SHARING,
                partner=partner_arg,
            )
        assert error_fields(excinfo) == {"partner"}
    with pytest.raises(ValidationError) as excinfo:
        actions.give_consent(
            actor=consultant,
            person=person,
            purpose=ConsentPurpose.RESEARCH,
            partner=partner,
        )
    assert error_fields(excinfo) == {"partner"}


def test_giving_an_active_consent_again_returns_the_same_consent(consultant, partner):
    person = register(consultant).person
    first = actions.give_consent(
        actor=consultant, person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    again = actions.give_consent(
        actor=consultant, person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    assert first == again
    assert first.recorded_by == consultant.user and first.given_on == TODAY


def test_bsn_reporting_consent_needs_the_matching_bsn(consultant):
    person = register(consultant, bsn=BSN_A).person

    with pytest.raises(ValidationError) as excinfo:
        actions.give_consent(
            actor=consultant, person=person, purpose=ConsentPurpose.BSN_REPORTING
        )
    assert error_fields(excinfo) == {"bsn"}
    with pytest.raises(ValidationError) as excinfo:
        actions.give_consent(
            actor=consultant,
            person=person,
            purpose=ConsentPurpose.BSN_REPORTING,
            bsn=BSN_B,
        )
    assert error_fields(excinfo) == {"bsn"}
    assert BSN_B not in str(excinfo.value)

    actions.give_consent(
        actor=consultant, person=person, purpose=ConsentPurpose.BSN_REPORTING, bsn=BSN_A
    )
    person.refresh_from_db()
    assert person.bsn_encrypted


def test_bsn_reporting_consent_can_register_a_first_bsn(consultant):
    person = register(consultant).person
    actions.give_consent(
        actor=consultant, person=person, purpose=ConsentPurpose.BSN_REPORTING, bsn=BSN_C
    )
    person.refresh_from_db()
    assert person.has_bsn and person.bsn_encrypted


def test_withdrawing_bsn_reporting_consent_deletes_the_encrypted_bsn_at_once(
    consultant,
):
    person = register(consultant, bsn=BSN_A, bsn_reporting_consent=True).person
    consent = person.consents.get()

    actions.withdraw_consent(actor=consultant, consent=consent)

    person.refresh_from_db()
    assert person.bsn_encrypted is None
    assert person.has_bsn  # the pseudonym stays for de-duplication
    assert consent.withdrawn_by == consultant.user
    with pytest.raises(ValidationError) as excinfo:
        actions.withdraw_consent(actor=consultant, consent=consent)
    assert error_fields(excinfo) == {"withdrawn_on"}


def test_withdrawal_cannot_precede_the_consent(consultant):
    person = register(consultant).person
    consent = actions.give_consent(
        actor=consultant,
        person=person,
        purpose=ConsentPurpose.RESEARCH,
        given_on=date(2026, 1, 10),
    )
    with pytest.raises(ValidationError) as excinfo:
        actions.withdraw_consent(
            actor=consultant, consent=consent, withdrawn_on=date(2026, 1, 9)
        )
    assert error_fields(excinfo) == {"withdrawn_on"}


def test_a_partner_cannot_record_consent_for_a_person_it_does_not_hold(
    consultant, partner_consultant
):
    person = register(consultant).person
    with pytest.raises(AccessDenied):
        actions.give_consent(
            actor=partner_consultant,
            person=person,
            purpose=ConsentPurpose.RESEARCH,
        )


# --- labour status ----------------------------------------------------------------------------


def test_a_newer_observation_becomes_the_current_status(consultant):
    person = register(consultant, labour_status_since=date(2026, 1, 1)).person

    actions.record_labour_status(
        actor=consultant,
        person=person,
        observed_on=date(2026, 6, 1),
        status=LabourStatus.EMPLOYED,
        contract_type=ContractType.TEMPORARY,
        source=ObservationSource.SELF_REPORT,
    )

    person.refresh_from_db()
    assert person.labour_status == LabourStatus.EMPLOYED
    assert person.labour_status_since == date(2026, 6, 1)
    assert person.version == 2  # an edit form opened before is now out of date


def test_an_older_observation_is_history_only(consultant):
    person = register(consultant, labour_status_since=date(2026, 3, 1)).person

    actions.record_labour_status(
        actor=consultant,
        person=person,
        observed_on=date(2025, 6, 1),
        status=LabourStatus.EMPLOYED,
    )

    person.refresh_from_db()
    assert person.labour_status == LabourStatus.WW_BENEFIT
    assert person.labour_status_observations.count() == 2


def test_record_labour_status_names_bad_fields(consultant):
    person = register(consultant).person
    with pytest.raises(ValidationError) as excinfo:
        actions.record_labour_status(
            actor=consultant,
            person=person,
            observed_on=TODAY + timedelta(days=1),
            status=LabourStatus.EMPLOYED,
        )
    assert error_fields(excinfo) == {"observed_on"}
    with pytest.raises(ValidationError) as excinfo:
        actions.record_labour_status(
            actor=consultant,
            person=person,
            observed_on=TODAY,
            status=LabourStatus.EMPLOYED,
            source="rumour",
        )
    assert error_fields(excinfo) == {"source"}


# --- data-subject rights --------------------------------------------------------------------------


def test_export_contains_everything_but_the_bsn_and_is_logged(consultant, partner):
    person = register(consultant, bsn=BSN_A, bsn_reporting_consent=True).person
    dossier = actions.open_dossier(actor=consultant, person=person)
    actions.record_intake(
        actor=consultant, dossier=dossier, version=1, answers={"has_debts": True}
    )
    actions.add_plan_action(
        actor=consultant, dossier=dossier, description="Sollicitatietraining"
    )
    actions.record_contact(
        actor=consultant,
        dossier=dossier,
        type=ContactType.INTAKE,
        occurred_at=timezone.now(),
        notes="Intakegesprek",
    )
    actions.give_consent(
        actor=consultant, person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )

    data = actions.export_person(actor=consultant, person=person)

    text = json.dumps(data)
    assert BSN_A not in text
    assert person.bsn_pseudonym not in text
    assert "bsn_encrypted" not in text
    assert data["person"]["bsn_registered"] is True
    assert data["person"]["first_name"] == "Fatima"
    assert data["dossiers"][0]["intake"] == {"has_debts": True}
    assert (
        data["dossiers"][0]["plan_actions"][0]["description"] == "Sollicitatietraining"
    )
    assert data["dossiers"][0]["contact_moments"][0]["notes"] == "Intakegesprek"
    assert {c["purpose"] for c in data["consents"]} == {"bsn_reporting", "sharing"}
    assert len(data["labour_status_observations"]) == 1
    assert AccessLog.objects.filter(
        person=person, purpose=AccessPurpose.DATA_SUBJECT_REQUEST, what="export"
    ).exists()


def test_erasure_anonymises_the_person_and_keeps_the_counts(
    consultant, partner_consultant, project_leader
):
    # given a person known at two partners, with a dossier
    person = register(
        consultant,
        bsn=BSN_A,
        bsn_reporting_consent=True,
        postcode="8011 AB",
        city="Zwolle",
    ).person
    twin = register(partner_consultant, bsn=BSN_A).person
    dossier = actions.open_dossier(actor=consultant, person=person)
    actions.update_goals(actor=consultant, dossier=dossier, version=1, goals="Zorg")
    actions.record_contact(
        actor=consultant,
        dossier=dossier,
        type=ContactType.COACHING,
        occurred_at=timezone.now(),
        notes="Privé",
    )
    # when
    actions.erase_person(actor=project_leader, person=person)
    # then
    person.refresh_from_db()
    assert person.is_anonymised and person.anonymised_on == TODAY
    assert (person.first_name, person.last_name, person.email, person.city) == ("",) * 4
    assert person.birth_date is None and person.birth_year == 1970
    assert person.postcode == "8011"
    assert person.bsn_pseudonym == "" and person.bsn_encrypted is None
    assert person.labour_status == LabourStatus.WW_BENEFIT
    dossier.refresh_from_db()
    assert dossier.goals == "" and dossier.is_anonymised
    assert dossier.contact_moments.get().notes == ""
    assert person.labour_status_observations.count() == 1
    assert person.consents.count() == 1
    twin.refresh_from_db()
    assert not twin.has_duplicate_elsewhere
    # erasing again changes nothing
    actions.erase_person(actor=project_leader, person=person)


def test_an_anonymised_person_cannot_be_edited(consultant, project_leader):
    person = register(consultant).person
    actions.erase_person(actor=project_leader, person=person)
    person.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.update_person(
            actor=consultant,
            person=person,
            version=person.version,
            changes={"city": "X"},
        )
    with pytest.raises(ValidationError):
        actions.open_dossier(actor=consultant, person=person)


def test_only_the_holding_organisation_exports_or_erases(
    consultant, partner_consultant
):
    person = register(consultant).person
    with pytest.raises(AccessDenied):
        actions.export_person(actor=partner_consultant, person=person)
    with pytest.raises(AccessDenied):
        actions.erase_person(actor=partner_consultant, person=person)


def test_retention_anonymises_dossiers_and_persons_past_their_period(consultant):
    # given: one person whose only dossier closed long ago, one with a recent dossier,
    # and one with an old closed dossier but also an open one
    expired_person = register(consultant, first_name="Verlopen").person
    recent_person = register(consultant, first_name="Recent").person
    busy_person = register(consultant, first_name="Bezig").person
    old = actions.open_dossier(
        actor=consultant, person=expired_person, opened_on=date(2020, 1, 1)
    )
    actions.update_goals(actor=consultant, dossier=old, version=1, goals="Oud doel")
    actions.close_dossier(
        actor=consultant, dossier=old, version=2, closed_on=date(2021, 1, 1)
    )
    recent = actions.open_dossier(
        actor=consultant, person=recent_person, opened_on=date(2020, 1, 1)
    )
    actions.close_dossier(
        actor=consultant, dossier=recent, version=1, closed_on=date(2025, 12, 1)
    )
    busy_old = actions.open_dossier(
        actor=consultant, person=busy_person, opened_on=date(2020, 1, 1)
    )
    actions.close_dossier(
        actor=consultant, dossier=busy_old, version=1, closed_on=date(2021, 1, 1)
    )
    actions.open_dossier(
        actor=consultant, person=busy_person, opened_on=date(2026, 1, 1)
    )

    # when
    result = actions.apply_retention(today=date(2026, 6, 1), retention_days=730)

    # then
    assert result == actions.RetentionResult(
        dossiers_anonymised=2, persons_anonymised=1
    )
    for person, anonymised in [
        (expired_person, True),
        (recent_person, False),
        (busy_person, False),
    ]:
        person.refresh_from_db()
        assert person.is_anonymised is anonymised
    old.refresh_from_db()
    assert old.goals == "" and old.is_anonymised
    # and running it again finds nothing new
    again = actions.apply_retention(today=date(2026, 6, 1), retention_days=730)
    assert again == actions.RetentionResult(dossiers_anonymised=0, persons_anonymised=0)


def test_an_older_registry_record_does_not_replace_a_status_seen_today(consultant):
    # given a person registered today without a "since" date
    person = register(consultant).person
    # when the registry reports an older status
    actions.record_labour_status(
        actor=consultant,
        person=person,
        observed_on=TODAY - timedelta(days=90),
        status=LabourStatus.EMPLOYED,
        source=ObservationSource.REGISTRY,
    )
    # then the status seen today stays current
    person.refresh_from_db()
    assert person.labour_status == LabourStatus.WW_BENEFIT


def test_retention_anonymises_a_person_who_never_had_a_dossier_once_the_period_passed(
    consultant,
):
    # given: two persons without a dossier, one untouched for three years
    stale = register(consultant, first_name="Oud").person
    fresh = register(consultant, first_name="Vers").person
    three_years_ago = timezone.now() - timedelta(days=3 * 365)
    Person.objects.filter(pk=stale.pk).update(updated_at=three_years_ago)

    # when
    result = actions.apply_retention(today=timezone.localdate(), retention_days=730)

    # then
    assert result.persons_anonymised == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.is_anonymised and not fresh.is_anonymised


def test_a_consultant_may_not_erase_a_person(consultant):
    person = register(consultant).person
    with pytest.raises(PermissionDenied):
        actions.erase_person(actor=consultant, person=person)
    person.refresh_from_db()
    assert not person.is_anonymised


# --- the responsible consultant ---------------------------------------------------------------


def test_the_opener_is_responsible_and_can_hand_the_client_over(
    consultant, dossier, make_actor, partner_consultant, english_messages
):
    assert dossier.responsible == consultant.user
    colleague = make_actor(consultant.organisation, Role.LABOUR_EXPERT)
    analyst = make_actor(consultant.organisation, Role.ANALYST)

    for not_a_colleague in (partner_consultant.user, analyst.user, None):
        with pytest.raises(ValidationError) as excinfo:
            actions.hand_over_dossier(
                actor=consultant,
                dossier=dossier,
                version=1,
                responsible=not_a_colleague,
            )
        assert excinfo.value.message_dict == {
            "responsible": ["Choose a consultant of your organisation."]
        }
    handed = actions.hand_over_dossier(
        actor=consultant, dossier=dossier, version=1, responsible=colleague.user
    )

    dossier.refresh_from_db()
    assert (dossier.responsible, dossier.version) == (colleague.user, handed.version)
    assert dossier.opened_by == consultant.user  # who opened it stays recorded
    with pytest.raises(ConcurrentEditError):
        actions.hand_over_dossier(
            actor=consultant, dossier=dossier, version=1, responsible=consultant.user
        )
    with pytest.raises(AccessDenied):
        actions.hand_over_dossier(
            actor=partner_consultant,
            dossier=dossier,
            version=handed.version,
            responsible=partner_consultant.user,
        )


# --- planned contact moments ------------------------------------------------------------------


def test_a_contact_moment_is_planned_ahead_and_recorded_as_held_later(
    consultant, dossier, english_messages
):
    tomorrow = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        actions.plan_contact(
            actor=consultant,
            dossier=dossier,
            type=ContactType.COACHING,
            planned_at=timezone.now() - timedelta(days=1),
        )
    assert error_fields(excinfo) == {"planned_at"}
    planned = actions.plan_contact(
        actor=consultant,
        dossier=dossier,
        type=ContactType.COACHING,
        planned_at=tomorrow,
        notes=" Cv bespreken ",
    )
    assert (planned.status, planned.notes) == (ContactStatus.PLANNED, "Cv bespreken")

    with pytest.raises(ValidationError) as excinfo:  # not yet: it lies ahead
        actions.record_contact_held(actor=consultant, contact=planned, version=1)
    assert error_fields(excinfo) == {"occurred_at"}
    held_at = timezone.now() - timedelta(minutes=10)
    held = actions.record_contact_held(
        actor=consultant,
        contact=planned,
        version=1,
        occurred_at=held_at,
        notes="Cv is klaar",
    )

    held.refresh_from_db()
    assert (held.status, held.occurred_at, held.notes) == (
        ContactStatus.HELD,
        held_at,
        "Cv is klaar",
    )
    with pytest.raises(ValidationError) as excinfo:
        actions.record_contact_held(actor=consultant, contact=held, version=2)
    assert excinfo.value.message_dict == {
        "status": ["This contact moment is already recorded."]
    }
