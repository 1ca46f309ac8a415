"""Pure rules of programme monitoring: the subsidy rule, reporting periods, target status.

No Django imports here (import-linter contract): plain Python, tested with hypothesis.
Money is integer cents; a percentage is a Decimal (69 means 69 %).
"""

import calendar
import enum
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


class RuleError(ValueError):
    """Input that no rule can apply to (negative money, a period ending before it starts)."""


class Rounding(enum.StrEnum):
    DOWN_TO_EURO = "down_to_euro"
    DOWN_TO_CENT = "down_to_cent"


class Cadence(enum.StrEnum):
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


CADENCE_MONTHS = {Cadence.QUARTERLY: 3, Cadence.HALF_YEARLY: 6, Cadence.YEARLY: 12}


class TargetStatus(enum.StrEnum):
    NO_TARGET = "no_target"  # nothing numeric to meet
    OPEN = "open"  # not (yet) met, and the period is not over
    MET = "met"
    MISSED = "missed"


# --- Subsidy ------------------------------------------------------------------------------
def max_subsidy_cents(
    direct_costs_cents: int, *, percentage: Decimal, rounding: Rounding
) -> int:
    """The maximum subsidy the rule allows: ``percentage`` of the budgeted direct costs,
    rounded down (DWSRA: 69 %, to whole euros). Exact arithmetic, no floats."""
    if direct_costs_cents < 0:
        raise RuleError("direct costs cannot be negative")
    if not Decimal(0) <= percentage <= Decimal(100):
        raise RuleError("the percentage lies between 0 and 100")
    cents = int(
        Fraction(direct_costs_cents) * Fraction(percentage) / 100
    )  # floor: >= 0
    if rounding is Rounding.DOWN_TO_EURO:
        cents -= cents % 100
    return cents


def percentage_of(part: int, whole: int) -> int | None:
    """``part`` as whole percent of ``whole``, half up (requested as % of the maximum);
    None when ``whole`` is zero."""
    if whole == 0:
        return None
    return int((Decimal(100 * part) / Decimal(whole)).quantize(1, ROUND_HALF_UP))


# --- Periods ------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Period:
    """A span of days, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RuleError("a period cannot end before it starts")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_partial_date(text: str, *, end: bool) -> date:
    """``2017-07-15`` as it is; ``2017-07`` as the month's first day, or its last day when
    ``end`` (a period given by months in a source document)."""
    parts = text.strip().split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text.strip())
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            return month_end(year, month) if end else date(year, month, 1)
    except ValueError as exc:
        raise RuleError(f"not a date: {text!r}") from exc
    raise RuleError(f"not a date: {text!r}")


def _block_start(day: date, months: int) -> date:
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def reporting_periods(period: Period, cadence: Cadence) -> list[Period]:
    """The calendar quarters (halves, years) that ``period`` touches, clipped to it: a
    project from 15 July to 31 December reports over 15 Jul–30 Sep and Q4."""
    months = CADENCE_MONTHS[cadence]
    periods = []
    block = _block_start(period.start, months)
    while block <= period.end:
        following = _add_months(block, months)
        periods.append(
            Period(
                max(block, period.start),
                min(following - timedelta(days=1), period.end),
            )
        )
        block = following
    return periods


def report_due_on(period: Period, *, days_after_end: int) -> date:
    """When the report over ``period`` is due."""
    if days_after_end < 0:
        raise RuleError("a report cannot be due before its period ends")
    return period.end + timedelta(days=days_after_end)


# --- Targets ------------------------------------------------------------------------------
def target_status(
    *, current: Decimal | None, realised: Decimal | None, is_over: bool
) -> TargetStatus:
    """Met when the realised value reaches the current target; missed when it does not
    and the period is over; open before that. No current target: nothing to meet."""
    if current is None:
        return TargetStatus.NO_TARGET
    if realised is not None and realised >= current:
        return TargetStatus.MET
    return TargetStatus.MISSED if is_over else TargetStatus.OPEN


def is_revised(original: Decimal | None, current: Decimal | None) -> bool:
    """The target was changed (up, down, set where there was none, or dropped)."""
    return original != current


class Progress(enum.StrEnum):
    """Where an indicator stands on a day of its project: the target status of a
    project leader, who wants to know before the end whether it will be met."""

    NO_TARGET = "no_target"
    MET = "met"
    ON_TRACK = "on_track"  # at least the share of the target that time has used
    BEHIND = "behind"  # less than that, while there is still time
    MISSED = "missed"  # not met, and the period is over


def expected_by(current: Decimal, period: Period, as_of: date) -> Decimal:
    """The part of ``current`` due by ``as_of`` when realisation runs evenly over the
    period (0 before it starts, all of it once it is over)."""
    total = (period.end - period.start).days + 1
    elapsed = min(max((as_of - period.start).days + 1, 0), total)
    return current * elapsed / total


def progress(
    *,
    current: Decimal | None,
    realised: Decimal | None,
    period: Period,
    as_of: date,
) -> Progress:
    """Met once the realised value reaches the current target; missed when the period
    is over before that; else on track or behind against an even pace."""
    if current is None:
        return Progress.NO_TARGET
    done = realised if realised is not None else Decimal(0)
    if done >= current:
        return Progress.MET
    if as_of > period.end:
        return Progress.MISSED
    return (
        Progress.ON_TRACK
        if done >= expected_by(current, period, as_of)
        else Progress.BEHIND
    )


# --- Costs and budget ---------------------------------------------------------------------
class CostCategory(enum.StrEnum):
    """What a cost is for. Participants' costs come from the registry (the price of
    each started enrolment); staff and material are entered; overhead follows from the
    programme's rule."""

    PARTICIPANTS = "participants"
    STAFF = "staff"
    MATERIAL = "material"
    OVERHEAD = "overhead"


