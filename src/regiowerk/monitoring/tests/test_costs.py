"""Costs and budget of a project: participants' costs counted from the registry through
the facts seam, staff hours and material entered with evidence, overhead by the
programme's rule, the planned spending curve, co-financing by source; on the project
page, in Excel and in the PDF alike."""

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from regiowerk.common import workbooks
from regiowerk.monitoring import actions, queries, reports
from regiowerk.monitoring.constants import CoFinancingStatus, CostKind
from regiowerk.monitoring.models import CostEntry
from regiowerk.monitoring.tests.test_project_page import World
from regiowerk.monitoring.tests.test_reports import pdf_text
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import make_user
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 15)  # the project (2025) is over


class CostWorld(World):
    """The project page's world with costs: two participants started services
    (€ 450 and € 1.200,50), one started outside the project's scope; 15 % overhead."""

    def __init__(self) -> None:
        super().__init__()
        programme = self.project.programme
        programme.overhead_percentage = Decimal(15)
        programme.save()
        self.project.requested_subsidy_cents = 345_000_00
        self.project.save()
        for day, price in ((date(2025, 2, 10), 450_00), (date(2025, 5, 3), 1200_50)):
            EnrolmentFactory(
                person__organisation=self.executor,
                status=EnrolmentStatus.STARTED,
                registered_on=day,
                started_on=day,
                service__price_cents=price,
            )
        EnrolmentFactory(  # another organisation's participant: not the project's
            status=EnrolmentStatus.STARTED,
            registered_on=date(2025, 2, 10),
            started_on=date(2025, 2, 10),
        )
        self.leader = self.actor(Role.PROJECT_LEADER)

    def actor(self, role: str, organisation=None):
        organisation = organisation or self.executor
        user = make_user(organisation=organisation, role=role)
        return get_actor(user=user, organisation_id=organisation.pk)

    def enter_costs(self) -> None:
        actions.add_cost_entry(
            actor=self.leader,
            project=self.project,
            kind=CostKind.STAFF,
            entered_on=date(2025, 3, 31),
            description="Begeleiding Q1",
            hours=Decimal("12.5"),
            hourly_rate_cents=80_00,
            evidence_note="Urenstaat maart, map Q1",
        )
        actions.add_cost_entry(
            actor=self.leader,
            project=self.project,
            kind=CostKind.MATERIAL,
            entered_on=date(2025, 4, 2),
            description="Lesmateriaal",
            amount_cents=250_00,
            evidence_note="Factuur 2025-17",
        )
        for source, status, cents in (
            ("Werkgevers", CoFinancingStatus.PLEDGED, 50_000_00),
            ("Werkgevers", CoFinancingStatus.RECEIVED, 20_000_00),
            ("O&O-fonds", CoFinancingStatus.RECEIVED, 10_000_00),
        ):
            actions.add_co_financing(
                actor=self.leader,
                project=self.project,
                source=source,
                status=status,
                entered_on=date(2025, 3, 1),
                amount_cents=cents,
                evidence_note="Toezeggingsbrief",
            )
        q = [date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)]
        actions.set_planned_spending(
            actor=self.leader,
            project=self.project,
            amounts=dict(zip(q, [1_000_00, 2_000_00, 3_000_00, 4_000_00], strict=True)),
        )


@pytest.fixture
def cost_world() -> CostWorld:
    world = CostWorld()
    world.enter_costs()
    return world


def build(world: CostWorld, period_index: int | None = None, trail: bool = True):
    project = queries.get_project(
        actor=world.actor(Role.AUDITOR), project_id=world.project.pk
    )
    return reports.project_monitor(
        project, period_index=period_index, today=TODAY, with_trail=trail
    )


def test_costs_per_period_come_from_the_registry_the_entries_and_the_overhead_rule(
    cost_world,
):
    costs = build(cost_world).costs
    # categories: participants, staff, material, overhead (15 % of € 1.000 staff)
    assert [p.by_category for p in costs.periods] == [
        (450_00, 1_000_00, 0, 150_00),
        (1200_50, 0, 250_00, 0),
        (0, 0, 0, 0),
        (0, 0, 0, 0),
    ]
    assert costs.by_category == (1650_50, 1_000_00, 250_00, 150_00)
    assert costs.total_cents == 3050_50
    assert costs.hours == Decimal("12.5")
    assert costs.participants == 2
    assert costs.per_participant_cents == 1525_25
    assert costs.used_percentage == 0  # € 3.050,50 of € 1.000.000
    # the uneven plan and where spending stands against it
    assert [p.point.planned_total_cents for p in costs.periods] == [
        1_000_00,
        3_000_00,
        6_000_00,
        10_000_00,
    ]
    assert [p.point.deviation_cents for p in costs.periods] == [
        600_00,
        50_50,
        -2949_50,
        -6949_50,
    ]
    assert [
        (s.source, s.pledged_cents, s.received_cents) for s in costs.co_financing
    ] == [
        ("O&O-fonds", 0, 10_000_00),
        ("Werkgevers", 50_000_00, 20_000_00),
    ]
    assert costs.entries[0].recorded_by and costs.entries[0].evidence


