"""Explanations: matched and missing skills, breakdown, reasons in English and Dutch."""

from __future__ import annotations

import pytest
from hypothesis import given

from skillmatch.explain import Explanation, explain
from skillmatch.profiles import CandidateProfile, VacancyProfile
from skillmatch.scoring import ProfileVectoriser, score_pair
from tests.skillmatch.test_profiles import (
    CUT,
    ENGLISH,
    EXCEL,
    FORKLIFT,
    METAL,
    SAFETY,
    TAXONOMY,
    WELD,
    WELDER,
)
from tests.skillmatch.test_scoring import candidates, vacancies

VEC = ProfileVectoriser(TAXONOMY)


def explained(
    candidate: CandidateProfile, vacancy: VacancyProfile
) -> tuple[float, Explanation]:
    score, credits = score_pair(candidate, vacancy, VEC)
    return score, explain(credits, TAXONOMY)


@given(candidates, vacancies())
def test_matched_and_missing_required_skills_make_up_the_required_skills(
    candidate: CandidateProfile, vacancy: VacancyProfile
) -> None:
    score, credits = score_pair(candidate, vacancy, VEC)
    expl = explain(credits, TAXONOMY)
    matched = {m.uri for m in expl.matched_required}
    missing = {s.uri for s in expl.missing_required}
    assert matched | missing == vacancy.required
    assert not matched & missing
    optional = {m.uri for m in expl.matched if not m.is_required}
    assert optional | {s.uri for s in expl.missing_optional} == vacancy.optional
    assert expl.breakdown.total == pytest.approx(score, abs=1e-12)


def test_the_reason_counts_required_skills_and_names_the_gap_in_both_languages() -> (
    None
):
    job = VacancyProfile.from_occupation("v", WELDER, taxonomy=TAXONOMY)
    person = CandidateProfile("c", skills={WELD: 1.0, ENGLISH: 0.5})
    _, credits = score_pair(person, job, VEC)
    expl = explain(credits, TAXONOMY)
    assert expl.reason_en == (
        "has 1 of 2 required skills and 1 of 2 optional skills; missing: workplace safety"
    )
    assert expl.reason("nl") == (
        "heeft 1 van de 2 vereiste vaardigheden en 1 van de 2 optionele "
        "vaardigheden; ontbreekt: workplace safety"
    )
    assert expl.reason() == expl.reason_en
    assert [s.label for s in expl.missing_optional] == ["forklift"]
    assert [(m.label, m.is_exact) for m in expl.matched] == [
        ("welding", True),
        ("English", True),
    ]


def test_related_skills_are_shown_with_the_skill_that_earned_the_credit() -> None:
    job = VacancyProfile("v", required=frozenset({METAL, SAFETY}))
    _, credits = score_pair(CandidateProfile("c", skills={CUT: 1.0}), job, VEC)
    expl = explain(credits, TAXONOMY)
    (match,) = expl.matched
    assert (match.label, match.via_label, match.is_exact) == (
        "metalworking",
        "cutting metal",
        False,
    )
    assert expl.breakdown.required_exact == 0
    assert expl.breakdown.required_related == pytest.approx(expl.breakdown.total)


def test_singular_nouns_and_long_gaps_read_naturally() -> None:
    one = VacancyProfile("v", required=frozenset({WELD}), optional=frozenset({EXCEL}))
    _, expl = explained(CandidateProfile("c", skills={EXCEL: 1.0}), one)
    assert expl.reason_en == (
        "has 0 of 1 required skill and 1 of 1 optional skill; missing: welding"
    )
    assert expl.reason_nl.startswith(
        "heeft 0 van de 1 vereiste vaardigheid en 1 van de 1 optionele vaardigheid"
    )
    many = VacancyProfile(
        "v", required=frozenset({WELD, SAFETY, FORKLIFT, ENGLISH, EXCEL})
    )
    _, expl = explained(CandidateProfile("c", skills={}), many)
    assert expl.reason_en.endswith("missing: English, forklift, spreadsheets (+2)")


def test_vacancies_with_only_optional_or_no_skills_get_a_sensible_reason() -> None:
    optional_only = VacancyProfile("v", optional=frozenset({EXCEL}))
    _, expl = explained(CandidateProfile("c", skills={EXCEL: 1.0}), optional_only)
    assert expl.reason_en == "has 1 of 1 optional skill"
    assert expl.reason_nl == "heeft 1 van de 1 optionele vaardigheid"
    _, expl = explained(CandidateProfile("c"), VacancyProfile("v"))
    assert expl.reason_en == "the vacancy lists no skills"
    assert expl.reason_nl == "de vacature noemt geen vaardigheden"


def test_without_a_taxonomy_skills_are_named_by_uri() -> None:
    _, credits = score_pair(
        CandidateProfile("c"), VacancyProfile("v", required=frozenset({WELD})), VEC
    )
    assert explain(credits).missing_required[0].label == WELD


def test_only_english_and_dutch_reasons_exist() -> None:
    _, expl = explained(CandidateProfile("c"), VacancyProfile("v"))
    with pytest.raises(ValueError, match="language must be 'en' or 'nl', not 'de'"):
        expl.reason("de")