ENTERED_CATEGORIES = (CostCategory.STAFF, CostCategory.MATERIAL)


def staff_cost_cents(hours: Decimal, hourly_rate_cents: int) -> int:
    """Hours times the hourly rate, to the nearest cent (half up)."""
    if hours < 0 or hourly_rate_cents < 0:
        raise RuleError("hours and rate cannot be negative")
    return int((hours * hourly_rate_cents).quantize(1, ROUND_HALF_UP))


def overhead_cents(base_cents: int, *, percentage: Decimal) -> int:
    """Overhead as the programme's rule says: ``percentage`` of ``base_cents`` (the
    staff costs), rounded down to the cent, so it never exceeds the rule."""
    if base_cents < 0:
        raise RuleError("costs cannot be negative")
    if not Decimal(0) <= percentage <= Decimal(100):
        raise RuleError("the percentage lies between 0 and 100")
    return int(Fraction(base_cents) * Fraction(percentage) / 100)


def running_totals(values: list[int]) -> list[int]:
    """The running total after each value: 1, 2, 3 gives 1, 3, 6."""
    totals, total = [], 0
    for value in values:
        total += value
        totals.append(total)
    return totals


def overhead_per_period(staff_cents: list[int], *, percentage: Decimal) -> list[int]:
    """Overhead per period, taken from the running total of the staff costs so the
    periods add up to the overhead of the whole (no cent lost to rounding)."""
    earlier, result = 0, []
    for total in running_totals(staff_cents):
        overhead = overhead_cents(total, percentage=percentage)
        result.append(overhead - earlier)
        earlier = overhead
    return result


def amounts_per_period(
    amounts: list[tuple[date, int]], periods: list[Period]
) -> list[int]:
    """The sum of the dated ``amounts`` that fall in each period (others are left
    out: a cost before the project started is not the project's)."""
    sums = [0] * len(periods)
    for day, cents in amounts:
        for index, period in enumerate(periods):
            if day in period:
                sums[index] += cents
                break
    return sums


def per_participant_cents(total_cents: int, participants: int) -> int | None:
    """The costs per participant, to the nearest cent; None without participants."""
    if participants <= 0:
        return None
    return int((Decimal(total_cents) / participants).quantize(1, ROUND_HALF_UP))


@dataclass(frozen=True)
class BudgetPoint:
    """Where spending stands at the end of one period against the planned curve."""

    planned_cents: int | None  # planned for this period (None: no plan)
    spent_cents: int
    planned_total_cents: int | None  # the running totals
    spent_total_cents: int
    used_percentage: int | None  # spent so far as whole % of the budget

    @property
    def deviation_cents(self) -> int | None:
        """Spent minus planned so far: above zero is ahead of the plan."""
        if self.planned_total_cents is None:
            return None
        return self.spent_total_cents - self.planned_total_cents


def budget_curve(
    planned: list[int | None], spent: list[int], *, budget_cents: int
) -> list[BudgetPoint]:
    """The planned and the realised spending per period, and their running totals: the
    plan need not be even (a start-up phase spends little). A period without a planned
    amount plans nothing when other periods have one; no plan at all gives no curve."""
    if len(planned) != len(spent):
        raise RuleError("one planned amount per period")
    has_plan = any(p is not None for p in planned)
    planned_totals = running_totals([p or 0 for p in planned])
    return [
        BudgetPoint(
            planned_cents=(plan or 0) if has_plan else None,
            spent_cents=cents,
            planned_total_cents=planned_total if has_plan else None,
            spent_total_cents=spent_total,
            used_percentage=percentage_of(spent_total, budget_cents),
        )
        for plan, cents, planned_total, spent_total in zip(
            planned, spent, planned_totals, running_totals(spent), strict=True
        )
    ]


# --- Eligibility: who counts for the funder ---------------------------------------------
class EligibilityKind(enum.StrEnum):
    """The kinds of eligibility rule a programme can set (its parameter in brackets)."""

    MAX_MONTHS_ON_WW = "max_months_on_ww"  # (months) on WW at most N months at start
    LABOUR_STATUS_AT_START = "labour_status_at_start"  # (statuses) the target group
    MIN_AGE_AT_START = "min_age_at_start"  # (years) e.g. 45 or older at start
    COMPLETED_INTAKE = "completed_intake"  # () an intake recorded in the dossier


