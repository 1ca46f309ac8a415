"""A BSN never reaches the address bar: the person list's name search refuses one, and
the BSN lookup sends it by POST and lands on the person's page (by UUID)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import (
    OrganisationFactory,
    make_user,
)
from regiowerk.people import bsn as bsn_crypto
from regiowerk.people.tests.factories import PersonFactory, make_bsn
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path("var/screenshots")


def test_a_bsn_is_found_by_post_and_never_put_in_the_url(page, transactional_db):
    # given
    organisation = OrganisationFactory()
    consultant = make_user(organisation=organisation, role=Role.CONSULTANT)
    bsn = make_bsn()
    person = PersonFactory(
        organisation=organisation,
        first_name="Femke",
        last_name="Hofstede",
        bsn_pseudonym=bsn_crypto.pseudonymise_bsn(bsn),
    )
    visited: list[str] = []
    page.on("request", lambda request: visited.append(request.url))
    log_in(page, consultant)
    page.goto("/personen/")

    # when: the BSN is typed into the name search, the browser does not send it
    page.get_by_label("Naam").fill(bsn)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_timeout(300)
    # then
    assert bsn not in page.url

    # when: the BSN lookup is used
    page.get_by_label("Naam").fill("")
    page.get_by_label(re.compile(r"^BSN")).fill(bsn)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "bsn-lookup.png"), full_page=True)
    page.get_by_role("button", name="Zoeken op BSN").click()

    # then: the person's page, by UUID
    page.wait_for_url(re.compile(rf"/personen/{person.pk}/$"))
    expect(
        page.get_by_role("heading", name=re.compile("Femke Hofstede"))
    ).to_be_visible()
    assert not [url for url in visited if bsn in url]
