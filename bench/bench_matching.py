"""Interactive matching speed: top-20 explained vacancies for one person.

    .venv/bin/python -m bench.bench_matching [--vacancies 400000] [--persons 200]

Synthetic profiles are drawn from the real ESCO v1.1.1 relations: a vacancy is an
occupation (chosen uniformly) with its essential skills, a random part of its
optional skills and a few extra skills drawn by ESCO popularity, capped to 10–60
skills; a person held one or two occupations and declares a few popular skills.

Reported in the same run, per person (p50 / p95 latency), after an untimed
warm-up on other persons (numba compilation, related-skill cache); the methods
are timed in turn per person so that load from other processes hits them alike:

* ``rank_vacancies`` on a prebuilt ``VacancyIndex`` (top 20 with explanations);
* the same with a 50 km distance filter;
* baseline "brute force": the full CSR matrix–vector product over all vacancies,
  a full ``argsort`` and explanations for the top 20;
* baseline "Python loop": ``score_pair`` for each of the first 20,000 vacancies
  only (few persons: it takes seconds each; multiply by n/20,000 for all).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import random
import sys
import time
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from bench.metrics import SHARED_DATA
from skillmatch.explain import explain
from skillmatch.profiles import CandidateProfile, Location, VacancyProfile
from skillmatch.ranking import Filters, VacancyIndex, rank_vacancies
from skillmatch.scoring import score_pair
from skillmatch.taxonomy import Taxonomy

ESCO = SHARED_DATA / "esco" / "v1.1.1" / "en"
K = 20


def synth(
    taxonomy: Taxonomy, n_vacancies: int, n_persons: int, seed: int = 7
) -> tuple[list[VacancyProfile], list[CandidateProfile]]:
    rnd = random.Random(seed)
    occupations = sorted(
        o for o in taxonomy.occupations if taxonomy.essential_skills(o)
    )
    popularity: dict[str, int] = {}
    for o in occupations:
        for s in (*taxonomy.essential_skills(o), *taxonomy.optional_skills(o)):
            popularity[s] = popularity.get(s, 0) + 1
    skills = sorted(popularity)
    cum = list(itertools.accumulate(popularity[s] for s in skills))

    def place() -> Location:  # roughly the Netherlands
        return Location(rnd.uniform(50.8, 53.5), rnd.uniform(3.4, 7.2))

    vacancies = []
    for i in range(n_vacancies):
        occ = rnd.choice(occupations)
        essential = list(dict.fromkeys(taxonomy.essential_skills(occ)))[:40]
        optional = [s for s in taxonomy.optional_skills(occ) if s not in essential]
        optional = rnd.sample(optional, k=len(optional) // 2)
        extra = rnd.choices(skills, cum_weights=cum, k=rnd.randint(0, 3))
        optional = [s for s in dict.fromkeys(optional + extra) if s not in essential]
        while len(essential) + len(optional) < 10:
            s = rnd.choices(skills, cum_weights=cum)[0]
            if s not in essential and s not in optional:
                optional.append(s)
        optional = optional[: max(0, 60 - len(essential))]
        vacancies.append(
            VacancyProfile(
                f"v{i:07d}",
                occupation=occ,
                required=frozenset(essential),
                optional=frozenset(optional),
                location=place(),
                hours=rnd.choice([16.0, 24.0, 32.0, 36.0, 38.0, 40.0]),
                contract_type=rnd.choice(["permanent", "temporary"]),
            )
        )
    persons = [
        CandidateProfile.from_occupations(
            f"p{i:05d}",
            taxonomy=taxonomy,
            occupations=rnd.sample(occupations, k=rnd.randint(1, 2)),
            declared=rnd.choices(skills, cum_weights=cum, k=rnd.randint(0, 5)),
            location=place(),
        )
        for i in range(n_persons)
    ]
    return vacancies, persons


def summary(ms: Sequence[float]) -> str:
    p50, p95 = np.percentile(ms, [50, 95])
    return f"p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   (n={len(ms)})"


def interleaved(
    methods: Mapping[str, Callable[[CandidateProfile], object]],
    persons: Sequence[CandidateProfile],
    every: Mapping[str, int],
) -> dict[str, list[float]]:
    """Time each method per person in turn, so machine load hits all alike."""
    ms: dict[str, list[float]] = {name: [] for name in methods}
    for n, p in enumerate(persons):
        for name, fn in methods.items():
            if n % every.get(name, 1):
                continue
            t = time.perf_counter()
            fn(p)
            ms[name].append((time.perf_counter() - t) * 1000)
    return ms


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=400_000)
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--loop-persons", type=int, default=3)
    parser.add_argument("--no-gc-freeze", action="store_true")
    parser.add_argument("--warmup", type=int, default=20, help="untimed persons first")
    args = parser.parse_args(argv)
    if not ESCO.is_dir():
        print(f"reference data not found at {ESCO}; skipping")
        return 0
    t0 = time.perf_counter()
    taxonomy = Taxonomy.from_esco(ESCO)
    vacancies, persons = synth(taxonomy, args.vacancies, args.persons + args.warmup)
    t1 = time.perf_counter()
    n_skills = [len(v.skills) for v in vacancies]
    print(
        f"{len(vacancies)} vacancies ({min(n_skills)}-{max(n_skills)} skills, "
        f"mean {np.mean(n_skills):.1f}), {len(persons)} persons; "
        f"generated in {t1 - t0:.1f} s"
    )
    index = VacancyIndex(vacancies, taxonomy)
    print(f"VacancyIndex built once in {time.perf_counter() - t1:.1f} s")
    if not args.no_gc_freeze:
        # A long-lived process should move its immutable index out of the cyclic
        # GC's reach, or full collections walk 400,000 profiles mid-request.
        gc.collect()
        gc.freeze()
    print(f"gc.freeze() after building: {not args.no_gc_freeze}")

    near = Filters(max_distance_km=50)
    vec = index.vectoriser
    matrix = vec.vacancies_matrix(index.profiles)

    def brute(p: CandidateProfile) -> object:
        dense = np.zeros(matrix.shape[1], dtype=np.float32)
        for col, val in vec.candidate_vector(p).items():
            if col < dense.size:
                dense[col] = val
        scores = matrix @ dense
        top = np.argsort(-scores, kind="stable")[:K]
        return [
            explain(score_pair(p, index.profiles[i], vec)[1], taxonomy) for i in top
        ]

    def loop(p: CandidateProfile) -> object:
        scored = [(score_pair(p, v, vec)[0], v.id) for v in index.profiles[:20_000]]
        return sorted(scored, key=lambda t: (-t[0], t[1]))[:K]

    methods: dict[str, Callable[[CandidateProfile], object]] = {
        "rank_vacancies (index, top 20, explained)": lambda p: rank_vacancies(
            p, index, k=K
        ),
        "  ... with a 50 km distance filter": lambda p: rank_vacancies(
            p, index, k=K, filters=near
        ),
        "baseline: brute-force CSR product + argsort": brute,
    }
    warm = persons[: args.warmup]
    interleaved(methods, warm, {})  # JIT compile, related-skill cache
    timed = persons[args.warmup :]
    results = interleaved(methods, timed, {})
    for name, ms in results.items():
        print(f"{name:<46}{summary(ms)}")
    loop_ms = interleaved({"loop": loop}, timed[: args.loop_persons], {})["loop"]
    print(f"{'baseline: Python loop, first 20,000 only':<46}{summary(loop_ms)}")
    print(
        f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
