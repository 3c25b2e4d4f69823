"""Numbers as the news writes them: "more than 1,000", "between 40 and 50", "dozens", "3.5
million". :func:`parse_quantity` is a pure function over a string (graph.figures finds the
phrases in a parse); :func:`bounds` and :func:`disagree` compare two figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.records import Figure

# Grammar words, not names: they belong to English, not to any article.
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("much more than", "more than"),
    ("well over", "more than"),
    ("more than", "more than"),
    ("greater than", "more than"),
    ("in excess of", "more than"),
    ("upwards of", "more than"),
    ("over", "more than"),
    ("at least", "at least"),
    ("no fewer than", "at least"),
    ("not less than", "at least"),
    ("fewer than", "less than"),
    ("less than", "less than"),
    ("under", "less than"),
    ("up to", "up to"),
    ("as many as", "up to"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("close to", "nearly"),
    ("about", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("approximately", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
)

_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "a dozen": 12,
    "dozen": 12,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    # South Asian number words, common in Indian and Pakistani English-language news.
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
}
# Vague plurals: a range, never a precise value.
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}

_NUM = r"\d+(?:[.,]\d+)*"
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and)\s*")


@dataclass(frozen=True)
class Quantity:
    """A parsed number phrase."""

    value: float
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None


#: How much "about" and the like widen a single value on each side.
APPROXIMATE = 0.1


def bounds(f: Figure | Quantity) -> tuple[float, float]:
    """The interval a figure allows, from its range and qualifier."""
    low = f.low if f.low is not None else f.value
    high = f.high if f.high is not None else f.value
    match f.qualifier:
        case "more than" | "at least":
            return low, float("inf")
        case "less than" | "up to":
            return 0.0, high
        case "about" | "nearly":
            return low * (1 - APPROXIMATE), high * (1 + APPROXIMATE)
    return low, high


def disagree(a: Figure | Quantity, b: Figure | Quantity) -> bool:
    """True when the two figures' intervals do not overlap."""
    (a_low, a_high), (b_low, b_high) = bounds(a), bounds(b)
    return a_high < b_low or b_high < a_low


def _number(text: str) -> float | None:
    """Parse one number: digits with separators, number words, and scale words."""
    text = text.strip().lower().replace("$", "").replace("€", "").replace("£", "")
    if not text:
        return None
    if text in _WORDS:
        return float(_WORDS[text])
    m = re.fullmatch(rf"({_NUM})\s*([a-z]+)?", text)
    if m:
        digits, scale = m.group(1), m.group(2)
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
            digits = digits.replace(",", "")
        elif "," in digits:
            digits = digits.replace(",", ".") if digits.count(",") == 1 else digits.replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            return None
        if scale:
            if scale not in SCALES:
                return None
            value *= SCALES[scale]
        return value
    parts = text.split()
    if len(parts) >= 2 and parts[-1] in SCALES:
        head = _number(" ".join(parts[:-1]))
        return None if head is None else head * SCALES[parts[-1]]
    if "-" in text and all(p in _WORDS for p in text.split("-")):
        return float(sum(_WORDS[p] for p in text.split("-")))
    return None


def parse_quantity(text: str) -> Quantity | None:
    """Parse a number phrase: qualifier, value or range, number words, scale words.

    ``"more than 100,000"`` → 100000 qualified "more than"; ``"20,000 to 30,000"`` →
    value 25000, low 20000, high 30000, qualifier "range"; ``"1 lakh"`` → 100000;
    ``"dozens"`` → a vague range. Returns None when the text is not a number phrase.
    """
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" .,;:").lower()
    if not text or len(text) > 80:
        return None
    qualifier = None
    for phrase, name in QUALIFIERS:
        if text.startswith(phrase + " "):
            qualifier, text = name, text[len(phrase) + 1 :]
            break
    if text in VAGUE:
        low, high = VAGUE[text]
        return Quantity(value=float(low), low=float(low), high=float(high), qualifier="vague")
    between = re.fullmatch(r"between (.+?) and (.+)", text)
    pieces = [between.group(1), between.group(2)] if between else _RANGE_SEP.split(text, maxsplit=1)
    if len(pieces) == 2 and pieces[0] and pieces[1]:
        low, high = _number(pieces[0]), _number(pieces[1])
        scale = pieces[1].split()[-1]
        if low is not None and scale in SCALES and pieces[0].split()[-1] not in SCALES:
            low *= SCALES[scale]
        if low is not None and high is not None and low < high:
            # "20 to 30 thousand": the scale word on the high end applies to both.
            return Quantity(value=(low + high) / 2, low=low, high=high, qualifier=qualifier or "range")
    value = _number(text)
    if value is None:
        return None
    return Quantity(value=value, qualifier=qualifier)
