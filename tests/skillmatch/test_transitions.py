"""Career transitions: which occupations are within reach, and what is missing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from skillmatch.cli import main
from skillmatch.profiles import CandidateProfile
from skillmatch.taxonomy import Occupation, Taxonomy
from skillmatch.transitions import (
    TransitionModel,
    TransitionWeights,
    transitions_jsonl,
)
from tests.skillmatch.test_profiles import (
    CLERK,
    CUT,
    ENGLISH,
    EXCEL,
    FORKLIFT,
    METAL,
    METALWORKER,
    SAFETY,
    TAXONOMY,
    WAREHOUSE,
    WELD,
    WELDER,
)

MODEL = TransitionModel(TAXONOMY)


def test_a_welder_is_closest_to_jobs_sharing_skills_and_never_to_itself() -> None:
    found = MODEL.transitions(WELDER, k=3)
    assert [t.uri for t in found] == [WAREHOUSE, METALWORKER, CLERK]
    assert WELDER not in {t.uri for t in found}
    assert found[1].label == "metalworker"
    assert all(0 < t.score <= 1 for t in found)
    assert [t.score for t in found] == sorted((t.score for t in found), reverse=True)


def test_shared_and_gap_split_the_targets_skills_with_essential_gaps_first() -> None:
    metal = next(t for t in MODEL.transitions(WELDER) if t.uri == METALWORKER)
    assert set(metal.shared) == {SAFETY, ENGLISH}
    assert metal.gap == (METAL, CUT)
    store = next(t for t in MODEL.transitions(WELDER) if t.uri == WAREHOUSE)
    assert store.gap == (EXCEL,)  # forklift is optional for a welder but held
    clerk = next(t for t in MODEL.transitions(METALWORKER) if t.uri == CLERK)
    assert clerk.gap == (EXCEL,) and clerk.shared == (ENGLISH,)


def test_regional_demand_reorders_transitions() -> None:
    boosted = MODEL.transitions(WELDER, k=1, demand={CLERK: 10.0, "o:elsewhere": 2.0})
    assert boosted[0].uri == CLERK
    zeroed = MODEL.transitions(
        WELDER, demand=dict.fromkeys([METALWORKER, WAREHOUSE], 0.0)
    )
    assert [t.uri for t in zeroed] == [CLERK]
    with pytest.raises(
        ValueError, match=r"demand\['o:clerk'\] must be a finite number"
    ):
        MODEL.transitions(WELDER, demand={CLERK: -1.0})


def test_excluded_occupations_are_not_suggested() -> None:
    found = MODEL.transitions(WELDER, exclude=[METALWORKER, "o:elsewhere"])
    assert METALWORKER not in {t.uri for t in found}


def test_a_candidate_gets_transitions_from_their_skills_alone() -> None:
    person = CandidateProfile("p", skills={FORKLIFT: 1.0, SAFETY: 1.0})
    found = MODEL.transitions(person, k=2)
    assert found[0].uri == WAREHOUSE
    assert set(found[0].shared) == {FORKLIFT, SAFETY}
    assert MODEL.transitions(CandidateProfile("p")) == []
    assert MODEL.transitions(CandidateProfile("p", skills={"s:unknown": 1.0})) == []


def test_bad_queries_are_rejected_by_name() -> None:
    with pytest.raises(ValueError, match="source: unknown occupation URI 'o:nope'"):
        MODEL.transitions("o:nope")
    with pytest.raises(ValueError, match="k must be at least 1"):
        MODEL.transitions(WELDER, k=0)


@pytest.mark.parametrize("name", ["skills", "optional_weight"])
def test_weights_must_be_non_negative(name: str) -> None:
    with pytest.raises(ValueError, match=f"{name} must be a finite number >= 0"):
        TransitionWeights(**{name: -1.0})


def test_at_least_one_signal_must_count() -> None:
    with pytest.raises(ValueError, match="at least one signal weight must be positive"):
        TransitionWeights(skills=0, titles=0, isco=0, family=0, breadth=0)


def test_the_occupation_hierarchy_links_parents_children_and_siblings() -> None:
    parent, child, sibling, loner = "o:parent", "o:child", "o:sibling", "o:loner"
    taxonomy = Taxonomy.from_rows(
        occupations=[
            Occupation(parent, "machine operator", isco_group="8100"),
            Occupation(child, "press operator"),
            Occupation(sibling, "lathe operator"),
            Occupation(loner, "baker"),
        ],
        occupation_broader=[
            (child, parent),
            (sibling, parent),
            (parent, "http://data.europa.eu/esco/isco/C8100"),
            # a cycle must not hang the depth computation
            (loner, loner),
        ],
    )
    model = TransitionModel(
        taxonomy, TransitionWeights(skills=0, family=1, breadth=0, titles=0, isco=0)
    )
    assert {t.uri for t in model.transitions(child)} == {parent, sibling}
    assert {t.uri for t in model.transitions(parent)} == {child, sibling}
    signals = model.signals(child)
    assert signals["breadth"].tolist() == [0.5, 1.0, 1.0, 0.5]  # sorted URIs


def test_jsonl_output_has_one_line_per_source_and_reports_unknown_uris() -> None:
    lines = list(transitions_jsonl(MODEL, [WELDER + "\n", "\n", "o:nope\n"], k=2))
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["source"] == WELDER
    assert [o["uri"] for o in first["occupations"]] == [WAREHOUSE, METALWORKER]
    assert set(first["occupations"][0]) == {"uri", "label", "score", "shared", "gap"}
    assert json.loads(lines[1]) == {
        "source": "o:nope",
        "error": "unknown occupation URI: o:nope",
    }


@pytest.fixture(scope="session")
def esco_model(shared_data: Path) -> TransitionModel:
    return TransitionModel(Taxonomy.from_esco(shared_data / "esco" / "v1.1.1" / "en"))


@pytest.mark.slow
def test_on_real_esco_an_advertising_manager_can_move_into_public_relations(
    esco_model: TransitionModel,
) -> None:
    advertising_manager = (
        "http://data.europa.eu/esco/occupation/4ebf2dae-c326-4627-befe-fbc91410f432"
    )
    found = esco_model.transitions(advertising_manager, k=10)
    labels = [t.label for t in found]
    assert len(found) == 10
    assert "public relations manager" in labels
    assert all(t.gap or t.shared for t in found)
    assert WELD not in esco_model.taxonomy.skills  # real URIs, not the tiny ones


def _run_cli(argv: list[str], stdin: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.slow
def test_the_cli_command_streams_json_lines_and_survives_unknown_uris(
    shared_data: Path,
) -> None:
    folder = str(shared_data / "esco" / "v1.1.1" / "en")
    source = (
        "http://data.europa.eu/esco/occupation/4ebf2dae-c326-4627-befe-fbc91410f432"
    )
    status, out, _ = _run_cli(
        ["transitions", "--taxonomy", folder, "--no-cache", "-k", "3"],
        f"{source}\nnot-a-uri\n\n",
    )
    first, second = (json.loads(line) for line in out.splitlines())
    assert status == 0
    assert first["source"] == source
    assert len(first["occupations"]) == 3
    assert second == {
        "source": "not-a-uri",
        "error": "unknown occupation URI: not-a-uri",
    }


def test_the_cli_command_needs_a_folder_with_occupations(tmp_path: Path) -> None:
    (tmp_path / "skills_en.csv").write_text(
        "conceptType,conceptUri,skillType,reuseLevel,preferredLabel\n", encoding="utf-8"
    )
    argv = ["transitions", "--taxonomy", str(tmp_path), "--no-cache"]
    status, out, err = _run_cli(argv, "")
    assert status == 2
    assert out == ""
    assert "no occupations found in" in err
