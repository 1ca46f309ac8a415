"""Static SVG charts rendered on the server (monitoring's reports, placements'
durability analytics).

Pure Python, no Django (import-linter contract): a chart is markup built from
numbers and already translated strings. No script, no external resource (no CDN):
the page puts a data table with the same figures beside each chart, so the chart is
an illustration of the table, never its only carrier (accessibility).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

Point = tuple[float, float]


@dataclass(frozen=True)
class Scale:
    """A linear map from a value range onto a pixel range (``low`` maps to ``start``);
    a range of zero width maps everything onto ``start``."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low
        share = (value - self.low) / span if span else 0.0
        return round(self.start + (self.end - self.start) * share, 1)


@dataclass(frozen=True)
class Series:
    """One line of a line chart and its legend entry."""

    label: str
    stroke: str
    width: int | None = 2  # None: the default stroke width
    dash: str | None = None  # a stroke-dasharray, e.g. "6 4"


class Svg:
    """An SVG image built part by part: ``str(svg)`` is the finished markup.

    The image has ``role="img"`` and a ``<title>`` (``title_id`` names it for
    ``aria-labelledby``), so a screen reader announces what the chart shows.
    """

    def __init__(
        self,
        *,
        width: int,
        height: int,
        title: str,
        title_id: str,
        css_class: str = "chart",
    ) -> None:
        self.width, self.height = width, height
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css_class)}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-labelledby="{escape(title_id)}">',
            f'<title id="{escape(title_id)}">{escape(title)}</title>',
        ]

    def __str__(self) -> str:
        return "".join(self.parts) + "</svg>"

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: int = 11,
        anchor: str | None = None,
        bold: bool = False,
    ) -> None:
        extra = f' text-anchor="{anchor}"' if anchor else ""
        extra += ' font-weight="bold"' if bold else ""
        self.parts.append(
            f'<text x="{x}" y="{y}" font-size="{size}"{extra}>{escape(text)}</text>'
        )

    def rect(self, x: float, y: float, width: float, height: float, fill: str) -> None:
        self.parts.append(
            f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{fill}"/>'
        )

    def line(
        self,
        start: Point,
        end: Point,
        *,
        stroke: str,
        width: int | None = None,
        dash: str | None = None,
    ) -> None:
        self.parts.append(
            f'<line x1="{start[0]}" y1="{start[1]}" x2="{end[0]}" y2="{end[1]}" '
            f'stroke="{stroke}"{_stroke_extra(width, dash)}/>'
        )

    def polyline(self, points: Iterable[Point], series: Series) -> None:
        coordinates = " ".join(f"{x},{y}" for x, y in points)
        self.parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{series.stroke}"'
            f"{_stroke_extra(series.width, series.dash)}/>"
        )

    def circle(self, centre: Point, radius: int, fill: str) -> None:
        self.parts.append(
            f'<circle cx="{centre[0]}" cy="{centre[1]}" r="{radius}" fill="{fill}"/>'
        )

    def legend(
        self, x: float, y: float, entries: Sequence[Series], *, spacing: int = 120
    ) -> None:
        """A row of legend entries (a short stroke and its label) from ``(x, y)``, the
        baseline of the labels."""
        for index, series in enumerate(entries):
            left = x + index * spacing
            self.line(
                (left, y - 4),
                (left + 24, y - 4),
                stroke=series.stroke,
                width=series.width,
                dash=series.dash,
            )
            self.text(left + 30, y, series.label)


def _stroke_extra(width: int | None, dash: str | None) -> str:
    extra = f' stroke-width="{width}"' if width is not None else ""
    return extra + (f' stroke-dasharray="{dash}"' if dash else "")


def step_points(
    steps: Sequence[Point], x: Scale, y: Scale, *, until: float | None = None
) -> list[Point]:
    """The corners of a step function (a survival curve: the value holds until the
    next step) through ``steps`` of ``(x, value)``, on the scales, continued to
    ``until`` when given."""
    points: list[Point] = []
    for index, (at, value) in enumerate(steps):
        if index:
            points.append((x(at), y(steps[index - 1][1])))
        points.append((x(at), y(value)))
    if steps and until is not None and until > steps[-1][0]:
        points.append((x(until), y(steps[-1][1])))
    return points
