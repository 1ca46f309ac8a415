"""The durability report (Duurzaamheid) of the placements an organisation follows:
built once per request from one query into plain ``analytics.PlacementRow`` values,
then into the frozen :class:`Durability`, which the page (SVG charts with a table
beside each), the CSV and the Excel workbook render alike.

The report names nobody: it holds counts and shares only, each through the common
small-cell rules (``analytics``), for every role that sees it.

Suppression alone does not stop differencing (look, wait for one placement or ending,
look again), so for readers who see aggregates only (analysts,
``permissions.sees_aggregates_only``) the report is *published per calendar month*
(``common.published``, as people's overviews and monitoring): the first look in a month
at the organisation's report (or the region's) counts every split at once — one query,
each split its own key of that scope's publication — and stores the figures; every
later look that month, whichever split and whether page, CSV, Excel or API, rebuilds
the same :class:`Durability` from them and says the day they were counted
(``counted_on``). The roles that place and follow the placements keep live figures.
"""

import csv
import io
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from regiowerk.common.published import published
from regiowerk.common.smallcells import SUPPRESSED
from regiowerk.common.workbooks import Sheet, workbook
from regiowerk.employers.constants import Sector
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.placements import analytics
from regiowerk.placements.analytics import (
    Count,
    Curve,
    CurvePoint,
    PlacementRow,
    Quarter,
    QuarterFlow,
    RegionFlow,
    Retention,
)
from regiowerk.placements.charts import quarter_label
from regiowerk.placements.constants import (
    EndingReason,
    PlacementContract,
    PlacementKind,
    Support,
)
from regiowerk.placements.models import Placement
from regiowerk.placements.permissions import sees_aggregates_only

FOLLOWED_WITHIN_MONTHS = 6
FLOW_QUARTERS = 8  # the inflow/outflow view covers the last two years
NO_SUPPORT = "none"


def dimensions() -> dict[str, str]:
    """The groups a survival curve can be split by, in the order the page offers."""
    return {
        "target_group": _("Target group"),
        "kind": _("Kind of placement"),
        "contract_type": _("Contract type"),
        "sector": _("Sector"),
        "support": _("Support arrangements"),
    }


def _labels() -> dict[str, str]:
    labels = {analytics.ALL: _("All placements"), NO_SUPPORT: _("No support")}
    labels["occupational_disability"] = _("Occupational disability")
    labels["banenafspraak"] = _("Banenafspraak")
    labels["other"] = _("Other target groups")
    for choices in (PlacementKind, PlacementContract, Support, Sector):
        labels.update({value: str(label) for value, label in choices.choices})
    return labels


# The columns each dimension's labels come from, and how a row's values become them.
_GROUP_COLUMNS: dict[str, tuple[str, ...]] = {
    "target_group": (
        "person__has_occupational_disability",
        "person__is_banenafspraak",
    ),
    "kind": ("kind",),
    "contract_type": ("contract_type",),
    "sector": ("employer__sector",),
    "support": ("support",),
}


def _target_groups(disability: bool, banenafspraak: bool) -> tuple[str, ...]:
    groups = ("occupational_disability",) * disability + ("banenafspraak",) * (
        banenafspraak
    )
    return groups or ("other",)


_GROUP_LABELS: dict[str, Callable[..., tuple[str, ...]]] = {
    "target_group": _target_groups,
    "kind": lambda kind: (kind,),
    "contract_type": lambda contract: (contract,),
    "sector": lambda sector: (sector,) if sector else (),
    "support": lambda support: tuple(support) or (NO_SUPPORT,),
}


def placement_rows(
    organisation: Organisation,
    *,
    dimension: str = "kind",
    region: bool = False,
    dimensions: Iterable[str] | None = None,
) -> list[PlacementRow]:
    """Every placement ``organisation`` follows (``region``: every placement followed
    in its region), as plain rows with their labels in ``dimension`` only, or in each
    of ``dimensions`` (one query, of the columns the report needs)."""
    split = [dimension] if dimensions is None else list(dimensions)
    columns = [column for d in split for column in _GROUP_COLUMNS[d]]
    placements = (
        Placement.objects.filter(organisation__region_id=organisation.region_id)
        if region
        else Placement.objects.filter(organisation=organisation)
    )
    values = placements.values_list(
        "person_id",
        "starts_on",
        "ending__ends_on",
        "ending__reason",
        "person__region__name",
        *columns,
    )
    return [
        PlacementRow(
            person=person,
            started_on=starts_on,
            ended_on=ends_on,
            region=person_region or "",
            reason=reason or "",
            groups=_groups(split, group),
        )
        for person, starts_on, ends_on, reason, person_region, *group in values
    ]