def test_totals_run_up_to_the_end_of_the_chosen_period(cost_world):
    costs = build(cost_world, period_index=0).costs
    assert costs.total_cents == 1600_00  # 450 + 1.000 + 150
    assert costs.participants == 1
    assert costs.per_participant_cents == 1600_00
    assert costs.planned_total_cents == 1_000_00


def test_the_cost_section_costs_a_fixed_number_of_queries(cost_world):
    with CaptureQueriesContext(connection) as few:
        build(cost_world)
    for n in range(5):
        actions.add_cost_entry(
            actor=cost_world.leader,
            project=cost_world.project,
            kind=CostKind.MATERIAL,
            entered_on=date(2025, 6, 1 + n),
            description=f"Post {n}",
            amount_cents=10_00,
            evidence_note="Bon",
        )
        EnrolmentFactory(
            person__organisation=cost_world.executor,
            status=EnrolmentStatus.COMPLETED,
            registered_on=date(2025, 6, 1),
            started_on=date(2025, 6, 1),
        )
    with CaptureQueriesContext(connection) as many:
        build(cost_world)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_money_is_written_to_the_cent_the_dutch_way():
    assert reports.money(1525_25) == "€\N{NO-BREAK SPACE}1.525,25"
    assert reports.money(1_000_00) == "€\N{NO-BREAK SPACE}1.000"
    assert reports.money(-2949_50) == "€\N{NO-BREAK SPACE}-2.949,50"
    assert reports.money(-38_400_00) == "€\N{NO-BREAK SPACE}-38.400"
    assert reports.money(None) == "—"


def test_an_analyst_sees_the_totals_but_not_who_entered_what(cost_world):
    costs = build(cost_world, trail=False).costs
    assert costs.total_cents == 3050_50
    assert costs.entries == () and costs.co_financing_entries == ()


