"""The consultant's journey in the browser, in Dutch: log in, register a person, hold
the intake, enrol the person in a service, and see the enrolment in the dossier."""

import re

import pytest
from playwright.sync_api import expect

from regiowerk.organisations.actions import create_organisation
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import Region
from regiowerk.organisations.tests.factories import make_user
from regiowerk.services import actions as service_actions
from regiowerk.services.tests.factories import catalogue_keeper
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def consultant(transactional_db):
    region = Region.objects.create(name="Zuidoost-Drenthe", code="zuidoost-drenthe")
    municipality = create_organisation(
        name="Gemeente Veenstad", type=OrganisationType.MUNICIPALITY, region=region
    )
    service_actions.create_service(
        actor=catalogue_keeper(municipality),
        name="Sollicitatietraining",
        type="job_search",
        capacity=12,
    )
    return make_user(organisation=municipality, role=Role.CONSULTANT)


def test_a_consultant_registers_a_person_holds_the_intake_and_enrols_them(
    page, consultant
):
    # log in
    log_in(page, consultant)

    # register a person
    page.goto("/personen/nieuw/")
    page.get_by_label("Voornaam").fill("Femke")
    page.get_by_label("Achternaam").fill("Hofstede")
    page.get_by_label(re.compile(r"^Arbeidsmarktpositie\b(?! sinds)")).select_option(
        label="Werkzoekende"
    )
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_url(re.compile(r"/personen/[0-9a-f-]{36}/$"))
    person_url = page.url
    expect(
        page.get_by_role("heading", name=re.compile("Femke Hofstede"))
    ).to_be_visible()
    expect(page.get_by_text("Niet ingeschreven voor een dienst.")).to_be_visible()

    # open a dossier and hold the intake
    page.get_by_role("button", name="Dossier openen").click()
    expect(page.get_by_text("Nog geen intake vastgelegd.")).to_be_visible()
    page.get_by_role("link", name="Intake invullen of wijzigen").click()
    page.get_by_label("Wensen: soort werk, sector, uren, scholing").fill(
        "Administratief werk in de buurt, overdag"
    )
    page.get_by_label("Beschikbare uren per week").fill("32")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/personen/[0-9a-f-]{36}/"))
    expect(page.get_by_text("Administratief werk in de buurt, overdag")).to_be_visible()

    # enrol the person in a service
    page.get_by_role("link", name="Inschrijven voor een dienst").click()
    service_select = page.get_by_label(re.compile(r"^Dienst\b"))
    option = service_select.locator("option", has_text="Sollicitatietraining")
    service_select.select_option(label=option.inner_text().strip())
    page.get_by_role("button", name="Inschrijven", exact=True).click()
    page.wait_for_url(re.compile(r"/inschrijvingen/\d+/$"))
    expect(page.get_by_text(re.compile("is ingeschreven voor"))).to_be_visible()

    # the enrolment shows in the dossier
    page.goto(person_url)
    services = page.get_by_role("region", name="Dienstverlening")
    row = services.get_by_role("row", name=re.compile("Sollicitatietraining"))
    expect(row).to_be_visible()
    expect(row.get_by_role("cell").first).to_have_text("Ingeschreven")
    expect(services).not_to_contain_text("Niet ingeschreven voor een dienst.")
