"""Job-title normalisation: free-text titles → ranked occupations of a taxonomy.

:class:`TitleNormaliser` indexes every label of every occupation (preferred,
alternative, hidden, and translations) and scores a title against each label
with two complementary views, then keeps the best label per occupation:

* **words**: TF-IDF over words in their canonical form (gendered and inflected
  forms mapped onto the form the labels use) *plus the parts of Dutch compounds*
  (``vrachtwagenchauffeur`` → ``vrachtwagen`` + ``chauffeur``), so word order and
  compounding do not matter (``chauffeur vrachtwagen``). The title's words are
  expanded with substitutes mined from the taxonomy itself: two labels of one
  occupation that differ in a single word (``verantwoordelijke communicatie`` /
  ``communicatiemanager``) teach that ``verantwoordelijke`` can stand for
  ``manager``;
* **characters**: TF-IDF over character 3-5-grams of each word, which absorbs
  spelling variants, typos and morphology the word view misses;
* **description**, lightly: an occupation whose description is about the title's
  words moves up a little (towards 1, never past it). This mostly breaks ties
  between occupations that list the same synonym;
* **pooled labels**, likewise: all labels of an occupation as one bag of words,
  so a title whose words are spread over several labels of one occupation
  (``kantoorbediende facturatie``) favours it. The weights of the views were
  chosen on a self-supervised split of ESCO itself (held-out alternative labels
  as queries, ``bench/quality_titles.py --self``), not on any benchmark.

Besides its own labels, each occupation is indexed under the name of its ISCO-08
unit group (``Hotelreceptionisten``) at a lower weight, which catches generic
titles that name a whole family of occupations.

Scores lie in [0, 1]: 1 means the title is, after normalisation, the preferred
label. Alternative and hidden labels score slightly lower, so an occupation
whose *preferred* label matches wins a tie with one that merely lists the title as
a synonym. Titles that several occupations share ("chauffeur") get several
candidates with comparable scores: a score says how well the title matches that
occupation, not how sure the normaliser is that it is the only answer.

Pure Python + NumPy/SciPy; no model files, no network.
"""

from __future__ import annotations

import json
import math
import os
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from skillmatch.taxonomy import Taxonomy
from skillmatch.text import Vocabulary, char_ngrams, fold, strip_noise, words

__all__ = ["TitleMatch", "TitleNormaliser"]

# How much a label of each kind counts, relative to the preferred label.
_KIND_WEIGHTS = (
    ("preferred", 1.0),
    ("alt", 0.97),
    ("hidden", 0.9),
    ("translation", 0.93),
)
_ISCO_WEIGHT = 0.8  # the ISCO unit group's name, a label shared by its occupations
_WORD_WEIGHT = 0.4  # share of the word view; the character view gets the rest
_EXPANSION_WEIGHT = 0.9  # weight of the best substitute relative to the word itself
_EXPANSION_TOP = 5  # substitutes kept per word
# Character n-grams found in more than this share of labels ("er ", " me") carry
# almost no information but dominate the cost of scoring: they are ignored.
_MAX_CHAR_DF = 0.01
_MIN_IGNORED_DF = 50  # ...but never on tiny taxonomies, where every n-gram is rare
_DESCRIPTION_WEIGHT = 0.2  # pull of the occupation's description on its score
# Pull of the occupation's pooled label words (all its labels as one bag of words).
_POOLED_WEIGHT = 0.6
_MIN_SCORE = 0.05  # weaker label matches are noise and never reported
_BATCH = 256
_MAX_TITLE = 300  # characters; longer input is not a title, only its start counts
_CACHE_LIMIT = 100_000
_FORMAT = "skillmatch-title-index-1"  # written by save(), checked by load()
_SPACES = ("_word_space", "_char_space", "_pooled_space", "_desc_space")
_MATRICES = ("_index_t", "_pull_t")
_ARRAYS = ("_kind", "_owner", "_tie")

_FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """One candidate occupation for a job title.

    Attributes:
        uri: The occupation's URI.
        label: Its preferred label.
        score: Similarity in [0, 1], rounded to six decimals; 1 is an exact match
            on the preferred label.
    """

    uri: str
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class _Space:
    """A TF-IDF feature space: feature → column, and each column's IDF."""

    columns: dict[str, int]
    idf: npt.NDArray[np.float64]
    unseen_idf: float
    ignored: frozenset[str]

    @classmethod
    def fit(cls, docs: Sequence[Counter[str]], max_df: float = 1.0) -> _Space:
        """Learn columns and IDFs; features in more than ``max_df`` of docs are ignored."""
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(doc.keys())
        n = len(docs)
        limit = max(_MIN_IGNORED_DF, max_df * n)
        ignored = frozenset(f for f, count in df.items() if count > limit)
        columns = {f: i for i, f in enumerate(sorted(set(df) - ignored))}
        idf = np.empty(len(columns), dtype=np.float64)
        for feature, col in columns.items():
            idf[col] = math.log((n + 1) / (df[feature] + 1)) + 1.0
        return cls(columns, idf, math.log(n + 1) + 1.0, ignored)

    def to_json(self) -> dict[str, Any]:
        """The space's features (in column order), unseen IDF and ignored features."""
        return {
            "features": sorted(self.columns, key=self.columns.__getitem__),
            "unseen_idf": self.unseen_idf,
            "ignored": sorted(self.ignored),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], idf: npt.NDArray[np.float64]) -> _Space:
        """Inverse of :meth:`to_json`, with the IDFs stored beside it."""
        features = data["features"]
        if len(features) != len(idf):
            msg = "feature and IDF counts differ"
            raise ValueError(msg)
        columns = {f: i for i, f in enumerate(features)}
        return cls(columns, idf, float(data["unseen_idf"]), frozenset(data["ignored"]))

    def matrix(self, docs: Sequence[Counter[str]]) -> sp.csr_matrix:
        """L2-normalised TF-IDF rows (float32), one per document.

        Features without a column (ignored, or unknown to the space) are left
        out entirely; titles, whose unknown words must still weigh in the norm,
        go through ``TitleNormaliser._query_row`` instead.
        """
        columns = self.columns
        cols: list[int] = []
        tfs: list[float] = []
        lengths: list[int] = []
        for doc in docs:
            before = len(cols)
            for feature, tf in doc.items():
                col = columns.get(feature)
                if col is not None:
                    cols.append(col)
                    tfs.append(tf)
            lengths.append(len(cols) - before)
        col_arr = np.asarray(cols, dtype=np.int32)
        weights = np.asarray(tfs, dtype=np.float64) * self.idf[col_arr]
        row_of = np.repeat(np.arange(len(docs)), lengths)
        norms = np.sqrt(np.bincount(row_of, weights=weights**2, minlength=len(docs)))
        norms[norms == 0.0] = 1.0
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        out = sp.csr_matrix(
            ((weights / norms[row_of]).astype(np.float32), col_arr, indptr),
            shape=(len(docs), len(columns)),
        )
        out.sort_indices()
        return out


