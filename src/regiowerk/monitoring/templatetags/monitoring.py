"""Template filters of the monitoring report: figures and money the Dutch way."""

from decimal import Decimal
from typing import Any

from django import template

from regiowerk.monitoring import reports
from regiowerk.monitoring.programme_report import ProgrammeOverview

register = template.Library()


@register.filter
def figure(value: Decimal | int | str | None) -> str:
    return reports.number(value)


@register.filter
def euros(cents: int | None) -> str:
    return reports.euros(cents)


@register.filter
def money(cents: int | None) -> str:
    return reports.money(cents)


@register.filter
def count_state(report: reports.ProjectMonitor, state: str) -> int:
    return report.count(state)


@register.filter
def computed_lines(report: reports.ProjectMonitor) -> list[Any]:
    return [line for line in report.indicators if line.per_period]


@register.filter
def total(overview: ProgrammeOverview, column: str) -> int:
    return overview.total(column)
