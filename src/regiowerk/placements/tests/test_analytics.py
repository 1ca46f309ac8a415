"""Durability analytics over plain rows: Kaplan–Meier agrees with lifelines' own and
with a curve computed by hand, retention, inflow against outflow, endings and what
followed them, small-cell suppression, and the SVG charts. No database."""

import math
import random
from datetime import date, timedelta
from fractions import Fraction

import pytest
from lifelines import KaplanMeierFitter

from regiowerk.common.smallcells import SUPPRESSED
from regiowerk.placements import analytics, charts
from regiowerk.placements.analytics import (
    NOT_REPLACED,
    PENDING,
    REPLACED,
    PlacementRow,
    Quarter,
    Stay,
)

# A small table, by hand: (days, ended). Kaplan–Meier multiplies, at each day on which
# placements ended, the share of those followed into the day that did not end on it.
TABLE = [(5, True), (10, True), (10, False), (20, True), (30, True), (30, False)]
TABLE += [(40, False)]
# day: (followed into the day, ended on it, survival after it)
BY_HAND = {
    5: (7, 1, Fraction(6, 7)),
    10: (6, 1, Fraction(6, 7) * Fraction(5, 6)),  # = 5/7; the censored one still counts
    20: (4, 1, Fraction(5, 7) * Fraction(3, 4)),  # = 15/28
    30: (3, 1, Fraction(15, 28) * Fraction(2, 3)),  # = 5/14
    40: (1, 0, Fraction(5, 14)),  # only a censored stay: the curve stays level
}
Z = 1.959963984540054  # the 97.5 % quantile of the standard normal


def stays(table):
    return [Stay(days, ended) for days, ended in table]


def exponential_greenwood(table, day):
    """The 95 % band at ``day`` by hand: log(-log S) ± z·sqrt(V), with
    V = Σ d / (n (n - d)) / (log S)²."""
    survival, total = 1.0, 0.0
    for at, (n, d, _) in sorted(BY_HAND.items()):
        if at > day:
            break
        survival *= (n - d) / n
        total += d / (n * (n - d)) if d else 0.0
    spread = Z * math.sqrt(total / math.log(survival) ** 2)
    return survival ** math.exp(spread), survival ** math.exp(-spread)


def test_kaplan_meier_agrees_with_the_curve_computed_by_hand():
    curve = analytics.kaplan_meier(stays(TABLE))
    assert (curve.placements, curve.ended) == (7, 4)
    points = {point.day: point for point in curve.points}
    assert points[0].survival == 1.0
    for day, (followed, ended, survival) in BY_HAND.items():
        assert (points[day].at_risk, points[day].ended) == (followed, ended)
        assert points[day].survival == pytest.approx(float(survival), abs=1e-12)
    for day in (5, 10, 20, 30):
        lower, upper = exponential_greenwood(TABLE, day)
        assert points[day].lower == pytest.approx(lower, abs=1e-9)
        assert points[day].upper == pytest.approx(upper, abs=1e-9)
        assert points[day].lower < points[day].survival < points[day].upper


def test_kaplan_meier_agrees_with_lifelines_own_on_the_same_data():
    rng = random.Random(9)
    data = [(rng.randint(0, 2000), rng.random() < 0.6) for _ in range(400)]
    curve = analytics.kaplan_meier(stays(data))
    fitter = KaplanMeierFitter().fit([d for d, _ in data], [e for _, e in data])
    assert [p.day for p in curve.points] == list(fitter.survival_function_.index)
    assert [p.survival for p in curve.points] == pytest.approx(
        list(fitter.survival_function_.iloc[:, 0]), abs=1e-12
    )
    band = fitter.confidence_interval_survival_function_
    assert [p.lower for p in curve.points] == pytest.approx(list(band.iloc[:, 0]))
    assert [p.upper for p in curve.points] == pytest.approx(list(band.iloc[:, 1]))
    for retention in curve.retention:
        assert retention.survival == pytest.approx(
            fitter.predict(retention.day, interpolate=False), abs=1e-12
        )


