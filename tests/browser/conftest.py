"""Headless Chromium for the browser tests: Debian's ``chromium`` driven by Playwright.

No browser is downloaded: Playwright launches the binary named by REGIOWERK_CHROMIUM
(default /usr/bin/chromium). Without it the tests skip with the reason. pytest runs with
``--disable-socket --allow-hosts=127.0.0.1,::1``, so the live server binds 127.0.0.1.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the test
# makes itself (fixtures, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# pytest-django's live_server would bind "localhost"; the socket guard allows 127.0.0.1.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    configured = os.environ.get("REGIOWERK_CHROMIUM", "/usr/bin/chromium")
    if Path(configured).is_file():
        return configured
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip(
            "no Chromium found: install Debian's `chromium` package or set "
            "REGIOWERK_CHROMIUM to the binary (.ci/run does this)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page of the app; the test fails if Chromium blocked anything under the CSP."""
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not blocked, f"the Content-Security-Policy blocked: {blocked}"


@pytest.fixture
def municipality(transactional_db):
    """A municipality in its own region, for tests that run against the live server."""
    from regiowerk.organisations.actions import create_organisation
    from regiowerk.organisations.constants import OrganisationType
    from regiowerk.organisations.models import Region

    region = Region.objects.create(name="Zuidoost-Drenthe", code="zuidoost-drenthe")
    return create_organisation(
        name="Gemeente Veenstad", type=OrganisationType.MUNICIPALITY, region=region
    )
