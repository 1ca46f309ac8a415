"""The benchmark metrics decide every reported figure, so they are tested too."""

from bench.metrics import ISCO_PREFIX, evaluate


def test_mrr_is_the_reciprocal_rank_of_the_first_hit():
    scores = evaluate(
        {"q1": ["a", "b"], "q2": ["c", "d", "e"]}, {"q1": {"b"}, "q2": {"x"}}
    )
    assert scores.mrr == (1 / 2 + 0) / 2
    assert scores.recall_at_1 == 0.0


def test_recall_at_k_is_capped_by_k_when_more_items_are_relevant():
    relevant = {"q": {f"r{i}" for i in range(20)}}
    ranked = {"q": [f"r{i}" for i in range(10)]}
    assert evaluate(ranked, relevant, k=10).recall_at_k == 1.0


def test_a_relevant_isco_group_is_found_by_any_of_its_occupations():
    isco = {"occ-a": "8322", "occ-b": "9999"}.get
    scores = evaluate(
        {"q": ["occ-b", "occ-a"]},
        {"q": {f"{ISCO_PREFIX}8322"}},
        isco_of=lambda u: isco(u, ""),
    )
    assert scores.mrr == 0.5
    assert scores.recall_at_k == 1.0


def test_a_query_without_a_ranking_counts_as_a_miss():
    assert evaluate({}, {"q": {"a"}}).mrr == 0.0
