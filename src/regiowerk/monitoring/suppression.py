"""Small cells hidden for readers who see aggregates only (analysts), by the common
rules (``common.smallcells``), applied once to the frozen structures — the monitor,
served versus declarable, a trace — before anything renders them, so the page, the
PDF, the Excel workbook and the API show the same "x".

What counts as a cell: a figure about persons (distinct persons counted, a share's
cohort and those with the outcome). Counts of rows (events held), sums (money, hours)
and counts of employers are not about persons and stay as they are.

- A count of persons per period: the periods form one table (the cumulative figure,
  distinct persons from the project's start, is its public total). A period below
  ``k`` is hidden, and secondary suppression hides further periods until no hidden one
  can be derived from the total by subtraction; the total itself is hidden when small.
- A share (percentage): hidden when its cohort, or the persons with or without the
  outcome, is small (above zero) — a percentage of a known cohort gives the number.
- Served versus declarable: the states partition the persons served (the total), so
  they are suppressed as one table; the rules failed (one person may fail several)
  likewise as their own table. The funder's list and its subjects are dropped.
"""

import dataclasses
from decimal import Decimal

from regiowerk.common.smallcells import (
    SMALL_CELL_THRESHOLD,
    SUPPRESSED,
    suppress_small_cells,
    suppress_total,
)
from regiowerk.monitoring.declarable import Declarable
from regiowerk.monitoring.permissions import sees_aggregates_only
from regiowerk.monitoring.reports import IndicatorLine, ProjectMonitor, Shown
from regiowerk.monitoring.trace import Trace
from regiowerk.organisations.queries import Actor


def _small(n: int | None) -> bool:
    return n is not None and 0 < n < SMALL_CELL_THRESHOLD


def _share_hidden(cohort: int, with_outcome: int | None) -> bool:
    return _small(cohort) or (
        with_outcome is not None
        and (_small(with_outcome) or _small(cohort - with_outcome))
    )


def indicator_line(
    line: IndicatorLine, period_index: int, *, actor: Actor
) -> IndicatorLine:
    """One line of the monitor as ``actor`` may see it."""
    return _line(line, period_index) if sees_aggregates_only(actor) else line


def _line(line: IndicatorLine, period_index: int) -> IndicatorLine:
    if not line.cells:
        return line
    *periods, (total, total_with) = line.cells
    per_period: tuple[Shown, ...]
    if total_with is not None:  # a share
        per_period = tuple(
            SUPPRESSED if _share_hidden(cohort, with_) else value
            for (cohort, with_), value in zip(periods, line.per_period, strict=True)
        )
        realised = SUPPRESSED if _share_hidden(total, total_with) else line.realised
    else:
        shown = suppress_small_cells({str(i): n for i, (n, _) in enumerate(periods)})
        per_period = tuple(
            v if isinstance(v, str) else Decimal(v) for v in shown.values()
        )
        hidden_total = suppress_total(total)
        realised = hidden_total if isinstance(hidden_total, str) else line.realised
    return dataclasses.replace(
        line,
        per_period=per_period,
        in_period=per_period[period_index],
        realised=realised,
        persons=suppress_total(total),
        cells=(),
    )


def monitor(report: ProjectMonitor, *, actor: Actor) -> ProjectMonitor:
    """The monitor as ``actor`` may see it."""
    if not sees_aggregates_only(actor):
        return report
    costs = report.costs
    hidden = (
        suppress_total(costs.participants)
        if isinstance(costs.participants, int)
        else costs.participants
    )
    return dataclasses.replace(
        report,
        suppressed=True,
        indicators=tuple(
            _line(line, report.period.index) for line in report.indicators
        ),
        costs=dataclasses.replace(
            costs,
            participants=hidden,
            per_participant_cents=None
            if isinstance(hidden, str)
            else costs.per_participant_cents,
        ),
    )


def declarable(result: Declarable, *, actor: Actor) -> Declarable:
    """Served versus declarable as ``actor`` may see it (an analyst: no subjects)."""
    if not sees_aggregates_only(actor):
        return result
    states = suppress_small_cells(
        {state: int(n) for state, _label, n in result.by_state}
    )
    failing = suppress_small_cells(
        {str(i): int(n) for i, (_words, n) in enumerate(result.by_rule)}
    )
    return dataclasses.replace(
        result,
        served=suppress_total(result.served)
        if isinstance(result.served, int)
        else result.served,
        by_state=tuple(
            (state, label, states[state]) for state, label, _n in result.by_state
        ),
        by_rule=tuple(
            (words, failing[str(i)]) for i, (words, _n) in enumerate(result.by_rule)
        ),
        lines=(),
    )


def trace(found: Trace, *, actor: Actor) -> Trace:
    """A trace as ``actor`` may see it (an analyst: small counts of persons hidden)."""
    if (
        not sees_aggregates_only(actor)
        or not found.counts_persons
        or not isinstance(found.subjects, int)
    ):
        return found
    if found.is_share:
        with_outcome = found.with_outcome
        hidden = _share_hidden(
            found.subjects, with_outcome if isinstance(with_outcome, int) else None
        )
        return dataclasses.replace(
            found,
            value=SUPPRESSED if hidden else found.value,
            subjects=suppress_total(found.subjects),
            with_outcome=SUPPRESSED if hidden else found.with_outcome,
            without_observation=suppress_total(found.without_observation)
            if isinstance(found.without_observation, int)
            else found.without_observation,
        )
    subjects = suppress_total(found.subjects)
    return dataclasses.replace(
        found,
        value=SUPPRESSED if isinstance(subjects, str) else found.value,
        subjects=subjects,
    )
