"""Numba kernels behind :mod:`skillmatch.batch` (private: no stable API).

One call of :func:`score_chunk` scores every candidate against one chunk of
vacancies and updates two kinds of top-k lists in one pass over the pairs:

* the running top-k vacancies of each candidate (kept across chunks), and
* the complete top-k candidates of each vacancy in the chunk (final when the
  call returns, because the call sees every candidate).

How a chunk is scored (Gustavson's row-by-row sparse product)::

    for each block of candidate rows (in parallel, one dense accumulator per thread)
        for each candidate i in the block
            acc[:] += C[i, s] * Vchunk[:, s]      for each skill s of i (sparse scatter)
            scan acc against two thresholds:      the candidate's k-th best score and
                                                  each vacancy's k-th best so far
            insert the rare pairs that pass, then zero acc

The scan is the only work that touches every pair. It is written so LLVM
vectorises it: per segment of 64 pairs, one compare per pair packed into a
64-bit mask. Only the set bits are visited (count-trailing-zeros), so the
scalar work is proportional to the few pairs that may enter a list.

Why no dense block for the popular skills (a BLAS product over the "head" of
the skill distribution)? On ESCO-like profiles even the most common skill is on
only ~10% of profiles, so a pair shares about 0.4 skills on average. A dense
column costs 2 flops on every pair, while its sparse scatter costs ~p^2 (~0.01)
per pair, so the scatter wins for every skill.

Ties and order: a list is sorted by (score descending, index ascending) and an
insertion compares on exactly that key, so the result does not depend on the
order in which threads see the pairs. A pair's score is accumulated in the order
of the candidate's skill columns, which does not depend on chunking either.

Lists are padded with score 0 and index -1; only pairs with a score > 0 enter.

Every kernel releases the GIL (``nogil``), so Dask or other host threads can run
chunks side by side.

Coverage cannot trace compiled code, so the kernels carry ``pragma: no cover``.
They are tested from the outside instead: ``tests/skillmatch/test_batch.py``
checks them against a dense brute force (hypothesis), ties included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numba
import numpy as np
from llvmlite import ir
from numba import njit, prange
from numba.core import types
from numba.extending import intrinsic
from numpy.typing import NDArray

F32 = NDArray[np.float32]
I32 = NDArray[np.int32]
I64 = NDArray[np.int64]
U32 = NDArray[np.uint32]
U64 = NDArray[np.uint64]
Index = int | np.int64

# The smallest positive float32: ``x >= TINY`` is ``x > 0`` for any float32 x.
# It is the threshold of a list that is not yet full.
TINY = np.float32(np.finfo(np.float32).smallest_subnormal)
# Pairs per scanned segment: one bit each in a uint64 mask.
SEGMENT = 64


def _cttz_intrinsic(  # pragma: no cover - compiled by numba
    typingctx: object, value: object
) -> tuple[object, object]:
    """Typing and code generation for :func:`_cttz` (numba ``@intrinsic``)."""
    signature = types.uint64(types.uint64)

    def codegen(
        context: object, builder: ir.IRBuilder, sig: object, args: list[ir.Value]
    ) -> ir.Value:
        # The flag tells LLVM the input is never zero (the caller checks).
        return builder.cttz(args[0], ir.Constant(ir.IntType(1), 1))

    return signature, codegen


# The position of the lowest set bit of a non-zero uint64, for jitted code.
_cttz = cast(Callable[[np.uint64], np.uint64], intrinsic(_cttz_intrinsic))


@njit(cache=True, inline="always")
def _insert(  # pragma: no cover - compiled by numba
    scores: F32, indices: I32, row: Index, score: np.float32, index: Index
) -> bool:
    """Insert (score, index) into the sorted list ``row``; return whether it entered."""
    k = scores.shape[1]
    worst = scores[row, k - 1]
    worst_index = indices[row, k - 1]
    if not (
        score > worst or (score == worst and (worst_index < 0 or index < worst_index))
    ):
        return False
    pos = k - 1
    while pos > 0:
        above = scores[row, pos - 1]
        above_index = indices[row, pos - 1]
        if score > above or (
            score == above and (above_index < 0 or index < above_index)
        ):
            scores[row, pos] = above
            indices[row, pos] = above_index
            pos -= 1
        else:
            break
    scores[row, pos] = score
    indices[row, pos] = index
    return True


@njit(cache=True, inline="always")
def _threshold(  # pragma: no cover - compiled by numba
    scores: F32, indices: I32, row: Index
) -> np.float32:
    """The score a pair must reach (>=) to be considered for list ``row``."""
    k = scores.shape[1]
    if indices[row, k - 1] < 0:
        return TINY
    return np.float32(scores[row, k - 1])


@njit(cache=True)
def _score_rows(  # pragma: no cover - compiled by numba
    first: int,
    last: int,
    c_indptr: I64,
    c_indices: U32,
    c_data: F32,
    v_indptr: U64,
    v_indices: U32,
    v_data: F32,
    vacancy_offset: int,
    cand_scores: F32,
    cand_indices: I32,
    cand_thresholds: F32,
    acc: F32,
    vac_scores: F32,
    vac_indices: I32,
    vac_thresholds: F32,
) -> None:
    """Score candidate rows ``first..last-1`` against the chunk (one thread)."""
    # Unsigned indices in the hot loops let LLVM drop numba's negative-index
    # wraparound: the scatter gets about 1.7x faster and the scan vectorises.
    # Never mix them with signed ints in arithmetic (numba would go to float64).
    n_segments = acc.shape[0] // SEGMENT  # padded by the caller
    for i in range(first, last):
        p0 = c_indptr[i]
        p1 = c_indptr[i + 1]
        if p0 == p1:
            continue
        for p in range(p0, p1):
            skill = np.uint64(c_indices[p])
            weight = c_data[p]
            for q in range(v_indptr[skill], v_indptr[skill + np.uint64(1)]):
                acc[v_indices[q]] += weight * v_data[q]
        cand_threshold = cand_thresholds[i]
        for segment in range(n_segments):
            # The one loop that touches every pair: vectorised compares -> mask.
            base = np.uint64(segment * SEGMENT)
            mask = np.uint64(0)
            for u in range(SEGMENT):
                at = base + np.uint64(u)
                x = acc[at]
                passes = (x >= cand_threshold) | (x >= vac_thresholds[at])
                mask |= np.uint64(passes) << np.uint64(u)
            while mask:
                j = segment * SEGMENT + np.int64(_cttz(mask))
                mask &= mask - np.uint64(1)
                x = acc[j]
                if x >= cand_threshold and _insert(
                    cand_scores, cand_indices, i, x, vacancy_offset + j
                ):
                    cand_threshold = _threshold(cand_scores, cand_indices, i)
                if x >= vac_thresholds[j] and _insert(vac_scores, vac_indices, j, x, i):
                    vac_thresholds[j] = max(
                        vac_thresholds[j],
                        _threshold(vac_scores, vac_indices, j),
                    )
            for u in range(SEGMENT):
                acc[base + np.uint64(u)] = 0
        cand_thresholds[i] = cand_threshold


@njit(cache=True, parallel=True, nogil=True)
def score_chunk(  # pragma: no cover - compiled by numba
    c_indptr: I64,
    c_indices: U32,
    c_data: F32,
    v_indptr: U64,
    v_indices: U32,
    v_data: F32,
    vacancy_offset: int,
    cand_scores: F32,
    cand_indices: I32,
    cand_thresholds: F32,
    vac_scores: F32,
    vac_indices: I32,
    block_rows: int,
    n_threads: int,
) -> None:
    """Score all candidates against one vacancy chunk; see the module docstring.

    ``v_*`` is the chunk in CSC form (per skill, the chunk-local vacancy rows).
    ``cand_*`` are updated in place (vacancy indices get ``vacancy_offset``
    added). ``vac_scores``/``vac_indices`` (chunk rows x kv) receive the chunk's
    final top-k candidate lists. ``n_threads`` must be numba's current thread
    count (read outside: ``numba.get_num_threads`` would stop the caching).
    """
    n_cand = c_indptr.shape[0] - 1
    n_vac = vac_scores.shape[0]
    kv = vac_scores.shape[1]
    # Padded to whole segments; padding entries stay 0 and never pass a threshold.
    padded = (n_vac + SEGMENT - 1) // SEGMENT * SEGMENT
    # One accumulator and one set of vacancy lists per thread. The vacancy
    # thresholds are shared: any thread's k-th best is a lower bound on the final
    # k-th best, so each may raise them (a lost race only leaves a lower bound).
    acc = np.zeros((n_threads, padded), dtype=np.float32)
    t_scores = np.zeros((n_threads, padded, kv), dtype=np.float32)
    t_indices = np.full((n_threads, padded, kv), -1, dtype=np.int32)
    shared_thresholds = np.full(padded, TINY, dtype=np.float32)
    n_blocks = (n_cand + block_rows - 1) // block_rows
    for b in prange(n_blocks):
        t = numba.get_thread_id()  # type: ignore[attr-defined]
        _score_rows(
            b * block_rows,
            min(n_cand, (b + 1) * block_rows),
            c_indptr,
            c_indices,
            c_data,
            v_indptr,
            v_indices,
            v_data,
            vacancy_offset,
            cand_scores,
            cand_indices,
            cand_thresholds,
            acc[t],
            t_scores[t],
            t_indices[t],
            shared_thresholds,
        )
    for j in prange(n_vac):
        for t in range(n_threads):
            for e in range(kv):
                if t_indices[t, j, e] < 0:
                    break
                _insert(
                    vac_scores, vac_indices, j, t_scores[t, j, e], t_indices[t, j, e]
                )


@njit(cache=True, nogil=True)
def score_chunk_serial(  # pragma: no cover - compiled by numba
    c_indptr: I64,
    c_indices: U32,
    c_data: F32,
    v_indptr: U64,
    v_indices: U32,
    v_data: F32,
    vacancy_offset: int,
    cand_scores: F32,
    cand_indices: I32,
    cand_thresholds: F32,
    vac_scores: F32,
    vac_indices: I32,
) -> None:
    """:func:`score_chunk` on the calling thread only (no threading layer)."""
    n_vac = vac_scores.shape[0]
    padded = (n_vac + SEGMENT - 1) // SEGMENT * SEGMENT
    _score_rows(
        0,
        c_indptr.shape[0] - 1,
        c_indptr,
        c_indices,
        c_data,
        v_indptr,
        v_indices,
        v_data,
        vacancy_offset,
        cand_scores,
        cand_indices,
        cand_thresholds,
        np.zeros(padded, dtype=np.float32),
        vac_scores,
        vac_indices,
        np.full(padded, TINY, dtype=np.float32),
    )


@njit(cache=True, nogil=True)
def merge_lists(  # pragma: no cover - compiled by numba
    scores: F32, indices: I32, other_scores: F32, other_indices: I32
) -> None:
    """Merge the lists ``other_*`` into ``scores``/``indices`` in place, row by row.

    Both sides are sorted, padded lists over disjoint index sets; the result is
    the top-k of their union under (score descending, index ascending).
    """
    for row in range(scores.shape[0]):
        for e in range(other_scores.shape[1]):
            if other_indices[row, e] < 0:
                break
            if not _insert(
                scores, indices, row, other_scores[row, e], other_indices[row, e]
            ):
                break
