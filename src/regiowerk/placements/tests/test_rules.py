"""Pure placement rules: the pipeline, the follow-up schedule, the early warning."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiowerk.placements import rules
from regiowerk.placements.rules import (
    CheckInFacts,
    Factor,
    Level,
    Schedule,
    Stage,
)

DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
SIGNALS = st.dictionaries(
    st.sampled_from(["werkdruk", "gezondheid", "leidinggevende", "reistijd"]),
    st.integers(min_value=1, max_value=5),
    max_size=4,
)


# --- pipeline -------------------------------------------------------------------------------
def test_a_candidacy_moves_forward_and_may_skip_steps():
    rules.check_step(Stage.RECRUITED, Stage.NOMINATED)  # a direct nomination
    rules.check_step(Stage.INTERVIEW, Stage.PLACED)  # placed without a trial
    with pytest.raises(rules.RuleError):
        rules.check_step(Stage.TRIAL, Stage.INTERVIEW)
    with pytest.raises(rules.RuleError):
        rules.check_step(Stage.NOMINATED, Stage.NOMINATED)
    assert rules.next_stages(Stage.PLACED) == ()
    assert not rules.may_end(Stage.PLACED) and rules.may_end(Stage.TRIAL)


# --- schedule -------------------------------------------------------------------------------
def test_the_default_schedule_of_the_source_documents():
    start = date(2026, 1, 31)

    due = rules.check_in_dates(start)

    # after 2 weeks, 1, 3, 6 and 12 months, then every 6 months up to 5 years
    assert due[:6] == [
        date(2026, 2, 14),
        date(2026, 2, 28),  # 31 January + 1 month: the month's last day
        date(2026, 4, 30),
        date(2026, 7, 31),
        date(2027, 1, 31),
        date(2027, 7, 31),
    ]
    assert due[-1] == date(2031, 1, 31)
    assert len(due) == 5 + 8  # then 18, 24, ..., 60 months


FIRST_DAYS = st.integers(min_value=1, max_value=27)  # before the first month


@given(DATES, FIRST_DAYS, st.integers(1, 12), st.integers(1, 6))
def test_a_schedule_increases_and_stays_within_its_years(start, first, every, years):
    schedule = Schedule(first_days=first, every_months=every, years=years)

    due = rules.check_in_dates(start, schedule)

    assert due == sorted(set(due))
    assert due[0] == start + timedelta(days=first)
    assert due[-1] <= rules.months_after(start, 12 * years)


@given(DATES, st.integers(min_value=0, max_value=3000))
def test_an_ended_placement_has_no_check_ins_after_its_end(start, days):
    ends_on = start + timedelta(days=days)

    due = rules.check_in_dates(start, ends_on=ends_on)

    assert all(d <= ends_on for d in due)
    assert due == [d for d in rules.check_in_dates(start) if d <= ends_on]


def test_a_placement_cannot_end_before_it_starts_nor_a_schedule_run_backwards():
    with pytest.raises(rules.RuleError):
        rules.check_in_dates(date(2026, 5, 1), ends_on=date(2026, 4, 30))
    with pytest.raises(rules.RuleError):
        Schedule(months=(6, 3))


@given(DATES, st.integers(min_value=-1000, max_value=1000))
def test_months_after_keeps_the_day_or_takes_the_months_last(day, months):
    later = rules.months_after(day, months)

    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or later.day < day.day == max(later.day, day.day)


# --- early warning ----------------------------------------------------------------------------
TODAY = date(2026, 12, 3)


def check_in(days_ago: int, status=Level.ON_TRACK, **signals) -> CheckInFacts:
    return CheckInFacts(TODAY - timedelta(days=days_ago), signals, status)


def test_a_placement_followed_as_planned_is_on_track_with_nothing_driving_it():
    due = [TODAY - timedelta(days=90), TODAY - timedelta(days=30)]
    result = rules.risk(
        today=TODAY,
        due_dates=due,
        check_ins=[check_in(88, werkdruk=4), check_in(29, werkdruk=4)],
    )

    assert (result.score, result.level, result.contributions) == (
        0,
        Level.ON_TRACK,
        (),
    )


def test_missed_check_ins_falling_scores_and_an_ending_contract_explain_the_risk():
    due = [TODAY - timedelta(days=d) for d in (180, 120, 60, 10)]
    result = rules.risk(
        today=TODAY,
        due_dates=due,
        # held for the first two due dates only; the last one went down and is low
        check_ins=[
            check_in(178, werkdruk=4, gezondheid=4),
            check_in(118, werkdruk=2, gezondheid=3),
        ],
        contract_ends_on=TODAY + timedelta(days=45),
        support_ends_on=TODAY + timedelta(days=200),  # too far off to count
    )

    assert result.score == 30 + 20 + 20 + 10
    assert result.level is Level.AT_RISK
    assert [(c.factor, c.points, c.count) for c in result.contributions] == [
        (Factor.MISSED_CHECK_INS, 30, 2),
        (Factor.CONTRACT_ENDING, 20, 1),
        (Factor.FALLING_SCORES, 20, 1),
        (Factor.LOW_SIGNAL, 10, 1),
    ]


def test_one_check_in_answers_one_due_date():
    due = [TODAY - timedelta(days=60), TODAY - timedelta(days=30)]
    result = rules.risk(today=TODAY, due_dates=due, check_ins=[check_in(45)])

    assert [(c.factor, c.count) for c in result.contributions] == [
        (Factor.MISSED_CHECK_INS, 1)
    ]


FACTS = st.builds(
    CheckInFacts,
    held_on=st.dates(min_value=TODAY - timedelta(days=900), max_value=TODAY),
    signals=SIGNALS,
    status=st.sampled_from(list(Level)),
)


@given(
    st.lists(st.dates(TODAY - timedelta(days=900), TODAY + timedelta(days=90))),
    st.lists(FACTS, max_size=6),
    st.none() | st.dates(TODAY - timedelta(days=30), TODAY + timedelta(days=400)),
)
def test_the_score_is_the_sum_of_its_contributions_capped_at_100(
    due_dates, check_ins, contract_ends_on
):
    result = rules.risk(
        today=TODAY,
        due_dates=due_dates,
        check_ins=check_ins,
        contract_ends_on=contract_ends_on,
    )

    assert result.score == min(100, sum(c.points for c in result.contributions))
    assert 0 <= result.score <= 100
    expected = (
        Level.AT_RISK
        if result.score >= rules.AT_RISK_FROM
        else Level.ATTENTION
        if result.score >= rules.ATTENTION_FROM
        else Level.ON_TRACK
    )
    assert result.level is expected


@given(st.lists(st.dates(TODAY - timedelta(days=900), TODAY)), st.lists(FACTS))
def test_an_extra_missed_due_date_never_lowers_the_risk(due_dates, check_ins):
    before = rules.risk(today=TODAY, due_dates=due_dates, check_ins=check_ins)
    # a due date yesterday that no check-in after today's answer can have covered
    extra = sorted([*due_dates, TODAY - timedelta(days=1)])
    after = rules.risk(today=TODAY, due_dates=extra, check_ins=check_ins)

    assert after.score >= before.score
