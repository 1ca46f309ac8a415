"""Durability analytics of placements, over plain rows: how long placements last.

- Kaplan–Meier survival (lifelines' ``KaplanMeierFitter``), overall and by group
  (target group, kind, contract type, sector, support arrangement): the share of
  placements still running a number of days after their start, with a 95 % confidence
  band. A placement still running is *censored* at the day of observation: it counts
  as at risk up to then and never as ended.
- Retention at 6, 12 and 24 months, with its confidence interval.
- Quarterly inflow against outflow per region (the "110 placed, 75 lost" view).
- Reasons for ending, and what followed an ending (a new placement of the same person
  within N months).

No Django here (import-linter contract): the caller turns placements into
:class:`PlacementRow` values, so the figures are tested on tables written by hand.
Every count shown to an analyst goes through the common small-cell rules
(``common.smallcells``): a group holding fewer than ``k`` placements gets no curve (and
enough other groups are hidden that it cannot be derived); a curve stops where fewer
than ``k`` placements are still followed, and retention is not given past that point.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from lifelines import KaplanMeierFitter

from regiowerk.common.smallcells import (
    SMALL_CELL_THRESHOLD,
    SUPPRESSED,
    suppress_small_cells,
    suppress_total,
)
from regiowerk.placements.rules import months_after

CONFIDENCE = 0.95
RETENTION_MONTHS = (6, 12, 24)
DAYS_PER_MONTH = 365.25 / 12
ALL = ""  # the label of the curve over all placements

Count = int | str  # a count, or SUPPRESSED ("x")


def months_in_days(months: int) -> int:
    """A number of months as days on a survival curve's axis (6 months = 183 days)."""
    return round(months * DAYS_PER_MONTH)


# --- Rows ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Stay:
    """One placement as survival analysis sees it: the days it lasted (to its end, or
    to the day of observation while it runs) and whether it ended."""

    days: int
    ended: bool


@dataclass(frozen=True)
class PlacementRow:
    """One placement, as plain values.

    ``person`` is an opaque key (never a name or a BSN) that links an ending to the
    same person's next placement. ``groups`` maps a dimension ("kind", "sector",
    "support") to the labels the placement has in it: usually one, several for a
    dimension such as support arrangements, none when unknown.
    """

    person: Hashable
    started_on: date
    ended_on: date | None = None
    region: str = ""
    reason: str = ""  # the coded reason of the ending
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def stay(self, as_of: date) -> Stay | None:
        """The placement's stay as seen on ``as_of``: an ending after that day is not
        known yet (the stay is censored); None for a placement starting later."""
        if self.started_on > as_of:
            return None
        if self.ended_on is not None and self.ended_on <= as_of:
            return Stay((self.ended_on - self.started_on).days, ended=True)
        return Stay((as_of - self.started_on).days, ended=False)

    def ended_by(self, as_of: date) -> bool:
        return self.ended_on is not None and self.started_on <= self.ended_on <= as_of


# --- Kaplan–Meier --------------------------------------------------------------------------
@dataclass(frozen=True)
class CurvePoint:
    """The curve on one day where something happened: the share still placed after
    that day, its confidence band, how many were followed into the day and how many
    ended on it."""

    day: int
    survival: float
    lower: float
    upper: float
    at_risk: int
    ended: int


@dataclass(frozen=True)
class Retention:
    """The share of placements still running ``months`` after their start (None when
    too few placements have been followed that long to say)."""

    months: int
    day: int
    survival: float | None
    lower: float | None
    upper: float | None
    at_risk: Count


@dataclass(frozen=True)
class Curve:
    """A survival curve of one group. A suppressed group has ``placements`` and
    ``ended`` shown as "x", no points and no retention."""

    label: str
    placements: Count
    ended: Count
    points: tuple[CurvePoint, ...]
    retention: tuple[Retention, ...]

    @property
    def suppressed(self) -> bool:
        return self.placements == SUPPRESSED


