"""How well a candidate's skills cover a vacancy: the coarse match score.

The score of a (candidate, vacancy) pair is an IDF-weighted coverage of the
vacancy's skills, with required (essential) skills weighing more than optional
ones, and partial credit for related skills through the taxonomy's hierarchy::

    score = a · Σ_{t ∈ required} idf(t)·credit(t) / Σ_{t ∈ required} idf(t)
          + (1 − a) · Σ_{t ∈ optional} idf(t)·credit(t) / Σ_{t ∈ optional} idf(t)

* ``a`` is :attr:`ScoringConfig.required_share` (1 when the vacancy lists no
  optional skills, 0 when it lists no required ones).
* ``idf(t) = ln((N + 1) / (df(t) + 1)) + 1`` with ``df(t)`` the number of the
  taxonomy's ``N`` occupations that list skill ``t``: rare skills count more than
  "use Microsoft Office".
* ``credit(t)`` is the candidate's weight for ``t`` (``(0, 1]``), or, when they
  lack ``t`` itself, the best of ``weight(s) × factor`` over their skills ``s``
  related to ``t``: ``s`` narrower than ``t`` or ``t`` narrower than ``s``
  (:attr:`ScoringConfig.hierarchy_credit`), ``s`` and ``t`` sharing a broader
  skill (:attr:`ScoringConfig.sibling_credit`).

The score therefore lies in [0, 1], and adding a skill to a candidate (or raising
its weight) never lowers any of their scores.

Because ``credit`` depends only on the candidate and the weights only on the
vacancy, the score is a dot product ``c · v`` of two sparse vectors.
:class:`ProfileVectoriser` builds those vectors (the batch matcher multiplies
whole matrices of them); :func:`score_pair` computes the same number per skill,
for explanations.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from skillmatch.profiles import CandidateProfile, VacancyProfile

if TYPE_CHECKING:
    from skillmatch.taxonomy import Taxonomy

__all__ = [
    "ProfileVectoriser",
    "ScoringConfig",
    "SkillCredit",
    "score_pair",
]


@dataclass(frozen=True, slots=True)
class ScoringConfig:
    """Knobs of the coarse score (see the module docstring for the formula).

    Attributes:
        required_share: Part of the score earned by required skills, in [0, 1].
        hierarchy_credit: Credit factor for a skill directly broader or narrower
            than the one asked; 0 disables it.
        sibling_credit: Credit factor for a skill sharing a broader *skill* (not a
            skill group, which can hold hundreds) with the one asked.

    Raises:
        ValueError: A value outside [0, 1].
    """

    required_share: float = 0.75
    hierarchy_credit: float = 0.5
    sibling_credit: float = 0.25

    def __post_init__(self) -> None:
        for name in ("required_share", "hierarchy_credit", "sibling_credit"):
            value = getattr(self, name)
            if not (0.0 <= value <= 1.0):
                msg = f"{name} must lie in [0, 1], not {value!r}"
                raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class SkillCredit:
    """How much one vacancy skill contributes to a pair's score.

    Attributes:
        skill: The vacancy's skill URI.
        is_required: Whether the vacancy requires it (else it is optional).
        credit: The candidate's credit for it, in [0, 1]; 0 when missing.
        via: The candidate skill that earned the credit (``skill`` itself for an
            exact match, a related skill for partial credit, ``""`` if missing).
        contribution: The part of the score it earns (its weight × credit).
    """

    skill: str
    is_required: bool
    credit: float
    via: str
    contribution: float


class ProfileVectoriser:
    """Turns profiles into sparse vectors whose dot product is the match score.

    One vectoriser fixes the column of every skill, the IDF weights and the
    related-skill credits, so build both matrices of a batch with the same
    instance. Skills the taxonomy does not know get new columns as they are met
    (IDF of a skill no occupation lists); :meth:`aligned` pads an older matrix to
    the current width.

    Example::

        vec = ProfileVectoriser(taxonomy)
        scores = vec.candidates_matrix(people) @ vec.vacancies_matrix(jobs).T
    """

    def __init__(
        self, taxonomy: Taxonomy | None = None, config: ScoringConfig | None = None
    ) -> None:
        """Index the taxonomy's skills; without a taxonomy every IDF is 1.

        Attributes:
            config: The scoring knobs in use.
            taxonomy: The taxonomy in use, if any.
        """
        self.config = config or ScoringConfig()
        self.taxonomy = taxonomy
        self._columns: dict[str, int] = {}
        self._idf: dict[str, float] = {}
        self._related_cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._narrower: dict[str, list[str]] = {}
        self._default_idf = 1.0
        if taxonomy is None:
            return
        df: dict[str, int] = {}
        for occupation in taxonomy.occupations:
            skills = set(taxonomy.essential_skills(occupation))
            skills.update(taxonomy.optional_skills(occupation))
            for skill in skills:
                df[skill] = df.get(skill, 0) + 1
        n = len(taxonomy.occupations)
        self._default_idf = math.log(n + 1) + 1
        for skill in sorted(set(taxonomy.skills) | set(df)):
            self._columns[skill] = len(self._columns)
            self._idf[skill] = math.log((n + 1) / (df.get(skill, 0) + 1)) + 1
        for skill in taxonomy.skills:
            for parent in taxonomy.broader_skills(skill):
                self._narrower.setdefault(parent, []).append(skill)

    # -- vocabulary -----------------------------------------------------------

    @property
    def n_features(self) -> int:
        """Current number of columns (grows when unknown skills are met)."""
        return len(self._columns)

    def column(self, skill: str) -> int:
        """Column of ``skill``, allocating one for a skill not seen before."""
        col = self._columns.get(skill)
        if col is None:
            col = self._columns[skill] = len(self._columns)
        return col

    def idf(self, skill: str) -> float:
        """IDF weight of ``skill`` (that of a skill no occupation lists if unknown)."""
        return self._idf.get(skill, self._default_idf)

    def related(self, skill: str) -> tuple[tuple[str, float], ...]:
        """Skills that earn partial credit from ``skill``, with their credit factor.

        Directly broader and narrower skills get
        :attr:`ScoringConfig.hierarchy_credit`; skills sharing a broader skill
        (one that is itself a skill, not a skill group) get
        :attr:`ScoringConfig.sibling_credit`. ``skill`` itself is not included.
        """
        cached = self._related_cache.get(skill)
        if cached is not None:
            return cached
        factors: dict[str, float] = {}
        taxonomy = self.taxonomy
        if taxonomy is not None:
            cfg = self.config

            def offer(uri: str, factor: float) -> None:
                if uri != skill and factor > 0 and factor > factors.get(uri, 0.0):
                    factors[uri] = factor

            for parent in taxonomy.broader_skills(skill):
                offer(parent, cfg.hierarchy_credit)
                if parent in taxonomy.skills:
                    for sibling in self._narrower.get(parent, ()):
                        offer(sibling, cfg.sibling_credit)
            for child in self._narrower.get(skill, ()):
                offer(child, cfg.hierarchy_credit)
        result = tuple(sorted(factors.items()))
        self._related_cache[skill] = result
        return result

    # -- vectors --------------------------------------------------------------

    def candidate_credits(
        self, candidate: CandidateProfile
    ) -> dict[str, tuple[float, str]]:
        """Skill URI → (credit, candidate skill earning it) for every credited skill."""
        credits: dict[str, tuple[float, str]] = {}
        # Sorted so that equal credits are always attributed to the same skill.
        for skill in sorted(candidate.skills):
            weight = candidate.skills[skill]
            if weight > credits.get(skill, (0.0, ""))[0]:
                credits[skill] = (weight, skill)
            for other, factor in self.related(skill):
                value = weight * factor
                if value > credits.get(other, (0.0, ""))[0]:
                    credits[other] = (value, skill)
        return credits

    def vacancy_weights(self, vacancy: VacancyProfile) -> dict[str, float]:
        """Skill URI → weight of that skill in the vacancy's score (sums to 1 or 0)."""
        required = sorted(vacancy.required)
        optional = sorted(vacancy.optional)
        share = self.config.required_share
        if not optional:
            share = 1.0
        elif not required:
            share = 0.0
        weights: dict[str, float] = {}
        idf, default = self._idf, self._default_idf
        for skills, part in ((required, share), (optional, 1.0 - share)):
            values = [idf.get(s, default) for s in skills]
            total = sum(values)
            for skill, value in zip(skills, values, strict=True):
                weights[skill] = part * value / total
        return weights

    def candidate_vector(self, candidate: CandidateProfile) -> dict[int, float]:
        """Column → credit for one candidate (the sparse row as a dict)."""
        return self.credits_vector(self.candidate_credits(candidate))

    def credits_vector(
        self, credits: Mapping[str, tuple[float, str]]
    ) -> dict[int, float]:
        """Column → credit from :meth:`candidate_credits` output."""
        column = self.column
        return {column(skill): credit for skill, (credit, _) in credits.items()}

    def vacancy_vector(self, vacancy: VacancyProfile) -> dict[int, float]:
        """Column → weight for one vacancy (the sparse row as a dict)."""
        return {
            self.column(skill): weight
            for skill, weight in self.vacancy_weights(vacancy).items()
            if weight > 0
        }

    def candidates_matrix(self, profiles: Iterable[CandidateProfile]) -> sp.csr_matrix:
        """One float32 CSR row per candidate, ``n_features`` columns."""
        return self._matrix([self.candidate_vector(p) for p in profiles])

    def vacancies_matrix(self, profiles: Iterable[VacancyProfile]) -> sp.csr_matrix:
        """One float32 CSR row per vacancy, ``n_features`` columns."""
        return self._matrix([self.vacancy_vector(p) for p in profiles])

    def aligned(self, matrix: sp.csr_matrix) -> sp.csr_matrix:
        """``matrix`` padded with empty columns to the current :attr:`n_features`."""
        if matrix.shape[1] == self.n_features:
            return matrix
        return sp.csr_matrix(
            (matrix.data, matrix.indices, matrix.indptr),
            shape=(matrix.shape[0], self.n_features),
        )

    def _matrix(self, rows: Sequence[Mapping[int, float]]) -> sp.csr_matrix:
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(r) for r in rows])
        indices = np.empty(int(indptr[-1]), dtype=np.int32)
        data = np.empty(int(indptr[-1]), dtype=np.float32)
        for i, row in enumerate(rows):
            cols = sorted(row)
            indices[indptr[i] : indptr[i + 1]] = cols
            data[indptr[i] : indptr[i + 1]] = [row[c] for c in cols]
        return sp.csr_matrix(
            (data, indices, indptr), shape=(len(rows), self.n_features)
        )


