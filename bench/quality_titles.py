"""Quality of job-title normalisation on Flemish VDAB titles, next to a TF-IDF baseline.

Run from the repository root::

    .venv/bin/python -m bench.quality_titles            # Dutch ESCO labels only
    .venv/bin/python -m bench.quality_titles --english  # + English labels as translations
    .venv/bin/python -m bench.quality_titles --self     # + self-supervised ESCO split

Data: ``../shared/data/benchmarks/job-titles-flemish-vdab`` (328 titles, one relevant
ESCO occupation each, from VDAB's official crosswalk) and the ESCO folders beside it.
The baseline is a character n-gram TF-IDF (scikit-learn ``char_wb``) over exactly the
labels the normaliser indexes, scored as the best label per occupation. Both are
measured in the same run with ``bench.metrics.evaluate``.

``--self`` adds a self-supervised check that needs no benchmark at all and is what
the normaliser may be tuned on: a deterministic tenth of ESCO's alternative and
hidden labels (chosen by a hash of occupation URI and label) is removed from the
taxonomy and used as queries; the relevant occupations are the label's owner and
any other occupation that still carries the very same label. The held-out labels
fall into two halves (``tune`` and ``test``, by the same hash) and a ``no shared
word`` subset: labels that share no content word with any remaining label of
their occupation, like the hardest VDAB titles.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bench.metrics import SHARED_DATA, evaluate
from skillmatch import Occupation, Taxonomy, TitleMatch, TitleNormaliser
from skillmatch.text import fold, words

BENCH = SHARED_DATA / "benchmarks" / "job-titles-flemish-vdab"
SIMILARITY = SHARED_DATA / "benchmarks" / "job-title-similarity" / "nl"


def read_benchmark(folder: Path = BENCH) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Query id → title, and query id → relevant occupation URIs."""
    with (folder / "queries.tsv").open(encoding="utf-8", newline="") as fh:
        queries = {
            r["query_id"]: r["title"] for r in csv.DictReader(fh, delimiter="\t")
        }
    relevant: dict[str, set[str]] = {}
    with (folder / "relevant_occupations.tsv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            relevant.setdefault(r["query_id"], set()).add(r["esco_uri"])
    return queries, relevant


def load_taxonomy(*, english: bool) -> Taxonomy:
    """Dutch ESCO v1.2.1 occupations, optionally with English labels as translations."""
    folders = [SHARED_DATA / "esco" / "v1.2.1" / "nl"]
    if english:
        folders.append(SHARED_DATA / "esco" / "v1.2.1" / "en")
    return Taxonomy.from_esco(*folders)


class TfidfBaseline:
    """Character n-gram TF-IDF over all labels; an occupation scores its best label."""

    def __init__(
        self, taxonomy: Taxonomy, ngram_range: tuple[int, int] = (2, 4)
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer  # dev dependency

        labels: list[str] = []
        owners: list[int] = []
        self.uris = list(taxonomy.occupations)
        for i, occ in enumerate(taxonomy.occupations.values()):
            for label in (
                occ.label,
                *occ.alt_labels,
                *occ.hidden_labels,
                *occ.translations,
            ):
                labels.append(label)
                owners.append(i)
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range)
        self.matrix_t = self.vectorizer.fit_transform(labels).T.tocsr()
        self.owners = np.asarray(owners)

    def rank(self, titles: Sequence[str], k: int = 10) -> list[list[str]]:
        """Top-``k`` occupation URIs per title."""
        out: list[list[str]] = []
        for start in range(0, len(titles), 256):
            chunk = titles[start : start + 256]
            scores = (self.vectorizer.transform(chunk) @ self.matrix_t).toarray()
            best: npt.NDArray[np.float64] = np.zeros((len(chunk), len(self.uris)))
            np.maximum.at(best.T, self.owners, scores.T)
            for row in best:
                top = np.argsort(-row, kind="stable")[:k]
                out.append([self.uris[i] for i in top])
        return out


@dataclasses.dataclass(frozen=True)
class SelfSplit:
    """A taxonomy with held-out labels removed, and those labels as queries."""

    taxonomy: Taxonomy
    queries: dict[str, str]
    relevant: dict[str, set[str]]
    half: dict[str, str]  # query id → "tune" or "test"
    no_shared_word: set[str]  # query ids sharing no word with their occupation


def _bucket(uri: str, label: str) -> int:
    digest = hashlib.sha256(f"{uri}\t{label}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def self_split(taxonomy: Taxonomy, per_mille: int = 100) -> SelfSplit:
    """Hold out ``per_mille``/1000 of the alternative and hidden labels (deterministic)."""
    occupations: dict[str, Occupation] = {}
    held: list[tuple[str, str, int]] = []
    for uri, occ in taxonomy.occupations.items():
        keep_alt: list[str] = []
        keep_hidden: list[str] = []
        for group, keep in (
            (occ.alt_labels, keep_alt),
            (occ.hidden_labels, keep_hidden),
        ):
            for label in group:
                bucket = _bucket(uri, label)
                if bucket % 1000 < per_mille and fold(label) != fold(occ.label):
                    held.append((uri, label, bucket))
                else:
                    keep.append(label)
        occupations[uri] = dataclasses.replace(
            occ, alt_labels=tuple(keep_alt), hidden_labels=tuple(keep_hidden)
        )
    owners_of: dict[str, set[str]] = {}
    words_of: dict[str, set[str]] = {}
    for uri, occ in occupations.items():
        for label in (
            occ.label,
            *occ.alt_labels,
            *occ.hidden_labels,
            *occ.translations,
        ):
            owners_of.setdefault(fold(label), set()).add(uri)
            words_of.setdefault(uri, set()).update(words(fold(label)))
    pairs = [
        (b, c) for b in taxonomy.occupations for c in taxonomy.broader_occupations(b)
    ]
    reduced = Taxonomy(
        occupations=occupations,
        skills=taxonomy.skills,
        skill_groups=taxonomy.skill_groups,
        isco_groups=taxonomy.isco_groups,
        relations=(),
        skill_broader=(),
        occupation_broader=pairs,
    )
    queries: dict[str, str] = {}
    relevant: dict[str, set[str]] = {}
    half: dict[str, str] = {}
    hard: set[str] = set()
    for i, (uri, label, bucket) in enumerate(held):
        qid = f"S{i:05d}"
        queries[qid] = label
        relevant[qid] = {uri} | owners_of.get(fold(label), set())
        half[qid] = "tune" if (bucket // 1000) % 2 == 0 else "test"
        if not set(words(fold(label))) & words_of.get(uri, set()):
            hard.add(qid)
    return SelfSplit(reduced, queries, relevant, half, hard)


def self_supervised(taxonomy: Taxonomy, *, baseline: bool = True) -> None:
    """Print the normaliser's (and the baseline's) figures on the self-supervised split."""
    split = self_split(taxonomy)
    qids = list(split.queries)
    titles = [split.queries[q] for q in qids]
    normaliser = TitleNormaliser(split.taxonomy)
    ours = {
        q: [m.uri for m in r]
        for q, r in zip(qids, normaliser.normalise_many(titles), strict=True)
    }
    rankings = {"skillmatch TitleNormaliser": ours}
    if baseline:
        base = TfidfBaseline(split.taxonomy)
        rankings["baseline char_wb 2-4 TF-IDF"] = dict(
            zip(qids, base.rank(titles), strict=True)
        )
    n_hard = len(split.no_shared_word)
    print(
        f"self-supervised ESCO split: {len(qids)} held-out labels "
        f"({n_hard} share no word with their occupation's other labels)"
    )
    subsets = {
        "tune": {q for q in qids if split.half[q] == "tune"},
        "test": {q for q in qids if split.half[q] == "test"},
        "no shared word": split.no_shared_word,
    }
    for name, ranked in rankings.items():
        print(evaluate(ranked, split.relevant).line(name))
        for subset, members in subsets.items():
            rel = {q: r for q, r in split.relevant.items() if q in members}
            print(evaluate(ranked, rel).line(f"  {subset}"))


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t"))


def title_similarity(normaliser: TitleNormaliser, k: int = 10) -> None:
    """Sanity check on other Dutch titles: title → related titles, by occupations.

    Each title becomes the vector of its top-20 occupation scores; corpus titles
    are ranked by cosine to the query's vector. The baseline ranks them by
    character n-gram TF-IDF cosine between the titles themselves.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer  # dev dependency

    queries = {row[0]: row[1] for row in _tsv(SIMILARITY / "queries.tsv")}
    corpus = {row[0]: row[1] for row in _tsv(SIMILARITY / "corpus_documents.tsv")}
    relevant: dict[str, set[str]] = {}
    for qid, _, did, rel in _tsv(SIMILARITY / "annotations.tsv"):
        if rel != "0":
            relevant.setdefault(qid, set()).add(did)
    qids, dids = list(queries), list(corpus)

    q_matches = normaliser.normalise_many([queries[q] for q in qids], k=20)
    d_matches = normaliser.normalise_many([corpus[d] for d in dids], k=20)
    uri_index: dict[str, int] = {}
    for matches in q_matches + d_matches:
        for m in matches:
            uri_index.setdefault(m.uri, len(uri_index))

    def profiles(rows: list[list[TitleMatch]]) -> npt.NDArray[np.float64]:
        out = np.zeros((len(rows), len(uri_index)))
        for row, matches in enumerate(rows):
            for m in matches:
                out[row, uri_index[m.uri]] = m.score
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def ranked(sim: npt.NDArray[np.float64]) -> dict[str, list[str]]:
        out = {}
        for i, qid in enumerate(qids):
            order = np.argsort(-sim[i], kind="stable")
            out[qid] = [dids[j] for j in order if dids[j] != qid][:k]
        return out

    ours = ranked(profiles(q_matches) @ profiles(d_matches).T)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4))
    d_mat = vec.fit_transform([corpus[d] for d in dids])
    base = ranked((vec.transform([queries[q] for q in qids]) @ d_mat.T).toarray())
    print(f"job-title-similarity/nl: {len(qids)} queries, {len(dids)} titles")
    print(evaluate(ours, relevant).line("skillmatch occupation profiles", k))
    print(evaluate(base, relevant).line("baseline char_wb 2-4 TF-IDF", k))


def main(argv: Sequence[str] | None = None) -> int:
    """Print MRR@10, R@1 and R@10 for the normaliser and the baselines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--english", action="store_true", help="add English labels")
    parser.add_argument(
        "--self", action="store_true", help="add the self-supervised ESCO split"
    )
    args = parser.parse_args(argv)
    if not BENCH.is_dir():
        print(f"benchmark data not found at {BENCH}", file=sys.stderr)
        return 2
    queries, relevant = read_benchmark()
    taxonomy = load_taxonomy(english=args.english)

    def isco_of(uri: str) -> str:
        occ = taxonomy.occupations.get(uri)
        return occ.isco_group if occ else ""

    qids = list(queries)
    titles = [queries[q] for q in qids]
    labels = "nl+en" if args.english else "nl"
    print(f"job-titles-flemish-vdab: {len(qids)} queries, ESCO v1.2.1 labels: {labels}")

    start = time.perf_counter()
    normaliser = TitleNormaliser(taxonomy)
    build = time.perf_counter() - start
    results = normaliser.normalise_many(titles, k=10)
    ours = {q: [m.uri for m in r] for q, r in zip(qids, results, strict=True)}
    print(evaluate(ours, relevant, isco_of).line("skillmatch TitleNormaliser"))
    for ngrams in ((2, 4), (3, 5)):
        baseline = TfidfBaseline(taxonomy, ngrams)
        ranked = dict(zip(qids, baseline.rank(titles), strict=True))
        name = f"baseline char_wb {ngrams[0]}-{ngrams[1]} TF-IDF"
        print(evaluate(ranked, relevant, isco_of).line(name))
    print(f"(normaliser index built in {build:.2f} s)")
    if SIMILARITY.is_dir():
        print()
        title_similarity(normaliser)
    if args.self:
        print()
        self_supervised(taxonomy)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
