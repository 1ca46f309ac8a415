"""The quarterly monitor of a project as a frozen report, and its renderers.

:func:`project_monitor` reads everything once (a fixed number of queries: the
indicators, the target changes, the entries, and one aggregate per computed indicator
for all periods at once) into a frozen :class:`ProjectMonitor`. The renderers — the
SVG chart and the HTML page (templates), Excel (:func:`to_xlsx`) and PDF
(:func:`to_pdf`) — take only that structure, never a model or a queryset, so the three
always show the same figures.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from regiowerk.common import facts
from regiowerk.common.charts import Scale, Series, Svg
from regiowerk.common.smallcells import SUPPRESSED
from regiowerk.common.workbooks import Sheet, euro_amount, workbook
from regiowerk.monitoring import queries, rules
from regiowerk.monitoring.constants import (
    DeliverableStatus,
    IndicatorKind,
    ProgressState,
)
from regiowerk.monitoring.costs import Costs, project_costs, who
from regiowerk.monitoring.models import Indicator, Project


@dataclass(frozen=True)
class ReportPeriod:
    index: int
    label: str
    start: date
    end: date


SUPPRESSION_NOTE = gettext_noop(
    "x: a number of persons below 5, or hidden so that such a number cannot be "
    "derived by subtraction (small-cell suppression for analysts)."
)

# a figure as reported: a number, None when there is none, or SUPPRESSED ("x") when a
# small count is hidden from a reader who sees aggregates only (see suppression.py)
Shown = Decimal | str | None


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator: its targets side by side, what is realised, and how."""

    indicator_id: int
    activity: str
    name: str
    unit: str
    kind: str  # IndicatorKind value
    kind_label: str
    original: Decimal | None
    current: Decimal | None
    realised: Shown  # up to the end of the chosen period (computed)
    in_period: Shown  # within the chosen period (computed only)
    per_period: tuple[Shown, ...]  # per reporting period (computed only)
    progress: str  # ProgressState value
    progress_label: str
    is_revised: bool
    deliverable_status: str  # label, deliverables only
    evidence: str  # manual/deliverable: the evidence note
    how_counted: str  # computed: the definition in words
    persons: int | str | None  # computed: how many persons (the cohort for a share)
    # computed over persons: per period and then cumulative, (persons, with the
    # outcome: a share only) — what small-cell suppression judges; () once applied
    cells: tuple[tuple[int, int | None], ...] = ()

    @property
    def persons_hidden(self) -> bool:
        return self.persons == SUPPRESSED

    @property
    def percentage_of_target(self) -> int | None:
        if not isinstance(self.realised, Decimal) or not self.current:
            return None
        return int((100 * self.realised / self.current).to_integral_value())


@dataclass(frozen=True)
class ChangeLine:
    """One target change in the trail (who recorded and who decided it)."""

    indicator: str
    changed_on: date | None
    previous: Decimal | None
    new: Decimal | None
    kind: str
    approver: str
    reason: str
    status: str
    recorded_by: str
    recorded_at: datetime
    decided_by: str
    decided_at: datetime | None


@dataclass(frozen=True)
class EntryLine:
    """One value or deliverable status entered by hand."""

    indicator: str
    value: Decimal | None
    deliverable_status: str
    evidence: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class ProjectMonitor:
    """The quarterly monitor of one project for one reporting period."""

    programme: str
    funder: str
    code: str
    title: str
    parties: tuple[tuple[str, str], ...]  # (role, name)
    starts_on: date
    ends_on: date
    periods: tuple[ReportPeriod, ...]
    period: ReportPeriod
    as_of: date
    direct_costs_cents: int
    max_subsidy_cents: int
    requested_subsidy_cents: int | None
    requested_percentage: int | None
    indicators: tuple[IndicatorLine, ...]
    changes: tuple[ChangeLine, ...]  # empty when the reader may not see the trail
    entries: tuple[EntryLine, ...]
    has_trail: bool
    costs: Costs
    suppressed: bool = False  # small cells hidden for an analyst (suppression.py)
    counted_on: date | None = None  # an analyst: the day the figures were published

    def count(self, state: str) -> int:
        return sum(line.progress == state for line in self.indicators)

    @property
    def revised(self) -> int:
        return sum(line.is_revised for line in self.indicators)


