"""Rank vacancies for a candidate, or candidates for a vacancy, with reasons.

Ranking runs in two stages so that one person can be matched against hundreds
of thousands of vacancies interactively:

1. a prebuilt sparse index (:class:`VacancyIndex`, :class:`CandidateIndex`)
   scores every profile at once with the coarse score of
   :mod:`skillmatch.scoring` (one sparse matrix–vector product, float32) and
   applies the :class:`Filters` as vectorised masks;
2. only the best ``k`` (plus near-ties) are rescored exactly and explained.

Results are :class:`Match` objects ordered by score, highest first; equal
scores are ordered by id, so the ranking does not depend on the order of the
input. Profiles with a score of 0 (nothing in common) are never returned.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from numba import njit

from skillmatch.explain import Explanation, explain
from skillmatch.profiles import CandidateProfile, Location, VacancyProfile
from skillmatch.scoring import ProfileVectoriser, ScoringConfig, score_pair

if TYPE_CHECKING:
    from skillmatch.taxonomy import Taxonomy

__all__ = [
    "CandidateIndex",
    "Filters",
    "Match",
    "VacancyIndex",
    "rank_candidates",
    "rank_vacancies",
]

_EARTH_RADIUS_KM = 6371.0088
_KM_PER_DEGREE = math.pi * _EARTH_RADIUS_KM / 180
# float32 scores are within ~1e-6 of the exact ones; rescoring everything within
# this margin of the k-th score keeps the exact top k.
_MARGIN = 1e-5
_EXTRA = 32  # near-ties rescored beyond k
_BOX_LATITUDE_LIMIT = 89.0  # nearer the poles, skip the longitude box

_P = TypeVar("_P", CandidateProfile, VacancyProfile)
_F32 = npt.NDArray[np.float32]
_F64 = npt.NDArray[np.float64]
_Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Filters:
    """Hard constraints a pair must meet to be ranked at all.

    A profile whose value is unknown (no location, hours or contract type) is
    not excluded by the filter that needs that value: unknown is not a mismatch.

    Attributes:
        max_distance_km: Greatest haversine distance between candidate and
            vacancy; needs the location of the profile you rank for.
        hours: ``(minimum, maximum)`` hours per week. Vacancies pass when their
            hours lie in the range; candidates pass when the range they want
            overlaps it.
        contract_types: Accepted contract types. Vacancies pass when their type
            is one of them; candidates pass when they accept one of them (or any).
        min_score: Matches scoring below this are dropped.

    Raises:
        ValueError: A negative distance, an empty or inverted hours range, or a
            ``min_score`` outside [0, 1].
    """

    max_distance_km: float | None = None
    hours: tuple[float, float] | None = None
    contract_types: frozenset[str] | None = None
    min_score: float = 0.0

    def __post_init__(self) -> None:
        if self.max_distance_km is not None and not self.max_distance_km >= 0:
            msg = f"max_distance_km must be >= 0, not {self.max_distance_km!r}"
            raise ValueError(msg)
        if self.hours is not None and not (0 <= self.hours[0] <= self.hours[1]):
            msg = f"hours must be a (minimum, maximum) range, not {self.hours!r}"
            raise ValueError(msg)
        if self.contract_types is not None:
            object.__setattr__(self, "contract_types", frozenset(self.contract_types))
        if not (0.0 <= self.min_score <= 1.0):
            msg = f"min_score must lie in [0, 1], not {self.min_score!r}"
            raise ValueError(msg)

    @classmethod
    def for_candidate(
        cls,
        candidate: CandidateProfile,
        *,
        max_distance_km: float | None = None,
        min_score: float = 0.0,
    ) -> Filters:
        """Filters that respect a candidate's wishes (hours and contract types)."""
        return cls(
            max_distance_km=max_distance_km,
            hours=candidate.hours_wanted,
            contract_types=candidate.contract_types or None,
            min_score=min_score,
        )

    @classmethod
    def for_vacancy(
        cls,
        vacancy: VacancyProfile,
        *,
        max_distance_km: float | None = None,
        min_score: float = 0.0,
    ) -> Filters:
        """Filters that keep candidates who would accept the vacancy's terms."""
        hours = None if vacancy.hours is None else (vacancy.hours, vacancy.hours)
        types = frozenset({vacancy.contract_type}) if vacancy.contract_type else None
        return cls(
            max_distance_km=max_distance_km,
            hours=hours,
            contract_types=types,
            min_score=min_score,
        )


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked pair with its score and the reasons for it.

    Attributes:
        candidate_id: The candidate's id.
        vacancy_id: The vacancy's id.
        score: In [0, 1]; equals ``explanation.breakdown.total``.
        explanation: Matched and missing skills, score breakdown, reasons.
        distance_km: Haversine distance when both locations are known.
    """

    candidate_id: str
    vacancy_id: str
    score: float
    explanation: Explanation
    distance_km: float | None = None


@njit(cache=True, nogil=True)
def _accumulate(
    indptr: npt.NDArray[np.int64],
    indices: npt.NDArray[np.int32],
    data: _F32,
    cols: npt.NDArray[np.int64],
    vals: _F32,
    out: _F32,
) -> None:  # pragma: no cover - compiled by numba, which coverage cannot trace
    """``out += vals · rows[cols]``: scatter the postings of the query's skills."""
    for j in range(cols.shape[0]):
        c = cols[j]
        v = vals[j]
        for p in range(indptr[c], indptr[c + 1]):
            out[indices[p]] += v * data[p]


