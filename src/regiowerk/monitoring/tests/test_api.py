"""The monitoring REST API: the rights of the web pages, the error format, and the
figures of the frozen reports the page, PDF and Excel render."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.monitoring import actions, programme_report, queries, reports
from regiowerk.monitoring.constants import TargetChangeKind, TargetChangeStatus
from regiowerk.monitoring.models import RealisedEntry, TargetChange
from regiowerk.monitoring.permissions import may_read_project
from regiowerk.monitoring.tests.factories import ProjectFactory
from regiowerk.monitoring.tests.test_project_page import World
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def api(world, api_client_for):
    """``api(role, where="executor")``: an API client for a new user of that role."""

    def make(role: str, where: str = "executor"):
        organisation = getattr(world, where)
        user = make_user(organisation=organisation, role=role)
        return api_client_for(get_actor(user=user, organisation_id=organisation.pk))

    return make


def project_url(world: World, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"project_id": world.project.pk, **kwargs})


def errors(response) -> list[tuple[str | None, str]]:
    return [(e["field"], e["message"]) for e in response.json()["errors"]]


# --- Reading ------------------------------------------------------------------------------


def test_the_projects_listed_are_those_the_actor_may_read(world, api):
    ProjectFactory(programme=world.project.programme, code="DW9002")  # no party
    leader = api(Role.PROJECT_LEADER)
    response = leader.get(reverse("api-project-list"))
    assert response.status_code == 200
    assert [p["code"] for p in response.json()["results"]] == ["DW9001"]
    # the funder's programme manager sees every project of its programme
    manager = api(Role.PROGRAMME_MANAGER, "funder")
    codes = [
        p["code"]
        for p in manager.get(
            reverse("api-project-list"),
            {"programme": world.project.programme.code},
        ).json()["results"]
    ]
    assert codes == ["DW9001", "DW9002"]
    # a consultant, or another organisation's leader, sees none
    assert api(Role.CONSULTANT).get(reverse("api-project-list")).json()["count"] == 0
    other = api(Role.PROJECT_LEADER, "other")
    assert other.get(reverse("api-project-list")).json()["count"] == 0


@pytest.mark.parametrize(
    ("role", "where"),
    [
        (Role.PROJECT_LEADER, "executor"),
        (Role.ANALYST, "executor"),
        (Role.PROGRAMME_MANAGER, "funder"),
        (Role.AUDITOR, "funder"),
        (Role.PROJECT_LEADER, "other"),
        (Role.PROGRAMME_MANAGER, "other"),
        (Role.CONSULTANT, "executor"),
    ],
)
def test_the_project_list_agrees_with_may_read_project(world, role, where):
    organisation = getattr(world, where)
    actor = get_actor(
        user=make_user(organisation=organisation, role=role),
        organisation_id=organisation.pk,
    )
    listed = world.project in queries.readable_projects(actor)
    assert listed == may_read_project(actor=actor, project=world.project)


@pytest.mark.parametrize(
    ("role", "where", "status"),
    [
        (Role.PROJECT_LEADER, "executor", 200),
        (Role.ANALYST, "executor", 200),
        (Role.PROGRAMME_MANAGER, "funder", 200),
        (Role.PROJECT_LEADER, "other", 404),
        (Role.CONSULTANT, "executor", 404),
    ],
)
def test_a_project_and_its_parts_are_read_as_the_page_allows(
    world, api, role, where, status
):
    client = api(role, where)
    for url in (
        project_url(world, "api-project-detail"),
        project_url(world, "api-activity-list"),
        project_url(world, "api-indicator-list"),
        project_url(world, "api-project-monitor"),
        project_url(world, "api-indicator-values", indicator_id=world.computed.pk),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 404:
            assert response.json()["errors"][0]["field"] is None


def test_the_indicators_carry_original_and_current_targets(world, api):
    actions.change_target(
        indicator=world.manual,
        new_value=Decimal(8),
        reason="Minder werkgevers",
        kind=TargetChangeKind.INFORMAL_CONSULTATION,
    )
    response = api(Role.ANALYST).get(project_url(world, "api-indicator-list"))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    computed, manual, deliverable = body["results"]
    assert (computed["kind"], computed["realised_value"]) == ("computed", None)
    assert computed["definition"]["table"] == "services.enrolments"
    assert (manual["original_target"], manual["current_target"]) == (10, 8)
    assert manual["target_is_revised"] is True
    assert deliverable["deliverable_status"] == "planned"


def test_the_monitor_is_the_frozen_report_of_the_page(world, api):
    response = api(Role.AUDITOR).get(
        project_url(world, "api-project-monitor"), {"period": 1}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "DW9001" and body["period"]["label"] == "2025 K2"
    computed = body["indicators"][0]
    # the same figures as the page (test_project_page): 1 in Q2, 3 up to its end
    assert computed["per_period"] == [2, 1, 0, 0]
    assert (computed["in_period"], computed["realised"], computed["persons"]) == (
        1,
        3,
        3,
    )
    assert computed["progress"] == "on_track"
    assert "services.enrolments" in computed["how_counted"]
    assert body["has_trail"] is True
    # and the same as the structure the PDF and Excel are made from
    project = queries.get_project(
        actor=get_actor(
            user=make_user(organisation=world.executor, role=Role.AUDITOR),
            organisation_id=world.executor.pk,
        ),
        project_id=world.project.pk,
    )
    report = reports.project_monitor(
        project, period_index=1, today=timezone.localdate(), with_trail=True
    )
    assert [line["realised"] for line in body["indicators"]] == [
        None if line.realised is None else float(line.realised)
        for line in report.indicators
    ]


def test_the_analyst_gets_the_monitor_without_the_trail(world, api):
    analyst = api(Role.ANALYST)
    body = analyst.get(project_url(world, "api-project-monitor")).json()
    assert (body["has_trail"], body["changes"], body["entries"]) == (False, [], [])
    refused = analyst.get(project_url(world, "api-target-change-list"))
    assert refused.status_code == 403
    assert errors(refused) == [(None, "Uw rol ziet niet wie wat heeft gewijzigd.")]


def test_an_indicator_gives_its_values_per_period(world, api):
    response = api(Role.PROJECT_LEADER).get(
        project_url(world, "api-indicator-values", indicator_id=world.computed.pk),
        {"period": 0},
    )
    assert response.status_code == 200
    body = response.json()
    assert [p["label"] for p in body["periods"]] == [
        "2025 K1",
        "2025 K2",
        "2025 K3",
        "2025 K4",
    ]
    assert body["line"]["per_period"] == [2, 1, 0, 0]
    assert (body["line"]["in_period"], body["line"]["realised"]) == (2, 2)


def test_a_period_beyond_the_project_is_refused_naming_the_field(world, api):
    response = api(Role.PROJECT_LEADER).get(
        project_url(world, "api-project-monitor"), {"period": 4}
    )
    assert response.status_code == 400
    assert errors(response) == [
        ("period", "Het project heeft 4 rapportageperiodes: 0 tot en met 3.")
    ]
    bad = api(Role.PROJECT_LEADER).get(
        project_url(world, "api-project-monitor"), {"period": "x"}
    )
    assert bad.status_code == 400 and errors(bad)[0][0] == "period"


def test_programmes_and_their_overview_are_for_the_monitoring_roles(world, api):
    programme = world.project.programme
    analyst = api(Role.ANALYST, "other")
    listed = analyst.get(reverse("api-programme-list")).json()
    assert [p["code"] for p in listed["results"]] == [programme.code]
    url = reverse("api-programme-overview", kwargs={"programme_id": programme.pk})
    body = analyst.get(url).json()
    (line,) = body["projects"]
    assert line["code"] == "DW9001" and line["readable"] is False
    assert body["totals"]["direct_costs_cents"] == world.project.direct_costs_cents
    # the figures of the frozen overview the page, PDF and Excel render
    actor = get_actor(
        user=make_user(organisation=world.other, role=Role.ANALYST),
        organisation_id=world.other.pk,
    )
    overview = programme_report.programme_overview(
        programme, actor=actor, today=timezone.localdate()
    )
    assert (line["met"], line["revised"], line["missed"]) == (
        overview.projects[0].met,
        overview.projects[0].revised,
        overview.projects[0].missed,
    )
    refused = api(Role.CONSULTANT).get(url)
    assert refused.status_code == 403
    assert errors(refused) == [(None, "Uw rol ziet de programmamonitoring niet.")]
    unknown = api(Role.ANALYST).get(
        reverse("api-programme-overview", kwargs={"programme_id": 999_999})
    )
    assert unknown.status_code == 404


@pytest.mark.parametrize("projects", [1, 6])
def test_the_project_list_runs_a_fixed_number_of_queries(
    world, api, projects, django_assert_max_num_queries
):
    for n in range(projects):
        ProjectFactory(programme=world.project.programme, code=f"DW8{n:03d}")
    manager = api(Role.PROGRAMME_MANAGER, "funder")
    # user, membership, count, page
    with django_assert_max_num_queries(6):
        response = manager.get(reverse("api-project-list"))
    assert response.json()["count"] == projects + 1


# --- Writing ------------------------------------------------------------------------------


def test_a_leader_proposes_a_change_the_programme_manager_approves(world, api):
    leader = api(Role.PROJECT_LEADER)
    url = project_url(world, "api-target-change-propose", indicator_id=world.manual.pk)
    response = leader.post(
        url,
        {
            "new_value": 6,
            "changed_on": "2025-06-01",
            "kind": "change_request",
            "approver": "uvb",
            "reason": "Werkgevers minder bereikbaar",
        },
    )
    assert response.status_code == 201, response.json()
    change = response.json()
    assert (change["status"], change["previous_value"], change["new_value"]) == (
        "pending",
        10,
        6,
    )
    decide = project_url(world, "api-target-change-decide", change_id=change["id"])
    # the leader may not decide it
    refused = leader.post(decide, {"decision": "approve"})
    assert refused.status_code == 403
    assert errors(refused) == [
        (
            None,
            "Alleen de programmamanager van de subsidiegever keurt "
            "streefwaardewijzigingen goed.",
        )
    ]
    manager = api(Role.PROGRAMME_MANAGER, "funder")
    trail = manager.get(project_url(world, "api-target-change-list")).json()
    assert [c["status"] for c in trail["results"]] == ["pending"]
    approved = manager.post(decide, {"decision": "approve"})
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert approved.json()["decided_by"]
    world.manual.target.refresh_from_db()
    assert world.manual.target.current_value == Decimal(6)
    # deciding again is refused, naming the status
    again = manager.post(decide, {"decision": "reject"})
    assert again.status_code == 400
    assert errors(again) == [
        ("status", "Deze wijziging is al goedgekeurd of afgewezen.")
    ]
    assert TargetChange.objects.get().status == TargetChangeStatus.APPROVED


def test_a_change_request_without_approver_is_refused_in_dutch_naming_the_field(
    world, api
):
    response = api(Role.PROJECT_LEADER).post(
        project_url(world, "api-target-change-propose", indicator_id=world.manual.pk),
        {
            "new_value": "6",
            "changed_on": "2025-06-01",
            "kind": "change_request",
            "reason": "x",
        },
    )
    assert response.status_code == 400
    assert errors(response) == [
        (
            "approver",
            "Een goedgekeurd wijzigingsverzoek noemt wie het heeft goedgekeurd.",
        )
    ]
    bad = api(Role.PROJECT_LEADER).post(
        project_url(world, "api-target-change-propose", indicator_id=world.manual.pk),
        {"new_value": -1, "kind": "x", "reason": ""},
    )
    assert bad.status_code == 400
    assert {field for field, _message in errors(bad)} == {
        "new_value",
        "kind",
        "reason",
        "changed_on",
    }
    assert not TargetChange.objects.exists()


def test_a_manual_value_is_entered_with_evidence_and_a_computed_one_refused(world, api):
    leader = api(Role.PROJECT_LEADER)
    url = project_url(world, "api-manual-value", indicator_id=world.manual.pk)
    response = leader.post(url, {"value": "7.5", "evidence_note": "Gesprekslijst Q2"})
    assert response.status_code == 200
    assert response.json()["realised_value"] == 7.5
    assert RealisedEntry.objects.get().evidence_note == "Gesprekslijst Q2"
    computed = leader.post(
        project_url(world, "api-manual-value", indicator_id=world.computed.pk),
        {"value": 99, "evidence_note": "geteld"},
    )
    assert computed.status_code == 400
    assert errors(computed) == [
        (
            "value",
            "Alleen een handmatige indicator krijgt een met de hand ingevoerde waarde.",
        )
    ]
    # the auditor reads, and changes nothing
    auditor = api(Role.AUDITOR)
    assert auditor.post(url, {"value": 9, "evidence_note": "x"}).status_code == 403


def test_a_deliverable_is_marked_delivered(world, api):
    response = api(Role.PROJECT_LEADER).post(
        project_url(world, "api-deliverable-update", indicator_id=world.deliverable.pk),
        {"status": "delivered", "evidence_note": "Eindrapport v2"},
    )
    assert response.status_code == 200
    assert (
        response.json()["deliverable_status"],
        response.json()["realised_value"],
    ) == (
        "delivered",
        1,
    )


def test_an_unknown_indicator_of_a_readable_project_is_404(world, api):
    response = api(Role.PROJECT_LEADER).post(
        project_url(world, "api-manual-value", indicator_id=999_999),
        {"value": 1, "evidence_note": "x"},
    )
    assert response.status_code == 404


def test_bad_input_on_a_target_change_is_refused_in_dutch_only(world, api):
    """What a new user of the API sends wrong — broken JSON, a list for the body, a list
    for a text, an impossible date — is answered in Dutch: no English from Django REST
    framework's half-translated catalogue or from the JSON decoder."""
    client = api(Role.PROJECT_LEADER)
    url = project_url(world, "api-target-change-propose", indicator_id=world.manual.pk)

    broken = client.post(url, "{bad json", content_type="application/json")
    a_list = client.post(url, [1, 2], format="json")
    wrong_types = client.post(
        url,
        {
            "new_value": 5,
            "kind": "informal",
            "reason": ["x"],
            "changed_on": "2026-13-45",
        },
        format="json",
    )

    assert broken.status_code == a_list.status_code == wrong_types.status_code == 400
    assert errors(broken) == [(None, "De body van het verzoek is geen geldige JSON.")]
    assert errors(a_list) == [
        (None, "Ongeldige gegevens: stuur een JSON-object met de velden.")
    ]
    found = dict(errors(wrong_types))
    assert found["reason"] == "Vul tekst in."
    assert found["changed_on"] == (
        "De datum heeft het verkeerde formaat; gebruik YYYY-MM-DD."
    )
    assert not TargetChange.objects.exists()


def test_a_target_is_dropped_only_explicitly_and_on_an_agreed_day(world, api):
    client = api(Role.PROJECT_LEADER)
    url = project_url(world, "api-target-change-propose", indicator_id=world.manual.pk)
    change = {"kind": "informal_consultation", "reason": "Vervalt"}
    missing = client.post(
        url, {**change, "new_value": None, "changed_on": "2025-06-01"}
    )
    assert missing.status_code == 400
    assert errors(missing) == [
        (
            "new_value",
            "Vul de nieuwe streefwaarde in, of geef aan dat de streefwaarde vervalt.",
        )
    ]
    undated = client.post(url, {**change, "new_value": 6})
    assert dict(errors(undated)) == {"changed_on": "Dit veld is verplicht."}
    assert not TargetChange.objects.exists()
    dropped = client.post(
        url, {**change, "drops_target": True, "changed_on": "2025-06-01"}
    )
    assert dropped.status_code == 201, dropped.json()
    assert dropped.json()["new_value"] is None
