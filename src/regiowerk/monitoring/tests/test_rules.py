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


# --- Costs and budget ---------------------------------------------------------------------
HOURS = st.decimals(min_value=0, max_value=10_000, places=2)
RATES = st.integers(min_value=0, max_value=100_000)  # up to € 1,000 an hour
AMOUNTS = st.lists(st.integers(min_value=0, max_value=10**10), max_size=12)


def test_staff_hours_cost_hours_times_the_rate_to_the_cent():
    assert rules.staff_cost_cents(Decimal("12.5"), 7_550) == 94_375  # € 943,75
    assert rules.staff_cost_cents(Decimal("0.33"), 5_001) == 1_650  # 1650.33
    with pytest.raises(rules.RuleError):
        rules.staff_cost_cents(Decimal(-1), 5_000)


@given(HOURS, HOURS, RATES)
def test_more_hours_never_cost_less_and_stay_within_half_a_cent(a, b, rate):
    low, high = sorted((a, b))
    assert rules.staff_cost_cents(low, rate) <= rules.staff_cost_cents(high, rate)
    assert abs(rules.staff_cost_cents(a, rate) - a * rate) <= Decimal("0.5")


def test_overhead_is_the_programmes_percentage_of_staff_costs_rounded_down():
    assert rules.overhead_cents(1_000_00, percentage=Decimal(15)) == 150_00
    assert rules.overhead_cents(333, percentage=Decimal("15")) == 49  # 49.95
    with pytest.raises(rules.RuleError):
        rules.overhead_cents(100, percentage=Decimal(101))


@given(AMOUNTS, PERCENTAGES)
def test_overhead_per_period_adds_up_to_the_overhead_of_the_whole(staff, percentage):
    spread = rules.overhead_per_period(staff, percentage=percentage)
    assert len(spread) == len(staff)
    assert all(part >= 0 for part in spread)
    assert sum(spread) == rules.overhead_cents(sum(staff), percentage=percentage)


@given(AMOUNTS)
def test_running_totals_end_in_the_sum_and_never_fall(values):
    totals = rules.running_totals(values)
    assert totals == sorted(totals)
    assert (totals[-1] if totals else 0) == sum(values)


@given(
    st.lists(st.tuples(DATES, st.integers(0, 10**8)), max_size=30),
    DATES,
    st.integers(0, 1000),
)
def test_amounts_per_period_count_each_amount_in_the_one_period_holding_it(
    amounts, start, days
):
    periods = rules.reporting_periods(
        Period(start, start + timedelta(days=days)), Cadence.QUARTERLY
    )
    sums = rules.amounts_per_period(amounts, periods)
    inside = sum(c for d, c in amounts if periods[0].start <= d <= periods[-1].end)
    assert sum(sums) == inside


@given(st.integers(0, 10**12), st.integers(0, 10**6))
def test_cost_per_participant_times_participants_is_the_total_within_rounding(
    total, participants
):
    each = rules.per_participant_cents(total, participants)
    if participants == 0:
        assert each is None
    else:
        assert abs(each * participants - total) <= participants / 2


def test_the_budget_curve_follows_an_uneven_plan():
    # a start-up quarter spends little; the plan says so
    curve = rules.budget_curve(
        [10_000_00, 40_000_00, None, 50_000_00],
        [5_000_00, 45_000_00, 20_000_00, 0],
        budget_cents=100_000_00,
    )
    assert [p.planned_total_cents for p in curve] == [
        10_000_00,
        50_000_00,
        50_000_00,
        100_000_00,
    ]
    assert [p.spent_total_cents for p in curve] == [
        5_000_00,
        50_000_00,
        70_000_00,
        70_000_00,
    ]
    assert [p.deviation_cents for p in curve] == [-5_000_00, 0, 20_000_00, -30_000_00]
    assert [p.used_percentage for p in curve] == [5, 50, 70, 70]
    assert curve[2].planned_cents == 0  # a period without a plan plans nothing


