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


# --- what is still to do ----------------------------------------------------------------------
def test_a_check_in_held_after_missed_ones_closes_them_as_a_to_do():
    start = TODAY - timedelta(days=200)
    due_dates = rules.check_in_dates(start)  # 14 days, 1, 3 and 6 months passed
    nothing_held = rules.due(TODAY, due_dates, [])
    assert nothing_held.overdue == nothing_held.missed == tuple(due_dates[:4])
    assert nothing_held.next_due == due_dates[4]  # 12 months

    held = rules.due(TODAY, due_dates, [TODAY - timedelta(days=3)])
    assert len(held.missed) == 3  # the check-in answers one of the four
    assert held.overdue == ()  # held since the missed ones: nothing to catch up
    assert held.next_due == due_dates[4]

    later = rules.due(due_dates[4] + timedelta(days=5), due_dates, [TODAY])
    assert later.overdue == (due_dates[4],)  # the 12 months' one is to do again


def test_a_check_in_held_shortly_before_its_date_is_the_one_for_that_date():
    start = date(2026, 1, 10)
    due_dates = rules.check_in_dates(start)
    three_months = rules.months_after(start, 3)
    held = [three_months - timedelta(days=3)]  # 1 month and 14 days were missed
    after = rules.due(three_months + timedelta(days=10), due_dates, held)
    assert after.overdue == ()
    assert after.next_due == rules.months_after(start, 6)
    assert len(after.missed) == 2  # still in the early warning
    # on its due date exactly, it is the check-in of that date, not of the next one
    on_the_day = rules.due(due_dates[0] + timedelta(days=3), due_dates, [due_dates[0]])
    assert on_the_day.missed == on_the_day.overdue == ()
    assert on_the_day.next_due == due_dates[1]


HELD = st.lists(st.dates(TODAY - timedelta(days=900), TODAY), max_size=8)
DUE_DATES = st.lists(  # as check_in_dates gives them: each date once
    st.dates(TODAY - timedelta(days=900), TODAY + timedelta(days=400)),
    max_size=12,
    unique=True,
)


@given(DUE_DATES, HELD)
def test_what_is_to_do_is_missed_after_the_last_check_in(due_dates, held):
    status = rules.due(TODAY, due_dates, held)

    assert set(status.overdue) <= set(status.missed)
    assert list(status.overdue) == sorted(status.overdue)
    assert all(day < TODAY for day in status.missed)
    if held:
        assert all(day > max(held) for day in status.overdue)
    else:
        assert (
            status.overdue
            == status.missed
            == tuple(sorted(d for d in set(due_dates) if d < TODAY))
        )
    assert status.next_due is None or (
        status.next_due >= TODAY and status.next_due in due_dates
    )
    # the missed ones are the early warning's
    assert len(status.missed) == rules._missed(TODAY, due_dates, held)


@given(DUE_DATES, HELD)
def test_a_check_in_held_today_leaves_nothing_overdue_and_never_adds_a_missed_one(
    due_dates, held
):
    before = rules.due(TODAY, due_dates, held)
    after = rules.due(TODAY, due_dates, [*held, TODAY])

    assert after.overdue == ()
    assert len(after.missed) <= len(before.missed)
    assert after.next_due is None or (
        before.next_due is not None and after.next_due >= before.next_due
    )


@given(DUE_DATES, HELD, st.integers(min_value=1, max_value=400))
def test_without_a_new_check_in_nothing_missed_is_forgiven(due_dates, held, days):
    # as time passes, a date once missed stays missed, and to do until a check-in
    now = rules.due(TODAY, due_dates, held)
    later = rules.due(TODAY + timedelta(days=days), due_dates, held)

    assert len(later.missed) >= len(now.missed)
    assert set(now.overdue) <= set(later.overdue)


# --- a placement's own schedule ---------------------------------------------------------------
@given(
    st.integers(min_value=-5, max_value=400),
    st.lists(st.integers(min_value=-2, max_value=130), max_size=8),
    st.integers(min_value=-2, max_value=30),
    st.integers(min_value=-1, max_value=12),
)
def test_a_schedule_exists_exactly_when_it_has_no_problem(
    first_days, months, every_months, years
):
    problems = rules.schedule_problems(
        first_days=first_days, months=months, every_months=every_months, years=years
    )
    try:
        schedule = Schedule(first_days, tuple(months), every_months, years)
    except rules.RuleError:
        assert problems
        return
    assert problems == {}
    start = date(2026, 3, 31)
    dates = rules.check_in_dates(start, schedule)
    # each due date once, in order, within the follow-up's years, none left out
    assert dates == sorted(set(dates))
    assert start + timedelta(days=first_days) in dates
    assert dates[-1] <= rules.months_after(start, 12 * years)
    assert all(rules.months_after(start, m) in dates for m in months)


def test_each_problem_is_named_at_its_field():
    assert rules.schedule_problems(
        first_days=0, months=[3, 1], every_months=25, years=11
    ) == {
        "first_days": rules.ScheduleProblem.OUT_OF_RANGE,
        "months": rules.ScheduleProblem.NOT_INCREASING,
        "every_months": rules.ScheduleProblem.OUT_OF_RANGE,
        "years": rules.ScheduleProblem.OUT_OF_RANGE,
    }
    assert rules.schedule_problems(
        first_days=7, months=[1, 25], every_months=3, years=2
    ) == {"months": rules.ScheduleProblem.BEYOND_LENGTH}
