"""National-scale batch matching: the exact top-k in both directions, in one pass.

Give it two sparse matrices built by the same vectoriser (for example
:class:`skillmatch.scoring.ProfileVectoriser`): ``candidates`` (one row per
candidate) and ``vacancies`` (one row per vacancy), both with one column per
skill and non-negative weights. The coarse score of a pair is the dot product
of their rows, ``candidates @ vacancies.T``. :func:`top_k_both_ways` returns

* for every candidate, the k vacancies with the highest scores, and
* for every vacancy, the k candidates with the highest scores,

computed exactly and never as a full score matrix. The vacancies are streamed
in chunks, so memory stays bounded: each chunk is scored against every
candidate by a parallel numba kernel, which keeps only the pairs that can
still enter a top-k list (see :mod:`skillmatch._kernels`).

Order and ties. Each list is sorted by score, highest first. Equal scores go
to the lower index first. Pairs with score 0 (no shared skill) are never listed,
so a list with fewer than k positive pairs is padded with index ``-1`` and
score ``0.0``. The result depends only on the inputs, not on ``chunk_size``,
the number of threads or their timing.

Precision. Scores are accumulated in float32, skill by skill, in the order of
the candidate's columns. Another exact method (scipy's ``C @ V.T``, or float64)
sums in another order and can differ in the last bits (about 1e-7 on scores in
[0, 1]). Two pairs closer than that can therefore swap places. "Identical to
the exact computation" means this: position by position, the listed scores
agree within 1e-6, and where an index differs, the two pairs' exact scores are
within 1e-6 of each other (a near-tie). The benchmark ``bench/bench_batch.py``
checks exactly this against scipy in float64.

Example::

    result = top_k_both_ways(candidates, vacancies, k=10, progress=True)
    best = result.vacancies_per_candidate.indices[42]   # vacancy rows, -1 = none
    why = result.vacancies_per_candidate.scores[42]

For more than one machine, :mod:`skillmatch.distributed` runs
:func:`match_vacancy_chunk` on Dask and merges the chunks with
:meth:`TopK.merge`, with the same results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numba
import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from skillmatch import _kernels

__all__ = [
    "BatchResult",
    "ProgressCallback",
    "TopK",
    "as_profile_matrix",
    "match_vacancy_chunk",
    "top_k_both_ways",
]

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(vacancies_done, vacancies_total)`` after each chunk."""

DEFAULT_CHUNK_SIZE = 4096
"""Vacancies per chunk: the accumulator and thresholds stay in a core's cache."""

_BLOCK_ROWS = 256  # candidate rows per unit of parallel work
_MAX_ROWS = np.iinfo(np.int32).max  # indices are returned as int32


