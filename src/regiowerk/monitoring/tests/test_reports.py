"""The quarterly monitor from one frozen report: the page, Excel and PDF agree, and the
renderers run no queries."""

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

import pytest
from openpyxl import load_workbook

from regiowerk.common import workbooks
from regiowerk.monitoring import actions, queries, reports
from regiowerk.monitoring.constants import TargetChangeKind
from regiowerk.monitoring.tests.test_project_page import World, cells
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_world() -> World:
    world = World()
    actions.change_target(
        indicator=world.manual,
        new_value=Decimal(8),
        reason="Minder werkgevers bereikbaar",
        kind=TargetChangeKind.INFORMAL_CONSULTATION,
    )
    world.manual.realised_value = Decimal("6.5")
    world.manual.evidence_note = "Gesprekslijst"
    world.manual.save()
    return world


def build(world: World, period_index: int = 1) -> reports.ProjectMonitor:
    project = queries.get_project(actor=_actor(world), project_id=world.project.pk)
    return reports.project_monitor(
        project, period_index=period_index, today=date(2026, 1, 15), with_trail=True
    )


def _actor(world: World):
    user = make_user(organisation=world.executor, role=Role.AUDITOR)
    return get_actor(user=user, organisation_id=world.executor.pk)


def test_the_report_holds_targets_side_by_side_and_per_period_values(report_world):
    report = build(report_world)
    computed, manual, deliverable = report.indicators
    assert (computed.original, computed.current) == (Decimal(4), Decimal(4))
    assert computed.per_period == (Decimal(2), Decimal(1), Decimal(0), Decimal(0))
    assert (computed.in_period, computed.realised, computed.persons) == (
        Decimal(1),
        Decimal(3),
        3,
    )
    assert (manual.original, manual.current, manual.is_revised) == (
        Decimal(10),
        Decimal(8),
        True,
    )
    assert deliverable.deliverable_status == "Gepland"
    assert [p.label for p in report.periods] == [
        "2025 K1",
        "2025 K2",
        "2025 K3",
        "2025 K4",
    ]
    assert report.changes[0].reason == "Minder werkgevers bereikbaar"


def test_the_renderers_run_no_queries(report_world):
    report = build(report_world)
    with CaptureQueriesContext(connection) as captured:
        reports.chart_svg(report)
        reports.to_xlsx(report)
        render_to_string("monitoring/_monitor.html", reports.context(report))
    assert captured.captured_queries == []


def test_the_chart_is_static_svg_with_a_bar_per_target(report_world):
    svg = reports.chart_svg(build(report_world))
    assert svg.startswith("<svg") and "<script" not in svg
    assert svg.count('fill="#eef1f4"') == 3  # three indicators with a target
    assert "6,5 / 8" in svg


def test_excel_has_a_sheet_per_section_and_numbers_as_numbers(report_world):
    workbook = load_workbook(BytesIO(reports.to_xlsx(build(report_world))))
    assert workbook.sheetnames == [
        "Project",
        "Indicatoren",
        "Per periode",
        "Kosten",
        "Cofinanciering",
        "Ingevoerde kosten",
        "Vastgelegde cofinanciering",
        "Streefwaardewijzigingen",
        "Invoer",
    ]
    project = {
        row[0]: row[1] for row in workbook["Project"].iter_rows(values_only=True)
    }
    assert project["Maximale subsidie"] == 690_000
    rows = list(workbook["Indicatoren"].iter_rows(values_only=True))
    assert rows[1][4:8] == (4, 4, 3, 1)
    assert rows[2][4:7] == (10, 8, 6.5)
    per_period = list(workbook["Per periode"].iter_rows(values_only=True))
    assert per_period[1] == ("Ingeschreven deelnemers", 2, 1, 0, 0)


def _figures_of(report: reports.ProjectMonitor) -> list[tuple[str, str, str, str]]:
    return [
        (
            line.name,
            reports.number(line.original),
            reports.number(line.current),
            reports.number(line.realised),
        )
        for line in report.indicators
    ]