def score_pair(
    candidate: CandidateProfile,
    vacancy: VacancyProfile,
    vectoriser: ProfileVectoriser,
    *,
    candidate_credits: Mapping[str, tuple[float, str]] | None = None,
) -> tuple[float, tuple[SkillCredit, ...]]:
    """The pair's score and what each vacancy skill contributed to it.

    Computed in double precision; equals ``c · v`` of the vectoriser's rows up to
    float32 rounding. Credits come in a stable order: required skills first, then
    by skill URI. Pass ``candidate_credits`` (from
    :meth:`ProfileVectoriser.candidate_credits`) to score one candidate against
    many vacancies without expanding their skills each time.
    """
    credits = (
        vectoriser.candidate_credits(candidate)
        if candidate_credits is None
        else candidate_credits
    )
    weights = vectoriser.vacancy_weights(vacancy)
    parts: list[SkillCredit] = []
    for skill in sorted(weights, key=lambda s: (s not in vacancy.required, s)):
        credit, via = credits.get(skill, (0.0, ""))
        parts.append(
            SkillCredit(
                skill=skill,
                is_required=skill in vacancy.required,
                credit=credit,
                via=via,
                contribution=weights[skill] * credit,
            )
        )
    score = math.fsum(p.contribution for p in parts)
    return min(1.0, score), tuple(parts)