@dataclass(frozen=True, eq=False)
class TopK:
    """The best k partners of each row, one sorted list per row.

    ``indices[r]`` holds the partners of row ``r`` (rows of the other matrix),
    best first. ``scores[r]`` holds their scores. Both have shape ``(rows, k)``.
    An unused slot has index ``-1`` and score ``0.0``, and unused slots come last.
    The order is score descending, then index ascending.
    """

    indices: NDArray[np.int32]
    scores: NDArray[np.float32]

    @classmethod
    def empty(cls, rows: int, k: int) -> TopK:
        """A list of ``rows`` rows with ``k`` unused slots each."""
        return cls(
            indices=np.full((rows, k), -1, dtype=np.int32),
            scores=np.zeros((rows, k), dtype=np.float32),
        )

    @property
    def k(self) -> int:
        """The number of slots per row."""
        return int(self.indices.shape[1])

    def counts(self) -> NDArray[np.intp]:
        """How many slots of each row are used (pairs with a positive score)."""
        return np.asarray(np.count_nonzero(self.indices >= 0, axis=1), dtype=np.intp)

    def merge(self, other: TopK) -> TopK:
        """The exact top-k of the union of two lists over disjoint partner sets.

        Use it to combine the results for separate vacancy chunks of the same
        candidates. Both lists must have the same shape. The result is a new
        list, and neither input is changed. Merging is associative and
        commutative, so chunks may be merged in any order.
        """
        if self.indices.shape != other.indices.shape:
            raise ValueError(
                f"other: shape {other.indices.shape} differs from {self.indices.shape}"
            )
        scores = self.scores.copy()
        indices = self.indices.copy()
        _kernels.merge_lists(scores, indices, other.scores, other.indices)
        return TopK(indices=indices, scores=scores)

    def __eq__(self, other: object) -> bool:
        """Two lists are equal when all their indices and scores are equal."""
        if not isinstance(other, TopK):
            return NotImplemented
        return bool(
            np.array_equal(self.indices, other.indices)
            and np.array_equal(self.scores, other.scores)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable arrays inside


@dataclass(frozen=True, eq=True)
class BatchResult:
    """The outcome of a batch: the top-k lists in both directions.

    ``vacancies_per_candidate`` has one row per candidate, and its indices are
    vacancy rows. ``candidates_per_vacancy`` has one row per vacancy, and its
    indices are candidate rows. See :class:`TopK` for the layout.
    """

    vacancies_per_candidate: TopK
    candidates_per_vacancy: TopK


def top_k_both_ways(
    candidates: Any,
    vacancies: Any,
    k: int = 10,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool | ProgressCallback | None = None,
    n_threads: int | None = None,
) -> BatchResult:
    """Exact top-k vacancies per candidate and top-k candidates per vacancy.

    Args:
        candidates: A scipy sparse matrix (or array), one row per candidate,
            one column per skill, with finite non-negative weights.
        vacancies: The same for vacancies. It must have as many columns as
            ``candidates``.
        k: List length in both directions (at least 1). A ``k`` larger than the
            number of partners is allowed, and the extra slots stay unused.
        chunk_size: Vacancies scored per pass over the candidates. It bounds
            the working memory (about ``chunk_size * threads * (k + 2) * 8``
            bytes) and does not change the result.
        progress: ``True`` shows a tqdm bar. A callable is called as
            ``progress(vacancies_done, vacancies_total)`` after each chunk.
            ``None`` or ``False`` reports nothing.
        n_threads: Threads for the kernel. The default is numba's current
            setting (all cores, or ``NUMBA_NUM_THREADS``).

    Returns:
        A :class:`BatchResult` with a ``(n_candidates, k)`` list and a
        ``(n_vacancies, k)`` list.

    Raises:
        TypeError: An argument has the wrong type (the message names it).
        ValueError: An argument has a bad value, for example negative weights,
            mismatched column counts or ``k < 1`` (the message names it).
    """
    _check_positive_int(k, "k")
    _check_positive_int(chunk_size, "chunk_size")
    threads = _resolve_threads(n_threads)
    cand = as_profile_matrix(candidates, "candidates")
    vac = as_profile_matrix(vacancies, "vacancies")
    _check_same_skills(cand, vac)
    n_cand, n_vac = cand.shape[0], vac.shape[0]

    per_candidate = TopK.empty(n_cand, k)
    per_vacancy = TopK.empty(n_vac, k)
    # The thresholds carry over between chunks, so later chunks prune harder.
    thresholds = np.full(n_cand, _kernels.TINY, dtype=np.float32)
    report = _progress_reporter(progress, n_vac)
    try:
        with _numba_threads(threads):
            for start in range(0, n_vac, chunk_size):
                stop = min(start + chunk_size, n_vac)
                _score_chunk(
                    cand,
                    vac[start:stop],
                    vacancy_offset=start,
                    per_candidate=per_candidate,
                    thresholds=thresholds,
                    per_vacancy=TopK(
                        indices=per_vacancy.indices[start:stop],
                        scores=per_vacancy.scores[start:stop],
                    ),
                    n_threads=threads,
                )
                report(stop, n_vac)
    finally:
        report.close()
    return BatchResult(
        vacancies_per_candidate=per_candidate, candidates_per_vacancy=per_vacancy
    )


def match_vacancy_chunk(
    candidates: Any,
    vacancies: Any,
    k: int = 10,
    *,
    vacancy_offset: int = 0,
    n_threads: int = 1,
) -> BatchResult:
    """Score every candidate against one chunk of vacancies (a unit of work).

    ``vacancies`` holds the rows numbered ``vacancy_offset`` and up in the full
    vacancy matrix. In the result, ``candidates_per_vacancy`` has one row per
    vacancy of the chunk and is complete, because the chunk met every
    candidate. ``vacancies_per_candidate`` covers this chunk only, with the
    full matrix's vacancy numbers. Merge such lists from all chunks with
    :meth:`TopK.merge` to get :func:`top_k_both_ways`'s result. The default of
    one thread suits a worker that runs one task per core.

    Raises ``TypeError``/``ValueError`` naming the argument, as
    :func:`top_k_both_ways` does, and for a negative ``vacancy_offset``.
    """
    _check_positive_int(k, "k")
    if isinstance(vacancy_offset, bool) or not isinstance(vacancy_offset, int):
        raise TypeError(
            f"vacancy_offset: expected an int, got {type(vacancy_offset).__name__}"
        )
    if vacancy_offset < 0:
        raise ValueError(f"vacancy_offset: must be >= 0, got {vacancy_offset}")
    threads = _resolve_threads(n_threads)
    cand = as_profile_matrix(candidates, "candidates")
    vac = as_profile_matrix(vacancies, "vacancies")
    _check_same_skills(cand, vac)
    if vacancy_offset + vac.shape[0] > _MAX_ROWS:
        raise ValueError("vacancy_offset: vacancy numbers would exceed int32")
    per_candidate = TopK.empty(cand.shape[0], k)
    per_vacancy = TopK.empty(vac.shape[0], k)
    with _numba_threads(threads):
        _score_chunk(
            cand,
            vac,
            vacancy_offset=vacancy_offset,
            per_candidate=per_candidate,
            thresholds=np.full(cand.shape[0], _kernels.TINY, dtype=np.float32),
            per_vacancy=per_vacancy,
            n_threads=threads,
        )
    return BatchResult(
        vacancies_per_candidate=per_candidate, candidates_per_vacancy=per_vacancy
    )


def as_profile_matrix(matrix: Any, name: str = "profiles") -> sp.csr_matrix:
    """Check a profile matrix and return it in the form the kernels take.

    That form is float32 CSR with int32 ``indices``, sorted and without
    duplicates (duplicates are summed). A matrix already in that
    form is returned without copying, so converting once up front (for example
    before sending it to a cluster) saves work on every later call. The
    caller's matrix is never changed.

    Raises ``TypeError`` or ``ValueError`` that start with ``name``. The matrix
    must be scipy sparse, with real, finite, non-negative weights, and each
    side must fit in int32.
    """
    if not sp.issparse(matrix):
        raise TypeError(
            f"{name}: expected a scipy sparse matrix, got {type(matrix).__name__}"
        )
    if matrix.ndim != 2:  # pragma: no cover - scipy sparse is 2-D unless coo_array
        raise ValueError(f"{name}: expected 2 dimensions, got {matrix.ndim}")
    rows, cols = matrix.shape
    if rows > _MAX_ROWS or cols > _MAX_ROWS:
        raise ValueError(f"{name}: shape {matrix.shape} exceeds the int32 range")
    if not np.issubdtype(matrix.dtype, np.number) or np.issubdtype(
        matrix.dtype, np.complexfloating
    ):
        raise TypeError(f"{name}: expected real weights, got dtype {matrix.dtype}")
    csr = sp.csr_matrix(matrix, dtype=np.float32, copy=False)
    if not csr.has_canonical_format:
        csr = csr.copy()  # never sort or sum the caller's arrays in place
        csr.sum_duplicates()  # also sorts the indices
    data = csr.data
    if data.size and not np.isfinite(data).all():
        raise ValueError(f"{name}: weights must be finite (found NaN or infinity)")
    if data.size and data.min() < 0:
        raise ValueError(f"{name}: weights must be non-negative")
    if csr.indices.dtype != np.int32:
        csr = sp.csr_matrix(
            (data, csr.indices.astype(np.int32), csr.indptr),
            shape=csr.shape,
            copy=False,
        )
    return csr


# -- internals -------------------------------------------------------------------


def _score_chunk(
    cand: sp.csr_matrix,
    chunk: sp.csr_matrix,
    *,
    vacancy_offset: int,
    per_candidate: TopK,
    thresholds: NDArray[np.float32],
    per_vacancy: TopK,
    n_threads: int,
) -> None:
    """Run the kernel on one chunk, updating the lists and thresholds in place."""
    if cand.shape[0] == 0 or chunk.shape[0] == 0:
        return
    by_skill = chunk.tocsc()
    # One fixed set of dtypes, so the kernels compile (and cache) once; the
    # unsigned views are for the kernels' hot loops (see _kernels).
    c_indptr = cand.indptr.astype(np.int64, copy=False)
    c_indices = cand.indices.view(np.uint32)
    v_indptr = by_skill.indptr.astype(np.uint64)
    v_indices = by_skill.indices.astype(np.uint32)
    arrays = (
        c_indptr,
        c_indices,
        cand.data,
        v_indptr,
        v_indices,
        by_skill.data,
        vacancy_offset,
        per_candidate.scores,
        per_candidate.indices,
        thresholds,
        per_vacancy.scores,
        per_vacancy.indices,
    )
    if n_threads == 1:
        # No threading layer at all: safe inside any host's worker threads.
        _kernels.score_chunk_serial(*arrays)
    else:
        _kernels.score_chunk(*arrays, _BLOCK_ROWS, n_threads)


def _check_same_skills(cand: sp.csr_matrix, vac: sp.csr_matrix) -> None:
    if cand.shape[1] != vac.shape[1]:
        raise ValueError(
            f"vacancies: has {vac.shape[1]} skill columns, "
            f"candidates has {cand.shape[1]}; build both with the same vectoriser"
        )


def _check_positive_int(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name}: expected an int, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name}: must be at least 1, got {value}")