def kaplan_meier(stays: Sequence[Stay], *, label: str = ALL, k: int = 0) -> Curve:
    """The Kaplan–Meier curve of ``stays`` (lifelines, 95 % exponential Greenwood
    band), with retention at :data:`RETENTION_MONTHS`. With ``k`` the curve stops
    before the first day on which fewer than ``k`` placements are followed; retention
    past that point is None."""
    ended = sum(stay.ended for stay in stays)
    if not stays:
        return Curve(label, 0, 0, (), _retention((), k))
    fitter = KaplanMeierFitter(alpha=1 - CONFIDENCE)
    fitter.fit(
        [stay.days for stay in stays], [stay.ended for stay in stays], label="km"
    )
    band = fitter.confidence_interval_survival_function_
    table = fitter.event_table
    points = tuple(
        CurvePoint(
            day=int(day),
            survival=float(survival),
            lower=float(lower),
            upper=float(upper),
            at_risk=int(at_risk),
            ended=int(observed),
        )
        for day, survival, lower, upper, at_risk, observed in zip(
            fitter.survival_function_.index,
            fitter.survival_function_["km"],
            band.iloc[:, 0],
            band.iloc[:, 1],
            table["at_risk"],
            table["observed"],
            strict=True,
        )
    )
    if k:
        followed = [point.at_risk >= k for point in points]
        points = points[: followed.index(False)] if False in followed else points
    return Curve(label, len(stays), ended, points, _retention(points, k, stays))


def _retention(
    points: Sequence[CurvePoint], k: int, stays: Sequence[Stay] = ()
) -> tuple[Retention, ...]:
    """Survival at each retention point: the curve's value on the last day at or
    before it. Unknown when no stay was followed that long, or (with ``k``) when fewer
    than ``k`` were."""
    result = []
    for months in RETENTION_MONTHS:
        day = months_in_days(months)
        followed = sum(1 for stay in stays if stay.days >= day)
        before = [point for point in points if point.day <= day]
        known = followed > 0 and bool(before) and (not k or followed >= k)
        shown: Count = (
            followed if not k or followed == 0 or followed >= k else SUPPRESSED
        )
        if known:
            point = before[-1]
            result.append(
                Retention(months, day, point.survival, point.lower, point.upper, shown)
            )
        else:
            result.append(Retention(months, day, None, None, None, shown))
    return tuple(result)


def survival_by_group(
    rows: Iterable[PlacementRow],
    *,
    dimension: str,
    as_of: date,
    k: int = SMALL_CELL_THRESHOLD,
) -> tuple[Curve, ...]:
    """The curve over all placements started by ``as_of``, then one per label of
    ``dimension`` (most placements first, then by label). Groups are hidden by the
    small-cell rules over their sizes; ``k=0`` shows everything (tests)."""
    everyone: list[Stay] = []
    by_label: dict[str, list[Stay]] = defaultdict(list)
    for row in rows:
        stay = row.stay(as_of)
        if stay is None:
            continue
        everyone.append(stay)
        for label in row.groups.get(dimension, ()):
            by_label[label].append(stay)
    sizes = {label: len(stays) for label, stays in by_label.items()}
    shown = suppress_small_cells(sizes, k=k) if k else dict(sizes)
    curves = [_suppressible(everyone, ALL, suppress_total(len(everyone), k=k), k)]
    for label in sorted(by_label, key=lambda label: (-sizes[label], label)):
        curves.append(_suppressible(by_label[label], label, shown[label], k))
    return tuple(curves)


def _suppressible(stays: Sequence[Stay], label: str, size: Count, k: int) -> Curve:
    if size == SUPPRESSED:
        hidden = tuple(
            Retention(m, months_in_days(m), None, None, None, SUPPRESSED)
            for m in RETENTION_MONTHS
        )
        return Curve(label, SUPPRESSED, SUPPRESSED, (), hidden)
    return kaplan_meier(stays, label=label, k=k)


# --- Inflow and outflow ----------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1-4

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    def next(self) -> "Quarter":
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)


@dataclass(frozen=True)
class QuarterFlow:
    quarter: Quarter
    placed: Count  # placements that started in the quarter
    lost: Count  # placements that ended in the quarter

    @property
    def net(self) -> int | None:
        """Placed minus lost, when neither is hidden."""
        if isinstance(self.placed, int) and isinstance(self.lost, int):
            return self.placed - self.lost
        return None


