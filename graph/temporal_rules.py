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

    @classmethod
    def from_path(cls, path: Path) -> Lexicon:
        """Read a ``category<TAB>word<TAB>value`` file; ``#`` lines are comments."""
        tables: dict[str, dict[str, str]] = {name: {} for name in cls.__dataclass_fields__}
        plural = {"month": "months", "weekday": "weekdays", "number": "numbers", "ordinal": "ordinals",
                  "season": "seasons", "unit": "units", "part": "parts", "approx": "approx",
                  "daypart": "dayparts"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3 or fields[0] not in plural:
                raise InputError(
                    f"{path}:{number}: expected 'category<TAB>word<TAB>value' with a category among "
                    f"{sorted(plural)}, got {line!r}"
                )
            tables[plural[fields[0]]][fields[1].lower()] = fields[2]
        as_int = {"months", "weekdays", "numbers", "ordinals", "seasons"}
        return cls(**{
            name: ({k: int(v) for k, v in table.items()} if name in as_int else dict(table))
            for name, table in tables.items()
        })


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
    """"last X": the latest wholly before the anchor; "next X": the earliest wholly after."""
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
_RECENT = {"day": (0, 7), "week": (0, 42), "fortnight": (0, 42), "month": (6, 0), "year": (60, 0),
           "decade": (240, 0)}
_VAGUE = (
    "now|right now|just now|currently|current|presently|at present|nowadays|these days|today's world|"
    "recently|recent|lately|more recently|most recently|the past|the future|the present|in future|"
    "later|earlier|soon|very soon|shortly|then|once|ever|ongoing|at the time|that time|this time|"
    "the time being|for now|so far|to date|previously|formerly|meanwhile|eventually|recent history|"
    "the long term|the short term|the near term|the near future|long-term|short-term|near-term"
)


def _unit_step(day: dt.date, unit: str, count: int) -> dt.date:
    """``day`` moved ``count`` units (negative: back)."""
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit in ("week", "fortnight"):
        return day + dt.timedelta(days=count * (7 if unit == "week" else 14))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    return shift_date(day, months=count * months)


def _unit_span(day: dt.date, unit: str) -> tuple[Span, Precision]:
    """The calendar unit holding ``day``."""
    if unit == "week":
        return week_span(day), Precision.WEEK
    if unit == "month":
        return month_span(day.year, day.month), Precision.MONTH
    if unit == "quarter":
        return quarter_span(day.year, (day.month - 1) // 3 + 1), Precision.APPROXIMATE
    if unit == "decade":
        return decade_span(day.year - day.year % 10), Precision.APPROXIMATE
    if unit == "weekend":
        saturday = week_span(day)[0] + dt.timedelta(days=5)
        return (saturday, saturday + dt.timedelta(days=1)), Precision.APPROXIMATE
    if unit == "day":
        return day_span(day), Precision.DAY
    return year_span(day.year), Precision.YEAR


class Grammar:
    """The regular expressions of English calendar expressions, compiled from a :class:`Lexicon`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        lx = lexicon
        month, weekday = alternation(lx.months), alternation(lx.weekdays)
        number = r"(?:\d+|" + alternation(lx.numbers) + r"(?:-" + alternation(lx.numbers) + ")?)"
        units = alternation(lx.units)
        daynum = r"(\d{1,2})(?:st|nd|rd|th)?"
        year = r"(\d{4}|'\d{2})"
        wd_prefix = rf"(?:{weekday},? )?"
        self.re_vague = re.compile(rf"(?:{_VAGUE})")
        self.re_set = re.compile(r"(?:every|each|per)\b.*|daily|weekly|monthly|yearly|annually|nightly|"
                                 r"quarterly|hourly|(?:twice|once|\w+ times) (?:a|an|per) \w+")
        self.re_duration = re.compile(
            rf"(?:for|over|within|throughout|across|after|in)?\s?(?:the )?(?:{alternation(lx.approx)} )?"
            rf"(?:{number}(?: or {number}|-{number})? )?(?:{units})(?:-long| long| old| running)?"
        )
        self.re_daypart = re.compile(rf"(.+?)[\s-](?:{alternation(lx.dayparts)})")
        self.re_day_word = re.compile(
            r"(?:earlier |later |early |late )?(today|tonight|yesterday|tomorrow|the day before yesterday|"
            r"the day after tomorrow|last night|overnight|this (?:morning|afternoon|evening))(?:'s)?"
        )
        self.re_iso = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
        self.re_iso_month = re.compile(r"(\d{4})-(\d{2})")
        self.re_numeric = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")
        self.re_day_month = re.compile(rf"{wd_prefix}(?:the )?{daynum} (?:of )?({month})\.?(?:,? {year})?")
        self.re_month_day = re.compile(rf"{wd_prefix}({month})\.? (?:the )?{daynum}(?:,? {year})?")
        self.re_month = re.compile(rf"(?:(this|last|next|past|coming) )?({month})\.?(?:,? (?:of )?{year})?")
        self.re_weekday = re.compile(rf"(?:(this|last|next|past|coming) )?({weekday})\.?")
        self.re_part = re.compile(rf"({alternation(lx.parts)})[\s-]+(?:of )?(.+)")
        self.re_quarter = re.compile(
            rf"(?:the )?({alternation(lx.ordinals)})[\s-](?:fiscal |financial |calendar )?quarter"
            rf"(?:,? (?:of |in )?(.+))?"
        )
        self.re_q = re.compile(r"q([1-4])(?:[\s-]?(\d{4}|'?\d{2}))?|([1-4])q(\d{4}|\d{2})")
        self.re_season = re.compile(rf"(?:(this|last|next|past|coming) )?({alternation(lx.seasons)})"
                                    rf"(?:,? (?:of )?(\d{{4}}))?")
        self.re_year = re.compile(r"(?:the )?(?:year |calendar year )?(1[0-9]{3}|20[0-9]{2}|'\d{2})")
        self.re_decade = re.compile(r"(?:the )?(\d{2})?'?(\d)0'?s")
        self.re_century = re.compile(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century")
        self.re_relative = re.compile(
            rf"(this|the|last|next|the past|the last|the next|the coming|the previous|the following|"
            rf"earlier this|later this|the current|past|coming|previous|current)\s({units})"
        )
        self.re_ago = re.compile(rf"(?:({alternation(lx.approx)}) )?({number}) ({units}) (ago|from now|hence)")
        self.re_in_n = re.compile(rf"(?:in|within) (?:({alternation(lx.approx)}) )?({number}) ({units})")
        self.re_window = re.compile(
            rf"(?:over |during |for |in |within )?(?:the )?(past|last|previous|coming|next|recent|few)"
            rf"(?: ({number}))? ({units})"
        )
        self.re_has_day = re.compile(rf"\d|\b{weekday}\b|today|tonight|yesterday|tomorrow|\bago\b")
        self.re_has_month = re.compile(rf"\b{month}\b|\d{{1,2}}[/.-]\d{{1,2}}")
        self.re_has_year = re.compile(r"\b\d{4}\b|'\d{2}\b")
        self.re_temporal = re.compile(rf"\d|\b(?:{month}|{weekday}|{units}|{alternation(lx.seasons)}|"
                                      r"today|tonight|yesterday|tomorrow|ago|last|next)\b")

    # -- text --------------------------------------------------------------------------------------

    def normalise(self, expression: str) -> str:
        """Lower case, single spaces, the spaced punctuation of tokenised text closed up,
        outer punctuation and a leading preposition that does not change the date dropped."""
        text = str(expression).lower().replace("``", " ").replace("''", " ").replace("\u2019", "'")
        text = re.sub(r"\s+", " ", text).strip()
        text = re.sub(r" ([,.;:)])", r"\1", text)
        text = re.sub(r"\b(mid|early|late) (?=\d)", r"\1-", text)
        text = text.strip(" .,;:!?\"()[]")
        text = re.sub(r"^(?:on|in|at|during|throughout|as of|of)\s+(?=\S)", "", text)
        return text.strip(" .,;:!?\"")

    # -- reading -----------------------------------------------------------------------------------

    def read(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """The rules' reading of normalised ``text``; None when no rule knows it."""
        if self.re_vague.fullmatch(text) or self.re_set.fullmatch(text):
            return NOT_A_DATE
        for rule in (self._day_word, self._numeric, self._part, self._explicit, self._weekday,
                     self._quarter, self._season, self._year, self._relative, self._ago, self._window):
            reading = rule(text, anchor, tense)
            if reading is not None:
                return reading
        stripped = self.re_daypart.fullmatch(text)
        if stripped:  # "wednesday night", "yesterday morning": the day is what counts
            return self.read(stripped.group(1), anchor, tense)
        if self.re_duration.fullmatch(text):
            return NOT_A_DATE
        return None

    def _day_word(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_day_word.fullmatch(text)
        if not m:
            return None
        word = m.group(1)
        offsets = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
                   "the day after tomorrow": 2}
        return Reading(day_span(anchor + dt.timedelta(days=offsets.get(word, 0))))

    def _numeric(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        if m := self.re_iso.fullmatch(text):
            return _absolute_day(int(m[1]), int(m[2]), int(m[3]))
        if m := self.re_iso_month.fullmatch(text):
            if 1 <= int(m[2]) <= 12:
                return Reading(month_span(int(m[1]), int(m[2])), Precision.MONTH, relative=False)
            return None
        if m := self.re_numeric.fullmatch(text):
            # English-language news is read month first (US) unless the first number cannot be a month.
            first, second = int(m[1]), int(m[2])
            year = int(m[3]) if len(m[3]) == 4 else two_digit_year(m[3])
            month, day = (first, second) if first <= 12 else (second, first)
            return _absolute_day(year, month, day)
        return None

    def _part(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_part.fullmatch(text)
        if not m:
            return None
        inner = self.read(m[2], anchor, tense)
        if inner is None or inner.span is None:
            return inner
        if inner.precision is Precision.DAY:  # "early wednesday" is still wednesday
            return inner
        return Reading(part_of(inner.span, self.lexicon.parts[m[1]]), Precision.APPROXIMATE, inner.relative)

    def _explicit(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        lx = self.lexicon
        m = self.re_day_month.fullmatch(text)
        if m:
            day, month, year = int(m[1]), lx.months[m[2]], m[3]
        elif m := self.re_month_day.fullmatch(text):
            month, day, year = lx.months[m[1]], int(m[2]), m[3]
        if m:
            if year:
                return _absolute_day(_year(year), month, day)
            span = pick(yearly(anchor, lambda y: day_span(dt.date(y, month, day))), anchor, tense)
            return Reading(span) if span else NOT_A_DATE
        m = self.re_month.fullmatch(text)
        if not m:
            return None
        which, month, year = m[1], lx.months[m[2]], m[3]
        if year:
            return Reading(month_span(_year(year), month), Precision.MONTH, relative=False)
        candidates = yearly(anchor, lambda y: month_span(y, month))
        return Reading(_choose(candidates, anchor, tense, which), Precision.MONTH)

    def _weekday(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_weekday.fullmatch(text)
        if not m:
            return None
        weekday = self.lexicon.weekdays[m[2]]
        return Reading(_choose(weekly(anchor, weekday), anchor, tense, m[1], this=week_span(anchor)))

    def _quarter(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        if m := self.re_q.fullmatch(text):
            quarter, year = (int(m[1]), m[2]) if m[1] else (int(m[3]), m[4])
            if year:
                return Reading(quarter_span(_year(year), quarter), Precision.APPROXIMATE, relative=False)
            return Reading(pick(yearly(anchor, lambda y: quarter_span(y, quarter)), anchor, tense),
                           Precision.APPROXIMATE)
        m = self.re_quarter.fullmatch(text)
        if not m:
            return None
        ordinal, rest = self.lexicon.ordinals[m[1]], m[2]
        if not 1 <= ordinal <= 4 and ordinal != -1:
            return NOT_A_DATE
        if rest:
            inner = self.read(rest, anchor, tense) or (self.read("this year", anchor, tense)
                                                       if rest in ("the year", "the fiscal year") else None)
            if inner is None or inner.span is None:
                return inner
            quarter = 4 if ordinal == -1 else ordinal
            return Reading(quarter_span(inner.span[0].year, quarter), Precision.APPROXIMATE, inner.relative)
        if m[1] == "last":  # "the last quarter": the one before the anchor's
            return Reading(_unit_span(shift_date(anchor, months=-3), "quarter")[0], Precision.APPROXIMATE)
        quarter = 4 if ordinal == -1 else ordinal
        return Reading(pick(yearly(anchor, lambda y: quarter_span(y, quarter)), anchor, tense),
                       Precision.APPROXIMATE)

    def _season(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_season.fullmatch(text)
        if not m:
            return None
        first = self.lexicon.seasons[m[2]]
        if m[3]:
            return Reading(season_span(int(m[3]), first), Precision.APPROXIMATE, relative=False)
        candidates = yearly(anchor, lambda y: season_span(y, first))
        this = next((s for s in candidates if s[0] <= anchor <= s[1]), None)
        return Reading(_choose(candidates, anchor, tense, m[1], this=this), Precision.APPROXIMATE)

    def _year(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        if m := self.re_year.fullmatch(text):
            return Reading(year_span(_year(m[1])), Precision.YEAR, relative=False)
        if m := self.re_century.fullmatch(text):
            century = int(m[1])
            return Reading((dt.date((century - 1) * 100 + 1, 1, 1), dt.date(century * 100, 12, 31)),
                           Precision.APPROXIMATE, relative=False)
        if m := self.re_decade.fullmatch(text):
            if m[1]:
                return Reading(decade_span(int(m[1] + m[2] + "0")), Precision.APPROXIMATE, relative=False)
            # "the 90s": the latest such decade begun by the anchor's year
            first = anchor.year - anchor.year % 100 + int(m[2]) * 10
            return Reading(decade_span(first if first <= anchor.year else first - 100), Precision.APPROXIMATE)
        return None

    def _relative(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_relative.fullmatch(text)
        if not m:
            return None
        which, unit = m[1], self.lexicon.units[m[2]]
        if unit in ("hour", "minute", "second"):
            return NOT_A_DATE
        if which in ("the past", "past"):  # a window of one unit ending at the anchor
            return Reading((_unit_step(anchor, unit, -1), anchor), Precision.APPROXIMATE)
        if unit == "weekend":
            candidates = [_unit_span(anchor + dt.timedelta(days=7 * k), "weekend")[0] for k in (-1, 0, 1)]
            key = {"last": "last", "the previous": "last", "the last": "last", "next": "next",
                   "the next": "next", "the coming": "next", "the following": "next", "coming": "next"}
            return Reading(_choose(candidates, anchor, tense, key.get(which)), Precision.APPROXIMATE)
        step = {"last": -1, "the last": -1, "the previous": -1, "previous": -1,
                "next": 1, "the next": 1, "the coming": 1, "the following": 1, "coming": 1}.get(which, 0)
        (begin, end), precision = _unit_span(_unit_step(anchor, unit, step), unit)
        if which == "earlier this":
            return Reading((begin, anchor), Precision.APPROXIMATE)
        if which == "later this":
            return Reading((anchor, end), Precision.APPROXIMATE)
        if unit == "week" and step == 0 and tense == "past":
            end = min(end, anchor)
        return Reading((begin, end), precision)

    def _ago(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_ago.fullmatch(text)
        forward = False
        if not m:
            m = self.re_in_n.fullmatch(text) if tense == "future" else None
            forward = True
            if not m:
                return None
        else:
            forward = m[4] != "ago"
        count, unit = to_number(m[2], self.lexicon), self.lexicon.units[m[3]]
        if count is None or unit in ("hour", "minute", "second", "weekend"):
            return NOT_A_DATE if count is not None else None
        sign = 1 if forward else -1
        centre = _unit_step(anchor, unit, sign * count)
        qualifier = self.lexicon.approx.get(m[1] or "", "")
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
        return Reading(span, Precision.APPROXIMATE)

    def _window(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_window.fullmatch(text)
        if not m:
            return None
        which, count, unit = m[1], m[2], self.lexicon.units[m[3]]
        if unit in ("hour", "minute", "second", "weekend", "quarter"):
            return NOT_A_DATE
        if count:
            number = to_number(count, self.lexicon)
            if number is None:
                return None
            months, days = (0, number * {"day": 1, "week": 7, "fortnight": 14}[unit]) if unit in (
                "day", "week", "fortnight") else (number * {"month": 1, "year": 12, "decade": 120}[unit], 0)
        elif which in ("recent", "few", "past", "last", "coming", "next") and m[3].endswith("s"):
            months, days = _RECENT[unit]
        else:
            return None
        forward = which in ("coming", "next")
        if forward:
            far = shift_date(anchor, months=months) + dt.timedelta(days=days)
            return Reading((anchor, far), Precision.APPROXIMATE)
        near = shift_date(anchor, months=-months) - dt.timedelta(days=days)
        return Reading((near, anchor), Precision.APPROXIMATE)

    # -- fallback ----------------------------------------------------------------------------------

    def dateparser_reading(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """dateparser's reading of ``text``, kept only as precise as the text itself.

        dateparser fills the parts a text lacks from its relative base ("September" comes
        back as the anchor's day of September); the period it reports and the parts the text
        shows decide the precision, and text with no calendar word at all is refused.
        """
        if not self.re_temporal.search(text):
            return None
        from dateparser.date import DateDataParser  # imported here: a slow import only the fallback needs

        prefer = {"past": "past", "future": "future", "present": "current_period"}[tense]
        settings = {"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time()), "PREFER_DATES_FROM": prefer,
                    "RETURN_AS_TIMEZONE_AWARE": False}
        try:
            data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
        except Exception:  # dateparser raises assorted errors on odd input; the rules' answer stands
            return None
        if data is None or data.date_obj is None:
            return None
        day = data.date_obj.date()
        has_year = self.re_has_year.search(text)
        relative = not (has_year and str(day.year) in text)
        period = data.period or "day"
        if period in ("day", "time") and self.re_has_day.search(text):
            return Reading(day_span(day), Precision.DAY, relative)
        if period == "week":
            return Reading(week_span(day), Precision.WEEK, relative)
        if period in ("day", "time", "month") and self.re_has_month.search(text):
            return Reading(month_span(day.year, day.month), Precision.MONTH, relative)
        if has_year or period == "year":
            return Reading(year_span(day.year), Precision.YEAR, relative)
        return None


def _year(text: str) -> int:
    return two_digit_year(text[1:]) if text.startswith("'") else int(text)


def _absolute_day(year: int, month: int, day: int) -> Reading:
    try:
        return Reading(day_span(dt.date(year, month, day)), Precision.DAY, relative=False)
    except ValueError:  # "February 30": not a date
        return NOT_A_DATE


def _choose(candidates: list[Span], anchor: dt.date, tense: str, which: str | None,
            this: Span | None = None) -> Span | None:
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


@lru_cache(maxsize=4)
def default_grammar(path: Path = LEXICON_PATH) -> Grammar:
    """The grammar of the lexicon at ``path``, compiled once per path."""
    return Grammar(load_lexicon(path))
