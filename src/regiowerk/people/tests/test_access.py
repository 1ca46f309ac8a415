import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.people import actions
from regiowerk.people.access import (
    AccessDenied,
    access_dossier,
    access_person,
    access_person_by_bsn,
    accessible_persons,
    display_bsn,
    log_access,
)
from regiowerk.people.constants import AccessPurpose, ConsentPurpose
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import (
    DossierFactory,
    PersonFactory,
    make_bsns,
    register_with_bsn,
)

pytestmark = pytest.mark.django_db
CASEWORK = AccessPurpose.CASEWORK


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.CONSULTANT, True),
        (Role.LABOUR_EXPERT, True),
        (Role.PROJECT_LEADER, True),
        (Role.ANALYST, False),
        (Role.ACCOUNT_MANAGER, False),
        (Role.ADMINISTRATOR, False),
    ],
)
def test_only_casework_roles_of_the_holding_organisation_read_a_person(
    organisation, make_actor, role, allowed
):
    person = PersonFactory(organisation=organisation)
    actor = make_actor(organisation, role)

    if allowed:
        assert (
            access_person(actor=actor, person_id=person.pk, purpose=CASEWORK) == person
        )
        assert AccessLog.objects.filter(person=person, user=actor.user).count() == 1
    else:
        with pytest.raises(AccessDenied):
            access_person(actor=actor, person_id=person.pk, purpose=CASEWORK)
        assert not AccessLog.objects.exists()


def test_unknown_and_forbidden_persons_fail_with_the_same_message(
    organisation, partner_consultant
):
    person = PersonFactory(organisation=organisation)

    with pytest.raises(AccessDenied) as forbidden:
        access_person(actor=partner_consultant, person_id=person.pk, purpose=CASEWORK)
    with pytest.raises(AccessDenied) as unknown:
        access_person(
            actor=partner_consultant, person_id=uuid.uuid4(), purpose=CASEWORK
        )
    with pytest.raises(AccessDenied) as malformed:
        access_person(actor=partner_consultant, person_id="1 OR 1=1", purpose=CASEWORK)

    assert str(forbidden.value) == str(unknown.value) == str(malformed.value)


