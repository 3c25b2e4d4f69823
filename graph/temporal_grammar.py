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
from graph.temporal_anaphora import Anaphora
from graph.temporal_patterns import Patterns
from graph.temporal_refs import ref_reading
from graph.temporal_rules import APPROX, NOT_A_DATE, RECENT, Lexicon, Reading


class Grammar:
    """The rules that read English calendar expressions, with the patterns of a :class:`Lexicon`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.pat = Patterns(lexicon)
        #: Reads "the same day", "two days later" against the dates the text gave before.
        self.anaphora = Anaphora(lexicon, self.pat)

    # -- text --------------------------------------------------------------------------------------

    def normalise(self, expression: str) -> str:
        """Lower case, single spaces, the spaced punctuation of tokenised text closed up,
        outer punctuation and a leading preposition that does not change the date dropped."""
        text = str(expression).lower().replace("``", " ").replace("''", " ").replace("\u2019", "'")
        text = re.sub(r"\s+", " ", text).strip()
        text = re.sub(r" ([,.;:)])", r"\1", text)
        text = re.sub(r"\b(mid|early|late) (?=\d)", r"\1-", text)
        text = text.strip(' .,;:!?"()[]')
        text = re.sub(r"^(?:on|in|at|during|throughout|as of|of)\s+(?=\S)|^over (?=the )", "", text)
        return text.strip(' .,;:!?"')

    # -- reading -----------------------------------------------------------------------------------

    def read(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """The rules' reading of normalised ``text``; None when no rule knows it."""
        if text in self.lexicon.refs:
            return ref_reading(self.lexicon.refs[text], anchor)
        if self.pat.set.fullmatch(text):
            return NOT_A_DATE
        if tense == "perfect":  # only a count of units reads differently in the present perfect
            reading = self._perfect_count(text, anchor)
            if reading is not None:
                return reading
            tense = "past"
        rules = (
            self._day_word,
            self._streak,
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
        stripped = self.pat.daypart.fullmatch(text)
        if stripped:  # "wednesday night", "yesterday morning": the day is what counts
            return self.read(stripped.group(1), anchor, tense)
        if self.pat.duration.fullmatch(text):
            return NOT_A_DATE
        return None

    def _day_word(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.pat.day_word.fullmatch(text)
        if not m:
            return None
        word = m.group(1)
        if word == "overnight":
            # The night before the report, which spans two days: no more precise than that.
            return Reading((anchor - dt.timedelta(days=1), anchor), APPROX)
        offsets = {
            "yesterday": -1,
            "last night": -1,
            "tomorrow": 1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }
        return Reading(tr.day_span(anchor + dt.timedelta(days=offsets.get(word, 0))))

    def _numeric(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        if m := self.pat.iso.fullmatch(text):
            return tr.absolute_day(int(m[1]), int(m[2]), int(m[3]))
        if m := self.pat.iso_month.fullmatch(text):
            if 1 <= int(m[2]) <= 12:
                return Reading(tr.month_span(int(m[1]), int(m[2])), Precision.MONTH, relative=False)
            return None
        if m := self.pat.numeric.fullmatch(text):
            # English-language news is read month first (US) unless the first number cannot be a month.
            first, second = int(m[1]), int(m[2])
            year = int(m[3]) if len(m[3]) == 4 else tr.two_digit_year(m[3])
            month, day = (first, second) if first <= 12 else (second, first)
            return tr.absolute_day(year, month, day)
        return None

    def _part(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.pat.part.fullmatch(text)
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
        m = self.pat.day_month.fullmatch(text)
        if m:
            day, month, year = int(m[1]), lx.months[m[2]], m[3]
        elif m := self.pat.month_day.fullmatch(text):
            month, day, year = lx.months[m[1]], int(m[2]), m[3]
        if m:
            if year:
                number, relative = tr.year_of(year, anchor)
                reading = tr.absolute_day(number, month, day)
                return Reading(reading.span, reading.precision, relative) if reading.span else reading
            span = tr.pick(tr.yearly(anchor, lambda y: tr.day_span(dt.date(y, month, day))), anchor, tense)
            return Reading(span) if span else NOT_A_DATE
        m = self.pat.month.fullmatch(text)
        if not m:
            return None
        which, month, year = m[1], lx.months[m[2]], m[3]
        if year:
            number, relative = tr.year_of(year, anchor)
            return Reading(tr.month_span(number, month), Precision.MONTH, relative)
        candidates = tr.yearly(anchor, lambda y: tr.month_span(y, month))
        return Reading(tr.choose(candidates, anchor, tense, which), Precision.MONTH)

    def _weekday(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.pat.weekday.fullmatch(text)
        if not m:
            return None
        weekday = self.lexicon.weekdays[m[2]]
        return Reading(tr.choose(tr.weekly(anchor, weekday), anchor, tense, m[1], this=tr.week_span(anchor)))

    def _week_of(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """ "the last week of March": the month's Monday-Sunday weeks are those whose Thursday
        falls in it (the ISO 8601 rule for the weeks of a year)."""
        m = self.pat.week_of.fullmatch(text)
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
        if m := self.pat.q.fullmatch(text):
            quarter, year = (int(m[1]), m[2]) if m[1] else (int(m[3]), m[4])
            if year:
                return Reading(tr.quarter_span(tr.parse_year(year), quarter), APPROX, relative=False)
            return Reading(
                tr.pick(tr.yearly(anchor, lambda y: tr.quarter_span(y, quarter)), anchor, tense), APPROX
            )
        m = self.pat.quarter.fullmatch(text)
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
        """A season with a year is that year's; "last/next <season>" by position; a bare season
        ("in the spring") or "this <season>" out of season is the nearest in the tense's
        direction; "this <season>" in season is the current one, cut at the anchor in the
        past tense (as "this week")."""
        m = self.pat.season.fullmatch(text)
        if not m:
            return None
        first = self.lexicon.seasons[m[2]]
        if m[3]:
            return Reading(tr.season_span(int(m[3]), first), APPROX, relative=False)
        candidates = tr.yearly(anchor, lambda y: tr.season_span(y, first))
        this = next((s for s in candidates if s[0] <= anchor <= s[1]), None)
        if m[1] == "this":
            if this is None:
                return Reading(tr.pick(candidates, anchor, tense), APPROX)
            return Reading((this[0], anchor) if tense == "past" else this, APPROX)
        return Reading(tr.choose(candidates, anchor, tense, m[1], this=this), APPROX)

    def _year(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        if m := self.pat.year.fullmatch(text):
            return Reading(tr.year_span(tr.parse_year(m[1])), Precision.YEAR, relative=False)
        if m := self.pat.century.fullmatch(text):
            century = int(m[1])
            return Reading(
                (dt.date((century - 1) * 100 + 1, 1, 1), dt.date(century * 100, 12, 31)),
                APPROX,
                relative=False,
            )
        if m := self.pat.decade.fullmatch(text):
            if m[1]:
                return Reading(tr.decade_span(int(m[1] + m[2] + "0")), APPROX, relative=False)
            # "the 90s": the latest such decade begun by the anchor's year
            first = anchor.year - anchor.year % 100 + int(m[2]) * 10
            return Reading(tr.decade_span(first if first <= anchor.year else first - 100), APPROX)
        return None

    def _relative(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.pat.relative.fullmatch(text)
        if not m:
            return None
        which, unit = m[1], self.lexicon.units[m[2]]
        if unit == "hour":  # "the past hour": a window (_window)
            return None
        if unit in ("minute", "second"):
            return NOT_A_DATE
        if m[2] != unit:  # a plural: "the coming days" is a window (_window), "the days" no date
            return None
        return tr.relative_reading(anchor, which, unit, tense)

    def _ago(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        m = self.pat.ago.fullmatch(text)
        forward = False
        if not m:
            m = self.pat.in_n.fullmatch(text) if tense == "future" else None
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
        m = self.pat.window.fullmatch(text)
        if not m:
            return None
        which, count, unit = m[1], m[2], self.lexicon.units[m[3]]
        forward = which in ("coming", "next")
        if unit == "hour":
            # "the past 24 hours" said at an unknown hour of the anchor day reaches into the day
            # before it: whole days back, at least one.
            hours = tr.to_number(count, self.lexicon) if count and count != "few" else 1
            if hours is None:
                return None
            return tr.window_reading(anchor, 0, max(1, -(-hours // 24)), forward=forward)
        if unit in ("minute", "second", "weekend", "quarter"):
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
        return tr.window_reading(anchor, months, days, forward=forward)

    def _streak(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """ "for a second consecutive day", "a third straight week", "fourth week in a row": news
        counts a streak up to the time of writing, so the day (week) counted is the anchor's."""
        m = self.pat.streak.fullmatch(text)
        if not m:
            return None
        ordinal = self.lexicon.ordinals[m[1] or m[2] or m[3] or m[4]]
        if ordinal < 2:  # "a first day", "the last consecutive day": no streak
            return None
        unit = "day" if m[1] or m[2] else "week" if m[3] else m[5]
        span, precision = tr.unit_span(anchor, unit)
        return Reading(span, precision)

    def _perfect_count(self, text: str, anchor: dt.date) -> Reading | None:
        """ "(for) two months" with a present perfect ("have been fighting for two months"): the
        state reaches the anchor, so it began that many units before it. Counts only: "for
        months" gives no reach."""
        m = self.pat.for_count.fullmatch(text)
        if not m:
            return None
        count, unit = tr.to_number(m[1], self.lexicon), self.lexicon.units[m[2]]
        if count is None or unit in ("hour", "minute", "second", "weekend"):
            return None
        return Reading((tr.unit_step(anchor, unit, -count), anchor), APPROX)

    # -- fallback ----------------------------------------------------------------------------------

    def dateparser_reading(self, text: str, anchor: dt.date, tense: str) -> Reading | None:
        """dateparser's reading (:func:`graph.temporal_rules.dateparser_reading`) of text
        that has at least one calendar word."""
        if _BARE_NUMBER.fullmatch(text) or not self.pat.temporal.search(_UNIT_COMPOUND.sub(" ", text)):
            return None
        shows = (
            bool(self.pat.has_day.search(text)),
            bool(self.pat.has_month.search(text)),
            bool(self.pat.has_year.search(text)),
        )
        return tr.dateparser_reading(text, anchor, tense, shows=shows)


#: A number of one to three digits alone is an age, a count or a score ("dies aged 56"), never
#: a year without an apostrophe ("'56").
_BARE_NUMBER = re.compile(r"(?:(?:in|of|since|by|from|until|to|at)\s+)?\d{1,3}")
#: A unit in a hyphenated compound is a length or an age, never a date: "a 90-day truce", "the
#: eight - year war", "a 41-year-old", "year-old". A text whose only calendar words are in such
#: compounds is not handed to dateparser, which read none of them (two in five of its calls on
#: the corpora, about 1 ms an article).
_UNIT_COMPOUND = re.compile(
    r"\b[\w.]+\s*-\s*(?:year|month|week|day|hour|minute)s?\b(?:\s*-\s*old\b)?"
    r"|\b(?:year|month|week|day)s?\s*-\s*old\b",
    re.IGNORECASE,
)

__all__ = ["Grammar"]
