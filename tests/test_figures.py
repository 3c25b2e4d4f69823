"""The number grammar: qualifiers, ranges, number words, regional scale words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.figures import parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("41", 41, None, None, None),
        ("more than 100,000", 100_000, None, None, "more than"),
        ("much more than 100,000", 100_000, None, None, "more than"),
        ("over 40", 40, None, None, "more than"),
        ("some 40,000", 40_000, None, None, "about"),
        ("at least 12", 12, None, None, "at least"),
        ("20,000 to 30,000", 25_000, 20_000, 30_000, "range"),
        ("between 20,000 and 30,000", 25_000, 20_000, 30_000, "range"),
        ("about 20,000-30,000", 25_000, 20_000, 30_000, "about"),
        ("20 to 30 thousand", 25_000, 20_000, 30_000, "range"),
        ("1 lakh", 100_000, None, None, None),
        ("2 crore", 20_000_000, None, None, None),
        ("$400 million", 400_000_000, None, None, None),
        ("1.5 million", 1_500_000, None, None, None),
        ("two", 2, None, None, None),
        ("a dozen", 12, None, None, None),
        ("dozens", 24, 24, 99, "vague"),
        ("thousands", 2_000, 2_000, 9_999, "vague"),
    ],
)
def test_parse_quantity(text, value, low, high, qualifier):
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.low, q.high, q.qualifier) == (value, low, high, qualifier)


@pytest.mark.parametrize("text", ["", "hello", "10%", "the war", "x" * 200])
def test_not_a_number(text):
    assert parse_quantity(text) is None


@given(st.text(max_size=60))
def test_never_raises_and_ranges_are_ordered(text):
    q = parse_quantity(text)
    if q is not None and q.low is not None and q.high is not None:
        assert q.low <= q.value <= q.high


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_thousands_separators_round_trip(n):
    assert parse_quantity(f"{n:,}").value == n
    assert parse_quantity(f"more than {n:,}").qualifier == "more than"
