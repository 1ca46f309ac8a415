"""Small-cell suppression for counts shown to analysts (people's overviews, later
monitoring and labour-market figures).

Pure Python, no Django (import-linter contract), so every app that publishes counts
about persons hides the same cells in the same way.
"""

from collections.abc import Mapping

SMALL_CELL_THRESHOLD = 5  # k-anonymity floor for aggregates shown to analysts
SUPPRESSED = "x"  # how a hidden count is shown (as in CBS tables)


def suppress_small_cells(
    counts: Mapping[str, int], *, k: int = SMALL_CELL_THRESHOLD
) -> dict[str, int | str]:
    """Hide counts below ``k`` (above zero), and enough others that none can be derived.

    The total of a table is public (every dimension counts the same people), so one
    hidden cell could be recovered by subtraction. Secondary suppression therefore hides
    the smallest further cells until at least two cells are hidden and together hold at
    least ``k`` people. All hidden cells look the same (``"x"``): a reader cannot tell
    which of them is the small one, and every hidden cell could be anything from 1 up.
    """
    hidden = {key for key, n in counts.items() if 0 < n < k}
    others = sorted((n, key) for key, n in counts.items() if n >= k)
    while (
        hidden
        and (len(hidden) < 2 or sum(counts[key] for key in hidden) < k)
        and others
    ):
        hidden.add(others.pop(0)[1])
    return {key: (SUPPRESSED if key in hidden else n) for key, n in counts.items()}


def suppress_total(total: int, *, k: int = SMALL_CELL_THRESHOLD) -> int | str:
    """A table's total, hidden when below ``k`` (above zero): a small total would let
    the small cells be recovered by subtraction."""
    return suppress_small_cells({"total": total}, k=k)["total"]
