from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiowerk.employers import rules


@pytest.mark.parametrize("value", ["12345678", "00000001"])
def test_eight_digits_are_a_valid_kvk_number(value):
    assert rules.is_valid_kvk_number(value)


@pytest.mark.parametrize("value", ["1234567", "123456789", "1234567a", "", "00000000"])
def test_other_strings_are_not_a_kvk_number(value):
    assert not rules.is_valid_kvk_number(value)


def test_kvk_number_is_normalised_from_typed_input():
    assert rules.normalise_kvk_number(" 1234 56.78 ") == "12345678"


@pytest.mark.parametrize(
    ("employees", "size"),
    [
        (0, "micro"),
        (9, "micro"),
        (10, "small"),
        (49, "small"),
        (50, "medium"),
        (249, "medium"),
        (250, "large"),
    ],
)
def test_size_class_follows_the_sme_bounds(employees, size):
    assert rules.size_class_for(employees) == size


def test_negative_employees_are_refused():
    with pytest.raises(ValueError, match="negative"):
        rules.size_class_for(-1)


@given(st.integers(0, 80), st.integers(0, 80))
def test_hours_are_valid_only_within_bounds_and_ordered(lo, hi):
    assert rules.hours_are_valid(lo, hi) == (1 <= lo <= hi <= 60)


def test_vacancy_is_open_up_to_and_including_its_closing_date():
    kwargs = {"opens_on": date(2026, 1, 1), "closes_on": date(2026, 1, 31)}
    assert rules.is_open_on(**kwargs, day=date(2026, 1, 31))
    assert not rules.is_open_on(**kwargs, day=date(2026, 2, 1))
    assert not rules.is_open_on(**kwargs, day=date(2025, 12, 31))
    assert rules.is_open_on(
        opens_on=date(2026, 1, 1), closes_on=None, day=date(2030, 1, 1)
    )
