"""Anaphoric time expressions: dates read from the dates the text gave before them.

"The Dow fell 3% on Monday ... to end the day at 7,114": "the day" is Monday, not the day the
article came out. HeidelTime reads such expressions in news against the last date mentioned
that has the granularity they need (its reference time), and so does :class:`Anaphora`, given
``history``, the dates the text has given so far in text order:

* An anaphor names a unit and a step from an earlier date: "the same day", "that week", "the
  day", "the entire year" (step 0); "the following day", "the next day", "the day after", "a
  day later", "two days later" (+1, +2); "the previous day", "the day before", "the year
  previous", "a year earlier" (-1). Its earlier date is the latest in ``history`` that lies
  within one such unit (one day for "the same day", one calendar year for "that year": "the
  fourth quarter of 2005" will do for "the entire year"). The answer is that unit, stepped,
  at the unit's precision: never more precise than the text, since an earlier month is no
  day for "that day" (there is then no anaphoric reading).
* "the same <unit> <shift>", "the same period/time <shift>" ("the same month a year ago", "the
  same period last year"): the earlier date's unit, or for "period" and "time" the earlier
  date's own span at its own precision, moved by the shift (counted from the earlier date,
  not from the time of writing).
* "that time", "the same period" alone: the latest earlier date itself, at its precision.
* A part of an anaphor: "the start of the day", "late in the day", "the end of that year"
  (the day itself; a third of a longer unit, approximate).

The words are the ``anaphor``, ``anaphor_after`` and ``anaphor_time`` categories of
``graph/data/temporal_lexicon.tsv``; "the next" is anaphoric with "day" only ("the next week"
is the week after the time of writing). Everything here is pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from graph.records import DateSpan, Precision
from graph.temporal_calendar import APPROX, part_of, unit_span, unit_step
from graph.temporal_lexicon import Lexicon, to_number
from graph.temporal_patterns import Patterns
from graph.temporal_rules import Reading

#: The units an anaphor can name (a fortnight, an hour have no calendar span to point back at).
UNITS = ("day", "week", "weekend", "month", "quarter", "year", "decade")
#: Words before a unit of a backward shift ("the same period last year"); the others go forward.
_BACK = frozenset({"last", "previous", "prior", "preceding", "ago"})


def within(span: DateSpan, unit: str) -> bool:
    """True when ``span`` lies inside one calendar ``unit`` (one of :data:`UNITS`)."""
    return unit_span(span.begin, unit)[0] == unit_span(span.end, unit)[0]


def latest(history: Sequence[DateSpan], unit: str) -> DateSpan | None:
    """The last date of ``history`` (text order) that lies inside one ``unit``."""
    return next((span for span in reversed(history) if within(span, unit)), None)


def step(day: dt.date, unit: str, count: int) -> dt.date:
    """``day`` moved ``count`` units (a weekend steps by weeks)."""
    return unit_step(day, "week" if unit == "weekend" else unit, count)


def moved(reference: DateSpan, unit: str, count: int) -> Reading:
    """``reference`` moved ``count`` units, at its own precision ("the same period last year")."""
    begin = step(reference.begin, unit, count)
    if reference.precision is Precision.DAY:
        return Reading((begin, begin), Precision.DAY)
    if reference.precision in (Precision.WEEK, Precision.MONTH, Precision.YEAR):
        return Reading(unit_span(begin, reference.precision.value)[0], reference.precision)
    return Reading((begin, step(reference.end, unit, count)), APPROX)


class Anaphora:
    """Reads anaphoric expressions: ``__call__(text, history)`` → (reading, the earlier date used)."""

    def __init__(self, lexicon: Lexicon, patterns: Patterns) -> None:
        self.lexicon = lexicon
        self.pat = patterns

    def __call__(self, text: str, history: Sequence[DateSpan]) -> tuple[Reading, DateSpan] | None:
        """The reading of normalised ``text`` against ``history`` (earlier dates, text order), or
        None when ``text`` is no anaphor or no earlier date fits it."""
        if not history:
            return None
        if m := self.pat.anaphor_part.fullmatch(text):  # "late in the day"
            return self._part(m[2], "early" if m[1].startswith("early") else "late", history)
        if m := self.pat.part.fullmatch(text):  # "the start of the day"
            return self._part(m[2], self.lexicon.parts[m[1]], history)
        if m := self.pat.anaphor_shift.fullmatch(text):
            found = self._shifted(m, history)
            if found is not None:
                return found
        if self.pat.anaphor_time.fullmatch(text):
            reference = history[-1]
            return Reading((reference.begin, reference.end), reference.precision), reference
        if m := self.pat.anaphor.fullmatch(text):
            count, only = self._determiner(m[1])
            unit = self.lexicon.units[m[2]]
            if m[2] != unit or (only and only != unit):  # "the days"; "the next week"
                return None
            return self._unit(unit, count, history)
        if m := self.pat.anaphor_after.fullmatch(text):
            unit = self.lexicon.units[m[2]]
            number = 1 if m[1] in (None, "the") else to_number(m[1], self.lexicon)
            if number is None or (m[1] is None and m[2] != unit):  # "days later": no count
                return None
            return self._unit(unit, number * self.lexicon.anaphors_after[m[3]], history)
        return None

    def _determiner(self, word: str) -> tuple[int, str | None]:
        count, *only = self.lexicon.anaphors[word].split()
        return int(count), (only[0] if only else None)

    def _unit(self, unit: str, count: int, history: Sequence[DateSpan]) -> tuple[Reading, DateSpan] | None:
        if unit not in UNITS:
            return None
        reference = latest(history, unit)
        if reference is None:
            return None
        span, precision = unit_span(step(reference.begin, unit, count), unit)
        return Reading(span, precision), reference

    def _part(self, inner: str, part: str, history: Sequence[DateSpan]) -> tuple[Reading, DateSpan] | None:
        found = self(inner, history)
        if found is None or found[0].span is None:
            return found
        reading, reference = found
        if reading.precision is Precision.DAY:  # "late in the day" is still the day
            return found
        return Reading(part_of(reading.span, part), APPROX), reference

    def _shifted(self, m, history: Sequence[DateSpan]) -> tuple[Reading, DateSpan] | None:
        """ "the same month a year ago", "the same period last year": the head, then the shift."""
        if m[2]:
            count, unit = (-1 if m[2] in _BACK else 1), self.lexicon.units[m[3]]
        else:
            number = 1 if m[4] in (None, "the") else to_number(m[4], self.lexicon)
            if number is None:
                return None
            direction = -1 if m[6] in _BACK else self.lexicon.anaphors_after[m[6]]
            count, unit = number * direction, self.lexicon.units[m[5]]
        if unit not in UNITS:
            return None
        head = m[1]
        if self.pat.anaphor_time.fullmatch(head):  # "the same period": the earlier span itself
            reference = latest(history, unit)
            return (moved(reference, unit, count), reference) if reference is not None else None
        a = self.pat.anaphor.fullmatch(head)
        if a is None or self._determiner(a[1])[0] != 0 or a[1] == "the":
            return None
        own = self.lexicon.units[a[2]]
        reference = latest(history, own) if own in UNITS else None
        if reference is None:
            return None
        span, precision = unit_span(step(reference.begin, unit, count), own)
        return Reading(span, precision), reference


__all__ = ["UNITS", "Anaphora", "latest", "moved", "step", "within"]
