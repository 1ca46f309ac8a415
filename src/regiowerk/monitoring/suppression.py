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

Suppression alone does not stop differencing (look, wait for one registration, look
again), so for these readers the figures about persons are also *published per
calendar month* (``common.published``, as people's overviews): the first look at any of
a project's figures in a month counts, for every computed indicator over persons and
for the participants behind the costs, every period and every running total to a
period's end (all together: one aggregate query per fact table), and stores them; the monitor, one
indicator's values and a trace are then built from those stored counts all month, on
every period chosen, and say the day they were counted. Served versus declarable is
published the same way, as first shown in the month.
"""

import dataclasses
from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import Any

from regiowerk.common import facts
from regiowerk.common.published import Published, published
from regiowerk.common.smallcells import (
    SMALL_CELL_THRESHOLD,
    SUPPRESSED,
    suppress_small_cells,
    suppress_total,
)
from regiowerk.monitoring import costs, declarable, queries, reports, rules
from regiowerk.monitoring.constants import IndicatorKind, ProgressState
from regiowerk.monitoring.declarable import Declarable
from regiowerk.monitoring.models import Project
from regiowerk.monitoring.permissions import sees_aggregates_only
from regiowerk.monitoring.reports import IndicatorLine, ProjectMonitor, Shown
from regiowerk.monitoring.trace import IN_PERIOD, Trace
from regiowerk.organisations.queries import Actor


def _small(n: int | None) -> bool:
    return n is not None and 0 < n < SMALL_CELL_THRESHOLD


def _share_hidden(cohort: int, with_outcome: int | None) -> bool:
    return _small(cohort) or (
        with_outcome is not None
        and (_small(with_outcome) or _small(cohort - with_outcome))
    )


# --- Published per month ---------------------------------------------------------------
PARTICIPANTS_KEY = "participants"  # the distinct participants behind the costs
DECLARABLE_KEY = "declarable"  # served versus declarable
# A published figure: value, cohort (a share), unknown (a follow-up), subjects counted.
Counted = list[int | None]


def _key(indicator_id: int) -> str:
    return f"indicator:{indicator_id}"


def _definitions(project: Project) -> dict[str, facts.Definition]:
    """What the project publishes: each computed indicator over persons, by key."""
    found = {PARTICIPANTS_KEY: facts.parse_definition(costs.PARTICIPANTS)}
    for indicator in queries.project_indicators(project):
        if indicator.kind != IndicatorKind.COMPUTED:
            continue
        definition = facts.parse_definition(indicator.definition)
        if facts.get_table(definition.table).subject_kind == "person":
            found[_key(indicator.pk)] = definition
    return found


def _count(
    definitions: dict[str, facts.Definition],
    project: Project,
    spans: list[tuple[date, date]],
) -> dict[str, list[Counted]]:
    """Per key its counts over ``spans``, and the distinct persons behind each: all
    keys together (``facts.evaluate_all``: one aggregate query per fact table)."""
    scope = project.scope()
    asked: list[tuple[str, str]] = []
    questions: list[facts.Question] = []

    def ask(key: str, part: str, definition: facts.Definition) -> None:
        asked.append((key, part))
        questions.extend(facts.Question(definition, scope, s, e) for s, e in spans)

    for key, definition in definitions.items():
        ask(key, "figures", definition)
        if definition.measure is not facts.Measure.COUNT_SUBJECTS and not (
            definition.is_share
        ):  # a count of rows or a sum over persons: the distinct persons too
            persons = dataclasses.replace(
                definition, measure=facts.Measure.COUNT_SUBJECTS, column=""
            )
            ask(key, "persons", persons)
    answers = iter(facts.evaluate_all(questions))
    got = {asking: [next(answers) for _span in spans] for asking in asked}
    counted: dict[str, list[Counted]] = {}
    for key, definition in definitions.items():
        figures = got[key, "figures"]
        if definition.measure is facts.Measure.COUNT_SUBJECTS:
            subjects: list[int | None] = [f.value for f in figures]
        elif definition.is_share:  # the cohort, and for a follow-up those unobserved
            subjects = [(f.cohort or 0) + (f.unknown or 0) for f in figures]
        else:
            subjects = [f.value for f in got[key, "persons"]]
        counted[key] = [
            [f.value, f.cohort, f.unknown, n]
            for f, n in zip(figures, subjects, strict=True)
        ]
    return counted


def _publication(project: Project) -> Published:
    """The project's figures about persons as published for this month: per key, the
    counts within each period (``in``) and from the start to each period's end
    (``to``)."""
    periods = reports.reporting_periods(project)
    spans = [(p.start, p.end) for p in periods]
    spans += [(project.starts_on, p.end) for p in periods]
    definitions = _definitions(project)

    def count(keys: Collection[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        asked = {key: definitions[key] for key in keys if key != DECLARABLE_KEY}
        for key, n in _count(asked, project, spans).items():
            found[key] = {"in": n[: len(periods)], "to": n[len(periods) :]}
        if DECLARABLE_KEY in keys:
            found[DECLARABLE_KEY] = _declarable_counts(
                declarable.project_declarable(project)
            )
        return found

    return published(
        f"monitoring.project:{project.pk}",
        keys=[*definitions, DECLARABLE_KEY],
        count=count,
    )


def _declarable_counts(result: Declarable) -> dict[str, Any]:
    return {
        "served": result.served,
        "by_state": {state: n for state, _label, n in result.by_state},
        "by_rule": dict(result.by_rule),
    }


def _figure(counted: Counted) -> facts.Figure:
    return facts.Figure(value=counted[0] or 0, cohort=counted[1], unknown=counted[2])


def _reported(counted: Counted, *, share: bool) -> Decimal | None:
    figure = _figure(counted)
    return figure.percentage if share else Decimal(figure.value)


def _published_line(
    line: IndicatorLine,
    publication: Published,
    period_index: int,
    *,
    project: Project,
    as_of: date,
) -> IndicatorLine:
    """``line`` with the month's published counts instead of today's (only a line
    over persons, which has cells, is published)."""
    found = publication.figures.get(_key(line.indicator_id))
    if not line.cells or found is None:
        return line
    share = line.cells[-1][1] is not None
    within, total = found["in"], found["to"][period_index]
    realised = _reported(total, share=share)
    state = str(
        rules.progress(
            current=line.current, realised=realised, period=project.period, as_of=as_of
        )
    )
    cells = tuple(
        (c[1] or 0, c[0]) if share else (c[0], None) for c in (*within, total)
    )
    per_period = tuple(_reported(c, share=share) for c in within)
    return dataclasses.replace(
        line,
        realised=realised,
        per_period=per_period,
        in_period=per_period[period_index],
        persons=total[1] if share else total[0],
        cells=cells,
        progress=state,
        progress_label=str(dict(ProgressState.choices).get(state, state)),
    )


def indicator_line(
    line: IndicatorLine,
    period_index: int,
    *,
    actor: Actor,
    project: Project,
    as_of: date,
) -> IndicatorLine:
    """One line of the monitor as ``actor`` may see it."""
    if not sees_aggregates_only(actor):
        return line
    publication = _publication(project)
    return _line(
        _published_line(line, publication, period_index, project=project, as_of=as_of),
        period_index,
    )


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


def monitor(
    report: ProjectMonitor, *, actor: Actor, project: Project
) -> ProjectMonitor:
    """The monitor as ``actor`` may see it."""
    if not sees_aggregates_only(actor):
        return report
    publication = _publication(project)
    index = report.period.index
    spent = report.costs
    counted = publication.figures[PARTICIPANTS_KEY]["to"][index][0]
    hidden = suppress_total(counted)
    return dataclasses.replace(
        report,
        suppressed=True,
        counted_on=publication.counted_on,
        indicators=tuple(
            _line(
                _published_line(
                    line, publication, index, project=project, as_of=report.as_of
                ),
                index,
            )
            for line in report.indicators
        ),
        costs=dataclasses.replace(
            spent,
            participants=hidden,
            per_participant_cents=None
            if isinstance(hidden, str)
            else rules.per_participant_cents(spent.total_cents, counted),
        ),
    )


def served_versus_declarable(
    result: Declarable, *, actor: Actor, project: Project
) -> Declarable:
    """Served versus declarable as ``actor`` may see it (an analyst: the month's
    published counts, suppressed, and no subjects)."""
    if not sees_aggregates_only(actor):
        return result
    counts = _publication(project).figures[DECLARABLE_KEY]
    states = suppress_small_cells(
        {
            state: int(counts["by_state"].get(state, 0))
            for state, _l, _n in result.by_state
        }
    )
    rule_counts = counts["by_rule"]
    failing = suppress_small_cells(
        {
            words: int(rule_counts[words])
            for words, _n in result.by_rule
            if words in rule_counts
        }
    )
    return dataclasses.replace(
        result,
        served=suppress_total(int(counts["served"])),
        by_state=tuple(
            (state, label, states[state]) for state, label, _n in result.by_state
        ),
        by_rule=tuple(
            (words, failing.get(words, SUPPRESSED)) for words, _n in result.by_rule
        ),
        lines=(),
    )


def trace(found: Trace, *, actor: Actor, project: Project) -> Trace:
    """A trace as ``actor`` may see it (an analyst: the month's published counts, the
    small counts of persons hidden)."""
    if (
        not sees_aggregates_only(actor)
        or not found.counts_persons
        or not isinstance(found.subjects, int)
    ):
        return found
    publication = _publication(project)
    counted = publication.figures.get(_key(found.indicator_id))
    if counted is not None:
        c = counted["in" if found.span == IN_PERIOD else "to"][found.period.index]
        found = dataclasses.replace(
            found,
            value=_reported(c, share=found.is_share),
            subjects=c[3],
            with_outcome=c[0] if found.is_share else None,
            without_observation=c[2],
            counted_on=publication.counted_on,
        )
    return _hidden_in_trace(found)


def _hidden_in_trace(found: Trace) -> Trace:
    if not isinstance(found.subjects, int):
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
