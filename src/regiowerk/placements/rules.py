"""Pure rules of placements: the mediation pipeline, the follow-up schedule and the
rule-based early warning.

No Django imports here (import-linter contract): plain Python, tested with hypothesis.
The placements app (models, pages, API) is built on these rules; they come first so
that what a labour expert sees is explainable before any statistical model exists.
"""

import calendar
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


class RuleError(ValueError):
    """Input no rule applies to (a schedule ending before it starts, a step backwards)."""


# --- The mediation pipeline -----------------------------------------------------------------
class Stage(enum.StrEnum):
    """Where a candidacy is, in the order the steps are taken."""

    RECRUITED = "recruited"  # found (by matching or by hand)
    SELECTED = "selected"  # the broker thinks the candidate fits
    NOMINATED = "nominated"  # proposed to the employer (voorgedragen)
    INTERVIEW = "interview"
    TRIAL = "trial"  # trial placement or work-learning place before the contract
    PLACED = "placed"


class Ending(enum.StrEnum):
    """How a candidacy ends without a placement."""

    WITHDRAWN = "withdrawn"  # by the broker
    REJECTED = "rejected"  # by the employer, with a reason
    DECLINED = "declined"  # by the candidate


PIPELINE = tuple(Stage)


def next_stages(stage: Stage) -> tuple[Stage, ...]:
    """The stages a candidacy may move on to: forward only, skipping steps allowed (a
    direct nomination, a placement without a trial); none once placed."""
    return PIPELINE[PIPELINE.index(stage) + 1 :]


def check_step(current: Stage, new: Stage) -> None:
    """Refuse a step that is not forward (a candidacy does not go back; it ends and a
    new one starts)."""
    if new not in next_stages(current):
        raise RuleError(f"a candidacy cannot go from {current} to {new}")


def may_end(stage: Stage) -> bool:
    """A candidacy ends (withdrawn, rejected, declined) at any stage before placed; a
    placement ends as a placement."""
    return stage is not Stage.PLACED


# --- The follow-up schedule -----------------------------------------------------------------
@dataclass(frozen=True)
class Schedule:
    """When a placement is followed up: ``first_days`` after the start, then after each
    of ``months``, then every ``every_months`` up to ``years`` after the start."""

    first_days: int = 14
    months: tuple[int, ...] = (1, 3, 6, 12)
    every_months: int = 6
    years: int = 5

    def __post_init__(self) -> None:
        problems = schedule_problems(
            first_days=self.first_days,
            months=self.months,
            every_months=self.every_months,
            years=self.years,
        )
        if problems:
            raise RuleError(f"not a follow-up schedule: {problems}")


MAX_FIRST_DAYS = 365
MAX_EVERY_MONTHS = 24
MAX_YEARS = 10


class ScheduleProblem(enum.StrEnum):
    OUT_OF_RANGE = "out_of_range"  # below 1 or above the field's maximum
    NOT_INCREASING = "not_increasing"  # months out of order or repeated
    BEYOND_LENGTH = "beyond_length"  # a month after the follow-up's years


def schedule_problems(
    *, first_days: int, months: Sequence[int], every_months: int, years: int
) -> dict[str, ScheduleProblem]:
    """What is wrong with a schedule, by field (empty when nothing is): the first
    check-in 1 to ``MAX_FIRST_DAYS`` days after the start, the months each once, in
    increasing order, from 1 up to the length, then every 1 to
    ``MAX_EVERY_MONTHS`` months, for 1 to ``MAX_YEARS`` years."""
    problems: dict[str, ScheduleProblem] = {}
    for name, value, highest in (
        ("first_days", first_days, MAX_FIRST_DAYS),
        ("every_months", every_months, MAX_EVERY_MONTHS),
        ("years", years, MAX_YEARS),
    ):
        if not 1 <= value <= highest:
            problems[name] = ScheduleProblem.OUT_OF_RANGE
    if list(months) != sorted(set(months)):
        problems["months"] = ScheduleProblem.NOT_INCREASING
    elif any(m < 1 for m in months):
        problems["months"] = ScheduleProblem.OUT_OF_RANGE
    elif "years" not in problems and any(m > 12 * years for m in months):
        problems["months"] = ScheduleProblem.BEYOND_LENGTH
    return problems


