"""The programme overview page: budgets, % of maximum requested, targets met / revised /
missed per project, in Dutch, for the monitoring roles only."""

import re
from datetime import UTC, date, datetime
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
from regiowerk.services.tests.factories import EnrolmentFactory, EventFactory

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


EVENTS_HELD = {
    "table": "services.event_reach",
    "measure": "count_rows",
    "date_column": "held_on",
}


def computed(activity, position, definition, *, target):
    return actions.add_indicator(
        activity=activity,
        name=f"Indicator {position}",
        unit="aantal",
        kind=IndicatorKind.COMPUTED,
        position=position,
        definition=definition,
        target=Decimal(target),
    )


@pytest.mark.parametrize("projects", [2, 6])
def test_computed_indicators_are_counted_per_project_in_one_query_per_fact_table(
    projects, django_assert_max_num_queries
):
    # given: finished projects, each executed by its own organisation, project n
    # enrolling n + 1 persons and holding n + 1 events in its period (and more after)
    programme = ProgrammeFactory()
    for n in range(projects):
        executor = OrganisationFactory()
        project = ProjectFactory(
            programme=programme,
            code=f"P{n:02}",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
        )
        actions.add_party(
            project=project,
            name=executor.name,
            role=PartyRole.EXECUTOR,
            organisation_id=executor.pk,
        )
        for registered_on in [date(2025, 6, 1)] * (n + 1) + [date(2026, 2, 1)]:
            EnrolmentFactory(
                person__organisation=executor,
                enrolling_organisation=executor,
                registered_on=registered_on,
            )
        for held in [datetime(2025, 5, 1, 10, tzinfo=UTC)] * (n + 1):
            EventFactory(organiser=executor, starts_at=held, ends_at=held)
        activity = ActivityFactory(project=project)
        computed(activity, 0, ENROLLED, target=n + 1)  # met exactly
        computed(activity, 1, ENROLLED, target=n + 2)  # missed by one
        computed(activity, 2, EVENTS_HELD, target=n + 1)  # met exactly
    client = client_for(Role.PROJECT_LEADER)
    # when: 13 as without computed indicators, and one per fact table
    with django_assert_max_num_queries(13 + 2):
        response = client.get(URL)
    # then: each project counted its own registrations, within its own period
    found = rows(response.content.decode())
    assert len(found) == projects
    for row in found:
        assert re.findall(r"<td>(.*?)</td>", row)[3:] == ["2", "0", "1"], row


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
