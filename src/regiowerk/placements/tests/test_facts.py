"""placements.candidacies, placements.placements and placements.endings: what monitoring
counts (nominations, placements, durable placements) without importing placements."""

import datetime as dt

import pytest

from regiowerk.common import facts
from regiowerk.common.facts import Scope, evaluate, parse_definition
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements.constants import EndingReason, Stage
from regiowerk.placements.models import CandidacyStep, CheckIn, PlacementEnding
from regiowerk.placements.tests.factories import (
    CandidacyFactory,
    PlacementFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


def count(table, date_column, scope=None, **data):
    definition = parse_definition(
        {
            "table": table,
            "measure": "count_subjects",
            "date_column": date_column,
            **data,
        }
    )
    return evaluate(definition, scope or Scope()).value


def test_each_table_yields_exactly_its_published_columns():
    placement = PlacementFactory()
    PlacementEnding.objects.create(
        placement=placement, ends_on=days_ago(1), reason=EndingReason.RESIGNED
    )
    CandidacyFactory()
    CheckIn.objects.create(
        placement=placement, held_on=days_ago(20), held_with="both", status="at_risk"
    )
    for name in (
        "placements.candidacies",
        "placements.placements",
        "placements.endings",
        "placements.check_ins",
    ):
        table = facts.get_table(name)
        (row,) = facts.rows(name, Scope())
        assert list(row) == [c.name for c in table.columns]


def test_nominations_count_the_candidacies_that_reached_nominated_even_if_they_ended():
    nominated = CandidacyFactory(stage=Stage.RECRUITED, stage_on=days_ago(40))
    CandidacyStep.objects.create(
        candidacy=nominated, stage=Stage.NOMINATED, on=dt.date(2026, 11, 2)
    )
    CandidacyStep.objects.create(
        candidacy=nominated, stage=Stage.NOMINATED, ended_as="rejected", on=days_ago(1)
    )
    CandidacyFactory(stage=Stage.SELECTED)  # not nominated

    assert count("placements.candidacies", "nominated_on") == 1
    (row,) = facts.rows("placements.candidacies", Scope()).filter(
        nominated_on__isnull=False
    )
    assert row["nominated_on"] == dt.date(2026, 11, 2)  # the step, not the ending
    # the factory's first step is the stage it is made in
    assert count("placements.candidacies", "recruited_on") == 1
    assert count("placements.candidacies", "selected_on") == 1


def test_a_durable_placement_lasted_six_months_ended_or_still_active():
    organisation = OrganisationFactory()

    def placement(started_days_ago, ended_days_ago=None):
        made = PlacementFactory(
            person=PersonFactory(organisation=organisation),
            starts_on=days_ago(started_days_ago),
        )
        if ended_days_ago is not None:
            PlacementEnding.objects.create(
                placement=made,
                ends_on=days_ago(ended_days_ago),
                reason=EndingReason.CONTRACT_ENDED,
            )
        return made

    placement(400)  # active for over a year: durable
    placement(100)  # active, not yet six months
    placement(400, ended_days_ago=400 - 182)  # ended exactly on the 182nd day
    placement(400, ended_days_ago=400 - 181)  # ended a day short

    durable = {"filters": {"lasted_6_months": [True]}}
    assert count("placements.placements", "starts_on") == 4
    assert count("placements.placements", "starts_on", **durable) == 2
    assert (
        count(
            "placements.placements", "starts_on", filters={"lasted_12_months": [True]}
        )
        == 1
    )
    assert count("placements.endings", "ends_on") == 2
    assert count("placements.endings", "ends_on", **durable) == 1
    assert (
        count(
            "placements.placements",
            "starts_on",
            scope=Scope(organisation_ids=frozenset({OrganisationFactory().pk})),
        )
        == 0
    )


def test_support_and_the_reason_for_ending_are_dimensions():
    PlacementFactory(support=["job_coach"])
    PlacementFactory()
    assert (
        count("placements.placements", "starts_on", filters={"has_support": [True]})
        == 1
    )
    assert (
        count("placements.placements", "starts_on", filters={"support": ["job_coach"]})
        == 1
    )
    assert (
        count("placements.placements", "starts_on", filters={"ending_reason": [""]})
        == 2
    )


def test_check_ins_count_the_placed_persons_followed_up_at_risk():
    placement = PlacementFactory()
    CheckIn.objects.create(
        placement=placement, held_on=days_ago(20), held_with="both", status="at_risk"
    )
    CheckIn.objects.create(
        placement=placement, held_on=days_ago(5), held_with="worker", kind="ad_hoc"
    )
    other = PlacementFactory()
    CheckIn.objects.create(
        placement=other, held_on=days_ago(3), held_with="both", status="on_track"
    )
    assert count("placements.check_ins", "held_on") == 2
    assert (
        count(
            "placements.check_ins",
            "held_on",
            filters={"status": ["at_risk"]},
        )
        == 1
    )
