"""A user makes a personal API key in the browser, in Dutch, and uses it on the API."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from regiowerk.organisations.tests.factories import make_user
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path("var/screenshots")


def test_a_user_makes_and_revokes_an_api_key(page, transactional_db):
    user = make_user()
    log_in(page, user)

    page.get_by_role("link", name="API-sleutel").click()
    expect(page.get_by_text("U hebt geen API-sleutel.")).to_be_visible()
    page.get_by_role("button", name="API-sleutel maken").click()
    key = page.locator("code.api-key").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-token.png"), full_page=True)

    assert re.fullmatch(r"rw_[0-9a-f]{64}", key)  # shown once, stored as its hash
    assert key not in page.url
    answer = page.request.get(
        "/api/v1/services/", headers={"Authorization": f"Token {key}"}
    )
    assert answer.status == 200

    page.get_by_role("button", name="Sleutel intrekken").click()
    expect(page.get_by_text("Uw API-sleutel is ingetrokken.")).to_be_visible()
    revoked = page.request.get(
        "/api/v1/services/", headers={"Authorization": f"Token {key}"}
    )
    assert revoked.status == 401
