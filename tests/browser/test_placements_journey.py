"""Issue 9's "Done means" in the browser, in Dutch, as the demo walk did it by hand.

The pipeline: the Werkgeversservicepunt's account manager finds the vacancy's suitable
candidates from the vacancy page, puts one forward unnamed, records the nomination, the
trial and the placement; the person's own organisation then follows it (its labour
expert sees it on Nazorg). Follow-up: a labour expert sees who is due, records a check-in
with signals, sees the placement at risk with its reasons, ends it with a reason and puts
the person forward again from the suggestions. Screenshots in var/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.matching.tests.factories import profile_of, vacancies_for
from regiowerk.organisations.actions import create_organisation
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import make_user
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.tests.factories import ConsentFactory
from regiowerk.placements.constants import CheckInStatus, EndingReason, Stage
from regiowerk.placements.models import Candidacy, CheckIn, Placement
from regiowerk.placements.tests.factories import PlacementFactory, days_ago
from tests.browser.helpers import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/inloggen/"))


def _move_to(page, stage: str) -> None:
    page.locator("summary", has_text="Naar de volgende fase").click()
    page.get_by_label("Volgende fase").select_option(label=stage)
    page.get_by_role("button", name="Naar de volgende fase").click()
    expect(page.get_by_role("status")).to_contain_text(
        "De kandidaatstelling is een fase verder."
    )


def test_the_account_manager_nominates_and_records_trial_and_placement(
    page, municipality, demo_taxonomy
):
    consultant = make_user(organisation=municipality, role=Role.CONSULTANT)
    expert = make_user(organisation=municipality, role=Role.LABOUR_EXPERT)
    actor = get_actor(user=consultant, organisation_id=municipality.pk)
    person = profile_of(
        actor, "magazijnmedewerker", first_name="Ruud", last_name="Rugpijn"
    )
    wsp = create_organisation(
        name="Werkgeversservicepunt Veenstad",
        type=OrganisationType.EMPLOYER_SERVICE_DESK,
        region=municipality.region,
    )
    ConsentFactory(person=person, purpose=ConsentPurpose.SHARING, partner=wsp)
    account_manager = make_user(organisation=wsp, role=Role.ACCOUNT_MANAGER)
    employer = EmployerFactory(
        name="DC Emmen-Noord", region=municipality.region, account_organisation=wsp
    )
    (vacancy,) = vacancies_for(
        "magazijnmedewerker", [("Magazijnmedewerker 32 uur", employer, 32, "light")]
    )

    log_in(page, account_manager)
    page.goto(f"/vacatures/{vacancy.pk}/")
    page.get_by_role("link", name="Geschikte kandidaten tonen").click()
    candidate = page.get_by_role("article", name=re.compile("Kandidaat 1"))
    expect(candidate).to_contain_text("match")
    expect(page.locator("main")).not_to_contain_text("Rugpijn")
    shot(page, "pipeline-unnamed-candidates")
    candidate.get_by_role("button", name="Voordragen").click()

    expect(page.get_by_role("status")).to_contain_text(
        "De kandidaatstelling is gestart."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Een kandidaat voor “Magazijnmedewerker 32 uur”"
    )
    _move_to(page, "Voorgedragen bij de werkgever")
    _move_to(page, "Proefplaatsing")
    _move_to(page, "Geplaatst")
    steps = page.get_by_role("region", name="Stappen")
    for step in ("Geworven", "Voorgedragen bij de werkgever", "Proefplaatsing"):
        expect(steps).to_contain_text(step)
    shot(page, "pipeline-candidacy-placed")

    page.get_by_role("link", name="Plaatsing vastleggen").click()
    expect(
        page.get_by_text("De eigen organisatie van de kandidaat volgt")
    ).to_be_visible()
    expect(page.get_by_label("Arbeidsdeskundige of jobcoach")).to_have_count(0)
    page.get_by_label("Soort contract").select_option(label="Tijdelijk (bepaalde tijd)")
    page.get_by_label("Uren per week").fill("32")
    page.get_by_role("button", name="Opslaan").click()
    # a fixed-term contract without its end: named at the field, in Dutch
    expect(page.locator(".error-summary")).to_contain_text(
        "Contract eindigt op: Een tijdelijk contract heeft een einddatum nodig."
    )
    page.get_by_label("Contract eindigt op").fill(days_ago(-365).isoformat())
    page.get_by_role("checkbox", name="Jobcoach").check()
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("De plaatsing is vastgelegd.")
    expect(page.locator("main")).not_to_contain_text("Rugpijn")
    (candidacy,) = Candidacy.objects.all()
    assert [step.stage for step in candidacy.steps.order_by("pk")] == [
        Stage.RECRUITED,
        Stage.NOMINATED,
        Stage.TRIAL,
        Stage.PLACED,
    ]
    placement = Placement.objects.get(candidacy=candidacy)
    assert (placement.person, placement.organisation) == (person, municipality)
    assert placement.support == ["job_coach"]

    # the person's own organisation follows it: its labour expert sees it on Nazorg
    _log_out(page)
    log_in(page, expert)
    page.goto("/nazorg/?team=1")
    expect(page.get_by_role("link", name="Ruud Rugpijn").first).to_be_visible()
    shot(page, "pipeline-followed-by-the-persons-organisation")


def test_the_labour_expert_follows_up_ends_and_puts_forward_again(
    page, municipality, demo_taxonomy
):
    expert = make_user(organisation=municipality, role=Role.LABOUR_EXPERT)
    expert.first_name, expert.last_name = "Marco", "van der Veen"
    expert.save()
    actor = get_actor(user=expert, organisation_id=municipality.pk)
    person = profile_of(
        actor, "magazijnmedewerker", first_name="Femke", last_name="Hofstede"
    )
    placement = PlacementFactory(
        person=person,
        employer=EmployerFactory(name="Bakkerij De Korrel"),
        organisation=municipality,
        responsible=expert,
        starts_on=days_ago(40),  # the 2-week check-in is overdue
    )
    employer = EmployerFactory(name="DC Emmen-Noord", region=municipality.region)
    vacancies_for(
        "magazijnmedewerker", [("Medewerker voorraadbeheer", employer, 32, "light")]
    )

    log_in(page, expert)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Nazorg"
    ).click()
    due = page.get_by_role("region", name="Geplande en te late contactmomenten")
    expect(due.get_by_role("row", name=re.compile("Femke Hofstede"))).to_contain_text(
        "Bakkerij De Korrel"
    )
    due.get_by_role("link", name="Femke Hofstede").click()
    page.wait_for_url(re.compile(rf"/plaatsingen/{placement.pk}/$"))

    page.locator("summary", has_text="Contactmoment vastleggen").click()
    form = page.locator("form[action*='contactmoment/']")
    form.locator("[name=held_with]").select_option(label="Werknemer en werkgever")
    form.get_by_label("Algemene status").select_option(label="Risico")
    form.get_by_label("Werkdruk").select_option(label="1 (zorgelijk)")
    form.get_by_label("Gezondheid en energie").select_option("2")
    form.get_by_label("Tevredenheid werknemer").select_option("2")
    form.get_by_label("Gegeven advies").fill("Uren tijdelijk terug naar 24.")
    form.get_by_role("button", name="Contactmoment vastleggen").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Het contactmoment is vastgelegd."
    )
    check_ins = page.get_by_role("table", name="Contactmomenten")
    expect(check_ins).to_contain_text("Werkdruk: 1; Gezondheid en energie: 2")
    (check_in,) = CheckIn.objects.filter(placement=placement)
    assert check_in.status == CheckInStatus.AT_RISK
    assert (check_in.workload, check_in.health_energy) == (1, 2)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Nazorg"
    ).click()
    warning = page.get_by_role("region", name="Vroegsignalering")
    row = warning.get_by_role("row", name=re.compile("Femke Hofstede"))
    expect(row).to_contain_text("Risico")
    expect(row).to_contain_text("Laatste contactmoment: risico")
    expect(row).to_contain_text("Lage signalen bij het laatste contactmoment")
    shot(page, "follow-up-at-risk-with-reasons")

    row.get_by_role("link", name="Femke Hofstede").click()
    page.locator("summary", has_text="Beëindiging vastleggen").click()
    ending = page.locator("form[action$='beeindigen/']")
    ending.get_by_label("Reden").select_option(label="Gezondheid")
    ending.get_by_role("checkbox", name="Werkdruk").check()
    ending.get_by_label("Geleerde les").fill("Te snel naar 32 uur opgebouwd.")
    ending.get_by_role("button", name="Beëindiging vastleggen").click()

    expect(page.get_by_role("status")).to_contain_text("De plaatsing is beëindigd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vervolgstap voor Femke Hofstede"
    )
    expect(page.locator("main")).to_contain_text("is beëindigd: Gezondheid")
    placement.refresh_from_db()
    assert placement.ending.reason == EndingReason.HEALTH
    assert placement.ending.factors == ["workload"]
    shot(page, "follow-up-next-step")

    page.get_by_role("row", name=re.compile("Medewerker voorraadbeheer")).get_by_role(
        "button", name="Voordragen"
    ).click()

    expect(page.get_by_role("status")).to_contain_text(
        "De kandidaatstelling is gestart."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Femke Hofstede voor “Medewerker voorraadbeheer”"
    )
    (candidacy,) = Candidacy.objects.filter(person=person)
    assert (candidacy.stage, candidacy.source) == (Stage.RECRUITED, "matching")


def _fail_a_check_in(page, expert, placement):
    """Log in, open the long placement page and submit a check-in held in the future."""
    log_in(page, expert)
    page.goto(f"/plaatsingen/{placement.pk}/")
    page.locator("summary", has_text="Contactmoment vastleggen").click()
    form = page.locator("form[action*='contactmoment/']")
    form.get_by_label("Gehouden op").fill(days_ago(-3).isoformat())  # in the future
    form.get_by_role("button", name="Contactmoment vastleggen").click()
    summary = form.locator(".error-summary")
    expect(summary).to_contain_text("Gehouden op: De datum ligt in de toekomst.")
    return summary


@pytest.fixture
def long_placement(municipality):
    """A placement of 400 days: the facts, the early warning and a long schedule
    above the check-in form, which starts below a 720-pixel window."""
    expert = make_user(organisation=municipality, role=Role.LABOUR_EXPERT)
    placement = PlacementFactory(
        person__organisation=municipality,
        organisation=municipality,
        responsible=expert,
        starts_on=days_ago(400),
    )
    return expert, placement


def test_a_failed_check_in_shows_its_errors_where_the_user_looks(page, long_placement):
    """The walk-through: after a check-in that could not be recorded, the errors sat
    far down the long placement page; the page that comes back opens at the form
    (it posts to #check-in-errors) and its error summary takes the focus."""
    expert, placement = long_placement
    page.set_viewport_size({"width": 1280, "height": 720})

    summary = _fail_a_check_in(page, expert, placement)

    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert page.url.endswith("#check-in-errors")
    assert not CheckIn.objects.filter(placement=placement).exists()
    page.screenshot(path="/tmp/b-checkin-error.png")  # noqa: S108  (to look at)
    shot(page, "check-in-errors")


def test_a_failed_check_in_shows_its_errors_without_javascript_too(
    browser, live_server, long_placement
):
    """Without the script nothing takes the focus: the anchor alone brings the
    form's error summary into view."""
    expert, placement = long_placement
    context = browser.new_context(
        locale="nl-NL",
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 1280, "height": 720},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        summary = _fail_a_check_in(page, expert, placement)

        expect(summary).to_be_in_viewport()
        page.screenshot(path="/tmp/b-checkin-error-no-js.png")  # noqa: S108
    finally:
        context.close()
    assert not CheckIn.objects.filter(placement=placement).exists()
