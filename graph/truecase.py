"""Headlines in Title Case ("Police Arrest Man Suspected Of Killing Three In Texas Shooting") read
as sentences before the parse: the small English model takes every capitalised word for a name
and finds no event in them.

A word of a Title Case segment is written in lower case when the article's other text writes it
so, or, when the text does not use it, when it is a common word (``common``) and no name
(``is_name``). A word the text capitalises mid-sentence, a word in capitals ("US", "NATO"), the
first word of a segment and unknown words stay as they are, so names survive. The recased text
has the same length as the original: offsets into one are offsets into the other, and what a
report quotes is read from the original (:func:`graph.nlp.source_text`). Tested in
tests/test_truecase.py.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Collection
from pathlib import Path

from graph.synonyms import base_forms

#: Closed-class words a headline capitalises, and WordNet's lower-case words (data files with
#: their sources).
DEFAULT_WORDS = Path(__file__).parent / "data" / "headline_words.txt"
COMMON_WORDS = Path(__file__).parent / "data" / "common_words.txt"
#: Month and day names: "May" and "March" are words too, but a headline's are dates.
_CALENDAR = frozenset(
    n.lower()
    for n in (*calendar.month_name, *calendar.day_name, *calendar.month_abbr, *calendar.day_abbr)
    if n
)
#: A web address in the text spells names in lower case ("…/lindsay-lohan-rehab"): not usage.
_ADDRESS = re.compile(r"https?\s*:|www\s*\.", re.IGNORECASE)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: Where a headline line splits into segments each read on its own ("… | Putin losing the war").
_SEGMENT = re.compile(r"\s[|–—]\s|\s-\s|:\s|\?\s")
#: Longest line taken for a headline: a Title Case paragraph is no headline.
MAX_HEADLINE_WORDS = 30


def is_title_case(segment: str) -> bool:
    """Three or more words of four letters or more, at least four in five capitalised, and not
    all in capitals (a shouted line is another matter)."""
    words = [w for w in _WORD.findall(segment) if len(w) >= 4]
    if len(words) < 3 or all(w.isupper() for w in words):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def read_words(path: Path | None = None) -> frozenset[str]:
    """The words of a one-word-a-line file ('#' lines are comments)."""
    lines = (path or DEFAULT_WORDS).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


class HeadlineRecaser:
    """``text`` → the same text with its Title Case lines in sentence case (same length)."""

    def __init__(self, common: Collection[str], is_name: Callable[[str], bool] = lambda w: False) -> None:
        #: Lower-case words and lemmas a sentence writes in lower case.
        self.common = frozenset(common)
        #: Whether a capitalised word is a known name ("Turkey", "Paris").
        self.is_name = is_name

    def __call__(self, text: str) -> str:
        segments = [
            (start, end)
            for line_start, line in _headlines(text)
            for start, end in _segments(line, line_start)
            if is_title_case(text[start:end])
        ]
        if not segments:
            return text
        usage = _usage(text, segments)
        out = list(text)
        for start, end in segments:
            words = list(_WORD.finditer(text, start, end))
            after_name = self.unknown(words[0].group()) if words else False
            for match in words[1:]:
                word = match.group()
                initial = len(word) == 1 and text[match.end() :].lstrip()[:1] == "."
                # "Lindsay Lohan": after a name no list knows, a word that is no inflected
                # form is read as the rest of the name.
                surname = after_name and base_forms(word) == {word.lower()}
                if not initial and not surname and self.lower(word, usage):
                    out[match.start()] = word[0].lower()
                    after_name = False
                else:
                    after_name = self.unknown(word)
        return "".join(out)

    def is_common(self, word: str) -> bool:
        """Whether a capitalised word is a common word no list knows as a name ("Anger", "Fatal")."""
        return bool(base_forms(word) & self.common) and not self.is_name(word)

    def unknown(self, word: str) -> bool:
        """A capitalised word no list knows: the start of a name ("Lindsay")."""
        return word[:1].isupper() and not (base_forms(word) & self.common) and not self.is_name(word)

    def lower(self, word: str, usage: Counter[str]) -> bool:
        """Whether a capitalised headline word is written in lower case in a sentence."""
        if not word[0].isupper() or word.isupper() and len(word) > 1 or len(word) == 1 and word != "A":
            return False  # capitals ("US") and initials ("D. A.") are no words
        key = word.lower()
        lowered, capitalised = usage[key], usage["^" + key]
        if lowered or capitalised:
            return lowered > capitalised
        if key in _CALENDAR:
            return False
        if any(f in self.common for f in base_forms(word)):
            return not self.is_name(word)
        return False


def _headlines(text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` of the lines that may be headlines: the first line with words, and
    short lines that start with a capital and do not end a sentence with a full stop (a body
    sentence full of names, "Airbus is owned by European Aeronautic Defense & Space Company.",
    is no headline)."""
    out, start, first = [], 0, True
    for line in text.split("\n"):
        words = line.split()
        if words and len(words) <= MAX_HEADLINE_WORDS:
            ends = line.rstrip().endswith(".")
            if first or (words[0][:1].isupper() and not ends):
                out.append((start, line))
        first = first and not words
        start += len(line) + 1
    return out


def _segments(line: str, offset: int) -> list[tuple[int, int]]:
    out, start = [], 0
    for sep in _SEGMENT.finditer(line):
        out.append((offset + start, offset + sep.start()))
        start = sep.end()
    out.append((offset + start, offset + len(line)))
    return [(a, b) for a, b in out if b > a]


def _usage(text: str, segments: list[tuple[int, int]]) -> Counter[str]:
    """How the text outside ``segments`` writes each word: ``word`` counts lower-case uses,
    ``^word`` capitalised ones, a half for one at a sentence's start ("Harper said")."""
    usage: Counter[str] = Counter()  # float counts
    last = 0
    for start, end in [*segments, (len(text), len(text))]:
        body = "\n".join(line for line in text[last:start].split("\n") if not _ADDRESS.search(line))
        for match in _WORD.finditer(body):
            word = match.group()
            before = body[: match.start()].rstrip(" \"'“‘(")
            if word.islower():
                usage[word] += 1
            elif word[0].isupper():
                initial = not before or before[-1] in ".!?:\n"
                usage["^" + word.lower()] += 0.5 if initial else 1
        last = end
    return usage
