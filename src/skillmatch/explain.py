"""Why a candidate and a vacancy match: the reasons that travel with every score.

An :class:`Explanation` lists which of the vacancy's skills the candidate covers
(exactly or through a related skill), which required and optional skills they
miss (the gap), how the score is composed (:class:`ScoreBreakdown`, whose parts
add up to the score) and a one-line reason in English and Dutch::

    has 4 of 5 required skills and 3 of 8 optional skills; missing: forklift
    heeft 4 van de 5 vereiste vaardigheden en 3 van de 8 optionele
    vaardigheden; ontbreekt: forklift

Skill names come from the taxonomy (its labels, or the URI when it has none).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skillmatch.scoring import SkillCredit

if TYPE_CHECKING:
    from skillmatch.taxonomy import Taxonomy

__all__ = ["Explanation", "MatchedSkill", "ScoreBreakdown", "SkillRef", "explain"]

_MAX_NAMED_GAPS = 3  # the reason names at most this many missing required skills


@dataclass(frozen=True, slots=True)
class SkillRef:
    """A skill by URI, with its display label."""

    uri: str
    label: str


@dataclass(frozen=True, slots=True)
class MatchedSkill:
    """A vacancy skill the candidate covers.

    Attributes:
        uri: The vacancy's skill.
        label: Its display label.
        is_required: Whether the vacancy requires it (else it is optional).
        credit: Credit earned, in (0, 1]: the candidate's weight for the skill,
            times a factor < 1 when it comes through a related skill.
        via: The candidate's skill that earned the credit (``uri`` when exact).
        via_label: Display label of ``via``.
    """

    uri: str
    label: str
    is_required: bool
    credit: float
    via: str
    via_label: str

    @property
    def is_exact(self) -> bool:
        """True when the candidate has the skill itself, not only a related one."""
        return self.via == self.uri


@dataclass(frozen=True, slots=True)
class ScoreBreakdown:
    """The score split by source; the four parts add up to :attr:`total`.

    Attributes:
        required_exact: Earned by required skills the candidate has.
        required_related: Earned by required skills covered by related skills.
        optional_exact: Earned by optional skills the candidate has.
        optional_related: Earned by optional skills covered by related skills.
    """

    required_exact: float
    required_related: float
    optional_exact: float
    optional_related: float

    @property
    def total(self) -> float:
        """The score: the sum of the four parts (capped at 1 against rounding)."""
        return min(
            1.0,
            math.fsum(
                (
                    self.required_exact,
                    self.required_related,
                    self.optional_exact,
                    self.optional_related,
                )
            ),
        )


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything a caseworker needs to see why a pair scores what it scores.

    Attributes:
        matched: Vacancy skills the candidate covers; required first, then by label.
        missing_required: Required skills not covered at all (the gap).
        missing_optional: Optional skills not covered.
        breakdown: The score by source.
        reason_en: One-line reason in English.
        reason_nl: The same reason in Dutch.
    """

    matched: tuple[MatchedSkill, ...]
    missing_required: tuple[SkillRef, ...]
    missing_optional: tuple[SkillRef, ...]
    breakdown: ScoreBreakdown
    reason_en: str
    reason_nl: str

    @property
    def matched_required(self) -> tuple[MatchedSkill, ...]:
        """The covered required skills."""
        return tuple(m for m in self.matched if m.is_required)

    def reason(self, language: str = "en") -> str:
        """The one-line reason in ``"en"`` or ``"nl"``.

        Raises:
            ValueError: Another language.
        """
        if language == "en":
            return self.reason_en
        if language == "nl":
            return self.reason_nl
        msg = f"language must be 'en' or 'nl', not {language!r}"
        raise ValueError(msg)


def _label(taxonomy: Taxonomy | None, uri: str) -> str:
    return uri if taxonomy is None else taxonomy.label(uri)


