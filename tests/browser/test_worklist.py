"""The start page's worklist in the browser, in Dutch: a consultant sees their clients
and the plan actions due; an account manager their employers and open vacancies with
candidate counts. Screenshots go to var/screenshots/ for a look."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user
from regiowerk.people.tests.factories import (
    DossierFactory,
    PersonFactory,
    PlanActionFactory,
)
from tests.browser.helpers import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_consultant_sees_their_clients_and_what_is_due(page, municipality):
    consultant = make_user(organisation=municipality, role=Role.CONSULTANT)
    today = timezone.localdate()
    for first, last in (("Femke", "Hofstede"), ("Ahmed", "Bakker")):
        person = PersonFactory(
            organisation=municipality, first_name=first, last_name=last
        )
        dossier = DossierFactory(person=person, opened_by=consultant, opened_on=today)
    PlanActionFactory(
        dossier=dossier,
        description="Cv bijwerken met de klant",
        due_on=today - timedelta(days=2),
    )

    log_in(page, consultant)

    clients = page.get_by_role("region", name=re.compile("Mijn klanten"))
    expect(clients.get_by_role("link", name="Ahmed Bakker")).to_be_visible()
    expect(clients.get_by_role("link", name="Femke Hofstede")).to_be_visible()
    due = page.get_by_role("region", name=re.compile("Acties uit het plan"))
    expect(due.get_by_role("link", name="Cv bijwerken met de klant")).to_be_visible()
    expect(due).to_contain_text("te laat sinds")
    expect(due).to_contain_text("1 te laat, 0 deze week.")
    expect(
        page.get_by_role("region", name="Recent gewijzigde dossiers")
    ).to_contain_text("gewijzigd")
    shot(page, "worklist-consultant")

    due.get_by_role("link", name="Cv bijwerken met de klant").click()
    page.wait_for_url(re.compile(r"/personen/[0-9a-f-]{36}/#dossier-"))
    expect(page.get_by_role("heading", name="Ahmed Bakker")).to_be_visible()


def test_an_account_manager_sees_employers_and_vacancies_with_counts(
    page, municipality
):
    manager = make_user(organisation=municipality, role=Role.ACCOUNT_MANAGER)
    employer = EmployerFactory(
        name="Transport Veenstad B.V.", account_organisation=municipality
    )
    VacancyFactory(
        employer=employer,
        organisation=municipality,
        title="Chauffeur C/E",
        opens_on=timezone.localdate() - timedelta(days=3),
    )

    log_in(page, manager)

    employers = page.get_by_role("region", name=re.compile("Uw werkgevers"))
    expect(
        employers.get_by_role("link", name="Transport Veenstad B.V.")
    ).to_be_visible()
    expect(employers).to_contain_text("1 openstaande vacature")
    vacancies = page.get_by_role(
        "region", name=re.compile("Open vacatures en kandidaten")
    )
    expect(vacancies).to_contain_text("Chauffeur C/E — Transport Veenstad B.V.")
    expect(vacancies).to_contain_text("0 kandidaten")
    expect(page.get_by_role("region", name=re.compile("Mijn klanten"))).to_have_count(0)
    shot(page, "worklist-account-manager")
