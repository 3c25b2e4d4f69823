"""The calendar words of English behind :mod:`graph.temporal`, read from a data file.

Month and weekday names, number words, ordinals, seasons, units, qualifiers, reference
expressions and anaphoric words ("the same", "later") come from
``graph/data/temporal_lexicon.tsv`` (one ``category<TAB>word<TAB>value`` a line); this module
reads them and turns them into regex alternations and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.errors import InputError

LEXICON_PATH = Path(__file__).parent / "data" / "temporal_lexicon.tsv"
#: Kinds of reference expressions ("now", "recently", "soon"); see :mod:`graph.temporal_refs`.
REF_KINDS = ("present", "recent", "soon", "open", "none")


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
    #: Determiners pointing back at an earlier date ("the same", "the following"): the units to
    #: step from it, optionally followed by the one unit the word is anaphoric with ("1 day").
    anaphors: Mapping[str, str]
    #: Words after a unit pointing back ("later", "before"): +1 or -1.
    anaphors_after: Mapping[str, int]
    #: Phrases naming the earlier date itself ("that time", "the same period").
    anaphor_times: Mapping[str, str]

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
            "anaphor": "anaphors",
            "anaphor_after": "anaphors_after",
            "anaphor_time": "anaphor_times",
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
        as_int = {"months", "weekdays", "numbers", "ordinals", "seasons", "anaphors_after"}
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