DEFAULT_SCHEDULE = Schedule()  # after 2 weeks, 1, 3, 6, 12 months, then every 6 months


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day
    (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def check_in_dates(
    start: date, schedule: Schedule = DEFAULT_SCHEDULE, *, ends_on: date | None = None
) -> list[date]:
    """The dates a placement that started on ``start`` is due for a check-in, up to
    ``schedule.years`` after the start or the day it ended, whichever comes first."""
    if ends_on is not None and ends_on < start:
        raise RuleError("a placement cannot end before it starts")
    horizon = months_after(start, 12 * schedule.years)
    if ends_on is not None:
        horizon = min(horizon, ends_on)
    due = [start + timedelta(days=schedule.first_days)]
    due += [months_after(start, m) for m in schedule.months]
    month = (schedule.months[-1] if schedule.months else 0) + schedule.every_months
    while months_after(start, month) <= horizon:
        due.append(months_after(start, month))
        month += schedule.every_months
    return sorted(d for d in set(due) if d <= horizon)


# --- Early warning ----------------------------------------------------------------------------
class Level(enum.StrEnum):
    ON_TRACK = "on_track"
    ATTENTION = "attention"
    AT_RISK = "at_risk"


class Factor(enum.StrEnum):
    """What can drive a placement's risk; each weighs a fixed number of points."""

    MISSED_CHECK_INS = "missed_check_ins"
    FALLING_SCORES = "falling_scores"
    LOW_SIGNAL = "low_signal"
    LAST_STATUS_AT_RISK = "last_status_at_risk"
    CONTRACT_ENDING = "contract_ending"
    SUPPORT_ENDING = "support_ending"


WEIGHTS = {
    Factor.MISSED_CHECK_INS: 15,  # per missed check-in, at most three counted
    Factor.FALLING_SCORES: 20,
    Factor.LOW_SIGNAL: 10,  # per signal at the bottom of its scale, at most three
    Factor.LAST_STATUS_AT_RISK: 30,
    Factor.CONTRACT_ENDING: 20,
    Factor.SUPPORT_ENDING: 15,
}
COUNTED_AT_MOST = 3
ENDING_WITHIN_DAYS = 60
ATTENTION_FROM = 25
AT_RISK_FROM = 50
LOW = 2  # on the 1-5 scale of a signal, this or lower is low


@dataclass(frozen=True)
class CheckInFacts:
    """What one held check-in said: the signals on a 1-5 scale (5 is good) and the
    overall status given."""

    held_on: date
    signals: dict[str, int]
    status: Level

    @property
    def mean(self) -> float | None:
        return sum(self.signals.values()) / len(self.signals) if self.signals else None


@dataclass(frozen=True)
class Contribution:
    factor: Factor
    points: int
    count: int = 1  # how many times it applied (missed check-ins, low signals)
    log_odds: float | None = None  # the statistical model's coefficient × value


@dataclass(frozen=True)
class Risk:
    """A score from 0 to 100 with the contributions that make it up, largest first:
    the rules' points (``source`` "rules"), or the statistical model's chance in
    percent (``source`` "model", see ``risk_model``)."""

    score: int
    level: Level
    contributions: tuple[Contribution, ...]
    source: str = "rules"


def level_of(score: int) -> Level:
    if score >= AT_RISK_FROM:
        return Level.AT_RISK
    return Level.ATTENTION if score >= ATTENTION_FROM else Level.ON_TRACK


def risk(
    *,
    today: date,
    due_dates: Sequence[date],
    check_ins: Sequence[CheckInFacts],
    contract_ends_on: date | None = None,
    support_ends_on: date | None = None,
) -> Risk:
    """The early-warning score of an active placement, explained: missed check-ins
    (due dates passed without a check-in in their window, see :func:`_missed`),
    falling scores (the last check-in's mean below the one before), low signals in the
    last check-in, its status at risk, and a contract or support ending within
    ``ENDING_WITHIN_DAYS`` days."""
    held = sorted(check_ins, key=lambda c: c.held_on)
    contributions: list[Contribution] = []

    missed = _missed(today, due_dates, [c.held_on for c in held])
    if missed:
        counted = min(missed, COUNTED_AT_MOST)
        contributions.append(
            Contribution(
                Factor.MISSED_CHECK_INS,
                WEIGHTS[Factor.MISSED_CHECK_INS] * counted,
                missed,
            )
        )
    if held:
        last = held[-1]
        if len(held) > 1:
            before, now = held[-2].mean, last.mean
            if before is not None and now is not None and now < before:
                contributions.append(
                    Contribution(Factor.FALLING_SCORES, WEIGHTS[Factor.FALLING_SCORES])
                )
        low = sum(1 for value in last.signals.values() if value <= LOW)
        if low:
            counted = min(low, COUNTED_AT_MOST)
            contributions.append(
                Contribution(
                    Factor.LOW_SIGNAL, WEIGHTS[Factor.LOW_SIGNAL] * counted, low
                )
            )
        if last.status is Level.AT_RISK:
            contributions.append(
                Contribution(
                    Factor.LAST_STATUS_AT_RISK, WEIGHTS[Factor.LAST_STATUS_AT_RISK]
                )
            )
    for factor, ends_on in (
        (Factor.CONTRACT_ENDING, contract_ends_on),
        (Factor.SUPPORT_ENDING, support_ends_on),
    ):
        if ends_on is not None and today <= ends_on <= today + timedelta(
            days=ENDING_WITHIN_DAYS
        ):
            contributions.append(Contribution(factor, WEIGHTS[factor]))

    score = min(100, sum(c.points for c in contributions))
    ordered = sorted(contributions, key=lambda c: (-c.points, c.factor))
    return Risk(score=score, level=level_of(score), contributions=tuple(ordered))


def _missed(today: date, due_dates: Sequence[date], held: Sequence[date]) -> int:
    return len(unanswered(today, due_dates, held))


def unanswered(
    today: date, due_dates: Sequence[date], held: Sequence[date]
) -> list[date]:
    """The due dates before ``today`` not answered by a check-in. A check-in answers
    one due date at most: the first unanswered one whose window holds it (after the
    previous due date, before the next one; the last window runs to ``today``)."""
    due = sorted(d for d in due_dates if d < today)
    unused = sorted(h for h in held if h <= today)
    missed = []
    for index in range(len(due)):
        opens = due[index - 1] if index else date.min
        closes = due[index + 1] if index + 1 < len(due) else today + timedelta(days=1)
        answer = next((h for h in unused if opens < h < closes), None)
        if answer is None:
            missed.append(due[index])
        else:
            unused.remove(answer)
    return missed


# --- What is still to do ---------------------------------------------------------------------
EARLY_DAYS = 14  # a check-in held this many days before a due date is held for it


@dataclass(frozen=True)
class Due:
    """Where a placement's schedule stands on a day.

    ``missed``: every due date passed without a check-in to answer it
    (:func:`unanswered`); they weigh in the early warning, however long ago.
    ``overdue``: the missed ones still to act on — those after the last check-in
    held, except the one it was held for early; a check-in held since a missed date
    closes it as a to-do (it stays missed). ``next_due``: the first date from today
    on that no check-in answers yet (one held since the last due date answers it
    early). The last check-in is held for the first due date after it when that
    lies within ``early_days`` and nearer than the due date before it: then that
    date is neither overdue nor next (it was on the due list when the check-in was
    held), even when :func:`unanswered` gave the check-in to an older date."""

    missed: tuple[date, ...]
    overdue: tuple[date, ...]
    next_due: date | None


def due(
    today: date,
    due_dates: Sequence[date],
    held: Sequence[date],
    *,
    early_days: int = EARLY_DAYS,
) -> Due:
    """The to-do of a placement on ``today`` from its due dates and the dates its
    scheduled check-ins were held (see :class:`Due`)."""
    dates = sorted(set(due_dates))
    held = sorted(h for h in held if h <= today)
    missed = unanswered(today, dates, held)
    last = held[-1] if held else None
    held_for = None  # the due date the last check-in was held for, early
    if last is not None:
        before = [d for d in dates if d <= last]
        after = [d for d in dates if d > last]
        if (
            after
            and after[0] <= last + timedelta(days=early_days)
            and (not before or after[0] - last < last - before[-1])
        ):
            held_for = after[0]
    overdue = tuple(d for d in missed if (last is None or d > last) and d != held_for)
    next_due = None
    for day in (d for d in dates if d >= today):
        answered_early = day == held_for or day not in unanswered(
            day + timedelta(days=1), dates, held
        )
        if not answered_early:
            next_due = day
            break
    return Due(missed=tuple(missed), overdue=overdue, next_due=next_due)
