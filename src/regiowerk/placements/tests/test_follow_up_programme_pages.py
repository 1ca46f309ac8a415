"""Follow-up programmes on the pages and through the API: the organisation's list with
create and change (project leaders and labour experts), the choice of a programme on
a placement's schedule page, each bad interval named at its field in Dutch, and the
same rights through the API."""

from datetime import timedelta

from django.urls import reverse

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.placements import actions, queries, rules
from regiowerk.placements.constants import ScheduleSource
from regiowerk.placements.models import FollowUpProgramme, Placement
from regiowerk.placements.tests.test_follow_up import placement_for

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Proefplaatsing — kort",
    "first_days": "7",
    "months": "1, 2, 3",
    "every_months": "3",
    "years": "1",
    "description": "Vaker contact in de proeftijd",
}


def fresh(placement):
    return Placement.objects.select_related(
        "follow_up_schedule", "follow_up_programme"
    ).get(pk=placement.pk)


def logged_in(client, actor):
    client.force_login(actor.user)
    return client


@pytest.fixture
def short(expert):
    return actions.create_follow_up_programme(
        actor=expert,
        name="Proefplaatsing — kort",
        first_days=7,
        months=[1, 2, 3],
        every_months=3,
        years=1,
    )


def test_a_labour_expert_creates_and_changes_a_programme_on_the_pages(
    expert, expert_client
):
    listed = expert_client.get(reverse("follow-up-programmes")).content.decode()
    assert "Nazorgprogramma's" in listed and "Nieuw nazorgprogramma" in listed
    form = expert_client.get(reverse("follow-up-programme-create")).content.decode()
    assert 'value="1, 3, 6, 12"' in form  # the default, to start from

    created = expert_client.post(reverse("follow-up-programme-create"), GOOD)

    assert created.status_code == 302
    programme = FollowUpProgramme.objects.get()
    assert (programme.organisation, programme.months, programme.set_by) == (
        expert.organisation,
        [1, 2, 3],
        expert.user,
    )
    listed = expert_client.get(reverse("follow-up-programmes")).content.decode()
    assert "Proefplaatsing — kort" in listed
    assert "na 7 dagen, na 1, 2, 3 maanden, daarna elke 3 maanden" in listed

    url = reverse("follow-up-programme-edit", args=[programme.pk])
    assert 'value="Proefplaatsing — kort"' in expert_client.get(url).content.decode()
    changed = expert_client.post(url, {**GOOD, "months": "1, 2", "version": "1"})
    assert changed.status_code == 302
    assert FollowUpProgramme.objects.get().months == [1, 2]
    # from the version read before: the conflict, nothing saved
    stale = expert_client.post(url, {**GOOD, "months": "1", "version": "1"})
    assert stale.status_code == 200
    assert "Iemand anders heeft" in stale.content.decode()
    assert FollowUpProgramme.objects.get().months == [1, 2]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Dit veld is verplicht."),
        ("first_days", "0", "Geef een aantal dagen van 1 tot en met 365."),
        ("every_months", "30", "Geef een aantal maanden van 1 tot en met 24."),
        ("years", "11", "Geef een aantal jaren van 1 tot en met 10."),
        (
            "months",
            "3, 1",
            "Geef elke maand één keer, oplopend (bijvoorbeeld 1, 2, 3, 6).",
        ),
        ("months", "1, 24", "Geef maanden binnen de 12 maanden dat de nazorg duurt."),
        ("months", "1, twee", "Geef hele maanden, gescheiden door komma's"),
    ],
)
def test_a_bad_programme_is_named_at_its_field_on_the_page(
    expert_client, field, value, message
):
    response = expert_client.post(
        reverse("follow-up-programme-create"), {**GOOD, field: value}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content.replace("&#x27;", "'")
    assert f'id="id_{field}"' in content and 'aria-invalid="true"' in content
    assert not FollowUpProgramme.objects.exists()


def test_the_schedule_page_puts_a_placement_in_a_programme_and_out(
    expert, expert_client, short
):
    placement = placement_for(expert, started_days_ago=10)
    page = reverse("placement-schedule", args=[placement.pk])
    content = expert_client.get(page).content.decode()
    assert "Proefplaatsing — kort" in content and "Geen (standaardschema)" in content

    chosen = expert_client.post(
        reverse("placement-programme", args=[placement.pk]),
        {"programme": str(short.pk)},
    )

    assert chosen.status_code == 302
    assert fresh(placement).follow_up_programme == short
    content = expert_client.get(page).content.decode()
    assert "Nazorgprogramma “Proefplaatsing — kort”" in content
    first = placement.starts_on + timedelta(days=7)
    assert queries.follow_up_plan(fresh(placement)).due_dates[0] == first

    out = expert_client.post(
        reverse("placement-programme", args=[placement.pk]), {"programme": ""}
    )
    assert out.status_code == 302
    assert fresh(placement).follow_up_programme is None


def test_a_programme_of_another_organisation_cannot_be_chosen(
    expert, expert_client, partner, make_actor
):
    theirs = actions.create_follow_up_programme(
        actor=make_actor(partner, Role.PROJECT_LEADER), name="Elders"
    )
    placement = placement_for(expert)

    response = expert_client.post(
        reverse("placement-programme", args=[placement.pk]),
        {"programme": str(theirs.pk)},
    )

    assert response.status_code == 200  # the page again, the choice refused
    assert 'id="id_programme"' in response.content.decode()
    assert fresh(placement).follow_up_programme is None
    listed = expert_client.get(reverse("follow-up-programmes")).content.decode()
    assert "Elders" not in listed


@pytest.mark.parametrize(
    ("role", "sees", "keeps"),
    [
        (Role.LABOUR_EXPERT, 200, 200),
        (Role.PROJECT_LEADER, 200, 200),
        (Role.CONSULTANT, 200, 403),
        (Role.ACCOUNT_MANAGER, 200, 403),
        (Role.ANALYST, 403, 403),
        (Role.ADMINISTRATOR, 403, 403),
    ],
)
def test_who_sees_and_keeps_the_programmes_on_the_pages(
    organisation, make_actor, client, short, role, sees, keeps
):
    logged_in(client, make_actor(organisation, role))

    assert client.get(reverse("follow-up-programmes")).status_code == sees
    assert client.get(reverse("follow-up-programme-create")).status_code == keeps
    edit = reverse("follow-up-programme-edit", args=[short.pk])
    assert client.get(edit).status_code == (keeps if sees == 200 else 404)


def test_another_organisation_does_not_reach_the_programme(
    partner, make_actor, client, short
):
    logged_in(client, make_actor(partner, Role.LABOUR_EXPERT))
    edit = reverse("follow-up-programme-edit", args=[short.pk])

    assert client.get(edit).status_code == 404
    assert client.post(edit, {**GOOD, "version": "1"}).status_code == 404
    listed = client.get(reverse("follow-up-programmes")).content.decode()
    assert "Proefplaatsing — kort" not in listed


# --- The API ------------------------------------------------------------------------------


def test_programmes_through_the_api(expert, api_client_for):
    api = api_client_for(expert)

    created = api.post(
        "/api/v1/follow-up-programmes/create/",
        {"name": "Banenafspraak — nazorg 5 jaar", "months": [1, 2, 3, 6, 9, 12]},
        format="json",
    )

    assert created.status_code == 201
    body = created.json()
    assert (body["name"], body["months"], body["first_days"], body["years"]) == (
        "Banenafspraak — nazorg 5 jaar",
        [1, 2, 3, 6, 9, 12],
        14,  # left out: the default's
        5,
    )
    assert (body["version"], body["active_placements"]) == (1, 0)
    url = f"/api/v1/follow-up-programmes/{body['id']}/"
    assert api.get(url).json()["name"] == "Banenafspraak — nazorg 5 jaar"
    listed = api.get("/api/v1/follow-up-programmes/").json()
    assert [p["name"] for p in listed["results"]] == ["Banenafspraak — nazorg 5 jaar"]

    changed = api.post(
        url + "update/", {"version": 1, "every_months": 3}, format="json"
    )
    assert changed.status_code == 200
    assert (changed.json()["every_months"], changed.json()["months"]) == (
        3,
        [1, 2, 3, 6, 9, 12],  # left out: unchanged
    )
    stale = api.post(url + "update/", {"version": 1, "years": 3}, format="json")
    assert stale.status_code == 409
    assert FollowUpProgramme.objects.get().years == 5

    bad = api.post(
        url + "update/",
        {"version": 2, "first_days": 400, "months": [2, 2], "years": 0},
        format="json",
    )
    assert bad.status_code == 400
    errors = {e["field"]: e["message"] for e in bad.json()["errors"]}
    assert errors == {
        "first_days": "Geef een aantal dagen van 1 tot en met 365.",
        "months": "Geef elke maand één keer, oplopend (bijvoorbeeld 1, 2, 3, 6).",
        "years": "Geef een aantal jaren van 1 tot en met 10.",
    }
    nameless = api.post(url + "update/", {"version": 2, "name": " "}, format="json")
    assert nameless.json()["errors"] == [
        {"field": "name", "code": "blank", "message": "Dit veld mag niet leeg zijn."}
    ]
    assert FollowUpProgramme.objects.get().version == 2  # nothing saved


def test_a_placement_joins_a_programme_through_the_api(expert, short, api_client_for):
    placement = placement_for(expert, started_days_ago=10)
    api = api_client_for(expert)
    url = f"/api/v1/placements/{placement.pk}/follow-up-"
    read = api.get(url + "schedule/").json()
    assert (read["source"], read["programme"]) == ("default", None)

    joined = api.post(url + "programme/set/", {"programme": short.pk}, format="json")

    assert joined.status_code == 200
    body = joined.json()
    assert (body["source"], body["programme"]) == (
        "programme",
        {"id": short.pk, "name": "Proefplaatsing — kort"},
    )
    assert (body["first_days"], body["months"], body["is_own"]) == (7, [1, 2, 3], False)
    assert body["due_dates"][0] == (placement.starts_on + timedelta(7)).isoformat()
    programme = api.get(f"/api/v1/follow-up-programmes/{short.pk}/").json()
    assert programme["active_placements"] == 1
    # an own schedule comes first; the programme stays
    own = api.post(url + "schedule/set/", {"months": [1]}, format="json").json()
    assert (own["source"], own["programme"]["id"]) == ("own", short.pk)

    unknown = api.post(url + "programme/set/", {"programme": 999999}, format="json")
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "programme"

    out = api.post(url + "programme/reset/", {}, format="json")
    assert out.status_code == 200 and out.json()["programme"] is None
    assert queries.schedule_of(fresh(placement)) == rules.Schedule(14, (1,), 6, 5)
    assert queries.follow_up_plan(fresh(placement)).source == ScheduleSource.OWN


@pytest.mark.parametrize(
    ("role", "sees", "keeps"),
    [
        (Role.LABOUR_EXPERT, 200, 201),
        (Role.PROJECT_LEADER, 200, 201),
        (Role.CONSULTANT, 200, 403),
        (Role.ACCOUNT_MANAGER, 200, 403),
        (Role.ANALYST, 403, 403),
    ],
)
def test_the_api_has_the_pages_rights(
    organisation, make_actor, api_client_for, short, role, sees, keeps
):
    api = api_client_for(make_actor(organisation, role))

    assert api.get("/api/v1/follow-up-programmes/").status_code == sees
    created = api.post(
        "/api/v1/follow-up-programmes/create/", {"name": "Nieuw"}, format="json"
    )
    assert created.status_code == keeps
    update = api.post(
        f"/api/v1/follow-up-programmes/{short.pk}/update/",
        {"version": short.version, "years": 2},
        format="json",
    )
    assert update.status_code == (
        200 if keeps == 201 else keeps if sees == 200 else 404
    )


def test_another_organisation_gets_the_api_not_found(
    partner, make_actor, api_client_for, short
):
    api = api_client_for(make_actor(partner, Role.LABOUR_EXPERT))
    url = f"/api/v1/follow-up-programmes/{short.pk}/"

    assert api.get(url).status_code == 404
    assert api.post(url + "update/", {"version": 1}, format="json").status_code == 404
    assert api.get("/api/v1/follow-up-programmes/").json()["results"] == []
