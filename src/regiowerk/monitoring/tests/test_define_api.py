"""Defining a project, its activities and indicators through the API: the actions of
the pages (``define_project``, ``define_activity``, ``define_indicator``) with the
pages' rights; every refusal in Dutch at its field, a 400, and nothing half-saved."""

from datetime import date

from django.urls import reverse

import pytest

from regiowerk.monitoring import actions
from regiowerk.monitoring.models import Activity, Indicator, Project, ProjectParty
from regiowerk.monitoring.tests.factories import ProgrammeFactory, ProjectFactory
from regiowerk.monitoring.tests.test_define import actor_of
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor

pytestmark = pytest.mark.django_db

PROJECT = {
    "code": "DW2012",
    "title": "Van werk naar werk",
    "starts_on": "2016-07-15",
    "ends_on": "2018-12-31",
    "direct_costs_cents": 1_245_313_00,
}
COMPUTED = {
    "name": "Deelnemers",
    "unit": "deelnemers",
    "kind": "computed",
    "target": 40,
    "table": "services.enrolments",
    "measure": "count_subjects",
    "date_column": "registered_on",
}


def errors(response) -> dict[str | None, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def create_url(programme) -> str:
    return reverse("api-project-create", args=[programme.pk])


def led_project(leader: Actor) -> Project:
    project = ProjectFactory()
    actions.add_party(
        project=project,
        name="X",
        role="executor",
        organisation_id=leader.organisation.pk,
    )
    return project


def test_a_project_leader_defines_a_project_their_organisation_executes(
    api_client_for,
):
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory()
    response = api_client_for(leader).post(create_url(programme), PROJECT)
    assert response.status_code == 201, response.json()
    body = response.json()
    project = Project.objects.get(programme=programme, code="DW2012")
    assert body["id"] == project.pk
    assert body["max_subsidy_cents"] == 859_265_00  # 69 %, down to whole euros
    assert sorted((p["role"], p["organisation"]) for p in body["parties"]) == [
        ("applicant", leader.organisation.pk),
        ("executor", leader.organisation.pk),
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"direct_costs_cents": -5},
            "direct_costs_cents",
            "groter is dan of gelijk is aan 0",
        ),
        (
            {"direct_costs_cents": "veel"},
            "direct_costs_cents",
            "geldig getal is vereist",
        ),
        ({"ends_on": "2016-01-01"}, "ends_on", "eindigt voordat ze begint"),
        (
            {"starts_on": "15-07-2016"},
            "starts_on",
            "verkeerde formaat; gebruik YYYY-MM-DD",
        ),
        ({"code": ""}, "code", "mag niet leeg zijn"),
        ({"code": "x" * 41}, "code", "niet meer dan 40"),
        (
            {"max_subsidy_cents": 900_000_00},
            "max_subsidy_note",
            "wijkt af van de regel van het programma (€ 859.265)",
        ),
    ],
)
def test_bad_input_is_named_at_its_field_in_dutch(
    api_client_for, change, field, message
):
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory()
    response = api_client_for(leader).post(create_url(programme), {**PROJECT, **change})
    assert response.status_code == 400
    assert field in errors(response), errors(response)
    assert message in errors(response)[field]
    assert not Project.objects.exists()
    assert not ProjectParty.objects.exists()


def test_every_reason_is_given_at_once(api_client_for):
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory()
    ProjectFactory(programme=programme, code="DW2012")
    response = api_client_for(leader).post(
        create_url(programme),
        {**PROJECT, "ends_on": "2016-01-01", "max_subsidy_cents": 1},
    )
    assert response.status_code == 400
    assert set(errors(response)) == {"code", "ends_on", "max_subsidy_note"}
    assert errors(response)["code"] == (
        "Het programma heeft al een project met deze code."
    )


@pytest.mark.parametrize(
    ("role", "funder", "status"),
    [
        (Role.PROJECT_LEADER, False, 201),
        (Role.ADMINISTRATOR, False, 201),
        (Role.PROGRAMME_MANAGER, True, 201),
        (Role.PROGRAMME_MANAGER, False, 403),
        (Role.ANALYST, True, 403),
        (Role.AUDITOR, True, 403),
        (Role.CONSULTANT, False, 403),
    ],
)
def test_who_may_define_a_project_is_who_may_on_the_page(
    api_client_for, role, funder, status
):
    actor = actor_of(role)
    programme = ProgrammeFactory(
        funder_organisation=actor.organisation if funder else None
    )
    client = api_client_for(actor)
    # a refusal comes before the body is read: an empty body is refused the same way
    assert client.post(create_url(programme), PROJECT).status_code == status
    if status == 403:
        assert client.post(create_url(programme), {}).status_code == 403
        assert not Project.objects.exists()


def test_a_closed_programme_takes_no_project_and_says_why(api_client_for):
    leader = actor_of(Role.PROJECT_LEADER)
    programme = ProgrammeFactory(closed_on=date(2020, 1, 1))
    response = api_client_for(leader).post(create_url(programme), PROJECT)
    assert response.status_code == 403
    assert "Het programma is afgesloten" in response.json()["errors"][0]["message"]
    unknown = reverse("api-project-create", args=[999_999])
    assert api_client_for(leader).post(unknown, PROJECT).status_code == 404


