"""Speed of job-title normalisation on full ESCO, next to the TF-IDF baseline.

Run from the repository root::

    .venv/bin/python -m bench.bench_titles [--english] [--titles 20000]

Prints index build time (and the time to load a saved index, as the CLI's cache
does), batch throughput (titles/s after loading) and single-title
latency (p50/p95) for ``TitleNormaliser`` and for the character n-gram TF-IDF
baseline of ``bench.quality_titles``, measured in the same run on the same titles.
Titles are the 328 VDAB benchmark titles plus ESCO labels with vacancy noise
("(m/v)", "32 uur", ...), all distinct; a printed figure, not a timed test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.metrics import SHARED_DATA
from bench.quality_titles import BENCH, TfidfBaseline, load_taxonomy, read_benchmark
from skillmatch import Taxonomy, TitleNormaliser

NOISE = ("", " (m/v)", " m/v/x", " 32 uur", " fulltime", "Vacature: ", " - junior")


def sample_titles(taxonomy: Taxonomy, n: int, seed: int = 7) -> list[str]:
    """``n`` distinct titles: the benchmark's, then noisy ESCO labels."""
    rng = random.Random(seed)
    titles = list(read_benchmark()[0].values()) if BENCH.is_dir() else []
    labels = [
        label
        for occ in taxonomy.occupations.values()
        for label in (occ.label, *occ.alt_labels)
    ]
    seen = set(titles)
    while len(titles) < n:
        noise = rng.choice(NOISE)
        label = rng.choice(labels)
        title = noise + label if noise.endswith(" ") else label + noise
        if title not in seen:
            seen.add(title)
            titles.append(title)
    return titles[:n]


def throughput(
    rank: Callable[[Sequence[str]], object], titles: Sequence[str]
) -> tuple[float, float]:
    """Titles per wall-clock second and per CPU second of this process.

    On a shared machine the wall-clock figure depends on the other load; the CPU
    figure is what one free core would do.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    rank(titles)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return len(titles) / wall, len(titles) / cpu


def latency_ms(
    rank_one: Callable[[str], object], titles: Sequence[str]
) -> tuple[float, float, float]:
    """p50 and p95 wall-clock milliseconds per call, and p95 CPU milliseconds."""
    wall, cpu = [], []
    for title in titles:
        start, start_cpu = time.perf_counter(), time.process_time()
        rank_one(title)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    cuts = statistics.quantiles(wall, n=100)
    return cuts[49], cuts[94], statistics.quantiles(cpu, n=100)[94]


def main(argv: Sequence[str] | None = None) -> int:
    """Print build time, throughput and latency for the normaliser and the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--english", action="store_true", help="add English labels")
    parser.add_argument("--titles", type=int, default=20_000, help="batch size")
    parser.add_argument("--single", type=int, default=1_000, help="single-title calls")
    args = parser.parse_args(argv)
    if not (SHARED_DATA / "esco").is_dir():
        print(f"ESCO data not found under {SHARED_DATA}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    taxonomy = load_taxonomy(english=args.english)
    print(f"taxonomy from CSV: {time.perf_counter() - start:.2f} s, {taxonomy!r}")
    titles = sample_titles(taxonomy, args.titles + args.single)
    batch, single = titles[: args.titles], titles[args.titles :]

    start = time.perf_counter()
    normaliser = TitleNormaliser(taxonomy)
    ours_build = time.perf_counter() - start
    start = time.perf_counter()
    baseline = TfidfBaseline(taxonomy)
    base_build = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "titles.npz"
        normaliser.save(index)
        start = time.perf_counter()
        TitleNormaliser.load(index)
        ours_load = time.perf_counter() - start

    ours_tps = throughput(normaliser.normalise_many, batch)
    base_tps = throughput(baseline.rank, batch)
    ours_lat = latency_ms(normaliser.normalise, single)
    base_lat = latency_ms(lambda t: baseline.rank([t]), single)

    print(f"{len(batch)} titles in batch, {len(single)} single calls (distinct titles)")
    print(
        f"saved title index loaded in {ours_load:.3f} s (built in {ours_build:.2f} s)"
    )
    if hasattr(os, "getloadavg"):
        print(
            f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
    header = (
        f"{'build s':>8} {'titles/s':>9} {'/CPU-s':>8} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p95 CPU':>8}"
    )
    print(f"{'':28} {header}")
    for name, build, (tps, cpu_tps), (p50, p95, p95_cpu) in (
        ("skillmatch TitleNormaliser", ours_build, ours_tps, ours_lat),
        ("baseline char_wb TF-IDF", base_build, base_tps, base_lat),
    ):
        print(
            f"{name:28} {build:8.2f} {tps:9.0f} {cpu_tps:8.0f} "
            f"{p50:7.2f} {p95:7.2f} {p95_cpu:8.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
