"""The project page: targets side by side with live values per quarter, the project
leader's forms, the programme manager's approval and the auditor's trail."""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from regiowerk.monitoring import actions
from regiowerk.monitoring.constants import (
    IndicatorKind,
    PartyRole,
    TargetChangeKind,
    TargetChangeStatus,
)
from regiowerk.monitoring.models import RealisedEntry, TargetChange
from regiowerk.monitoring.tests.factories import (
    ENROLLED,
    ActivityFactory,
    ProgrammeFactory,
    ProjectFactory,
)
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.services.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


class World:
    """A funder with a programme, a project executed by one organisation, and its
    indicators: a computed one, a manual one and a deliverable."""

    def __init__(self) -> None:
        self.funder = OrganisationFactory(name="Fonds")
        self.executor = OrganisationFactory(name="Uitvoerder")
        self.other = OrganisationFactory(name="Ander")
        programme = ProgrammeFactory(funder_organisation=self.funder)
        self.project = ProjectFactory(
            programme=programme,
            code="DW9001",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
        )
        actions.add_party(
            project=self.project,
            name="Uitvoerder",
            role=PartyRole.EXECUTOR,
            organisation_id=self.executor.pk,
        )
        activity = ActivityFactory(project=self.project, name="1. Begeleiding")
        self.computed = actions.add_indicator(
            activity=activity,
            name="Ingeschreven deelnemers",
            unit="deelnemers",
            kind=IndicatorKind.COMPUTED,
            position=0,
            definition=ENROLLED,
            target=Decimal(4),
        )
        self.manual = actions.add_indicator(
            activity=activity,
            name="Gesprekken met werkgevers",
            unit="gesprekken",
            kind=IndicatorKind.MANUAL,
            position=1,
            target=Decimal(10),
        )
        self.deliverable = actions.add_indicator(
            activity=activity,
            name="Eindrapport",
            unit="rapport",
            kind=IndicatorKind.DELIVERABLE,
            position=2,
            target=Decimal(1),
        )
        for day in (date(2025, 2, 1), date(2025, 3, 1), date(2025, 5, 1)):
            EnrolmentFactory(person__organisation=self.executor, registered_on=day)
        EnrolmentFactory(registered_on=date(2025, 2, 1))  # not in the project's scope

    def client(self, role: str, organisation=None) -> Client:
        client = Client()
        client.force_login(
            make_user(organisation=organisation or self.executor, role=role)
        )
        return client

    def url(self, name: str = "project-monitor", **kwargs) -> str:
        return reverse(name, kwargs={"project_id": self.project.pk, **kwargs})

    def indicator_url(self, name: str, indicator) -> str:
        return self.url(name, indicator_id=indicator.pk)


@pytest.fixture
def world() -> World:
    return World()


