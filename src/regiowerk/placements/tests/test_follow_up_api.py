"""The follow-up list and the durability report through the API: the same rights
and figures as the pages."""

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.placements.constants import CheckInStatus
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
