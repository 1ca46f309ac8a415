"""The durability charts as static SVG (``common.charts``): survival curves by group
and a region's placed-against-lost bars per quarter. They take the analytics'
frozen results only, never a model; the page shows a table with the same figures
beside each chart, and a hidden (small) group or cell is not drawn at all."""

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from regiowerk.common.charts import Scale, Series, Svg, step_points
from regiowerk.placements.analytics import Curve, RegionFlow, months_in_days

PALETTE = ("#101828", "#2f6fb0", "#b7791f", "#1a7f37", "#b42318", "#6941c6", "#667085")
WIDTH = 640
HEIGHT = 280
LEFT = 50  # room for the percentage axis
BOTTOM = 60  # room for the month labels and the legend
TOP = 16
PLACED = "#2f6fb0"
LOST = "#b7791f"


def quarter_label(year: int, number: int) -> str:
    return _("%(year)s Q%(number)s") % {"year": year, "number": number}


def survival_chart_svg(
    curves: Sequence[Curve], *, title: str, labels: dict[str, str], months: int = 60
) -> str:
    """The curves that are not hidden, as step lines over ``months`` months (the
    share still placed, 0-100 %); ``labels`` names each curve's label."""
    right = WIDTH - 20
    x = Scale(0, months_in_days(months), LEFT, right)
    y = Scale(0, 1, HEIGHT - BOTTOM, TOP)
    svg = Svg(width=WIDTH, height=HEIGHT, title=title, title_id="survival-title")
    for share in (0, 0.25, 0.5, 0.75, 1):
        svg.line((LEFT, y(share)), (right, y(share)), stroke="#eef1f4")
        svg.text(LEFT - 6, y(share) + 4, f"{round(share * 100)}%", anchor="end")
    for month in range(0, months + 1, 12 if months > 24 else 6):
        svg.text(
            x(months_in_days(month)),
            HEIGHT - BOTTOM + 16,
            _("%(months)s mo") % {"months": month},
            anchor="middle",
        )
    drawn = []
    for index, curve in enumerate(c for c in curves if not c.suppressed):
        series = Series(
            labels.get(curve.label, curve.label),
            PALETTE[index % len(PALETTE)],
            width=3 if index == 0 else 2,
        )
        steps = [(0.0, 1.0)] + [(p.day, p.survival) for p in curve.points]
        last = curve.points[-1].day if curve.points else 0
        svg.polyline(step_points(steps, x, y, until=last), series)
        drawn.append(series)
    for row in range(0, len(drawn), 4):
        svg.legend(
            LEFT, HEIGHT - 28 + 14 * (row // 4), drawn[row : row + 4], spacing=140
        )
    return str(svg)


def flow_chart_svg(flow: RegionFlow, *, title: str) -> str:
    """Placed against lost per quarter as pairs of bars; a hidden count has no bar."""
    counts = [
        n for q in flow.quarters for n in (q.placed, q.lost) if isinstance(n, int)
    ]
    right = WIDTH - 20
    y = Scale(0, max([1, *counts]), HEIGHT - BOTTOM, TOP)
    slot = (right - LEFT) / max(len(flow.quarters), 1)
    bar = max(min(slot / 3, 28), 2)
    svg = Svg(width=WIDTH, height=HEIGHT, title=title, title_id="flow-title")
    svg.line((LEFT, y(0)), (right, y(0)), stroke="#98a2b3")
    svg.text(LEFT - 6, y(0) + 4, "0", anchor="end")
    top = max([0, *counts])
    svg.text(LEFT - 6, y(top) + 4, number_format(top), anchor="end")
    for index, quarter in enumerate(flow.quarters):
        left = round(LEFT + index * slot + slot / 2 - bar, 1)
        for offset, count, colour in (
            (0, quarter.placed, PLACED),
            (bar, quarter.lost, LOST),
        ):
            if isinstance(count, int):
                svg.rect(
                    left + offset, y(count), bar, round(y(0) - y(count), 1), colour
                )
            else:
                svg.text(left + offset + bar / 2, y(0) - 4, count, anchor="middle")
        svg.text(
            round(left + bar, 1),
            HEIGHT - BOTTOM + 16,
            quarter_label(quarter.quarter.year, quarter.quarter.number),
            anchor="middle",
            size=10,
        )
    svg.legend(
        LEFT,
        HEIGHT - 14,
        (Series(_("Placed"), PLACED, width=8), Series(_("Lost"), LOST, width=8)),
    )
    return str(svg)