def cells(html: str, name: str) -> list[str]:
    """The cells of the indicator table's row of ``name``."""
    table = html.split('class="monitor-indicators"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if name in r)
    return [
        " ".join(re.sub(r"<[^>]+>", " ", c).split())
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_the_project_page_shows_targets_side_by_side_with_live_quarter_values(world):
    # when: the project leader looks at the second quarter
    html = (
        world.client(Role.PROJECT_LEADER)
        .get(world.url(), {"periode": 1})
        .content.decode()
    )
    # then: unit, original, current, this quarter (1), running total (3), status
    assert "Kwartaalmonitor: DW9001" in html
    line = cells(html, "Ingeschreven deelnemers")
    assert line[:5] == ["deelnemers", "4", "4", "1", "3"]
    assert line[-1] == "Op schema"  # 3 by the end of June: more than half of 4
    # the first quarter alone counts two persons
    html_q1 = (
        world.client(Role.PROJECT_LEADER)
        .get(world.url(), {"periode": 0})
        .content.decode()
    )
    assert cells(html_q1, "Ingeschreven deelnemers")[3:5] == ["2", "2"]
    assert "2025 K1" in html_q1


def test_a_finished_project_shows_met_missed_and_revised(world):
    actions.change_target(
        indicator=world.computed,
        new_value=Decimal(3),
        reason="Minder aanmeldingen",
        kind=TargetChangeKind.INFORMAL_CONSULTATION,
    )
    html = world.client(Role.PROJECT_LEADER).get(world.url()).content.decode()
    computed = cells(html, "Ingeschreven deelnemers")
    assert computed[1:3] == ["4", "3 bijgesteld"]
    assert computed[-1] == "Gehaald"
    assert cells(html, "Gesprekken met werkgevers")[-1] == "Niet gehaald"


@pytest.mark.parametrize("extra", [0, 6])
def test_the_page_runs_a_fixed_number_of_queries_per_indicator(
    world, extra, django_assert_max_num_queries
):
    activity = ActivityFactory(project=world.project, name="2. Extra")
    for position in range(extra):
        actions.add_indicator(
            activity=activity,
            name=f"Extra {position}",
            unit="deelnemers",
            kind=IndicatorKind.COMPUTED,
            position=position,
            definition=ENROLLED,
            target=Decimal(1),
        )
        EnrolmentFactory.create_batch(
            3, person__organisation=world.executor, registered_on=date(2025, 4, 1)
        )
    client = world.client(Role.PROJECT_LEADER)
    # session, user, membership, project, parties, indicators, changes, entries,
    # pending changes, period reports, savepoints: at most 15; the activities for the
    # leader's forms (1); served vs declarable:
    # first registrations, person facts, observations, rules (4); plus one aggregate
    # for all computed indicators of a fact table, whatever their number
    with django_assert_max_num_queries(15 + 1 + 4 + 1):
        response = client.get(world.url())
    assert response.status_code == 200


def test_the_overview_links_the_projects_the_actor_may_open(world):
    ProjectFactory(programme=world.project.programme, code="DW9002")
    html = world.client(Role.PROJECT_LEADER).get(reverse("programme-overview"))
    html = html.content.decode()
    assert f'href="{world.url()}"' in html
    assert ">DW9002 <" in html  # not a party there: listed, not linked


@pytest.mark.parametrize(
    ("role", "where", "status"),
    [
        (Role.PROJECT_LEADER, "executor", 200),
        (Role.AUDITOR, "executor", 200),
        (Role.ANALYST, "executor", 200),
        (Role.PROGRAMME_MANAGER, "funder", 200),
        (Role.AUDITOR, "funder", 200),
        (Role.PROJECT_LEADER, "other", 404),
        (Role.PROGRAMME_MANAGER, "other", 404),
        (Role.CONSULTANT, "executor", 404),
    ],
)
def test_who_may_open_the_project_page(world, role, where, status):
    organisation = getattr(world, where)
    assert world.client(role, organisation).get(world.url()).status_code == status


def test_a_project_leader_records_a_change_the_programme_manager_approves(world):
    leader = world.client(Role.PROJECT_LEADER)
    # when: the leader records a change request approved by the UvB
    response = leader.post(
        world.indicator_url("target-change-propose", world.manual),
        {
            "new_value": "6",
            "changed_on": "2025-06-01",
            "kind": TargetChangeKind.CHANGE_REQUEST,
            "approver": "uvb",
            "reason": "Werkgevers minder bereikbaar",
        },
    )
    assert response.status_code == 302
    change = TargetChange.objects.get(target__indicator=world.manual)
    assert change.status == TargetChangeStatus.PENDING
    world.manual.target.refresh_from_db()
    assert world.manual.target.current_value == Decimal(10)  # not yet
    # the leader may not approve it
    decide = world.url("target-change-decide", change_id=change.pk)
    assert leader.post(decide, {"decision": "approve"}).status_code == 403
    # the programme manager of the funder sees it waiting and approves it
    manager = world.client(Role.PROGRAMME_MANAGER, world.funder)
    page = manager.get(world.url()).content.decode()
    assert "Streefwaardewijzigingen die op uw goedkeuring wachten" in page
    assert manager.post(decide, {"decision": "approve"}).status_code == 302
    change.refresh_from_db()
    world.manual.target.refresh_from_db()
    assert change.status == TargetChangeStatus.APPROVED
    assert change.decided_by is not None
    assert world.manual.target.current_value == Decimal(6)


def test_a_change_request_without_approver_is_refused_naming_the_field(world):
    response = world.client(Role.PROJECT_LEADER).post(
        world.indicator_url("target-change-propose", world.manual),
        {
            "new_value": "6",
            "changed_on": "2025-06-01",
            "kind": TargetChangeKind.CHANGE_REQUEST,
            "reason": "x",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Goedgekeurd door: Een goedgekeurd wijzigingsverzoek noemt wie het heeft "
        "goedgekeurd." in html
    )
    assert not TargetChange.objects.exists()


def test_a_manual_value_needs_its_evidence_and_is_kept_for_the_auditor(world):
    leader = world.client(Role.PROJECT_LEADER)
    url = world.indicator_url("manual-value-enter", world.manual)
    refused = leader.post(url, {"value": "7", "evidence_note": ""})
    assert refused.status_code == 400
    assert "Onderbouwing: Dit veld is verplicht." in refused.content.decode()
    assert leader.post(url, {"value": "7", "evidence_note": "Gesprekslijst Q2"})
    world.manual.refresh_from_db()
    assert world.manual.realised_value == Decimal(7)
    (entry,) = RealisedEntry.objects.all()
    assert entry.evidence_note == "Gesprekslijst Q2"
    # the auditor reads who entered it, and cannot change it
    auditor = world.client(Role.AUDITOR)
    page = auditor.get(world.url()).content.decode()
    assert "Gesprekslijst Q2" in page and "Met de hand ingevoerde waarden" in page
    assert auditor.post(url, {"value": "9", "evidence_note": "x"}).status_code == 403


def test_a_computed_value_cannot_be_typed_in(world):
    response = world.client(Role.PROJECT_LEADER).post(
        world.indicator_url("manual-value-enter", world.computed),
        {"value": "99", "evidence_note": "geteld"},
    )
    assert response.status_code == 400
    assert (
        "Gerealiseerd: Alleen een handmatige indicator krijgt een met de hand "
        "ingevoerde waarde." in response.content.decode()
    )


def test_a_deliverable_is_marked_delivered_with_its_document(world):
    leader = world.client(Role.PROJECT_LEADER)
    response = leader.post(
        world.indicator_url("deliverable-update", world.deliverable),
        {"status": "delivered", "evidence_note": "Eindrapport v2, 12-12-2025"},
    )
    assert response.status_code == 302
    html = leader.get(world.url()).content.decode()
    assert cells(html, "Eindrapport")[-2:] == ["1", "Gehaald"]


def test_the_analyst_sees_figures_but_not_who_changed_what(world):
    actions.change_target(
        indicator=world.manual,
        new_value=Decimal(8),
        reason="Geheim overleg",
        kind=TargetChangeKind.INFORMAL_CONSULTATION,
    )
    html = world.client(Role.ANALYST).get(world.url()).content.decode()
    assert "Ingeschreven deelnemers" in html
    assert "Geheim overleg" not in html


def _propose(world, **fields):
    data = {
        "new_value": "6",
        "changed_on": "2025-06-01",
        "kind": TargetChangeKind.INFORMAL_CONSULTATION,
        "reason": "Minder werkgevers",
        **fields,
    }
    return world.client(Role.PROJECT_LEADER).post(
        world.indicator_url("target-change-propose", world.manual), data
    )


def test_an_empty_new_target_is_an_error_not_a_dropped_target(world):
    # a browser empties a number it cannot read: that must not propose dropping it
    response = _propose(world, new_value="")
    assert response.status_code == 400
    assert response.context["change_form"].errors["new_value"] == [
        "Vul de nieuwe streefwaarde in, of geef aan dat de streefwaarde vervalt."
    ]
    assert "Streefwaarde vervalt" in response.content.decode()
    assert not TargetChange.objects.exists()


def test_dropping_the_target_is_ticked_explicitly(world):
    both = _propose(world, drops_target="on")
    assert both.status_code == 400
    assert both.context["change_form"].errors["new_value"] == [
        "Een vervallen streefwaarde heeft geen nieuwe waarde: laat die leeg."
    ]
    dropped = _propose(world, new_value="", drops_target="on")
    assert dropped.status_code == 302
    change = TargetChange.objects.get()
    assert (change.previous_value, change.new_value) == (Decimal(10), None)


def test_a_target_change_names_the_day_it_was_agreed(world):
    response = _propose(world, changed_on="")
    assert response.status_code == 400
    assert response.context["change_form"].errors["changed_on"] == [
        "Dit veld is verplicht."
    ]
    future = _propose(world, changed_on="2999-01-01")
    assert future.context["change_form"].errors["changed_on"] == [
        "De datum van de wijziging kan niet in de toekomst liggen."
    ]
    assert not TargetChange.objects.exists()
    with pytest.raises(ValidationError) as refused:
        actions.propose_target_change(
            actor=get_actor(
                user=make_user(organisation=world.executor, role=Role.PROJECT_LEADER),
                organisation_id=world.executor.pk,
            ),
            indicator=world.manual,
            new_value=Decimal(6),
            reason="x",
            kind=TargetChangeKind.INFORMAL_CONSULTATION,
            changed_on=None,
        )
    assert refused.value.message_dict["changed_on"] == [
        "Geef de dag waarop de wijziging met de subsidiegever is afgesproken."
    ]