def test_retention_at_6_12_and_24_months_is_the_curve_on_that_day():
    table = [(100, True)] + [(400, False)] * 3 + [(200, True)] + [(800, False)]
    six, twelve, twenty_four = analytics.kaplan_meier(stays(table)).retention
    assert (six.months, six.day, twelve.day, twenty_four.day) == (6, 183, 365, 730)
    assert six.survival == pytest.approx(5 / 6)  # one of six ended on day 100
    assert six.at_risk == 5
    assert twelve.survival == pytest.approx(5 / 6 * 4 / 5)  # one of five on day 200
    assert twelve.lower < twelve.survival < twelve.upper
    assert twenty_four.survival == pytest.approx(4 / 6)  # one followed that long
    assert twenty_four.at_risk == 1


def test_retention_is_unknown_when_nobody_was_followed_that_long():
    six, twelve, _ = analytics.kaplan_meier(
        stays([(200, False), (300, True)])
    ).retention
    assert six.survival == pytest.approx(1.0)
    assert (twelve.survival, twelve.lower, twelve.at_risk) == (None, None, 0)


def test_no_stays_give_an_empty_curve():
    curve = analytics.kaplan_meier([])
    assert (curve.placements, curve.points) == (0, ())
    assert all(r.survival is None for r in curve.retention)


def test_a_running_placement_is_censored_on_the_day_of_observation():
    row = PlacementRow("p", date(2025, 1, 1), ended_on=date(2025, 3, 1))
    assert row.stay(date(2025, 6, 1)) == Stay(59, ended=True)
    assert row.stay(date(2025, 2, 1)) == Stay(31, ended=False)  # ending not known yet
    assert row.stay(date(2024, 12, 31)) is None  # not started yet


def rows_for(label, count, *, days=400, ended_every=3, dimension="kind"):
    start = date(2024, 1, 1)
    return [
        PlacementRow(
            f"{label}-{i}",
            start,
            ended_on=start + timedelta(days=days - i) if i % ended_every == 0 else None,
            groups={dimension: (label,)},
        )
        for i in range(count)
    ]


def test_small_groups_get_no_curve_and_enough_others_are_hidden_too():
    rows = rows_for("regular", 20) + rows_for("trial", 7) + rows_for("bbl", 2)
    curves = analytics.survival_by_group(rows, dimension="kind", as_of=date(2026, 1, 1))
    everyone, regular, trial, bbl = curves
    assert (everyone.label, everyone.placements) == (analytics.ALL, 29)
    assert (regular.label, regular.placements) == ("regular", 20)
    assert regular.points and not regular.suppressed
    # bbl is small; trial is hidden as well, so bbl cannot be derived from the total
    for hidden in (trial, bbl):
        assert hidden.suppressed and hidden.points == ()
        assert hidden.ended == SUPPRESSED
        assert all(
            r.survival is None and r.at_risk == SUPPRESSED for r in hidden.retention
        )


def test_a_curve_stops_where_fewer_than_k_placements_are_still_followed():
    table = [
        (10 * i, True) for i in range(1, 11)
    ]  # ten placements, one ends every 10 days
    full = analytics.kaplan_meier(stays(table))
    cut = analytics.kaplan_meier(stays(table), k=5)
    assert max(p.day for p in full.points) == 100
    assert min(p.at_risk for p in cut.points) >= 5
    assert max(p.day for p in cut.points) == 60  # day 70 is followed by only four
    unsuppressed = analytics.survival_by_group(
        rows_for("a", 2), dimension="kind", as_of=date(2026, 1, 1), k=0
    )
    assert [c.placements for c in unsuppressed] == [2, 2]


def test_a_placement_counts_in_each_support_arrangement_it_has():
    start = date(2024, 1, 1)
    rows = [
        PlacementRow(str(i), start, groups={"support": ("coach", "adjust")})
        for i in range(6)
    ]
    rows += [PlacementRow("none", start, groups={"support": ()})]
    curves = analytics.survival_by_group(
        rows, dimension="support", as_of=date(2025, 1, 1)
    )
    assert [(c.label, c.placements) for c in curves] == [
        ("", 7),
        ("adjust", 6),
        ("coach", 6),
    ]


