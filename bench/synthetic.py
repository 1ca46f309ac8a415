"""Synthetic skill profiles drawn from the real ESCO occupation-skill relations.

Shared by the benchmarks: a profile (candidate or vacancy) is built the way a
real one tends to look. Pick an ESCO occupation at random, take its essential
skills and then a sample of its optional skills, for a target of 10-60 skills.
Then add 0-3 stray skills drawn by how often ESCO relates them to occupations,
so that skill popularity follows ESCO. Rows are weighted the way the matcher
weights them: an IDF-like factor per skill (rarer skills count more), essential
skills weigh 1.0 and optional or stray ones 0.5, and each row is L2-normalised.
So the dot product of two rows is a cosine in [0, 1].

The data is read from ``<repo>/../shared/data`` and never copied into the
repository. ``load_esco_relations`` raises ``FileNotFoundError`` naming the
path when the file is absent, and callers skip with that reason.

Usage::

    relations = load_esco_relations()
    candidates = synthetic_profiles(relations, 100_000, seed=1)
    vacancies = synthetic_profiles(relations, 50_000, seed=2)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ESCO_RELATIONS = SHARED_DATA / "esco" / "v1.1.1" / "en" / "occupationSkillRelations.csv"


@dataclass(frozen=True)
class EscoRelations:
    """ESCO occupation-skill relations as integer arrays (one entry per relation).

    ``skill_uris[s]`` is the URI of column ``s``. Relation ``r`` links occupation
    ``occupation[r]`` to skill ``skill[r]``, and ``is_essential[r]`` tells whether
    the relation is essential (True) or optional (False).
    """

    skill_uris: tuple[str, ...]
    occupation: NDArray[np.int32]
    skill: NDArray[np.int32]
    is_essential: NDArray[np.bool_]

    @property
    def n_skills(self) -> int:
        """The number of distinct skills (columns of a profile matrix)."""
        return len(self.skill_uris)

    @property
    def n_occupations(self) -> int:
        """The number of occupations that have at least one skill relation."""
        return int(self.occupation.max()) + 1

    def skill_popularity(self) -> NDArray[np.float64]:
        """How many occupations each skill is related to (the ESCO popularity)."""
        return np.bincount(self.skill, minlength=self.n_skills).astype(np.float64)

    def skill_idf(self) -> NDArray[np.float64]:
        """An IDF-like weight per skill: ``1 + ln(occupations / popularity)``."""
        popularity = np.maximum(self.skill_popularity(), 1.0)
        return 1.0 + np.log(self.n_occupations / popularity)


def load_esco_relations(path: Path = ESCO_RELATIONS) -> EscoRelations:
    """Read ``occupationSkillRelations.csv`` (ESCO 1.1.1 layout) into arrays.

    Raises ``FileNotFoundError`` naming the path when the reference data is absent.
    """
    if not path.is_file():
        raise FileNotFoundError(f"ESCO relations not found at {path}")
    occupation_ids: dict[str, int] = {}
    skill_ids: dict[str, int] = {}
    occupations: list[int] = []
    skills: list[int] = []
    essential: list[bool] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            occupations.append(
                occupation_ids.setdefault(row["occupationUri"], len(occupation_ids))
            )
            skills.append(skill_ids.setdefault(row["skillUri"], len(skill_ids)))
            essential.append(row["relationType"] == "essential")
    return EscoRelations(
        skill_uris=tuple(skill_ids),
        occupation=np.asarray(occupations, dtype=np.int32),
        skill=np.asarray(skills, dtype=np.int32),
        is_essential=np.asarray(essential, dtype=np.bool_),
    )


def synthetic_profiles(
    relations: EscoRelations,
    n: int,
    *,
    seed: int,
    min_skills: int = 10,
    max_skills: int = 60,
    max_stray_skills: int = 3,
) -> sp.csr_matrix:
    """Draw ``n`` weighted profiles as an ``n x n_skills`` float32 CSR matrix.

    Each row comes from one occupation drawn uniformly. Its size target is uniform
    in ``[min_skills, max_skills]``, capped at what the occupation offers. A
    short occupation is topped up to ``min_skills`` with skills drawn by
    popularity (a draw the profile already has is dropped, so such a rare
    profile can end up a skill or two short). Essential skills are taken first, optional skills fill
    up, and ``0..max_stray_skills`` stray skills are added. The rows are sorted,
    duplicate-free and L2-normalised. The same seed gives the same matrix.
    """
    rng = np.random.default_rng(seed)
    n_skills = relations.n_skills
    popularity = relations.skill_popularity()
    popularity /= popularity.sum()
    idf = relations.skill_idf()

    order = np.argsort(relations.occupation, kind="stable")
    occupation_sorted = relations.occupation[order]
    bounds = np.searchsorted(occupation_sorted, np.arange(relations.n_occupations + 1))
    profile_occupation = rng.integers(0, relations.n_occupations, size=n)
    targets = rng.integers(min_skills, max_skills + 1, size=n)

    rows: list[NDArray[np.int64]] = []
    cols: list[NDArray[np.int64]] = []
    vals: list[NDArray[np.float64]] = []
    by_occupation = np.argsort(profile_occupation, kind="stable")
    starts = np.searchsorted(
        profile_occupation[by_occupation], np.arange(relations.n_occupations + 1)
    )
    for occ in range(relations.n_occupations):
        members = by_occupation[starts[occ] : starts[occ + 1]]
        if members.size == 0:
            continue
        rel = order[bounds[occ] : bounds[occ + 1]]
        # Essential relations sort before optional ones, each group shuffled.
        keys = rng.random((members.size, rel.size)) + (
            ~relations.is_essential[rel]
        ).astype(np.float64)
        picked = np.argsort(keys, axis=1)
        size = np.minimum(targets[members], rel.size)
        take = np.arange(rel.size)[None, :] < size[:, None]
        member_of_entry = np.broadcast_to(members[:, None], picked.shape)[take]
        relation_of_entry = rel[picked[take]]
        rows.append(member_of_entry.astype(np.int64))
        cols.append(relations.skill[relation_of_entry].astype(np.int64))
        vals.append(np.where(relations.is_essential[relation_of_entry], 1.0, 0.5))

    # Stray skills, plus top-ups for occupations that offer fewer than min_skills.
    own = np.bincount(np.concatenate(rows), minlength=n)
    extra = rng.integers(0, max_stray_skills + 1, size=n) + np.maximum(
        min_skills - own, 0
    )
    stray_rows = np.repeat(np.arange(n, dtype=np.int64), extra)
    rows.append(stray_rows)
    cols.append(rng.choice(n_skills, size=stray_rows.size, p=popularity))
    vals.append(np.full(stray_rows.size, 0.5))

    row = np.concatenate(rows)
    col = np.concatenate(cols)
    val = np.concatenate(vals) * idf[col]
    # A stray skill the profile already has keeps its first (occupation) weight.
    _, first = np.unique(row * n_skills + col, return_index=True)
    row, col, val = row[first], col[first], val[first]
    norms = np.sqrt(np.bincount(row, weights=val * val, minlength=n))
    val = val / norms[row]
    matrix = sp.csr_matrix(
        (val.astype(np.float32), (row, col)), shape=(n, n_skills), dtype=np.float32
    )
    matrix.sort_indices()
    return matrix
