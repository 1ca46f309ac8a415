"""Pure rules of services, enrolments and events (no database)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiowerk.services import rules
from regiowerk.services.constants import EnrolmentStatus, TargetGroup, Theme
from regiowerk.services.rules import RuleError

STATUSES = [s.value for s in EnrolmentStatus]


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("registered", "started"),
        ("registered", "dropped_out"),
        ("started", "completed"),
        ("started", "dropped_out"),
    ],
)
def test_enrolment_moves_forward_along_its_life_cycle(current, new):
    assert rules.can_transition(current, new)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("registered", "completed"),  # must start first
        ("started", "registered"),
        ("completed", "dropped_out"),
        ("completed", "started"),
        ("dropped_out", "started"),
        ("registered", "registered"),
    ],
)
def test_enrolment_cannot_skip_or_reverse_a_step(current, new):
    assert not rules.can_transition(current, new)
    with pytest.raises(RuleError) as excinfo:
        rules.check_transition(current, new, drop_out_reason="reden")
    assert excinfo.value.code == "invalid_transition"


@given(st.sampled_from(sorted(rules.FINAL_STATUSES)), st.sampled_from(STATUSES))
def test_a_completed_or_dropped_out_enrolment_is_final(final, new):
    assert not rules.can_transition(final, new)


def test_dropping_out_requires_a_reason():
    with pytest.raises(RuleError) as excinfo:
        rules.check_transition("started", "dropped_out", drop_out_reason="   ")
    assert (excinfo.value.code, excinfo.value.field) == (
        "reason_required",
        "drop_out_reason",
    )
    rules.check_transition("started", "dropped_out", drop_out_reason="Werk gevonden")


def test_a_later_step_cannot_be_dated_before_the_earlier_one():
    with pytest.raises(RuleError):
        rules.check_dates_in_order(date(2026, 3, 1), date(2026, 2, 28), "completed_on")
    rules.check_dates_in_order(date(2026, 3, 1), date(2026, 3, 1), "completed_on")
    rules.check_dates_in_order(None, date(2026, 3, 1), "completed_on")


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=600))
def test_room_is_left_exactly_while_fewer_places_are_taken_than_the_capacity(
    capacity, taken
):
    assert rules.has_room(capacity, taken) == (taken < capacity)
    left = rules.places_left(capacity, taken)
    assert left is not None and left >= 0


@given(st.integers(min_value=0, max_value=10_000))
def test_unlimited_capacity_always_has_room(taken):
    assert rules.has_room(None, taken)
    assert rules.places_left(None, taken) is None


def test_a_service_is_active_only_when_switched_on_and_within_its_period():
    period = {"active_from": date(2026, 1, 1), "active_until": date(2026, 12, 31)}

    assert rules.is_active_on(date(2026, 1, 1), is_active=True, **period)
    assert rules.is_active_on(date(2026, 12, 31), is_active=True, **period)
    assert not rules.is_active_on(date(2025, 12, 31), is_active=True, **period)
    assert not rules.is_active_on(date(2027, 1, 1), is_active=True, **period)
    assert not rules.is_active_on(date(2026, 6, 1), is_active=False, **period)
    assert rules.is_active_on(
        date(1999, 1, 1), is_active=True, active_from=None, active_until=None
    )


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(RuleError) as excinfo:
        rules.check_period(date(2026, 2, 1), date(2026, 1, 31))
    assert excinfo.value.field == "active_until"
    rules.check_period(date(2026, 2, 1), None)


@pytest.mark.parametrize(
    ("score", "valid"),
    [(1, True), (10, True), (0, False), (11, False), (True, False), (7.5, False)],
)
def test_satisfaction_is_a_whole_grade_from_1_to_10(score, valid):
    assert rules.is_valid_satisfaction(score) is valid


def test_codes_are_deduplicated_in_order_and_unknown_codes_refused():
    assert rules.normalise_codes(
        ["mobility", "healthy_vital_work", "mobility"], Theme.values
    ) == ["mobility", "healthy_vital_work"]
    with pytest.raises(RuleError):
        rules.normalise_codes(["women", "pensioners"], TargetGroup.values)


def test_event_reach_is_attended_registrations_plus_walk_ins():
    reach = rules.event_reach([True, False, True, True], anonymous_head_count=12)

    assert (reach.registered, reach.attended, reach.anonymous) == (4, 3, 12)
    assert reach.total == 15


@given(st.lists(st.booleans()), st.integers(min_value=0, max_value=10_000))
def test_reach_never_exceeds_registrations_plus_walk_ins(flags, walk_ins):
    reach = rules.event_reach(flags, walk_ins)
    assert reach.total <= len(flags) + walk_ins
    assert reach.total >= walk_ins


def test_a_negative_head_count_is_refused():
    with pytest.raises(RuleError):
        rules.event_reach([], -1)


def test_attendance_rate_counts_present_sessions():
    assert rules.attendance_rate([True, True, False, True]) == 0.75
    assert rules.attendance_rate([]) is None
