"""Quality of career transitions against O*NET "Related Occupations" mapped to ESCO.

    .venv/bin/python -m bench.quality_transitions [--tune]

Reads ``../shared/data/benchmarks/occupation-transitions/onet_related_dev.json``
(1,032 items: source ESCO occupation → relevant ESCO occupations) and the ESCO
v1.1.1 taxonomy. Reports MRR@10 and Recall@10 (``bench.metrics.evaluate``) for

* the baseline: cosine of IDF-weighted binary skill vectors (essential and
  optional skills alike), computed here independently of the engine;
* ``TransitionModel`` with its default weights;

on all items and on two halves split by a hash of the source URI. With
``--tune``, a small grid over the signal weights is searched on half A only and
the best weights are reported on both halves (half B stays held out).
O*NET data is only used here, to score; never by the engine.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from bench.metrics import SHARED_DATA, Scores, evaluate
from skillmatch.taxonomy import Taxonomy
from skillmatch.transitions import TransitionModel

BENCH = SHARED_DATA / "benchmarks" / "occupation-transitions" / "onet_related_dev.json"
ESCO = SHARED_DATA / "esco" / "v1.1.1" / "en"
K = 10
SIGNALS = ("skills", "titles", "isco", "family", "breadth")

Item = tuple[str, str, set[str]]  # (query id, source URI, relevant URIs)


def half_of(uri: str) -> str:
    """Deterministic split: "A" or "B" by the first byte of the URI's SHA-256."""
    return "AB"[hashlib.sha256(uri.encode()).digest()[0] % 2]


def baseline_scores(taxonomy: Taxonomy, uris: Sequence[str]) -> sp.csr_matrix:
    """Row-normalised IDF-weighted binary skill vectors (the baseline)."""
    cols: dict[str, int] = {}
    rows, data, indices = [0], [], []
    for uri in uris:
        skills = set(taxonomy.essential_skills(uri)) | set(
            taxonomy.optional_skills(uri)
        )
        for s in sorted(skills):
            indices.append(cols.setdefault(s, len(cols)))
            data.append(1.0)
        rows.append(len(indices))
    m = sp.csr_matrix((data, indices, rows), shape=(len(uris), len(cols)))
    df = np.asarray((m > 0).sum(axis=0)).ravel()
    m = m @ sp.diags(np.log((len(uris) + 1) / (df + 1)) + 1)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ m)


def top_k(scores: np.ndarray, uris: Sequence[str], skip: int) -> list[str]:
    s = scores.copy()
    s[skip] = -np.inf
    part = np.argpartition(-s, K)[:K]
    part = part[np.lexsort((part, -s[part]))]
    return [uris[i] for i in part]


def capped_recall(
    rankings: Mapping[str, list[str]], rel: Mapping[str, set[str]]
) -> float:
    """Recall@k with the denominator capped at k: found / min(|relevant|, k).

    Reported next to ``evaluate``'s Recall@k (found / |relevant|), because the
    relevant sets here hold 18 occupations on average, so plain Recall@10 cannot
    exceed about 0.61. (This benchmark's relevant sets hold no ISCO-group URIs.)
    """
    total = 0.0
    for q, relevant in rel.items():
        found = sum(1 for u in rankings.get(q, [])[:K] if u in relevant)
        total += found / min(len(relevant), K)
    return total / len(rel)


