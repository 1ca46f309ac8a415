"""Employers and matching in the browser, in Dutch: the account organisation changes an
employer it registered; a person's matched vacancies start from what the intake says
(hours available, no heavy work, their region) and the consultant widens the filters.
Screenshots go to var/screenshots/ for a look."""

import re

import pytest
from playwright.sync_api import expect

from regiowerk.employers.models import Employer
from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.matching.tests.factories import intake_of, profile_of, vacancies_for
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import make_user
from tests.browser.helpers import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_account_organisation_changes_its_employer(page, municipality):
    manager = make_user(organisation=municipality, role=Role.ACCOUNT_MANAGER)
    employer = EmployerFactory(
        name="Bakkerij Bol",
        kvk_number="87654321",
        sector="C",
        employees=12,
        region=municipality.region,
        account_organisation=municipality,
    )
    log_in(page, manager)

    page.goto(f"/werkgevers/{employer.pk}/")
    page.get_by_role("link", name="Werkgever wijzigen").click()
    expect(page.get_by_label("Naam")).to_have_value("Bakkerij Bol")
    page.get_by_label("Naam").fill("Bakkerij Bol & Zonen")
    page.get_by_label("Aantal werknemers").fill("60")
    shot(page, "employer-edit")
    page.get_by_role("button", name="Opslaan").click()

    page.wait_for_url(re.compile(rf"/werkgevers/{employer.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bakkerij Bol & Zonen")
    expect(page.get_by_text("De wijzigingen zijn opgeslagen.")).to_be_visible()
    employer.refresh_from_db()
    assert (employer.name, employer.size_class, employer.version) == (
        "Bakkerij Bol & Zonen",
        "medium",
        2,
    )


def test_matched_vacancies_start_from_the_intake(page, municipality, demo_taxonomy):
    consultant = make_user(organisation=municipality, role=Role.CONSULTANT)
    actor = get_actor(user=consultant, organisation_id=municipality.pk)
    person = profile_of(
        actor, "magazijnmedewerker", first_name="Ruud", last_name="Rugpijn"
    )
    intake_of(
        actor,
        person,
        has_health_limitations=True,
        health_limitations="Rugklachten: niet zwaar tillen.",
        avoids_heavy_work=True,
        available_hours_per_week=32,
    )
    employer = EmployerFactory(name="DC Emmen-Noord", region=municipality.region)
    vacancies_for(
        "magazijnmedewerker",
        [
            ("Orderpicker 38 uur", employer, 38, "heavy"),
            ("Magazijnmedewerker expeditie 32 uur", employer, 32, "heavy"),
            ("Medewerker voorraadbeheer 32 uur", employer, 32, "light"),
        ],
    )
    log_in(page, consultant)

    page.goto(f"/personen/{person.pk}/passende-vacatures/")
    matches = page.locator("ol.matches > li")
    expect(matches).to_have_count(1)
    expect(matches.first).to_contain_text("Medewerker voorraadbeheer 32 uur")
    expect(page.get_by_text("De filters gaan uit van de intake van")).to_contain_text(
        "32 uur per week beschikbaar; geen fysiek zwaar werk"
    )
    expect(page.get_by_label("Maximaal uren per week")).to_have_value("32")
    heavy = page.get_by_label("Fysiek zwaar werk weglaten")
    expect(heavy).to_be_checked()
    shot(page, "matched-vacancies-from-intake")

    heavy.uncheck()
    page.get_by_role("button", name="Filteren").click()

    expect(matches).to_have_count(2)
    expect(page.locator("ol.matches")).to_contain_text(
        "Magazijnmedewerker expeditie 32 uur"
    )
    expect(page.locator("ol.matches")).not_to_contain_text("Orderpicker 38 uur")
    shot(page, "matched-vacancies-widened")
    assert Employer.objects.count() == 1
