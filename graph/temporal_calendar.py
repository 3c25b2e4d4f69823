"""Calendar arithmetic behind :mod:`graph.temporal`: the spans of days, weeks, months,
quarters, seasons, years and decades, moving a date by whole units, and choosing among the
recurrences of a periodic date ("May", "Wednesday") by tense.

Everything here is pure: functions of their arguments, with no clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable

from graph.records import Precision

APPROX = Precision.APPROXIMATE

Span = tuple[dt.date, dt.date]


def day_span(day: dt.date) -> Span:
    return day, day


def week_span(day: dt.date) -> Span:
    """Monday..Sunday of the ISO week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_span(year: int, month: int) -> Span:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_span(year: int) -> Span:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def quarter_span(year: int, quarter: int) -> Span:
    return month_span(year, 3 * quarter - 2)[0], month_span(year, 3 * quarter)[1]


def season_span(year: int, first_month: int) -> Span:
    """Three meteorological months from ``first_month`` of ``year`` (winter runs into the next year)."""
    last = shift_month(year, first_month, 2)
    return dt.date(year, first_month, 1), month_span(*last)[1]


def decade_span(first_year: int) -> Span:
    return dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_date(day: dt.date, *, months: int = 0, years: int = 0) -> dt.date:
    """``day`` moved by whole months/years, clamped to the end of a shorter month."""
    year, month = shift_month(day.year, day.month, months + 12 * years)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def part_of(span: Span, part: str) -> Span:
    """The early/mid/late third or first/second half of ``span``.

    A whole year is cut at month boundaries (Jan-Apr, May-Aug, Sep-Dec; halves Jan-Jun,
    Jul-Dec); other spans by day count (a month: 1-10, 11-20, 21-end).
    """
    begin, end = span
    if (begin.month, begin.day, end.month, end.day) == (1, 1, 12, 31) and begin.year == end.year:
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "firsthalf": (1, 6), "secondhalf": (7, 12)}
        first, last = months[part]
        return month_span(begin.year, first)[0], month_span(begin.year, last)[1]
    days = (end - begin).days + 1
    third, half = days // 3, days // 2
    cuts = {
        "early": (0, third - 1),
        "mid": (third, 2 * third - 1),
        "late": (2 * third, days - 1),
        "firsthalf": (0, half - 1),
        "secondhalf": (half, days - 1),
    }
    lo, hi = cuts[part]
    return begin + dt.timedelta(days=lo), begin + dt.timedelta(days=max(lo, hi))


def pick(candidates: Iterable[Span], anchor: dt.date, tense: str) -> Span | None:
    """Choose among recurrences of a periodic date ("May", "Wednesday", "the fourth quarter").

    past: the latest one that has begun on or before the anchor; future: the earliest one
    that has not ended before the anchor; present: the one holding the anchor, else the
    nearest. So the anchor's own month or weekday is the anchor's in every tense.
    """
    spans = sorted(candidates)
    if tense == "past":
        eligible = [s for s in spans if s[0] <= anchor]
        return eligible[-1] if eligible else None
    if tense == "future":
        eligible = [s for s in spans if s[1] >= anchor]
        return eligible[0] if eligible else None

    def distance(span: Span) -> int:
        if span[0] <= anchor <= span[1]:
            return 0
        return min(abs((span[0] - anchor).days), abs((span[1] - anchor).days))

    return min(spans, key=distance) if spans else None


def pick_relative(candidates: Iterable[Span], anchor: dt.date, which: str) -> Span | None:
    """ "last X": the latest wholly before the anchor; "next X": the earliest wholly after."""
    spans = sorted(candidates)
    if which == "last":
        eligible = [s for s in spans if s[1] < anchor]
        return eligible[-1] if eligible else None
    eligible = [s for s in spans if s[0] > anchor]
    return eligible[0] if eligible else None


def yearly(anchor: dt.date, make: Callable[[int], Span]) -> list[Span]:
    """``make(year)`` for the years around the anchor, skipping impossible dates (29 Feb)."""
    spans = []
    for year in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1, anchor.year + 2):
        try:
            spans.append(make(year))
        except ValueError:
            continue
    return spans


def weekly(anchor: dt.date, weekday: int) -> list[Span]:
    monday = anchor - dt.timedelta(days=anchor.weekday())
    return [day_span(monday + dt.timedelta(days=weekday + 7 * k)) for k in (-1, 0, 1)]


def two_digit_year(text: str) -> int:
    """POSIX ``%y``: 69-99 are 1969-1999, 00-68 are 2000-2068 (no clock involved)."""
    value = int(text)
    return 1900 + value if value >= 69 else 2000 + value


def unit_step(day: dt.date, unit: str, count: int) -> dt.date:
    """``day`` moved ``count`` units (negative: back)."""
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit in ("week", "fortnight"):
        return day + dt.timedelta(days=count * (7 if unit == "week" else 14))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    return shift_date(day, months=count * months)


def unit_span(day: dt.date, unit: str) -> tuple[Span, Precision]:
    """The calendar unit holding ``day``."""
    if unit == "week":
        return week_span(day), Precision.WEEK
    if unit == "month":
        return month_span(day.year, day.month), Precision.MONTH
    if unit == "quarter":
        return quarter_span(day.year, (day.month - 1) // 3 + 1), APPROX
    if unit == "decade":
        return decade_span(day.year - day.year % 10), APPROX
    if unit == "weekend":
        saturday = week_span(day)[0] + dt.timedelta(days=5)
        return (saturday, saturday + dt.timedelta(days=1)), APPROX
    if unit == "day":
        return day_span(day), Precision.DAY
    return year_span(day.year), Precision.YEAR


def parse_year(text: str) -> int:
    """``"2014"`` or ``"'82"`` as a year."""
    return two_digit_year(text[1:]) if text.startswith("'") else int(text)
