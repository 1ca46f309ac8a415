"""The placements benchmark at a tiny scale: not timed, it runs, and the real code
paths give the same figures as its naive count (so the full run compares like with
like)."""

import pytest

from bench import bench_placements


@pytest.mark.django_db
def test_the_placements_benchmark_runs_and_both_counts_agree():
    counts = bench_placements.generate(
        placements=300, check_ins=3000, experts=2, seed=7
    )
    assert counts["placements"] == 300
    assert counts["endings"] > 0
    assert counts["check-ins"] > 300

    result = bench_placements.measure(repeat=1)

    assert result["due_rows"] > 0
    assert result["due_same"] is True
    assert result["report_same"] is True
    assert set(result["retention"]) == {"6", "12", "24"}
    assert result["report_cells"] > 10  # reasons and quarters the small cells leave
    assert result["due_queries"] == 3  # placements, check-ins, the access log
