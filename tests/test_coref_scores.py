from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.evaluate.coref import (
    PRF,
    b_cubed,
    ceaf_e,
    max_weight_assignment,
    muc,
    score,
    with_singletons,
)

# Pradhan et al. 2014, "Scoring coreference partitions of predicted mentions", Figure 1:
# h and i are response mentions the key does not have.
KEY = [set("abc"), set("defg")]
RESPONSE = [set("ab"), set("cd"), set("fghi")]


def approx(prf: PRF, precision: float, recall: float) -> None:
    assert prf.precision == pytest.approx(precision)
    assert prf.recall == pytest.approx(recall)


def test_pradhan_2014_example():
    approx(muc(KEY, RESPONSE), 2 / 5, 2 / 5)  # the paper: R 0.40, P 0.40
    # B³ recall Σ|K∩R|²/|K| / 7 = (4/3 + 1/3 + 1/4 + 1) / 7; precision (2 + 1/2 + 1/2 + 1) / 8
    # (e is in no response cluster, so the response holds 8 mentions).
    approx(b_cubed(KEY, RESPONSE), 4 / 8, 35 / 84)  # the paper: R 0.42, P 0.50
    # Best alignment {abc}–{ab} (φ₄ 0.8) and {defg}–{fghi} (0.5): Φ = 1.3.
    approx(ceaf_e(KEY, RESPONSE), 1.3 / 3, 1.3 / 2)  # the paper: R 0.65, P 0.43


def test_vilain_1995_muc_example():
    # Key A-B-C-D, response A-B and C-D: one link missing, none wrong.
    approx(muc([set("ABCD")], [set("AB"), set("CD")]), 1.0, 2 / 3)
    approx(muc([set("AB"), set("CD")], [set("ABCD")]), 2 / 3, 1.0)


def test_hand_computed_merge_of_two_clusters():
    key = [{1, 2}, {3, 4}, {5}]
    response = [{1, 2, 3, 4}, {5}]
    approx(muc(key, response), 2 / 3, 1.0)
    # Each of 1..4 has precision 2/4; 5 has 1: (4 * 0.5 + 1) / 5.
    approx(b_cubed(key, response), 3 / 5, 1.0)
    # {1,2,3,4} aligns with one pair (φ₄ 2·2/6), {5} with {5} (1): Φ = 5/3.
    approx(ceaf_e(key, response), (5 / 3) / 2, (5 / 3) / 3)


def test_identity_scores_one():
    key = [{1, 2, 3}, {4, 5}, {6}]
    s = score(key, [set(c) for c in key])
    for prf in (s.muc, s.b_cubed, s.ceaf_e):
        approx(prf, 1.0, 1.0)
    assert s.conll_f1 == pytest.approx(1.0)


def test_all_singletons():
    key = [{1, 2, 3}, {4, 5}]
    singletons = [{m} for m in range(1, 6)]
    s = score(key, singletons)
    approx(s.muc, 0.0, 0.0)  # no link found; no link proposed (0/0 is 0, as the reference scorer)
    approx(s.b_cubed, 1.0, (3 * 1 / 3 + 2 * 1 / 2) / 5)
    # {1,2,3} aligns with one singleton (2/4), {4,5} with one (2/3).
    approx(s.ceaf_e, (1 / 2 + 2 / 3) / 5, (1 / 2 + 2 / 3) / 2)
    # Both sides all singletons: B³ and CEAF-e perfect, MUC 0.
    s = score(singletons, singletons)
    assert (s.muc.f1, s.b_cubed.f1, s.ceaf_e.f1) == (0.0, 1.0, 1.0)


def test_one_cluster_against_singletons():
    s = score([{1, 2, 3, 4}], [{1}, {2}, {3}, {4}])
    approx(s.b_cubed, 1.0, 1 / 4)
    approx(s.ceaf_e, (2 / 5) / 4, 2 / 5)


