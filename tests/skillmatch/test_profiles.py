"""CandidateProfile and VacancyProfile: construction from occupations, validation."""

from __future__ import annotations

import math

import pytest

from skillmatch.profiles import (
    ASSESSED_WEIGHT,
    DECLARED_WEIGHT,
    ESSENTIAL_WEIGHT,
    OPTIONAL_WEIGHT,
    CandidateProfile,
    Location,
    VacancyProfile,
    haversine_km,
)
from skillmatch.taxonomy import Occupation, Skill, Taxonomy

WELD = "s:weld"
METAL = "s:metal"
CUT = "s:cut"
SAFETY = "s:safety"
FORKLIFT = "s:forklift"
ENGLISH = "s:english"
EXCEL = "s:excel"
GROUP = "g:engineering"

WELDER = "o:welder"
METALWORKER = "o:metalworker"
WAREHOUSE = "o:warehouse"
CLERK = "o:clerk"

AMSTERDAM = Location(52.3676, 4.9041)
ROTTERDAM = Location(51.9244, 4.4777)
GRONINGEN = Location(53.2194, 6.5665)


def tiny_taxonomy() -> Taxonomy:
    """Four occupations and seven skills; metalworking is broader than welding and
    cutting, and both sit under a skill group."""
    skills = [
        Skill(WELD, "welding"),
        Skill(METAL, "metalworking"),
        Skill(CUT, "cutting metal"),
        Skill(SAFETY, "workplace safety"),
        Skill(FORKLIFT, "forklift"),
        Skill(ENGLISH, "English"),
        Skill(EXCEL, "spreadsheets"),
    ]
    return Taxonomy.from_rows(
        occupations=[
            Occupation(WELDER, "welder", isco_group="7212"),
            Occupation(METALWORKER, "metalworker", isco_group="7211"),
            Occupation(WAREHOUSE, "warehouse worker", isco_group="9333"),
            Occupation(CLERK, "office clerk", isco_group="4110"),
        ],
        skills=skills,
        skill_groups=[Skill(GROUP, "engineering skills")],
        relations=[
            (WELDER, WELD, "essential"),
            (WELDER, SAFETY, "essential"),
            (WELDER, ENGLISH, "optional"),
            (WELDER, FORKLIFT, "optional"),
            (METALWORKER, METAL, "essential"),
            (METALWORKER, CUT, "essential"),
            (METALWORKER, SAFETY, "essential"),
            (METALWORKER, ENGLISH, "optional"),
            (WAREHOUSE, FORKLIFT, "essential"),
            (WAREHOUSE, SAFETY, "essential"),
            (WAREHOUSE, EXCEL, "optional"),
            (WAREHOUSE, ENGLISH, "optional"),
            (CLERK, EXCEL, "essential"),
            (CLERK, ENGLISH, "essential"),
        ],
        skill_broader=[(WELD, METAL), (CUT, METAL), (METAL, GROUP)],
        occupation_broader=[(METALWORKER, "http://data.europa.eu/esco/isco/C7211")],
    )


TAXONOMY = tiny_taxonomy()


def test_candidate_from_occupations_weighs_essential_skills_above_optional_ones() -> (
    None
):
    person = CandidateProfile.from_occupations(
        "p1", taxonomy=TAXONOMY, occupations=[WELDER]
    )
    assert person.skills == {
        WELD: ESSENTIAL_WEIGHT,
        SAFETY: ESSENTIAL_WEIGHT,
        ENGLISH: OPTIONAL_WEIGHT,
        FORKLIFT: OPTIONAL_WEIGHT,
    }


def test_assessed_skills_outweigh_declared_ones_and_the_highest_weight_wins() -> None:
    person = CandidateProfile.from_occupations(
        "p1",
        taxonomy=TAXONOMY,
        occupations=[WELDER, WAREHOUSE],
        declared=[EXCEL, WELD],
        assessed=[FORKLIFT],
    )
    assert person.skills[FORKLIFT] == ASSESSED_WEIGHT
    assert person.skills[EXCEL] == DECLARED_WEIGHT
    assert person.skills[WELD] == ESSENTIAL_WEIGHT  # essential beats declared
    assert ASSESSED_WEIGHT > ESSENTIAL_WEIGHT > DECLARED_WEIGHT > OPTIONAL_WEIGHT


