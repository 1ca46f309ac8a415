"""Pure rules: no database. Hypothesis checks the elfproef's promises."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from regiowerk.people import rules
from regiowerk.people.rules import AnswerKind, IntakeProblem, IntakeQuestion

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
REALISTIC_DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 1, 1))


@st.composite
def valid_bsns(draw: st.DrawFn) -> str:
    head = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    check = sum(d * w for d, w in zip(head, WEIGHTS, strict=True)) % 11
    assume(check < 10)
    bsn = "".join(map(str, head)) + str(check)
    assume(bsn != "000000000")
    return bsn


@given(valid_bsns())
def test_a_number_built_with_the_check_digit_passes_the_elfproef(bsn):
    assert rules.is_valid_bsn(bsn)


@given(valid_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_changing_any_single_digit_fails_the_elfproef(bsn, position, delta):
    digits = list(bsn)
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert not rules.is_valid_bsn("".join(digits))


@given(valid_bsns(), st.integers(0, 7))
def test_swapping_two_different_neighbouring_digits_fails_the_elfproef(bsn, i):
    assume(bsn[i] != bsn[i + 1])
    swapped = bsn[:i] + bsn[i + 1] + bsn[i] + bsn[i + 2 :]
    assert not rules.is_valid_bsn(swapped)


@given(valid_bsns(), st.lists(st.sampled_from([" ", ".", "-"]), max_size=3))
def test_normalising_removes_separators_a_person_may_type(bsn, separators):
    typed = bsn[:3] + "".join(separators) + bsn[3:6] + " " + bsn[6:] + " "
    assert rules.normalise_bsn(typed) == bsn


@given(st.text(max_size=12))
def test_anything_but_nine_digits_is_refused(text):
    assume(not (len(text) == 9 and text.isascii() and text.isdigit()))
    assert not rules.is_valid_bsn(text)


@given(valid_bsns())
def test_a_masked_bsn_shows_only_the_last_four_digits(bsn):
    masked = rules.mask_bsn(bsn)
    assert masked == "*****" + bsn[-4:]
    assert bsn[:5] not in masked


def test_all_zeros_is_not_a_bsn_although_its_sum_is_divisible_by_eleven():
    assert not rules.is_valid_bsn("000000000")


def test_an_old_eight_digit_bsn_gets_a_leading_zero():
    assert rules.normalise_bsn("1234.56.78") == "012345678"


def test_non_ascii_digits_are_refused():
    assert not rules.is_valid_bsn("١٢٣٤٥٦٧٨٢")


@pytest.mark.parametrize(
    ("birth", "today", "expected"),
    [
        (date(1976, 3, 10), date(2026, 3, 9), False),
        (date(1976, 3, 10), date(2026, 3, 10), True),
        (date(1960, 1, 1), date(2026, 1, 1), True),
        (None, date(2026, 1, 1), False),
    ],
)
def test_50_plus_starts_on_the_fiftieth_birthday(birth, today, expected):
    assert rules.is_50_plus(birth, today) is expected


def test_a_leap_day_birthday_counts_on_the_first_of_march():
    assert rules.age_on(date(1976, 2, 29), date(2026, 2, 28)) == 49
    assert rules.age_on(date(1976, 2, 29), date(2026, 3, 1)) == 50


def test_the_50_plus_cutoff_date_matches_the_age_rule():
    today = date(2028, 2, 29)
    cutoff = rules.latest_birth_date_for_50_plus(today)
    assert rules.is_50_plus(cutoff, today)
    assert cutoff == date(1978, 2, 28)


def test_a_dossier_is_past_retention_only_after_its_deadline():
    closed = date(2024, 1, 1)
    assert rules.retention_deadline(closed, 730) == date(2025, 12, 31)
    assert not rules.is_past_retention(
        closed, today=date(2025, 12, 31), retention_days=730
    )
    assert rules.is_past_retention(closed, today=date(2026, 1, 1), retention_days=730)
    assert not rules.is_past_retention(None, today=date(2099, 1, 1), retention_days=1)


@given(REALISTIC_DATES, st.integers(0, 5000), REALISTIC_DATES)
def test_the_retention_cutoff_agrees_with_the_deadline(closed, days, today):
    past = rules.is_past_retention(closed, today=today, retention_days=days)
    assert past == (closed < rules.retention_cutoff(today, days))


def test_an_observation_replaces_the_current_status_unless_it_is_older():
    since = date(2026, 3, 1)
    assert rules.observation_replaces_current(date(2026, 3, 1), since)
    assert rules.observation_replaces_current(date(2026, 4, 1), since)
    assert not rules.observation_replaces_current(date(2026, 2, 1), since)
    assert rules.observation_replaces_current(date(2000, 1, 1), None)


QUESTIONS = (
    IntakeQuestion("wishes", AnswerKind.TEXT, max_length=10),
    IntakeQuestion("has_debts", AnswerKind.BOOLEAN),
    IntakeQuestion("hours", AnswerKind.INTEGER, minimum=0, maximum=60),
    IntakeQuestion("licence", AnswerKind.CHOICE, choices=("B", "C")),
)


def test_valid_intake_answers_have_no_problems():
    answers = {"wishes": "zorg", "has_debts": False, "hours": 32, "licence": "B"}
    assert rules.intake_problems(answers, QUESTIONS) == {}


def test_intake_problems_name_each_wrong_answer():
    answers = {
        "wishes": "x" * 11,
        "has_debts": "ja",
        "hours": 61,
        "licence": "Z",
        "shoe_size": 42,
    }
    assert rules.intake_problems(answers, QUESTIONS) == {
        "wishes": IntakeProblem.TOO_LONG,
        "has_debts": IntakeProblem.WRONG_TYPE,
        "hours": IntakeProblem.OUT_OF_RANGE,
        "licence": IntakeProblem.NOT_A_CHOICE,
        "shoe_size": IntakeProblem.UNKNOWN_QUESTION,
    }


def test_a_boolean_is_not_accepted_as_a_number_and_none_clears_an_answer():
    problems = rules.intake_problems({"hours": True, "wishes": None}, QUESTIONS)
    assert problems == {"hours": IntakeProblem.WRONG_TYPE}