def test_missing_response_mentions():
    # The metric functions add nothing: a key mention the response lacks shares nothing there...
    approx(b_cubed([{1, 2}], [{1}]), 1.0, 1 / 4)
    # ...except in MUC, where it is a part of its own (the standard definition).
    approx(muc([{1, 2, 3}], [{1, 2}]), 1.0, 1 / 2)
    # with_singletons states the ECB+ convention: missing mentions are singletons.
    key, response = with_singletons([{1, 2}, {3}], [{1}, {4}])
    assert sorted(map(sorted, key)) == [[1, 2], [3], [4]]
    assert sorted(map(sorted, response)) == [[1], [2], [3], [4]]
    approx(b_cubed(key, response), 1.0, (1 / 2 + 1 / 2 + 1 + 1) / 4)


def test_a_mention_in_two_clusters_is_refused():
    with pytest.raises(ValueError, match="mention 2 is in two clusters of the response"):
        muc([{1, 2}], [{1, 2}, {2}])


def test_assignment_small_cases():
    assert max_weight_assignment([]) == []
    assert max_weight_assignment([[1.0, 5.0], [4.0, 1.0]]) == [(0, 1), (1, 0)]
    assert max_weight_assignment([[1.0], [3.0], [2.0]]) == [(1, 0)]
    with pytest.raises(ValueError, match="rectangular"):
        max_weight_assignment([[1.0, 2.0], [1.0]])


@given(
    st.lists(
        st.lists(st.integers(0, 20).map(float), min_size=3, max_size=3),
        min_size=1,
        max_size=5,
    )
)
def test_assignment_is_optimal(weights):
    pairs = max_weight_assignment(weights)
    n, m = len(weights), len(weights[0])
    assert len(pairs) == min(n, m)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    got = sum(weights[i][j] for i, j in pairs)
    if n <= m:
        best = max(
            sum(weights[i][j] for i, j in enumerate(cols)) for cols in itertools.permutations(range(m), n)
        )
    else:
        best = max(
            sum(weights[i][j] for j, i in enumerate(rows)) for rows in itertools.permutations(range(n), m)
        )
    assert got == pytest.approx(best)


def partitions(mentions: list[int]) -> st.SearchStrategy[list[set[int]]]:
    """Random partitions of ``mentions``: each mention gets a cluster label."""
    return st.lists(st.integers(0, 5), min_size=len(mentions), max_size=len(mentions)).map(
        lambda labels: [
            {m for m, label in zip(mentions, labels, strict=True) if label == c} for c in set(labels)
        ]
    )


same_mentions = st.integers(1, 12).flatmap(
    lambda n: st.tuples(partitions(list(range(n))), partitions(list(range(n))))
)


@settings(max_examples=200)
@given(same_mentions)
def test_scores_are_in_range_and_swap_precision_and_recall(pair):
    key, response = pair
    s, swapped = score(key, response), score(response, key)
    for prf in (s.muc, s.b_cubed, s.ceaf_e):
        assert 0.0 <= prf.precision <= 1.0 + 1e-9
        assert 0.0 <= prf.recall <= 1.0 + 1e-9
    assert 0.0 <= s.conll_f1 <= 1.0 + 1e-9
    for a, b in ((s.muc, swapped.muc), (s.b_cubed, swapped.b_cubed), (s.ceaf_e, swapped.ceaf_e)):
        assert a.precision == pytest.approx(b.recall)
        assert a.recall == pytest.approx(b.precision)


@settings(max_examples=100)
@given(st.integers(1, 12).flatmap(lambda n: partitions(list(range(n)))))
def test_identity_is_perfect_whenever_defined(key):
    s = score(key, key)
    assert s.b_cubed.f1 == pytest.approx(1.0)
    assert s.ceaf_e.f1 == pytest.approx(1.0)
    # MUC has no link to score when every cluster is a singleton.
    assert s.muc.f1 == pytest.approx(1.0 if any(len(c) > 1 for c in key) else 0.0)
