"""The programme overview from one frozen report: the page, Excel and PDF agree, and the
renderers run no queries."""

import re
from datetime import date
from io import BytesIO

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from regiowerk.monitoring import programme_report
from regiowerk.monitoring.tests.factories import (
    ActivityFactory,
    ProgrammeFactory,
    ProjectFactory,
)
from regiowerk.monitoring.tests.test_reports import pdf_text
from regiowerk.monitoring.tests.test_views import URL, client_for, dw2012, manual, rows
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    """Two finished projects: DW2012 with a target met, one revised and missed, one
    open-ended; DW2013 without a requested subsidy and one target missed."""
    programme = ProgrammeFactory(name="DWSRA 2016", code="dwsra-2016")
    dw2012(programme, title="Sectorplan zorg")
    second = ProjectFactory(
        programme=programme,
        code="DW2013",
        title="Van werk naar werk",
        direct_costs_cents=200_000_50,
        max_subsidy_cents=138_000_00,
        starts_on=date(2016, 7, 15),
        ends_on=date(2018, 6, 30),
    )
    manual(ActivityFactory(project=second), 0, target=40, realised=12)
    return programme


def build(programme) -> programme_report.ProgrammeOverview:
    organisation = OrganisationFactory()
    user = make_user(organisation=organisation, role=Role.ANALYST)
    actor = get_actor(user=user, organisation_id=organisation.pk)
    return programme_report.programme_overview(
        programme, actor=actor, today=date(2026, 12, 3)
    )


def test_the_overview_holds_each_project_and_the_totals(programme):
    overview = build(programme)
    first, second = overview.projects
    assert (first.code, first.requested_percentage) == ("DW2012", 83)
    assert (first.met, first.revised, first.missed) == (1, 1, 1)
    assert (second.requested_percentage, second.missed) == (None, 1)
    assert overview.total("direct_costs_cents") == 1_445_313_50
    assert overview.total("requested_subsidy_cents") == 710_781_00
    assert overview.total("missed") == 2
    assert not first.readable  # the analyst is no party of it


def test_the_renderers_run_no_queries(programme):
    overview = build(programme)
    with CaptureQueriesContext(connection) as captured:
        programme_report.to_xlsx(overview)
        render_to_string(
            "monitoring/_overview.html", programme_report.context(overview)
        )
    assert captured.captured_queries == []


def test_excel_has_the_programme_and_the_projects_with_numbers_as_numbers(programme):
    workbook = load_workbook(BytesIO(programme_report.to_xlsx(build(programme))))
    assert workbook.sheetnames == ["Programma", "Projecten", "Te late rapportages"]
    facts = {r[0]: r[1] for r in workbook["Programma"].iter_rows(values_only=True)}
    assert facts["Programma"] == "DWSRA 2016"
    assert facts["Projecten"] == 2
    sheet = workbook["Projecten"]
    header, first, second, total = sheet.iter_rows(values_only=True)
    assert header[:2] == ("Project", "Titel")
    assert first[4:] == (1_245_313, 859_265, 710_781, 83, 3, 1, 1, 1)
    assert second[4] == 200_000.5 and second[6:8] == (None, None)
    assert total[0] == "Totaal" and total[4] == 1_445_313.5 and total[-1] == 2
    assert sheet["E2"].number_format == '"€" #,##0.00'
    assert sheet["C2"].number_format == "dd-mm-yyyy"


def _figures(overview) -> list[tuple[str, str, str, str, str, str]]:
    """Per project: code, direct costs and maximum in whole euros, met/revised/missed."""
    return [
        (
            line.code,
            f"{line.direct_costs_cents // 100:,}".replace(",", "."),
            f"{line.max_subsidy_cents // 100:,}".replace(",", "."),
            str(line.met),
            str(line.revised),
            str(line.missed),
        )
        for line in overview.projects
    ]


@pytest.mark.slow
def test_page_excel_and_pdf_agree_on_the_figures(programme):
    figures = _figures(build(programme))
    client = client_for(Role.PROGRAMME_MANAGER)
    # the page
    html = client.get(URL, {"programme": "dwsra-2016"}).content.decode()
    page = [re.findall(r"<td>(.*?)</td>", row) for row in rows(html)]  # € 1.245.313 ...
    assert [
        (c[0].split("\xa0")[1], c[1].split("\xa0")[1], c[3], c[4], c[5]) for c in page
    ] == [f[1:] for f in figures]
    # Excel
    response = client.get(reverse_of("xlsx"), {"programme": "dwsra-2016"})
    assert response["Content-Disposition"].endswith(
        'programmaoverzicht-dwsra-2016.xlsx"'
    )
    sheet = load_workbook(BytesIO(response.content))["Projecten"]
    body = list(sheet.iter_rows(min_row=2, values_only=True))[:-1]
    assert [
        (
            r[0],
            f"{int(r[4]):,}".replace(",", "."),
            f"{int(r[5]):,}".replace(",", "."),
            str(r[9]),
            str(r[10]),
            str(r[11]),
        )
        for r in body
    ] == figures
    # PDF
    text = pdf_text(client.get(reverse_of("pdf"), {"programme": "dwsra-2016"}))
    assert "Programmaoverzicht: DWSRA 2016" in text
    for code, costs, maximum, met, revised, missed in figures:
        row = next(r for r in text.splitlines() if r.strip().startswith(code))
        words = row.replace("€", " ").split()
        at = words.index(costs)
        assert words[at + 1] == maximum, row
        assert words[-3:] == [met, revised, missed], row


def reverse_of(kind: str) -> str:
    return reverse(f"programme-overview-{kind}")


def test_a_project_row_of_the_pdf_is_never_split_over_two_pages():
    """With 43 DWSRA projects the overview runs over pages; a row whose title takes two
    lines was split: its figures at the foot of one page, its code and title on the
    next, so the funder read a row of figures without a project."""
    from django.http import HttpResponse

    programme = ProgrammeFactory(name="DWSRA 2016", code="dwsra-2016")
    for n in range(45):
        ProjectFactory(
            programme=programme,
            code=f"DW2{n:03d}",
            title="Samenwerking in de levensmiddelenindustrie en regie op de "
            "arbeidsmarkt van de regio",
            direct_costs_cents=(1_000_000 + n) * 100,
            max_subsidy_cents=690_000_00,
            starts_on=date(2016, 7, 15),
            ends_on=date(2018, 6, 30),
        )

    data = programme_report.to_pdf(build(programme))

    text = pdf_text(HttpResponse(data, content_type="application/pdf"))
    for n in range(45):
        costs = f"€ 1.000.{n:03d}"
        row = next(line for line in text.splitlines() if costs in line)
        assert f"DW2{n:03d}" in row, (costs, row)
