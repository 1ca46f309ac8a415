"""A vacancy's candidates cost a fixed number of queries, however many persons are
ranked: the profiles are read in one query per table for all candidates."""

from datetime import date

from django.urls import reverse

import pytest
from rest_framework.test import APIClient

from regiowerk.employers.tests.factories import VacancyFactory
from regiowerk.matching import actions, convert, queries
from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.models import Occupation, Skill
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import make_user
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.tests.factories import make_actor
from skillmatch import rank_candidates

pytestmark = pytest.mark.django_db

# The same bound for 10 and 40 candidates. Measured: the page 11 queries, the API 8
# (before batching, two queries per candidate: the page 29 and 89, the API 26 and 86).
MAX_QUERIES = 12
SLUGS = ("vrachtwagenchauffeur", "heftruckchauffeur", "magazijnmedewerker", "kok")


@pytest.fixture
def vacancy(demo_taxonomy):
    return VacancyFactory(
        title="Heftruckchauffeur",
        occupation_uri=uri("occupation", "heftruckchauffeur"),
        opens_on=date(2026, 1, 1),
    )


def _candidates(actor, n):
    occupations = [Occupation.objects.get(uri=uri("occupation", s)) for s in SLUGS]
    skill = Skill.objects.get(uri=uri("skill", "vca"))
    persons = []
    for i in range(n):
        person = PersonFactory(organisation=actor.organisation)
        actions.link_occupation(
            actor=actor,
            person=person,
            occupation=occupations[i % len(occupations)],
            is_current=True,
            confirmed=True,
        )
        if i % 2:
            actions.set_person_skills(
                actor=actor, person=person, skills=[skill], source="assessed"
            )
        persons.append(person)
    convert.current_taxonomy()  # the per-process cache, built once
    return persons


@pytest.mark.parametrize("n", [10, 40])
def test_the_candidate_page_runs_a_fixed_number_of_queries(
    client, vacancy, n, django_assert_max_num_queries
):
    actor = make_actor()
    persons = _candidates(actor, n)
    user = make_user(organisation=actor.organisation, role=Role.CONSULTANT)
    client.force_login(user)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("vacancy-candidates", args=[vacancy.pk]))

    assert response.status_code == 200
    shown = set(AccessLog.objects.filter(user=user).values_list("person_id", flat=True))
    assert len(shown) == min(n, 20)
    assert shown <= {p.pk for p in persons}


@pytest.mark.parametrize("n", [10, 40])
def test_the_candidates_api_runs_a_fixed_number_of_queries(
    vacancy, n, django_assert_max_num_queries
):
    actor = make_actor()
    _candidates(actor, n)
    client = APIClient()
    client.force_authenticate(make_user(organisation=actor.organisation))

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(f"/api/v1/vacancies/{vacancy.pk}/candidates/", {"k": 50})

    assert response.status_code == 200
    assert len(response.json()) == n


def test_batched_profiles_and_ranking_equal_the_one_by_one_build(vacancy):
    actor = make_actor()
    persons = _candidates(actor, 12)
    taxonomy = convert.current_taxonomy()
    one_by_one = [convert.candidate_profile(p, taxonomy) for p in persons]

    assert convert.candidate_profiles(persons, taxonomy) == one_by_one
    ranked = queries.ranked_candidates(actor=actor, vacancy=vacancy, k=12)
    expected = rank_candidates(
        convert.vacancy_profile(vacancy, taxonomy), one_by_one, taxonomy, k=12
    )
    assert [(str(c.person.pk), c.match.score) for c in ranked] == [
        (m.candidate_id, m.score) for m in expected
    ]


def test_a_person_with_several_occupations_is_ranked_once_without_distinct(
    vacancy, django_assert_max_num_queries
):
    actor = make_actor()
    person = PersonFactory(organisation=actor.organisation)
    for slug in ("heftruckchauffeur", "magazijnmedewerker"):
        actions.link_occupation(
            actor=actor,
            person=person,
            occupation=Occupation.objects.get(uri=uri("occupation", slug)),
            is_current=slug == "heftruckchauffeur",
            confirmed=True,
        )
    convert.current_taxonomy()

    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        ranked = queries.ranked_candidates(actor=actor, vacancy=vacancy)

    assert [c.person for c in ranked] == [person]
    # The candidates are found with a semi-join: a join with DISTINCT made the database
    # sort every (person, occupation) row with all person columns (bench/bench_load.py).
    (persons_sql,) = [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "people_person"' in q["sql"]
    ]
    assert "DISTINCT" not in persons_sql
