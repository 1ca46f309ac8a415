"""Pure rules about services, enrolments and events (no Django: import-linter contract).

Statuses and codes are plain strings here (the TextChoices values in constants.py), so
the rules can be tested without a database and reused by imports and reports.

Enrolment life cycle::

    registered ──start──▶ started ──complete──▶ completed
        │                    │
        └──────drop out──────┴──────────────▶ dropped_out (reason required)
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

REGISTERED = "registered"
STARTED = "started"
COMPLETED = "completed"
DROPPED_OUT = "dropped_out"

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    REGISTERED: frozenset({STARTED, DROPPED_OUT}),
    STARTED: frozenset({COMPLETED, DROPPED_OUT}),
    COMPLETED: frozenset(),
    DROPPED_OUT: frozenset(),
}
FINAL_STATUSES = frozenset({COMPLETED, DROPPED_OUT})

HEAD_COUNT_MAX = 100_000  # walk-ins at one event: far above any real one
SATISFACTION_MIN = 1
SATISFACTION_MAX = 10


class RuleError(ValueError):
    """A domain rule was broken; ``code`` says which (actions translate it)."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


# --- Enrolment status -------------------------------------------------------------------


def can_transition(current: str, new: str) -> bool:
    """True when an enrolment may move from ``current`` to ``new``."""
    return new in ALLOWED_TRANSITIONS.get(current, frozenset())


def check_transition(current: str, new: str, *, drop_out_reason: str = "") -> None:
    """Raise RuleError unless ``current → new`` is allowed (with its requirements)."""
    if not can_transition(current, new):
        raise RuleError("invalid_transition", "status")
    if new == DROPPED_OUT and not drop_out_reason.strip():
        raise RuleError("reason_required", "drop_out_reason")


def check_dates_in_order(earlier: date | None, later: date | None, field: str) -> None:
    """A later life-cycle date (start, completion) cannot lie before the earlier one."""
    if earlier is not None and later is not None and later < earlier:
        raise RuleError("date_before_previous_step", field)


# --- Capacity and active period ------------------------------------------------------------


def has_room(capacity: int | None, taken: int, *, extra: int = 1) -> bool:
    """True when ``extra`` more places fit; ``capacity`` None means unlimited."""
    return capacity is None or taken + extra <= capacity


def places_left(capacity: int | None, taken: int) -> int | None:
    """Free places (never negative), or None when the capacity is unlimited."""
    return None if capacity is None else max(capacity - taken, 0)


def is_active_on(
    on: date, *, is_active: bool, active_from: date | None, active_until: date | None
) -> bool:
    """A service can be chosen on ``on``: switched on and within its (open) period."""
    if not is_active:
        return False
    if active_from is not None and on < active_from:
        return False
    return active_until is None or on <= active_until


def check_period(active_from: date | None, active_until: date | None) -> None:
    """Raise RuleError when the period ends before it starts (open ends are fine)."""
    if active_from and active_until and active_until < active_from:
        raise RuleError("period_ends_before_start", "active_until")


# --- Satisfaction ----------------------------------------------------------------------------


def is_valid_satisfaction(score: int) -> bool:
    """A satisfaction score is a whole number from 1 to 10 (the Dutch school grade)."""
    return (
        isinstance(score, int)
        and not isinstance(score, bool)
        and SATISFACTION_MIN <= score <= SATISFACTION_MAX
    )


# --- Multi-valued codes (themes, target groups) ---------------------------------------------


def normalise_codes(values: Iterable[str], allowed: Iterable[str]) -> list[str]:
    """Deduplicate ``values`` keeping their order; raise RuleError on an unknown code."""
    known = set(allowed)
    result: list[str] = []
    for value in values:
        if value not in known:
            raise RuleError("unknown_code")
        if value not in result:
            result.append(value)
    return result


# --- Event reach ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """Who an event reached: named registrations that attended, plus walk-ins."""

    registered: int
    attended: int
    anonymous: int

    @property
    def total(self) -> int:
        return self.attended + self.anonymous


def event_reach(attended_flags: Sequence[bool], anonymous_head_count: int) -> Reach:
    """Reach of an event from its registrations' attendance flags and the head count."""
    if anonymous_head_count < 0:
        raise RuleError("negative_head_count", "anonymous_head_count")
    return Reach(
        registered=len(attended_flags),
        attended=sum(1 for flag in attended_flags if flag),
        anonymous=anonymous_head_count,
    )


def attendance_rate(present_flags: Sequence[bool]) -> float | None:
    """Share of recorded sessions attended (0..1), or None when nothing is recorded."""
    if not present_flags:
        return None
    return sum(1 for flag in present_flags if flag) / len(present_flags)
