from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.records import Precision
from graph.temporal import DateResolver, resolve
from graph.temporal_refs import ref_reading
from graph.temporal_rules import load_lexicon

D = dt.date
THU = D(2022, 11, 10)  # a Thursday
DAY, WEEK, MONTH, YEAR, APPROX = (
    Precision.DAY,
    Precision.WEEK,
    Precision.MONTH,
    Precision.YEAR,
    Precision.APPROXIMATE,
)

# (expression, tense, begin, end, precision, relative) against THU
TABLE = [
    # weekdays
    ("Wednesday", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, True),
    ("on Wednesday", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, True),
    ("Wednesday night", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, True),
    ("Thursday", "past", THU, THU, DAY, True),
    ("Thursday", "future", THU, THU, DAY, True),
    ("Friday", "past", D(2022, 11, 4), D(2022, 11, 4), DAY, True),
    ("Friday", "future", D(2022, 11, 11), D(2022, 11, 11), DAY, True),
    ("Wednesday", "future", D(2022, 11, 16), D(2022, 11, 16), DAY, True),
    ("Wednesday", "present", D(2022, 11, 9), D(2022, 11, 9), DAY, True),
    ("last Thursday", "past", D(2022, 11, 3), D(2022, 11, 3), DAY, True),
    ("next Monday", "future", D(2022, 11, 14), D(2022, 11, 14), DAY, True),
    # day words
    ("today", "past", THU, THU, DAY, True),
    ("yesterday", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, True),
    ("tomorrow", "future", D(2022, 11, 11), D(2022, 11, 11), DAY, True),
    ("tonight", "future", THU, THU, DAY, True),
    ("this morning", "past", THU, THU, DAY, True),
    ("last night", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, True),
    ("yesterday morning", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, True),
    # months
    ("last May", "past", D(2022, 5, 1), D(2022, 5, 31), MONTH, True),
    ("in September", "past", D(2022, 9, 1), D(2022, 9, 30), MONTH, True),
    ("September", "future", D(2023, 9, 1), D(2023, 9, 30), MONTH, True),
    ("November", "past", D(2022, 11, 1), D(2022, 11, 30), MONTH, True),
    ("December", "past", D(2021, 12, 1), D(2021, 12, 31), MONTH, True),
    ("December", "future", D(2022, 12, 1), D(2022, 12, 31), MONTH, True),
    ("in February", "past", D(2022, 2, 1), D(2022, 2, 28), MONTH, True),
    ("early December", "future", D(2022, 12, 1), D(2022, 12, 10), APPROX, True),
    ("late March", "past", D(2022, 3, 21), D(2022, 3, 31), APPROX, True),
    ("mid-June", "past", D(2022, 6, 11), D(2022, 6, 20), APPROX, True),
    ("the end of October", "past", D(2022, 10, 21), D(2022, 10, 31), APPROX, True),
    # weeks, months, years relative to the anchor
    ("this week", "past", D(2022, 11, 7), THU, WEEK, True),
    ("this week", "present", D(2022, 11, 7), D(2022, 11, 13), WEEK, True),
    ("last week", "past", D(2022, 10, 31), D(2022, 11, 6), WEEK, True),
    ("next week", "future", D(2022, 11, 14), D(2022, 11, 20), WEEK, True),
    ("this month", "past", D(2022, 11, 1), D(2022, 11, 30), MONTH, True),
    ("last month", "past", D(2022, 10, 1), D(2022, 10, 31), MONTH, True),
    ("this year", "past", D(2022, 1, 1), D(2022, 12, 31), YEAR, True),
    ("last year", "past", D(2021, 1, 1), D(2021, 12, 31), YEAR, True),
    ("next year", "future", D(2023, 1, 1), D(2023, 12, 31), YEAR, True),
    ("later this year", "future", THU, D(2022, 12, 31), APPROX, True),
    ("the end of last year", "past", D(2021, 9, 1), D(2021, 12, 31), APPROX, True),
    ("the last week of March", "past", D(2022, 3, 28), D(2022, 4, 3), WEEK, True),
    # days with and without a year
    ("November 3", "past", D(2022, 11, 3), D(2022, 11, 3), DAY, True),
    ("3 November", "past", D(2022, 11, 3), D(2022, 11, 3), DAY, True),
    ("on November 3", "past", D(2022, 11, 3), D(2022, 11, 3), DAY, True),
    ("November 15", "past", D(2021, 11, 15), D(2021, 11, 15), DAY, True),
    ("November 15", "future", D(2022, 11, 15), D(2022, 11, 15), DAY, True),
    ("9 November 2022", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, False),
    ("November 9, 2022", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, False),
    ("Wednesday, November 9, 2022", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, False),
    ("2022-11-09", "past", D(2022, 11, 9), D(2022, 11, 9), DAY, False),
    ("March 01 , 2008", "past", D(2008, 3, 1), D(2008, 3, 1), DAY, False),
    ("April 2nd", "past", D(2022, 4, 2), D(2022, 4, 2), DAY, True),
    ("7/8/07", "past", D(2007, 7, 8), D(2007, 7, 8), DAY, False),
    ("May 2008", "past", D(2008, 5, 1), D(2008, 5, 31), MONTH, False),
    # years, decades, quarters, seasons
    ("in 2014", "past", D(2014, 1, 1), D(2014, 12, 31), YEAR, False),
    ("2014", "past", D(2014, 1, 1), D(2014, 12, 31), YEAR, False),
    ("'82", "past", D(1982, 1, 1), D(1982, 12, 31), YEAR, False),
    ("early 2009", "past", D(2009, 1, 1), D(2009, 4, 30), APPROX, False),
    ("in the 1990s", "past", D(1990, 1, 1), D(1999, 12, 31), APPROX, False),
    ("the first quarter of 2008", "past", D(2008, 1, 1), D(2008, 3, 31), APPROX, False),
    ("Q1 2008", "past", D(2008, 1, 1), D(2008, 3, 31), APPROX, False),
    ("the third quarter of this year", "past", D(2022, 7, 1), D(2022, 9, 30), APPROX, True),
    ("the fourth quarter", "past", D(2022, 10, 1), D(2022, 12, 31), APPROX, True),
    ("the first quarter", "future", D(2023, 1, 1), D(2023, 3, 31), APPROX, True),
    ("the last quarter", "past", D(2022, 7, 1), D(2022, 9, 30), APPROX, True),
    ("this fall", "past", D(2022, 9, 1), THU, APPROX, True),  # in season: cut at the anchor
    ("this autumn", "present", D(2022, 9, 1), D(2022, 11, 30), APPROX, True),
    ("this spring", "past", D(2022, 3, 1), D(2022, 5, 31), APPROX, True),
    ("last summer", "past", D(2022, 6, 1), D(2022, 8, 31), APPROX, True),
    ("this winter", "future", D(2022, 12, 1), D(2023, 2, 28), APPROX, True),
    # ago and windows
    ("three days ago", "past", D(2022, 11, 7), D(2022, 11, 7), DAY, True),
    ("two weeks ago", "past", D(2022, 10, 24), D(2022, 10, 30), APPROX, True),
    ("a month ago", "past", D(2022, 9, 25), D(2022, 10, 25), APPROX, True),
    ("more than two months ago", "past", D(2022, 8, 10), D(2022, 9, 10), APPROX, True),
    ("the past day", "past", D(2022, 11, 9), THU, APPROX, True),
    ("in recent days", "past", D(2022, 11, 3), THU, APPROX, True),
    ("in recent weeks", "past", D(2022, 9, 29), THU, APPROX, True),
    ("the past nine days", "past", D(2022, 11, 1), THU, APPROX, True),
    ("the coming days", "future", THU, D(2022, 11, 17), APPROX, True),  # plural: a window, not a day
    ("the last few weeks", "past", D(2022, 9, 29), THU, APPROX, True),
    ("the coming months", "future", THU, D(2023, 5, 10), APPROX, True),
    ("September this year", "past", D(2022, 9, 1), D(2022, 9, 30), MONTH, True),
    ("May of last year", "past", D(2021, 5, 1), D(2021, 5, 31), MONTH, True),
    ("March 3 next year", "future", D(2023, 3, 3), D(2023, 3, 3), DAY, True),
    # references to the anchor: the present is its day, never at day precision; recent and soon are
    # six months either side of it
    ("now", "present", THU, THU, APPROX, True),
    ("currently", "present", THU, THU, APPROX, True),
    ("at present", "present", THU, THU, APPROX, True),
    ("these days", "present", THU, THU, APPROX, True),
    ("for the time being", "future", THU, THU, APPROX, True),
    ("recently", "past", D(2022, 5, 10), THU, APPROX, True),
    ("more recently", "past", D(2022, 5, 10), THU, APPROX, True),
    ("soon", "future", THU, D(2023, 5, 10), APPROX, True),
    ("in the near future", "future", THU, D(2023, 5, 10), APPROX, True),
]