def test_quarterly_inflow_against_outflow_per_region():
    rows = [PlacementRow(f"w{i}", date(2025, 1, 10)) for i in range(110)]
    rows = [PlacementRow(r.person, r.started_on, region="West-Brabant") for r in rows]
    rows += [
        PlacementRow(f"e{i}", date(2024, 6, 1), date(2025, 2, 1), region="West-Brabant")
        for i in range(75)
    ]
    rows += [PlacementRow("b", date(2025, 4, 2), region="Breda")]
    west = {
        f.region: f
        for f in analytics.flows(rows, since=date(2025, 1, 1), until=date(2025, 6, 30))
    }
    q1, q2 = west["West-Brabant"].quarters
    assert (q1.quarter, q1.placed, q1.lost, q1.net) == (Quarter(2025, 1), 110, 75, 35)
    assert (q2.quarter, q2.placed, q2.lost) == (Quarter(2025, 2), 0, 0)
    # Breda's one placement is a small cell (a zero is no small cell)
    assert [q.placed for q in west["Breda"].quarters] == [0, SUPPRESSED]
    assert west["Breda"].quarters[1].net is None


def test_quarters_run_over_the_year_end():
    assert analytics.quarters_between(date(2024, 11, 5), date(2025, 4, 1)) == (
        Quarter(2024, 4),
        Quarter(2025, 1),
        Quarter(2025, 2),
    )


def test_reasons_for_ending_most_first_and_suppressed():
    start, end = date(2024, 1, 1), date(2024, 6, 1)
    rows = [PlacementRow(str(i), start, end, reason="contract_ended") for i in range(9)]
    rows += [PlacementRow(f"h{i}", start, end, reason="health") for i in range(6)]
    rows += [PlacementRow("d", start, end, reason="dismissed")]
    rows += [PlacementRow("later", start, date(2025, 1, 1), reason="resigned")]
    reasons = analytics.ending_reasons(rows, as_of=date(2024, 12, 31))
    assert reasons == {
        "contract_ended": 9,
        "health": SUPPRESSED,
        "dismissed": SUPPRESSED,
    }
    assert list(analytics.ending_reasons(rows, as_of=date(2025, 6, 1), k=0)) == [
        "contract_ended",
        "health",
        "dismissed",
        "resigned",
    ]


def test_what_followed_an_ending_within_n_months():
    ended = date(2025, 1, 31)
    rows = [
        PlacementRow("a", date(2024, 1, 1), ended),
        PlacementRow("a", date(2025, 7, 31)),  # six months later to the day: in time
        PlacementRow("b", date(2024, 1, 1), ended),
        PlacementRow("b", date(2025, 8, 1)),  # a day late
        PlacementRow("c", date(2024, 1, 1), ended),
        PlacementRow("c", ended),  # the same day: moved straight on
        PlacementRow("d", date(2024, 1, 1), date(2025, 6, 1)),  # window still open
        PlacementRow("e", date(2022, 1, 1), date(2022, 12, 1)),  # followed by the next
        PlacementRow("e", date(2023, 1, 1), date(2023, 6, 1)),  # the first is no "next"
    ]
    followed = analytics.what_followed(
        rows, within_months=6, as_of=date(2025, 9, 1), k=0
    )
    assert followed == {REPLACED: 3, NOT_REPLACED: 2, PENDING: 1}
    hidden = analytics.what_followed(rows, within_months=6, as_of=date(2025, 9, 1))
    assert set(hidden.values()) == {SUPPRESSED}


def test_the_survival_chart_is_static_svg_without_hidden_groups():
    rows = rows_for("regular", 20) + rows_for("trial", 7) + rows_for("bbl", 2)
    curves = analytics.survival_by_group(rows, dimension="kind", as_of=date(2026, 1, 1))
    svg = charts.survival_chart_svg(
        curves, title="Duurzaamheid <soort>", labels={"": "Alle", "regular": "Regulier"}
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "<script" not in svg
    assert 'role="img"' in svg and "Duurzaamheid &lt;soort&gt;" in svg
    assert svg.count("<polyline") == 2  # all placements and regular; not trial or bbl
    assert "Regulier" in svg and "trial" not in svg


def test_the_flow_chart_draws_a_bar_per_shown_count():
    rows = [PlacementRow(str(i), date(2025, 1, 5), date(2025, 5, 5)) for i in range(12)]
    (flow,) = analytics.flows(rows, since=date(2025, 1, 1), until=date(2025, 6, 30))
    svg = charts.flow_chart_svg(flow, title="Instroom en uitstroom")
    assert svg.count('fill="#2f6fb0"') == 2  # placed: 12 and 0
    assert svg.count('fill="#b7791f"') == 2  # lost: 0 and 12
    assert "<script" not in svg
