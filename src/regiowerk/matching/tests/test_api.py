"""The matching API: what it answers, and the authorisation matrix of its person- and
vacancy-level endpoints (role × holding organisation / partner / partner with consent).

Reads of a person are for casework roles of the holder and of a partner the person
shares with; changes to the profile for casework roles of the holder; everyone else
gets 404, the same as for a person that does not exist.
"""

import uuid
from datetime import date

import pytest
from rest_framework.test import APIClient

from regiowerk.employers.tests.factories import VacancyFactory
from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.models import Occupation, PersonOccupation, PersonSkill, Skill
from regiowerk.matching.tests.factories import profile_of
from regiowerk.organisations.constants import CASEWORK_ROLES, Role
from regiowerk.organisations.tests.factories import OrganisationFactory, make_user
from regiowerk.services.tests.factories import make_actor, share_with

pytestmark = pytest.mark.django_db

HOLDER, PARTNER, SHARED = "holder", "partner", "partner-shared"
API = "/api/v1/"


def _client(organisation, role=Role.CONSULTANT):
    client = APIClient()
    client.force_authenticate(make_user(organisation=organisation, role=role))
    return client


@pytest.fixture
def world(demo_taxonomy):
    actor = make_actor()
    person = profile_of(actor, "magazijnmedewerker", last_name="Rijder")
    vacancy = VacancyFactory(
        title="Heftruckchauffeur",
        occupation_uri=uri("occupation", "heftruckchauffeur"),
        opens_on=date(2026, 1, 1),
        organisation=actor.organisation,
    )
    partner = OrganisationFactory()
    return {"actor": actor, "person": person, "vacancy": vacancy, "partner": partner}


# --- What the endpoints answer -------------------------------------------------------------


def test_an_ambiguous_title_gives_several_occupations_with_scores(world):
    client = _client(world["actor"].organisation)

    response = client.get(f"{API}taxonomy/occupations/", {"q": "chauffeur", "k": 5})

    assert response.status_code == 200
    uris = [row["uri"] for row in response.json()]
    assert len(uris) >= 2
    assert uri("occupation", "vrachtwagenchauffeur") in uris
    assert all(0 <= row["score"] <= 1 for row in response.json())


def test_skills_are_searched_by_label(world):
    client = _client(world["actor"].organisation)

    response = client.get(f"{API}taxonomy/skills/", {"q": "heftruck"})

    assert [row["label"] for row in response.json()] == ["heftruck besturen"]


def test_a_missing_query_names_the_field(world):
    response = _client(world["actor"].organisation).get(f"{API}taxonomy/skills/")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "q"


def test_occupations_and_skills_are_added_listed_and_removed(world):
    client = _client(world["actor"].organisation)
    base = f"{API}persons/{world['person'].pk}/"

    added = client.post(
        f"{base}occupations/create/",
        {"occupation_uri": uri("occupation", "kok"), "is_current": False},
        format="json",
    )
    skills = client.post(
        f"{base}skills/create/",
        {"skill_uris": [uri("skill", "heftruck")], "source": "assessed"},
        format="json",
    )

    assert added.status_code == 201
    assert skills.status_code == 201
    assert {o["label"] for o in client.get(f"{base}occupations/").json()} == {
        "magazijnmedewerker",
        "kok",
    }
    assert client.get(f"{base}skills/").json()[0]["source"] == "assessed"

    occupation_id = added.json()["occupation_id"]
    skill_id = skills.json()[0]["skill_id"]
    assert client.post(f"{base}occupations/{occupation_id}/remove/").status_code == 204
    assert client.post(f"{base}skills/{skill_id}/remove/").status_code == 204
    assert PersonOccupation.objects.filter(person=world["person"]).count() == 1
    assert not PersonSkill.objects.exists()