@pytest.mark.parametrize(("expression", "tense", "begin", "end", "precision", "relative"), TABLE)
def test_conventions(expression, tense, begin, end, precision, relative):
    span = resolve(expression, THU, tense=tense)
    assert span is not None, expression
    assert (span.begin, span.end, span.precision) == (begin, end, precision)
    assert span.expression == expression
    assert span.anchor == (THU if relative else None)


@pytest.mark.parametrize(
    "expression",
    [
        "for weeks",
        "for months",
        "every day",
        "three hours",
        "two weeks",
        "daily",
        "in the past",
        "previously",
        "the future",
        "eventually",
        "later",
        "then",
        "at the time",
        "that time",
        "",
        "   ",
        "the Joint Strike Fighter program",
        "Douglas era",
        "February 30",
        "the days",
        "the weekends",
        # A bare number of one to three digits is an age or a count ("dies aged 56"), no year.
        "56",
        "in 90",
        "100",
    ],
)
def test_not_dates(expression):
    assert resolve(expression, THU) is None


@pytest.mark.parametrize(
    ("expression", "anchor", "expected"),
    [
        ("Tuesday", D(2009, 12, 16), D(2009, 12, 15)),
        ("Monday", D(2007, 3, 19), D(2007, 3, 19)),
        ("Sunday", D(2008, 10, 13), D(2008, 10, 12)),
        ("yesterday", D(2010, 6, 8), D(2010, 6, 7)),
        ("February 29", D(2008, 7, 2), D(2008, 2, 29)),
        ("February 29", D(2010, 7, 2), D(2008, 2, 29)),  # no 29 February in 2010 or 2009
    ],
)
def test_other_anchors(expression, anchor, expected):
    span = resolve(expression, anchor)
    assert (span.begin, span.end) == (expected, expected)