def _groups(split: list[str], values: list[Any]) -> dict[str, tuple[str, ...]]:
    groups, start = {}, 0
    for dimension in split:
        width = len(_GROUP_COLUMNS[dimension])
        groups[dimension] = _GROUP_LABELS[dimension](*values[start : start + width])
        start += width
    return groups


@dataclass(frozen=True)
class Durability:
    today: date
    dimension: str
    dimension_label: str
    labels: dict[str, str]
    curves: tuple[Curve, ...]
    flows: tuple[RegionFlow, ...]
    reasons: tuple[tuple[str, Count], ...]
    followed: tuple[tuple[str, Count], ...]
    within_months: int
    region: bool = False
    counted_on: date | None = None  # an analyst: the day the figures were published

    def label(self, code: str) -> str:
        return self.labels.get(code, code or "—")


def durability(
    organisation: Organisation,
    *,
    today: date,
    dimension: str = "kind",
    region: bool = False,
) -> Durability:
    """The durability report of ``organisation``'s placements (``region``: of its
    region's) on ``today``, live, survival split by ``dimension`` (one of
    :func:`dimensions`)."""
    if dimension not in dimensions():
        dimension = "kind"
    rows = placement_rows(organisation, dimension=dimension, region=region)
    return _report(_figures(rows, dimension=dimension, today=today), region=region)


def durability_for(
    actor: Actor, *, today: date, dimension: str = "kind", region: bool = False
) -> Durability:
    """The durability report as ``actor`` may see it: live, or for a reader who sees
    aggregates only the month's publication of the scope (counted at the month's
    first look, every split at once; ``counted_on`` says when)."""
    if not sees_aggregates_only(actor):
        return durability(
            actor.organisation, today=today, dimension=dimension, region=region
        )
    if dimension not in dimensions():
        dimension = "kind"
    organisation = actor.organisation
    scope = (
        f"placements.durability:region:{organisation.region_id}"
        if region
        else f"placements.durability:organisation:{organisation.pk}"
    )

    def count(keys: Collection[str]) -> dict[str, Any]:
        rows = placement_rows(organisation, region=region, dimensions=keys)
        return {key: _figures(rows, dimension=key, today=today) for key in keys}

    publication = published(scope, keys=list(dimensions()), count=count, today=today)
    return _report(
        publication.figures[dimension],
        region=region,
        counted_on=publication.counted_on,
    )


def _figures(
    rows: list[PlacementRow], *, dimension: str, today: date
) -> dict[str, Any]:
    """The report's counts of ``rows`` split by ``dimension`` as plain JSON values
    (codes, not labels), as a publication stores them."""
    quarters_back = analytics.Quarter.of(today)
    for _step in range(FLOW_QUARTERS - 1):
        quarters_back = _previous(quarters_back)
    since = date(quarters_back.year, 3 * quarters_back.number - 2, 1)
    followed = analytics.what_followed(
        rows, within_months=FOLLOWED_WITHIN_MONTHS, as_of=today
    )
    curves = analytics.survival_by_group(rows, dimension=dimension, as_of=today)
    return {
        "today": today.isoformat(),
        "dimension": dimension,
        "curves": [asdict(curve) for curve in curves],
        "flows": [
            asdict(flow) for flow in analytics.flows(rows, since=since, until=today)
        ],
        # pairs, not an object: the order (most first) is part of the figures
        "reasons": list(analytics.ending_reasons(rows, as_of=today).items()),
        "followed": list(followed.items()),
    }


def _curve(found: dict[str, Any]) -> Curve:
    return Curve(
        label=found["label"],
        placements=found["placements"],
        ended=found["ended"],
        points=tuple(CurvePoint(**point) for point in found["points"]),
        retention=tuple(Retention(**r) for r in found["retention"]),
    )


