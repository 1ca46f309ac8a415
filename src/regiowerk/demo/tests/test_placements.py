"""The demo's placements and pipeline: every stage, endings with reasons,
re-placements, three years of history; idempotent."""

from datetime import date, timedelta

import pytest

from regiowerk.demo.matching import load_demo_matching
from regiowerk.demo.placements import load_demo_placements
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.placements.constants import Stage
from regiowerk.placements.models import Candidacy, Placement, PlacementEnding

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
TODAY = date(2026, 11, 22)


def test_the_demo_fills_the_pipeline_and_three_years_of_placements():
    organisation = OrganisationFactory()
    for role in (Role.LABOUR_EXPERT, Role.ACCOUNT_MANAGER):
        make_user(organisation=organisation, role=role)
    for _ in range(90):
        PersonFactory(organisation=organisation)
    load_demo_matching(region=organisation.region, today=TODAY)

    result = load_demo_placements(region=organisation.region, today=TODAY)

    open_stages = set(Candidacy.objects.values_list("stage", flat=True))
    assert open_stages == set(Stage.values)
    assert set(
        Candidacy.objects.exclude(ended_as="").values_list("ended_as", flat=True)
    )
    assert Candidacy.objects.filter(placement__isnull=False).exists()
    starts = list(Placement.objects.values_list("starts_on", flat=True))
    assert min(starts) >= TODAY - timedelta(days=3 * 365)
    assert max(starts) <= TODAY
    assert PlacementEnding.objects.count() == result.counts["endings"] > 0
    assert len(set(PlacementEnding.objects.values_list("reason", flat=True))) >= 3
    assert result.counts["re-placements"] > 0
    # a second run adds nothing
    again = load_demo_placements(region=organisation.region, today=TODAY)
    assert set(again.counts.values()) == {0}
    assert Placement.objects.count() == len(starts)
