"""Ranking metrics shared by the quality benchmarks (one definition, used everywhere).

MRR@k and Recall@k follow ``../shared/data/README.md``: an ISCO-group URI in the
relevant set (``http://data.europa.eu/esco/isco/C8322``) is matched by any occupation
of that group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ISCO_PREFIX = "http://data.europa.eu/esco/isco/C"


@dataclass(frozen=True)
class Scores:
    """Metrics over a set of queries."""

    mrr: float
    recall_at_1: float
    recall_at_k: float
    queries: int

    def line(self, name: str, k: int = 10) -> str:
        return (
            f"{name:<34} MRR@{k}={self.mrr:.3f}  R@1={self.recall_at_1:.3f}  "
            f"R@{k}={self.recall_at_k:.3f}  (n={self.queries})"
        )


def _hits(
    ranked: Sequence[str], relevant: set[str], isco_of: Callable[[str], str]
) -> list[bool]:
    groups = {r[len(ISCO_PREFIX) :] for r in relevant if r.startswith(ISCO_PREFIX)}
    return [
        uri in relevant or (bool(groups) and isco_of(uri) in groups) for uri in ranked
    ]


def evaluate(
    rankings: Mapping[str, Sequence[str]],
    relevant: Mapping[str, set[str]],
    isco_of: Callable[[str], str] = lambda _uri: "",
    k: int = 10,
) -> Scores:
    """Score ranked URI lists against relevant sets; queries without a ranking count as misses.

    - MRR@k: the mean of 1/rank of the first relevant item in the top k (0 if none).
    - Recall@1: the share of queries whose first result is relevant.
    - Recall@k: per query, the relevant items found in the top k divided by
      min(number relevant, k) — a query with 23 relevant items can at best find 10 —
      averaged over queries. A relevant ISCO group counts as one item, found when any
      of its occupations is ranked.
    """
    mrr = r1 = rk = 0.0
    for qid, rel in relevant.items():
        ranked = list(rankings.get(qid, ()))[:k]
        hits = _hits(ranked, rel, isco_of)
        first = next((i for i, h in enumerate(hits) if h), None)
        if first is not None:
            mrr += 1.0 / (first + 1)
        found = {u for u, h in zip(ranked, hits, strict=True) if h}
        n_found = sum(
            1
            for r in rel
            if r in found
            or (
                r.startswith(ISCO_PREFIX)
                and any(isco_of(u) == r[len(ISCO_PREFIX) :] for u in found)
            )
        )
        r1 += 1.0 if hits[:1] == [True] else 0.0
        rk += n_found / min(len(rel), k)
    n = len(relevant)
    return Scores(mrr / n, r1 / n, rk / n, n)
