"""Benchmark: national-scale batch matching, exact top-k in both directions.

Run::

    .venv/bin/python -m bench.bench_batch               # 100,000 x 50,000
    .venv/bin/python -m bench.bench_batch --national    # 400,000 x 400,000 (minutes)

Profiles come from ``bench/synthetic.py`` (real ESCO occupation-skill relations,
IDF weights, L2-normalised rows). In the same run, it measures throughput in
pairs per second (candidates x vacancies / wall time) for:

* scipy: the chunked sparse product ``C @ Vchunk.T`` made dense, then
  ``argpartition`` in both directions. It is timed on a subset (see below).
* sparse_dot_topn: ``sp_matmul_topn(C, V.T, k)``. It gives the top-k in ONE
  direction only (the vacancies of each candidate) and still counts as the
  reference rate, on the same thread count.
* skillmatch ``top_k_both_ways``: both directions in one pass, on the full
  problem and on the baselines' subset (back to back, for a fair ratio on a
  shared machine).

sparse_dot_topn runs on all candidates (``--national``: the first 20,000) against
all vacancies, and scipy on the first 10,000 candidates against the first
10,000 vacancies (``--scipy-*``), because pairs per second is a rate and the
full problem would take scipy hours. The subset sizes are printed. The machine
may be shared, so sparse_dot_topn and skillmatch alternate, best of
``--repeat``, and each rate is also given per CPU-second (pairs / process CPU
time), which is less sensitive to other people's load.

Exactness. A random sample of candidates and of vacancies is checked against
scipy in float64. A list passes when, position by position, its scores agree
within 1e-6, and every index that differs from the reference is a near-tie: its
exact score is within 1e-6 of the reference score at that position. Float32
sums in another order may swap pairs that are closer than that. The number of
lists that are index-for-index identical is printed as well.

Peak memory is the process RSS sampled with psutil during the batch, and the
process peak since start (``ru_maxrss``, which includes data generation and
the baselines).
"""

from __future__ import annotations

import argparse
import os
import resource
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numba
import numpy as np
import psutil
import scipy.sparse as sp
from numpy.typing import NDArray

from bench.synthetic import load_esco_relations, synthetic_profiles
from skillmatch import TopK, top_k_both_ways

GIB = 1024**3
TOLERANCE = 1e-6


@dataclass
class Timing:
    """Wall time, CPU time and the RSS peak of one measured block."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_rss: int = 0


@contextmanager
def measured(interval: float = 0.05) -> Iterator[Timing]:
    """Time a block and sample the process RSS in a background thread."""
    process = psutil.Process()
    timing = Timing(peak_rss=process.memory_info().rss)
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(interval):
            timing.peak_rss = max(timing.peak_rss, process.memory_info().rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        yield timing
    finally:
        timing.seconds = time.perf_counter() - wall0
        timing.cpu_seconds = time.process_time() - cpu0
        stop.set()
        sampler.join()
        timing.peak_rss = max(timing.peak_rss, process.memory_info().rss)


def scipy_both_ways(
    cand: sp.csr_matrix, vac: sp.csr_matrix, k: int, chunk: int = 1024
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The plain way: dense score blocks from scipy, argpartition both ways."""
    vt = vac.T.tocsr()
    best_c_scores = np.zeros((cand.shape[0], 0), dtype=np.float32)
    best_c_index = np.zeros((cand.shape[0], 0), dtype=np.intp)
    per_vacancy = []
    kc = min(k, cand.shape[0])
    for start in range(0, vac.shape[0], chunk):
        block = (cand @ vt[:, start : start + chunk]).toarray()
        top_v = np.argpartition(-block, kc - 1, axis=0)[:kc]
        per_vacancy.append(top_v.T)
        kv = min(k, block.shape[1])
        top_c = np.argpartition(-block, kv - 1, axis=1)[:, :kv]
        scores = np.take_along_axis(block, top_c, axis=1)
        both_scores = np.hstack([best_c_scores, scores])
        both_index = np.hstack([best_c_index, top_c + start])
        keep = np.argsort(-both_scores, axis=1, kind="stable")[:, :k]
        best_c_scores = np.take_along_axis(both_scores, keep, axis=1)
        best_c_index = np.take_along_axis(both_index, keep, axis=1)
    return best_c_index, np.vstack(per_vacancy)


def sparse_dot_topn_one_way(
    cand: sp.csr_matrix, vac: sp.csr_matrix, k: int, threads: int
) -> sp.csr_matrix:
    """sparse_dot_topn's fused top-k product: candidate -> vacancy only."""
    from sparse_dot_topn import sp_matmul_topn  # dev dependency: baseline only

    return sp_matmul_topn(
        cand,
        vac.T.tocsr(),
        top_n=k,
        sort=True,
        n_threads=threads if threads > 1 else None,
    )


