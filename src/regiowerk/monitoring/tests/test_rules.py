"""Pure monitoring rules: no database. Hypothesis checks their promises."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiowerk.monitoring import rules
from regiowerk.monitoring.rules import Cadence, Period, Rounding, TargetStatus

COSTS = st.integers(min_value=0, max_value=10**12)  # up to 10 billion euros, in cents
PERCENTAGES = st.decimals(min_value=0, max_value=100, places=2)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
VALUES = st.none() | st.decimals(min_value=0, max_value=10**6, places=2)


def test_dwsra_maximum_subsidy_is_69_percent_rounded_down_to_euros():
    # DW2012: direct costs € 1,245,313 give € 859,265 (859,265.97 rounded down)
    assert (
        rules.max_subsidy_cents(
            1_245_313_00, percentage=Decimal(69), rounding=Rounding.DOWN_TO_EURO
        )
        == 859_265_00
    )


@given(COSTS, PERCENTAGES)
def test_the_maximum_never_exceeds_the_percentage_and_is_at_most_a_euro_below(
    costs, percentage
):
    exact = Decimal(costs) * percentage / 100
    euros = rules.max_subsidy_cents(
        costs, percentage=percentage, rounding=Rounding.DOWN_TO_EURO
    )
    cents = rules.max_subsidy_cents(
        costs, percentage=percentage, rounding=Rounding.DOWN_TO_CENT
    )
    assert euros % 100 == 0
    assert euros <= cents <= exact
    assert exact - euros < 100
    assert exact - cents < 1


@given(COSTS, COSTS, PERCENTAGES)
def test_more_direct_costs_never_give_a_lower_maximum(a, b, percentage):
    low, high = sorted((a, b))
    assert rules.max_subsidy_cents(
        low, percentage=percentage, rounding=Rounding.DOWN_TO_EURO
    ) <= rules.max_subsidy_cents(
        high, percentage=percentage, rounding=Rounding.DOWN_TO_EURO
    )


@pytest.mark.parametrize(
    ("costs", "percentage"),
    [(-1, Decimal(69)), (100, Decimal(101)), (100, Decimal(-1))],
)
def test_impossible_subsidy_input_is_refused(costs, percentage):
    with pytest.raises(rules.RuleError):
        rules.max_subsidy_cents(
            costs, percentage=percentage, rounding=Rounding.DOWN_TO_EURO
        )


def test_requested_as_percentage_of_the_maximum_rounds_half_up():
    assert rules.percentage_of(710_781_00, 859_265_00) == 83  # DW2012
    assert rules.percentage_of(1, 8) == 13
    assert rules.percentage_of(5, 0) is None


@given(DATES, st.integers(0, 2000), st.sampled_from(list(Cadence)))
def test_reporting_periods_cover_the_period_exactly_in_calendar_blocks(
    start, days, cadence
):
    period = Period(start, start + timedelta(days=days))
    periods = rules.reporting_periods(period, cadence)
    months = rules.CADENCE_MONTHS[cadence]
    assert periods[0].start == period.start
    assert periods[-1].end == period.end
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
        assert after.start.day == 1 and (after.start.month - 1) % months == 0
    for part in periods:  # each lies within one calendar quarter (half, year)
        assert (part.start.year, (part.start.month - 1) // months) == (
            part.end.year,
            (part.end.month - 1) // months,
        )


def test_a_project_from_mid_july_reports_a_short_first_quarter():
    periods = rules.reporting_periods(
        Period(date(2016, 7, 15), date(2016, 12, 31)), Cadence.QUARTERLY
    )
    assert periods == [
        Period(date(2016, 7, 15), date(2016, 9, 30)),
        Period(date(2016, 10, 1), date(2016, 12, 31)),
    ]
    assert rules.report_due_on(periods[0], days_after_end=30) == date(2016, 10, 30)


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(rules.RuleError):
        Period(date(2026, 2, 1), date(2026, 1, 31))
    assert date(2026, 1, 31) in Period(date(2026, 1, 1), date(2026, 1, 31))


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2017-07-15", False, date(2017, 7, 15)),
        ("2017-07", False, date(2017, 7, 1)),
        ("2019-06", True, date(2019, 6, 30)),
        ("2016-02", True, date(2016, 2, 29)),
    ],
)
def test_a_source_date_may_name_only_a_month(text, end, expected):
    assert rules.parse_partial_date(text, end=end) == expected


@pytest.mark.parametrize("text", ["2017", "juli 2017", "2017-13", "2017-02-30"])
def test_a_source_date_that_is_no_date_is_refused(text):
    with pytest.raises(rules.RuleError):
        rules.parse_partial_date(text, end=False)


@given(VALUES, VALUES, st.booleans())
def test_a_target_is_met_exactly_when_the_realised_value_reaches_it(
    current, realised, is_over
):
    status = rules.target_status(current=current, realised=realised, is_over=is_over)
    if current is None:
        assert status is TargetStatus.NO_TARGET
    elif realised is not None and realised >= current:
        assert status is TargetStatus.MET
    else:
        assert status is (TargetStatus.MISSED if is_over else TargetStatus.OPEN)


@given(VALUES, VALUES)
def test_a_target_is_revised_when_it_changed_in_either_direction(original, current):
    assert rules.is_revised(original, current) is (original != current)
    assert not rules.is_revised(original, original)
