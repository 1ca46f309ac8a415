"""Pure rules about people: BSN elfproef and masking, age, retention, intake answers.

No Django imports here (import-linter contract): everything is plain Python so the
rules are fast to test (with hypothesis) and easy to reuse.
"""

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

BSN_LENGTH = 9
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_BSN_SEPARATORS = " .-\t"

FIFTY_PLUS_AGE = 50


# --- BSN --------------------------------------------------------------------------------
def normalise_bsn(raw: str) -> str:
    """Strip spaces, dots and hyphens; pad an old 8-digit BSN with a leading zero.

    The result is not validated: use :func:`is_valid_bsn` on it.
    """
    cleaned = "".join(ch for ch in raw.strip() if ch not in _BSN_SEPARATORS)
    if len(cleaned) == BSN_LENGTH - 1 and cleaned.isdigit():
        cleaned = "0" + cleaned  # BSNs issued as 8 digits are valid with a leading 0
    return cleaned


def is_valid_bsn(value: str) -> bool:
    """True when ``value`` is 9 ASCII digits passing the elfproef (11-check).

    Weights 9..2 for the first eight digits and -1 for the last; the weighted sum must be
    divisible by 11. All zeros passes the arithmetic but is not a BSN, so it is refused.
    """
    if len(value) != BSN_LENGTH or not value.isascii() or not value.isdigit():
        return False
    if value == "0" * BSN_LENGTH:
        return False
    total = sum(int(d) * w for d, w in zip(value, _BSN_WEIGHTS, strict=True))
    return total % 11 == 0


def mask_bsn(value: str) -> str:
    """``*****1234``: only the last four digits, never more."""
    return "*" * (BSN_LENGTH - 4) + value[-4:]


# --- Age and target groups ------------------------------------------------------------------
def age_on(birth_date: date, today: date) -> int:
    """Age in whole years on ``today`` (a 29 February birthday counts on 1 March)."""
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def is_50_plus(birth_date: date | None, today: date) -> bool:
    """The 50+ target group: aged 50 or older on ``today``; unknown birth date is not."""
    return birth_date is not None and age_on(birth_date, today) >= FIFTY_PLUS_AGE


def latest_birth_date_for_age(today: date, years: int) -> date:
    """People born on or before this date are ``years`` or older on ``today`` (for
    query filters; the same answer as :func:`age_on`)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a non-leap target year
        return today.replace(year=today.year - years, day=28)


def latest_birth_date_for_50_plus(today: date) -> date:
    """People born on or before this date are 50+ on ``today`` (for query filters)."""
    return latest_birth_date_for_age(today, FIFTY_PLUS_AGE)


# --- Retention ---------------------------------------------------------------------------
def retention_deadline(closed_on: date, retention_days: int) -> date:
    """The last day a closed dossier may be kept identifiable."""
    return closed_on + timedelta(days=retention_days)


def retention_cutoff(today: date, retention_days: int) -> date:
    """Dossiers closed before this date are past retention on ``today``."""
    return today - timedelta(days=retention_days)


def is_past_retention(
    closed_on: date | None, *, today: date, retention_days: int
) -> bool:
    """True when a dossier closed on ``closed_on`` must be anonymised ``today``."""
    return closed_on is not None and today > retention_deadline(
        closed_on, retention_days
    )


# --- Labour status ----------------------------------------------------------------------------
def observation_replaces_current(observed_on: date, current_since: date | None) -> bool:
    """A labour-status observation becomes the current status when it is not older.

    Every status may follow every other (people move freely between work, benefits and
    job seeking), so only the date decides; on the same day the latest record wins.
    """
    return current_since is None or observed_on >= current_since


# --- Intake -----------------------------------------------------------------------------------
class AnswerKind(enum.StrEnum):
    TEXT = "text"
    BOOLEAN = "boolean"
    INTEGER = "integer"
    CHOICE = "choice"


class IntakeProblem(enum.StrEnum):
    UNKNOWN_QUESTION = "unknown_question"
    WRONG_TYPE = "wrong_type"
    NOT_A_CHOICE = "not_a_choice"
    OUT_OF_RANGE = "out_of_range"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class IntakeQuestion:
    """One structured intake question. ``label`` may be a lazy translation."""

    key: str
    kind: AnswerKind
    label: Any = ""
    section: str = ""
    choices: Sequence[str] = field(default=())
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 4000


def intake_problems(
    answers: Mapping[str, Any], questions: Iterable[IntakeQuestion]
) -> dict[str, IntakeProblem]:
    """Check intake ``answers`` against ``questions``; return problems per answer key.

    Unanswered questions are fine (an intake may be filled in over several talks);
    ``None`` clears an answer.
    """
    by_key = {q.key: q for q in questions}
    problems: dict[str, IntakeProblem] = {}
    for key, value in answers.items():
        question = by_key.get(key)
        if question is None:
            problems[key] = IntakeProblem.UNKNOWN_QUESTION
            continue
        if value is None:
            continue
        problem = _answer_problem(question, value)
        if problem is not None:
            problems[key] = problem
    return problems


def _answer_problem(question: IntakeQuestion, value: Any) -> IntakeProblem | None:
    if question.kind is AnswerKind.BOOLEAN:
        return None if isinstance(value, bool) else IntakeProblem.WRONG_TYPE
    if question.kind is AnswerKind.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            return IntakeProblem.WRONG_TYPE
        too_low = question.minimum is not None and value < question.minimum
        too_high = question.maximum is not None and value > question.maximum
        return IntakeProblem.OUT_OF_RANGE if too_low or too_high else None
    if not isinstance(value, str):
        return IntakeProblem.WRONG_TYPE
    if question.kind is AnswerKind.CHOICE and value not in question.choices:
        return IntakeProblem.NOT_A_CHOICE
    return IntakeProblem.TOO_LONG if len(value) > question.max_length else None
