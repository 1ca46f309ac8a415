"""What browser tests share: logging in through the form and a screenshot to look at
(var/screenshots/)."""

import re
from pathlib import Path

from regiowerk.organisations.tests.factories import TEST_PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def log_in(page, user) -> None:
    """Log ``user`` in through the Dutch log-in form; ends on the start page."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/$"))


def shot(page, name: str) -> None:
    """A full-page screenshot ``var/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
