"""Issue 9's "Done means" through the REST API (no browser), in Dutch where it speaks.

A consultant puts a matched person forward (the vacancy's ranked candidates); the
account manager of the employer's account organisation, who may not read the person,
records the nomination, the trial and the placement, and never sees the person's name;
the labour expert records a check-in with signals (one off the scale is named), sees who
is due and the at-risk placement with its reasons, ends a placement with a coded reason
and puts the person forward again from their matched vacancies; a project leader reads survival and inflow/outflow for the region.

The employer's contact person reads Mijn medewerkers through the API (only their own
placed worker, the status not shared without consent) and asks for help.
"""

import pytest
from rest_framework.test import APIClient

from regiowerk.employers.models import EmployerContact
from regiowerk.employers.tests.factories import EmployerFactory
from regiowerk.matching.tests.factories import profile_of, vacancies_for
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import User
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import ConsentFactory
from regiowerk.placements.constants import CheckInStatus
from regiowerk.placements.models import Placement
from regiowerk.placements.tests.factories import PlacementFactory, days_ago

API = "/api/v1"
pytestmark = pytest.mark.usefixtures("demo_taxonomy")


def _ok(response, status=200):
    assert response.status_code == status, response.json()
    return response.json()


@pytest.fixture
def world(make_actor, api_client_for):
    municipality = OrganisationFactory(
        name="Gemeente Veenstad", type=OrganisationType.MUNICIPALITY
    )
    wsp = OrganisationFactory(
        name="Werkgeversservicepunt", type=OrganisationType.EMPLOYER_SERVICE_DESK
    )
    consultant = make_actor(municipality)
    expert = make_actor(municipality, Role.LABOUR_EXPERT)
    account_manager = make_actor(wsp, Role.ACCOUNT_MANAGER)
    person = profile_of(
        consultant, "magazijnmedewerker", first_name="Ruud", last_name="Rugpijn"
    )
    ConsentFactory(person=person, purpose=ConsentPurpose.SHARING, partner=wsp)
    employer = EmployerFactory(name="DC Emmen-Noord", account_organisation=wsp)
    first, second = vacancies_for(
        "magazijnmedewerker",
        [
            ("Magazijnmedewerker 32 uur", employer, 32, "light"),
            ("Medewerker voorraadbeheer", employer, 32, "light"),
        ],
    )
    PlacementFactory(employer=EmployerFactory(name="Elders B.V."))  # not theirs
    contact = APIClient()
    contact.force_authenticate(
        EmployerContact.objects.create(
            user=User.objects.create_user(username="dc-emmen", password=None),
            employer=employer,
        ).user
    )
    return {
        "municipality": municipality,
        "employer_contact": contact,
        "person": person,
        "vacancy": first,
        "second": second,
        "expert": expert,
        "consultant": api_client_for(consultant),
        "account_manager": api_client_for(account_manager),
        "account_manager_user": account_manager.user,
        "labour_expert": api_client_for(expert),
        "project_leader": api_client_for(make_actor(municipality, Role.PROJECT_LEADER)),
    }


def _results(data):
    """A list endpoint's rows, paginated or not."""
    return data["results"] if isinstance(data, dict) else data


def _move(client, candidacy, stage):
    return _ok(
        client.post(
            f"{API}/candidacies/{candidacy['id']}/move/",
            {"version": candidacy["version"], "stage": stage},
            format="json",
        )
    )


