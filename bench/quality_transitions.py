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
With ``--fusion``, a logistic fusion of the engine's signals and further ESCO
views (description TF-IDF, skill-skill relations, ISCO skill level, structural
"generality" priors) is trained on half A and reported on both halves: the
evidence for which signals the engine does *not* use (see ``fusion``).
O*NET data is only used here, to score; never by the engine. Recall@10 is
``bench.metrics.evaluate``'s: found / min(|relevant|, 10).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import math
import re
import sys
import time
from collections.abc import Callable, Mapping, Sequence
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
        print(scores.line(f"{name} [{label}]"))
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
    parser.add_argument(
        "--fusion",
        action="store_true",
        help="logistic fusion of more ESCO signals, trained on half A",
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
    if args.fusion:
        fusion(model, known, signals, items, isco_of)
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
                np.sum(
                    [wi * signals[q][n] for wi, n in zip(w, SIGNALS, strict=True)],
                    axis=0,
                ),
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


_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "are",
        "this",
        "that",
        "they",
        "their",
        "them",
        "its",
        "such",
        "other",
        "into",
        "can",
        "may",
        "also",
        "which",
        "who",
        "use",
        "using",
        "used",
    ]
)


def _words(text: str) -> list[str]:
    """Lower-case words of 3+ letters, stop words dropped, crude suffix stripping."""
    out = []
    for word in re.findall(r"[a-z]+", text.casefold()):
        if len(word) < 3 or word in _STOP:
            continue
        for suffix in ("ing", "ers", "er", "es", "s", "ed", "ions", "ion"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


def _cosine_matrix(rows: Sequence[Mapping[str, float]]) -> sp.csr_matrix:
    """Row-normalised TF-IDF matrix of weighted bags (one bag per occupation)."""
    cols: dict[str, int] = {}
    data, indices, indptr = [], [], [0]
    for bag in rows:
        for key, value in bag.items():
            indices.append(cols.setdefault(key, len(cols)))
            data.append(value)
        indptr.append(len(indices))
    m = sp.csr_matrix((data, indices, indptr), shape=(len(rows), len(cols)))
    df = np.asarray((m > 0).sum(axis=0)).ravel()
    m = m @ sp.diags(np.log((len(rows) + 1) / (df + 1)) + 1)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ m)


def extra_views(model: TransitionModel) -> tuple[list[sp.csr_matrix], np.ndarray]:
    """Further ESCO views the engine does not use, for the fusion experiment.

    Returns the similarity matrices (description words; skills extended by
    ESCO's skill-skill relations at half weight) and per-target "generality"
    priors from ESCO structure only (log optional skills, log ISCO unit-group
    size, share of transversal/cross-sector skills, directly under ISCO).
    """
    tx, uris = model.taxonomy, model.uris
    related: dict[str, set[str]] = {}
    with (ESCO / "skillSkillRelations.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            a, b = rec["originalSkillUri"], rec["relatedSkillUri"]
            related.setdefault(a, set()).add(b)
            related.setdefault(b, set()).add(a)
    desc, ssr = [], []
    for uri in uris:
        occ = tx.occupations[uri]
        counts: dict[str, float] = {}
        for word in _words(" ".join((occ.description, occ.label, *occ.alt_labels))):
            counts[word] = counts.get(word, 0.0) + 1.0
        desc.append({w: 1 + math.log(c) for w, c in counts.items()})
        bag = dict.fromkeys(tx.optional_skills(uri), 0.5)
        bag.update(dict.fromkeys(tx.essential_skills(uri), 1.0))
        for skill, weight in list(bag.items()):
            for other in related.get(skill, ()):
                bag[other] = max(bag.get(other, 0.0), weight / 2)
        ssr.append(bag)
    unit_size: dict[str, int] = {}
    for uri in uris:
        group = tx.occupations[uri].isco_group
        unit_size[group] = unit_size.get(group, 0) + 1
    breadth = model.signals(uris[0])["breadth"]
    priors = []
    for n, uri in enumerate(uris):
        skills = set(tx.essential_skills(uri)) | set(tx.optional_skills(uri))
        broad = sum(
            tx.skills[s].reuse_level in ("transversal", "cross-sector")
            for s in skills
            if s in tx.skills
        )
        priors.append(
            [
                math.log1p(len(tx.optional_skills(uri))),
                math.log(unit_size[tx.occupations[uri].isco_group]),
                broad / max(1, len(skills)),
                float(breadth[n] == 1.0),
            ]
        )
    prior = np.array(priors)
    return [_cosine_matrix(desc), _cosine_matrix(ssr)], prior


# ISCO-08 skill level by major group (1-4); armed forces (0) and unknown as 2.
_SKILL_LEVEL = {"1": 4, "2": 4, "3": 3, "9": 1}
FUSION_FEATURES = (
    *SIGNALS,
    "description",
    "skill relations",
    "skill-level gap",
    "prior: log optional skills",
    "prior: log ISCO unit size",
    "prior: broad-skill share",
    "prior: directly under ISCO",
)


def fusion(
    model: TransitionModel,
    known: Sequence[Item],
    signals: Mapping[str, Mapping[str, np.ndarray]],
    items: Sequence[Item],
    isco_of: Callable[[str], str],
) -> None:
    """Logistic fusion of the engine's signals and the extra views, fit on half A.

    Training pairs per half-A query: the model's top 200 and 100 random
    occupations, labelled relevant or not; features standardised. The linear
    score then ranks all occupations. Only ESCO-wide features and per-target
    structural priors enter: a nonlinear learner over per-target features
    could memorise which occupations the O*NET crosswalk ever maps (the two
    halves share most relevant targets), which is not a transferable signal.
    """
    from sklearn.linear_model import LogisticRegression  # dev dependency only

    uris = model.uris
    row = {u: i for i, u in enumerate(uris)}
    (desc, ssr), prior = extra_views(model)
    level = np.array([_SKILL_LEVEL.get(isco_of(u)[:1], 2) for u in uris], np.float64)

    def features(q: str, source: str) -> np.ndarray:
        i = row[source]
        cols = [signals[q][name] for name in SIGNALS]
        cols += [(m @ m[i].T).toarray().ravel() for m in (desc, ssr)]
        cols.append(np.abs(level - level[i]))
        return np.column_stack([*cols, prior])

    rng = np.random.default_rng(0)
    half_a = [it for it in known if half_of(it[1]) == "A"]
    xs, ys = [], []
    for q, s, relevant in half_a:
        x = features(q, s)
        base = model._combine(signals[q])
        pool = set(np.argpartition(-base, 200)[:200].tolist())
        pool |= set(rng.integers(0, len(uris), 100).tolist())
        pool.discard(row[s])
        picked = np.array(sorted(pool))
        xs.append(x[picked])
        ys.append(np.array([uris[p] in relevant for p in picked]))
    x_train, y_train = np.vstack(xs), np.concatenate(ys)
    mu, sd = x_train.mean(axis=0), x_train.std(axis=0) + 1e-9
    fit = LogisticRegression(C=0.1, max_iter=3000).fit((x_train - mu) / sd, y_train)
    coef = fit.coef_[0] / sd
    print("logistic fusion, standardised coefficients (fit on half A):")
    for name, c in sorted(
        zip(FUSION_FEATURES, fit.coef_[0], strict=True), key=lambda t: -abs(t[1])
    ):
        print(f"  {name:<28} {c:+.3f}")
    ranks = {q: top_k(features(q, s) @ coef, uris, row[s]) for q, s, _ in known}
    report("logistic fusion (fit on A)", ranks, items, isco_of)


if __name__ == "__main__":
    sys.exit(main())