def test_activities_are_added_last_with_a_unique_name(api_client_for):
    leader = actor_of(Role.PROJECT_LEADER)
    project = led_project(leader)
    client = api_client_for(leader)
    url = reverse("api-activity-create", args=[project.pk])
    first = client.post(url, {"name": "Intake"})
    second = client.post(url, {"name": "Pilot", "category": "policy"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json()["position"], second.json()["position"]) == (0, 1)
    assert second.json()["category"] == "policy"
    again = client.post(url, {"name": "intake "})
    assert again.status_code == 400
    assert errors(again) == {
        "name": "Het project heeft al een activiteit met deze titel."
    }
    bad = client.post(url, {"name": "Ander", "category": "nonsense"})
    assert bad.status_code == 400 and set(errors(bad)) == {"category"}
    assert project.activities.count() == 2


def test_only_the_projects_leaders_add_activities_and_indicators(api_client_for):
    leader = actor_of(Role.PROJECT_LEADER)
    project = led_project(leader)
    activity = actions.define_activity(actor=leader, project=project, name="Pilot")
    activity_url = reverse("api-activity-create", args=[project.pk])
    indicator_url = reverse("api-indicator-create", args=[project.pk, activity.pk])
    # another organisation's leader may not read the project: the same 404 as unknown
    other = api_client_for(actor_of(Role.PROJECT_LEADER))
    assert other.post(activity_url, {"name": "X"}).status_code == 404
    assert other.post(indicator_url, COMPUTED).status_code == 404
    # an auditor of the executor reads it but changes nothing: 403, with the reason
    auditor = api_client_for(actor_of(Role.AUDITOR, leader.organisation))
    refused = auditor.post(activity_url, {"name": "X"})
    assert refused.status_code == 403
    assert "projectleiders" in refused.json()["errors"][0]["message"]
    assert auditor.post(indicator_url, {}).status_code == 403
    # an activity of another project is not found through this project
    elsewhere = actions.define_activity(
        actor=leader, project=led_project(leader), name="Elders"
    )
    mixed = reverse("api-indicator-create", args=[project.pk, elsewhere.pk])
    assert api_client_for(leader).post(mixed, COMPUTED).status_code == 404
    assert not Indicator.objects.exists()
    assert Activity.objects.count() == 2


def test_indicators_are_defined_as_on_the_page(api_client_for):
    leader = actor_of(Role.PROJECT_LEADER)
    project = led_project(leader)
    activity = actions.define_activity(actor=leader, project=project, name="Pilot")
    client = api_client_for(leader)
    url = reverse("api-indicator-create", args=[project.pk, activity.pk])
    manual = client.post(
        url,
        {"name": "Gesprekken", "unit": "gesprekken", "kind": "manual", "target": 12},
    )
    assert manual.status_code == 201, manual.json()
    assert manual.json()["position"] == 0
    assert manual.json()["original_target"] == manual.json()["current_target"] == 12
    counted = client.post(url, COMPUTED)
    assert counted.status_code == 201, counted.json()
    assert counted.json()["definition"]["table"] == "services.enrolments"
    assert counted.json()["position"] == 1
    deliverable = client.post(
        url, {"name": "Eindrapport", "unit": "rapport", "kind": "deliverable"}
    )
    assert deliverable.json()["deliverable_status"] == "planned"
    assert deliverable.json()["original_target"] is None
    assert activity.indicators.count() == 3


@pytest.mark.parametrize(
    ("change", "fields", "message"),
    [
        ({"date_column": "hired_on"}, {"date_column"}, "heeft geen datumkolom"),
        ({"table": "nope"}, {"table"}, "Onbekende feitentabel"),
        ({"measure": "sum"}, {"column"}, "heeft geen bedrag- of aantalkolom"),
        ({"target": -1}, {"target"}, "groter is dan of gelijk is aan 0"),
        ({"kind": "guess"}, {"kind"}, "is een ongeldige keuze"),
        ({"unit": ""}, {"unit"}, "mag niet leeg zijn"),
        # a duplicate name and a wrong column: both named, each at its field
        ({"name": "gesprekken", "date_column": "x"}, {"name", "date_column"}, ""),
    ],
)
def test_a_bad_indicator_is_refused_at_its_field_and_nothing_is_saved(
    api_client_for, change, fields, message
):
    leader = actor_of(Role.PROJECT_LEADER)
    project = led_project(leader)
    activity = actions.define_activity(actor=leader, project=project, name="Pilot")
    actions.define_indicator(
        actor=leader, activity=activity, name="Gesprekken", unit="x", kind="manual"
    )
    url = reverse("api-indicator-create", args=[project.pk, activity.pk])
    response = api_client_for(leader).post(url, {**COMPUTED, **change})
    assert response.status_code == 400
    assert set(errors(response)) == fields, errors(response)
    assert message in " ".join(errors(response).values())
    assert activity.indicators.count() == 1
