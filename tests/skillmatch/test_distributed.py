"""Batch matching on Dask: same results as one machine, on an in-process cluster.

The cluster runs in this process (``processes=False``), so its workers talk
over Dask's in-process transport and no network socket is needed.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
import scipy.sparse as sp

pytest.importorskip("distributed", reason="dask[distributed] is not installed")

from distributed import Client, LocalCluster
from distributed.comm import inproc

from skillmatch import top_k_both_ways
from skillmatch.distributed import top_k_both_ways_on_dask


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    # Dask finds "this machine's address" by pointing a UDP socket at 8.8.8.8,
    # which pytest-socket blocks (rightly). The in-process transport only needs
    # a label for this host, so loopback is the honest answer.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inproc, "get_ip", lambda: "127.0.0.1")
        with (
            LocalCluster(
                processes=False,
                n_workers=2,
                threads_per_worker=1,
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client


def profiles(seed: int, rows: int, skills: int = 40) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    return sp.random(
        rows, skills, density=0.12, format="csr", rng=rng, dtype=np.float32
    )


@pytest.mark.parametrize("task_size", [1, 37, 100, 1000])
def test_the_cluster_gives_the_single_machine_result(
    client: Client, task_size: int
) -> None:
    cand, vac = profiles(1, 150), profiles(2, 100)

    on_dask = top_k_both_ways_on_dask(client, cand, vac, k=6, task_size=task_size)

    assert on_dask == top_k_both_ways(cand, vac, k=6)


def test_progress_reaches_the_total_as_chunks_finish(client: Client) -> None:
    calls: list[tuple[int, int]] = []

    top_k_both_ways_on_dask(
        client,
        profiles(3, 30),
        profiles(4, 50),
        k=3,
        task_size=20,
        progress=lambda done, total: calls.append((done, total)),
    )

    assert len(calls) == 3
    assert calls[-1] == (50, 50)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_no_vacancies_gives_empty_lists_without_tasks(client: Client) -> None:
    result = top_k_both_ways_on_dask(
        client, profiles(5, 4), sp.csr_matrix((0, 40)), k=2
    )

    assert result.candidates_per_vacancy.indices.shape == (0, 2)
    assert (result.vacancies_per_candidate.indices == -1).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"k": 0}, ValueError, "k: must be at least 1"),
        ({"task_size": 2.5}, TypeError, "task_size: expected an int"),
        ({"vacancies": sp.csr_matrix((3, 7))}, ValueError, "vacancies: has 7 skill"),
        ({"candidates": np.ones((2, 40))}, TypeError, "candidates: expected a scipy"),
    ],
)
def test_bad_arguments_are_rejected_before_any_task_runs(
    client: Client, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    arguments: dict[str, object] = {
        "candidates": profiles(6, 3),
        "vacancies": profiles(7, 3),
    } | kwargs

    with pytest.raises(error, match=message):
        top_k_both_ways_on_dask(client, **arguments)  # type: ignore[arg-type]