@given(st.lists(st.tuples(st.none() | st.integers(0, 10**9), st.integers(0, 10**9))))
def test_without_any_plan_the_curve_has_no_planned_line(pairs):
    planned = [None] * len(pairs)
    spent = [s for _, s in pairs]
    curve = rules.budget_curve(planned, spent, budget_cents=10**9)
    assert all(
        p.planned_total_cents is None and p.deviation_cents is None for p in curve
    )
    assert [p.spent_total_cents for p in curve] == rules.running_totals(spent)


# --- Eligibility ---------------------------------------------------------------------------
def participant(**changes):
    base = {
        "starts_on": date(2026, 2, 1),
        "status_at_start": "ww_benefit",
        "status_since": date(2025, 11, 1),
        "birth_year": 1970,
        "has_bsn": True,
        "has_reporting_consent": True,
        "has_intake": True,
    }
    return rules.Participant(**{**base, **changes})


WW_RULE = rules.EligibilityRule(rules.EligibilityKind.MAX_MONTHS_ON_WW, months=6)
ALL_RULES = st.lists(
    st.sampled_from(
        [
            WW_RULE,
            rules.EligibilityRule(rules.EligibilityKind.COMPLETED_INTAKE),
            rules.EligibilityRule(rules.EligibilityKind.MIN_AGE_AT_START, years=45),
            rules.EligibilityRule(
                rules.EligibilityKind.LABOUR_STATUS_AT_START,
                statuses=frozenset({"ww_benefit"}),
            ),
        ]
    ),
    max_size=4,
)


@given(ALL_RULES, st.booleans(), st.booleans())
def test_without_bsn_or_consent_nobody_is_declarable_whatever_the_rules(
    the_rules, has_intake, has_consent
):
    no_bsn = participant(has_bsn=False, has_intake=has_intake)
    no_consent = participant(has_reporting_consent=False, has_intake=has_intake)

    assert rules.declarability(the_rules, no_bsn)[0] is rules.Declarability.NO_BSN
    assert (
        rules.declarability(the_rules, no_consent)[0] is rules.Declarability.NO_CONSENT
    )


def test_without_rules_bsn_and_consent_are_enough():
    assert rules.declarability([], participant(has_intake=False)) == (
        rules.Declarability.DECLARABLE,
        [],
    )


@given(DATES, DATES, st.integers(min_value=0, max_value=36))
def test_the_ww_rule_counts_whole_months_on_ww_at_the_start(since, start, months):
    rule = rules.EligibilityRule(rules.EligibilityKind.MAX_MONTHS_ON_WW, months=months)
    person = participant(status_since=min(since, start), starts_on=max(since, start))

    state, failures = rules.declarability([rule], person)

    on_ww = rules.months_between(min(since, start), max(since, start))
    assert (state is rules.Declarability.DECLARABLE) == (on_ww <= months)
    assert [f.months for f in failures] == ([] if on_ww <= months else [on_ww])


def test_someone_not_on_ww_at_the_start_meets_the_ww_rule():
    person = participant(status_at_start="employed", status_since=date(2000, 1, 1))

    assert rules.declarability([WW_RULE], person)[0] is rules.Declarability.DECLARABLE


def test_a_missing_intake_is_an_incomplete_dossier_before_a_rule_not_met():
    person = participant(has_intake=False, status_since=date(2020, 1, 1))
    the_rules = [WW_RULE, rules.EligibilityRule(rules.EligibilityKind.COMPLETED_INTAKE)]

    state, failures = rules.declarability(the_rules, person)

    assert state is rules.Declarability.INCOMPLETE
    assert [f.category for f in failures] == [
        rules.Declarability.INELIGIBLE,
        rules.Declarability.INCOMPLETE,
    ]


@given(
    st.lists(
        st.tuples(DATES, st.sampled_from(["ww_benefit", "employed"])),
        max_size=8,
        unique_by=lambda o: o[0],  # one observation a day
    ),
    DATES,
)
def test_the_status_at_a_day_is_the_last_observed_and_held_since_its_run_began(
    observations, day
):
    status, since = rules.status_at(observations, day)

    before = sorted(o for o in observations if o[0] <= day)
    if not before:
        assert (status, since) == (None, None)
        return
    assert status == before[-1][1]
    assert since is not None and since <= before[-1][0]
    assert all(s == status for d, s in before if d >= since)