def test_from_a_matched_candidate_to_a_placement(world):
    vacancy, person = world["vacancy"], world["person"]
    ranked = _ok(world["consultant"].get(f"{API}/vacancies/{vacancy.pk}/candidates/"))
    assert ranked[0]["person_id"] == str(person.pk)
    candidacy = _ok(
        world["consultant"].post(
            f"{API}/candidacies/create/",
            {"person": str(person.pk), "vacancy": vacancy.pk, "source": "matching"},
            format="json",
        ),
        201,
    )
    assert candidacy["stage"] == "recruited"

    # the account manager works it on, without the person's name
    am = world["account_manager"]
    (listed,) = _results(_ok(am.get(f"{API}/candidacies/?vacancy={vacancy.pk}")))
    assert (listed["person_name"], listed["person_id"]) == (None, None)
    candidacy = _move(am, listed, "nominated")
    backwards = am.post(
        f"{API}/candidacies/{candidacy['id']}/move/",
        {"version": candidacy["version"], "stage": "recruited"},
        format="json",
    )
    assert backwards.status_code == 400
    (error,) = backwards.json()["errors"]
    assert error["field"] == "stage"
    assert error["message"].startswith("Een kandidaatstelling gaat alleen vooruit")
    candidacy = _move(am, candidacy, "trial")
    candidacy = _move(am, candidacy, "placed")
    assert [step["stage"] for step in candidacy["steps"]] == [
        "recruited",
        "nominated",
        "trial",
        "placed",
    ]
    response = am.post(
        f"{API}/placements/create/",
        {
            "candidacy": candidacy["id"],
            "kind": "regular",
            "contract_type": "fixed_term",
            "contract_ends_on": days_ago(-365).isoformat(),
            "starts_on": days_ago(0).isoformat(),
            "hours_per_week": 32,
            "support": ["job_coach"],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert "Rugpijn" not in response.content.decode()
    placement = Placement.objects.get(candidacy_id=candidacy["id"])
    assert placement.organisation == world["municipality"]
    assert not AccessLog.objects.filter(user=world["account_manager_user"]).exists()
    # the person's organisation follows it: its labour expert's team sees it
    team = _ok(world["labour_expert"].get(f"{API}/follow-up/?team=true"))
    assert str(placement.pk) in [row["placement"] for row in _results(team)]

    # the employer's contact person sees only their own worker, the status unshared
    employer_view = _ok(world["employer_contact"].get(f"{API}/employer-view/"))
    (worker,) = employer_view["workers"]
    assert (worker["placement_id"], worker["name"]) == (
        str(placement.pk),
        "Ruud Rugpijn",
    )
    assert (worker["shares_follow_up"], worker["status"]) == (False, "")
    assert "Elders" not in str(employer_view)
    help_url = f"{API}/employer-view/placements/{placement.pk}/help/"
    empty = world["employer_contact"].post(help_url, {"question": ""}, format="json")
    assert empty.status_code == 400
    assert [e["field"] for e in empty.json()["errors"]] == ["question"]
    asked = world["employer_contact"].post(
        help_url,
        {"question": "Hij lijkt moe; kan er iemand langskomen?"},
        format="json",
    )
    assert asked.status_code == 201, asked.json()
    assert placement.check_ins.get().kind == "ad_hoc"
    partner = world["labour_expert"].get(f"{API}/employer-view/")
    assert partner.status_code == 403


def test_the_labour_expert_follows_up_ends_and_starts_again(world):
    person, expert = world["person"], world["expert"]
    placement = PlacementFactory(
        person=person,
        organisation=world["municipality"],
        responsible=expert.user,
        starts_on=days_ago(120),
    )
    client = world["labour_expert"]
    check_ins = f"{API}/placements/{placement.pk}/check-ins/"
    bad = client.post(
        f"{check_ins}create/",
        {"held_on": days_ago(80).isoformat(), "held_with": "both", "workload": 6},
        format="json",
    )
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["workload"]
    recorded = _ok(
        client.post(
            f"{check_ins}create/",
            {
                "held_on": days_ago(80).isoformat(),
                "kind": "scheduled",
                "held_with": "both",
                "status": CheckInStatus.AT_RISK,
                "workload": 1,
                "health_energy": 2,
                "advice": "Uren tijdelijk terug naar 24.",
            },
            format="json",
        ),
        201,
    )
    assert (recorded["workload"], recorded["status"]) == (1, "at_risk")

    (row,) = _results(_ok(client.get(f"{API}/follow-up/")))
    assert row["placement"] == str(placement.pk)
    assert row["risk_level"] == "at_risk"
    assert row["overdue"]  # the 3-month check-in
    factors = {reason["factor"] for reason in row["reasons"]}
    assert {"last_status_at_risk", "low_signal", "missed_check_ins"} <= factors

    missing = client.post(
        f"{API}/placements/{placement.pk}/end/",
        {"version": placement.version, "ends_on": days_ago(0).isoformat()},
        format="json",
    )
    assert missing.status_code == 400
    assert [e["field"] for e in missing.json()["errors"]] == ["reason"]
    ended = _ok(
        client.post(
            f"{API}/placements/{placement.pk}/end/",
            {
                "version": placement.version,
                "ends_on": days_ago(0).isoformat(),
                "reason": "health",
                "factors": ["workload"],
                "lesson": "Te snel naar 32 uur opgebouwd.",
            },
            format="json",
        )
    )
    assert ended["ending"]["reason"] == "health"
    assert _results(_ok(client.get(f"{API}/follow-up/"))) == []

    suggested = _ok(client.get(f"{API}/persons/{person.pk}/matched-vacancies/"))
    titles = [row["title"] for row in suggested]
    assert "Medewerker voorraadbeheer" in titles
    again = _ok(
        client.post(
            f"{API}/candidacies/create/",
            {
                "person": str(person.pk),
                "vacancy": world["second"].pk,
                "source": "matching",
            },
            format="json",
        ),
        201,
    )
    assert (again["person_name"], again["stage"]) == ("Ruud Rugpijn", "recruited")


def test_a_project_leader_reads_the_regions_durability(world):
    for days in range(400, 412):
        PlacementFactory(starts_on=days_ago(days))  # followed by others in the region

    own = _ok(world["project_leader"].get(f"{API}/durability/"))
    region = _ok(world["project_leader"].get(f"{API}/durability/?scope=region"))

    assert own["scope"] == "organisation"
    assert region["scope"] == "region"
    everyone = region["curves"][0]
    # the twelve and the other employer's placement of the world: all in the region
    assert everyone["placements"] in (13, "13")
    assert own["curves"][0]["placements"] in (0, "0", "x")
    assert region["flows"] and region["flows"][0]["quarters"]
    wrong = world["project_leader"].get(f"{API}/durability/?scope=wereld")
    assert wrong.status_code == 400
    assert "scope" in str(wrong.json())