class _Index(Generic[_P]):
    """Profiles sorted by id, their sparse vectors (transposed) and filter columns."""

    def __init__(
        self,
        profiles: Iterable[_P],
        taxonomy: Taxonomy | None,
        config: ScoringConfig | None,
        vectoriser: ProfileVectoriser | None,
    ) -> None:
        self.profiles: tuple[_P, ...] = tuple(sorted(profiles, key=lambda p: p.id))
        counts = Counter(p.id for p in self.profiles)
        if len(counts) != len(self.profiles):
            dupes = sorted(i for i, n in counts.items() if n > 1)[:5]
            msg = f"profile ids must be unique; duplicated: {dupes}"
            raise ValueError(msg)
        self.vectoriser = vectoriser or ProfileVectoriser(taxonomy, config)
        self.taxonomy = taxonomy if vectoriser is None else vectoriser.taxonomy
        matrix = self._vectorise(self.profiles)
        # Skill-major layout: a query touches only the postings of its own skills.
        by_skill = matrix.T.tocsr()
        self._n_skills = by_skill.shape[0]
        self._indptr = by_skill.indptr.astype(np.int64, copy=False)
        self._indices = by_skill.indices.astype(np.int32, copy=False)
        self._data = by_skill.data.astype(np.float32, copy=False)
        n = len(self.profiles)
        self._lat = np.full(n, np.nan)
        self._lon = np.full(n, np.nan)
        for i, p in enumerate(self.profiles):
            if p.location is not None:
                self._lat[i] = p.location.latitude
                self._lon[i] = p.location.longitude
        self._unknown: _Mask = np.isnan(self._lat)
        # Rows by latitude (unknown last): a latitude band is one searchsorted away.
        self._by_lat = np.argsort(self._lat, kind="stable")
        self._lat_sorted = self._lat[self._by_lat]
        self._lat_rad = np.radians(self._lat)
        self._lon_rad = np.radians(self._lon)
        self._cos = np.cos(self._lat_rad)

    def __len__(self) -> int:
        return len(self.profiles)

    def _vectorise(self, profiles: Sequence[_P]) -> sp.csr_matrix:
        raise NotImplementedError  # pragma: no cover - abstract

    def coarse_scores(self, query: dict[int, float]) -> _F32:
        """float32 coarse score of every indexed profile against a query vector."""
        n_skills = self._n_skills
        cols = np.array(sorted(c for c in query if c < n_skills), dtype=np.int64)
        vals = np.array([query[int(c)] for c in cols], dtype=np.float32)
        out = np.zeros(len(self.profiles), dtype=np.float32)
        _accumulate(self._indptr, self._indices, self._data, cols, vals, out)
        return out

    def distance_mask(self, origin: Location | None, max_km: float | None) -> _Mask:
        """Profiles within ``max_km`` of ``origin`` (unknown locations pass)."""
        n = len(self.profiles)
        if max_km is None:
            return np.ones(n, dtype=bool)
        if origin is None:
            msg = "filters.max_distance_km needs the location of the profile ranked for"
            raise ValueError(msg)
        # Cheap latitude/longitude box first; haversine only for what is inside.
        lat_band = max_km / _KM_PER_DEGREE + 1e-9
        lo = np.searchsorted(self._lat_sorted, origin.latitude - lat_band, "left")
        hi = np.searchsorted(self._lat_sorted, origin.latitude + lat_band, "right")
        idx = self._by_lat[lo:hi]
        edge = abs(origin.latitude) + lat_band
        if edge < _BOX_LATITUDE_LIMIT:
            lon_band = lat_band / math.cos(math.radians(edge))
            dlon = np.abs((self._lon[idx] - origin.longitude + 180.0) % 360.0 - 180.0)
            idx = idx[dlon <= lon_band]
        dist = _haversine(
            origin, self._lat_rad[idx], self._lon_rad[idx], self._cos[idx]
        )
        mask: _Mask = self._unknown.copy()
        mask[idx[dist <= max_km]] = True
        return mask

    def distances(
        self, origin: Location | None, rows: Sequence[int]
    ) -> list[float | None]:
        """Haversine distance from ``origin`` to each row (None when unknown)."""
        out: list[float | None] = []
        for i in rows:
            loc = self.profiles[i].location
            if origin is None or loc is None:
                out.append(None)
            else:
                out.append(origin.distance_km(loc))
        return out