def test_candidate_keeps_practical_wishes() -> None:
    person = CandidateProfile.from_occupations(
        "p1",
        taxonomy=TAXONOMY,
        region="Rijnmond",
        location=ROTTERDAM,
        hours_wanted=(24, 32),
        contract_types=["permanent"],
    )
    assert person.skills == {}
    assert person.region == "Rijnmond"
    assert person.location == ROTTERDAM
    assert person.hours_wanted == (24, 32)
    assert person.contract_types == frozenset({"permanent"})


def test_candidate_from_an_unknown_occupation_is_rejected_by_name() -> None:
    with pytest.raises(
        ValueError, match=r"occupations: unknown occupation URI 'o:nope'"
    ):
        CandidateProfile.from_occupations(
            "p1", taxonomy=TAXONOMY, occupations=["o:nope"]
        )


@pytest.mark.parametrize("bad_id", ["", "   "])
def test_a_profile_needs_an_id(bad_id: str) -> None:
    with pytest.raises(ValueError, match="id must be a non-empty string"):
        CandidateProfile(bad_id)
    with pytest.raises(ValueError, match="id must be a non-empty string"):
        VacancyProfile(bad_id)


@pytest.mark.parametrize("weight", [0.0, -0.1, 1.01, math.nan])
def test_skill_weights_must_lie_in_the_half_open_unit_interval(weight: float) -> None:
    with pytest.raises(
        ValueError, match=r"skills\['s:weld'\] must be a weight in \(0, 1\]"
    ):
        CandidateProfile("p1", skills={WELD: weight})


def test_a_skill_uri_cannot_be_empty() -> None:
    with pytest.raises(ValueError, match="skills key must be a non-empty string"):
        CandidateProfile("p1", skills={"": 0.5})
    with pytest.raises(ValueError, match="skill URI must be a non-empty string"):
        VacancyProfile("v1", required=frozenset({""}))


def test_candidate_skills_cannot_be_changed_after_construction() -> None:
    source = {WELD: 0.5}
    person = CandidateProfile("p1", skills=source)
    source[WELD] = 1.0
    assert person.skills[WELD] == 0.5
    with pytest.raises(TypeError):
        person.skills[WELD] = 1.0  # type: ignore[index]


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ((-1, 10), "hours_wanted minimum must be between 0 and 168"),
        ((10, 200), "hours_wanted maximum must be between 0 and 168"),
        ((32, 24), "hours_wanted minimum 32 exceeds maximum 24"),
    ],
)
def test_wanted_hours_must_be_a_sensible_range(
    hours: tuple[float, float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        CandidateProfile("p1", hours_wanted=hours)


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [(91.0, 0.0, "latitude"), (0.0, -181.0, "longitude"), (math.inf, 0.0, "latitude")],
)
def test_locations_must_be_on_earth(lat: float, lon: float, field: str) -> None:
    with pytest.raises(ValueError, match=f"{field} must lie in"):
        Location(lat, lon)


def test_haversine_distance_between_amsterdam_and_rotterdam_is_about_57_km() -> None:
    assert AMSTERDAM.distance_km(ROTTERDAM) == pytest.approx(57.3, abs=0.5)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)
    assert AMSTERDAM.distance_km(AMSTERDAM) == 0.0


def test_vacancy_from_occupation_takes_its_skills_and_adds_listed_ones() -> None:
    job = VacancyProfile.from_occupation(
        "v1",
        WELDER,
        taxonomy=TAXONOMY,
        required=[FORKLIFT],
        optional=[EXCEL, WELD],
        region="Rijnmond",
        location=ROTTERDAM,
        hours=36,
        contract_type="temporary",
    )
    assert job.required == {WELD, SAFETY, FORKLIFT}
    assert job.optional == {ENGLISH, EXCEL}  # listed-required and essential win
    assert job.skills == {WELD, SAFETY, FORKLIFT, ENGLISH, EXCEL}
    assert (job.occupation, job.hours, job.contract_type) == (WELDER, 36, "temporary")


def test_vacancy_from_an_unknown_occupation_is_rejected_by_name() -> None:
    with pytest.raises(
        ValueError, match=r"occupation: unknown occupation URI 'o:nope'"
    ):
        VacancyProfile.from_occupation("v1", "o:nope", taxonomy=TAXONOMY)


def test_a_skill_cannot_be_both_required_and_optional() -> None:
    with pytest.raises(ValueError, match="both required and optional"):
        VacancyProfile("v1", required=frozenset({WELD}), optional=frozenset({WELD}))


def test_vacancy_hours_must_lie_within_a_week() -> None:
    with pytest.raises(ValueError, match="hours must be between 0 and 168"):
        VacancyProfile("v1", hours=169)
