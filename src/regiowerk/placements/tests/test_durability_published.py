"""Differencing: an analyst who looks at the durability report, waits for one placement
or ending and looks again learns nothing — for readers who see aggregates only the
report is published once a month (``common.published``), counted at the month's first
look for every split of the scope at once, and the same all month on the page, in the
CSV, in Excel and in the API. A labour expert keeps the live figures; next month's
first look counts afresh."""

from datetime import timedelta
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from regiowerk.common.models import PublishedFigures
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import get_actor
from regiowerk.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    make_user,
)
from regiowerk.placements import durability
from regiowerk.placements.constants import EndingReason
from regiowerk.placements.models import PlacementEnding
from regiowerk.placements.permissions import sees_aggregates_only
from regiowerk.placements.tests.factories import PlacementFactory, days_ago
from regiowerk.placements.tests.test_durability import placements

pytestmark = pytest.mark.django_db


def _place_one(organisation) -> None:
    placements(organisation, 1)


def _end_one(made) -> None:
    PlacementEnding.objects.create(
        placement=made[-1], ends_on=days_ago(1), reason=EndingReason.RESIGNED
    )


def _report(html: str) -> str:
    return html.split("<h1>")[1].split("</main>")[0]


def _api(api_client_for, actor, **params) -> dict:
    response = api_client_for(actor).get(reverse("api-durability"), params)
    assert response.status_code == 200
    return response.json()


def _everyone(body: dict) -> tuple[str, str]:
    first = body["curves"][0]
    assert first["group"] == ""
    return first["placements"], first["ended"]


def test_a_placement_or_an_ending_between_two_looks_does_not_show_for_an_analyst(
    organisation, make_actor, api_client_for
):
    made = placements(organisation, 12, ended=3)
    analyst = make_actor(organisation, Role.ANALYST)
    expert = make_actor(organisation, Role.LABOUR_EXPERT)
    before = _api(api_client_for, analyst)
    assert _everyone(before) == ("12", "3")
    assert before["counted_on"] == timezone.localdate().isoformat()

    _place_one(organisation)
    _end_one(made)

    after = _api(api_client_for, analyst)
    assert after == before
    # a split asked for the first time since was counted at the first look too
    sector = _api(api_client_for, analyst, group="sector")
    assert _everyone(sector) == ("12", "3")
    assert sector["reasons"] == before["reasons"]
    # the labour expert who follows the placements sees them at once
    live = _api(api_client_for, expert)
    assert _everyone(live) == ("13", "4")
    assert live["counted_on"] is None


def test_next_months_first_look_counts_afresh(organisation, make_actor, api_client_for):
    made = placements(organisation, 12, ended=3)
    analyst = make_actor(organisation, Role.ANALYST)
    _api(api_client_for, analyst)
    _place_one(organisation)
    _end_one(made)
    # a month later: this month's publication is last month's
    row = PublishedFigures.objects.get()
    PublishedFigures.objects.filter(pk=row.pk).update(
        month=(row.month - timedelta(days=1)).replace(day=1)
    )

    assert _everyone(_api(api_client_for, analyst)) == ("13", "4")


def test_the_month_is_the_calendar_month_of_the_look(organisation, make_actor):
    made = placements(organisation, 12, ended=3)
    analyst = make_actor(organisation, Role.ANALYST)
    today = timezone.localdate()
    first = durability.durability_for(analyst, today=today)
    _place_one(organisation)
    _end_one(made)
    later = today.replace(day=28) if today.day < 28 else today
    next_month = (today.replace(day=28) + timedelta(days=5)).replace(day=1)

    same = durability.durability_for(analyst, today=later, dimension="support")
    fresh = durability.durability_for(analyst, today=next_month)

    assert same.curves[0] == first.curves[0] and same.counted_on == first.counted_on
    assert same.dimension == "support"
    assert (fresh.curves[0].placements, fresh.curves[0].ended) == (13, 4)