class Declarability(enum.StrEnum):
    """Why a participant is or is not on the funder's list, first reason first."""

    DECLARABLE = "declarable"
    NO_BSN = "no_bsn"
    NO_CONSENT = "no_consent"
    INCOMPLETE = "incomplete"  # the dossier lacks what the programme requires
    INELIGIBLE = "ineligible"


WW_BENEFIT = "ww_benefit"  # people.constants.LabourStatus.WW_BENEFIT (no Django here)


@dataclass(frozen=True)
class EligibilityRule:
    kind: EligibilityKind
    months: int | None = None
    years: int | None = None
    statuses: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        needs = {
            EligibilityKind.MAX_MONTHS_ON_WW: self.months,
            EligibilityKind.MIN_AGE_AT_START: self.years,
        }
        if self.kind in needs:
            number = needs[self.kind]
            if number is None or number < 0:
                raise RuleError(f"{self.kind} needs a number of 0 or more")
        if self.kind is EligibilityKind.LABOUR_STATUS_AT_START and not self.statuses:
            raise RuleError(f"{self.kind} needs at least one labour status")


@dataclass(frozen=True)
class Participant:
    """What the rules know of one participant (one human, counted once)."""

    starts_on: date  # the first registration in the project
    status_at_start: str | None  # the labour status observed last on or before it
    status_since: date | None  # since when that status held
    birth_year: int | None
    has_bsn: bool
    has_reporting_consent: bool
    has_intake: bool


@dataclass(frozen=True)
class Failure:
    """One rule a participant does not meet, with the facts that decided it."""

    rule: EligibilityRule
    category: Declarability
    months: int | None = None  # on WW at start, for MAX_MONTHS_ON_WW
    age: int | None = None  # at start, for MIN_AGE_AT_START
    status: str | None = None  # at start, for LABOUR_STATUS_AT_START


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is not later)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _failure(rule: EligibilityRule, person: Participant) -> Failure | None:
    kind = rule.kind
    if kind is EligibilityKind.COMPLETED_INTAKE:
        return None if person.has_intake else Failure(rule, Declarability.INCOMPLETE)
    if kind is EligibilityKind.LABOUR_STATUS_AT_START:
        if person.status_at_start in rule.statuses:
            return None
        return Failure(rule, Declarability.INELIGIBLE, status=person.status_at_start)
    if kind is EligibilityKind.MIN_AGE_AT_START:
        if person.birth_year is None:
            return Failure(rule, Declarability.INCOMPLETE)
        age = person.starts_on.year - person.birth_year  # by birth year only
        limit = rule.years or 0
        return (
            None if age >= limit else Failure(rule, Declarability.INELIGIBLE, age=age)
        )
    # MAX_MONTHS_ON_WW: only someone on WW at the start can have been on it too long
    if person.status_at_start != WW_BENEFIT:
        return None
    if person.status_since is None:
        return Failure(rule, Declarability.INCOMPLETE)
    months = months_between(person.status_since, person.starts_on)
    limit = rule.months or 0
    return (
        None
        if months <= limit
        else Failure(rule, Declarability.INELIGIBLE, months=months)
    )


def eligibility_failures(
    rules: tuple[EligibilityRule, ...] | list[EligibilityRule], person: Participant
) -> list[Failure]:
    """Every rule ``person`` does not meet, in the order of the rules."""
    return [f for f in (_failure(rule, person) for rule in rules) if f is not None]


def declarability(
    rules: tuple[EligibilityRule, ...] | list[EligibilityRule], person: Participant
) -> tuple[Declarability, list[Failure]]:
    """Whether ``person`` goes on the funder's list, and if not the first reason: no
    BSN, then no consent to report it, then an incomplete dossier, then a rule not met.
    The failures are returned whatever the reason, so a list can say all of them."""
    failures = eligibility_failures(rules, person)
    if not person.has_bsn:
        return Declarability.NO_BSN, failures
    if not person.has_reporting_consent:
        return Declarability.NO_CONSENT, failures
    for category in (Declarability.INCOMPLETE, Declarability.INELIGIBLE):
        if any(f.category is category for f in failures):
            return category, failures
    return Declarability.DECLARABLE, failures


def status_at(
    observations: list[tuple[date, str]], day: date
) -> tuple[str | None, date | None]:
    """The labour status on ``day`` from dated observations (any order), and since
    when it held without change: the first observation of the unbroken run of that
    status up to ``day``. Nothing observed by then: ``(None, None)``."""
    before = sorted(o for o in observations if o[0] <= day)
    if not before:
        return None, None
    status = before[-1][1]
    since = before[-1][0]
    for observed_on, earlier in reversed(before):
        if earlier != status:
            break
        since = observed_on
    return status, since
