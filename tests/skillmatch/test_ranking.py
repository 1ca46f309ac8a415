"""Ranking vacancies and candidates: order, ties, filters, indexes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillmatch.profiles import CandidateProfile, Location, VacancyProfile
from skillmatch.ranking import (
    CandidateIndex,
    Filters,
    VacancyIndex,
    rank_candidates,
    rank_vacancies,
)
from skillmatch.scoring import ProfileVectoriser, score_pair
from skillmatch.taxonomy import Taxonomy
from tests.skillmatch.test_profiles import (
    AMSTERDAM,
    CLERK,
    ENGLISH,
    EXCEL,
    GRONINGEN,
    METALWORKER,
    ROTTERDAM,
    SAFETY,
    TAXONOMY,
    WAREHOUSE,
    WELD,
    WELDER,
    tiny_taxonomy,
)
from tests.skillmatch.test_scoring import candidates as candidate_profiles

WELDER_PERSON = CandidateProfile.from_occupations(
    "p1", taxonomy=TAXONOMY, occupations=[WELDER], location=ROTTERDAM
)


def job(id: str, occupation: str, **kwargs: object) -> VacancyProfile:
    return VacancyProfile.from_occupation(id, occupation, taxonomy=TAXONOMY, **kwargs)  # type: ignore[arg-type]


JOBS = [
    job("v-weld", WELDER, location=ROTTERDAM, hours=38, contract_type="permanent"),
    job(
        "v-metal", METALWORKER, location=AMSTERDAM, hours=24, contract_type="temporary"
    ),
    job("v-store", WAREHOUSE, location=GRONINGEN, hours=40),
    job("v-clerk", CLERK),
]


def test_the_best_fitting_vacancy_comes_first_and_unrelated_ones_are_left_out() -> None:
    matches = rank_vacancies(WELDER_PERSON, JOBS, TAXONOMY)
    assert [m.vacancy_id for m in matches] == [
        "v-weld",
        "v-store",
        "v-metal",
        "v-clerk",
    ]
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(m.candidate_id == "p1" for m in matches)
    assert matches[0].score == pytest.approx(
        score_pair(WELDER_PERSON, JOBS[0], ProfileVectoriser(TAXONOMY))[0]
    )
    assert matches[0].explanation.breakdown.total == pytest.approx(matches[0].score)
    assert matches[0].distance_km == 0.0
    assert matches[3].distance_km is None
    nothing = CandidateProfile("p2", skills={"s:juggling": 1.0})
    assert rank_vacancies(nothing, JOBS, TAXONOMY) == []


def test_k_limits_the_number_of_matches() -> None:
    assert len(rank_vacancies(WELDER_PERSON, JOBS, TAXONOMY, k=2)) == 2
    with pytest.raises(ValueError, match="k must be at least 1"):
        rank_vacancies(WELDER_PERSON, JOBS, TAXONOMY, k=0)


def test_equal_scores_are_ordered_by_id_whatever_the_input_order() -> None:
    twins = [job(f"v{i:02d}", WELDER) for i in range(30)]
    expected = [f"v{i:02d}" for i in range(5)]
    for seed in range(3):
        random.Random(seed).shuffle(twins)
        index = VacancyIndex(twins, TAXONOMY)
        assert [
            m.vacancy_id for m in rank_vacancies(WELDER_PERSON, index, k=5)
        ] == expected


@given(candidate_profiles, st.randoms())
def test_ranking_is_deterministic_under_shuffling(
    person: CandidateProfile, rnd: random.Random
) -> None:
    jobs = [job(f"v{i}", occ) for i, occ in enumerate([WELDER, CLERK, WAREHOUSE] * 3)]
    first = rank_vacancies(person, jobs, TAXONOMY, k=4)
    rnd.shuffle(jobs)
    assert rank_vacancies(person, jobs, TAXONOMY, k=4) == first


def test_distance_filter_keeps_nearby_vacancies_and_those_without_a_location() -> None:
    near = rank_vacancies(
        WELDER_PERSON, JOBS, TAXONOMY, filters=Filters(max_distance_km=60)
    )
    assert {m.vacancy_id for m in near} == {"v-weld", "v-metal", "v-clerk"}
    far = Filters(max_distance_km=1000)
    assert len(rank_vacancies(WELDER_PERSON, JOBS, TAXONOMY, filters=far)) == 4


def test_distance_filter_needs_the_location_of_the_profile_ranked_for() -> None:
    homeless = CandidateProfile("p", skills={WELD: 1.0})
    with pytest.raises(ValueError, match="max_distance_km needs the location"):
        rank_vacancies(homeless, JOBS, TAXONOMY, filters=Filters(max_distance_km=10))


def test_hours_and_contract_filters_follow_the_candidates_wishes() -> None:
    picky = CandidateProfile.from_occupations(
        "p",
        taxonomy=TAXONOMY,
        occupations=[WELDER],
        hours_wanted=(32, 40),
        contract_types=["permanent"],
    )
    filters = Filters.for_candidate(picky)
    got = {m.vacancy_id for m in rank_vacancies(picky, JOBS, TAXONOMY, filters=filters)}
    # metal: 24 h and temporary; store: no contract type given (unknown passes)
    assert got == {"v-weld", "v-store", "v-clerk"}


def test_min_score_drops_weak_matches() -> None:
    filters = Filters(min_score=0.6)
    matches = rank_vacancies(WELDER_PERSON, JOBS, TAXONOMY, filters=filters)
    assert [m.vacancy_id for m in matches] == ["v-weld"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_distance_km": -1}, "max_distance_km must be >= 0"),
        ({"hours": (40, 20)}, "hours must be a"),
        ({"min_score": 2}, "min_score must lie in"),
    ],
)
def test_filters_reject_nonsense(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Filters(**kwargs)  # type: ignore[arg-type]


PEOPLE = [
    WELDER_PERSON,
    CandidateProfile.from_occupations(
        "p-metal",
        taxonomy=TAXONOMY,
        occupations=[METALWORKER],
        location=AMSTERDAM,
        hours_wanted=(20, 30),
        contract_types=["temporary"],
    ),
    CandidateProfile.from_occupations(
        "p-clerk", taxonomy=TAXONOMY, occupations=[CLERK], location=GRONINGEN
    ),
    CandidateProfile("p-none", skills={"s:juggling": 1.0}),
]


def test_rank_candidates_uses_the_same_score_as_rank_vacancies() -> None:
    vacancy = JOBS[1]
    matches = rank_candidates(vacancy, PEOPLE, TAXONOMY)
    assert [m.candidate_id for m in matches] == ["p-metal", "p1", "p-clerk"]
    for m in matches:
        person = next(p for p in PEOPLE if p.id == m.candidate_id)
        (same,) = [
            x
            for x in rank_vacancies(person, JOBS, TAXONOMY)
            if x.vacancy_id == "v-metal"
        ]
        assert same.score == pytest.approx(m.score)
    assert matches[0].distance_km == 0.0


def test_rank_candidates_filters_on_terms_and_distance() -> None:
    vacancy = JOBS[0]  # Rotterdam, 38 h, permanent
    index = CandidateIndex(PEOPLE, TAXONOMY)
    terms = Filters.for_vacancy(vacancy, max_distance_km=100)
    got = [m.candidate_id for m in rank_candidates(vacancy, index, filters=terms)]
    assert got == ["p1"]  # p-metal wants 20-30 h temporary; p-clerk is too far
    untimed = Filters.for_vacancy(VacancyProfile("v", required=frozenset({SAFETY})))
    assert untimed == Filters()
    all_welders = rank_candidates(vacancy, index, k=1, filters=Filters(hours=(0, 168)))
    assert [m.candidate_id for m in all_welders] == ["p1"]


def test_an_index_brings_its_own_taxonomy() -> None:
    index = VacancyIndex(JOBS, TAXONOMY)
    assert len(index) == 4
    assert rank_vacancies(WELDER_PERSON, index, TAXONOMY)
    with pytest.raises(ValueError, match="taxonomy differs"):
        rank_vacancies(WELDER_PERSON, index, tiny_taxonomy())
    shared = CandidateIndex(PEOPLE, vectoriser=index.vectoriser)
    assert shared.taxonomy is TAXONOMY


def test_profile_ids_must_be_unique_in_an_index() -> None:
    with pytest.raises(
        ValueError, match=r"ids must be unique; duplicated: \['v-weld'\]"
    ):
        VacancyIndex([JOBS[0], JOBS[0]], TAXONOMY)


def test_a_candidate_without_known_skills_matches_nothing() -> None:
    index = VacancyIndex(JOBS, TAXONOMY)
    assert rank_vacancies(CandidateProfile("p"), index) == []
    empty = VacancyProfile("v", optional=frozenset({ENGLISH, EXCEL}))
    assert rank_candidates(empty, [CandidateProfile("p")]) == []
    assert Location(0, 0).distance_km(Location(0, 0)) == 0


def test_min_score_drops_weak_candidates_too() -> None:
    matches = rank_candidates(JOBS[1], PEOPLE, TAXONOMY, filters=Filters(min_score=0.5))
    assert [m.candidate_id for m in matches] == ["p-metal"]


@pytest.mark.parametrize(
    ("home", "work", "expected"),
    [
        # across the antimeridian: 0.2 degrees of longitude on the equator is ~22 km
        (Location(0.0, 179.9), Location(0.0, -179.9), True),
        (Location(0.0, 179.9), Location(0.0, -179.0), False),
        # across the north pole: ~22 km apart on opposite meridians
        (Location(89.9, 0.0), Location(89.9, 180.0), True),
        (Location(89.9, 0.0), Location(88.0, 180.0), False),
    ],
)
def test_distance_filter_is_right_across_the_antimeridian_and_the_poles(
    home: Location, work: Location, expected: bool
) -> None:
    person = CandidateProfile("p", skills={WELD: 1.0}, location=home)
    vacancy = VacancyProfile("v", required=frozenset({WELD}), location=work)
    matches = rank_vacancies(person, [vacancy], filters=Filters(max_distance_km=30))
    assert bool(matches) is expected


@pytest.fixture(scope="module")
def esco(shared_data: Path) -> Taxonomy:
    return Taxonomy.from_esco(shared_data / "esco" / "v1.1.1" / "en")


@pytest.mark.slow
def test_on_real_esco_a_person_ranks_vacancies_of_their_own_occupation_first(
    esco: Taxonomy,
) -> None:
    occupations = sorted(o for o in esco.occupations if esco.essential_skills(o))[:300]
    jobs = [
        VacancyProfile.from_occupation(f"v{i:03d}", o, taxonomy=esco)
        for i, o in enumerate(occupations)
    ]
    index = VacancyIndex(jobs, esco)
    for i in (0, 123, 299):
        person = CandidateProfile.from_occupations(
            "p", taxonomy=esco, occupations=[occupations[i]]
        )
        best = rank_vacancies(person, index, k=5)[0]
        assert best.vacancy_id == f"v{i:03d}"
        expl = best.explanation
        assert not expl.missing_required
        assert expl.reason_nl.startswith("heeft ")
        assert all(m.label != m.uri for m in expl.matched)  # real labels, not URIs


locations = st.builds(
    Location,
    st.floats(min_value=-90, max_value=90),
    st.floats(min_value=-180, max_value=180),
)


@given(
    locations,
    st.lists(st.one_of(st.none(), locations), min_size=1, max_size=12),
    st.floats(min_value=0, max_value=25_000),
)
def test_distance_filter_keeps_exactly_the_vacancies_within_reach(
    home: Location, places: list[Location | None], max_km: float
) -> None:
    person = CandidateProfile("p", skills={WELD: 1.0}, location=home)
    jobs = [
        VacancyProfile(f"v{i:02d}", required=frozenset({WELD}), location=place)
        for i, place in enumerate(places)
    ]
    got = {
        m.vacancy_id
        for m in rank_vacancies(
            person, jobs, k=len(jobs), filters=Filters(max_distance_km=max_km)
        )
    }

    def within(job: VacancyProfile) -> bool:
        return job.location is None or home.distance_km(job.location) <= max_km

    # Rounding may differ right at the boundary; judge only clear cases there.
    clear = [
        j
        for j in jobs
        if j.location is None or abs(home.distance_km(j.location) - max_km) > 1e-6
    ]
    assert {j.id for j in clear if j.id in got} == {j.id for j in clear if within(j)}