# --- Building ---------------------------------------------------------------------------
def period_label(period: rules.Period, cadence: rules.Cadence) -> str:
    """ "2026 K1" for a quarter, "2026 H2" for a half year, "2026" for a year."""
    months = rules.CADENCE_MONTHS[cadence]
    number = (period.start.month - 1) // months + 1
    if cadence is rules.Cadence.QUARTERLY:
        return _("%(year)s Q%(number)s") % {"year": period.start.year, "number": number}
    if cadence is rules.Cadence.HALF_YEARLY:
        return _("%(year)s H%(number)s") % {"year": period.start.year, "number": number}
    return str(period.start.year)


def reporting_periods(project: Project) -> tuple[ReportPeriod, ...]:
    cadence = rules.Cadence(project.programme.reporting_cadence)
    return tuple(
        ReportPeriod(index, period_label(p, cadence), p.start, p.end)
        for index, p in enumerate(rules.reporting_periods(project.period, cadence))
    )


def current_period(periods: tuple[ReportPeriod, ...], today: date) -> ReportPeriod:
    """The period that holds ``today``; the first before the project, the last after."""
    for period in periods:
        if period.start <= today <= period.end:
            return period
    return periods[0] if today < periods[0].start else periods[-1]


def _conditions(
    table: facts.FactTable,
    filters: facts.Filters,
    outcome: facts.Filters,
    outcome_label: str,
) -> list[str]:
    """Filters and outcome in words, by the table's column labels and value labels:
    ``column = a, b`` and ``outcome: column = a``."""

    def words(name: str, values: Any) -> str:
        column = table.column(name)
        if column is None:
            return f"{name} = {', '.join(str(v) for v in values)}"
        return (
            f"{column.label} = {', '.join(_value_in_words(column, v) for v in values)}"
        )

    return [
        f"{prefix}{words(name, values)}"
        for prefix, conditions in (("", filters), (f"{outcome_label}: ", outcome))
        for name, values in conditions.items()
    ]


def _value_in_words(column: facts.Column, value: Any) -> str:
    if isinstance(value, bool) and value not in dict(column.labels):
        return str(_("yes") if value else _("no"))
    return column.label_of(value)


def chosen_period(
    periods: tuple[ReportPeriod, ...], period_index: int | None, today: date
) -> tuple[ReportPeriod, date]:
    """The period ``period_index`` (default: the current one) and the day its status is
    taken: the end of a past period, today while it runs and for the last period (for a
    finished project that is its final status, met or missed)."""
    if period_index is None or not 0 <= period_index < len(periods):
        period = current_period(periods, today)
    else:
        period = periods[period_index]
    is_last = period.index == len(periods) - 1
    return period, today if is_last else min(period.end, today)


def indicator_line(
    indicator: Indicator, project: Project, *, period_index: int | None, today: date
) -> tuple[IndicatorLine, tuple[ReportPeriod, ...]]:
    """One indicator of the monitor as :func:`project_monitor` reports it, with the
    reporting periods its values are given for."""
    periods = reporting_periods(project)
    period, as_of = chosen_period(periods, period_index, today)
    (line,) = _lines([indicator], project, periods, period, as_of)
    return line, periods