def _flow(found: dict[str, Any]) -> RegionFlow:
    return RegionFlow(
        region=found["region"],
        quarters=tuple(
            QuarterFlow(Quarter(**q["quarter"]), q["placed"], q["lost"])
            for q in found["quarters"]
        ),
    )


def _report(
    figures: dict[str, Any], *, region: bool, counted_on: date | None = None
) -> Durability:
    """The frozen report of ``figures`` (from :func:`_figures`, live or published),
    with today's labels."""
    dimension = figures["dimension"]
    reason_labels = dict(EndingReason.choices)
    followed_labels = {
        analytics.REPLACED: _("New placement within %(n)s months")
        % {"n": FOLLOWED_WITHIN_MONTHS},
        analytics.NOT_REPLACED: _("No new placement within %(n)s months")
        % {"n": FOLLOWED_WITHIN_MONTHS},
        analytics.PENDING: _("Not yet known (ended less than %(n)s months ago)")
        % {"n": FOLLOWED_WITHIN_MONTHS},
    }
    return Durability(
        today=date.fromisoformat(figures["today"]),
        dimension=dimension,
        dimension_label=dimensions()[dimension],
        labels=_labels(),
        curves=tuple(_curve(curve) for curve in figures["curves"]),
        flows=tuple(_flow(flow) for flow in figures["flows"]),
        reasons=tuple(
            (str(reason_labels.get(code, code)), n) for code, n in figures["reasons"]
        ),
        followed=tuple(
            (str(followed_labels[code]), n) for code, n in figures["followed"]
        ),
        within_months=FOLLOWED_WITHIN_MONTHS,
        region=region,
        counted_on=counted_on,
    )


def _previous(quarter: analytics.Quarter) -> analytics.Quarter:
    if quarter.number == 1:
        return analytics.Quarter(quarter.year - 1, 4)
    return analytics.Quarter(quarter.year, quarter.number - 1)


def _share(value: float | None) -> float | str | None:
    return None if value is None else round(value, 4)


def retention_rows(report: Durability) -> list[list[object]]:
    """The retention table: a header, then per group and retention point the number
    of placements, ended, still followed, the share still placed and its 95 % band
    (a hidden group shows "x")."""
    rows: list[list[object]] = [
        [
            report.dimension_label,
            _("Placements"),
            _("Ended"),
            _("After (months)"),
            _("Still followed"),
            _("Still placed"),
            _("Lower bound (95%)"),
            _("Upper bound (95%)"),
        ]
    ]
    for curve in report.curves:
        for retention in curve.retention:
            rows.append(
                [
                    report.label(curve.label),
                    curve.placements,
                    curve.ended,
                    retention.months,
                    retention.at_risk,
                    SUPPRESSED if curve.suppressed else _share(retention.survival),
                    SUPPRESSED if curve.suppressed else _share(retention.lower),
                    SUPPRESSED if curve.suppressed else _share(retention.upper),
                ]
            )
    return rows


def flow_rows(report: Durability) -> list[list[object]]:
    rows: list[list[object]] = [
        [_("Region"), _("Quarter"), _("Placed"), _("Lost"), _("Net")]
    ]
    for flow in report.flows:
        for quarter in flow.quarters:
            rows.append(
                [
                    flow.region or "—",
                    quarter_label(quarter.quarter.year, quarter.quarter.number),
                    quarter.placed,
                    quarter.lost,
                    quarter.net,
                ]
            )
    return rows


def to_csv(report: Durability) -> bytes:
    """The retention table as CSV (semicolons, as Dutch spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in retention_rows(report):
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(report: Durability) -> bytes:
    """The report as a workbook: retention, inflow and outflow, reasons for ending,
    what followed an ending."""
    sheets: list[Sheet] = [
        (_("Retention"), retention_rows(report), True),
        (_("Inflow and outflow"), flow_rows(report), True),
        (
            _("Reasons for ending"),
            [[_("Reason"), _("Placements")], *[list(r) for r in report.reasons]],
            True,
        ),
        (
            _("After an ending"),
            [
                [_("What followed"), _("Placements")],
                *[list(r) for r in report.followed],
            ],
            True,
        ),
    ]
    return workbook(sheets)