def _resolve_threads(n_threads: int | None) -> int:
    if n_threads is None:
        return int(numba.get_num_threads())
    _check_positive_int(n_threads, "n_threads")
    available = int(numba.config.NUMBA_NUM_THREADS)  # type: ignore[attr-defined]
    if n_threads > available:
        raise ValueError(
            f"n_threads: {n_threads} exceeds the {available} threads numba may use "
            "(NUMBA_NUM_THREADS)"
        )
    return int(n_threads)


@contextmanager
def _numba_threads(n_threads: int) -> Iterator[None]:
    """Set numba's thread count for the block (a per-thread setting) and restore it."""
    if n_threads == 1:
        yield  # the serial kernel does not use the threading layer
        return
    before = numba.get_num_threads()
    numba.set_num_threads(n_threads)
    try:
        yield
    finally:
        numba.set_num_threads(before)


class _Reporter:
    """Forwards progress to a callback or a tqdm bar, or drops it."""

    def __init__(self, callback: ProgressCallback | None, bar: Any = None) -> None:
        self._callback = callback
        self._bar = bar
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is not None:
            self._bar.update(done - self._done)
        if self._callback is not None:
            self._callback(done, total)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _progress_reporter(
    progress: bool | ProgressCallback | None, total: int
) -> _Reporter:
    if progress is None or progress is False:
        return _Reporter(None)
    if progress is True:
        from tqdm.auto import tqdm  # imported only when a bar is asked for

        return _Reporter(None, tqdm(total=total, unit="vacancy", desc="matching"))
    if not callable(progress):
        raise TypeError(
            f"progress: expected a bool or a callable, got {type(progress).__name__}"
        )
    return _Reporter(progress)
