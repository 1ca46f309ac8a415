"""Career transitions: from an occupation (or a person), which occupations are in reach.

:class:`TransitionModel` scores every occupation of a taxonomy against a source
with a weighted sum of five signals, each in [0, 1]:

============  ===============================================================
signal        what it measures
============  ===============================================================
``skills``    cosine of IDF-weighted skill vectors (essential skills weigh 1,
              optional ones :attr:`TransitionWeights.optional_weight`), each
              vector extended with the skill groups above its skills (weight
              :attr:`TransitionWeights.hierarchy_weight`) so that different but
              related skills still overlap
``titles``    cosine of character-trigram TF-IDF vectors of the occupations'
              preferred and alternative labels ("sales manager" ~ "marketing
              manager")
``isco``      share of ISCO-08 levels in common: same 1-, 2-, 3- and 4-digit
              group each add a quarter
``family``    1 when one occupation is the other's broader occupation, or both
              have the same broader occupation (ESCO occupation hierarchy)
``breadth``   1 for an occupation directly under its ISCO group, ½ one level
              deeper, …: broad occupations are more common destinations
============  ===============================================================

``score = Σ weight·signal / Σ weight`` lies in [0, 1]; an optional regional
demand factor per occupation multiplies it. The default weights (skills 1,
titles 0.3, ISCO 0.1, family 0, breadth 0.8) were chosen by a small grid search
on one half of an O*NET-derived benchmark and checked on the other half
(``bench/quality_transitions.py``); no O*NET data is used at run time. The
large breadth weight means: among occupations with similar skills, suggest the
general ones (ESCO's "shop assistant" before its specialised children), which
are the usual destinations of a career move.

Signals measured on that benchmark and left out because they did not beat these
defaults on the held-out half (``bench/quality_transitions.py --fusion``):
skills extended by ESCO's skill-skill relations, deeper skill-hierarchy
smoothing, description TF-IDF, ISCO unit-group and parent-occupation centroids,
a latent (SVD) skill space, skill-level gaps, structural "generality" priors
(narrower occupations, skill counts, reuse-level mix, hubness), diversified
lists, and a logistic fusion of all of them fitted on the other half.

Each :class:`Transition` lists the skills the source already has (``shared``)
and the target's skills it lacks (``gap``, essential skills first).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from skillmatch.profiles import CandidateProfile
from skillmatch.taxonomy import Taxonomy

__all__ = [
    "Transition",
    "TransitionModel",
    "TransitionWeights",
    "transitions_jsonl",
]

_ISCO_LEVELS = 4
_GRAM = 3
_F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TransitionWeights:
    """Weights of the transition signals (see the module docstring).

    Attributes:
        skills: Weight of skill-vector similarity.
        titles: Weight of title similarity.
        isco: Weight of ISCO-group proximity.
        family: Weight of the occupation hierarchy (parent, child, sibling).
        breadth: Weight of the breadth prior.
        optional_weight: Weight of an optional skill relative to an essential one.
        hierarchy_weight: Weight of the skill-group part of the skill vectors.

    Raises:
        ValueError: A negative weight, or all signal weights zero.
    """

    skills: float = 1.0
    titles: float = 0.3
    isco: float = 0.1
    family: float = 0.0
    breadth: float = 0.8
    optional_weight: float = 0.5
    hierarchy_weight: float = 0.5

    def __post_init__(self) -> None:
        for name in self.__slots__:
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                msg = f"{name} must be a finite number >= 0, not {value!r}"
                raise ValueError(msg)
        if self.total == 0:
            msg = "at least one signal weight must be positive"
            raise ValueError(msg)

    @property
    def total(self) -> float:
        """Sum of the five signal weights."""
        return self.skills + self.titles + self.isco + self.family + self.breadth


@dataclass(frozen=True, slots=True)
class Transition:
    """An occupation within reach of the source.

    Attributes:
        uri: The target occupation.
        label: Its display label.
        score: In [0, 1] (times the demand factor when one is given).
        shared: Skill URIs of the target the source already has.
        gap: Skill URIs of the target the source lacks; essential ones first.
    """

    uri: str
    label: str
    score: float
    shared: tuple[str, ...]
    gap: tuple[str, ...]


def _normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def _grams(text: str) -> list[str]:
    grams: list[str] = []
    for word in re.findall(r"\w+", text.casefold()):
        padded = f" {word} "
        grams.extend(padded[i : i + _GRAM] for i in range(len(padded) - _GRAM + 1))
    return grams


class TransitionModel:
    """Occupation-to-occupation transition scores over one taxonomy.

    Building the model indexes every occupation once (a second or two for ESCO);
    each query then scores all occupations with a few sparse products.

    Args:
        taxonomy: Occupations, their skills and hierarchies.
        weights: Signal weights (default :class:`TransitionWeights`).
    """

    def __init__(
        self, taxonomy: Taxonomy, weights: TransitionWeights | None = None
    ) -> None:
        """Index the taxonomy's occupations for transition queries."""
        self.taxonomy = taxonomy
        self.weights = weights or TransitionWeights()
        self.uris: tuple[str, ...] = tuple(sorted(taxonomy.occupations))
        self._row = {uri: i for i, uri in enumerate(self.uris)}
        self._skill_col: dict[str, int] = {}
        self._skills = self._skill_matrix()
        self._titles = self._title_matrix()
        self._isco = self._isco_codes()
        self._parent = np.array(
            [self._parent_row(uri) for uri in self.uris], dtype=np.int64
        ).reshape(len(self.uris))
        self._breadth = np.array(
            [1.0 / (1 + self._depth(uri)) for uri in self.uris]
        ).reshape(len(self.uris))

    # -- index construction ---------------------------------------------------

    def _skill_weights(self, uri: str) -> dict[str, float]:
        weights = dict.fromkeys(
            self.taxonomy.optional_skills(uri), self.weights.optional_weight
        )
        weights.update(dict.fromkeys(self.taxonomy.essential_skills(uri), 1.0))
        return weights

    def _expand(self, skills: Mapping[str, float]) -> dict[str, float]:
        """Skill weights plus, scaled down, the skill groups one and two levels up."""
        out = dict(skills)
        hw = self.weights.hierarchy_weight
        for skill, weight in skills.items():
            for parent in self.taxonomy.broader_skills(skill):
                key = "^" + parent
                out[key] = max(out.get(key, 0.0), hw * weight)
                for grand in self.taxonomy.broader_skills(parent):
                    gkey = "^" + grand
                    out[gkey] = max(out.get(gkey, 0.0), hw * weight / 2)
        return out

    def _skill_matrix(self) -> sp.csr_matrix:
        rows = [self._expand(self._skill_weights(uri)) for uri in self.uris]
        df: dict[str, int] = {}
        for row in rows:
            for key in row:
                df[key] = df.get(key, 0) + 1
        n = len(rows)
        self._idf = {
            key: math.log((n + 1) / (count + 1)) + 1 for key, count in df.items()
        }
        for key in sorted(df):
            self._skill_col[key] = len(self._skill_col)
        return self._sparse(rows, self._skill_col, self._idf)

    def _title_matrix(self) -> sp.csr_matrix:
        rows: list[dict[str, float]] = []
        for uri in self.uris:
            occ = self.taxonomy.occupations[uri]
            counts: dict[str, float] = {}
            for label in (occ.label, *occ.alt_labels):
                for gram in _grams(label):
                    counts[gram] = counts.get(gram, 0.0) + 1.0
            rows.append({g: 1.0 + math.log(c) for g, c in counts.items()})
        df: dict[str, int] = {}
        for row in rows:
            for gram in row:
                df[gram] = df.get(gram, 0) + 1
        n = len(rows)
        idf = {g: math.log((n + 1) / (c + 1)) + 1 for g, c in df.items()}
        cols = {g: i for i, g in enumerate(sorted(df))}
        return self._sparse(rows, cols, idf)

    def _sparse(
        self,
        rows: list[dict[str, float]],
        cols: Mapping[str, int],
        idf: Mapping[str, float],
    ) -> sp.csr_matrix:
        data: list[float] = []
        indices: list[int] = []
        indptr = [0]
        for row in rows:
            for key, value in row.items():
                indices.append(cols[key])
                data.append(value * idf[key])
            indptr.append(len(indices))
        matrix = sp.csr_matrix(
            (np.array(data), np.array(indices, dtype=np.int64), np.array(indptr)),
            shape=(len(rows), len(cols)),
        )
        return _normalise_rows(matrix)

    def _isco_codes(self) -> list[npt.NDArray[np.int64]]:
        """Per ISCO level, an integer id of each occupation's group (-1 unknown)."""
        levels: list[npt.NDArray[np.int64]] = []
        for length in range(1, _ISCO_LEVELS + 1):
            ids: dict[str, int] = {}
            column = []
            for uri in self.uris:
                code = self.taxonomy.occupations[uri].isco_group
                prefix = code[:length] if len(code) >= length else ""
                column.append(ids.setdefault(prefix, len(ids)) if prefix else -1)
            levels.append(np.array(column, dtype=np.int64).reshape(len(self.uris)))
        return levels

    def _parent_row(self, uri: str) -> int:
        for parent in self.taxonomy.broader_occupations(uri):
            row = self._row.get(parent)
            if row is not None:
                return row
        return -1

    def _depth(self, uri: str) -> int:
        depth = 0
        seen = {uri}
        parent = self._parent_row(uri)
        while parent >= 0 and self.uris[parent] not in seen:
            seen.add(self.uris[parent])
            depth += 1
            parent = self._parent_row(self.uris[parent])
        return depth

    # -- queries --------------------------------------------------------------

    def signals(self, occupation_uri: str) -> dict[str, _F64]:
        """Each signal of ``occupation_uri`` against every occupation (row order
        of :attr:`uris`), for inspection and tuning.

        Raises:
            KeyError: The taxonomy does not know the occupation.
        """
        i = self._row[occupation_uri]
        n = len(self.uris)
        skills = np.asarray((self._skills @ self._skills[i].T).toarray()).reshape(n)
        titles = np.asarray((self._titles @ self._titles[i].T).toarray()).reshape(n)
        isco = np.zeros(n)
        for level in self._isco:
            if level[i] >= 0:
                isco += (level == level[i]) / _ISCO_LEVELS
        parent = self._parent[i]
        family = np.zeros(n)
        family[self._parent == i] = 1.0
        if parent >= 0:
            family[parent] = 1.0
            family[self._parent == parent] = 1.0
        return {
            "skills": skills,
            "titles": titles,
            "isco": isco,
            "family": family,
            "breadth": self._breadth.copy(),
        }

    def _combine(self, signals: Mapping[str, _F64]) -> _F64:
        w = self.weights
        total: _F64 = (
            w.skills * signals["skills"]
            + w.titles * signals["titles"]
            + w.isco * signals["isco"]
            + w.family * signals["family"]
            + w.breadth * signals["breadth"]
        ) / w.total
        return np.clip(total, 0.0, 1.0)

    def _profile_scores(self, skills: Mapping[str, float]) -> _F64:
        expanded = self._expand(skills)
        cols = [self._skill_col[k] for k in expanded if k in self._skill_col]
        vals = [expanded[k] * self._idf[k] for k in expanded if k in self._skill_col]
        vec = np.zeros(len(self._skill_col))
        vec[cols] = vals
        norm = float(np.linalg.norm(vec))
        if norm == 0:
            return np.zeros(len(self.uris))
        result: _F64 = np.clip(self._skills @ (vec / norm), 0.0, 1.0)
        return result

    def transitions(
        self,
        source: str | CandidateProfile,
        *,
        k: int = 10,
        demand: Mapping[str, float] | None = None,
        exclude: Iterable[str] = (),
    ) -> list[Transition]:
        """The ``k`` occupations most within reach of ``source``, best first.

        Args:
            source: An occupation URI, or a candidate (then only the skill
                signal applies: a person has no ISCO group or title).
            k: How many transitions at most.
            demand: Occupation URI → regional demand factor (>= 0) multiplying
                the score; occupations missing from it keep factor 1.
            exclude: Occupations not to suggest (the source itself never is).

        Ties break on URI. Occupations with score 0 are not returned.

        Raises:
            ValueError: ``k`` < 1, an unknown source occupation, or a negative
                demand factor.
        """
        if k < 1:
            msg = f"k must be at least 1, not {k!r}"
            raise ValueError(msg)
        if isinstance(source, CandidateProfile):
            scores = self._profile_scores(source.skills)
            have = set(source.skills)
            skip = set(exclude)
        else:
            if source not in self._row:
                msg = f"source: unknown occupation URI {source!r}"
                raise ValueError(msg)
            scores = self._combine(self.signals(source))
            have = set(self._skill_weights(source))
            skip = {source, *exclude}
        if demand:
            factors = np.ones(len(self.uris))
            for uri, factor in demand.items():
                if not (math.isfinite(factor) and factor >= 0):
                    msg = (
                        f"demand[{uri!r}] must be a finite number >= 0, not {factor!r}"
                    )
                    raise ValueError(msg)
                row = self._row.get(uri)
                if row is not None:
                    factors[row] = factor
            scores = scores * factors
        for uri in skip:
            row = self._row.get(uri)
            if row is not None:
                scores[row] = 0.0
        order = np.lexsort((np.arange(len(self.uris)), -scores))
        out: list[Transition] = []
        for row in order[:k]:
            score = float(scores[row])
            if score <= 0:
                break
            out.append(self._transition(self.uris[row], score, have))
        return out

    def _transition(self, uri: str, score: float, have: set[str]) -> Transition:
        essential = self.taxonomy.essential_skills(uri)
        optional = [s for s in self.taxonomy.optional_skills(uri) if s not in essential]
        shared = tuple(s for s in (*essential, *optional) if s in have)
        gap = tuple(s for s in (*essential, *optional) if s not in have)
        return Transition(
            uri=uri,
            label=self.taxonomy.label(uri),
            score=score,
            shared=shared,
            gap=gap,
        )


def transitions_jsonl(
    model: TransitionModel, lines: Iterable[str], *, k: int = 10
) -> Iterator[str]:
    """One JSON line per source occupation URI in ``lines`` (blank lines skipped).

    Each line is ``{"source": uri, "occupations": [{"uri", "label", "score",
    "shared", "gap"}, ...]}``, or ``{"source": uri, "error": "..."}`` for a URI
    the taxonomy does not know, so one bad line does not stop a stream.
    """
    for line in lines:
        uri = line.strip()
        if not uri:
            continue
        if uri not in model.taxonomy.occupations:
            error = f"unknown occupation URI: {uri}"
            yield json.dumps({"source": uri, "error": error}, ensure_ascii=False)
            continue
        found = model.transitions(uri, k=k)
        yield json.dumps(
            {
                "source": uri,
                "occupations": [
                    {
                        "uri": t.uri,
                        "label": t.label,
                        "score": round(t.score, 6),
                        "shared": list(t.shared),
                        "gap": list(t.gap),
                    }
                    for t in found
                ],
            },
            ensure_ascii=False,
        )
