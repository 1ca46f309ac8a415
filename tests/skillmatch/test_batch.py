"""Batch matching, tested from the outside against a dense brute force.

The weights in these tests are small multiples of 1/4. Every dot product is
then exact in float32 whatever the summation order, so the brute force and the
kernel must agree bit for bit, ties included.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

import skillmatch
from skillmatch import BatchResult, TopK, match_vacancy_chunk, top_k_both_ways


def brute_force_top_k(scores: NDArray[np.float64], k: int) -> TopK:
    """Per row: positive scores only, highest first, then the lower column first."""
    rows, cols = scores.shape
    indices = np.full((rows, k), -1, dtype=np.int32)
    best = np.zeros((rows, k), dtype=np.float32)
    for r in range(rows):
        order = sorted(
            (c for c in range(cols) if scores[r, c] > 0),
            key=lambda c: (-scores[r, c], c),
        )[:k]
        indices[r, : len(order)] = order
        best[r, : len(order)] = scores[r, order]
    return TopK(indices=indices, scores=best)


def brute_force(cand: sp.csr_matrix, vac: sp.csr_matrix, k: int) -> BatchResult:
    scores = cand.toarray().astype(np.float64) @ vac.toarray().astype(np.float64).T
    return BatchResult(
        vacancies_per_candidate=brute_force_top_k(scores, k),
        candidates_per_vacancy=brute_force_top_k(scores.T, k),
    )


def quarter_matrix(rng: np.random.Generator, rows: int, cols: int) -> sp.csr_matrix:
    """A random sparse matrix with weights in {0.25, 0.5, ..., 2} (exact sums)."""
    dense = rng.integers(1, 9, size=(rows, cols)) / 4
    dense[rng.random((rows, cols)) < 0.7] = 0
    return sp.csr_matrix(dense.astype(np.float32))


@st.composite
def profile_pair(draw: st.DrawFn) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    skills = draw(st.integers(1, 12))
    n_cand = draw(st.integers(0, 30))
    n_vac = draw(st.integers(0, 30))
    weights = st.sampled_from([0.0, 0.0, 0.0, 0.25, 0.5, 1.0, 2.0])
    cand = draw(
        st.lists(
            st.lists(weights, min_size=skills, max_size=skills),
            min_size=n_cand,
            max_size=n_cand,
        )
    )
    vac = draw(
        st.lists(
            st.lists(weights, min_size=skills, max_size=skills),
            min_size=n_vac,
            max_size=n_vac,
        )
    )
    return (
        sp.csr_matrix(np.array(cand, dtype=np.float32).reshape(n_cand, skills)),
        sp.csr_matrix(np.array(vac, dtype=np.float32).reshape(n_vac, skills)),
    )


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(
    pair=profile_pair(),
    k=st.integers(1, 8),
    chunk_size=st.integers(1, 40),
    n_threads=st.sampled_from([1, 2]),
)
def test_top_k_both_ways_equals_the_dense_brute_force_ties_included(
    pair: tuple[sp.csr_matrix, sp.csr_matrix], k: int, chunk_size: int, n_threads: int
) -> None:
    cand, vac = pair

    result = top_k_both_ways(cand, vac, k, chunk_size=chunk_size, n_threads=n_threads)

    assert result == brute_force(cand, vac, k)


def test_equal_scores_go_to_the_lower_index_in_both_directions() -> None:
    # given three identical vacancies and three identical candidates
    vac = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]))
    cand = sp.csr_matrix(np.array([[0.0, 0.5], [1.0, 1.0], [0.0, 0.5], [0.0, 0.5]]))

    # when
    result = top_k_both_ways(cand, vac, k=2, chunk_size=1)

    # then candidate 0 scores 0.5 on vacancies 1, 2 and 3: the lowest two win
    assert result.vacancies_per_candidate.indices[0].tolist() == [1, 2]
    # and vacancy 1 is liked most by candidate 1, then ties 0, 2, 3 at 0.5
    assert result.candidates_per_vacancy.indices[1].tolist() == [1, 0]
    assert result.candidates_per_vacancy.scores[1].tolist() == [1.0, 0.5]


def test_a_large_k_is_padded_with_minus_one_and_zero() -> None:
    cand = sp.csr_matrix(np.array([[1.0, 1.0]]))
    vac = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 0.5]]))

    result = top_k_both_ways(cand, vac, k=5)

    assert result.vacancies_per_candidate.indices.tolist() == [[0, 1, -1, -1, -1]]
    assert result.vacancies_per_candidate.scores.tolist() == [[1.0, 0.5, 0, 0, 0]]
    assert result.candidates_per_vacancy.indices.tolist() == [[0, -1, -1, -1, -1]] * 2
    assert result.vacancies_per_candidate.counts().tolist() == [2]


def test_profiles_without_skills_and_pairs_without_overlap_are_not_listed() -> None:
    # given a candidate with no skills, and a candidate and vacancy that share none
    cand = sp.csr_matrix(np.array([[0.0, 0.0], [1.0, 0.0]]))
    vac = sp.csr_matrix(np.array([[0.0, 1.0], [0.0, 0.0]]))

    result = top_k_both_ways(cand, vac, k=3)

    assert (result.vacancies_per_candidate.indices == -1).all()
    assert (result.candidates_per_vacancy.indices == -1).all()
    assert (result.vacancies_per_candidate.scores == 0).all()


def test_empty_matrices_give_empty_lists() -> None:
    result = top_k_both_ways(sp.csr_matrix((0, 4)), sp.csr_matrix((3, 4)), k=2)

    assert result.vacancies_per_candidate.indices.shape == (0, 2)
    assert result.candidates_per_vacancy.indices.tolist() == [[-1, -1]] * 3


def test_chunk_size_and_thread_count_do_not_change_the_result() -> None:
    # given realistic float32 weights, where summation order could matter
    rng = np.random.default_rng(7)
    cand = sp.random(400, 60, density=0.1, format="csr", rng=rng, dtype=np.float32)
    vac = sp.random(300, 60, density=0.1, format="csr", rng=rng, dtype=np.float32)

    # when
    results = [
        top_k_both_ways(cand, vac, k=7, chunk_size=size, n_threads=threads)
        for size, threads in [(300, 1), (1, 1), (3, 2), (17, 2), (64, 1), (4096, 2)]
    ]

    # then every run is bit for bit the same
    assert all(result == results[0] for result in results[1:])


def test_float32_results_agree_with_float64_scipy_up_to_near_ties() -> None:
    rng = np.random.default_rng(11)
    cand = sp.random(200, 50, density=0.15, format="csr", rng=rng, dtype=np.float32)
    vac = sp.random(150, 50, density=0.15, format="csr", rng=rng, dtype=np.float32)
    exact = (cand.astype(np.float64) @ vac.astype(np.float64).T).toarray()

    result = top_k_both_ways(cand, vac, k=5)

    top = result.vacancies_per_candidate
    reference = brute_force_top_k(exact, 5)
    np.testing.assert_allclose(top.scores, reference.scores, atol=1e-6)
    listed = np.take_along_axis(exact, np.maximum(top.indices, 0), axis=1)
    np.testing.assert_allclose(
        np.where(top.indices >= 0, listed, 0), reference.scores, atol=1e-6
    )


def test_progress_callback_reports_each_chunk_up_to_the_total() -> None:
    rng = np.random.default_rng(3)
    cand = quarter_matrix(rng, 20, 8)
    vac = quarter_matrix(rng, 25, 8)
    calls: list[tuple[int, int]] = []

    top_k_both_ways(
        cand,
        vac,
        k=3,
        chunk_size=10,
        progress=lambda done, total: calls.append((done, total)),
    )

    assert calls == [(10, 25), (20, 25), (25, 25)]


def test_progress_bar_can_be_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    rng = np.random.default_rng(4)
    cand, vac = quarter_matrix(rng, 5, 4), quarter_matrix(rng, 6, 4)

    result = top_k_both_ways(cand, vac, k=2, chunk_size=2, progress=True)

    assert "6/6" in capsys.readouterr().err
    assert result == brute_force(cand, vac, 2)


def test_chunks_matched_separately_and_merged_equal_the_single_pass() -> None:
    # given a split of the vacancies into three chunks, as Dask workers would get
    rng = np.random.default_rng(5)
    cand, vac = quarter_matrix(rng, 40, 10), quarter_matrix(rng, 35, 10)
    bounds = [0, 12, 20, 35]

    # when each chunk is matched on its own and the candidate lists are merged
    parts = [
        match_vacancy_chunk(cand, vac[a:b], 4, vacancy_offset=a)
        for a, b in itertools.pairwise(bounds)
    ]
    merged = (
        parts[2]
        .vacancies_per_candidate.merge(parts[0].vacancies_per_candidate)
        .merge(parts[1].vacancies_per_candidate)
    )

    # then
    whole = top_k_both_ways(cand, vac, 4)
    assert merged == whole.vacancies_per_candidate
    per_vacancy = np.vstack([p.candidates_per_vacancy.indices for p in parts])
    assert (per_vacancy == whole.candidates_per_vacancy.indices).all()


def test_merge_rejects_lists_of_another_shape() -> None:
    with pytest.raises(ValueError, match="other: shape"):
        TopK.empty(2, 3).merge(TopK.empty(2, 4))


def test_other_sparse_formats_and_dtypes_are_accepted_and_not_changed() -> None:
    # given a csc float64 array, and a csr matrix with duplicate, unsorted entries
    vac = sp.csc_array(np.array([[0.5, 0.0, 1.0], [0.0, 2.0, 0.0]]))
    cand = sp.csr_matrix(
        (
            np.array([0.25, 0.5, 0.25], dtype=np.float32),
            np.array([2, 0, 2]),
            np.array([0, 3]),
        ),
        shape=(1, 3),
    )
    before = cand.indices.copy()

    result = top_k_both_ways(cand, vac, k=2)

    # then the duplicates count once, summed (0.5 * 0.5 + 0.5 * 1.0)
    assert result.vacancies_per_candidate.indices.tolist() == [[0, -1]]
    assert result.vacancies_per_candidate.scores.tolist() == [[0.75, 0.0]]
    assert (cand.indices == before).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"candidates": np.ones((2, 2))}, TypeError, "candidates: expected a scipy"),
        ({"vacancies": sp.csr_matrix((2, 3))}, ValueError, "vacancies: has 3 skill"),
        (
            {"candidates": sp.csr_matrix(-np.ones((1, 2)))},
            ValueError,
            "candidates: weights must be non-negative",
        ),
        (
            {"vacancies": sp.csr_matrix(np.array([[np.nan, 1.0]]))},
            ValueError,
            "vacancies: weights must be finite",
        ),
        (
            {"candidates": sp.csr_matrix(np.array([[1j, 0]]))},
            TypeError,
            "candidates: expected real weights",
        ),
        ({"k": 0}, ValueError, "k: must be at least 1"),
        ({"k": True}, TypeError, "k: expected an int"),
        ({"k": 2.0}, TypeError, "k: expected an int"),
        ({"chunk_size": 0}, ValueError, "chunk_size: must be at least 1"),
        ({"n_threads": 10_000}, ValueError, "n_threads: 10000 exceeds"),
        ({"progress": "yes"}, TypeError, "progress: expected a bool or a callable"),
    ],
)
def test_bad_arguments_are_rejected_with_the_argument_named(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    arguments: dict[str, object] = {
        "candidates": sp.csr_matrix(np.ones((2, 2))),
        "vacancies": sp.csr_matrix(np.ones((2, 2))),
        "k": 2,
    } | kwargs

    with pytest.raises(error, match=message):
        top_k_both_ways(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("offset", "error", "message"),
    [
        (-1, ValueError, "vacancy_offset: must be >= 0"),
        (1.5, TypeError, "vacancy_offset: expected an int"),
        (2**31 - 2, ValueError, "vacancy_offset: vacancy numbers would exceed"),
    ],
)
def test_a_bad_vacancy_offset_is_rejected(
    offset: object, error: type[Exception], message: str
) -> None:
    matrix = sp.csr_matrix(np.ones((2, 2)))

    with pytest.raises(error, match=message):
        match_vacancy_chunk(matrix, matrix, vacancy_offset=offset)  # type: ignore[arg-type]


@pytest.mark.slow
def test_esco_profiles_match_scipy_in_float64_up_to_near_ties(
    shared_data: Path,
) -> None:
    # given profiles drawn from the real ESCO occupation-skill relations
    from bench.synthetic import load_esco_relations, synthetic_profiles

    relations = load_esco_relations(
        shared_data / "esco" / "v1.1.1" / "en" / "occupationSkillRelations.csv"
    )
    cand = synthetic_profiles(relations, 600, seed=1)
    vac = synthetic_profiles(relations, 500, seed=2)
    exact = (cand.astype(np.float64) @ vac.astype(np.float64).T).toarray()

    # when
    result = top_k_both_ways(cand, vac, k=10, chunk_size=128)

    # then every list holds the exact top 10, allowing swaps of near-ties
    for top, scores in [
        (result.vacancies_per_candidate, exact),
        (result.candidates_per_vacancy, exact.T),
    ]:
        reference = brute_force_top_k(scores, 10)
        np.testing.assert_allclose(top.scores, reference.scores, atol=1e-6)
        listed = np.take_along_axis(scores, np.maximum(top.indices, 0), axis=1)
        listed[top.indices < 0] = 0
        np.testing.assert_allclose(listed, reference.scores, atol=1e-6)
        assert ((top.indices >= 0) == (reference.indices >= 0)).all()


def test_int64_indexed_input_gives_the_same_lists() -> None:
    rng = np.random.default_rng(8)
    cand, vac = quarter_matrix(rng, 12, 6), quarter_matrix(rng, 9, 6)
    # csr_array keeps int64 indices (csr_matrix would narrow them on its own)
    wide = sp.csr_array(
        (cand.data, cand.indices.astype(np.int64), cand.indptr.astype(np.int64)),
        shape=cand.shape,
    )
    assert wide.indices.dtype == np.int64

    assert top_k_both_ways(wide, vac, 3) == top_k_both_ways(cand, vac, 3)


def test_a_matrix_beyond_the_int32_range_is_rejected() -> None:
    too_tall = sp.coo_matrix((2**31, 3), dtype=np.float32)

    with pytest.raises(ValueError, match=r"candidates: shape .* exceeds the int32"):
        top_k_both_ways(too_tall, sp.csr_matrix((1, 3)))


def test_top_k_lists_know_their_length_and_compare_by_value() -> None:
    lists = TopK.empty(2, 4)

    assert lists.k == 4
    assert lists == TopK.empty(2, 4)
    assert lists != TopK.empty(2, 3)
    assert lists != "not a list"


def test_the_engine_imports_neither_dask_nor_tqdm_until_asked() -> None:
    # given a fresh interpreter (other tests may have imported them here)
    code = (
        "import sys, skillmatch, skillmatch.batch; "
        "loaded = {'dask', 'distributed', 'tqdm'} & set(sys.modules); "
        "print(sorted(loaded))"
    )

    src = str(Path(skillmatch.__file__).resolve().parents[1])
    completed = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": src},
    )

    assert completed.stdout.strip() == "[]"
