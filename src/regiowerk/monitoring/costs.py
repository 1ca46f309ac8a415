"""The section "Costs and budget" of the frozen project report.

:func:`project_costs` reads, in a fixed number of queries, what a project cost per
reporting period: the participants' costs from the registry (the price of every started
enrolment, through the published fact table ``services.enrolments``: one aggregate for
all periods at once, one for the distinct participants), the staff hours and material
its leaders entered, the overhead the programme's rule allows, the planned spending
curve and the co-financing by source. The arithmetic is in ``rules`` (integer cents).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from regiowerk.common import facts
from regiowerk.monitoring import queries, rules
from regiowerk.monitoring.constants import (
    CoFinancingStatus,
    CostCategoryLabel,
    CostKind,
)
from regiowerk.monitoring.models import MoneyEntry, Project
from regiowerk.monitoring.rules import CostCategory

# What a participant costs: the price of each enrolment that started, dated by its start.
PARTICIPANT_COSTS = {
    "table": "services.enrolments",
    "measure": "sum",
    "column": "price_cents",
    "date_column": "started_on",
}
PARTICIPANTS = {
    "table": "services.enrolments",
    "measure": "count_subjects",
    "date_column": "started_on",
}


@dataclass(frozen=True)
class CostPeriod:
    """One reporting period: spent per category, and against the planned curve."""

    label: str
    by_category: tuple[int, ...]  # cents, in the order of CATEGORIES
    point: rules.BudgetPoint


@dataclass(frozen=True)
class CostLine:
    """One cost entered by a project leader (the trail)."""

    entered_on: date
    kind: str
    description: str
    hours: Decimal | None
    hourly_rate_cents: int | None
    amount_cents: int
    evidence: str
    recorded_by: str
    recorded_at: datetime
    withdrawn: str  # "" while it counts; else who withdrew it, when and why


@dataclass(frozen=True)
class CoFinancingSource:
    source: str
    pledged_cents: int
    received_cents: int


@dataclass(frozen=True)
class CoFinancingLine:
    """One co-financing record (the trail)."""

    entered_on: date
    source: str
    status: str
    amount_cents: int
    evidence: str
    recorded_by: str
    recorded_at: datetime
    withdrawn: str


CATEGORIES = tuple(CostCategory)


@dataclass(frozen=True)
class Costs:
    """Costs and budget of a project up to the end of the report's period."""

    overhead_percentage: Decimal
    category_labels: tuple[str, ...]
    periods: tuple[CostPeriod, ...]
    by_category: tuple[int, ...]  # cents up to the end of the period, as CATEGORIES
    total_cents: int
    planned_total_cents: int | None
    used_percentage: int | None  # of the budgeted direct costs
    hours: Decimal  # staff hours registered
    participants: int | str  # distinct persons with a started enrolment ("x": hidden)
    per_participant_cents: int | None
    co_financing: tuple[CoFinancingSource, ...]
    co_financing_pledged_cents: int
    co_financing_received_cents: int
    entries: tuple[CostLine, ...]  # empty when the reader may not see the trail
    co_financing_entries: tuple[CoFinancingLine, ...]

    @property
    def categories(self) -> list[tuple[str, int]]:
        return list(zip(self.category_labels, self.by_category, strict=True))


def who(user: Any) -> str:
    """The staff member who entered a record, as the trail names them."""
    if user is None:
        return _("(import or system)")
    return str(user.get_full_name() or user.get_username())


def withdrawal(entry: Any) -> str:
    """Who withdrew an entry, when and why ("" while it counts)."""
    if entry.counts:
        return ""
    return _("withdrawn by %(who)s on %(day)s: %(reason)s") % {
        "who": who(entry.withdrawn_by),
        "day": f"{timezone.localtime(entry.withdrawn_at):%d-%m-%Y %H:%M}",
        "reason": entry.withdrawal_reason,
    }


