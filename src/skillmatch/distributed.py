"""Batch matching on a Dask cluster: the same exact top-k, beyond one machine.

:func:`skillmatch.batch.top_k_both_ways` streams vacancy chunks through one
machine. This module hands those chunks to Dask distributed instead::

    candidates ──scatter (broadcast)──► every worker
    vacancies[a:b] ──► task: match_vacancy_chunk(candidates, chunk, offset=a)
                          ├─► candidates_per_vacancy of a..b   (complete: gathered in order)
                          └─► vacancies_per_candidate, chunk a..b only
                                   └─► merged pairwise on the cluster (TopK.merge, exact)

Each task scores every candidate against its chunk, so its vacancy lists are
final. A candidate's list is the exact merge of its per-chunk lists, in any
order, because the ordering key (score descending, then index ascending) is
total. The result is equal, array for array, to the single-machine result,
whatever the task size or the order in which tasks finish.

Dask is an optional dependency: importing this module without
``dask[distributed]`` installed raises an ``ImportError`` that says what to
install. :mod:`skillmatch.batch` never imports Dask.

Example::

    from dask.distributed import Client
    from skillmatch.distributed import top_k_both_ways_on_dask

    with Client("tcp://scheduler:8786") as client:
        result = top_k_both_ways_on_dask(client, candidates, vacancies, k=10)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from skillmatch.batch import BatchResult, TopK, as_profile_matrix, match_vacancy_chunk

try:
    from distributed import Client, Future, as_completed
except ImportError as error:  # pragma: no cover - exercised only without dask
    raise ImportError(
        "skillmatch.distributed needs Dask: pip install 'dask[distributed]'"
    ) from error

__all__ = ["DEFAULT_TASK_SIZE", "top_k_both_ways_on_dask"]

DEFAULT_TASK_SIZE = 50_000
"""Vacancies per task: big enough to amortise scheduling, small enough to balance."""


def top_k_both_ways_on_dask(
    client: Client,
    candidates: Any,
    vacancies: Any,
    k: int = 10,
    *,
    task_size: int = DEFAULT_TASK_SIZE,
    threads_per_task: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Exact top-k both ways, computed by vacancy chunks on a Dask cluster.

    Args:
        client: A connected ``distributed.Client``.
        candidates: As for :func:`skillmatch.batch.top_k_both_ways`. It is
            checked here once, then broadcast to every worker.
        vacancies: As for :func:`skillmatch.batch.top_k_both_ways`. It is sent
            out in chunks of ``task_size`` rows.
        k: List length in both directions (at least 1).
        task_size: Vacancies per task.
        threads_per_task: Numba threads inside each task. Keep 1 (the default)
            when workers run one task per core.
        progress: Called as ``progress(vacancies_done, vacancies_total)`` as
            chunks finish (in completion order).

    Returns:
        The same :class:`~skillmatch.batch.BatchResult` as the single-machine
        function, equal array for array.

    Raises:
        TypeError, ValueError: As :func:`skillmatch.batch.top_k_both_ways` does,
            naming the argument. Errors inside a task are re-raised here.
    """
    for value, name in ((k, "k"), (task_size, "task_size")):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name}: expected an int, got {type(value).__name__}")
        if value < 1:
            raise ValueError(f"{name}: must be at least 1, got {value}")
    cand = as_profile_matrix(candidates, "candidates")
    vac = as_profile_matrix(vacancies, "vacancies")
    if cand.shape[1] != vac.shape[1]:
        raise ValueError(
            f"vacancies: has {vac.shape[1]} skill columns, "
            f"candidates has {cand.shape[1]}; build both with the same vectoriser"
        )
    n_vac = vac.shape[0]
    if n_vac == 0:
        return BatchResult(
            vacancies_per_candidate=TopK.empty(cand.shape[0], k),
            candidates_per_vacancy=TopK.empty(0, k),
        )

    # hash=False: a fresh key per call. A content-hashed key can collide with the
    # same matrix from a previous call whose release is still in flight.
    [cand_future] = client.scatter(  # type: ignore[no-untyped-call]
        [cand], broadcast=True, hash=False
    )
    starts = list(range(0, n_vac, task_size))
    chunks: list[Future[BatchResult]] = [
        client.submit(
            match_vacancy_chunk,
            cand_future,
            vac[start : start + task_size],
            k,
            vacancy_offset=start,
            n_threads=threads_per_task,
            pure=False,  # do not hash the matrices to name the task
        )
        for start in starts
    ]
    # The whole graph goes in at once, so merging starts as soon as chunks land.
    per_candidate = _merge_tree(
        client, [client.submit(_candidate_lists, chunk, pure=False) for chunk in chunks]
    )
    vacancy_lists = [
        client.submit(_vacancy_lists, chunk, pure=False) for chunk in chunks
    ]
    if progress is not None:
        sizes = {
            chunk.key: min(task_size, n_vac - start)
            for chunk, start in zip(chunks, starts, strict=True)
        }
        done = 0
        for finished in as_completed(chunks):  # type: ignore[no-untyped-call]
            done += sizes[finished.key]
            progress(done, n_vac)
    vacancy_parts: list[TopK] = client.gather(vacancy_lists)  # type: ignore[no-untyped-call]
    merged: TopK = per_candidate.result()
    return BatchResult(
        vacancies_per_candidate=merged,
        candidates_per_vacancy=TopK(
            indices=np.vstack([part.indices for part in vacancy_parts]),
            scores=np.vstack([part.scores for part in vacancy_parts]),
        ),
    )


def _merge_tree(client: Client, lists: list[Future[TopK]]) -> Future[TopK]:
    """Merge per-chunk candidate lists pairwise on the cluster (log depth)."""
    while len(lists) > 1:
        paired = [
            client.submit(_merge, lists[i], lists[i + 1], pure=False)
            for i in range(0, len(lists) - 1, 2)
        ]
        if len(lists) % 2:
            paired.append(lists[-1])
        lists = paired
    return lists[0]


def _candidate_lists(result: BatchResult) -> TopK:
    return result.vacancies_per_candidate


def _vacancy_lists(result: BatchResult) -> TopK:
    return result.candidates_per_vacancy


def _merge(left: TopK, right: TopK) -> TopK:
    return left.merge(right)
