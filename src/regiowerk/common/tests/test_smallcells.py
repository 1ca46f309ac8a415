"""Small-cell suppression: pure, no database. Hypothesis checks its promise."""

from hypothesis import given
from hypothesis import strategies as st

from regiowerk.common.smallcells import (
    SUPPRESSED,
    suppress_small_cells,
    suppress_total,
)


def test_small_cells_are_suppressed_but_zero_and_larger_cells_are_shown():
    cells = suppress_small_cells({"a": 0, "b": 1, "c": 4, "d": 5, "e": 99})
    assert cells == {"a": 0, "b": "x", "c": "x", "d": 5, "e": 99}


def test_a_single_small_cell_takes_the_next_smallest_cell_with_it():
    # with the total known, 1 could otherwise be recovered as 14 - 7 - 6
    cells = suppress_small_cells({"werkend": 1, "ww": 7, "bijstand": 6})
    assert cells == {"werkend": "x", "ww": 7, "bijstand": "x"}


def test_two_tiny_cells_are_hidden_together_with_enough_people_to_be_ambiguous():
    cells = suppress_small_cells({"a": 1, "b": 1, "c": 6, "d": 9})
    assert cells == {"a": "x", "b": "x", "c": "x", "d": 9}


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 30), max_size=6))
def test_no_hidden_cell_can_be_recovered_from_the_total(counts):
    cells = suppress_small_cells(counts)
    hidden = [key for key, shown in cells.items() if shown == "x"]
    assert all(cells[key] == n for key, n in counts.items() if key not in hidden)
    assert all(
        counts[key] >= 5 or counts[key] == 0 for key in counts if key not in hidden
    )
    if hidden and len(hidden) < len([n for n in counts.values() if n > 0]):
        assert len(hidden) >= 2
        assert sum(counts[key] for key in hidden) >= 5


def test_a_total_below_the_threshold_is_hidden_and_zero_is_not():
    assert suppress_total(4) == SUPPRESSED
    assert suppress_total(0) == 0
    assert suppress_total(5) == 5