def test_the_page_the_csv_and_excel_hold_still_and_agree_with_the_api(
    organisation, make_actor, api_client_for, client
):
    made = placements(organisation, 12, ended=3)
    analyst = make_actor(organisation, Role.ANALYST)
    client.force_login(analyst.user)
    url = reverse("durability")
    page = client.get(url).content.decode()
    assert "Stand van " in page and "eens per maand geteld" in page

    _place_one(organisation)
    _end_one(made)

    again = client.get(url).content.decode()
    assert _report(again) == _report(page)
    assert '<th scope="row">Alle plaatsingen</th><td>12</td><td>3</td>' in again
    lines = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert lines.splitlines()[1].startswith("Alle plaatsingen;12;3;6;")
    book = load_workbook(BytesIO(client.get(url, {"format": "xlsx"}).content))
    assert (book["Retentie"]["B2"].value, book["Retentie"]["C2"].value) == (12, 3)
    body = _api(api_client_for, analyst)
    assert _everyone(body) == ("12", "3")
    assert "Stand van" not in client.get(url, {"format": "csv"}).content.decode()
    # the labour expert's page is live and says nothing of a monthly count
    client.force_login(make_user(organisation=organisation, role=Role.LABOUR_EXPERT))
    live = client.get(url).content.decode()
    assert '<th scope="row">Alle plaatsingen</th><td>13</td><td>4</td>' in live
    assert "eens per maand geteld" not in live


def test_the_region_and_the_organisation_are_published_apart(
    organisation, make_actor, api_client_for
):
    placements(organisation, 6)
    neighbour = OrganisationFactory(region=organisation.region)
    placements(neighbour, 6)
    analyst = make_actor(organisation, Role.ANALYST)
    own = _api(api_client_for, analyst)
    region = _api(api_client_for, analyst, scope="region")
    placements(neighbour, 6)

    assert _everyone(own) == ("6", "0") and _everyone(region) == ("12", "0")
    assert _api(api_client_for, analyst, scope="region") == region
    # another analyst of the region reads the same publication of the region
    other = make_actor(neighbour, Role.ANALYST)
    assert _everyone(_api(api_client_for, other, scope="region")) == ("12", "0")
    assert PublishedFigures.objects.count() == 2


def test_a_look_takes_the_same_queries_however_many_placements_and_splits(
    organisation, make_actor
):
    analyst = make_actor(organisation, Role.ANALYST)
    today = timezone.localdate()
    placements(organisation, 6)
    other = OrganisationFactory()
    placements(other, 30, ended=10)
    other_analyst = make_actor(other, Role.ANALYST)

    counted = []
    for actor in (analyst, other_analyst):
        with CaptureQueriesContext(connection) as first:
            durability.durability_for(actor, today=today)
        with CaptureQueriesContext(connection) as later:
            durability.durability_for(actor, today=today, dimension="sector")
        counted.append((len(first.captured_queries), len(later.captured_queries)))
        # the first look reads the placements once, for every split; later ones never
        assert sum("placements_placement" in q["sql"] for q in first) == 1
        assert not any("placements_placement" in q["sql"] for q in later)
    assert counted[0] == counted[1]


@pytest.mark.parametrize(
    ("roles", "aggregates_only"),
    [
        ((Role.ANALYST,), True),
        ((Role.LABOUR_EXPERT,), False),
        ((Role.PROJECT_LEADER,), False),
        ((Role.ACCOUNT_MANAGER,), False),
        ((Role.PROGRAMME_MANAGER,), False),
        ((Role.ANALYST, Role.PROJECT_LEADER), False),
    ],
)
def test_only_analysts_without_a_placing_role_see_the_published_report(
    organisation, roles, aggregates_only
):
    user = make_user(organisation=organisation, role=roles[0])
    for role in roles[1:]:
        MembershipFactory(user=user, organisation=organisation, role=role)
    actor = get_actor(user=user, organisation_id=organisation.pk)
    assert sees_aggregates_only(actor) is aggregates_only


def test_a_labour_experts_report_is_never_stored(organisation, make_actor):
    PlacementFactory(organisation=organisation, person__organisation=organisation)
    durability.durability_for(
        make_actor(organisation, Role.LABOUR_EXPERT), today=timezone.localdate()
    )
    assert not PublishedFigures.objects.exists()