def describe(definition: facts.Definition) -> str:
    """A computed indicator's definition in words: table, measure, date, filters."""
    table = facts.get_table(definition.table)
    parts = [
        f"{table.title} ({table.name})",
        {
            facts.Measure.COUNT_SUBJECTS: _("distinct persons, counted once"),
            facts.Measure.COUNT_ROWS: _("number of rows"),
            facts.Measure.SUM: _("sum of %(column)s")
            % {"column": _column_label(table, definition.column)},
            facts.Measure.SHARE: _("share of the persons"),
            facts.Measure.FOLLOW_UP: _("share of the persons, followed up"),
        }[definition.measure],
        _("dated by %(column)s")
        % {"column": _column_label(table, definition.date_column)},
    ]
    parts += _conditions(table, definition.filters, definition.outcome, _("outcome"))
    if follow := definition.follow_up:
        later = facts.get_table(follow.table)
        parts.append(
            ngettext(
                "then %(table)s (%(name)s) up to %(months)s month after the last row",
                "then %(table)s (%(name)s) up to %(months)s months after the last row",
                follow.months,
            )
            % {"table": later.title, "name": later.name, "months": follow.months}
        )
        parts += _conditions(
            later, follow.filters, follow.outcome, _("outcome of the latest")
        )
    return " · ".join(str(part) for part in parts)


def _column_label(table: facts.FactTable, name: str | None) -> str:
    column = table.column(name) if name else None
    return str(column.label) if column else str(name)


def _label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def _lines(
    indicators: Sequence[Indicator],
    project: Project,
    periods: tuple[ReportPeriod, ...],
    period: ReportPeriod,
    as_of: date,
) -> list[IndicatorLine]:
    """The lines of ``indicators``: every computed one counted per period and in
    total, all together (``facts.evaluate_all``: one query per fact table)."""
    spans = [(p.start, p.end) for p in periods] + [(project.starts_on, period.end)]
    scope = project.scope()
    definitions = {
        indicator.pk: facts.parse_definition(indicator.definition)
        for indicator in indicators
        if indicator.kind == IndicatorKind.COMPUTED
    }
    answers = iter(
        facts.evaluate_all(
            [
                facts.Question(definition, scope, start, end)
                for definition in definitions.values()
                for start, end in spans
            ]
        )
    )
    counted = {  # in the order asked
        pk: (definition, [next(answers) for _span in spans])
        for pk, definition in definitions.items()
    }
    return [
        _line(indicator, project, period, as_of, counted.get(indicator.pk))
        for indicator in indicators
    ]


def _line(
    indicator: Indicator,
    project: Project,
    period: ReportPeriod,
    as_of: date,
    counted: tuple[facts.Definition, list[facts.Figure]] | None,
) -> IndicatorLine:
    """One indicator's line; ``counted``: a computed one's definition and its figures
    per period, then in total."""
    target = indicator.target
    per_period: tuple[Decimal | None, ...] = ()
    in_period = None
    how_counted = evidence = ""
    persons = None
    cells: tuple[tuple[int, int | None], ...] = ()
    if counted is not None:
        definition, figures = counted
        values = [facts.reported(definition, f) for f in figures]
        per_period = tuple(values[:-1])
        in_period = per_period[period.index]
        realised = values[-1]
        total = figures[-1]
        persons = (
            total.cohort
            if definition.is_share
            else total.value
            if definition.measure is facts.Measure.COUNT_SUBJECTS
            else None
        )
        how_counted = describe(definition)
        if persons is not None and facts.get_table(definition.table).subject_kind == (
            "person"
        ):
            cells = tuple(
                (f.cohort or 0, f.value) if definition.is_share else (f.value, None)
                for f in figures
            )
    else:
        realised = indicator.realised_value
        evidence = indicator.evidence_note
    state = rules.progress(
        current=target.current_value,
        realised=realised,
        period=project.period,
        as_of=as_of,
    )
    return IndicatorLine(
        indicator_id=indicator.pk,
        activity=indicator.activity.name,
        name=indicator.name,
        unit=indicator.unit,
        kind=indicator.kind,
        kind_label=_label(IndicatorKind, indicator.kind),
        original=target.original_value,
        current=target.current_value,
        realised=realised,
        in_period=in_period,
        per_period=per_period,
        progress=str(state),
        progress_label=_label(ProgressState, str(state)),
        is_revised=target.is_revised,
        deliverable_status=_label(DeliverableStatus, indicator.deliverable_status),
        evidence=evidence,
        how_counted=how_counted,
        persons=persons,
        cells=cells,
    )


