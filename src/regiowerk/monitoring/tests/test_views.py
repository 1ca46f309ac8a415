"""The programme overview page: budgets, % of maximum requested, targets met / revised /
missed per project, in Dutch, for the monitoring roles only."""

import re
from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

import pytest

from regiowerk.monitoring import actions
from regiowerk.monitoring.constants import IndicatorKind, PartyRole, TargetChangeKind
from regiowerk.monitoring.tests.factories import (
    ENROLLED,
    ActivityFactory,
    ProgrammeFactory,
    ProjectFactory,
)
from regiowerk.monitoring.tests.test_import_programme import PROJECTS_JSON
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.services.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

URL = reverse("programme-overview")


def client_for(role: str) -> Client:
    client = Client()
    client.force_login(make_user(organisation=OrganisationFactory(), role=role))
    return client


def manual(activity, position, *, target, realised=None):
    indicator = actions.add_indicator(
        activity=activity,
        name=f"Indicator {position}",
        unit="deelnemers",
        kind=IndicatorKind.MANUAL,
        position=position,
        target=None if target is None else Decimal(target),
    )
    if realised is not None:
        indicator.realised_value = Decimal(realised)
        indicator.save()
    return indicator


def rows(html: str) -> list[str]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [re.sub(r"[ \t\n]+", " ", r) for r in body.split("<tr>")[1:]]


def dw2012(programme, **fields):
    """DW2012 of ``programme``, finished: a target met, one revised and missed, one
    open-ended."""
    project = ProjectFactory(
        programme=programme,
        code="DW2012",
        direct_costs_cents=1_245_313_00,
        max_subsidy_cents=859_265_00,
        requested_subsidy_cents=710_781_00,
        starts_on=date(2016, 7, 15),
        ends_on=date(2018, 12, 31),
        **fields,
    )
    activity = ActivityFactory(project=project)
    manual(activity, 0, target=2, realised=8)
    lowered = manual(activity, 1, target=700)
    actions.change_target(
        indicator=lowered,
        new_value=Decimal(100),
        reason="Geen BSN te verkrijgen",
        kind=TargetChangeKind.INFORMAL_CONSULTATION,
    )
    manual(activity, 2, target=None, realised=3000)
    return project


def test_the_overview_shows_budget_requested_share_and_targets_per_project():
    # given: a finished project with a target met, one revised and missed, one open-ended
    dw2012(ProgrammeFactory(name="DWSRA 2016"))
    # when
    response = client_for(Role.PROJECT_LEADER).get(URL)
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "Programmaoverzicht: DWSRA 2016" in html
    (row,) = rows(html)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells == ["€\xa01.245.313", "€\xa0859.265", "83&nbsp;%", "1", "1", "1"]
    # the headers and the programme choice are Dutch, the label capitalised
    assert "Aangevraagd (% van maximum)" in html
    assert "Requested" not in html
    assert re.search(r"<label[^>]*>Programma", html)


def test_a_computed_indicator_counts_the_live_registrations_of_the_project():
    # given: the executor enrolled three people during the project
    executor = OrganisationFactory()
    project = ProjectFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    actions.add_party(
        project=project,
        name=executor.name,
        role=PartyRole.EXECUTOR,
        organisation_id=executor.pk,
    )
    EnrolmentFactory.create_batch(
        3, person__organisation=executor, registered_on=date(2026, 3, 1)
    )
    actions.add_indicator(
        activity=ActivityFactory(project=project),
        name="Deelnemers",
        unit="deelnemers",
        kind=IndicatorKind.COMPUTED,
        position=0,
        definition=ENROLLED,
        target=Decimal(3),
    )
    # then: the target is met by counting, not by typing
    (row,) = rows(client_for(Role.ANALYST).get(URL).content.decode())
    assert re.findall(r"<td>(.*?)</td>", row)[3:] == ["1", "0", "0"]


@pytest.mark.parametrize("projects", [2, 8])
def test_the_overview_runs_a_fixed_number_of_queries(
    projects, django_assert_max_num_queries
):
    programme = ProgrammeFactory()
    for _ in range(projects):
        activity = ActivityFactory(project=ProjectFactory(programme=programme))
        for position in range(3):
            manual(activity, position, target=10, realised=position * 5)
    client = client_for(Role.PROJECT_LEADER)
    with django_assert_max_num_queries(13):  # 12, and the period reports
        response = client.get(URL)
    assert len(rows(response.content.decode())) == projects


def test_roles_outside_monitoring_are_refused():
    ProgrammeFactory()
    assert client_for(Role.CONSULTANT).get(URL).status_code == 403


def test_without_programmes_the_page_says_how_to_import_one():
    response = client_for(Role.ADMINISTRATOR).get(URL)
    assert "Nog geen programma's" in response.content.decode()


def test_the_dwsra_overview_lists_the_43_projects_with_their_figures():
    if not PROJECTS_JSON.is_file():
        pytest.skip(f"DWSRA data not found at {PROJECTS_JSON}")
    call_command("import_programme", str(PROJECTS_JSON), stdout=None)
    html = client_for(Role.PROJECT_LEADER).get(URL).content.decode()
    lines = rows(html)
    assert len(lines) == 43
    (dw2012,) = [line for line in lines if ">DW2012 <" in line]
    cells = re.findall(r"<td>(.*?)</td>", dw2012)
    assert cells[:3] == ["€\xa01.245.313", "€\xa0859.265", "83&nbsp;%"]