@dataclass
class CheckReport:
    """How many sampled lists passed the exactness check, and how."""

    rows: int = 0
    passed: int = 0
    index_identical: int = 0
    max_score_error: float = 0.0

    def line(self, name: str) -> str:
        return (
            f"  {name:<24} {self.passed}/{self.rows} lists pass "
            f"({self.index_identical} index-for-index identical, "
            f"{self.rows - self.index_identical} with near-tie swaps); "
            f"max |score - float64| = {self.max_score_error:.2e}"
        )


def check_against_scipy(
    mine: TopK, rows: NDArray[np.intp], left: sp.csr_matrix, right: sp.csr_matrix
) -> CheckReport:
    """Compare sampled lists with the exact float64 top-k from scipy."""
    report = CheckReport()
    k = mine.k
    right64 = right.astype(np.float64).T.tocsc()
    for block in np.array_split(rows, max(1, len(rows) // 50)):
        exact = (left[block].astype(np.float64) @ right64).tocsr()
        for offset, row in enumerate(block):
            start, stop = exact.indptr[offset], exact.indptr[offset + 1]
            cols, vals = exact.indices[start:stop], exact.data[start:stop]
            positive = vals > 0
            cols, vals = cols[positive], vals[positive]
            order = np.lexsort((cols, -vals))[:k]
            ref_index = np.full(k, -1)
            ref_score = np.zeros(k)
            ref_index[: order.size] = cols[order]
            ref_score[: order.size] = vals[order]
            lookup = dict(zip(cols.tolist(), vals.tolist(), strict=True))
            got_index = mine.indices[row]
            got_score = mine.scores[row].astype(np.float64)
            exact_of_got = np.array([lookup.get(int(i), 0.0) for i in got_index])
            error = float(np.abs(got_score - ref_score).max())
            ok = (
                error <= TOLERANCE
                and np.array_equal(got_index >= 0, ref_index >= 0)
                and bool(np.all(np.abs(exact_of_got - ref_score) <= TOLERANCE))
                and np.unique(got_index[got_index >= 0]).size == (got_index >= 0).sum()
            )
            report.rows += 1
            report.passed += int(ok)
            report.index_identical += int(np.array_equal(got_index, ref_index))
            report.max_score_error = max(report.max_score_error, error)
    return report


def rate(pairs: float, seconds: float) -> str:
    return f"{pairs / seconds / 1e6:8.1f} M pairs/s"


def run(args: argparse.Namespace) -> None:
    threads = args.threads or numba.get_num_threads()
    print(
        f"machine: {os.cpu_count()} cores, load average before "
        f"{os.getloadavg()[0]:.2f}; numba threads {threads}"
    )
    t0 = time.perf_counter()
    relations = load_esco_relations()
    cand = synthetic_profiles(relations, args.candidates, seed=1)
    vac = synthetic_profiles(relations, args.vacancies, seed=2)
    print(
        f"data: {cand.shape[0]:,} candidates x {vac.shape[0]:,} vacancies, "
        f"{cand.shape[1]:,} ESCO skills, {cand.nnz / cand.shape[0]:.1f} and "
        f"{vac.nnz / vac.shape[0]:.1f} skills per profile "
        f"(generated in {time.perf_counter() - t0:.1f} s)"
    )
    k = args.k

    # Warm-up: load (or compile) the kernels outside the timings.
    top_k_both_ways(cand[:500], vac[:500], k, n_threads=threads)
    if threads > 1:
        print(f"numba threading layer: {numba.threading_layer()}")  # type: ignore[attr-defined]

    progress: Callable[[int, int], None] | None = None
    if args.progress:
        progress = _print_progress()
    with measured() as ours:
        result = top_k_both_ways(
            cand,
            vac,
            k,
            chunk_size=args.chunk_size,
            n_threads=threads,
            progress=progress,
        )
    pairs = cand.shape[0] * vac.shape[0]
    print(
        f"\nskillmatch top_k_both_ways, full problem: {ours.seconds:7.1f} s  "
        f"{rate(pairs, ours.seconds)}  (CPU {ours.cpu_seconds:.1f} s, "
        f"peak RSS during the batch {ours.peak_rss / GIB:.2f} GiB, "
        f"load average after {os.getloadavg()[0]:.2f})"
    )

    # Baselines on a subset, with ours on the same subset right beside them,
    # alternating, best of --repeat each (the machine is shared: load varies).
    bc = min(args.baseline_candidates or cand.shape[0], cand.shape[0])
    bv_scipy = min(args.scipy_vacancies, vac.shape[0])
    bc_scipy = min(args.scipy_candidates, cand.shape[0])
    sub_c = cand[:bc]
    sdtn_pairs = bc * vac.shape[0]
    print(
        f"\nsame run: sparse_dot_topn and skillmatch on {bc:,} x {vac.shape[0]:,}, "
        f"scipy on {bc_scipy:,} x {bv_scipy:,}; best of {args.repeat}, alternating"
    )
    sparse_dot_topn_one_way(sub_c[:200], vac[:200], k, threads)  # warm-up
    sdtn_runs: list[Timing] = []
    ours_sub_runs: list[Timing] = []
    for _ in range(args.repeat):
        with measured() as sdtn:
            sparse_dot_topn_one_way(sub_c, vac, k, threads)
        sdtn_runs.append(sdtn)
        if bc == cand.shape[0] and not ours_sub_runs:
            ours_sub_runs.append(ours)  # the full run above is this subset
            continue
        with measured() as ours_sub:
            top_k_both_ways(
                sub_c, vac, k, chunk_size=args.chunk_size, n_threads=threads
            )
        ours_sub_runs.append(ours_sub)
    with measured() as plain:
        scipy_both_ways(cand[:bc_scipy], vac[:bv_scipy], k)
    sdtn = min(sdtn_runs, key=lambda t: t.seconds)
    ours_sub = min(ours_sub_runs, key=lambda t: t.seconds)
    rows = [
        ("scipy matmul + argpartition, both ways", bc_scipy * bv_scipy, plain),
        (f"sparse_dot_topn {threads} threads, ONE way", sdtn_pairs, sdtn),
        ("skillmatch, both ways, same subset", sdtn_pairs, ours_sub),
        ("skillmatch, both ways, full problem", pairs, ours),
    ]
    sdtn_rate = sdtn_pairs / sdtn.seconds
    sdtn_cpu_rate = sdtn_pairs / sdtn.cpu_seconds
    print(
        f"  {'method':<40} {'M pairs/s':>10} {'x sdtn':>7} "
        f"{'M pairs/CPU-s':>14} {'x sdtn':>7}"
    )
    for name, n_pairs, timing in rows:
        wall_rate = n_pairs / timing.seconds
        cpu_rate = n_pairs / timing.cpu_seconds
        print(
            f"  {name:<40} {wall_rate / 1e6:10.1f} {wall_rate / sdtn_rate:7.2f} "
            f"{cpu_rate / 1e6:14.1f} {cpu_rate / sdtn_cpu_rate:7.2f}"
        )
    national = 400_000 * 400_000 / (pairs / ours.seconds)
    print(
        f"  at the full-problem rate, 400,000 x 400,000 takes {national / 60:.1f} min"
        f" (load average now {os.getloadavg()[0]:.2f})"
    )

    rng = np.random.default_rng(0)
    sample_c = rng.choice(
        cand.shape[0], size=min(args.check, cand.shape[0]), replace=False
    )
    sample_v = rng.choice(
        vac.shape[0], size=min(args.check, vac.shape[0]), replace=False
    )
    print("\nexactness against scipy in float64 (tolerance 1e-6, see the docstring):")
    by_candidate = check_against_scipy(
        result.vacancies_per_candidate, sample_c, cand, vac
    )
    by_vacancy = check_against_scipy(result.candidates_per_vacancy, sample_v, vac, cand)
    print(by_candidate.line("vacancies per candidate"))
    print(by_vacancy.line("candidates per vacancy"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"\nprocess peak RSS since start (ru_maxrss): {peak / GIB:.2f} GiB")
    everything_passes = (
        by_candidate.passed == by_candidate.rows
        and by_vacancy.passed == by_vacancy.rows
    )
    print("exactness check:", "PASS" if everything_passes else "FAIL")


def _print_progress() -> Callable[[int, int], None]:
    started = time.perf_counter()
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] >= 30 or done == total:
            last[0] = now
            print(f"  {done:,}/{total:,} vacancies, {now - started:.0f} s", flush=True)

    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--national", action="store_true", help="400,000 candidates x 400,000 vacancies"
    )
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=50_000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--chunk-size", type=int, default=4096)
    parser.add_argument("--threads", type=int, default=0, help="0: numba's default")
    parser.add_argument(
        "--baseline-candidates", type=int, default=0, help="0: all candidates"
    )
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--scipy-candidates", type=int, default=10_000)
    parser.add_argument("--scipy-vacancies", type=int, default=10_000)
    parser.add_argument(
        "--check", type=int, default=1000, help="sampled lists checked per direction"
    )
    parser.add_argument("--progress", action="store_true")
    args = parser.parse_args(argv)
    if args.national:
        args.candidates = args.vacancies = 400_000
        args.baseline_candidates = args.baseline_candidates or 20_000
        args.progress = True
    run(args)


if __name__ == "__main__":
    main()
