"""Calendar arithmetic and the lexicon behind :mod:`graph.temporal`.

Everything here is pure: functions of their arguments, with no clock. The calendar words
(month and weekday names, number words, seasons, qualifiers) are read from
``graph/data/temporal_lexicon.tsv``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.errors import InputError
from graph.records import Precision

LEXICON_PATH = Path(__file__).parent / "data" / "temporal_lexicon.tsv"
TENSES = ("past", "present", "future")
#: Kinds of reference expressions ("now", "recently", "soon"); see :mod:`graph.temporal_refs`.
REF_KINDS = ("present", "recent", "soon", "open", "none")
APPROX = Precision.APPROXIMATE

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Lexicon:
    """Calendar words by category: each maps a lower-case word to its value."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    ordinals: Mapping[str, int]
    seasons: Mapping[str, int]
    units: Mapping[str, str]
    parts: Mapping[str, str]
    approx: Mapping[str, str]
    dayparts: Mapping[str, str]
    #: Reference expressions by kind (:data:`REF_KINDS`).
    refs: Mapping[str, str]

    @classmethod
    def from_path(cls, path: Path) -> Lexicon:
        """Read a ``category<TAB>word<TAB>value`` file; ``#`` lines are comments."""
        tables: dict[str, dict[str, str]] = {name: {} for name in cls.__dataclass_fields__}
        plural = {
            "month": "months",
            "weekday": "weekdays",
            "number": "numbers",
            "ordinal": "ordinals",
            "season": "seasons",
            "unit": "units",
            "part": "parts",
            "approx": "approx",
            "daypart": "dayparts",
            "ref": "refs",
        }
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3 or fields[0] not in plural:
                raise InputError(
                    f"{path}:{number}",
                    f"expected 'category<TAB>word<TAB>value' with a category among {sorted(plural)}, "
                    f"got {line!r}",
                )
            if fields[0] == "ref" and fields[2] not in REF_KINDS:
                raise InputError(
                    f"{path}:{number}",
                    f"a ref's value must be one of {', '.join(REF_KINDS)}, got {fields[2]!r}",
                )
            tables[plural[fields[0]]][fields[1].lower()] = fields[2]
        as_int = {"months", "weekdays", "numbers", "ordinals", "seasons"}
        return cls(
            **{
                name: ({k: int(v) for k, v in table.items()} if name in as_int else dict(table))
                for name, table in tables.items()
            }
        )


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon at ``path`` (read once per path: the file is data, not state)."""
    return Lexicon.from_path(path)


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of ``words``, longest first so "sept" beats "sep"."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


# --- calendar spans -------------------------------------------------------------------------------


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


def to_number(text: str, lexicon: Lexicon) -> int | None:
    """``"3"``, ``"three"``, ``"twenty-five"``, ``"a couple of"`` as an int; None if not a number."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    if text in lexicon.numbers:
        return lexicon.numbers[text]
    parts = re.split(r"[-\s]+", text)
    if len(parts) == 2 and all(p in lexicon.numbers for p in parts):
        return lexicon.numbers[parts[0]] + lexicon.numbers[parts[1]]
    return None


# --- the grammar ----------------------------------------------------------------------------------


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
    elif qualifier in ("more", "less"):
        reach = dt.timedelta(days=max(half, distance // 2))
        further = (qualifier == "more") != forward  # "more than N ago" reaches further back
        span = (centre - reach, centre) if further else (centre, centre + reach)
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
    prefer = {"past": "past", "future": "future", "present": "current_period"}[tense]
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
    if which in ("the past", "past"):  # a window of one unit ending at the anchor
        return Reading((unit_step(anchor, unit, -1), anchor), APPROX)
    if unit == "weekend":
        candidates = [unit_span(anchor + dt.timedelta(days=7 * k), "weekend")[0] for k in (-1, 0, 1)]
        key = {-1: "last", 1: "next"}.get(_STEP.get(which, 0))
        return Reading(choose(candidates, anchor, tense, key), APPROX)
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