def explain(
    credits: Sequence[SkillCredit], taxonomy: Taxonomy | None = None
) -> Explanation:
    """Build the explanation of a pair from its per-skill credits.

    ``credits`` is the second item of :func:`skillmatch.scoring.score_pair`; the
    explanation's breakdown adds up to the first.
    """
    matched: list[MatchedSkill] = []
    missing_req: list[SkillRef] = []
    missing_opt: list[SkillRef] = []
    # (is_required, is_exact) -> contributions
    sums: dict[tuple[bool, bool], list[float]] = {
        (r, e): [] for r in (True, False) for e in (True, False)
    }
    for c in credits:
        label = _label(taxonomy, c.skill)
        if c.credit <= 0:
            (missing_req if c.is_required else missing_opt).append(
                SkillRef(c.skill, label)
            )
            continue
        matched.append(
            MatchedSkill(
                uri=c.skill,
                label=label,
                is_required=c.is_required,
                credit=c.credit,
                via=c.via,
                via_label=label if c.via == c.skill else _label(taxonomy, c.via),
            )
        )
        sums[c.is_required, c.via == c.skill].append(c.contribution)
    breakdown = ScoreBreakdown(
        required_exact=math.fsum(sums[True, True]),
        required_related=math.fsum(sums[True, False]),
        optional_exact=math.fsum(sums[False, True]),
        optional_related=math.fsum(sums[False, False]),
    )
    matched.sort(key=lambda m: (not m.is_required, m.label, m.uri))
    missing_req.sort(key=lambda s: (s.label, s.uri))
    missing_opt.sort(key=lambda s: (s.label, s.uri))
    n_req = sum(1 for c in credits if c.is_required)
    n_opt = len(credits) - n_req
    got_req = n_req - len(missing_req)
    got_opt = n_opt - len(missing_opt)
    return Explanation(
        matched=tuple(matched),
        missing_required=tuple(missing_req),
        missing_optional=tuple(missing_opt),
        breakdown=breakdown,
        reason_en=_reason(_EN, got_req, n_req, got_opt, n_opt, missing_req),
        reason_nl=_reason(_NL, got_req, n_req, got_opt, n_opt, missing_req),
    )


def _gap_names(missing: Sequence[SkillRef]) -> str:
    names = ", ".join(s.label for s in missing[:_MAX_NAMED_GAPS])
    extra = len(missing) - _MAX_NAMED_GAPS
    return f"{names} (+{extra})" if extra > 0 else names


@dataclass(frozen=True)
class _Words:
    """The words of a reason in one language."""

    has: str
    of: str
    and_: str
    required: tuple[str, str]  # singular, plural
    optional: tuple[str, str]
    no_skills: str
    missing: str


_EN = _Words(
    has="has",
    of="of",
    and_="and",
    required=("required skill", "required skills"),
    optional=("optional skill", "optional skills"),
    no_skills="the vacancy lists no skills",
    missing="missing",
)
_NL = _Words(
    has="heeft",
    of="van de",
    and_="en",
    required=("vereiste vaardigheid", "vereiste vaardigheden"),
    optional=("optionele vaardigheid", "optionele vaardigheden"),
    no_skills="de vacature noemt geen vaardigheden",
    missing="ontbreekt",
)


def _reason(
    words: _Words,
    got_req: int,
    n_req: int,
    got_opt: int,
    n_opt: int,
    missing: Sequence[SkillRef],
) -> str:
    """The reason in ``words``: has 2 of 3 required skills and 1 of 2 optional
    skills; missing: …"""
    counts = [
        f"{got} {words.of} {n} {nouns[n != 1]}"
        for got, n, nouns in (
            (got_req, n_req, words.required),
            (got_opt, n_opt, words.optional),
        )
        if n
    ]
    text = (
        f"{words.has} " + f" {words.and_} ".join(counts) if counts else words.no_skills
    )
    if missing:
        text += f"; {words.missing}: {_gap_names(missing)}"
    return text