def test_no_anchor_keeps_absolute_dates_only():
    assert resolve("9 November 2022", None).begin == D(2022, 11, 9)
    assert resolve("in 2014", None).anchor is None
    assert resolve("Q1 2008", None) is not None
    relatives = ("Wednesday", "today", "last May", "September", "November 3", "two weeks ago", "this year")
    for relative in relatives:
        assert resolve(relative, None) is None, relative


def test_dateparser_fallback_never_invents_a_day():
    # dateparser knows "Sept. 2021"-like forms; the month must not come back as a day
    span = resolve("the month of September 2021", THU)
    assert span is None or span.precision is not DAY


@pytest.mark.parametrize(
    "expression", ["year-old", "41-year-old", "the 40 - year - old", "eight - year", "a 90-day", "ten-month"]
)
def test_unit_compounds_are_no_dates_and_skip_dateparser(expression, monkeypatch):
    import graph.temporal_rules as tr

    calls: list[str] = []
    real = tr.dateparser_reading

    def spy(text: str, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(tr, "dateparser_reading", spy)
    assert resolve(expression, THU) is None
    assert calls == []
    # A text with a calendar word outside the compound still reaches the fallback.
    resolve(f"{expression} 10 nov 11", THU)
    assert calls == [f"{expression} 10 nov 11"]


def test_resolver_stage_matches_function_and_can_skip_dateparser():
    resolver = DateResolver(use_dateparser=False)
    assert resolver("Wednesday", THU) == resolve("Wednesday", THU)
    assert resolver("last May", THU, "past") == resolve("last May", THU, tense="past")


def test_bad_tense_is_named():
    with pytest.raises(ValueError, match="tense must be one of past, present, future"):
        resolve("Wednesday", THU, tense="pluperfect")


def test_datetime_anchor_is_read_as_its_date():
    assert resolve("yesterday", dt.datetime(2022, 11, 10, 23, 59)).begin == D(2022, 11, 9)


# --- properties ----------------------------------------------------------------------------------

LEXICON = load_lexicon()
WORDS = (
    sorted(LEXICON.months)
    + sorted(LEXICON.weekdays)
    + sorted(LEXICON.units)
    + [
        "last",
        "next",
        "this",
        "the",
        "of",
        "early",
        "late",
        "mid",
        "ago",
        "in",
        "on",
        "today",
        "yesterday",
        "tomorrow",
        "more than",
        "about",
        "recent",
        "past",
        "quarter",
        "first",
        ",",
        "2022",
        "3",
        "11",
        "'09",
    ]
)
DAY_EVIDENCE = re.compile(
    r"\d|\b(?:" + "|".join(sorted(LEXICON.weekdays)) + r")\b|today|tonight|yesterday|tomorrow|night|"
    r"morning|afternoon|evening|\bday\b",
    re.IGNORECASE,
)
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
anchors = st.dates(min_value=D(1900, 3, 1), max_value=D(2100, 10, 1))
tenses = st.sampled_from(["past", "present", "future"])


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=40), phrases), anchor=st.one_of(st.none(), anchors), tense=tenses)
def test_never_raises_and_spans_are_ordered(text, anchor, tense):
    span = resolve(text, anchor, tense=tense)
    if span is not None:
        assert span.begin <= span.end
        assert span.expression == text
        if span.precision is DAY:
            assert DAY_EVIDENCE.search(text), text


