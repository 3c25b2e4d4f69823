"""The grammar of English calendar expressions: regular expressions compiled from a
:class:`~graph.temporal_lexicon.Lexicon`, and the rules that read normalised text with them.

:meth:`Grammar.read` tries the rules in turn and returns the first
:class:`~graph.temporal_rules.Reading`; the conventions they follow are those of
:mod:`graph.temporal`. The arithmetic lives in :mod:`graph.temporal_rules` and
:mod:`graph.temporal_calendar`.
"""

from __future__ import annotations

import datetime as dt
import re

from graph import temporal_rules as tr
from graph.records import Precision
from graph.temporal_refs import ref_reading
from graph.temporal_rules import APPROX, NOT_A_DATE, RECENT, Lexicon, Reading


class Grammar:
    """The regular expressions of English calendar expressions, compiled from a :class:`Lexicon`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        lx = lexicon
        month, weekday = tr.alternation(lx.months), tr.alternation(lx.weekdays)
        number = r"(?:\d+|" + tr.alternation(lx.numbers) + r"(?:-" + tr.alternation(lx.numbers) + ")?)"
        units = tr.alternation(lx.units)
        daynum = r"(\d{1,2})(?:st|nd|rd|th)?"
        year = r"(\d{4}|'\d{2}|(?:this|last|next) year)"  # "May last year" is May of the year before
        wd_prefix = rf"(?:{weekday},? )?"
        self.re_set = re.compile(
            r"(?:every|each|per)\b.*|daily|weekly|monthly|yearly|annually|nightly|"
            r"quarterly|hourly|(?:twice|once|\w+ times) (?:a|an|per) \w+"
        )
        self.re_duration = re.compile(
            rf"(?:for|over|within|throughout|across|after|in)?\s?(?:the )?(?:{tr.alternation(lx.approx)} )?"
            rf"(?:{number}(?: or {number}|-{number})? )?(?:{units})(?:-long| long| old| running)?"
        )
        self.re_daypart = re.compile(rf"(.+?)[\s-](?:{tr.alternation(lx.dayparts)})")
        self.re_day_word = re.compile(
            r"(?:earlier |later |early |late )?(today|tonight|yesterday|tomorrow|the day before yesterday|"
            r"the day after tomorrow|last night|overnight|this (?:morning|afternoon|evening)|"
            r"(?:early|late|earlier|later) (?:in|on) the day)(?:'s)?"
        )
        self.re_iso = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
        self.re_iso_month = re.compile(r"(\d{4})-(\d{2})")
        self.re_numeric = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")
        self.re_day_month = re.compile(rf"{wd_prefix}(?:the )?{daynum} (?:of )?({month})\.?(?:,? {year})?")
        self.re_month_day = re.compile(rf"{wd_prefix}({month})\.? (?:the )?{daynum}(?:,? {year})?")
        self.re_month = re.compile(rf"(?:(this|last|next|past|coming) )?({month})\.?(?:,? (?:of )?{year})?")
        self.re_weekday = re.compile(rf"(?:(this|last|next|past|coming) )?({weekday})\.?")
        self.re_part = re.compile(rf"({tr.alternation(lx.parts)})[\s-]+(?:of )?(.+)")
        self.re_quarter = re.compile(
            rf"(?:the )?({tr.alternation(lx.ordinals)})[\s-](?:fiscal |financial |calendar )?quarter"
            rf"(?:,? (?:of |in )?(.+))?"
        )
        self.re_week_of = re.compile(rf"(?:the )?({tr.alternation(lx.ordinals)}) week (?:of|in) (.+)")
        self.re_q = re.compile(r"q([1-4])(?:[\s-]?(\d{4}|'?\d{2}))?|([1-4])q(\d{4}|\d{2})")
        self.re_season = re.compile(
            rf"(?:(this|last|next|past|coming) )?({tr.alternation(lx.seasons)})"
            rf"(?:,? (?:of )?(\d{{4}}))?"
        )
        self.re_year = re.compile(r"(?:the )?(?:year |calendar year )?(1[0-9]{3}|20[0-9]{2}|'\d{2})")
        self.re_decade = re.compile(r"(?:the )?(\d{2})?'?(\d)0'?s")
        self.re_century = re.compile(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century")
        self.re_relative = re.compile(
            rf"(this|the|last|next|the past|the last|the next|the coming|the previous|the following|"
            rf"earlier this|later this|the current|past|coming|previous|current)\s({units})"
        )
        approx = tr.alternation(lx.approx)
        self.re_ago = re.compile(rf"(?:({approx}) )?({number}) ({units}) (ago|from now|hence)")
        self.re_in_n = re.compile(rf"(?:in|within) (?:({approx}) )?({number}) ({units})")
        self.re_window = re.compile(
            rf"(?:over |during |for |in |within )?(?:the )?(past|last|previous|coming|next|recent|few)"
            rf"(?: ({number}|few))? ({units})"
        )
        self.re_has_day = re.compile(rf"\d|\b{weekday}\b|today|tonight|yesterday|tomorrow|\bago\b")
        self.re_has_month = re.compile(rf"\b{month}\b|\d{{1,2}}[/.-]\d{{1,2}}")
        self.re_has_year = re.compile(r"\b\d{4}\b|'\d{2}\b")
        self.re_temporal = re.compile(
            rf"\d|\b(?:{month}|{weekday}|{units}|{tr.alternation(lx.seasons)}|"
            r"today|tonight|yesterday|tomorrow|ago|last|next)\b"
        )

    # -- text --------------------------------------------------------------------------------------

    def normalise(self, expression: str) -> str:
        """Lower case, single spaces, the spaced punctuation of tokenised text closed up,
        outer punctuation and a leading preposition that does not change the date dropped."""
        text = str(expression).lower().replace("``", " ").replace("''", " ").replace("\u2019", "'")
        text = re.sub(r"\s+", " ", text).strip()
        text = re.sub(r" ([,.;:)])", r"\1", text)
        text = re.sub(r"\b(mid|early|late) (?=\d)", r"\1-", text)
        text = text.strip(' .,;:!?"()[]')
        text = re.sub(r"^(?:on|in|at|during|throughout|as of|of)\s+(?=\S)", "", text)
        return text.strip(' .,;:!?"')

    # -- reading -----------------------------------------------------------------------------------

    def read(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """The rules' reading of normalised ``text``; None when no rule knows it."""
        if text in self.lexicon.refs:
            return ref_reading(self.lexicon.refs[text], anchor)
        if self.re_set.fullmatch(text):
            return NOT_A_DATE
        rules = (
            self._day_word,
            self._numeric,
            self._part,
            self._explicit,
            self._weekday,
            self._week_of,
            self._quarter,
            self._season,
            self._year,
            self._relative,
            self._ago,
            self._window,
        )
        for rule in rules:
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
        offsets = {
            "yesterday": -1,
            "last night": -1,
            "tomorrow": 1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }
        return Reading(tr.day_span(anchor + dt.timedelta(days=offsets.get(word, 0))))

    def _numeric(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        if m := self.re_iso.fullmatch(text):
            return tr.absolute_day(int(m[1]), int(m[2]), int(m[3]))
        if m := self.re_iso_month.fullmatch(text):
            if 1 <= int(m[2]) <= 12:
                return Reading(tr.month_span(int(m[1]), int(m[2])), Precision.MONTH, relative=False)
            return None
        if m := self.re_numeric.fullmatch(text):
            # English-language news is read month first (US) unless the first number cannot be a month.
            first, second = int(m[1]), int(m[2])
            year = int(m[3]) if len(m[3]) == 4 else tr.two_digit_year(m[3])
            month, day = (first, second) if first <= 12 else (second, first)
            return tr.absolute_day(year, month, day)
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
        return Reading(tr.part_of(inner.span, self.lexicon.parts[m[1]]), APPROX, inner.relative)

    def _explicit(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        lx = self.lexicon
        m = self.re_day_month.fullmatch(text)
        if m:
            day, month, year = int(m[1]), lx.months[m[2]], m[3]
        elif m := self.re_month_day.fullmatch(text):
            month, day, year = lx.months[m[1]], int(m[2]), m[3]
        if m:
            if year:
                number, relative = tr.year_of(year, anchor)
                reading = tr.absolute_day(number, month, day)
                return Reading(reading.span, reading.precision, relative) if reading.span else reading
            span = tr.pick(tr.yearly(anchor, lambda y: tr.day_span(dt.date(y, month, day))), anchor, tense)
            return Reading(span) if span else NOT_A_DATE
        m = self.re_month.fullmatch(text)
        if not m:
            return None
        which, month, year = m[1], lx.months[m[2]], m[3]
        if year:
            number, relative = tr.year_of(year, anchor)
            return Reading(tr.month_span(number, month), Precision.MONTH, relative)
        candidates = tr.yearly(anchor, lambda y: tr.month_span(y, month))
        return Reading(tr.choose(candidates, anchor, tense, which), Precision.MONTH)

    def _weekday(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_weekday.fullmatch(text)
        if not m:
            return None
        weekday = self.lexicon.weekdays[m[2]]
        return Reading(tr.choose(tr.weekly(anchor, weekday), anchor, tense, m[1], this=tr.week_span(anchor)))

    def _week_of(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """ "the last week of March": the month's Monday-Sunday weeks are those whose Thursday
        falls in it (the ISO 8601 rule for the weeks of a year)."""
        m = self.re_week_of.fullmatch(text)
        if not m:
            return None
        inner = self.read(m[2], anchor, tense)
        if inner is None or inner.span is None or inner.precision is not Precision.MONTH:
            return inner and NOT_A_DATE
        begin, end = inner.span
        monday = tr.week_span(begin)[0]
        weeks = [tr.week_span(monday + dt.timedelta(days=7 * k)) for k in range(6)]
        weeks = [w for w in weeks if begin <= w[0] + dt.timedelta(days=3) <= end]
        ordinal = self.lexicon.ordinals[m[1]]
        if ordinal > len(weeks):
            return NOT_A_DATE
        return Reading(weeks[ordinal - 1 if ordinal > 0 else -1], Precision.WEEK, inner.relative)

    def _quarter(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        if m := self.re_q.fullmatch(text):
            quarter, year = (int(m[1]), m[2]) if m[1] else (int(m[3]), m[4])
            if year:
                return Reading(tr.quarter_span(tr.parse_year(year), quarter), APPROX, relative=False)
            return Reading(
                tr.pick(tr.yearly(anchor, lambda y: tr.quarter_span(y, quarter)), anchor, tense), APPROX
            )
        m = self.re_quarter.fullmatch(text)
        if not m:
            return None
        ordinal, rest = self.lexicon.ordinals[m[1]], m[2]
        if not 1 <= ordinal <= 4 and ordinal != -1:
            return NOT_A_DATE
        if rest:
            inner = self.read(rest, anchor, tense) or (
                self.read("this year", anchor, tense) if rest in ("the year", "the fiscal year") else None
            )
            if inner is None or inner.span is None:
                return inner
            quarter = 4 if ordinal == -1 else ordinal
            return Reading(tr.quarter_span(inner.span[0].year, quarter), APPROX, inner.relative)
        if m[1] == "last":  # "the last quarter": the one before the anchor's
            return Reading(tr.unit_span(tr.shift_date(anchor, months=-3), "quarter")[0], APPROX)
        quarter = 4 if ordinal == -1 else ordinal
        return Reading(
            tr.pick(tr.yearly(anchor, lambda y: tr.quarter_span(y, quarter)), anchor, tense), APPROX
        )

    def _season(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_season.fullmatch(text)
        if not m:
            return None
        first = self.lexicon.seasons[m[2]]
        if m[3]:
            return Reading(tr.season_span(int(m[3]), first), APPROX, relative=False)
        candidates = tr.yearly(anchor, lambda y: tr.season_span(y, first))
        this = next((s for s in candidates if s[0] <= anchor <= s[1]), None)
        return Reading(tr.choose(candidates, anchor, tense, m[1], this=this), APPROX)

    def _year(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        if m := self.re_year.fullmatch(text):
            return Reading(tr.year_span(tr.parse_year(m[1])), Precision.YEAR, relative=False)
        if m := self.re_century.fullmatch(text):
            century = int(m[1])
            return Reading(
                (dt.date((century - 1) * 100 + 1, 1, 1), dt.date(century * 100, 12, 31)),
                APPROX,
                relative=False,
            )
        if m := self.re_decade.fullmatch(text):
            if m[1]:
                return Reading(tr.decade_span(int(m[1] + m[2] + "0")), APPROX, relative=False)
            # "the 90s": the latest such decade begun by the anchor's year
            first = anchor.year - anchor.year % 100 + int(m[2]) * 10
            return Reading(tr.decade_span(first if first <= anchor.year else first - 100), APPROX)
        return None

    def _relative(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_relative.fullmatch(text)
        if not m:
            return None
        which, unit = m[1], self.lexicon.units[m[2]]
        if unit in ("hour", "minute", "second"):
            return NOT_A_DATE
        if m[2] != unit:  # a plural: "the coming days" is a window (_window), "the days" no date
            return None
        return tr.relative_reading(anchor, which, unit, tense)

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
        count, unit = tr.to_number(m[2], self.lexicon), self.lexicon.units[m[3]]
        if count is None or unit in ("hour", "minute", "second", "weekend"):
            return NOT_A_DATE if count is not None else None
        return tr.ago_reading(anchor, count, unit, self.lexicon.approx.get(m[1] or "", ""), forward)

    def _window(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.re_window.fullmatch(text)
        if not m:
            return None
        which, count, unit = m[1], m[2], self.lexicon.units[m[3]]
        if unit in ("hour", "minute", "second", "weekend", "quarter"):
            return NOT_A_DATE
        if count and count != "few":
            number = tr.to_number(count, self.lexicon)
            if number is None:
                return None
            months, days = (
                (0, number * {"day": 1, "week": 7, "fortnight": 14}[unit])
                if unit in ("day", "week", "fortnight")
                else (number * {"month": 1, "year": 12, "decade": 120}[unit], 0)
            )
        elif which in ("recent", "few", "past", "last", "coming", "next") and m[3].endswith("s"):
            months, days = RECENT[unit]
        else:
            return None
        return tr.window_reading(anchor, months, days, forward=which in ("coming", "next"))

    # -- fallback ----------------------------------------------------------------------------------

    def dateparser_reading(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """dateparser's reading (:func:`graph.temporal_rules.dateparser_reading`) of text
        that has at least one calendar word."""
        if not self.re_temporal.search(text):
            return None
        shows = (
            bool(self.re_has_day.search(text)),
            bool(self.re_has_month.search(text)),
            bool(self.re_has_year.search(text)),
        )
        return tr.dateparser_reading(text, anchor, tense, shows=shows)


__all__ = ["Grammar"]