def test_a_partner_reads_a_person_only_while_a_sharing_consent_is_active(
    organisation, partner, consultant, partner_consultant
):
    # given
    person = PersonFactory(organisation=organisation)
    consent = actions.give_consent(
        actor=consultant, person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    # when / then: shared
    assert (
        access_person(actor=partner_consultant, person_id=person.pk, purpose=CASEWORK)
        == person
    )
    assert list(accessible_persons(actor=partner_consultant, purpose=CASEWORK)) == [
        person
    ]
    # but a partner may not write
    with pytest.raises(AccessDenied):
        access_person(
            actor=partner_consultant, person_id=person.pk, purpose=CASEWORK, write=True
        )
    # when the consent is withdrawn, access ends at once
    actions.withdraw_consent(actor=consultant, consent=consent)
    with pytest.raises(AccessDenied):
        access_person(actor=partner_consultant, person_id=person.pk, purpose=CASEWORK)


def test_a_sharing_consent_with_one_partner_does_not_open_the_person_to_others(
    organisation, partner, consultant, make_actor
):
    from regiowerk.organisations.tests.factories import OrganisationFactory

    person = PersonFactory(organisation=organisation)
    actions.give_consent(
        actor=consultant, person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )
    third = make_actor(OrganisationFactory())

    with pytest.raises(AccessDenied):
        access_person(actor=third, person_id=person.pk, purpose=CASEWORK)


def test_an_analyst_never_gets_individual_records(organisation, make_actor):
    PersonFactory(organisation=organisation)
    analyst = make_actor(organisation, Role.ANALYST)

    assert not accessible_persons(actor=analyst, purpose=CASEWORK).exists()


def test_search_filters_the_accessible_persons_by_name_and_place(
    organisation, consultant
):
    PersonFactory(organisation=organisation, first_name="Anouk", city="Zwolle")
    PersonFactory(organisation=organisation, first_name="Bram", city="Deventer")
    PersonFactory(first_name="Anouk")  # other organisation

    found = accessible_persons(actor=consultant, purpose=CASEWORK, search="anouk")
    assert [p.first_name for p in found] == ["Anouk"]
    found = accessible_persons(
        actor=consultant, purpose=CASEWORK, search="Bram Deventer"
    )
    assert [p.city for p in found] == ["Deventer"]


def test_access_dossier_checks_the_person_and_writes_only_for_the_dossier_owner(
    organisation, partner, consultant, partner_consultant
):
    dossier = DossierFactory(person=PersonFactory(organisation=organisation))
    actions.give_consent(
        actor=consultant,
        person=dossier.person,
        purpose=ConsentPurpose.SHARING,
        partner=partner,
    )

    assert (
        access_dossier(
            actor=partner_consultant, dossier_id=dossier.pk, purpose=CASEWORK
        )
        == dossier
    )
    with pytest.raises(AccessDenied):
        access_dossier(
            actor=partner_consultant,
            dossier_id=dossier.pk,
            purpose=CASEWORK,
            write=True,
        )
    assert (
        access_dossier(
            actor=consultant, dossier_id=dossier.pk, purpose=CASEWORK, write=True
        )
        == dossier
    )
    with pytest.raises(AccessDenied):
        access_dossier(actor=consultant, dossier_id=uuid.uuid4(), purpose=CASEWORK)


def test_log_access_appends_a_row_per_person_shown(organisation, consultant):
    people = PersonFactory.create_batch(3, organisation=organisation)

    log_access(actor=consultant, persons=people, purpose=CASEWORK, what="person-list")

    rows = AccessLog.objects.filter(user=consultant.user, what="person-list")
    assert rows.count() == 3
    assert {r.organisation_id for r in rows} == {organisation.pk}


def test_an_unknown_purpose_is_a_programming_error(consultant):
    with pytest.raises(ValueError, match="purpose"):
        accessible_persons(actor=consultant, purpose="curiosity")


def test_the_bsn_is_shown_masked_only_to_the_holder_and_only_with_consent(
    organisation, partner, consultant, partner_consultant
):
    number, other_number = make_bsns(2, seed=3)
    with_consent = register_with_bsn(consultant, number, bsn_reporting_consent=True)
    without = register_with_bsn(consultant, other_number, first_name="C", last_name="D")
    nobsn = PersonFactory(organisation=organisation)

    assert display_bsn(actor=consultant, person=with_consent) == "*****" + number[-4:]
    assert display_bsn(actor=consultant, person=without) == str(_("BSN registered"))
    assert display_bsn(actor=consultant, person=nobsn) == ""
    assert display_bsn(actor=partner_consultant, person=with_consent) == str(
        _("BSN registered")
    )


def test_a_person_is_found_by_bsn_only_within_reach(
    organisation, partner, consultant, partner_consultant, make_actor
):
    number, unknown = make_bsns(2, seed=31)
    person = register_with_bsn(consultant, number)

    found = access_person_by_bsn(
        actor=consultant, bsn=f"{number[:4]} {number[4:]}", purpose=CASEWORK
    )
    assert found == person
    assert AccessLog.objects.filter(person=person, what="person-by-bsn").count() == 1
    with pytest.raises(AccessDenied):
        access_person_by_bsn(actor=partner_consultant, bsn=number, purpose=CASEWORK)
    with pytest.raises(AccessDenied):
        access_person_by_bsn(actor=consultant, bsn=unknown, purpose=CASEWORK)
    with pytest.raises(AccessDenied):
        access_person_by_bsn(
            actor=make_actor(organisation, Role.ANALYST), bsn=number, purpose=CASEWORK
        )
    with pytest.raises(ValidationError) as excinfo:
        access_person_by_bsn(actor=consultant, bsn=number[:8] + "x", purpose=CASEWORK)
    assert set(excinfo.value.message_dict) == {"bsn"}
