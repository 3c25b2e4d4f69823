"""The regular expressions of English calendar expressions, compiled from a
:class:`~graph.temporal_lexicon.Lexicon` (read by :class:`graph.temporal_grammar.Grammar`).

Patterns are matched against normalised text (lower case, single spaces) with ``fullmatch``,
except ``has_day``, ``has_month``, ``has_year`` and ``temporal``, which are searched for.
"""

from __future__ import annotations

import re

from graph import temporal_lexicon as tl
from graph.temporal_lexicon import Lexicon


class Patterns:
    """The compiled patterns of a lexicon, one attribute each."""

    def __init__(self, lexicon: Lexicon) -> None:
        lx = lexicon
        month, weekday = tl.alternation(lx.months), tl.alternation(lx.weekdays)
        number = r"(?:\d+|" + tl.alternation(lx.numbers) + r"(?:-" + tl.alternation(lx.numbers) + ")?)"
        units = tl.alternation(lx.units)
        daynum = r"(\d{1,2})(?:st|nd|rd|th)?"
        year = r"(\d{4}|'\d{2}|(?:this|last|next) year)"  # "May last year" is May of the year before
        wd_prefix = rf"(?:{weekday},? )?"
        self.set = re.compile(
            r"(?:every|each|per)\b.*|daily|weekly|monthly|yearly|annually|nightly|"
            r"quarterly|hourly|(?:twice|once|\w+ times) (?:a|an|per) \w+"
        )
        self.duration = re.compile(
            rf"(?:for|over|within|throughout|across|after|in)?\s?(?:the )?(?:{tl.alternation(lx.approx)} )?"
            rf"(?:{number}(?: or {number}|-{number})? )?(?:{units})(?:-long| long| old| running)?"
        )
        self.daypart = re.compile(rf"(.+?)[\s-](?:{tl.alternation(lx.dayparts)})")
        self.day_word = re.compile(
            r"(?:earlier |later |early |late )?(today|tonight|yesterday|tomorrow|the day before yesterday|"
            r"the day after tomorrow|last night|overnight|this (?:morning|afternoon|evening)|"
            r"(?:early|late|earlier|later) (?:in|on) the day)(?:'s)?"
        )
        self.iso = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
        self.iso_month = re.compile(r"(\d{4})-(\d{2})")
        self.numeric = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")
        self.day_month = re.compile(rf"{wd_prefix}(?:the )?{daynum} (?:of )?({month})\.?(?:,? {year})?")
        self.month_day = re.compile(rf"{wd_prefix}({month})\.? (?:the )?{daynum}(?:,? {year})?")
        self.month = re.compile(rf"(?:(this|last|next|past|coming) )?({month})\.?(?:,? (?:of )?{year})?")
        self.weekday = re.compile(rf"(?:(this|last|next|past|coming) )?({weekday})\.?")
        self.part = re.compile(rf"({tl.alternation(lx.parts)})[\s-]+(?:of )?(.+)")
        self.quarter = re.compile(
            rf"(?:the )?({tl.alternation(lx.ordinals)})[\s-](?:fiscal |financial |calendar )?quarter"
            rf"(?:,? (?:of |in )?(.+))?"
        )
        self.week_of = re.compile(rf"(?:the )?({tl.alternation(lx.ordinals)}) week (?:of|in) (.+)")
        self.q = re.compile(r"q([1-4])(?:[\s-]?(\d{4}|'?\d{2}))?|([1-4])q(\d{4}|\d{2})")
        self.season = re.compile(
            rf"(?:the )?(?:(this|last|next|past|coming) )?({tl.alternation(lx.seasons)})"
            rf"(?:,? (?:of )?(\d{{4}}))?"
        )
        self.year = re.compile(r"(?:the )?(?:year |calendar year )?(1[0-9]{3}|20[0-9]{2}|'\d{2})")
        self.decade = re.compile(r"(?:the )?(\d{2})?'?(\d)0'?s")
        self.century = re.compile(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century")
        self.relative = re.compile(
            rf"(this|the|last|next|the past|the last|the next|the coming|the previous|the following|"
            rf"earlier this|later this|the current|past|coming|previous|current)\s({units})"
        )
        approx = tl.alternation(lx.approx)
        self.ago = re.compile(rf"(?:({approx}) )?({number}) ({units}) (ago|from now|hence)")
        self.in_n = re.compile(rf"(?:in|within) (?:({approx}) )?({number}) ({units})")
        self.window = re.compile(
            rf"(?:over |during |for |in |within )?(?:the )?(past|last|previous|coming|next|recent|few)"
            rf"(?: ({number}|few))? ({units})"
        )
        ordinal = tl.alternation(lx.ordinals)
        self.streak = re.compile(
            rf"(?:for )?(?:a ({ordinal}) |(?:a|the) ({ordinal}) (?:consecutive|straight|successive) )day"
            rf"|(?:for )?(?:a|the) ({ordinal}) (?:consecutive|straight|successive) week"
            rf"|(?:for )?(?:a |the )?({ordinal}) (day|week) (?:in a row|running)"
        )
        self.for_count = re.compile(rf"(?:for )?({number}) ({units})")
        # anaphora (graph.temporal_anaphora): "the same day", "two days later", "that time"
        after = tl.alternation(lx.anaphors_after)
        self.anaphor = re.compile(rf"({tl.alternation(lx.anaphors)}) ({units})")
        self.anaphor_after = re.compile(rf"(?:(the|{number}) )?({units}) ({after})")
        self.anaphor_time = re.compile(tl.alternation(lx.anaphor_times))
        self.anaphor_shift = re.compile(
            rf"(.+?),? (?:of |in )?(?:(?:the )?(last|previous|prior|preceding|next|following) ({units})"
            rf"|(?:(the|{number}) )?({units}) (ago|{after}))"
        )
        self.anaphor_part = re.compile(r"(early|late|earlier|later) (?:in|on) (.+)")
        self.has_day = re.compile(rf"\d|\b{weekday}\b|today|tonight|yesterday|tomorrow|\bago\b")
        self.has_month = re.compile(rf"\b{month}\b|\d{{1,2}}[/.-]\d{{1,2}}")
        self.has_year = re.compile(r"\b\d{4}\b|'\d{2}\b")
        self.temporal = re.compile(
            rf"\d|\b(?:{month}|{weekday}|{units}|{tl.alternation(lx.seasons)}|"
            r"today|tonight|yesterday|tomorrow|ago|last|next)\b"
        )


__all__ = ["Patterns"]
