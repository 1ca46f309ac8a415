"""The employer's view in the browser, in Dutch: an employer contact logs in, lands on
"Mijn medewerkers", sees their labour expert and their placed workers (the status only
of the worker who shares it) and asks for help. Screenshot in var/screenshots/."""

import pytest
from playwright.sync_api import expect

from regiowerk.employers.models import EmployerContact
from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User
from regiowerk.organisations.tests.factories import TEST_PASSWORD, make_user
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.tests.factories import ConsentFactory
from regiowerk.placements.constants import CheckInKind
from regiowerk.placements.models import CheckIn
from regiowerk.placements.tests.factories import PlacementFactory, days_ago
from tests.browser.helpers import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_an_employer_contact_sees_their_workers_and_asks_for_help(page, municipality):
    expert = make_user(organisation=municipality, role=Role.LABOUR_EXPERT)
    expert.first_name, expert.last_name = "Marco", "van der Veen"
    expert.email = "marco@example.org"
    expert.save()
    employer = EmployerFactory(name="Bakkerij De Korrel")
    placements = {}
    for first, last in (("Femke", "Hofstede"), ("Ahmed", "Bakker")):
        placements[last] = PlacementFactory(
            organisation=municipality,
            person__organisation=municipality,
            person__first_name=first,
            person__last_name=last,
            employer=employer,
            responsible=expert,
        )
    CheckIn.objects.create(
        placement=placements["Hofstede"],
        held_on=days_ago(5),
        held_with="both",
        status="on_track",
    )
    ConsentFactory(
        person=placements["Hofstede"].person,
        purpose=ConsentPurpose.EMPLOYER_FOLLOW_UP,
    )
    user = User.objects.create_user(username="werkgever", password=TEST_PASSWORD)
    EmployerContact.objects.create(user=user, employer=employer)

    log_in(page, user)

    expect(page.get_by_role("heading", name="Mijn medewerkers")).to_be_visible()
    expect(page.get_by_role("region", name="Uw contactpersoon")).to_contain_text(
        "Marco van der Veen"
    )
    workers = page.get_by_role("region", name="Geplaatste medewerkers")
    expect(workers.get_by_role("row", name="Femke Hofstede")).to_contain_text(
        "Op schema"
    )
    expect(workers.get_by_role("row", name="Ahmed Bakker")).to_contain_text(
        "Niet gedeeld door de medewerker"
    )
    expect(page.get_by_role("link", name="Personen")).to_have_count(0)
    shot(page, "employer-view")

    help_form = page.get_by_role("region", name="Hulp vragen")
    help_form.get_by_label("Over").select_option(label="Ahmed Bakker")
    help_form.get_by_label("Uw vraag").fill("Hij lijkt moe; kan er iemand langskomen?")
    help_form.get_by_role("button", name="Hulp vragen").click()

    expect(page.get_by_role("status")).to_contain_text("Uw hulpvraag is naar")
    (asked,) = CheckIn.objects.filter(placement=placements["Bakker"])
    assert asked.kind == CheckInKind.AD_HOC
    shot(page, "employer-view-help-sent")
