"""The demo's follow-up: check-ins along the schedule on the demo placements, falling
before a bad ending, a due list and at-risk placements for the labour expert;
idempotent."""

from datetime import date
from statistics import mean

import pytest

from regiowerk.demo.check_ins import GOOD_ENDINGS, load_demo_check_ins
from regiowerk.demo.matching import load_demo_matching
from regiowerk.demo.placements import load_demo_placements
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements import queries, rules
from regiowerk.placements.constants import CheckInKind, CheckInStatus
from regiowerk.placements.models import AgreedAction, CheckIn, Placement

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
TODAY = date(2026, 11, 22)


@pytest.fixture
def demo():
    organisation = OrganisationFactory()
    expert = make_user(organisation=organisation, role=Role.LABOUR_EXPERT)
    make_user(organisation=organisation, role=Role.ACCOUNT_MANAGER)
    for _ in range(90):
        PersonFactory(organisation=organisation)
    load_demo_matching(region=organisation.region, today=TODAY)
    load_demo_placements(region=organisation.region, today=TODAY)
    result = load_demo_check_ins(region=organisation.region, today=TODAY)
    return organisation, expert, result


def test_check_ins_follow_the_schedule_with_missed_ones_actions_and_contacts(demo):
    _organisation, _expert, result = demo
    placements = Placement.objects.count()
    scheduled = CheckIn.objects.filter(kind=CheckInKind.SCHEDULED)
    assert scheduled.count() == result.counts["check-ins"]
    # several per placement over three years, some missed
    assert 2 * placements <= result.counts["check-ins"] <= 12 * placements
    assert 0 < result.counts["missed"] < result.counts["check-ins"] / 2
    assert CheckIn.objects.filter(kind=CheckInKind.AD_HOC).count() > 0
    assert (
        CheckIn.objects.filter(kind=CheckInKind.AD_HOC).count()
        == (result.counts["ad-hoc contacts"])
    )
    assert AgreedAction.objects.count() == result.counts["agreed actions"] > 0
    assert AgreedAction.objects.filter(done_on__isnull=False).exists()
    assert set(scheduled.values_list("status", flat=True)) == set(CheckInStatus.values)
    for check_in in CheckIn.objects.select_related("placement__ending"):
        placement = check_in.placement
        assert placement.starts_on < check_in.held_on <= TODAY
        ending = getattr(placement, "ending", None)
        if ending is not None:
            assert check_in.held_on < ending.ends_on
    # each scheduled check-in answers a due date: none is held off the schedule
    for placement in Placement.objects.prefetch_related("check_ins"):
        held = [c.held_on for c in placement.check_ins.all() if c.kind == "scheduled"]
        due = [d for d in rules.check_in_dates(placement.starts_on) if d < TODAY]
        assert len(rules.unanswered(TODAY, due, held)) == len(due) - len(held)


def test_signals_fall_before_a_bad_ending(demo):
    falls, stays = [], []
    ended = Placement.objects.filter(ending__isnull=False).select_related("ending")
    for placement in ended.prefetch_related("check_ins"):
        means = [
            mean(c.signals.values())
            for c in sorted(placement.check_ins.all(), key=lambda c: c.held_on)
            if c.kind == CheckInKind.SCHEDULED
        ]
        if len(means) >= 2:
            bad = placement.ending.reason not in GOOD_ENDINGS
            (falls if bad else stays).append(means[-1] - means[0])
    assert falls
    assert stays
    assert mean(falls) < -0.5 < mean(stays)
    last_before_bad_ending = [
        placement.check_ins.filter(kind=CheckInKind.SCHEDULED).first()
        for placement in ended.exclude(ending__reason__in=GOOD_ENDINGS)
    ]
    statuses = [c.status for c in last_before_bad_ending if c is not None]
    assert (
        statuses.count(CheckInStatus.AT_RISK) + statuses.count(CheckInStatus.ATTENTION)
        > len(statuses) / 2
    )


def test_the_labour_expert_has_a_due_list_with_at_risk_placements(demo):
    organisation, expert, _result = demo
    actor = get_actor(user=expert, organisation_id=organisation.pk)

    rows = queries.follow_ups(actor=actor, today=TODAY)

    assert rows
    assert any(row.overdue for row in rows)
    assert sum(1 for row in rows if row.is_due(TODAY)) >= 3
    at_risk = [row for row in rows if row.risk.level is rules.Level.AT_RISK]
    assert at_risk
    assert rows[0] is at_risk[0]  # riskiest first
    assert all(row.reasons for row in at_risk)
    assert any(row.risk.level is rules.Level.ON_TRACK for row in rows)


def test_loading_twice_adds_nothing(demo):
    organisation, _expert, _result = demo
    count = CheckIn.objects.count()

    again = load_demo_check_ins(region=organisation.region, today=TODAY)

    assert set(again.counts.values()) == {0}
    assert CheckIn.objects.count() == count
