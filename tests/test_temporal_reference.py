"""Anaphoric time expressions read against the dates the text gave before them
(graph.temporal_anaphora through the public graph.temporal.resolve and DateResolver)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.records import DateSpan, Precision
from graph.temporal import DateResolver, resolve

D = dt.date
DAY, WEEK, MONTH, YEAR, APPROX = (
    Precision.DAY,
    Precision.WEEK,
    Precision.MONTH,
    Precision.YEAR,
    Precision.APPROXIMATE,
)
PUBLISHED = D(2009, 4, 4)  # a Saturday
FRIDAY = DateSpan(D(2009, 4, 3), D(2009, 4, 3), DAY, "Friday", PUBLISHED)
MARCH = DateSpan(D(2009, 3, 1), D(2009, 3, 31), MONTH, "March", PUBLISHED)
Y1983 = DateSpan(D(1983, 1, 1), D(1983, 12, 31), YEAR, "1983")
Q4_2005 = DateSpan(D(2005, 10, 1), D(2005, 12, 31), APPROX, "the fourth quarter of 2005")
#: "Stocks rose on Friday ... jobs shed in March ... the highest since 1983 ... <expression>"
TEXT_SO_FAR = (FRIDAY, MARCH, Y1983)


@pytest.mark.parametrize(
    ("expression", "begin", "end", "precision"),
    [
        # the latest earlier date that lies within the unit named: Friday for a day, March for a month
        ("the same day", D(2009, 4, 3), D(2009, 4, 3), DAY),
        ("on the same day", D(2009, 4, 3), D(2009, 4, 3), DAY),
        ("that day", D(2009, 4, 3), D(2009, 4, 3), DAY),
        ("the day", D(2009, 4, 3), D(2009, 4, 3), DAY),
        ("that week", D(2009, 3, 30), D(2009, 4, 5), WEEK),
        ("the same month", D(2009, 3, 1), D(2009, 3, 31), MONTH),
        ("that year", D(1983, 1, 1), D(1983, 12, 31), YEAR),
        # stepped from it
        ("the following day", D(2009, 4, 4), D(2009, 4, 4), DAY),
        ("the next day", D(2009, 4, 4), D(2009, 4, 4), DAY),
        ("the day after", D(2009, 4, 4), D(2009, 4, 4), DAY),
        ("a day later", D(2009, 4, 4), D(2009, 4, 4), DAY),
        ("two days later", D(2009, 4, 5), D(2009, 4, 5), DAY),
        ("the day before", D(2009, 4, 2), D(2009, 4, 2), DAY),
        ("the previous day", D(2009, 4, 2), D(2009, 4, 2), DAY),
        ("a week earlier", D(2009, 3, 23), D(2009, 3, 29), WEEK),
        ("the year before", D(1982, 1, 1), D(1982, 12, 31), YEAR),
        ("the year previous", D(1982, 1, 1), D(1982, 12, 31), YEAR),
        # the same unit, or the earlier span itself, a shift away
        ("the same month a year ago", D(2008, 3, 1), D(2008, 3, 31), MONTH),
        ("the same month last year", D(2008, 3, 1), D(2008, 3, 31), MONTH),
        ("the same period last year", D(1982, 1, 1), D(1982, 12, 31), YEAR),
        # the earlier date itself; parts of an anaphor
        ("that time", D(1983, 1, 1), D(1983, 12, 31), YEAR),
        ("late in the day", D(2009, 4, 3), D(2009, 4, 3), DAY),
        ("the end of the day", D(2009, 4, 3), D(2009, 4, 3), DAY),
        ("the start of that year", D(1983, 1, 1), D(1983, 4, 30), APPROX),
    ],
)
def test_anaphora_read_against_the_earlier_dates(expression, begin, end, precision):
    span = resolve(expression, PUBLISHED, reference=TEXT_SO_FAR)
    assert span is not None, expression
    assert (span.begin, span.end, span.precision) == (begin, end, precision)
    # the anchor recorded is the earlier date's first day: the date the expression was read from
    assert span.anchor in {s.begin for s in TEXT_SO_FAR}
    assert span.relative


def test_a_single_reference_is_a_history_of_one():
    span = resolve("the same day", PUBLISHED, reference=FRIDAY)
    assert (span.begin, span.anchor) == (D(2009, 4, 3), D(2009, 4, 3))


def test_a_date_inside_one_unit_serves_for_it_whatever_its_precision():
    # "GM lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the entire year"
    span = resolve("the entire year", D(2006, 1, 27), reference=Q4_2005)
    assert (span.begin, span.end, span.precision) == (D(2005, 1, 1), D(2005, 12, 31), YEAR)
    # "sales rose in February compared to the same period last year"
    feb = DateSpan(D(2010, 2, 1), D(2010, 2, 28), MONTH, "February", D(2010, 3, 3))
    span = resolve("the same period last year", D(2010, 3, 3), reference=feb)
    assert (span.begin, span.end, span.precision) == (D(2009, 2, 1), D(2009, 2, 28), MONTH)
    span = resolve("the same period a year earlier", D(2006, 1, 27), reference=Q4_2005)
    assert (span.begin, span.end, span.precision) == (D(2004, 10, 1), D(2004, 12, 31), APPROX)


def test_never_more_precise_than_the_earlier_date():
    # a month is no day: "that day" after "in March" has nothing to point back at
    assert resolve("that day", PUBLISHED, reference=MARCH) is None
    assert resolve("the same day", PUBLISHED, reference=(Y1983, MARCH)) is None
    # "the day" then falls back on the news reading: the day of publication
    assert resolve("the day", PUBLISHED, reference=MARCH).begin == PUBLISHED


def test_without_a_reference_nothing_changes():
    assert resolve("the same day", PUBLISHED) is None
    assert resolve("that day", PUBLISHED) is None
    assert resolve("that time", PUBLISHED) is None
    assert resolve("the day", PUBLISHED).begin == PUBLISHED
    assert resolve("the previous day", PUBLISHED).begin == D(2009, 4, 3)
    assert resolve("the previous year", PUBLISHED).begin == D(2008, 1, 1)
    assert resolve("the entire year", PUBLISHED) is None


@pytest.mark.parametrize(
    ("expression", "begin"),
    [
        ("yesterday", D(2009, 4, 3)),
        ("the day before yesterday", D(2009, 4, 2)),
        ("last year", D(2008, 1, 1)),
        ("two days ago", D(2009, 4, 2)),
        ("Wednesday", D(2009, 4, 1)),
        ("the next week", D(2009, 4, 6)),  # "the next" is anaphoric with "day" only
        ("March 2007", D(2007, 3, 1)),
    ],
)
def test_deictic_and_explicit_dates_ignore_the_reference(expression, begin):
    span = resolve(expression, PUBLISHED, reference=TEXT_SO_FAR)
    assert span.begin == begin
    assert span.anchor in (PUBLISHED, None)


def test_vague_counts_are_no_anaphor():
    assert resolve("days later", PUBLISHED, reference=TEXT_SO_FAR) is None


def test_resolver_keeps_its_positional_signature():
    resolver = DateResolver(use_dateparser=False)
    assert resolver("the same day", PUBLISHED, "past", reference=TEXT_SO_FAR).begin == D(2009, 4, 3)
    assert resolver("Friday", PUBLISHED, "past").begin == D(2009, 4, 3)
    # no anchor needed when the earlier date gives the day
    assert resolver("the following day", None, reference=FRIDAY).begin == D(2009, 4, 4)


def test_a_reference_that_is_no_date_span_is_named():
    with pytest.raises(TypeError, match="reference must be a DateSpan"):
        resolve("the same day", PUBLISHED, reference=[D(2009, 4, 3)])


spans = st.builds(
    lambda day, length, precision: DateSpan(day, day + dt.timedelta(days=length), precision, "x"),
    st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1)),
    st.integers(0, 400),
    st.sampled_from(list(Precision)),
)


@given(
    history=st.lists(spans, max_size=4),
    expression=st.sampled_from(
        [
            "the same day",
            "that week",
            "the following day",
            "two days later",
            "the year previous",
            "the same period last year",
            "the same month a year ago",
            "that time",
            "late in the day",
        ]
    ),
)
def test_anaphora_never_raise_and_point_at_an_earlier_date(history, expression):
    span = resolve(expression, PUBLISHED, reference=history)
    if span is not None:
        assert span.begin <= span.end
        assert span.anchor in {s.begin for s in history} | {PUBLISHED}
