"""An administrator's first log-in in the browser: set up the authenticator app, in Dutch."""

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from regiowerk.organisations.actions import create_organisation
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import Region
from regiowerk.organisations.tests.factories import TEST_PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def administrator(transactional_db, settings):
    settings.REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS = True  # as in production
    region = Region.objects.create(name="Zuidoost-Drenthe", code="zuidoost-drenthe")
    municipality = create_organisation(
        name="Gemeente Veenstad", type=OrganisationType.MUNICIPALITY, region=region
    )
    return make_user(organisation=municipality, role=Role.ADMINISTRATOR)


def test_an_administrator_sets_up_two_step_log_in_before_reaching_the_app(
    page, administrator, tmp_path
):
    page.goto("/beheer/")
    page.get_by_label("Gebruikersnaam").fill(administrator.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # held at the set-up page, with a QR code and the key as text
    page.wait_for_url(re.compile(r"/tweestapsverificatie/\?next="))
    expect(page.get_by_role("heading", name="Tweestapsverificatie")).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    page.screenshot(path=str(tmp_path / "two-factor-setup.png"), full_page=True)
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))

    page.get_by_label("Code uit de authenticator-app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()

    # in, on the page asked for
    page.wait_for_url(re.compile(r"/beheer/$"))
    expect(
        page.get_by_text("Tweestapsverificatie staat aan voor uw account.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Beheer van"))).to_be_visible()