def _trail(entry: MoneyEntry) -> dict[str, Any]:
    """What the trail shows of every entered amount (a cost, co-financing)."""
    return {
        "entered_on": entry.entered_on,
        "amount_cents": entry.amount_cents,
        "evidence": entry.evidence_note,
        "recorded_by": who(entry.recorded_by),
        "recorded_at": entry.created_at,
        "withdrawn": withdrawal(entry),
    }


def project_costs(
    project: Project,
    periods: list[rules.Period],
    labels: list[str],
    index: int,
    *,
    with_trail: bool,
) -> Costs:
    """The cost section for ``project`` over its reporting ``periods``, totals up to
    and including the period ``index``."""
    programme = project.programme
    scope = project.scope()
    spans = [(p.start, p.end) for p in periods]
    end = periods[index].end
    prices = facts.evaluate_periods(
        facts.parse_definition(PARTICIPANT_COSTS), scope, spans
    )
    participants = facts.evaluate(
        facts.parse_definition(PARTICIPANTS), scope, start=project.starts_on, end=end
    ).value
    entries = queries.cost_entries(project)
    counted = [e for e in entries if e.counts]
    entered = {
        kind: rules.amounts_per_period(
            [(e.entered_on, e.amount_cents) for e in counted if e.kind == kind],
            periods,
        )
        for kind in CostKind.values
    }
    per_category = {
        CostCategory.PARTICIPANTS: [f.value for f in prices],
        CostCategory.STAFF: entered[CostCategory.STAFF],
        CostCategory.MATERIAL: entered[CostCategory.MATERIAL],
        CostCategory.OVERHEAD: rules.overhead_per_period(
            entered[CostCategory.STAFF], percentage=programme.overhead_percentage
        ),
    }
    spent = [sum(per_category[c][i] for c in CATEGORIES) for i in range(len(periods))]
    plan = queries.planned_spending(project)
    curve = rules.budget_curve(
        [plan.get(p.start) for p in periods],
        spent,
        budget_cents=project.direct_costs_cents,
    )
    cost_periods = tuple(
        CostPeriod(
            label=labels[i],
            by_category=tuple(per_category[c][i] for c in CATEGORIES),
            point=curve[i],
        )
        for i in range(len(periods))
    )
    point = curve[index]
    sources: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    financing = [c for c in queries.co_financing(project) if c.entered_on <= end]
    for record in (c for c in financing if c.counts):
        sources[record.source][record.status == CoFinancingStatus.RECEIVED] += (
            record.amount_cents
        )
    co_financing = tuple(
        CoFinancingSource(source, pledged, received)
        for source, (pledged, received) in sorted(sources.items())
    )
    return Costs(
        overhead_percentage=programme.overhead_percentage,
        category_labels=tuple(str(CostCategoryLabel(c).label) for c in CATEGORIES),
        periods=cost_periods,
        by_category=tuple(sum(per_category[c][: index + 1]) for c in CATEGORIES),
        total_cents=point.spent_total_cents,
        planned_total_cents=point.planned_total_cents,
        used_percentage=point.used_percentage,
        hours=sum(
            (
                e.hours or Decimal(0)
                for e in counted
                if e.kind == CostKind.STAFF and e.entered_on <= end
            ),
            Decimal(0),
        ),
        participants=participants,
        per_participant_cents=rules.per_participant_cents(
            point.spent_total_cents, participants
        ),
        co_financing=co_financing,
        co_financing_pledged_cents=sum(s.pledged_cents for s in co_financing),
        co_financing_received_cents=sum(s.received_cents for s in co_financing),
        entries=tuple(
            CostLine(
                kind=e.get_kind_display(),
                description=e.description,
                hours=e.hours,
                hourly_rate_cents=e.hourly_rate_cents,
                **_trail(e),
            )
            for e in entries
        )
        if with_trail
        else (),
        co_financing_entries=tuple(
            CoFinancingLine(
                source=c.source,
                status=c.get_status_display(),
                **_trail(c),
            )
            for c in financing
        )
        if with_trail
        else (),
    )
