"""Differencing: an analyst who looks, waits for one registration and looks again
learns nothing from the monitor, one indicator's values, a trace or served versus
declarable — the figures about persons are published once a month (``common.published``)
and the same all month, counted together at the month's first look, on the page, in
Excel and in the API. The project leader keeps the live, exact figures; next month's
first look counts afresh."""

from datetime import date, timedelta
from io import BytesIO

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from regiowerk.common.models import PublishedFigures
from regiowerk.monitoring.tests.test_project_page import World
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import make_user
from regiowerk.services.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

NAME = "Ingeschreven deelnemers"
Q3 = 2


@pytest.fixture
def world() -> World:
    world = World()  # 2 enrolled in Q1, 1 in Q2
    # 5 in each of Q1, Q2 and Q3: cells an analyst sees
    for month, n in ((1, 3), (4, 4), (7, 5)):
        for day in range(n):
            EnrolmentFactory(
                person__organisation=world.executor,
                registered_on=date(2025, month, 1 + day),
            )
    return world


def _register_one(world: World) -> None:
    EnrolmentFactory(
        person__organisation=world.executor, registered_on=date(2025, 8, 1)
    )


def _api(world: World, api_client_for, role: str, name: str, **kwargs) -> dict:
    user = make_user(organisation=world.executor, role=role)
    client = api_client_for(get_actor(user=user, organisation_id=world.executor.pk))
    url = reverse(name, kwargs={"project_id": world.project.pk, **kwargs})
    response = client.get(url, {"period": Q3})
    assert response.status_code == 200
    return response.json()


def _line(body: dict) -> dict:
    (line,) = [i for i in body["indicators"] if i["name"] == NAME]
    return line


def test_a_registration_between_two_looks_does_not_show_in_the_analysts_figures(
    world, api_client_for
):
    before = _api(world, api_client_for, Role.ANALYST, "api-project-monitor")
    assert (_line(before)["in_period"], _line(before)["realised"]) == (5, 15)
    assert before["counted_on"] is not None

    _register_one(world)

    after = _api(world, api_client_for, Role.ANALYST, "api-project-monitor")
    assert _line(after) == _line(before)
    assert after["costs"]["participants"] == before["costs"]["participants"]
    assert after["counted_on"] == before["counted_on"]
    # asked for the first time after the registration, the indicator's values and its
    # trace were counted at the monitor's first look too: they agree with it
    values = _api(
        world,
        api_client_for,
        Role.ANALYST,
        "api-indicator-values",
        indicator_id=world.computed.pk,
    )
    assert values["line"]["per_period"] == _line(before)["per_period"]
    trace = _api(
        world,
        api_client_for,
        Role.ANALYST,
        "api-indicator-trace",
        indicator_id=world.computed.pk,
    )
    assert (trace["value"], trace["subjects"]) == (15, 15)
    # the project leader sees the registration at once
    leader = _api(world, api_client_for, Role.PROJECT_LEADER, "api-project-monitor")
    assert (_line(leader)["in_period"], _line(leader)["realised"]) == (6, 16)
    assert leader["counted_on"] is None


def test_the_page_the_workbook_and_served_versus_declarable_hold_still_too(world):
    analyst = world.client(Role.ANALYST)
    page = analyst.get(world.url(), {"periode": Q3}).content.decode()
    served = analyst.get(world.url("project-declarable")).content.decode()
    assert "15 deelnemers bediend" in served
    assert (
        "Stand van " in page and "eens per maand geteld" in page
    )  # the day they were counted, and why

    _register_one(world)

    again = analyst.get(world.url(), {"periode": Q3}).content.decode()
    assert again == page or _indicator_table(again) == _indicator_table(page)
    assert "15 deelnemers bediend" in (
        analyst.get(world.url("project-declarable")).content.decode()
    )
    book = load_workbook(
        BytesIO(analyst.get(world.url("project-monitor-xlsx"), {"periode": Q3}).content)
    )
    row = next(
        [c.value for c in r]
        for r in book["Indicatoren"].iter_rows()
        if NAME in [c.value for c in r]
    )
    assert row[6:8] == [15, 5]
    leader = world.client(Role.PROJECT_LEADER)
    assert "16 deelnemers bediend" in (
        leader.get(world.url("project-declarable")).content.decode()
    )


def _indicator_table(html: str) -> str:
    return html.split('class="monitor-indicators"')[1].split("</table>")[0]


def test_next_months_first_look_counts_afresh(world, api_client_for):
    _api(world, api_client_for, Role.ANALYST, "api-project-monitor")
    _register_one(world)
    # a month later: this month's publication is last month's
    row = PublishedFigures.objects.get()
    PublishedFigures.objects.filter(pk=row.pk).update(
        month=(row.month - timedelta(days=1)).replace(day=1)
    )

    later = _api(world, api_client_for, Role.ANALYST, "api-project-monitor")

    assert (_line(later)["in_period"], _line(later)["realised"]) == (6, 16)
    assert PublishedFigures.objects.count() == 2


def test_the_first_look_counts_an_indicator_in_one_query_whatever_its_periods(
    world, api_client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regiowerk.monitoring import actions
    from regiowerk.monitoring.constants import IndicatorKind
    from regiowerk.monitoring.tests.factories import ENROLLED

    user = make_user(organisation=world.executor, role=Role.ANALYST)
    client = api_client_for(get_actor(user=user, organisation_id=world.executor.pk))
    url = reverse("api-project-monitor", kwargs={"project_id": world.project.pk})

    def first_look() -> int:
        PublishedFigures.objects.all().delete()
        with CaptureQueriesContext(connection) as looked:
            assert client.get(url).status_code == 200
        return len(looked.captured_queries)

    def later_look() -> int:
        with CaptureQueriesContext(connection) as looked:
            client.get(url)
        return len(looked.captured_queries)

    client.get(url)  # the session
    one, again = first_look(), later_look()
    for position in (5, 6):
        actions.add_indicator(
            activity=world.computed.activity,
            name=f"Nog een telling {position}",
            unit="deelnemers",
            kind=IndicatorKind.COMPUTED,
            position=position,
            definition=ENROLLED,
        )
    three = first_look()
    # more indicators on a table already counted: no more queries (every period and
    # running total of every indicator of a fact table in one aggregate)
    assert three == one
    assert again < one  # later looks read the publication instead of counting