@pytest.mark.slow
def test_page_excel_and_pdf_agree_on_the_figures(report_world):
    report = build(report_world)
    figures = _figures_of(report)
    # the page
    client = report_world.client(Role.AUDITOR)
    html = client.get(report_world.url(), {"periode": 1}).content.decode()
    for name, original, current, realised in figures:
        line = cells(html, name)
        assert (line[1], line[2].split()[0], line[4]) == (original, current, realised)
    # Excel
    workbook = load_workbook(BytesIO(reports.to_xlsx(report)))
    sheet = list(workbook["Indicatoren"].iter_rows(values_only=True))[1:]
    assert [
        (
            row[1],
            reports.number(_dec(row[4])),
            reports.number(_dec(row[5])),
            reports.number(_dec(row[6])),
        )
        for row in sheet
    ] == figures
    # PDF
    text = pdf_text(client.get(report_world.url("project-monitor-pdf"), {"periode": 1}))
    table = text.split("Indicatoren")[-1]  # the indicator table, after the chart
    for name, original, current, realised in figures:
        row = next(r for r in table.splitlines() if r.strip().startswith(name))
        words = row.split()
        at = words.index(original, len(name.split()) + 1)
        assert words[at + 1] == current, row
        assert realised in words[at + 2 :], row
    assert "Kwartaalmonitor: DW9001" in text


def pdf_text(response) -> str:
    """The text of a PDF response, laid out as on the page (pdftotext)."""
    assert response["Content-Type"] == "application/pdf"
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    return subprocess.run(  # noqa: S603 (a fixed local tool)
        [pdftotext, "-layout", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()


def _dec(value):
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize(
    ("definition", "shown", "hidden"),
    [
        (
            {
                "table": "services.enrolments",
                "measure": "count_rows",
                "date_column": "completed_on",
                "filters": {"service_type": ["coaching"], "status": ["completed"]},
            },
            ["Coaching", "Afgerond", "afgerond op"],
            ["service_type", "= coaching", "completed"],
        ),
        (
            {
                "table": "services.event_reach",
                "measure": "sum",
                "date_column": "held_on",
                "column": "named_attendees",
                "filters": {"event_type": ["workshop"]},
            },
            ["Workshop"],
            ["named_attendees", "event_type", "workshop,"],
        ),
        (
            {
                "table": "people.status_observations",
                "measure": "share",
                "date_column": "observed_on",
                "filters": {},
                "outcome": {"status": ["employed"]},
            },
            ["uitkomst: "],
            ["employed"],
        ),
    ],
)
def test_how_counted_names_columns_and_values_in_words_not_codes(
    definition, shown, hidden
):
    """A new user reads "Hoe geteld" on the monitor: column labels and value labels in
    Dutch, never the definition's codes (service_type = coaching)."""
    from django.utils import translation

    from regiowerk.common import facts

    with translation.override("nl"):
        how = reports.describe(facts.parse_definition(definition))

    for words in shown:
        assert words in how, how
    for code in hidden:
        assert code not in how, how


def test_excel_shows_times_in_local_time_as_the_pages_do():
    """A change recorded at 13:17 UTC shows 14:17 on the page (Europe/Amsterdam, winter);
    the Excel cell, which has no time zone, must say 14:17 too."""
    from datetime import UTC, datetime

    recorded = datetime(2026, 12, 3, 13, 17, tzinfo=UTC)

    data = workbooks.workbook([("Trail", [["Vastgelegd op"], [recorded]], True)])

    cell = load_workbook(BytesIO(data))["Trail"]["A2"]
    assert cell.value.tzinfo is None
    assert (cell.value.date(), cell.value.hour, cell.value.minute) == (
        recorded.date(),
        14,
        17,
    )
    assert cell.number_format == "dd-mm-yyyy hh:mm"
