"""The durability report in the browser as an analyst: the figures say "Stand van …"
and hold still when a placement is recorded between two looks (published per calendar
month), whichever split is chosen. Screenshot in var/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user
from regiowerk.placements.tests.factories import PlacementFactory, days_ago
from tests.browser.helpers import log_in, shot

pytestmark = pytest.mark.browser


def _place(organisation, n: int) -> None:
    for i in range(n):
        PlacementFactory(
            organisation=organisation,
            person__organisation=organisation,
            starts_on=days_ago(300 + i),
        )


def test_an_analysts_durability_report_holds_still_within_the_month(page, municipality):
    _place(municipality, 12)
    analyst = make_user(organisation=municipality, role=Role.ANALYST)
    log_in(page, analyst)
    page.get_by_role("link", name="Duurzaamheid").click()
    page.wait_for_url(re.compile(r"/duurzaamheid/"))
    expect(page.get_by_text(re.compile(r"^Stand van \d+ \w+ \d{4}\."))).to_be_visible()
    everyone = page.get_by_role("row", name=re.compile(r"^Alle plaatsingen"))
    expect(everyone.get_by_role("cell").first).to_have_text("12")
    shot(page, "durability-analyst")

    _place(municipality, 1)
    page.get_by_role("link", name="Sector").click()
    page.wait_for_url(re.compile(r"group=sector"))
    expect(everyone.get_by_role("cell").first).to_have_text("12")