def report(
    name: str,
    rankings: Mapping[str, list[str]],
    items: Sequence[Item],
    isco_of: object,
) -> list[Scores]:
    out = []
    for label, subset in (
        ("all", items),
        ("half A", [it for it in items if half_of(it[1]) == "A"]),
        ("half B", [it for it in items if half_of(it[1]) == "B"]),
    ):
        rel = {q: r for q, _, r in subset}
        scores = evaluate(rankings, rel, isco_of, k=K)  # type: ignore[arg-type]
        print(
            f"{scores.line(f'{name} [{label}]')}  nR@{K}={capped_recall(rankings, rel):.3f}"
        )
        out.append(scores)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="grid-search on half A")
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also show an oracle that knows which occupations are ever relevant",
    )
    args = parser.parse_args(argv)
    if not BENCH.is_file() or not ESCO.is_dir():
        print(f"reference data not found under {SHARED_DATA}; skipping")
        return 0
    t0 = time.perf_counter()
    taxonomy = Taxonomy.from_esco(ESCO)
    items: list[Item] = []
    for n, row in enumerate(json.loads(BENCH.read_text())):
        items.append((str(n), row["source"], set(row["relevant"])))
    known = [it for it in items if it[1] in taxonomy.occupations]
    print(
        f"{len(items)} items, {len(known)} with a source in the taxonomy; "
        f"half A {sum(half_of(s) == 'A' for _, s, _ in items)}, "
        f"half B {sum(half_of(s) == 'B' for _, s, _ in items)}"
    )

    def isco_of(uri: str) -> str:
        occ = taxonomy.occupations.get(uri)
        return occ.isco_group if occ else ""

    model = TransitionModel(taxonomy)
    print(f"taxonomy + model built in {time.perf_counter() - t0:.1f} s")
    uris = model.uris
    row = {u: i for i, u in enumerate(uris)}

    base = baseline_scores(taxonomy, uris)
    base_rank = {
        q: top_k((base @ base[row[s]].T).toarray().ravel(), uris, row[s])
        for q, s, _ in known
    }
    report("baseline: IDF skill cosine", base_rank, items, isco_of)

    t1 = time.perf_counter()
    model_rank = {q: [t.uri for t in model.transitions(s, k=K)] for q, s, _ in known}
    per_query = (time.perf_counter() - t1) / max(1, len(known)) * 1000
    report("TransitionModel (default weights)", model_rank, items, isco_of)
    print(f"TransitionModel: {per_query:.1f} ms per query (with shared/gap)")

    # Each signal on its own, to show what it brings.
    signals = {q: model.signals(s) for q, s, _ in known}
    for name in SIGNALS:
        alone = {
            q: top_k(sig[name] + 1e-9 * sig["skills"], uris, row[s])
            for (q, s, _), sig in zip(known, signals.values(), strict=True)
        }
        report(f"signal alone: {name}", alone, items, isco_of)

    if args.ceiling:
        # Not a method: it peeks at the labels. It shows how much of the gap is
        # occupations the O*NET crosswalk never maps (they can never be relevant).
        ever = np.array([u in {r for _, _, rel in items for r in rel} for u in uris])
        w = model.weights
        oracle = {
            q: top_k(
                sum(getattr(w, n) * signals[q][n] for n in SIGNALS) + 10.0 * ever,
                uris,
                row[s],
            )
            for q, s, _ in known
        }
        print(f"oracle: {int(ever.sum())} of {len(uris)} occupations are ever relevant")
        report("ceiling: default + oracle prior", oracle, items, isco_of)
    if args.tune:
        tune(model, known, signals, items, isco_of, uris, row)
    return 0


def tune(
    model: TransitionModel,
    known: Sequence[Item],
    signals: Mapping[str, Mapping[str, np.ndarray]],
    items: Sequence[Item],
    isco_of: object,
    uris: Sequence[str],
    row: Mapping[str, int],
) -> None:
    """Grid over the signal weights (skills fixed at 1), scored on half A only."""
    half_a = [it for it in known if half_of(it[1]) == "A"]
    rel_a = {q: r for q, _, r in half_a}
    grid = itertools.product(
        (0.0, 0.1, 0.2, 0.3),  # titles
        (0.0, 0.1, 0.2, 0.3),  # isco
        (0.0, 0.1),  # family
        (0.0, 0.2, 0.5, 0.8, 1.2),  # breadth
    )
    best: tuple[float, tuple[float, ...]] = (-1.0, ())
    for titles, isco, family, breadth in grid:
        w = (1.0, titles, isco, family, breadth)
        ranks = {
            q: top_k(
                sum(wi * signals[q][n] for wi, n in zip(w, SIGNALS, strict=True)),
                uris,
                row[s],
            )
            for q, s, _ in half_a
        }
        s = evaluate(ranks, rel_a, isco_of, k=K)  # type: ignore[arg-type]
        objective = s.mrr + s.recall_at_k
        if objective > best[0]:
            best = (objective, w)
    weights = replace(model.weights, **dict(zip(SIGNALS, best[1], strict=True)))
    print(f"best on half A (MRR+R@10): {weights}")
    tuned = TransitionModel(model.taxonomy, weights)
    ranks = {q: [t.uri for t in tuned.transitions(s, k=K)] for q, s, _ in known}
    report("TransitionModel (tuned on A)", ranks, items, isco_of)


if __name__ == "__main__":
    sys.exit(main())