def _haversine(origin: Location, lat: _F64, lon: _F64, cos_lat: _F64) -> _F64:
    """Distances in km from ``origin`` to points given in radians (with cos(lat))."""
    p1 = math.radians(origin.latitude)
    dl = lon - math.radians(origin.longitude)
    a = np.sin((lat - p1) / 2) ** 2 + math.cos(p1) * cos_lat * np.sin(dl / 2) ** 2
    result: _F64 = 2 * _EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result


class VacancyIndex(_Index[VacancyProfile]):
    """Vacancies prepared for fast ranking; build once, query many times.

    Args:
        vacancies: The vacancies; ids must be unique.
        taxonomy: For IDF weights, related-skill credit and skill labels.
        config: Scoring knobs (default :class:`ScoringConfig`).
        vectoriser: Reuse an existing vectoriser (then ``taxonomy`` and
            ``config`` are taken from it).

    Raises:
        ValueError: Duplicate vacancy ids.
    """

    def __init__(
        self,
        vacancies: Iterable[VacancyProfile],
        taxonomy: Taxonomy | None = None,
        *,
        config: ScoringConfig | None = None,
        vectoriser: ProfileVectoriser | None = None,
    ) -> None:
        """Vectorise and index the vacancies."""
        super().__init__(vacancies, taxonomy, config, vectoriser)
        n = len(self.profiles)
        self._hours = np.array(
            [np.nan if p.hours is None else p.hours for p in self.profiles]
        ).reshape(n)
        self._contract = np.array(
            [p.contract_type for p in self.profiles], dtype=object
        )

    def _vectorise(self, profiles: Sequence[VacancyProfile]) -> sp.csr_matrix:
        return self.vectoriser.vacancies_matrix(profiles)

    def mask(self, candidate: CandidateProfile, filters: Filters) -> _Mask:
        """Vacancies that pass ``filters`` for ``candidate``."""
        mask = self.distance_mask(candidate.location, filters.max_distance_km)
        if filters.hours is not None:
            low, high = filters.hours
            with np.errstate(invalid="ignore"):
                ok = (self._hours >= low) & (self._hours <= high)
            mask &= ok | np.isnan(self._hours)
        if filters.contract_types is not None:
            allowed = filters.contract_types | {""}
            mask &= np.fromiter(
                (c in allowed for c in self._contract), dtype=bool, count=len(self)
            )
        return mask


class CandidateIndex(_Index[CandidateProfile]):
    """Candidates prepared for fast ranking against vacancies.

    Same arguments as :class:`VacancyIndex`.

    Raises:
        ValueError: Duplicate candidate ids.
    """

    def __init__(
        self,
        candidates: Iterable[CandidateProfile],
        taxonomy: Taxonomy | None = None,
        *,
        config: ScoringConfig | None = None,
        vectoriser: ProfileVectoriser | None = None,
    ) -> None:
        """Vectorise and index the candidates."""
        super().__init__(candidates, taxonomy, config, vectoriser)
        self._low = np.array(
            [
                np.nan if p.hours_wanted is None else p.hours_wanted[0]
                for p in self.profiles
            ]
        ).reshape(len(self))
        self._high = np.array(
            [
                np.nan if p.hours_wanted is None else p.hours_wanted[1]
                for p in self.profiles
            ]
        ).reshape(len(self))

    def _vectorise(self, profiles: Sequence[CandidateProfile]) -> sp.csr_matrix:
        return self.vectoriser.candidates_matrix(profiles)

    def mask(self, vacancy: VacancyProfile, filters: Filters) -> _Mask:
        """Candidates that pass ``filters`` for ``vacancy``."""
        mask = self.distance_mask(vacancy.location, filters.max_distance_km)
        if filters.hours is not None:
            low, high = filters.hours
            with np.errstate(invalid="ignore"):
                ok = (self._low <= high) & (self._high >= low)
            mask &= ok | np.isnan(self._low)
        if filters.contract_types is not None:
            wanted = filters.contract_types
            mask &= np.fromiter(
                (
                    not p.contract_types or bool(p.contract_types & wanted)
                    for p in self.profiles
                ),
                dtype=bool,
                count=len(self),
            )
        return mask


