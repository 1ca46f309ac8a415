"""The gate's general functions for any record that names a person: one record, a
list, and the two predicates every app uses."""

import uuid

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.people import actions
from regiowerk.people.access import (
    AccessDenied,
    access_record,
    accessible_records,
    may_change_person,
    may_read_person,
    read_records,
)
from regiowerk.people.constants import AccessPurpose, ConsentPurpose
from regiowerk.people.models import AccessLog, Dossier, Person
from regiowerk.people.tests.factories import DossierFactory, PersonFactory

pytestmark = pytest.mark.django_db
CASEWORK = AccessPurpose.CASEWORK


def _share(person: Person, partner, actor: Actor) -> None:
    actions.give_consent(
        actor=actor, person=person, purpose=ConsentPurpose.SHARING, partner=partner
    )


def test_predicates_follow_the_one_rule(organisation, partner, consultant, make_actor):
    person = PersonFactory(organisation=organisation)
    partner_consultant = make_actor(partner, Role.CONSULTANT)
    analyst = make_actor(organisation, Role.ANALYST)

    assert may_read_person(actor=consultant, person=person)
    assert may_change_person(actor=consultant, person=person)
    assert not may_read_person(actor=analyst, person=person)
    assert not may_change_person(actor=analyst, person=person)
    assert not may_read_person(actor=partner_consultant, person=person)

    _share(person, partner, consultant)

    assert may_read_person(actor=partner_consultant, person=person)
    assert not may_change_person(actor=partner_consultant, person=person)
    person.is_anonymised = True
    assert not may_change_person(actor=consultant, person=person)
    assert not AccessLog.objects.filter(what="gate-test").exists()


def test_access_record_is_logged_and_the_same_error_for_unknown_forbidden_malformed(
    organisation, partner, consultant, make_actor
):
    dossier = DossierFactory(person=PersonFactory(organisation=organisation))
    outsider = make_actor(partner, Role.CONSULTANT)
    records = Dossier.objects.all()

    found = access_record(
        records, actor=consultant, pk=str(dossier.pk), purpose=CASEWORK, what="t"
    )

    assert found == dossier
    assert AccessLog.objects.filter(person=dossier.person, what="t").count() == 1
    messages = set()
    for actor, pk in [
        (outsider, dossier.pk),
        (consultant, uuid.uuid4()),
        (consultant, "1 OR 1=1"),
        (consultant, None),
    ]:
        with pytest.raises(AccessDenied) as denied:
            access_record(records, actor=actor, pk=pk, purpose=CASEWORK, what="t")
        messages.add(str(denied.value))
    assert len(messages) == 1
    assert AccessLog.objects.count() == 1


@pytest.mark.parametrize("pk", [0, -1, 2**63, 2**70, True, "9" * 30])
def test_integer_keys_out_of_range_are_no_access_not_a_crash(consultant, pk):
    # AccessLog has an integer key: the check happens before the database sees it.
    with pytest.raises(AccessDenied):
        access_record(
            AccessLog.objects.all(), actor=consultant, pk=pk, purpose=CASEWORK, what="t"
        )


def test_write_narrows_to_the_holding_organisation(
    organisation, partner, consultant, make_actor
):
    person = PersonFactory(organisation=organisation)
    dossier = DossierFactory(person=person)
    _share(person, partner, consultant)
    partner_consultant = make_actor(partner, Role.CONSULTANT)
    records = Dossier.objects.all()

    assert access_record(
        records, actor=partner_consultant, pk=dossier.pk, purpose=CASEWORK, what="t"
    )
    with pytest.raises(AccessDenied):
        access_record(
            records,
            actor=partner_consultant,
            pk=dossier.pk,
            purpose=CASEWORK,
            what="t",
            write=True,
        )


def test_read_records_evaluates_narrows_and_logs_each_person_once(
    organisation, partner, consultant, make_actor, django_assert_max_num_queries
):
    mine = PersonFactory(organisation=organisation)
    DossierFactory(person=mine)
    DossierFactory(person=mine, organisation=partner)  # its person is readable
    for _ in range(3):
        DossierFactory(person=PersonFactory(organisation=organisation))
    DossierFactory(person=PersonFactory(organisation=partner))  # not readable

    with django_assert_max_num_queries(3):
        rows = read_records(
            Dossier.objects.order_by("opened_on"),
            actor=consultant,
            purpose=CASEWORK,
            what="list",
        )

    assert len(rows) == 5
    assert all(row.person.organisation_id == organisation.pk for row in rows)
    assert AccessLog.objects.filter(what="list").count() == 4
    assert AccessLog.objects.filter(what="list", person=mine).count() == 1


def test_read_records_of_a_slice_drops_what_the_actor_may_not_read(
    organisation, partner, consultant
):
    DossierFactory(person=PersonFactory(organisation=partner))
    DossierFactory(person=PersonFactory(organisation=organisation))

    rows = read_records(
        Dossier.objects.order_by("pk")[:10],
        actor=consultant,
        purpose=CASEWORK,
        what="page",
    )

    assert [row.person.organisation_id for row in rows] == [organisation.pk]
    assert AccessLog.objects.filter(what="page").count() == 1


def test_accessible_records_does_not_log(organisation, consultant):
    DossierFactory(person=PersonFactory(organisation=organisation))

    assert accessible_records(Dossier.objects.all(), actor=consultant).count() == 1
    assert not AccessLog.objects.exists()


def test_system_actor_needs_a_reason_and_has_no_user(organisation):
    actor = Actor.system(organisation, reason="nightly", roles={Role.CONSULTANT})

    assert actor.is_system and actor.user is None and actor.does_casework
    with pytest.raises(ValueError):
        Actor.system(organisation, reason="")