@dataclass(frozen=True)
class RegionFlow:
    region: str
    quarters: tuple[QuarterFlow, ...]


def quarters_between(first: date, last: date) -> tuple[Quarter, ...]:
    """The calendar quarters from the one holding ``first`` to the one holding
    ``last``."""
    quarter, end, result = Quarter.of(first), Quarter.of(last), []
    while quarter <= end:
        result.append(quarter)
        quarter = quarter.next()
    return tuple(result)


def flows(
    rows: Iterable[PlacementRow],
    *,
    since: date,
    until: date,
    k: int = SMALL_CELL_THRESHOLD,
) -> tuple[RegionFlow, ...]:
    """Per region (by name), per quarter from ``since`` to ``until``: how many
    placements started (placed) and ended (lost). Each region's placed and lost
    series is suppressed over its quarters on its own."""
    quarters = quarters_between(since, until)
    placed: dict[str, Counter[Quarter]] = defaultdict(Counter)
    lost: dict[str, Counter[Quarter]] = defaultdict(Counter)
    for row in rows:
        if since <= row.started_on <= until:
            placed[row.region][Quarter.of(row.started_on)] += 1
        if row.ended_on is not None and since <= row.ended_on <= until:
            lost[row.region][Quarter.of(row.ended_on)] += 1
    result = []
    for region in sorted(set(placed) | set(lost)):
        shown_placed = _suppressed_series(placed[region], quarters, k)
        shown_lost = _suppressed_series(lost[region], quarters, k)
        result.append(
            RegionFlow(
                region,
                tuple(QuarterFlow(q, shown_placed[q], shown_lost[q]) for q in quarters),
            )
        )
    return tuple(result)


def _suppressed_series(
    counts: Mapping[Quarter, int], quarters: Sequence[Quarter], k: int
) -> dict[Quarter, Count]:
    cells = {str(index): counts.get(q, 0) for index, q in enumerate(quarters)}
    shown = suppress_small_cells(cells, k=k) if k else dict(cells)
    return {q: shown[str(index)] for index, q in enumerate(quarters)}


# --- Endings and what followed ---------------------------------------------------------------
def ending_reasons(
    rows: Iterable[PlacementRow], *, as_of: date, k: int = SMALL_CELL_THRESHOLD
) -> dict[str, Count]:
    """How many placements ended by ``as_of`` per coded reason, most first."""
    counts = Counter(row.reason for row in rows if row.ended_by(as_of))
    ordered = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return suppress_small_cells(ordered, k=k) if k else dict(ordered)


REPLACED = "replaced"  # a new placement started within the window
NOT_REPLACED = "not_replaced"  # the window is over without one
PENDING = "pending"  # no new placement yet, the window still runs


def what_followed(
    rows: Iterable[PlacementRow],
    *,
    within_months: int,
    as_of: date,
    k: int = SMALL_CELL_THRESHOLD,
) -> dict[str, Count]:
    """For each placement ended by ``as_of``: did the same person start another
    placement within ``within_months`` after the ending (on the day of the ending or
    later, up to ``as_of``)? Counts of :data:`REPLACED`, :data:`NOT_REPLACED` and
    :data:`PENDING`."""
    rows = list(rows)
    by_person: dict[Hashable, list[PlacementRow]] = defaultdict(list)
    for row in rows:
        if row.started_on <= as_of:
            by_person[row.person].append(row)
    counts = {REPLACED: 0, NOT_REPLACED: 0, PENDING: 0}
    for row in rows:
        ended_on = row.ended_on
        if ended_on is None or not row.ended_by(as_of):
            continue
        window_ends = months_after(ended_on, within_months)
        placements = by_person[row.person]
        if len(placements) > 1 and any(
            other is not row and ended_on <= other.started_on <= window_ends
            for other in placements
        ):
            counts[REPLACED] += 1
        elif window_ends > as_of:
            counts[PENDING] += 1
        else:
            counts[NOT_REPLACED] += 1
    return suppress_small_cells(counts, k=k) if k else dict(counts)
