"""Small-cell suppression for analysts: the counts of persons in the monitor, served
versus declarable and the trace are "x" below 5 on the page, in Excel and in the API;
the project leader keeps the exact figures."""

from decimal import Decimal
from io import BytesIO

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from regiowerk.monitoring import suppression
from regiowerk.monitoring.reports import IndicatorLine
from regiowerk.monitoring.tests.test_project_page import World, cells
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import make_user

pytestmark = pytest.mark.django_db

NAME = "Ingeschreven deelnemers"  # World's computed indicator: 2 in Q1, 1 in Q2


@pytest.fixture
def world() -> World:
    return World()


def test_the_analyst_sees_x_on_the_page_the_project_leader_the_count(world):
    # when: the analyst and the project leader look at the second quarter
    analyst = world.client(Role.ANALYST).get(world.url(), {"periode": 1})
    leader = world.client(Role.PROJECT_LEADER).get(world.url(), {"periode": 1})
    # then: this quarter (1) and the running total (3) are hidden from the analyst
    expected = ["deelnemers", "4", "4"]
    assert cells(analyst.content.decode(), NAME)[:5] == [*expected, "x", "x"]
    assert cells(leader.content.decode(), NAME)[:5] == [*expected, "1", "3"]
    html = analyst.content.decode()
    assert "x personen (een klein aantal, verborgen)" in html
    assert "3 personen" not in html
    assert "door aftrekken te herleiden" in html  # the mark is explained
    # served vs declarable on the page: the 3 served are hidden too
    assert "x deelnemers bediend" in html
    assert "3 deelnemers bediend" in leader.content.decode()


def test_the_analysts_workbook_has_x_where_the_leaders_has_numbers(world):
    url = world.url("project-monitor-xlsx")

    def sheets(role: str):
        response = world.client(role).get(url, {"periode": 1})
        return load_workbook(BytesIO(response.content))

    analyst, leader = sheets(Role.ANALYST), sheets(Role.PROJECT_LEADER)

    def computed_row(book, sheet: str) -> list:
        return next(
            [c.value for c in row]
            for row in book[sheet].iter_rows()
            if NAME in [c.value for c in row]
        )

    # Indicators: realised, in this period
    assert computed_row(analyst, "Indicatoren")[6:8] == ["x", "x"]
    assert computed_row(leader, "Indicatoren")[6:8] == [3, 1]
    # Per period: 2, 1, 0, 0 — the two small quarters hidden, the empty ones shown
    assert computed_row(analyst, "Per periode")[1:] == ["x", "x", 0, 0]
    assert computed_row(leader, "Per periode")[1:] == [2, 1, 0, 0]


def test_the_api_gives_the_analyst_x_and_the_project_leader_the_figures(
    world, api_client_for
):
    def body(role: str, name: str, **kwargs):
        user = make_user(organisation=world.executor, role=role)
        client = api_client_for(get_actor(user=user, organisation_id=world.executor.pk))
        url = reverse(name, kwargs={"project_id": world.project.pk, **kwargs})
        response = client.get(url, {"period": 1})
        assert response.status_code == 200
        return response.json()

    analyst = body(Role.ANALYST, "api-project-monitor")
    (line,) = [i for i in analyst["indicators"] if i["name"] == NAME]
    assert analyst["suppressed"] is True
    assert (line["realised"], line["in_period"], line["persons"]) == ("x", "x", "x")
    assert line["per_period"] == ["x", "x", 0, 0]
    assert line["percentage_of_target"] is None
    leader = body(Role.PROJECT_LEADER, "api-project-monitor")
    (line,) = [i for i in leader["indicators"] if i["name"] == NAME]
    assert leader["suppressed"] is False
    assert (line["realised"], line["in_period"], line["persons"]) == (3, 1, 3)
    assert line["per_period"] == [2, 1, 0, 0]
    # one indicator's values and its trace agree with the monitor
    values = body(Role.ANALYST, "api-indicator-values", indicator_id=world.computed.pk)
    assert values["line"]["per_period"] == ["x", "x", 0, 0]
    trace = body(Role.ANALYST, "api-indicator-trace", indicator_id=world.computed.pk)
    assert (trace["value"], trace["subjects"]) == ("x", "x")
    trace = body(
        Role.PROJECT_LEADER, "api-indicator-trace", indicator_id=world.computed.pk
    )
    assert (trace["value"], trace["subjects"]) == (3, 3)


def test_the_trace_and_declarable_pages_hide_small_counts_from_the_analyst(world):
    trace_url = world.indicator_url("indicator-trace", world.computed)
    analyst = world.client(Role.ANALYST).get(trace_url).content.decode()
    leader = world.client(Role.PROJECT_LEADER).get(trace_url).content.decode()
    assert "Getelde personen</dt><dd>x " in analyst
    assert "<strong>x</strong> deelnemers" in analyst
    assert "Getelde personen</dt><dd>3 " in leader
    declarable_url = world.url("project-declarable")
    analyst = world.client(Role.ANALYST).get(declarable_url).content.decode()
    assert "x deelnemers bediend" in analyst
    assert '<td class="num">3</td>' not in analyst
    assert '<td class="num">3</td>' in (
        world.client(Role.PROJECT_LEADER).get(declarable_url).content.decode()
    )


def _line(*cells: tuple[int, int | None]) -> IndicatorLine:
    *periods, total = cells
    return IndicatorLine(
        indicator_id=1,
        activity="",
        name="",
        unit="",
        kind="computed",
        kind_label="",
        original=None,
        current=Decimal(20),
        realised=Decimal(total[0]) if total[1] is None else Decimal(50),
        in_period=None,
        per_period=tuple(Decimal(n) if w is None else Decimal(50) for n, w in periods),
        progress="",
        progress_label="",
        is_revised=False,
        deliverable_status="",
        evidence="",
        how_counted="",
        persons=total[0],
        cells=cells,
    )


def test_one_small_period_cannot_be_recovered_from_the_others_and_the_total():
    # 7 + 2 + 9 = 18 distinct persons: hiding the 2 alone would give it away
    line = suppression._line(_line((7, None), (2, None), (9, None), (18, None)), 1)
    assert line.per_period == ("x", "x", Decimal(9))
    assert (line.in_period, line.realised, line.persons) == ("x", Decimal(18), 18)
    assert line.cells == ()


def test_a_share_is_hidden_when_its_cohort_or_either_side_of_it_is_small():
    line = suppression._line(
        _line((4, 2), (10, 1), (10, 5), (24, 8)),
        2,
    )
    # a cohort of 4; 1 of 10 at work; 5 of 10 is shown; the whole 8 of 24 too
    assert line.per_period == ("x", "x", Decimal(50))
    assert line.realised == Decimal(50)
