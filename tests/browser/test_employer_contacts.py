"""An account manager invites an employer's contact person from the employer's page,
in Dutch; the contact sets a password through the e-mailed link, logs in and lands on
"Mijn medewerkers"; the account manager deactivates them. Screenshots in
var/screenshots/."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user
from tests.browser.helpers import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "zeven blauwe fietsen rijden"


def test_an_account_manager_invites_a_contact_who_sets_a_password_and_logs_in(
    page, browser, live_server, municipality, request
):
    employer = EmployerFactory(
        name="Bakkerij De Korrel", account_organisation=municipality
    )
    manager = make_user(organisation=municipality, role=Role.ACCOUNT_MANAGER)
    log_in(page, manager)
    page.goto(f"/werkgevers/{employer.pk}/")
    contacts = page.get_by_role("region", name="Contactpersonen met inlog")
    contacts.get_by_role("link", name="Contactpersoon uitnodigen").click()

    page.get_by_label("Voornaam").fill("Ria")
    page.get_by_label("Achternaam").fill("Verbeek")
    page.get_by_label("E-mailadres").fill("ria@korrel.nl")
    page.get_by_role("button", name="Uitnodiging versturen").click()

    expect(page.get_by_role("status")).to_contain_text("De uitnodiging is verstuurd")
    row = contacts.get_by_role("row", name="Ria Verbeek")
    expect(row).to_contain_text("Uitgenodigd, nog geen wachtwoord")
    shot(page, "employer-contacts")
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/wachtwoord-instellen/\S+)", message.body)
    assert link, message.body

    # the contact's own browser, closed with the test (an open one keeps a request
    # thread of the live server waiting until the session ends)
    contact_context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    request.addfinalizer(contact_context.close)
    contact_page = contact_context.new_page()
    contact_page.goto(link.group(1))
    expect(
        contact_page.get_by_role("heading", name="Stel uw wachtwoord in")
    ).to_be_visible()
    contact_page.get_by_label("Nieuw wachtwoord").first.fill(PASSWORD)
    contact_page.get_by_label("Nieuw wachtwoord bevestigen").fill(PASSWORD)
    contact_page.get_by_role("button", name="Wachtwoord instellen").click()
    expect(contact_page.get_by_role("status")).to_contain_text(
        "Uw wachtwoord is ingesteld"
    )
    contact_page.get_by_label("Gebruikersnaam").fill("ria@korrel.nl")
    contact_page.get_by_label("Wachtwoord").fill(PASSWORD)
    contact_page.get_by_role("button", name="Inloggen").click()
    expect(contact_page.get_by_role("heading", name="Mijn medewerkers")).to_be_visible()

    page.reload()
    row = contacts.get_by_role("row", name="Ria Verbeek")
    expect(row).to_contain_text("Actief")
    row.get_by_role("button", name="Deactiveren").click()
    expect(page.get_by_role("status")).to_contain_text("gedeactiveerd")
    expect(contacts.get_by_role("row", name="Ria Verbeek")).to_contain_text(
        "Gedeactiveerd"
    )
    contact_page.reload()
    expect(contact_page.get_by_role("heading", name="Inloggen")).to_be_visible()
