"""Forms and layout in the browser, in Dutch: group labels, described fields, focus on
the error summary, a visible focus ring, and pages that fit a phone and a 1,024 px
screen. Screenshots go to var/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from regiowerk.organisations.actions import create_organisation
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import Region
from regiowerk.organisations.tests.factories import make_user
from regiowerk.services import actions as service_actions
from regiowerk.services.tests.factories import catalogue_keeper
from tests.browser.helpers import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def municipality(transactional_db):
    region = Region.objects.create(name="Zuidoost-Drenthe", code="zuidoost-drenthe")
    return create_organisation(
        name="Arbeidsdeskundigenpraktijk Van der Veen en Partners",
        type=OrganisationType.MUNICIPALITY,
        region=region,
    )


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _contrast(page, selector: str) -> float:
    """Contrast ratio of the focused element's outline against what lies behind it."""
    return page.evaluate(
        """(selector) => {
        const lum = (rgb) => {
          const [r, g, b] = rgb.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map((v) => {
            v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const element = document.querySelector(selector);
        let behind = element.parentElement;
        while (behind && getComputedStyle(behind).backgroundColor.endsWith(", 0)")) {
          behind = behind.parentElement;
        }
        const background = behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)";
        const style = getComputedStyle(element);
        if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) return 0;
        const [a, b] = [lum(style.outlineColor), lum(background)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
    }""",
        selector,
    )


def test_a_group_label_ticks_nothing_and_a_failed_submit_focuses_the_summary(
    page, municipality
):
    log_in(page, make_user(organisation=municipality, role=Role.ADMINISTRATOR))
    page.goto("/beheer/gebruikers/nieuw/")

    roles = page.get_by_role("group", name=re.compile("^Rollen"))
    expect(roles).to_be_visible()  # a fieldset named by its legend
    roles.locator("legend").click()
    expect(roles.get_by_role("checkbox", checked=True)).to_have_count(0)
    # the help text under "Rollen" is what the group's aria-describedby points to
    expect(roles).to_have_attribute("aria-describedby", "id_roles_helptext")
    expect(page.locator("#id_roles_helptext")).to_contain_text("Analisten")

    page.get_by_label("Gebruikersnaam").fill("a.bakker")
    page.get_by_role("button", name="Gebruiker aanmaken").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Rollen")
    shot(page, "user-create-errors")


def test_every_aria_describedby_points_to_an_element_that_exists(page, municipality):
    log_in(page, make_user(organisation=municipality, role=Role.CONSULTANT))
    page.goto("/personen/nieuw/")
    page.get_by_role("button", name="Registreren").click()  # with errors too

    dangling = page.evaluate(
        """() => [...document.querySelectorAll('[aria-describedby]')].flatMap((el) =>
            el.getAttribute('aria-describedby').split(/\\s+/).filter(
              (id) => !document.getElementById(id)).map((id) => el.name + ' -> ' + id))"""
    )

    assert not dangling, dangling
    consent = page.get_by_label(re.compile("verantwoording op BSN"))
    expect(consent).to_have_accessible_description(re.compile("versleuteld"))


def test_the_focus_ring_has_at_least_3_to_1_contrast(page, municipality):
    log_in(page, make_user(organisation=municipality, role=Role.CONSULTANT))
    page.goto("/personen/nieuw/")

    page.get_by_label("Voornaam").focus()
    assert _contrast(page, "#id_first_name") >= 3
    page.locator(".site-header a.brand").focus()
    assert _contrast(page, ".site-header a.brand") >= 3
    page.get_by_role("button", name="Registreren").focus()
    assert _contrast(page, "main button[type=submit]") >= 3


@pytest.mark.parametrize("width", [360, 1024])
def test_the_pages_fit_a_phone_and_a_small_laptop(page, municipality, width):
    keeper = catalogue_keeper(municipality)
    for name in ("Competentieassessment techniek", "Loopbaanoriëntatieprogramma"):
        service_actions.create_service(
            actor=keeper, name=name, type="work_to_work", capacity=12
        )
    log_in(page, make_user(organisation=municipality, role=Role.CONSULTANT))
    page.set_viewport_size({"width": width, "height": 800})

    for path, name in [("/", "start"), ("/catalogus/", "catalogue")]:
        page.goto(path)
        shot(page, f"{name}-{width}")
        assert _page_width(page) <= width, f"{path} scrolls sideways at {width} px"
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        box = menu.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
        last = menu.get_by_role("link").last
        last_box = last.bounding_box()
        assert last_box is not None and last_box["x"] + last_box["width"] <= width

    if width >= 1024:  # the catalogue's table fits without scrolling
        overflow = page.evaluate(
            "[...document.querySelectorAll('main table')].map("
            "(t) => t.parentElement.scrollWidth - t.parentElement.clientWidth)"
        )
        assert overflow and max(overflow) <= 0, overflow
