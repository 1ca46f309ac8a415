"""The Nazorg page and the check-in form on the placement page: at-risk first with
their reasons, due and overdue check-ins, a fixed number of queries, Dutch errors."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.placements import actions
from regiowerk.placements.constants import CheckInStatus
from regiowerk.placements.models import CheckIn
from regiowerk.placements.tests.factories import days_ago
from regiowerk.placements.tests.test_follow_up import check_in, placement_for

pytestmark = pytest.mark.django_db


def test_the_follow_up_page_lists_at_risk_first_with_the_reasons(expert, expert_client):
    calm = placement_for(expert, started_days_ago=20)
    check_in(expert, calm, days=3)
    risky = placement_for(expert, started_days_ago=40)
    check_in(expert, risky, days=1, status=CheckInStatus.AT_RISK, workload=1)

    content = expert_client.get(reverse("follow-up")).content.decode()

    assert "<h1>Nazorg</h1>" in content
    warning = content[content.index('id="warning"') :]
    assert warning.index(risky.person.last_name) < warning.index(calm.person.last_name)
    assert "Laatste contactmoment: risico: +30" in warning
    assert "Lage signalen bij het laatste contactmoment: +10" in warning


def test_the_follow_up_page_runs_a_fixed_number_of_queries(expert, expert_client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert expert_client.get(reverse("follow-up")).status_code == 200
        return len(captured.captured_queries)

    check_in(expert, placement_for(expert), days=1)
    few = count()
    for _ in range(3):
        check_in(expert, placement_for(expert), days=1)
    assert count() == few


def test_the_team_view_shows_the_colleagues_placements(
    expert, expert_client, organisation, make_actor
):
    colleague = make_actor(organisation, Role.LABOUR_EXPERT)
    theirs = placement_for(colleague)
    mine = expert_client.get(reverse("follow-up")).content.decode()
    team = expert_client.get(reverse("follow-up") + "?team=1").content.decode()
    assert theirs.person.last_name not in mine
    assert theirs.person.last_name in team


def test_a_check_in_is_recorded_from_the_placement_page(expert, expert_client):
    placement = placement_for(expert)
    url = reverse("placement-check-in", args=[placement.pk])
    response = expert_client.post(
        url,
        {
            "held_on": days_ago(1).isoformat(),
            "kind": "scheduled",
            "held_with": "both",
            "status": "attention",
            "workload": "2",
            "advice": "Taken beter verdelen",
            "action": "Werkplek aanpassen",
            "action_owner": "employer",
            "action_due_on": days_ago(-14).isoformat(),
        },
    )
    assert response.status_code == 302
    # the form posts to its own anchor (below); saved, the page opens at its top
    detail = reverse("placement-detail", args=[placement.pk])
    assert response.url == f"{detail}#main"
    recorded = CheckIn.objects.get(placement=placement)
    assert (recorded.workload, recorded.health_energy) == (2, None)
    assert recorded.actions.get().description == "Werkplek aanpassen"
    page = expert_client.get(reverse("placement-detail", args=[placement.pk]))
    content = page.content.decode()
    assert "Werkdruk: 2" in content and "Werkplek aanpassen" in content


def test_a_bad_check_in_comes_back_with_dutch_errors(expert, expert_client):
    placement = placement_for(expert)
    response = expert_client.post(
        reverse("placement-check-in", args=[placement.pk]),
        {
            "held_on": days_ago(1).isoformat(),
            "kind": "scheduled",
            "held_with": "worker",
            "workload": "9",
            "action": "Iets",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Een afgesproken actie heeft een eigenaar en een datum nodig." in content
    assert not CheckIn.objects.exists()
    # the page that comes back opens at the form and its errors, not at the top of
    # the long placement page (tests/browser: with JavaScript and without)
    action = reverse("placement-check-in", args=[placement.pk])
    assert f'action="{action}#check-in-errors"' in content
    assert re.search(r'<div class="error-summary"[^>]* id="check-in-errors">', content)


def test_the_due_list_has_one_line_per_placement_and_forgets_caught_up_ones(
    expert, expert_client
):
    # 14 days, 1 and 3 months passed without a check-in: one line, since 14 days
    behind = placement_for(expert, started_days_ago=100)
    # the same, but a check-in was held last week: nothing to do until 6 months
    caught_up = placement_for(expert, started_days_ago=100)
    check_in(expert, caught_up, days=7)

    content = expert_client.get(reverse("follow-up")).content.decode()
    due = content[content.index('id="due"') : content.index('id="warning"')]
    assert due.count(behind.person.last_name) == 1
    assert "3 gemiste contactmomenten" in due and "te laat" in due
    assert caught_up.person.last_name not in due
    warning = content[content.index('id="warning"') :]
    assert "Gemiste contactmomenten (2×): +30" in warning  # still in the warning

    page = expert_client.get(reverse("placement-detail", args=[caught_up.pk]))
    text = page.content.decode()
    assert "2 gemiste contactmomenten" in text and "Te laat sinds" not in text


def edit_url(recorded):
    return reverse("check-in-edit", args=[recorded.placement_id, recorded.pk])


def test_a_check_in_is_changed_from_the_placement_page(expert, expert_client):
    recorded = check_in(expert, placement_for(expert), days=2, workload=3)
    page = expert_client.get(reverse("placement-detail", args=[recorded.placement_id]))
    assert edit_url(recorded) in page.content.decode()
    form = expert_client.get(edit_url(recorded)).content.decode()
    assert 'name="version" value="1"' in form and "Contactmoment van" in form

    response = expert_client.post(
        edit_url(recorded),
        {
            "version": "1",
            "held_on": days_ago(2).isoformat(),
            "kind": "scheduled",
            "held_with": "worker",
            "status": "attention",
            "workload": "2",
            "notes": "Aangevuld na overleg",
            "action": "Rooster aanpassen",
            "action_owner": "employer",
            "action_due_on": days_ago(-7).isoformat(),
        },
    )
    assert response.status_code == 302
    recorded.refresh_from_db()
    assert (recorded.version, recorded.held_with, recorded.workload) == (2, "worker", 2)
    assert recorded.notes == "Aangevuld na overleg"
    assert recorded.actions.get().description == "Rooster aanpassen"


def test_a_stale_check_in_edit_says_so_in_dutch_and_saves_nothing(
    expert, expert_client
):
    recorded = check_in(expert, placement_for(expert), days=2)
    actions.update_check_in(
        actor=expert, check_in=recorded, changes={"notes": "Eerst"}, expected_version=1
    )
    response = expert_client.post(
        edit_url(recorded),
        {
            "version": "1",  # the version the user saw before the other change
            "held_on": days_ago(2).isoformat(),
            "kind": "scheduled",
            "held_with": "both",
            "status": "at_risk",
            "notes": "Later",
            "action": "Iets afspreken",
            "action_owner": "worker",
            "action_due_on": days_ago(-3).isoformat(),
        },
    )
    assert response.status_code == 200
    assert (
        "Iemand anders heeft dit gegeven gewijzigd terwijl u het bewerkte."
        in response.content.decode()
    )
    recorded.refresh_from_db()
    assert (recorded.version, recorded.notes, recorded.status) == (
        2,
        "Eerst",
        "on_track",
    )
    assert not recorded.actions.exists()  # no half-saved action either


def test_a_bad_check_in_edit_names_the_field_in_dutch(expert, expert_client):
    recorded = check_in(expert, placement_for(expert), days=2)
    response = expert_client.post(
        edit_url(recorded),
        {
            "version": "1",
            "held_on": days_ago(-5).isoformat(),
            "kind": "scheduled",
            "held_with": "both",
            "status": "",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "De datum ligt in de toekomst." in content
    assert "Geef de algemene status van het contactmoment." in content
    recorded.refresh_from_db()
    assert recorded.version == 1


def test_a_check_in_is_changed_only_under_its_own_placement(
    expert, expert_client, partner, make_actor, client
):
    recorded = check_in(expert, placement_for(expert), days=2)
    other = placement_for(expert)
    wrong = reverse("check-in-edit", args=[other.pk, recorded.pk])
    assert expert_client.get(wrong).status_code == 404
    outsider = make_actor(partner, Role.LABOUR_EXPERT)
    client.force_login(outsider.user)
    assert client.get(edit_url(recorded)).status_code == 404