@settings(max_examples=200, deadline=None)
@given(
    month=st.sampled_from(sorted(LEXICON.months)),
    anchor=anchors,
    prefix=st.sampled_from(["", "in ", "early "]),
)
def test_month_without_year_is_never_after_the_anchor_in_the_past(month, anchor, prefix):
    span = resolve(prefix + month, anchor, tense="past")
    assert span is not None
    assert span.begin <= anchor


def test_malformed_lexicon_line_is_named(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text("# comment\nmonth\tjanuary\t1\ncolour\tred\t1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lexicon.tsv:3.*category"):
        load_lexicon(path)


def test_references_need_an_anchor_and_never_claim_a_day():
    for word in ("now", "currently", "recently", "soon"):
        assert resolve(word, None) is None, word
    for word, kind in load_lexicon().refs.items():
        span = resolve(word, THU)
        if kind in ("open", "none"):
            assert span is None, word
        else:
            assert span is not None and span.precision is APPROX and span.begin <= THU <= span.end, word


def test_unknown_reference_kind_is_named(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text("ref\tnow\tpresent\nref\tanon\tsomeday\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lexicon.tsv:2.*present, recent, soon, open, none"):
        load_lexicon(path)
    with pytest.raises(ValueError, match="reference kind must be one of"):
        ref_reading("someday", THU)