# --- What a project leader may enter, and the Dutch errors for what they may not ----------
def test_only_the_projects_leaders_enter_costs(cost_world):
    for actor in (
        cost_world.actor(Role.ANALYST),
        cost_world.actor(Role.AUDITOR),
        cost_world.actor(Role.PROJECT_LEADER, cost_world.other),
    ):
        with pytest.raises(actions.NotAllowed):
            actions.add_cost_entry(
                actor=actor,
                project=cost_world.project,
                kind=CostKind.MATERIAL,
                entered_on=date(2025, 4, 2),
                description="x",
                amount_cents=1,
                evidence_note="y",
            )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hours": None}, "hours", "Vul de gewerkte uren in"),
        ({"hourly_rate_cents": None}, "hourly_rate_cents", "Vul het uurtarief in"),
        ({"evidence_note": " "}, "evidence_note", "Geef aan waar"),
        ({"entered_on": date(2026, 1, 1)}, "entered_on", "buiten de subsidieperiode"),
        ({"kind": "reizen"}, "kind", "Kies personeelsuren of materiaal"),
        (
            {"kind": CostKind.MATERIAL, "hours": None, "hourly_rate_cents": None},
            "amount_cents",
            "Vul het bedrag in",
        ),
    ],
)
def test_bad_cost_input_is_refused_naming_the_field(
    cost_world, changes, field, message
):
    entry = {
        "kind": CostKind.STAFF,
        "entered_on": date(2025, 5, 1),
        "description": "Begeleiding",
        "hours": Decimal(3),
        "hourly_rate_cents": 60_00,
        "evidence_note": "Urenstaat",
        **changes,
    }
    with pytest.raises(actions.ValidationError) as refused:
        actions.add_cost_entry(
            actor=cost_world.leader, project=cost_world.project, **entry
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert CostEntry.objects.count() == 2


def test_the_plan_may_not_exceed_the_budget_nor_miss_a_period_start(cost_world):
    with pytest.raises(actions.ValidationError) as refused:
        actions.set_planned_spending(
            actor=cost_world.leader,
            project=cost_world.project,
            amounts={date(2025, 1, 1): 1_000_001_00},
        )
    assert "hoger dan de begrote directe kosten" in str(refused.value)
    with pytest.raises(actions.ValidationError) as refused:
        actions.set_planned_spending(
            actor=cost_world.leader,
            project=cost_world.project,
            amounts={date(2025, 2, 1): 1_00},
        )
    assert "01-02-2025" in str(refused.value)
    # clearing a period leaves the others
    actions.set_planned_spending(
        actor=cost_world.leader,
        project=cost_world.project,
        amounts={date(2025, 1, 1): None},
    )
    assert queries.planned_spending(cost_world.project) == {
        date(2025, 4, 1): 2_000_00,
        date(2025, 7, 1): 3_000_00,
        date(2025, 10, 1): 4_000_00,
    }


# --- The pages ----------------------------------------------------------------------------
def _section(html: str) -> str:
    return html.split('id="costs-title"')[1].split("</section>")[0]


def _text(html: str) -> str:
    """The words of ``html``, single spaces (no-break spaces too)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def test_the_project_page_shows_costs_and_budget_in_dutch(cost_world):
    html = cost_world.client(Role.PROJECT_LEADER).get(cost_world.url()).content.decode()
    section = _text(_section(html))
    assert "Kosten en begroting" in html
    assert "Kosten per deelnemer € 1.525,25" in section
    assert "Besteed tot het einde van de periode € 3.050,50" in section
    assert "Geregistreerde personeelsuren 12,5" in section
    assert "15 % van de personeelskosten" in section
    assert "Werkgevers € 50.000 € 20.000" in section
    assert "Begeleiding Q1" in section  # the leader sees the entries and who made them
    assert 'aria-labelledby="budget-chart-title"' in html
    assert "Kosten, cofinanciering en uitgavenplanning invoeren" in section


def test_an_analyst_sees_the_figures_without_the_entries_or_the_forms(cost_world):
    client = cost_world.client(Role.ANALYST)
    section = _text(_section(client.get(cost_world.url()).content.decode()))
    assert "€ 3.050,50" in section
    assert "Begeleiding Q1" not in section
    assert "invoeren" not in section
    assert client.get(cost_world.url("project-costs")).status_code == 403


def test_a_project_leader_enters_a_cost_through_the_form(cost_world):
    client = cost_world.client(Role.PROJECT_LEADER)
    assert client.get(cost_world.url("project-costs")).status_code == 200
    response = client.post(
        cost_world.url("cost-entry-add"),
        {
            "kosten-kind": "staff",
            "kosten-entered_on": "2025-06-30",
            "kosten-description": "Intakes juni",
            "kosten-hours": "4,5",
            "kosten-hourly_rate": "70,10",
            "kosten-evidence_note": "Urenstaat juni",
        },
    )
    assert response.status_code == 302
    entry = CostEntry.objects.get(description="Intakes juni")
    assert (entry.amount_cents, entry.hours) == (315_45, Decimal("4.5"))
    assert entry.recorded_by is not None


def test_a_form_with_bad_input_answers_400_with_the_dutch_reason(cost_world):
    client = cost_world.client(Role.PROJECT_LEADER)
    response = client.post(
        cost_world.url("cost-entry-add"),
        {
            "kosten-kind": "staff",
            "kosten-entered_on": "2024-06-30",
            "kosten-description": "Te vroeg",
            "kosten-hourly_rate": "70",
            "kosten-evidence_note": "Urenstaat",
        },
    )
    assert response.status_code == 400
    text = _text(response.content.decode())
    assert "Vul de gewerkte uren in" in text
    assert "De datum ligt buiten de subsidieperiode (01-01-2025 – 31-12-2025)" in text
    response = client.post(
        cost_world.url("planned-spending-set"), {"periode_0": "2000000"}
    )
    assert response.status_code == 400
    assert "Geplande uitgaven: De geplande uitgaven" in _text(response.content.decode())
    response = client.post(
        cost_world.url("co-financing-add"),
        {"cofinanciering-source": "Gemeente", "cofinanciering-status": "gift"},
    )
    assert response.status_code == 400


# --- Page, Excel and PDF agree ------------------------------------------------------------
def test_excel_has_the_cost_and_co_financing_sheets_in_euros(cost_world):
    workbook = load_workbook(BytesIO(reports.to_xlsx(build(cost_world))))
    rows = list(workbook["Kosten"].iter_rows(values_only=True))
    assert rows[0][:5] == (
        "Periode",
        "Deelnemers (inschrijvingen)",
        "Personeelsuren",
        "Materiaal",
        "Overhead",
    )
    assert rows[1][:6] == ("2025 K1", 450, 1000, 0, 150, 1600)
    assert workbook["Kosten"]["B2"].number_format == workbooks.EURO_FORMAT
    project = {r[0]: r[1] for r in workbook["Project"].iter_rows(values_only=True)}
    assert project["Kosten per deelnemer"] == 1525.25
    assert project["Geregistreerde personeelsuren"] == 12.5
    co = list(workbook["Cofinanciering"].iter_rows(values_only=True))
    assert co[2] == ("Werkgevers", 50000, 20000)
    assert len(list(workbook["Ingevoerde kosten"].iter_rows())) == 3
    assert len(list(workbook["Vastgelegde cofinanciering"].iter_rows())) == 4


@pytest.mark.slow
def test_page_excel_and_pdf_agree_on_the_costs(cost_world):
    report = build(cost_world)
    costs = report.costs
    expected = [
        _text(reports.money(c)) for c in (*costs.by_category, costs.total_cents)
    ]
    per_participant = _text(reports.money(costs.per_participant_cents))
    # the page
    client = cost_world.client(Role.AUDITOR)
    page = _text(_section(client.get(cost_world.url()).content.decode()))
    categories = page.split("Kosten per categorie")[1]
    assert re.findall(r"€ [\d.,]+", categories)[:5] == expected
    assert f"Kosten per deelnemer {per_participant}" in page
    # Excel
    workbook = load_workbook(BytesIO(reports.to_xlsx(report)))
    sheet = list(workbook["Kosten"].iter_rows(values_only=True))[1:]
    totals = [sum(Decimal(str(row[i])) for row in sheet) for i in range(1, 6)]
    assert [_text(reports.money(int(t * 100))) for t in totals] == expected
    # PDF
    text = pdf_text(client.get(cost_world.url("project-monitor-pdf")))
    flat = _text(text)
    assert "Kosten en begroting" in flat
    part = flat.split("Kosten per categorie")[1]
    assert re.findall(r"€ [\d.,]+", part)[:5] == expected
    assert f"Kosten per deelnemer {per_participant}" in flat


# --- A wrong entry is withdrawn with its reason, and stays in the trail ---------------------
def test_a_withdrawn_entry_stops_counting_and_stays_in_the_trail(cost_world):
    material = CostEntry.objects.get(description="Lesmateriaal")
    client = cost_world.client(Role.PROJECT_LEADER)
    url = reverse(
        "cost-entry-withdraw",
        kwargs={"project_id": cost_world.project.pk, "entry_id": material.pk},
    )
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Reden van intrekking" in _text(refused.content.decode())
    assert client.post(url, {"reason": "Dubbel ingevoerd"}).status_code == 302
    costs = build(cost_world).costs
    assert costs.by_category[2] == 0  # no material any more
    assert costs.total_cents == 2800_50
    (withdrawn,) = [e for e in costs.entries if e.description == "Lesmateriaal"]
    assert "Dubbel ingevoerd" in withdrawn.withdrawn
    page = _text(_section(client.get(cost_world.url()).content.decode()))
    assert "Ingetrokken" in page and "Dubbel ingevoerd" in page
    # twice is refused; another project's entry and an unknown kind are not found
    with pytest.raises(actions.ValidationError):
        actions.withdraw_money_entry(
            actor=cost_world.leader, entry=material, reason="Nog eens"
        )
    unknown = reverse(
        "co-financing-withdraw",
        kwargs={"project_id": cost_world.project.pk, "co_financing_id": 10**9},
    )
    assert client.post(unknown, {"reason": "x"}).status_code == 404
    analyst = cost_world.client(Role.ANALYST)
    assert analyst.post(url, {"reason": "x"}).status_code == 403


def test_the_api_monitor_has_the_costs_section_of_the_page_pdf_and_excel(
    cost_world, api_client_for
):
    url = reverse("api-project-monitor", kwargs={"project_id": cost_world.project.pk})
    auditor = api_client_for(cost_world.actor(Role.AUDITOR))

    body = auditor.get(url).json()["costs"]

    costs = build(cost_world).costs  # the frozen structure the others render
    categories = ["participants", "staff", "material", "overhead"]
    assert body["by_category"] == dict(zip(categories, costs.by_category, strict=True))
    assert body["by_category"] == {
        "participants": 1650_50,
        "staff": 1_000_00,
        "material": 250_00,
        "overhead": 150_00,
    }
    assert [p["by_category"]["participants"] for p in body["periods"]] == [
        450_00,
        1200_50,
        0,
        0,
    ]
    assert [p["point"]["deviation_cents"] for p in body["periods"]] == [
        600_00,
        50_50,
        -2949_50,
        -6949_50,
    ]
    assert (body["total_cents"], body["hours"], body["participants"]) == (
        3050_50,
        12.5,
        2,
    )
    assert body["per_participant_cents"] == 1525_25
    assert [(s["source"], s["pledged_cents"]) for s in body["co_financing"]] == [
        ("O&O-fonds", 0),
        ("Werkgevers", 50_000_00),
    ]
    assert body["entries"][0]["evidence"] == costs.entries[0].evidence
    # the analyst: the figures, not who entered what
    analyst = api_client_for(cost_world.actor(Role.ANALYST))
    seen = analyst.get(url).json()["costs"]
    assert seen["total_cents"] == 3050_50
    assert (seen["entries"], seen["co_financing_entries"]) == ([], [])