def project_monitor(
    project: Project, *, period_index: int | None, today: date, with_trail: bool
) -> ProjectMonitor:
    """The quarterly monitor of ``project`` (from :func:`queries.get_project`) for the
    reporting period ``period_index`` (default: the current one). Realised values run
    from the project's start to the end of that period; the status is as of that end
    (or today, while the period runs)."""
    periods = reporting_periods(project)
    period, as_of = chosen_period(periods, period_index, today)
    lines = tuple(
        _lines(queries.project_indicators(project), project, periods, period, as_of)
    )
    changes: tuple[ChangeLine, ...] = ()
    entries: tuple[EntryLine, ...] = ()
    if with_trail:
        changes = tuple(
            ChangeLine(
                indicator=change.target.indicator.name,
                changed_on=change.changed_on,
                previous=change.previous_value,
                new=change.new_value,
                kind=change.get_kind_display(),
                approver=change.get_approver_display() if change.approver else "",
                reason=change.reason,
                status=change.get_status_display(),
                recorded_by=who(change.recorded_by),
                recorded_at=change.created_at,
                decided_by=who(change.decided_by) if change.decided_at else "",
                decided_at=change.decided_at,
            )
            for change in queries.target_changes(project)
        )
        entries = tuple(
            EntryLine(
                indicator=entry.indicator.name,
                value=entry.value,
                deliverable_status=_label(DeliverableStatus, entry.deliverable_status),
                evidence=entry.evidence_note,
                recorded_by=who(entry.recorded_by),
                recorded_at=entry.created_at,
            )
            for entry in queries.realised_entries(project)
        )
    return ProjectMonitor(
        programme=project.programme.name,
        funder=project.programme.funder,
        code=project.code,
        title=project.title,
        parties=tuple((p.get_role_display(), p.name) for p in project.parties.all()),
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        periods=periods,
        period=period,
        as_of=as_of,
        direct_costs_cents=project.direct_costs_cents,
        max_subsidy_cents=project.max_subsidy_cents,
        requested_subsidy_cents=project.requested_subsidy_cents,
        requested_percentage=project.requested_percentage_of_max,
        indicators=lines,
        changes=changes,
        entries=entries,
        has_trail=with_trail,
        costs=project_costs(
            project,
            [rules.Period(p.start, p.end) for p in periods],
            [p.label for p in periods],
            period.index,
            with_trail=with_trail,
        ),
    )


