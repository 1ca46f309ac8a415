"""A placement's own follow-up schedule (more often when at risk) and back to the
default: on the placement page and through the API, each bad interval named at its
field in Dutch."""

from datetime import timedelta

from django.urls import reverse

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.placements import actions, queries, rules
from regiowerk.placements.models import FollowUpSchedule, Placement
from regiowerk.placements.tests.factories import days_ago
from regiowerk.placements.tests.test_follow_up import placement_for

pytestmark = pytest.mark.django_db


def fresh(placement):
    return Placement.objects.get(pk=placement.pk)


def test_a_placement_gets_its_own_schedule_on_its_page_and_goes_back(
    expert, expert_client
):
    placement = placement_for(expert, started_days_ago=10)
    detail = expert_client.get(reverse("placement-detail", args=[placement.pk]))
    content = detail.content.decode()
    assert "Standaardschema" in content and "Nazorgschema wijzigen" in content
    url = reverse("placement-schedule", args=[placement.pk])
    form = expert_client.get(url).content.decode()
    assert 'value="1, 3, 6, 12"' in form  # the default, to start from

    response = expert_client.post(
        url,
        {
            "first_days": "7",
            "months": "1, 2, 3",
            "every_months": "3",
            "years": "5",
            "reason": "Werkdruk hoog",
        },
    )
    assert response.status_code == 302
    assert queries.schedule_of(fresh(placement)) == rules.Schedule(7, (1, 2, 3), 3, 5)
    detail = expert_client.get(reverse("placement-detail", args=[placement.pk]))
    content = detail.content.decode()
    assert "Eigen schema: Werkdruk hoog" in content
    # the first check-in follows the own schedule: a week after the start, passed
    follow_up = queries.follow_up_of(fresh(placement), today=days_ago(0))
    assert follow_up.overdue == (placement.starts_on + timedelta(days=7),)
    assert follow_up.next_due == rules.months_after(placement.starts_on, 1)

    reset = expert_client.post(reverse("placement-schedule-reset", args=[placement.pk]))
    assert reset.status_code == 302
    assert not FollowUpSchedule.objects.exists()
    assert queries.schedule_of(fresh(placement)) == rules.DEFAULT_SCHEDULE


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_days", "0", "Geef een aantal dagen van 1 tot en met 365."),
        ("every_months", "30", "Geef een aantal maanden van 1 tot en met 24."),
        ("years", "11", "Geef een aantal jaren van 1 tot en met 10."),
        (
            "months",
            "3, 1",
            "Geef elke maand één keer, oplopend (bijvoorbeeld 1, 2, 3, 6).",
        ),
        ("months", "0, 2", "Geef maanden vanaf 1 (een maand na de start)."),
        ("months", "1, 70", "Geef maanden binnen de 60 maanden dat de nazorg duurt."),
        ("months", "1, twee", "Geef hele maanden, gescheiden door komma's"),
    ],
)
def test_a_bad_interval_is_named_at_its_field(
    expert, expert_client, field, value, message
):
    placement = placement_for(expert)
    good = {"first_days": "14", "months": "1, 3", "every_months": "6", "years": "5"}
    response = expert_client.post(
        reverse("placement-schedule", args=[placement.pk]), {**good, field: value}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content.replace("&#x27;", "'")
    assert f'id="id_{field}"' in content and 'aria-invalid="true"' in content
    assert not FollowUpSchedule.objects.exists()


def test_only_who_follows_the_placement_sets_its_schedule(
    expert, partner, make_actor, client
):
    placement = placement_for(expert)
    client.force_login(make_actor(partner, Role.LABOUR_EXPERT).user)
    assert (
        client.get(reverse("placement-schedule", args=[placement.pk])).status_code
        == 404
    )
    response = client.post(reverse("placement-schedule-reset", args=[placement.pk]))
    assert response.status_code == 404


def api_url(placement, tail=""):
    return f"/api/v1/placements/{placement.pk}/follow-up-schedule/{tail}"


def test_the_schedule_through_the_api(expert, api_client_for):
    placement = placement_for(expert, started_days_ago=10)
    api = api_client_for(expert)
    read = api.get(api_url(placement))
    assert read.status_code == 200
    body = read.json()
    assert (body["is_own"], body["months"], body["first_days"]) == (
        False,
        [1, 3, 6, 12],
        14,
    )
    assert (
        body["due_dates"][0] == (placement.starts_on + timedelta(days=14)).isoformat()
    )

    own = api.post(
        api_url(placement, "set/"),
        {"months": [1, 2, 3], "every_months": 3, "reason": "Risico"},
        format="json",
    )
    assert own.status_code == 200
    assert (own.json()["is_own"], own.json()["months"]) == (True, [1, 2, 3])
    assert own.json()["first_days"] == 14  # left out: the default's
    assert queries.schedule_of(fresh(placement)) == rules.Schedule(14, (1, 2, 3), 3, 5)

    bad = api.post(
        api_url(placement, "set/"),
        {"first_days": 400, "months": [2, 2], "years": 0},
        format="json",
    )
    assert bad.status_code == 400
    errors = {e["field"]: e["message"] for e in bad.json()["errors"]}
    assert errors == {
        "first_days": "Geef een aantal dagen van 1 tot en met 365.",
        "months": "Geef elke maand één keer, oplopend (bijvoorbeeld 1, 2, 3, 6).",
        "years": "Geef een aantal jaren van 1 tot en met 10.",
    }
    assert queries.schedule_of(fresh(placement)).months == (1, 2, 3)  # unchanged

    back = api.post(api_url(placement, "reset/"), {}, format="json")
    assert back.status_code == 200 and back.json()["is_own"] is False
    assert not FollowUpSchedule.objects.exists()


def test_an_ended_placement_gets_no_new_schedule(expert, api_client_for):
    placement = placement_for(expert, started_days_ago=100)
    actions.end_placement(
        actor=expert,
        placement=placement,
        expected_version=placement.version,
        ends_on=days_ago(5),
        reason="resigned",
    )
    response = api_client_for(expert).post(
        api_url(placement, "set/"), {"months": [1]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "Deze plaatsing is beëindigd; de nazorg is gestopt."
    )
    # its schedule is read up to the ending
    read = api_client_for(expert).get(api_url(placement))
    assert read.json()["due_dates"][-1] <= days_ago(5).isoformat()
