"""Forms of one name: spelling variants (:func:`loose_form`), typos (:func:`edit_distance`), legal
suffixes of companies (:func:`org_form`: "Apple Inc.", "Barclays PLC") and acronyms an article
defines ("Singapore Airlines ( SIA )", "General Motors Corporation (GM)").

An acronym is read as its long form when the article writes it right after that name (in
parentheses or after a comma) and its letters appear in the name in order, the first at a
word's start (the test of Schwartz and Hearst, "A simple algorithm for identifying abbreviation
definitions in biomedical text", PSB 2003, as scispaCy's AbbreviationDetector uses it).
Tested in tests/test_entities.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from graph.gazetteer import slugify

#: Legal-form words that end a company's name and say nothing of which company it is.
LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "ltd",
        "limited",
        "plc",
        "llc",
        "sa",
        "ag",
        "nv",
        "gmbh",
        "spa",
    }
)
#: Widest gap between a name and the acronym that defines it: " ( ", ", ".
MAX_GAP = 4
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")


class Located(Protocol):
    text: str
    start: int
    end: int


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance of two strings, or ``limit + 1`` once it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def may_be_one_person(a: str, b: str) -> bool:
    """Whether two person names may name one person across reports: their surnames (last
    words, :func:`loose_form`) are one, or one letter apart ("Duncan Rait", "Duncan Raite";
    "Bettie Page", "Betty Page", "Page"). Different surnames are different people."""
    x, y = loose_form(a).split(), loose_form(b).split()
    if not x or not y:
        return True
    return x[-1] == y[-1] or (min(len(x[-1]), len(y[-1])) >= 4 and edit_distance(x[-1], y[-1], 1) <= 1)


def loose_form(name: str) -> str:
    """A spelling-variant key for names the gazetteer does not know: diacritics and case
    folded, doubled letters collapsed, a word-final -iy/-yi/-yy/-ii/-i written -y, the common
    variation of transliterated Slavic names ("Chaikovskiy", "Chaikovsky" -> "chaikovsky"),
    British spellings written as American ones ("Centre" -> "center", "Defence" -> "defense"),
    and a generational suffix dropped ("Arcade Joseph Comeaux Jr." is "Arcade Joseph Comeaux")."""
    words = [w for w in slugify(name).split("-") if w]
    while len(words) > 2 and words[-1] in _GENERATIONS:
        words.pop()
    out = []
    for word in words:
        collapsed = "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])
        for ending in ("iy", "yi", "ij", "yj", "i"):
            if collapsed.endswith(ending) and len(collapsed) > len(ending) + 2:
                collapsed = collapsed[: -len(ending)] + "y"
                break
        for british, american in _SPELLINGS:
            if collapsed.endswith(british) and len(collapsed) > len(british) + 1:
                collapsed = collapsed[: -len(british)] + american
                break
        out.append(collapsed)
    return " ".join(out)


#: Generational suffixes of personal names (as slug words).
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Word endings of British spelling and their American form (after doubled letters collapse).
_SPELLINGS = (("tre", "ter"), ("our", "or"), ("ence", "ense"))


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` (2-6 capitals) can abbreviate ``long``: its letters appear in ``long``
    in order, read from the end, the first at the start of one of its words ("SIA", "Singapore
    Airlines"; "USAF", "United States Air Force"; not "GM", "Boeing")."""
    if not _ACRONYM.fullmatch(short) or len(long.split()) < 2:
        return False
    s, lf = short.lower().replace("&", ""), long.lower()
    i, j = len(s) - 1, len(lf) - 1
    while i >= 0:
        c = s[i]
        while j >= 0 and (lf[j] != c or (i == 0 and j > 0 and lf[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        i, j = i - 1, j - 1
    return True


def defined_acronyms(names: Sequence[Located]) -> dict[int, int]:
    """``index of an acronym`` → ``index of the name it stands for``, for every mention of an
    acronym that the article defines right after a name; later mentions of the same acronym
    stand for the same name."""
    defined: dict[str, int] = {}
    out: dict[int, int] = {}
    for i, name in enumerate(names):
        short = name.text.strip()
        if short in defined:
            out[i] = defined[short]
            continue
        if i == 0:
            continue
        prev = names[i - 1]
        if 0 < name.start - prev.end <= MAX_GAP and abbreviates(short, prev.text):
            defined[short] = i - 1
            out[i] = i - 1
    return out


def org_form(loose: str) -> str:
    """An organisation's loose form (``graph.entities.loose_form``) without its legal suffixes:
    "apple inc" → "apple", "barclays plc" → "barclays"."""
    words = loose.split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


__all__ = ["LEGAL_SUFFIXES", "abbreviates", "defined_acronyms", "edit_distance", "loose_form", "org_form"]
