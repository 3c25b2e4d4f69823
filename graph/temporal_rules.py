"""The readings of :mod:`graph.temporal`: what a rule makes of an expression, and the
arithmetic of the relative ones ("last week", "two months ago", "the past nine days").

Everything here is pure: functions of their arguments, with no clock. Calendar spans live in
:mod:`graph.temporal_calendar` and the calendar words in :mod:`graph.temporal_lexicon`; both
are re-exported here for the modules that import them from this one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.records import Precision
from graph.temporal_calendar import (
    APPROX,
    Span,
    day_span,
    decade_span,
    month_span,
    parse_year,
    part_of,
    pick,
    pick_relative,
    quarter_span,
    season_span,
    shift_date,
    shift_month,
    two_digit_year,
    unit_span,
    unit_step,
    week_span,
    weekly,
    year_span,
    yearly,
)
from graph.temporal_lexicon import LEXICON_PATH, REF_KINDS, Lexicon, alternation, load_lexicon, to_number

#: The tenses a reading can be asked for. "perfect" is the present perfect ("has fallen",
#: "have been fighting"): a state reaching up to the anchor (see :mod:`graph.temporal`).
TENSES = ("past", "present", "future", "perfect")


@dataclass(frozen=True)
class Reading:
    """What the rules made of an expression: a span, or ``span=None`` for "understood, no date"."""

    span: Span | None
    precision: Precision = Precision.DAY
    #: True when the span depends on the anchor.
    relative: bool = True


NOT_A_DATE = Reading(None)

#: Half a unit: the slack of an unqualified "N weeks/months/years ago".
_HALF_UNIT = {"day": 0, "week": 3, "fortnight": 7, "month": 15, "quarter": 45, "year": 182, "decade": 1826}
#: How far back "in recent <unit>" reaches (and "the coming <unit>" forward).
RECENT = {
    "day": (0, 7),
    "week": (0, 42),
    "fortnight": (0, 42),
    "month": (6, 0),
    "year": (60, 0),
    "decade": (240, 0),
}


def year_of(text: str, anchor: dt.date) -> tuple[int, bool]:
    """The year ``"2014"``, ``"'82"`` or ``"last year"`` names, and whether it depends on the anchor."""
    step = {"this year": 0, "last year": -1, "next year": 1}.get(text)
    return (anchor.year + step, True) if step is not None else (parse_year(text), False)


def absolute_day(year: int, month: int, day: int) -> Reading:
    try:
        return Reading(day_span(dt.date(year, month, day)), Precision.DAY, relative=False)
    except ValueError:  # "February 30": not a date
        return NOT_A_DATE


def choose(
    candidates: list[Span], anchor: dt.date, tense: str, which: str | None, this: Span | None = None
) -> Span | None:
    """Among recurrences: "last"/"past" and "next"/"coming" by position, "this" inside
    ``this`` (or the recurrence of the anchor's year), otherwise by tense."""
    if which in ("last", "past"):
        return pick_relative(candidates, anchor, "last")
    if which in ("next", "coming"):
        return pick_relative(candidates, anchor, "next")
    if which == "this":
        within = [s for s in candidates if this and this[0] <= s[0] <= this[1]]
        same_year = [s for s in candidates if s[0].year == anchor.year]
        return (within or same_year or [None])[0]
    return pick(candidates, anchor, tense)


def ago_reading(anchor: dt.date, count: int, unit: str, qualifier: str, forward: bool) -> Reading:
    """ "[qualifier] N units ago" (or "from now" when ``forward``); see :mod:`graph.temporal`."""
    centre = unit_step(anchor, unit, count if forward else -count)
    if unit == "day" and not qualifier:
        return Reading(day_span(centre))
    half = max(_HALF_UNIT[unit], 1)
    distance = abs((anchor - centre).days)
    if qualifier == "about":
        slack = max(half, distance // 10)
        span = (centre - dt.timedelta(days=slack), centre + dt.timedelta(days=slack))
    elif qualifier == "more":  # "more than two months ago": between three and two months back
        further = unit_step(anchor, unit, count + 1 if forward else -(count + 1))
        span = (centre, further) if forward else (further, centre)
    elif qualifier == "less":
        reach = dt.timedelta(days=max(half, distance // 2))
        span = (centre - reach, centre) if forward else (centre, centre + reach)
    else:
        span = (centre - dt.timedelta(days=half), centre + dt.timedelta(days=half))
    # never on the wrong side of the anchor
    span = (max(span[0], anchor), span[1]) if forward else (span[0], min(span[1], anchor))
    return Reading(span, APPROX)


def dateparser_reading(
    text: str, anchor: dt.date, tense: str, *, shows: tuple[bool, bool, bool]
) -> Reading | None:
    """dateparser's reading of ``text``, kept only as precise as the text itself.

    dateparser fills the parts a text lacks from its relative base ("September" comes back
    as the anchor's day of September): ``shows`` says whether the text shows a day, a month
    and a year, and together with the period dateparser reports decides the precision.
    """
    from dateparser.date import DateDataParser  # imported here: a slow import only the fallback needs

    has_day, has_month, has_year = shows
    prefer = {"past": "past", "perfect": "past", "future": "future", "present": "current_period"}[tense]
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(anchor, dt.time()),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; then there is no reading
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    relative = not (has_year and str(day.year) in text)
    period = data.period or "day"
    if period in ("day", "time") and has_day:
        return Reading(day_span(day), Precision.DAY, relative)
    if period == "week":
        return Reading(week_span(day), Precision.WEEK, relative)
    if period in ("day", "time", "month") and has_month:
        return Reading(month_span(day.year, day.month), Precision.MONTH, relative)
    if has_year or period == "year":
        return Reading(year_span(day.year), Precision.YEAR, relative)
    return None


#: Which unit "last/next/the previous/..." names, counted from the anchor's.
_STEP = {
    "last": -1,
    "the last": -1,
    "the previous": -1,
    "previous": -1,
    "next": 1,
    "the next": 1,
    "the coming": 1,
    "the following": 1,
    "coming": 1,
}


def relative_reading(anchor: dt.date, which: str, unit: str, tense: str) -> Reading:
    """ "this/last/next/the past/earlier this/later this <unit>"; see :mod:`graph.temporal`."""
    if unit == "weekend":  # "the past weekend" is the last one
        candidates = [unit_span(anchor + dt.timedelta(days=7 * k), "weekend")[0] for k in (-1, 0, 1)]
        key = "last" if which in ("the past", "past") else {-1: "last", 1: "next"}.get(_STEP.get(which, 0))
        return Reading(choose(candidates, anchor, tense, key), APPROX)
    if which in ("the past", "past"):  # a window of one unit ending at the anchor
        return Reading((unit_step(anchor, unit, -1), anchor), APPROX)
    step = _STEP.get(which, 0)
    (begin, end), precision = unit_span(unit_step(anchor, unit, step), unit)
    if which == "earlier this":
        return Reading((begin, anchor), APPROX)
    if which == "later this":
        return Reading((anchor, end), APPROX)
    if unit == "week" and step == 0 and tense == "past":
        end = min(end, anchor)
    return Reading((begin, end), precision)


def window_reading(anchor: dt.date, months: int, days: int, *, forward: bool) -> Reading:
    """The span from the anchor back (or forward) ``months`` months and ``days`` days."""
    if forward:
        return Reading((anchor, shift_date(anchor, months=months) + dt.timedelta(days=days)), APPROX)
    return Reading((shift_date(anchor, months=-months) - dt.timedelta(days=days), anchor), APPROX)


__all__ = [
    "APPROX",
    "LEXICON_PATH",
    "NOT_A_DATE",
    "RECENT",
    "REF_KINDS",
    "TENSES",
    "Lexicon",
    "Reading",
    "Span",
    "absolute_day",
    "ago_reading",
    "alternation",
    "choose",
    "dateparser_reading",
    "day_span",
    "decade_span",
    "load_lexicon",
    "month_span",
    "parse_year",
    "part_of",
    "pick",
    "pick_relative",
    "quarter_span",
    "relative_reading",
    "season_span",
    "shift_date",
    "shift_month",
    "to_number",
    "two_digit_year",
    "unit_span",
    "unit_step",
    "week_span",
    "weekly",
    "window_reading",
    "year_of",
    "year_span",
    "yearly",
]
