"""Quality of job-title normalisation on Flemish VDAB titles, next to a TF-IDF baseline.

Run from the repository root::

    .venv/bin/python -m bench.quality_titles            # Dutch ESCO labels only
    .venv/bin/python -m bench.quality_titles --english  # + English labels as translations

Data: ``../shared/data/benchmarks/job-titles-flemish-vdab`` (328 titles, one relevant
ESCO occupation each, from VDAB's official crosswalk) and the ESCO folders beside it.
The baseline is a character n-gram TF-IDF (scikit-learn ``char_wb``) over exactly the
labels the normaliser indexes, scored as the best label per occupation. Both are
measured in the same run with ``bench.metrics.evaluate``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bench.metrics import SHARED_DATA, evaluate
from skillmatch import Taxonomy, TitleMatch, TitleNormaliser

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
