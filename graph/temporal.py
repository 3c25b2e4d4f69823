"""Resolve a time expression of a news article to the calendar interval it denotes.

``resolve("Wednesday", date(2022, 11, 10))`` is 9 November 2022: relative expressions are
read against an anchor, the article's publication date, the way news is written:

* A bare weekday, month, month-and-day, quarter or season is the recurrence the tense of the
  governing verb points at (:func:`graph.temporal_rules.pick`): in the past tense the latest
  one begun on or before the anchor, in the future tense the earliest one not over before
  it, in the present tense the nearest. The anchor's own weekday or month is the anchor's,
  in every tense ("Thursday" in a Thursday paper is that day).
* "last X" is the latest X wholly before the anchor, "next X" the earliest wholly after;
  "this week" is Monday..Sunday of the anchor's week, cut at the anchor in the past tense.
* "early/mid/late", "the beginning/middle/end of" take the first/middle/last third of what
  follows (a month: days 1-10, 11-20, 21-end; a year: Jan-Apr, May-Aug, Sep-Dec), precision
  approximate; "the first/second half of" takes a half.
* "N days ago" is a day. Weeks, months and years ago are approximate: the date N units back
  plus or minus half a unit (3 days, 15 days, 182 days); "about N" widens that to a tenth of
  the distance, "more than N" is N+1 to N units back (both ends inclusive), "nearly/less
  than N" reaches half the distance after it (never past the anchor).
* "in recent days/weeks/months/years" end at the anchor and reach back 7 days, 6 weeks,
  6 months, 5 years; "the past N days" reaches back exactly N days; "the past 24 hours"
  and "the past day" one day (whole days: the hour of writing is unknown).
* In the present perfect (``tense="perfect"``: "have been fighting for two months") a
  counted duration reaches the anchor: anchor minus two months .. anchor, approximate. In
  other tenses "for two months" is no date; "for weeks", "for months" never are. Otherwise
  the present perfect reads recurrences as the past does.
* A streak is counted up to the time of writing: "for a second consecutive day" is the
  anchor's day, "a third straight week" its week.
* Quarters are calendar quarters and seasons meteorological (Northern hemisphere: spring
  is March-May, winter December-February); both have precision approximate, as have
  weekends and decades (there is no finer member of :class:`Precision` for them). A bare
  season ("in the spring") is the nearest in the tense's direction; "this fall" said in
  the fall is the current one, cut at the anchor in the past tense (as "this week").
* "the day", "this day", "late in the day" are the anchor (news: "shares fell 3% on the day").
* Anaphora ("the same day", "that week", "the day", "the following day", "two days later",
  "the year previous", "the same period last year", "that time") are read against
  ``reference``, the dates the text gave before the expression, when the caller passes them
  (:mod:`graph.temporal_anaphora`): the latest earlier date that lies within the unit named,
  stepped; never more precise than that date. The span's ``anchor`` is then the earlier date's
  first day. When no earlier date fits, or no ``reference`` is given, they are read as before:
  against the anchor where a rule above says so ("the day", "the previous day" is the day
  before the anchor), else None ("that day", "the same day" with nothing to point back at).
  Deictic expressions ("yesterday", "last week", "two days ago", weekdays) stay on the anchor.
* Reference expressions are read by :mod:`graph.temporal_refs`: "now", "currently" are the
  anchor day, approximate; "recently" the six months up to it, "soon" the six months from
  it; "in the past", "in the future", "then" are None (no bound, or not anchor-relative).
* Other durations and sets ("for weeks", "every day") resolve to None.

Whatever the rules do not understand goes to dateparser, which never gets to claim more
precision than the text shows (a day needs a day number, a weekday or a day word).

The work is split by job: :mod:`graph.temporal_grammar` (the rules),
:mod:`graph.temporal_patterns` (their regular expressions), :mod:`graph.temporal_rules` (the
readings and their arithmetic), :mod:`graph.temporal_calendar` (calendar spans),
:mod:`graph.temporal_lexicon` (the calendar words), :mod:`graph.temporal_refs` ("now",
"recently", and the governing tense) and :mod:`graph.temporal_anaphora` ("the same day").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from graph import temporal_rules as tr
from graph.records import DateSpan, Precision
from graph.temporal_grammar import Grammar
from graph.temporal_refs import governing_tense
from graph.temporal_rules import APPROX, LEXICON_PATH, TENSES, Reading

#: Stand-in anchor used to tell absolute readings from relative ones when there is no anchor:
#: a reading that does not depend on the anchor is the same whatever this date is.
_PROBE_ANCHOR = dt.date(2001, 6, 15)


@lru_cache(maxsize=4)
def default_grammar(path: Path = LEXICON_PATH) -> Grammar:
    """The grammar of the lexicon at ``path``, compiled once per path."""
    return Grammar(tr.load_lexicon(path))


class DateResolver:
    """Turns (expression, anchor, tense) into a :class:`DateSpan`, or None.

    ``use_dateparser`` lets expressions the rules do not know fall back to dateparser;
    ``lexicon_path`` points at the calendar words (``graph/data/temporal_lexicon.tsv``).
    """

    def __init__(self, *, use_dateparser: bool = True, lexicon_path: Path = LEXICON_PATH) -> None:
        self.use_dateparser = use_dateparser
        self.grammar = default_grammar(lexicon_path)

    def __call__(
        self,
        expression: str,
        anchor: dt.date | None,
        tense: str = "past",
        *,
        reference: DateSpan | Sequence[DateSpan] | None = None,
    ) -> DateSpan | None:
        return resolve_with(
            self.grammar,
            expression,
            anchor,
            tense=tense,
            use_dateparser=self.use_dateparser,
            reference=reference,
        )


def resolve(
    expression: str,
    anchor: dt.date | None,
    *,
    tense: str = "past",
    reference: DateSpan | Sequence[DateSpan] | None = None,
) -> DateSpan | None:
    """The interval ``expression`` denotes, read against ``anchor`` in ``tense`` (one of
    ``past``, ``present``, ``future``, ``perfect``; see :func:`governing_tense`).

    ``reference`` is the date the text gave last before the expression, or the dates it gave
    so far in text order; anaphora ("the same day", "a year earlier") are read against them
    (module docstring), everything else against ``anchor``.

    Returns None for durations, sets, vague references, text that is no date, and for
    relative expressions when ``anchor`` is None. Never raises on any text.
    """
    return resolve_with(default_grammar(), expression, anchor, tense=tense, reference=reference)


def resolve_with(
    grammar: Grammar,
    expression: str,
    anchor: dt.date | None,
    *,
    tense: str = "past",
    use_dateparser: bool = True,
    reference: DateSpan | Sequence[DateSpan] | None = None,
) -> DateSpan | None:
    """:func:`resolve` with a given grammar (see :class:`DateResolver`)."""
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {', '.join(TENSES)}, got {tense!r}")
    history = _history(reference)
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    text = grammar.normalise(expression)
    if not text:
        return None
    found = grammar.anaphora(text, history)
    if found is not None:
        reading, earlier = found
        return _date_span(reading, expression, earlier.begin)
    reading = grammar.read(text, anchor or _PROBE_ANCHOR, tense)
    if reading is None and use_dateparser:
        reading = grammar.dateparser_reading(text, anchor or _PROBE_ANCHOR, tense)
    if reading is None or reading.span is None:
        return None
    if reading.relative and anchor is None:
        return None
    return _date_span(reading, expression, anchor if reading.relative else None)


def _history(reference: DateSpan | Sequence[DateSpan] | None) -> tuple[DateSpan, ...]:
    if reference is None:
        return ()
    history = (reference,) if isinstance(reference, DateSpan) else tuple(reference)
    if not all(isinstance(span, DateSpan) for span in history):
        raise TypeError(f"reference must be a DateSpan, a sequence of DateSpan or None, got {reference!r}")
    return history


def _date_span(reading: Reading, expression: str, anchor: dt.date | None) -> DateSpan | None:
    begin, end = reading.span
    if end < begin:
        return None
    precision = reading.precision
    if precision is Precision.DAY and begin != end:
        precision = APPROX
    return DateSpan(begin=begin, end=end, precision=precision, expression=expression, anchor=anchor)


__all__ = ["DateResolver", "Reading", "governing_tense", "resolve", "resolve_with"]