class TitleNormaliser:
    """Map free-text job titles onto a taxonomy's occupations.

    Build once per taxonomy (a few seconds for full ESCO), then call
    :meth:`normalise` per title or :meth:`normalise_many` for batches (faster per
    title). The index is read-only after construction; the word caches it keeps
    are plain dicts, so share one instance between threads only under the GIL
    (as CPython does) or give each thread its own.

    Args:
        taxonomy: Source of the occupations and their labels. Occupations
            without any label cannot be found.
    """

    def __init__(self, taxonomy: Taxonomy) -> None:
        """Index the labels of every occupation in ``taxonomy``."""
        uris: list[str] = []
        labels: list[str] = []
        texts: list[str] = []
        owners: list[int] = []
        kinds: list[float] = []
        descriptions: list[str] = []
        for occ in taxonomy.occupations.values():
            best: dict[str, float] = {}
            groups = (occ.label,), occ.alt_labels, occ.hidden_labels, occ.translations
            for (_, weight), group in zip(_KIND_WEIGHTS, groups, strict=True):
                for label in group:
                    folded = fold(label)
                    if folded and best.get(folded, 0.0) < weight:
                        best[folded] = weight
            if not best:
                continue
            group_label = fold(taxonomy.isco_groups.get(occ.isco_group, ""))
            if group_label and group_label not in best:
                best[group_label] = _ISCO_WEIGHT
            for folded, weight in best.items():
                texts.append(folded)
                owners.append(len(uris))
                kinds.append(weight)
            uris.append(occ.uri)
            labels.append(occ.label or occ.uri)
            descriptions.append(fold(occ.description))
        self._uris = uris
        self._labels = labels
        self._vocab = Vocabulary(texts)
        self._grams: dict[str, Counter[str]] = {}  # index build only
        word_docs = [self._word_features(t) for t in texts]
        char_docs = [self._char_features(t) for t in texts]
        self._word_space = _Space.fit(word_docs)
        self._char_space = _Space.fit(char_docs, max_df=_MAX_CHAR_DF)
        self._substitutes = _mine_substitutes([self._atoms(t) for t in texts], owners)
        n_words, n_chars = len(self._word_space.columns), len(self._char_space.columns)
        matrix = sp.hstack(
            [
                self._word_space.matrix(word_docs),
                self._char_space.matrix(char_docs),
            ],
            format="csr",
        )
        self._index_t = matrix.T.tocsr()
        self._grams.clear()
        own = [i for i, kind in enumerate(kinds) if kind != _ISCO_WEIGHT]
        pooled_docs = _pooled(
            [word_docs[i] for i in own], [owners[i] for i in own], len(uris)
        )
        self._pooled_space = _Space.fit(pooled_docs)
        desc_docs = [self._desc_features(d) for d in descriptions]
        self._desc_space = _Space.fit(desc_docs)
        # Both pulls in one product: each view's features side by side, weighted.
        self._pull_t = sp.vstack(
            [
                self._desc_space.matrix(desc_docs).T * _DESCRIPTION_WEIGHT,
                self._pooled_space.matrix(pooled_docs).T * _POOLED_WEIGHT,
            ],
            format="csr",
        )
        self._n_words, self._n_chars = n_words, n_chars
        self._char_cache: dict[str, tuple[dict[int, float], float]] = {}
        owner = np.asarray(owners, dtype=np.int64)
        self._kind = np.asarray(kinds, dtype=np.float32)
        self._owner = owner
        self._tie_bits = max(1, len(uris).bit_length())
        self._tie = (1 << self._tie_bits) - 1 - np.arange(len(uris), dtype=np.int64)

    def __len__(self) -> int:
        """Number of occupations that can be found (those with a label)."""
        return len(self._uris)

    # -- persistence ------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the built index to ``path``, a NumPy ``.npz`` file without pickles.

        :meth:`load` reads it back in a fraction of the build time. The file
        does not record which taxonomy or which version of this code built it:
        callers that cache it key the file name on both (as the CLI does).
        """
        meta = {
            "format": _FORMAT,
            "uris": self._uris,
            "labels": self._labels,
            "vocabulary": dict(self._vocab.counts),
            "substitutes": self._substitutes,
            "spaces": {name: getattr(self, name).to_json() for name in _SPACES},
            "n_words": self._n_words,
            "n_chars": self._n_chars,
            "tie_bits": self._tie_bits,
        }
        arrays: dict[str, npt.NDArray[Any]] = {
            "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        }
        for name in _SPACES:
            arrays[f"{name}.idf"] = getattr(self, name).idf
        for name in _MATRICES:
            matrix: sp.csr_matrix = getattr(self, name)
            arrays[f"{name}.data"] = matrix.data
            arrays[f"{name}.indices"] = matrix.indices
            arrays[f"{name}.indptr"] = matrix.indptr
            arrays[f"{name}.shape"] = np.asarray(matrix.shape, dtype=np.int64)
        for name in _ARRAYS:
            arrays[name] = getattr(self, name)
        savez: Any = np.savez  # its stubs take **arrays for its own keywords
        with Path(path).open("wb") as fh:
            savez(fh, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TitleNormaliser:
        """Read an index written by :meth:`save`.

        Raises:
            OSError: The file cannot be read.
            ValueError: The file is not an index written by :meth:`save`.
        """
        try:
            with np.load(path, allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in npz.files}
            meta = json.loads(arrays["meta"].tobytes())
            if not isinstance(meta, dict) or meta.get("format") != _FORMAT:
                msg = "unknown format"
                raise ValueError(msg)
            self = cls.__new__(cls)
            self._uris = list(meta["uris"])
            self._labels = list(meta["labels"])
            self._vocab = Vocabulary.from_counts(meta["vocabulary"])
            self._substitutes = {
                a: tuple((b, float(w)) for b, w in options)
                for a, options in meta["substitutes"].items()
            }
            for name in _SPACES:
                space = _Space.from_json(meta["spaces"][name], arrays[f"{name}.idf"])
                setattr(self, name, space)
            for name in _MATRICES:
                matrix = sp.csr_matrix(
                    (
                        arrays[f"{name}.data"],
                        arrays[f"{name}.indices"],
                        arrays[f"{name}.indptr"],
                    ),
                    shape=tuple(arrays[f"{name}.shape"]),
                )
                setattr(self, name, matrix)
            for name in _ARRAYS:
                setattr(self, name, arrays[name])
            self._n_words = int(meta["n_words"])
            self._n_chars = int(meta["n_chars"])
            self._tie_bits = int(meta["tie_bits"])
        except (
            AttributeError,
            EOFError,
            KeyError,
            TypeError,
            ValueError,
            zipfile.BadZipFile,
        ) as exc:
            msg = f"{os.fspath(path)!r} is not a title index: {exc}"
            raise ValueError(msg) from exc
        self._grams = {}
        self._char_cache = {}
        return self

    # -- features -------------------------------------------------------------

    def _terms(self, folded: str) -> list[str]:
        return [self._vocab.canonical(w) for w in words(folded)]

    def _word_features(self, folded: str) -> Counter[str]:
        return self._term_features(self._terms(folded))

    def _term_features(self, terms: list[str]) -> Counter[str]:
        """Each term, plus the parts of each compound term."""
        feats: Counter[str] = Counter(terms)
        for term in terms:
            feats.update(self._vocab.split(term))
        return feats

    def _char_features(self, folded: str) -> Counter[str]:
        feats: Counter[str] = Counter()
        grams = self._grams
        for term in self._terms(folded):
            counts = grams.get(term)
            if counts is None:
                counts = grams[term] = Counter(char_ngrams(term))
            feats.update(counts)
        return feats

    def _desc_features(self, folded: str) -> Counter[str]:
        """Words of a description, sub-linear counts (talking about X twice is enough)."""
        counts = self._word_features(folded)
        return Counter({f: 1 + int(math.log2(tf)) for f, tf in counts.items()})

    def _atoms(self, folded: str) -> frozenset[str]:
        """Words with compounds replaced by their parts: the units of substitution."""
        out: set[str] = set()
        for term in self._terms(folded):
            out.update(self._vocab.split(term) or (term,))
        return frozenset(out)

    def _expansions(self, feats: Counter[str]) -> dict[str, float]:
        """Substitutes of the title's words, weighted, that the title lacks."""
        extra: dict[str, float] = {}
        for feature, tf in feats.items():
            for other, weight in self._substitutes.get(feature, ()):
                if other not in feats:
                    value = tf * weight * _EXPANSION_WEIGHT
                    extra[other] = max(extra.get(other, 0.0), value)
        return extra

    def _char_weights(self, term: str) -> tuple[dict[int, float], float]:
        """Character-view TF-IDF weights of one word, and its unseen mass."""
        cached = self._char_cache.get(term)
        if cached is None:
            if len(self._char_cache) > _CACHE_LIMIT:
                self._char_cache.clear()
            columns, idf = self._char_space.columns, self._char_space.idf
            weights: dict[int, float] = {}
            missing = 0.0
            for gram, tf in Counter(char_ngrams(term)).items():
                col = columns.get(gram)
                if col is None:
                    if gram not in self._char_space.ignored:
                        missing += (tf * self._char_space.unseen_idf) ** 2
                else:
                    weights[col + self._n_words] = tf * idf[col]
            cached = self._char_cache[term] = (weights, missing)
        return cached

    def _query_row(
        self,
        terms: list[str],
        feats: Counter[str],
        indices: list[int],
        data: list[float],
    ) -> None:
        """Append one title's combined (word + character) row to ``indices``/``data``.

        The same TF-IDF maths as :meth:`_Space.rows`, except that features
        outside the space still count towards the norm (with the IDF of a
        never-seen feature): a title with an unknown word must not look like a
        perfect match for its other words. Substitutes add weight without
        taking part in the norm.
        """
        columns, idf, unseen = (
            self._word_space.columns,
            self._word_space.idf,
            self._word_space.unseen_idf,
        )
        row: dict[int, float] = {}
        missing = 0.0
        for feature, tf in feats.items():
            col = columns.get(feature)
            if col is None:
                missing += (tf * unseen) ** 2
            else:
                row[col] = tf * idf[col]
        norm = math.sqrt(sum(w * w for w in row.values()) + missing) or 1.0
        for feature, weight in self._expansions(feats).items():
            col = columns[feature]  # substitutes are label words: always indexed
            row[col] = row.get(col, 0.0) + weight * idf[col]
        scale = _WORD_WEIGHT / norm
        indices.extend(row)
        data.extend(w * scale for w in row.values())
        chars: dict[int, float] = {}
        missing = 0.0
        for term in terms:
            weights, term_missing = self._char_weights(term)
            missing += term_missing
            for col, w in weights.items():
                chars[col] = chars.get(col, 0.0) + w
        norm = math.sqrt(sum(w * w for w in chars.values()) + missing) or 1.0
        scale = (1.0 - _WORD_WEIGHT) / norm
        indices.extend(chars)
        data.extend(w * scale for w in chars.values())

    # -- scoring ----------------------------------------------------------------

    def _scores(self, titles: Sequence[str]) -> _FloatArray:
        """Occupation scores in [0, 1], one row per title."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        all_feats = []
        for title in titles:
            text = self._vocab.expand_abbreviations(title[:_MAX_TITLE])
            terms = self._terms(strip_noise(text))
            feats = self._term_features(terms)
            all_feats.append(feats)
            self._query_row(terms, feats, indices, data)
            indptr.append(len(indices))
        query = sp.csr_matrix(
            (
                np.asarray(data, dtype=np.float32),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(titles), self._n_words + self._n_chars),
        )
        label_scores = (query @ self._index_t).tocoo()
        # Most label scores are faint character overlaps; skipping them up front
        # saves most of the per-occupation aggregation below.
        keep = label_scores.data >= _MIN_SCORE
        cols = label_scores.col[keep]
        values = np.minimum(label_scores.data[keep], 1.0)  # expansions may overshoot
        values *= self._kind[cols]
        out = np.zeros((len(titles), len(self._uris)), dtype=np.float32)
        np.maximum.at(out, (label_scores.row[keep], self._owner[cols]), values)
        # Raise a score towards 1 by how much the occupation's description is
        # about the title's words (this breaks ties between equal labels), and
        # by how well its labels pooled into one bag of words cover them (a
        # title whose words are spread over several labels of one occupation,
        # "kantoorbediende facturatie", favours it). Never past 1.
        pull_query = sp.hstack(
            [
                self._desc_space.matrix(all_feats),
                self._pooled_space.matrix(all_feats),
            ],
            format="csr",
        )
        pull = (pull_query @ self._pull_t).tocoo()
        rows, cols = pull.row, pull.col
        current = out[rows, cols]
        out[rows, cols] = current + np.minimum(pull.data, 1.0) * (1.0 - current)
        return out

    def _top(self, scores: _FloatArray, k: int) -> list[list[TitleMatch]]:
        n_occ = scores.shape[1]
        k = min(k, n_occ)
        if k <= 0:
            return [[] for _ in range(scores.shape[0])]
        # Unique integer keys: the score's bits (order-preserving for floats >= 0)
        # then the reversed position, so equal scores rank in taxonomy order and
        # every run ranks alike.
        keys = (scores.view(np.int32).astype(np.int64) << self._tie_bits) | self._tie
        if k < n_occ:
            cand = np.argpartition(keys, n_occ - k, axis=1)[:, n_occ - k :]
        else:
            cand = np.broadcast_to(np.arange(n_occ), keys.shape)
        cand_keys = np.take_along_axis(keys, cand, axis=1)
        order = np.take_along_axis(cand, np.argsort(-cand_keys, axis=1), axis=1)
        top_scores = np.take_along_axis(scores, order, axis=1).tolist()
        uris, labels = self._uris, self._labels
        return [
            [
                TitleMatch(uris[i], labels[i], round(score, 6))
                for i, score in zip(idx, row_scores, strict=True)
                if score >= _MIN_SCORE
            ]
            for idx, row_scores in zip(order.tolist(), top_scores, strict=True)
        ]

    def normalise(self, title: str, k: int = 10) -> list[TitleMatch]:
        """The ``k`` occupations that best match ``title``, best first.

        Occupations scoring below 0.05 are left out, so the list may be shorter
        than ``k`` (empty for an empty or meaningless title). Only the first 300
        characters of a title count. Equal scores are
        ordered by the occupations' order in the taxonomy.
        """
        return self.normalise_many([title], k)[0]

    def normalise_many(
        self, titles: Iterable[str], k: int = 10
    ) -> list[list[TitleMatch]]:
        """:meth:`normalise` for many titles; vectorised, so much faster per title."""
        items = list(titles)
        results: list[list[TitleMatch]] = []
        for start in range(0, len(items), _BATCH):
            results.extend(self._top(self._scores(items[start : start + _BATCH]), k))
        return results


def _pooled(
    docs: Sequence[Counter[str]], owners: Sequence[int], n: int
) -> list[Counter[str]]:
    """Word features of each owner's own labels pooled (not its ISCO group's name).

    A feature counts the labels it occurs in, sub-linearly.
    """
    pooled: list[Counter[str]] = [Counter() for _ in range(n)]
    for doc, owner in zip(docs, owners, strict=True):
        pooled[owner].update(doc.keys())
    return [Counter({f: 1 + int(math.log2(c)) for f, c in d.items()}) for d in pooled]


def _mine_substitutes(
    labels: Sequence[frozenset[str]], owners: Sequence[int]
) -> dict[str, tuple[tuple[str, float], ...]]:
    """Words that replace each other in labels of the same occupation.

    Two labels of one occupation that differ in exactly one word each
    (``verantwoordelijke communicatie`` / ``communicatie manager``, compounds
    already split) say that those two words can stand in for each other. Counted
    over the whole taxonomy this yields, for ESCO, ``verantwoordelijke`` →
    ``manager``, ``hoofd``; ``plaatser`` → ``monteur``, ``installateur``. Each word
    keeps its most frequent substitutes, weighted relative to the most frequent
    one; a pair seen once counts too (requiring two lost more than it gained on
    the self-supervised ESCO split).
    """
    by_owner: dict[int, set[frozenset[str]]] = {}
    for atoms, owner in zip(labels, owners, strict=True):
        if atoms:
            by_owner.setdefault(owner, set()).add(atoms)
    counts: Counter[tuple[str, str]] = Counter()
    for group in by_owner.values():
        ordered = sorted(group, key=sorted)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                only_first = first - second
                only_second = second - first
                if len(only_first) == 1 == len(only_second) and first & second:
                    (a,) = only_first
                    (b,) = only_second
                    counts[(a, b)] += 1
                    counts[(b, a)] += 1
    grouped: dict[str, list[tuple[int, str]]] = {}
    for (a, b), n in counts.items():
        grouped.setdefault(a, []).append((n, b))
    out: dict[str, tuple[tuple[str, float], ...]] = {}
    for a, options in grouped.items():
        options.sort(key=lambda nb: (-nb[0], nb[1]))
        best = options[0][0]
        out[a] = tuple((b, n / best) for n, b in options[:_EXPANSION_TOP])
    return out