# --- Rendering: numbers, the chart ---------------------------------------------------------
def number(value: Decimal | int | str | None) -> str:
    """A figure as the Dutch reader expects it: 1.234 or 12,5; "—" when there is none;
    "x" when it is suppressed."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else value.normalize()
    return number_format(value, force_grouping=True)


def euros(cents: int | None) -> str:
    if cents is None:
        return "—"
    return f"€\N{NO-BREAK SPACE}{number_format(cents // 100, force_grouping=True)}"


def money(cents: int | None) -> str:
    """An amount to the cent: "€ 1.234,56" ("€ 1.234" when it is whole euros)."""
    if cents is None or cents % 100 == 0:
        return euros(cents)
    sign = "-" if cents < 0 else ""  # "€ -38.400,50", as euros() writes "€ -38.400"
    whole, part = divmod(abs(cents), 100)
    return (
        f"€\N{NO-BREAK SPACE}{sign}{number_format(whole, force_grouping=True)}"
        f",{part:02d}"
    )


BAR_WIDTH = 320  # pixels for 100 % of the current target
ROW_HEIGHT = 34
LABEL_WIDTH = 260
CHART_CAP = Decimal("1.5")  # bars stop at 150 % of the target


def _short(text: str, length: int = 37) -> str:
    """``text`` cut to fit the chart's label column (LABEL_WIDTH at 12 px), with an
    ellipsis; the table beside the chart gives the full name."""
    return text if len(text) <= length else text[: length - 1] + "…"


def chart_svg(report: ProjectMonitor) -> str:
    """Target vs realised per indicator with a target, as an SVG bar chart: each bar is
    the realised value as a share of the current target (the line at 100 %). Static
    markup only, no script: the data table beside it carries the same figures."""
    lines = [line for line in report.indicators if line.current]
    width = LABEL_WIDTH + BAR_WIDTH * 3 // 2 + 70
    height = ROW_HEIGHT * len(lines) + 40
    title = _("Realised as a share of the current target, %(period)s") % {
        "period": report.period.label
    }
    svg = Svg(
        width=width,
        height=height,
        title=title,
        title_id="chart-title",
        css_class="monitor-chart",
    )
    full = LABEL_WIDTH + BAR_WIDTH
    for row, line in enumerate(lines):
        y = 10 + row * ROW_HEIGHT
        realised = line.realised if isinstance(line.realised, Decimal) else Decimal(0)
        share = realised / line.current  # type: ignore[operator]
        bar = int(min(share, CHART_CAP) * BAR_WIDTH)
        colour = {
            "met": "#1a7f37",
            "on_track": "#2f6fb0",
            "behind": "#b7791f",
            "missed": "#b42318",
        }.get(line.progress, "#667085")
        svg.text(0, y + 17, _short(line.name), size=12)
        svg.rect(LABEL_WIDTH, y + 4, BAR_WIDTH, 18, "#eef1f4")
        svg.rect(LABEL_WIDTH, y + 4, bar, 18, colour)
        svg.text(
            LABEL_WIDTH + max(bar, BAR_WIDTH) + 6,
            y + 17,
            f"{number(line.realised)} / {number(line.current)}",
            size=12,
        )
    svg.line((full, 4), (full, height - 24), stroke="#101828", dash="4 3")
    svg.text(full, height - 8, _("Current target"), anchor="middle")
    return str(svg)


CURVE_WIDTH = 640
CURVE_HEIGHT = 240
CURVE_LEFT = 90  # room for the euro axis
CURVE_BOTTOM = 40  # room for the period labels
SPENT = "#2f6fb0"


def budget_chart_svg(report: ProjectMonitor) -> str:
    """Spending so far against the planned curve and the budget, per period, as an
    SVG line chart (static, no script; the table beside it has the same figures)."""
    points = [p.point for p in report.costs.periods]
    top = max(
        [report.direct_costs_cents, 1]
        + [p.spent_total_cents for p in points]
        + [p.planned_total_cents or 0 for p in points]
    )
    inner_w = CURVE_WIDTH - CURVE_LEFT - 50
    inner_h = CURVE_HEIGHT - CURVE_BOTTOM - 20
    step = inner_w / max(len(points) - 1, 1)

    def x(index: int) -> float:
        return round(CURVE_LEFT + index * step, 1)

    y = Scale(0, top, 20 + inner_h, 20)
    spent_series = Series(_("Spent"), SPENT, width=3)
    planned_series = Series(_("Planned"), "#667085", dash="6 4")
    budget_series = Series(_("Budget"), "#101828", width=None, dash="2 2")
    budget = report.direct_costs_cents
    svg = Svg(
        width=CURVE_WIDTH,
        height=CURVE_HEIGHT,
        title=_("Spending so far against the plan and the budget"),
        title_id="budget-chart-title",
        css_class="monitor-chart",
    )
    svg.line((CURVE_LEFT, y(0)), (CURVE_LEFT + inner_w, y(0)), stroke="#98a2b3")
    svg.line(
        (CURVE_LEFT, y(budget)),
        (CURVE_LEFT + inner_w, y(budget)),
        stroke=budget_series.stroke,
        dash=budget_series.dash,
    )
    svg.text(CURVE_LEFT - 6, y(budget) + 4, euros(budget), anchor="end")
    svg.text(CURVE_LEFT - 6, y(0) + 4, "€\N{NO-BREAK SPACE}0", anchor="end")
    for index, period in enumerate(report.costs.periods):
        svg.text(
            x(index),
            CURVE_HEIGHT - CURVE_BOTTOM + 18,
            period.label,
            anchor="middle",
            bold=index == report.period.index,
        )
    if points and points[0].planned_total_cents is not None:
        svg.polyline(
            ((x(i), y(p.planned_total_cents or 0)) for i, p in enumerate(points)),
            planned_series,
        )
    # spending is known up to the report's period
    spent = [
        (x(i), y(p.spent_total_cents))
        for i, p in enumerate(points[: report.period.index + 1])
    ]
    svg.polyline(spent, spent_series)
    for centre in spent:
        svg.circle(centre, 4, SPENT)
    svg.legend(
        CURVE_LEFT, CURVE_HEIGHT - 6, (spent_series, planned_series, budget_series)
    )
    return str(svg)


def context(report: ProjectMonitor) -> dict[str, Any]:
    """What the report templates (page and PDF) render: the report and its charts."""
    return {
        "report": report,
        "chart": chart_svg(report),
        "budget_chart": budget_chart_svg(report),
    }


# --- Excel ---------------------------------------------------------------------------------
def to_xlsx(report: ProjectMonitor) -> bytes:
    """The report as an Excel workbook, one sheet per section, numbers as numbers."""
    costs = report.costs
    sheets: list[Sheet] = [
        (
            _("Project"),
            [
                [_("Programme"), report.programme],
                [_("Funder"), report.funder],
                [_("Project"), f"{report.code} {report.title}"],
                [_("Subsidy period from"), report.starts_on],
                [_("Subsidy period until"), report.ends_on],
                [_("Reporting period"), report.period.label],
                [_("Status as of"), report.as_of],
                [_("Budgeted direct costs"), euro_amount(report.direct_costs_cents)],
                [_("Maximum subsidy"), euro_amount(report.max_subsidy_cents)],
                [_("Requested subsidy"), euro_amount(report.requested_subsidy_cents)],
                [_("Requested (% of maximum)"), report.requested_percentage],
                [
                    _("Spent up to the end of the period"),
                    euro_amount(costs.total_cents),
                ],
                [_("Spent (% of budget)"), costs.used_percentage],
                [
                    _("Planned up to the end of the period"),
                    euro_amount(costs.planned_total_cents),
                ],
                [_("Participants (started an enrolment)"), costs.participants],
                [_("Cost per participant"), euro_amount(costs.per_participant_cents)],
                [_("Staff hours registered"), costs.hours],
                [_("Overhead (% of staff costs)"), costs.overhead_percentage],
                [
                    _("Co-financing pledged"),
                    euro_amount(costs.co_financing_pledged_cents),
                ],
                [
                    _("Co-financing received"),
                    euro_amount(costs.co_financing_received_cents),
                ],
                *([[SUPPRESSED, _(SUPPRESSION_NOTE)]] if report.suppressed else []),
                *([[_("Counted on"), report.counted_on]] if report.counted_on else []),
            ],
            False,
        ),
        (
            _("Indicators"),
            [
                [
                    _("Activity"),
                    _("Indicator"),
                    _("Unit"),
                    _("Kind"),
                    _("Original target"),
                    _("Current target"),
                    _("Realised"),
                    _("In this period"),
                    _("Status"),
                    _("Revised"),
                    _("How counted or evidence"),
                ],
                *(
                    [
                        line.activity,
                        line.name,
                        line.unit,
                        line.kind_label,
                        line.original,
                        line.current,
                        line.realised,
                        line.in_period,
                        line.progress_label,
                        _("yes") if line.is_revised else _("no"),
                        line.how_counted or line.evidence,
                    ]
                    for line in report.indicators
                ),
            ],
            True,
        ),
        (
            _("Per period"),
            [
                [_("Indicator")] + [p.label for p in report.periods],
                *(
                    [line.name, *line.per_period]
                    for line in report.indicators
                    if line.per_period
                ),
            ],
            True,
        ),
        (
            _("Costs"),
            [
                [
                    _("Period"),
                    *costs.category_labels,
                    _("Spent"),
                    _("Planned"),
                    _("Spent so far"),
                    _("Planned so far"),
                    _("Difference"),
                ],
                *(
                    [
                        p.label,
                        *(euro_amount(c) for c in p.by_category),
                        euro_amount(p.point.spent_cents),
                        euro_amount(p.point.planned_cents),
                        euro_amount(p.point.spent_total_cents),
                        euro_amount(p.point.planned_total_cents),
                        euro_amount(p.point.deviation_cents),
                    ]
                    for p in costs.periods
                ),
            ],
            True,
        ),
        (
            _("Co-financing"),
            [
                [_("Source"), _("Pledged"), _("Received")],
                *(
                    [
                        c.source,
                        euro_amount(c.pledged_cents),
                        euro_amount(c.received_cents),
                    ]
                    for c in costs.co_financing
                ),
            ],
            True,
        ),
    ]
    if report.has_trail:
        sheets.append(
            (
                _("Costs entered"),
                [
                    [
                        _("Date"),
                        _("Kind of cost"),
                        _("Description"),
                        _("Hours"),
                        _("Hourly rate"),
                        _("Amount"),
                        _("Evidence"),
                        _("Recorded by"),
                        _("Recorded at"),
                        _("Withdrawn"),
                    ],
                    *(
                        [
                            e.entered_on,
                            e.kind,
                            e.description,
                            e.hours,
                            euro_amount(e.hourly_rate_cents),
                            euro_amount(e.amount_cents),
                            e.evidence,
                            e.recorded_by,
                            e.recorded_at,
                            e.withdrawn,
                        ]
                        for e in costs.entries
                    ),
                ],
                True,
            )
        )
        sheets.append(
            (
                _("Co-financing recorded"),
                [
                    [
                        _("Date"),
                        _("Source"),
                        _("Status"),
                        _("Amount"),
                        _("Evidence"),
                        _("Recorded by"),
                        _("Recorded at"),
                        _("Withdrawn"),
                    ],
                    *(
                        [
                            c.entered_on,
                            c.source,
                            c.status,
                            euro_amount(c.amount_cents),
                            c.evidence,
                            c.recorded_by,
                            c.recorded_at,
                            c.withdrawn,
                        ]
                        for c in costs.co_financing_entries
                    ),
                ],
                True,
            )
        )
        sheets.append(
            (
                _("Target changes"),
                [
                    [
                        _("Indicator"),
                        _("Changed on"),
                        _("Previous target"),
                        _("New target"),
                        _("Kind of change"),
                        _("Approved by"),
                        _("Reason"),
                        _("Status"),
                        _("Recorded by"),
                        _("Recorded at"),
                        _("Decided by"),
                        _("Decided at"),
                    ],
                    *(
                        [
                            c.indicator,
                            c.changed_on,
                            c.previous,
                            c.new,
                            c.kind,
                            c.approver,
                            c.reason,
                            c.status,
                            c.recorded_by,
                            c.recorded_at,
                            c.decided_by,
                            c.decided_at,
                        ]
                        for c in report.changes
                    ),
                ],
                True,
            )
        )
        sheets.append(
            (
                _("Entries"),
                [
                    [
                        _("Indicator"),
                        _("Realised"),
                        _("Deliverable status"),
                        _("Evidence"),
                        _("Recorded by"),
                        _("Recorded at"),
                    ],
                    *(
                        [
                            e.indicator,
                            e.value,
                            e.deliverable_status,
                            e.evidence,
                            e.recorded_by,
                            e.recorded_at,
                        ]
                        for e in report.entries
                    ),
                ],
                True,
            )
        )
    return workbook(sheets)


# --- PDF -----------------------------------------------------------------------------------
def pdf(html: str) -> bytes:
    """A report's HTML as PDF (WeasyPrint), styled by the reports' print stylesheet."""
    from django.contrib.staticfiles import finders

    from weasyprint import CSS, HTML

    stylesheet = finders.find("monitoring/monitoring-pdf.css")
    out: bytes = HTML(string=html).write_pdf(stylesheets=[CSS(filename=stylesheet)])
    return out


def to_pdf(report: ProjectMonitor) -> bytes:
    """The report as PDF (WeasyPrint), from the same template part as the web page."""
    return pdf(render_to_string("monitoring/project_monitor_pdf.html", context(report)))
