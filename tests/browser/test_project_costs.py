"""Costs and budget of a project in the browser, in Dutch: the project leader reads the
section on the project page, enters staff hours on the costs page and sees them counted.
Screenshots go to var/screenshots/ for a look."""

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from regiowerk.monitoring import actions
from regiowerk.monitoring.constants import CostKind
from regiowerk.monitoring.tests.test_costs import CostWorld
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import TEST_PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_a_project_leader_reads_and_enters_costs(page, transactional_db):
    world = CostWorld()
    world.enter_costs()
    # a plan and spending of a size that shows on the curve: slow start, then more
    actions.set_planned_spending(
        actor=world.leader,
        project=world.project,
        amounts={
            date(2025, 1, 1): 100_000_00,
            date(2025, 4, 1): 300_000_00,
            date(2025, 7, 1): 350_000_00,
            date(2025, 10, 1): 250_000_00,
        },
    )
    for day, cents in ((date(2025, 3, 1), 60_000_00), (date(2025, 5, 1), 380_000_00)):
        actions.add_cost_entry(
            actor=world.leader,
            project=world.project,
            kind=CostKind.MATERIAL,
            entered_on=day,
            description="Inhuur opleider",
            amount_cents=cents,
            evidence_note="Factuur",
        )
    leader = make_user(organisation=world.executor, role=Role.PROJECT_LEADER)
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(leader.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/$"))

    page.goto(world.url())
    costs = page.get_by_role("region", name="Kosten en begroting")
    expect(costs).to_contain_text("Kosten per deelnemer")
    expect(costs).to_contain_text("€\u00a0221.525,25")  # € 443.050,50 for two
    expect(
        costs.get_by_role("img", name=re.compile("Uitgaven tot nu toe"))
    ).to_be_visible()
    costs.scroll_into_view_if_needed()
    _shot(page, "project-costs-section")

    costs.get_by_role("link", name=re.compile("Kosten, cofinanciering")).click()
    page.get_by_label("Soort kosten").select_option(label="Personeelsuren")
    page.get_by_label("Datum").first.fill("2025-06-30")
    page.get_by_label("Omschrijving").fill("Intakes juni")
    page.get_by_label("Uren", exact=True).fill("4,5")
    page.get_by_label("Uurtarief (euro)").fill("70")
    page.get_by_label("Onderbouwing").first.fill("Urenstaat juni, map Q2")
    page.get_by_role("button", name="Kostenpost opslaan").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    _shot(page, "project-costs-form")
    # a wrong entry is withdrawn with its reason
    page.get_by_label("Reden van intrekking: Lesmateriaal").fill("Dubbel ingevoerd")
    page.get_by_label("Reden van intrekking: Lesmateriaal").press("Enter")
    expect(page.get_by_text("De invoer is ingetrokken.")).to_be_visible()

    page.goto(world.url())
    costs = page.get_by_role("region", name="Kosten en begroting")
    expect(costs).to_contain_text("Intakes juni")
    expect(costs).to_contain_text("17")  # 12,5 + 4,5 staff hours
    expect(costs).to_contain_text("Ingetrokken (ingetrokken door")
    _shot(page, "project-costs-withdrawn")
