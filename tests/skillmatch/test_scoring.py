"""The coarse score: IDF-weighted coverage, related-skill credit, vectors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillmatch.profiles import CandidateProfile, VacancyProfile
from skillmatch.scoring import ProfileVectoriser, ScoringConfig, score_pair
from tests.skillmatch.test_profiles import (
    CLERK,
    CUT,
    ENGLISH,
    EXCEL,
    FORKLIFT,
    GROUP,
    METAL,
    SAFETY,
    TAXONOMY,
    WELD,
    WELDER,
)

SKILLS = [WELD, METAL, CUT, SAFETY, FORKLIFT, ENGLISH, EXCEL, "s:unknown"]
VEC = ProfileVectoriser(TAXONOMY)

weights = st.floats(min_value=0.01, max_value=1.0)
candidates = st.dictionaries(st.sampled_from(SKILLS), weights).map(
    lambda skills: CandidateProfile("c", skills=skills)
)


@st.composite
def vacancies(draw: st.DrawFn) -> VacancyProfile:
    required = draw(st.frozensets(st.sampled_from(SKILLS)))
    optional = draw(st.frozensets(st.sampled_from(SKILLS))) - required
    return VacancyProfile("v", required=required, optional=optional)


@given(candidates, vacancies())
def test_score_lies_in_the_unit_interval(
    candidate: CandidateProfile, vacancy: VacancyProfile
) -> None:
    score, _ = score_pair(candidate, vacancy, VEC)
    assert 0.0 <= score <= 1.0


@given(candidates, vacancies(), st.sampled_from(SKILLS), weights)
def test_adding_a_skill_to_a_candidate_never_lowers_their_score(
    candidate: CandidateProfile, vacancy: VacancyProfile, skill: str, weight: float
) -> None:
    more = dict(candidate.skills)
    more[skill] = max(weight, more.get(skill, 0.0))
    before, _ = score_pair(candidate, vacancy, VEC)
    after, _ = score_pair(CandidateProfile("c", skills=more), vacancy, VEC)
    assert after >= before - 1e-12


@given(st.lists(candidates, min_size=1, max_size=4), st.lists(vacancies(), max_size=4))
def test_vector_dot_product_equals_the_pair_score(
    people: list[CandidateProfile], jobs: list[VacancyProfile]
) -> None:
    vec = ProfileVectoriser(TAXONOMY)
    c = vec.candidates_matrix(people)
    v = vec.vacancies_matrix(jobs)
    c, v = vec.aligned(c), vec.aligned(v)
    assert c.dtype == np.float32
    product = (c @ v.T).toarray()
    for i, person in enumerate(people):
        for j, job in enumerate(jobs):
            assert product[i, j] == pytest.approx(
                score_pair(person, job, vec)[0], abs=1e-6
            )


def test_a_candidate_with_every_required_and_optional_skill_scores_one() -> None:
    job = VacancyProfile.from_occupation("v", WELDER, taxonomy=TAXONOMY)
    person = CandidateProfile("c", skills=dict.fromkeys(job.skills, 1.0))
    assert score_pair(person, job, VEC)[0] == pytest.approx(1.0)


def test_required_skills_earn_three_quarters_of_the_score_by_default() -> None:
    job = VacancyProfile("v", required=frozenset({WELD}), optional=frozenset({EXCEL}))
    only_required = CandidateProfile("c", skills={WELD: 1.0})
    only_optional = CandidateProfile("c", skills={EXCEL: 1.0})
    assert score_pair(only_required, job, VEC)[0] == pytest.approx(0.75)
    assert score_pair(only_optional, job, VEC)[0] == pytest.approx(0.25)


def test_with_only_optional_skills_those_earn_the_whole_score() -> None:
    job = VacancyProfile("v", optional=frozenset({EXCEL}))
    assert score_pair(CandidateProfile("c", skills={EXCEL: 1.0}), job, VEC)[0] == 1.0


def test_a_vacancy_without_skills_scores_zero() -> None:
    assert (
        score_pair(CandidateProfile("c", skills={WELD: 1.0}), VacancyProfile("v"), VEC)[
            0
        ]
        == 0.0
    )


def test_rare_skills_weigh_more_than_common_ones() -> None:
    # safety is listed by three occupations, welding by one
    assert VEC.idf(WELD) > VEC.idf(SAFETY)
    job = VacancyProfile("v", required=frozenset({WELD, SAFETY}))
    welder = score_pair(CandidateProfile("c", skills={WELD: 1.0}), job, VEC)[0]
    careful = score_pair(CandidateProfile("c", skills={SAFETY: 1.0}), job, VEC)[0]
    assert welder > careful
    assert welder + careful == pytest.approx(1.0)


def test_a_narrower_skill_earns_partial_credit_for_its_broader_skill() -> None:
    job = VacancyProfile("v", required=frozenset({METAL}))
    score, (credit,) = score_pair(CandidateProfile("c", skills={WELD: 0.8}), job, VEC)
    assert score == pytest.approx(0.4)
    assert (credit.skill, credit.via, credit.credit) == (
        METAL,
        WELD,
        pytest.approx(0.4),
    )


def test_a_broader_skill_and_a_sibling_earn_partial_credit() -> None:
    job = VacancyProfile("v", required=frozenset({CUT}))
    broader = score_pair(CandidateProfile("c", skills={METAL: 1.0}), job, VEC)[0]
    sibling = score_pair(CandidateProfile("c", skills={WELD: 1.0}), job, VEC)[0]
    assert (broader, sibling) == (pytest.approx(0.5), pytest.approx(0.25))


def test_skill_groups_give_no_sibling_credit() -> None:
    # metalworking sits under a skill group, which has no siblings credit
    assert dict(VEC.related(METAL)) == {GROUP: 0.5, WELD: 0.5, CUT: 0.5}


def test_an_exact_skill_beats_related_credit_and_the_best_source_is_named() -> None:
    job = VacancyProfile("v", required=frozenset({METAL}))
    person = CandidateProfile("c", skills={METAL: 0.3, WELD: 1.0, CUT: 1.0})
    _, (credit,) = score_pair(person, job, VEC)
    # 0.5 from welding or cutting beats the 0.3 held directly; the first URI wins ties
    assert (credit.credit, credit.via) == (0.5, CUT)


def test_hierarchy_credit_can_be_switched_off() -> None:
    vec = ProfileVectoriser(
        TAXONOMY, ScoringConfig(hierarchy_credit=0, sibling_credit=0)
    )
    job = VacancyProfile("v", required=frozenset({METAL}))
    assert score_pair(CandidateProfile("c", skills={WELD: 1.0}), job, vec)[0] == 0.0
    assert vec.related(WELD) == ()


def test_without_a_taxonomy_every_skill_weighs_the_same_and_nothing_is_related() -> (
    None
):
    vec = ProfileVectoriser()
    assert vec.idf(WELD) == vec.idf("anything") == 1.0
    assert vec.related(WELD) == ()
    job = VacancyProfile("v", required=frozenset({WELD, SAFETY}))
    assert score_pair(CandidateProfile("c", skills={WELD: 1.0}), job, vec)[0] == 0.5


def test_unknown_skills_get_new_columns_and_old_matrices_can_be_aligned() -> None:
    vec = ProfileVectoriser(TAXONOMY)
    width = vec.n_features
    jobs = vec.vacancies_matrix(
        [VacancyProfile.from_occupation("v", CLERK, taxonomy=TAXONOMY)]
    )
    assert jobs.shape == (1, width)
    people = vec.candidates_matrix([CandidateProfile("c", skills={"s:new": 1.0})])
    assert people.shape == (1, width + 1)
    assert vec.aligned(jobs).shape == (1, width + 1)
    assert vec.aligned(people) is people
    assert vec.idf("s:new") == pytest.approx(
        math.log(len(TAXONOMY.occupations) + 1) + 1
    )


@pytest.mark.parametrize(
    "name", ["required_share", "hierarchy_credit", "sibling_credit"]
)
def test_scoring_knobs_must_lie_in_the_unit_interval(name: str) -> None:
    with pytest.raises(ValueError, match=f"{name} must lie in"):
        ScoringConfig(**{name: 1.5})
