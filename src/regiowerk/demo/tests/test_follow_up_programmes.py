"""The demo's follow-up programmes: two named schedules of the organisation that follows
the placements, placements in them whose check-ins follow the programme's schedule;
idempotent."""

from datetime import date

import pytest

from regiowerk.demo.check_ins import load_demo_check_ins
from regiowerk.demo.follow_up_programmes import (
    BANENAFSPRAAK,
    SHORT,
    load_demo_follow_up_programmes,
)
from regiowerk.demo.matching import load_demo_matching
from regiowerk.demo.placements import load_demo_placements
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements import queries, rules
from regiowerk.placements.models import FollowUpProgramme, Placement

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
TODAY = date(2026, 11, 22)


@pytest.fixture
def demo():
    organisation = OrganisationFactory()
    make_user(organisation=organisation, role=Role.LABOUR_EXPERT)
    make_user(organisation=organisation, role=Role.ACCOUNT_MANAGER)
    for index in range(90):
        PersonFactory(organisation=organisation, is_banenafspraak=index % 2 == 0)
    load_demo_matching(region=organisation.region, today=TODAY)
    load_demo_placements(region=organisation.region, today=TODAY)
    result = load_demo_follow_up_programmes(region=organisation.region)
    load_demo_check_ins(region=organisation.region, today=TODAY)
    return organisation, result


def test_the_demo_has_two_programmes_with_placements_in_them(demo):
    organisation, result = demo

    programmes = FollowUpProgramme.objects.filter(organisation=organisation)
    assert sorted(programmes.values_list("name", flat=True)) == sorted(
        [BANENAFSPRAAK["name"], SHORT["name"]]
    )
    in_one = Placement.objects.filter(follow_up_programme__isnull=False)
    assert in_one.count() == result.counts["placements in a programme"] > 0
    assert not in_one.filter(ending__isnull=False).exists()  # active ones only
    for placement in in_one.select_related("person", "follow_up_programme"):
        expected = SHORT if placement.kind in ("trial", "internship") else BANENAFSPRAAK
        assert placement.follow_up_programme.name == expected["name"]


def test_check_ins_follow_the_programmes_schedule(demo):
    placements = Placement.objects.filter(
        follow_up_programme__isnull=False
    ).select_related("follow_up_programme", "follow_up_schedule")
    for placement in placements.prefetch_related("check_ins"):
        schedule = queries.schedule_of(placement)
        due = [
            d for d in rules.check_in_dates(placement.starts_on, schedule) if d < TODAY
        ]
        held = [c.held_on for c in placement.check_ins.all() if c.kind == "scheduled"]
        # each scheduled check-in answers one of the programme's due dates
        assert len(rules.unanswered(TODAY, due, held)) == len(due) - len(held)


def test_loading_twice_adds_nothing(demo):
    organisation, _result = demo
    count = FollowUpProgramme.objects.count()

    again = load_demo_follow_up_programmes(region=organisation.region)

    assert set(again.counts.values()) == {0}
    assert FollowUpProgramme.objects.count() == count
