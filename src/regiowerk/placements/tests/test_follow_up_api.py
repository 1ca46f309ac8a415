"""The follow-up list and the durability report through the API: the same rights
and figures as the pages."""

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.placements.constants import CheckInStatus
from regiowerk.placements.models import CheckIn
from regiowerk.placements.tests.factories import days_ago
from regiowerk.placements.tests.test_durability import placements
from regiowerk.placements.tests.test_follow_up import check_in, placement_for

pytestmark = pytest.mark.django_db


def test_the_follow_up_list_names_the_due_and_what_drives_the_risk(
    organisation, make_actor, api_client_for
):
    expert = make_actor(organisation, Role.LABOUR_EXPERT)
    risky = placement_for(expert, started_days_ago=40)
    check_in(expert, risky, days=1, status=CheckInStatus.AT_RISK, workload=1)
    overdue = placement_for(expert, started_days_ago=100)

    response = api_client_for(expert).get("/api/v1/follow-up/")
    assert response.status_code == 200
    first, second = response.json()
    assert (first["placement"], first["risk_level"]) == (str(risky.pk), "at_risk")
    assert {r["factor"] for r in first["reasons"]} >= {"last_status_at_risk"}
    assert second["placement"] == str(overdue.pk) and len(second["overdue"]) == 3
    assert api_client_for(expert).get("/api/v1/follow-up/?team=1").status_code == 200


def test_the_durability_report_hides_small_cells_and_needs_a_reporting_role(
    organisation, make_actor, api_client_for
):
    placements(organisation, 7, ended=2)
    analyst = make_actor(organisation, Role.ANALYST)
    response = api_client_for(analyst).get("/api/v1/durability/?group=kind")
    assert response.status_code == 200
    body = response.json()
    everyone = body["curves"][0]
    assert (everyone["group"], everyone["placements"], everyone["ended"]) == (
        "",
        "7",
        "2",
    )
    assert body["reasons"] == [{"what": "Gezondheid", "count": "x"}]
    consultant = make_actor(organisation, Role.CONSULTANT)
    assert api_client_for(consultant).get("/api/v1/durability/").status_code == 403
    bad = api_client_for(analyst).get("/api/v1/durability/?group=shoe")
    assert bad.status_code == 400


def test_check_ins_are_recorded_listed_and_changed_with_the_version(
    organisation, make_actor, api_client_for
):
    expert = make_actor(organisation, Role.LABOUR_EXPERT)
    placement = placement_for(expert)
    api = api_client_for(expert)
    base = f"/api/v1/placements/{placement.pk}/check-ins/"
    created = api.post(
        f"{base}create/",
        {
            "held_on": days_ago(1).isoformat(),
            "held_with": "both",
            "status": "attention",
            "workload": 2,
            "actions": [
                {
                    "description": "Rooster aanpassen",
                    "owner": "employer",
                    "due_on": days_ago(-7).isoformat(),
                }
            ],
        },
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["kind"], body["workload"], body["relation"]) == ("scheduled", 2, None)
    assert [a["description"] for a in body["actions"]] == ["Rooster aanpassen"]
    (listed,) = api.get(base).json()
    assert listed["id"] == body["id"]

    update = f"{base}{body['id']}/update/"
    changed = api.post(update, {"version": 1, "notes": "Aangevuld"}, format="json")
    assert changed.status_code == 200
    assert (changed.json()["notes"], changed.json()["version"]) == ("Aangevuld", 2)
    assert changed.json()["workload"] == 2  # what was not sent stays
    stale = api.post(
        update,
        {
            "version": 1,
            "notes": "Oud",
            "actions": [
                {"description": "X", "owner": "worker", "due_on": "2030-01-01"}
            ],
        },
        format="json",
    )
    assert stale.status_code == 409
    check_in = CheckIn.objects.get()
    assert (check_in.notes, check_in.actions.count()) == ("Aangevuld", 1)
    bad = api.post(
        update, {"version": 2, "held_on": days_ago(-3).isoformat()}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "held_on"
    assert bad.json()["errors"][0]["message"] == "De datum ligt in de toekomst."
    # only under its own placement
    other = placement_for(expert)
    elsewhere = f"/api/v1/placements/{other.pk}/check-ins/{body['id']}/update/"
    assert api.post(elsewhere, {"version": 2}, format="json").status_code == 404
