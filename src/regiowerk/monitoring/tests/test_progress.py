"""The project leader's status (met, on track, behind, missed): pure, with hypothesis."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from regiowerk.monitoring import rules
from regiowerk.monitoring.rules import Period, Progress

DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
TARGETS = st.decimals(min_value=0, max_value=10**6, places=2)
VALUES = st.none() | TARGETS


@st.composite
def periods(draw):
    start = draw(DATES)
    return Period(start, start + timedelta(days=draw(st.integers(0, 2000))))


def test_halfway_through_half_the_target_is_on_track_and_less_is_behind():
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    as_of = date(2026, 7, 2)  # day 183 of 365
    kwargs = {"current": Decimal(100), "period": year, "as_of": as_of}
    assert rules.progress(realised=Decimal(51), **kwargs) is Progress.ON_TRACK
    assert rules.progress(realised=Decimal(49), **kwargs) is Progress.BEHIND
    assert rules.progress(realised=Decimal(100), **kwargs) is Progress.MET
    after = {**kwargs, "as_of": date(2027, 1, 1)}
    assert rules.progress(realised=Decimal(99), **after) is Progress.MISSED


@given(TARGETS, VALUES, periods(), DATES)
def test_met_exactly_when_the_target_is_reached(current, realised, period, as_of):
    state = rules.progress(
        current=current, realised=realised, period=period, as_of=as_of
    )
    assert (state is Progress.MET) == ((realised or 0) >= current)
    if state is not Progress.MET:
        assert (state is Progress.MISSED) == (as_of > period.end)


@given(TARGETS, periods(), DATES, DATES)
def test_the_expected_part_grows_with_time_from_nothing_to_the_target(
    current, period, day, later
):
    day, later = sorted((day, later))
    assert (
        Decimal(0)
        <= rules.expected_by(current, period, day)
        <= rules.expected_by(current, period, later)
        <= current
    )
    assert rules.expected_by(current, period, period.end) == current


@given(VALUES, periods(), DATES)
def test_without_a_target_there_is_nothing_to_meet(realised, period, as_of):
    assert (
        rules.progress(current=None, realised=realised, period=period, as_of=as_of)
        is Progress.NO_TARGET
    )
