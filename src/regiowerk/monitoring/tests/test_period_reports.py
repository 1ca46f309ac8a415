"""Period reports: due after each reporting period, submitted by the project's leaders,
listed as overdue for the programme manager, reminded once by e-mail."""

from datetime import date
from io import BytesIO, StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, timezone

import pytest
from openpyxl import load_workbook

from regiowerk.monitoring import actions
from regiowerk.monitoring.constants import PartyRole
from regiowerk.monitoring.tests.test_project_page import World
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.services.tests.factories import make_actor

pytestmark = pytest.mark.django_db

# World's project runs through 2025 with quarterly reports due 30 days after each
# quarter: on any day after 30 January 2026 all four are due.
DUE = {
    "2025 K1": date(2025, 4, 30),
    "2025 K2": date(2025, 7, 30),
    "2025 K3": date(2025, 10, 30),
    "2025 K4": date(2026, 1, 30),
}


@pytest.fixture
def world() -> World:
    world = World()
    world.leader = make_user(organisation=world.executor, role=Role.PROJECT_LEADER)
    world.leader.email = "projectleider@uitvoerder.example"
    world.leader.save()
    return world


def submit(world: World, period_start: str, client=None, note: str = ""):
    if client is None:
        client = world.client(Role.PROJECT_LEADER)
    return client.post(
        world.url("report-submit"), {"period_start": period_start, "note": note}
    )


def days_late(label: str) -> int:
    return (timezone.localdate() - DUE[label]).days


def overview_html(world: World) -> str:
    manager = world.client(Role.PROGRAMME_MANAGER, organisation=world.funder)
    return manager.get(reverse("programme-overview")).content.decode()


def test_the_leader_submits_a_report_and_the_page_shows_each_periods_state(world):
    response = submit(world, "2025-01-01", note="Verzonden aan het fonds")

    assert response.status_code == 302
    html = world.client(Role.AUDITOR).get(world.url()).content.decode()
    section = html.split('id="reports-title"')[1]
    assert "Ingediend op" in section and "Verzonden aan het fonds" in section
    assert f"{days_late('2025 K2')} dagen te laat" in section
    assert "Rapportage indienen" not in section  # the auditor reads only


def test_a_report_is_submitted_once_and_only_over_an_ended_period(world):
    submit(world, "2025-01-01")

    again = submit(world, "2025-01-01")
    unknown = submit(world, "2025-02-01")

    assert again.status_code == unknown.status_code == 400
    # the submitted period is no longer offered; a date that starts no period is not
    assert "Selecteer een geldige keuze" in again.content.decode()
    assert "Selecteer een geldige keuze" in unknown.content.decode()


def test_a_period_that_has_not_ended_cannot_be_reported_on(world):
    project = world.project
    project.ends_on = date(timezone.localdate().year + 1, 12, 31)
    project.save()
    this_quarter = date(
        timezone.localdate().year, (timezone.localdate().month - 1) // 3 * 3 + 1, 1
    )

    with pytest.raises(actions.ValidationError) as refused:
        actions.submit_report(
            actor=make_actor(world.executor, role=Role.PROJECT_LEADER),
            project=project,
            period_start=this_quarter,
        )

    assert refused.value.message_dict["period_start"] == [
        "De periode is nog niet voorbij: rapporteer er daarna over."
    ]


def test_only_the_projects_leaders_submit(world):
    auditor = world.client(Role.AUDITOR)
    stranger = world.client(Role.PROJECT_LEADER, organisation=OrganisationFactory())

    assert submit(world, "2025-01-01", client=auditor).status_code == 403
    assert submit(world, "2025-01-01", client=stranger).status_code == 404


def test_the_programme_manager_sees_the_overdue_reports_longest_late_first(world):
    submit(world, "2025-04-01")  # the second quarter is in

    html = overview_html(world)

    section = html.split('id="overdue-title"')[1]
    rows = section.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert [r.split("<td>")[1].split("</td>")[0] for r in rows] == [
        "2025 K1",
        "2025 K3",
        "2025 K4",
    ]
    assert f"<td>{days_late('2025 K1')}</td>" in rows[0]


def test_the_overview_workbook_lists_the_overdue_reports(world):
    manager = world.client(Role.PROGRAMME_MANAGER, organisation=world.funder)

    response = manager.get(reverse("programme-overview-xlsx"))

    sheet = load_workbook(BytesIO(response.content))["Te late rapportages"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Project",
        "Periode",
        "Uiterlijk op",
        "Dagen te laat",
        "Herinnerd op",
    )
    assert [r[1] for r in rows[1:]] == list(DUE)
    assert rows[1][3] == days_late("2025 K1")


def test_the_reminder_mails_each_overdue_report_once(world):
    submit(world, "2025-01-01")
    out = StringIO()

    call_command(
        "remind_overdue_reports", "--site", "https://regiowerk.example", stdout=out
    )
    call_command("remind_overdue_reports", stdout=out)  # the next day: nothing new

    assert len(mail.outbox) == 3  # the second, third and fourth quarter
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects[0] == "Rapportage 2025 K2 van DW9001 is te laat"
    message = mail.outbox[0]
    assert message.to == ["projectleider@uitvoerder.example"]
    assert f"https://regiowerk.example{world.url()}" in message.body
    assert out.getvalue().splitlines() == [
        "3 te late rapportages herinnerd.",
        "0 te late rapportages herinnerd.",
    ]
    section = overview_html(world).split('id="overdue-title"')[1]
    today = formats.date_format(timezone.localdate(), "j F Y")
    assert section.count(f"<td>{today}</td>") == 3  # reminded today


def test_without_a_leader_with_an_address_the_report_waits_for_one(world):
    world.leader.email = ""
    world.leader.save()
    out = StringIO()

    call_command("remind_overdue_reports", stdout=out)

    assert mail.outbox == []
    assert "4 te late rapportages hebben geen projectleider met een e-mailadres" in (
        out.getvalue()
    )
    world.leader.email = "projectleider@uitvoerder.example"
    world.leader.save()
    call_command("remind_overdue_reports", stdout=out)
    assert len(mail.outbox) == 4


def test_each_leader_gets_a_message_of_their_own(world):
    partner = OrganisationFactory(name="Partner")
    actions.add_party(
        project=world.project,
        name="Partner",
        role=PartyRole.PARTNER,
        organisation_id=partner.pk,
    )
    other = make_user(organisation=partner, role=Role.PROJECT_LEADER)
    other.email = "leider@partner.example"
    other.save()

    call_command("remind_overdue_reports", stdout=StringIO())

    assert len(mail.outbox) == 2 * 4  # four overdue reports, two leaders
    assert {tuple(m.to) for m in mail.outbox} == {
        ("projectleider@uitvoerder.example",),
        ("leider@partner.example",),
    }