def _top_rows(scores: _F32, mask: _Mask, k: int) -> list[int]:
    """Rows worth rescoring: the best k by coarse score plus near-ties, by row."""
    scores = np.where(mask, scores, np.float32(0))
    live = np.flatnonzero(scores > 0)
    if live.size > k:
        kth = np.partition(scores[live], live.size - k)[live.size - k]
        live = live[scores[live] >= kth - _MARGIN]
    # Rows are sorted by id, so (−score, row) is (−score, id).
    order = np.lexsort((live, -scores[live]))
    return [int(i) for i in live[order][: k + _EXTRA]]


def _check_k(k: int) -> None:
    if k < 1:
        msg = f"k must be at least 1, not {k!r}"
        raise ValueError(msg)


def rank_vacancies(
    candidate: CandidateProfile,
    vacancies: VacancyIndex | Iterable[VacancyProfile],
    taxonomy: Taxonomy | None = None,
    *,
    k: int = 20,
    filters: Filters | None = None,
) -> list[Match]:
    """The ``k`` best vacancies for a candidate, best first, each explained.

    Args:
        candidate: The job seeker.
        vacancies: A prebuilt :class:`VacancyIndex` (fast, reusable) or any
            iterable of vacancies (indexed on the fly).
        taxonomy: Used to index a plain iterable; an index brings its own.
        k: How many matches at most.
        filters: Hard constraints (default: none).

    Raises:
        ValueError: ``k`` < 1, a distance filter without a candidate location,
            or a ``taxonomy`` other than the index's.
    """
    _check_k(k)
    index = _as_index(vacancies, taxonomy, VacancyIndex)
    filters = filters or Filters()
    vec = index.vectoriser
    held = vec.candidate_credits(candidate)  # expanded once, reused per vacancy
    scores = index.coarse_scores(vec.credits_vector(held))
    rows = _top_rows(scores, index.mask(candidate, filters), k)
    scored = []
    for row in rows:
        score, credits = score_pair(
            candidate, index.profiles[row], vec, candidate_credits=held
        )
        if score > 0 and score >= filters.min_score:
            scored.append((-score, index.profiles[row].id, row, credits))
    best = sorted(scored)[:k]  # ids are unique: the tuples never compare credits
    dist = index.distances(candidate.location, [row for _, _, row, _ in best])
    return [
        Match(candidate.id, vid, -neg, explain(credits, index.taxonomy), d)
        for (neg, vid, _, credits), d in zip(best, dist, strict=True)
    ]


def rank_candidates(
    vacancy: VacancyProfile,
    candidates: CandidateIndex | Iterable[CandidateProfile],
    taxonomy: Taxonomy | None = None,
    *,
    k: int = 20,
    filters: Filters | None = None,
) -> list[Match]:
    """The ``k`` best candidates for a vacancy, best first, each explained.

    The score of a pair is the same as in :func:`rank_vacancies`.

    Args:
        vacancy: The vacancy.
        candidates: A prebuilt :class:`CandidateIndex` or any iterable of
            candidates.
        taxonomy: Used to index a plain iterable; an index brings its own.
        k: How many matches at most.
        filters: Hard constraints (default: none).

    Raises:
        ValueError: ``k`` < 1, a distance filter without a vacancy location, or
            a ``taxonomy`` other than the index's.
    """
    _check_k(k)
    index = _as_index(candidates, taxonomy, CandidateIndex)
    filters = filters or Filters()
    vec = index.vectoriser
    scores = index.coarse_scores(vec.vacancy_vector(vacancy))
    rows = _top_rows(scores, index.mask(vacancy, filters), k)
    scored = []
    for row in rows:
        score, credits = score_pair(index.profiles[row], vacancy, vec)
        if score > 0 and score >= filters.min_score:
            scored.append((-score, index.profiles[row].id, row, credits))
    best = sorted(scored)[:k]  # ids are unique: the tuples never compare credits
    dist = index.distances(vacancy.location, [row for _, _, row, _ in best])
    return [
        Match(cid, vacancy.id, -neg, explain(credits, index.taxonomy), d)
        for (neg, cid, _, credits), d in zip(best, dist, strict=True)
    ]


_I = TypeVar("_I", VacancyIndex, CandidateIndex)


def _as_index(
    items: _I | Iterable[_P], taxonomy: Taxonomy | None, kind: type[_I]
) -> _I:
    if isinstance(items, kind):
        if taxonomy is not None and taxonomy is not items.taxonomy:
            msg = "taxonomy differs from the one the index was built with"
            raise ValueError(msg)
        return items
    return kind(items, taxonomy)  # type: ignore[arg-type]