def test_an_unknown_occupation_uri_is_refused_naming_the_field(world):
    response = _client(world["actor"].organisation).post(
        f"{API}persons/{world['person'].pk}/occupations/create/",
        {"occupation_uri": "urn:nope"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "occupation_uri"


def test_matched_vacancies_carry_score_and_explanation(world):
    response = _client(world["actor"].organisation).get(
        f"{API}persons/{world['person'].pk}/matched-vacancies/"
    )

    rows = response.json()
    assert rows[0]["vacancy_id"] == world["vacancy"].pk
    explanation = rows[0]["explanation"]
    assert {"matched", "missing_required", "breakdown", "reason_nl"} <= set(explanation)
    assert "basisveiligheid (VCA)" in {
        s["label"] for s in explanation["missing_required"]
    }


def test_matched_vacancies_are_filtered_by_contract_type(world):
    response = _client(world["actor"].organisation).get(
        f"{API}persons/{world['person'].pk}/matched-vacancies/",
        {"contract_type": "temporary"},
    )

    assert response.json() == []


def test_transitions_carry_shared_and_gap_skills(world):
    response = _client(world["actor"].organisation).get(
        f"{API}persons/{world['person'].pk}/transitions/"
    )

    forklift = next(
        row
        for row in response.json()
        if row["uri"] == uri("occupation", "heftruckchauffeur")
    )
    assert "heftruck besturen" in forklift["shared_labels"]
    assert "basisveiligheid (VCA)" in forklift["gap_labels"]


def test_the_vacancy_occupation_and_skills_are_set(world):
    client = _client(world["actor"].organisation, Role.ACCOUNT_MANAGER)
    vacancy = world["vacancy"]

    linked = client.post(
        f"{API}vacancies/{vacancy.pk}/occupation/",
        {"occupation_uri": uri("occupation", "magazijnmedewerker")},
        format="json",
    )
    skills = client.post(
        f"{API}vacancies/{vacancy.pk}/skills/",
        {"skills": [{"uri": uri("skill", "vca"), "is_essential": True}]},
        format="json",
    )

    assert linked.json()["occupation_status"] == "confirmed"
    assert skills.json() == [
        {
            "uri": uri("skill", "vca"),
            "label": "basisveiligheid (VCA)",
            "is_essential": True,
        }
    ]


def test_an_analyst_may_not_set_a_vacancy_occupation(world):
    response = _client(world["actor"].organisation, Role.ANALYST).post(
        f"{API}vacancies/{world['vacancy'].pk}/occupation/",
        {"occupation_uri": uri("occupation", "kok")},
        format="json",
    )

    assert response.status_code == 403


# --- Candidates ------------------------------------------------------------------------------


def test_candidates_are_only_persons_the_caller_may_see(world):
    profile_of(make_actor(), "heftruckchauffeur")
    client = _client(world["actor"].organisation)

    ids = {
        row["person_id"]
        for row in client.get(
            f"{API}vacancies/{world['vacancy'].pk}/candidates/"
        ).json()
    }

    assert ids == {str(world["person"].pk)}


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.ACCOUNT_MANAGER, Role.ADMINISTRATOR]
)
def test_roles_without_casework_get_no_candidates(world, role):
    response = _client(world["actor"].organisation, role).get(
        f"{API}vacancies/{world['vacancy'].pk}/candidates/"
    )

    assert response.status_code == 200
    assert response.json() == []


# --- The authorisation matrix of the person endpoints ---------------------------------------


def _calls(person_id, occupation_id, skill_id):
    base = f"{API}persons/{person_id}/"
    return [
        ("get", f"{base}occupations/", None, "read"),
        ("get", f"{base}skills/", None, "read"),
        ("get", f"{base}matched-vacancies/", None, "read"),
        ("get", f"{base}transitions/", None, "read"),
        (
            "post",
            f"{base}occupations/create/",
            {"occupation_uri": uri("occupation", "kok")},
            "write",
        ),
        (
            "post",
            f"{base}skills/create/",
            {"skill_uris": [uri("skill", "koken")]},
            "write",
        ),
        ("post", f"{base}skills/{skill_id}/remove/", None, "write"),
        ("post", f"{base}occupations/{occupation_id}/remove/", None, "write"),
    ]


@pytest.mark.parametrize("where", [HOLDER, PARTNER, SHARED])
@pytest.mark.parametrize("role", list(Role))
def test_authorisation_matrix(world, role, where):
    person = world["person"]
    if where == SHARED:
        share_with(person, world["partner"])
    organisation = world["actor"].organisation if where == HOLDER else world["partner"]
    client = _client(organisation, role)
    may_read = role in CASEWORK_ROLES and where != PARTNER
    may_write = may_read and where == HOLDER
    occupation_id = Occupation.objects.get(uri=uri("occupation", "kok")).pk
    skill_id = Skill.objects.get(uri=uri("skill", "koken")).pk

    for method, path, body, kind in _calls(person.pk, occupation_id, skill_id):
        allowed = may_read if kind == "read" else may_write
        response = getattr(client, method)(path, body, format="json")
        missing = getattr(client, method)(
            path.replace(str(person.pk), str(uuid.uuid4())), body, format="json"
        )
        if allowed:
            assert response.status_code in (200, 201, 204), (path, response.json())
        else:
            assert response.status_code == 404, path
            assert missing.status_code == 404, path
            assert "Rijder" not in response.content.decode()
