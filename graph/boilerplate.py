"""Remove site boilerplate (teasers, comment forms, menus, author bios) from article text.

Boilerplate must yield no events and no actors downstream, so it goes at reading time, before any
character offset is taken. The patterns are data (``graph/data/boilerplate.txt``); this module holds
the algorithm, as pure functions over the text's lines:

1. ``line`` rules: a line that matches one whole is dropped ("Leave a Reply", "Source: Vanity Fair").
2. ``list`` rules: a related-stories header is dropped with the list items that follow it.
3. ``caption`` rules: a video header ("News Reels") is dropped with the one short headline after it.
4. Navigation menus: a run of ``min_menu_run`` or more consecutive short lines without sentence
   punctuation or digits ("Music / Trailers / DailyVideos / India ...") is dropped.
5. ``bio`` rules: a final line reading like an author bio ("<Name> is the World News reporter for
   ...") is dropped, with the bare name line just above it.

Headlines and short section headings inside the article stay: a single short line is never a menu.

The other repairs of scraped text live here too, as pure functions the reader composes:
:func:`normalise` (NFC, newlines, trailing spaces), :func:`join_broken_lines` ("U.S.\\nmedia"),
:func:`split_glued` ("Lyon.The United States") and :func:`drop_repeated_headline`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph.errors import InputError

KINDS = ("line", "list", "caption", "bio")

#: A list item: a line starting with a bullet or dash.
_BULLET = re.compile(r"^\s*[-–—•·*►▪●]\s*\S")
#: Sentence punctuation and digits: a menu entry has none (digits mark tables and scores).
_NOT_MENU = re.compile(r"[.!?,;:\"“”‘’()\d]")
#: A bare name line above a bio: one to four capitalised words.
_NAME_LINE = re.compile(r"(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w'’-]+")
#: A sentence end followed by more text on the same line.
_INNER_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+\S")
#: A sentence end (a word ending in 2+ lowercase letters, then . ! ? and maybe a closing quote)
#: glued to the next sentence's capital or opening quote. "U.S.A" and "e.g.The" never match.
# A sentence end is a word ending in two lowercase letters, or a year ("annexed in 2014.Massive").
_GLUED = re.compile(r"\b([A-Za-z]*[a-z]{2}|(?:1[89]|20)\d\d)([.!?])([\"”’']?)(?=[A-Z]|[“‘\"'][A-Z0-9‘'])")
#: A subheading with no full stop glued to its paragraph's first word ("Massive casualtiesKherson
#: was"): a lowercase word of 5+ letters run into a capitalised one, among the first words of a line.
#: Brands such as "iPhone" and "easyJet" start with fewer lowercase letters.
_GLUED_HEADING = re.compile(r"(?m)^((?:\S+ ){0,7}[a-z]{5,})(?=[A-Z][a-z])")
#: A wire dateline opening a paragraph ("KYIV, Sept 12 (Reuters) - ", "WASHINGTON (AP) — ",
#: "KYIV, Ukraine, Nov. 9, 2022 — "): a city in capitals, then a region, a date or an agency (or
#: an em dash), then the dash before the story's first sentence.
_DATELINE = re.compile(
    r"(?m)^(?P<line>[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}"
    r"(?P<region>(?:, [A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}){0,2})"
    r"(?P<date>,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"
    r"(?P<agency> \([A-Z][A-Za-z.&' ]{1,30}\))?"
    r" ?(?P<dash>[-–—]{1,2})) (?=[A-Z“\"'‘])"
)
#: A straight quote used as a quotation mark, not as an apostrophe ("There's").
_STRAIGHT_QUOTE = {'"': re.compile('"'), "'": re.compile(r"(?<![A-Za-z])'|'(?![A-Za-z])")}
#: A single line break inside a sentence: the next line goes on in a lowercase word ("U.S.\nmedia").
_BROKEN_LINE = re.compile(r"(?<=\S)\n(?=[a-z]+\b)")
#: Abbreviations glued to a following name ("Gov.Sarah Palin") are not sentence ends. A closed class
#: of English titles and company suffixes (as in spaCy's tokenizer exceptions), kept with the rule.
ABBREVIATIONS = frozenset(
    "Adm Capt Cmdr Col Corp Dept Dr Drs Gen Gov Hon Inc Jr Lt Ltd Maj Messrs Mr Mrs Ms Mt Mssrs "
    "No Prof Rep Reps Rev Sen Sens Sgt Sr St Supt Vol vs".split()
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")


@dataclass(frozen=True)
class Rules:
    """Compiled boilerplate rules, by kind."""

    line: tuple[re.Pattern[str], ...] = ()
    list: tuple[re.Pattern[str], ...] = ()
    caption: tuple[re.Pattern[str], ...] = ()
    bio: tuple[re.Pattern[str], ...] = ()


def parse_rules(patterns: Sequence[str], source: str = "<patterns>") -> Rules:
    """Compile ``"<kind>: <regex>"`` strings (a bare regex means ``line:``) into :class:`Rules`.

    Blank strings and ``#`` comments are skipped. Raises :class:`InputError` naming the bad pattern
    and the allowed kinds when a kind is unknown or a regex does not compile.
    """
    found: dict[str, list[re.Pattern[str]]] = {kind: [] for kind in KINDS}
    for number, raw in enumerate(patterns, start=1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        kind, sep, regex = entry.partition(":")
        if not sep or kind.strip() not in KINDS:
            kind, regex = "line", entry
        kind, regex = kind.strip(), regex.strip()
        flags = 0 if kind == "bio" else re.IGNORECASE
        try:
            found[kind].append(re.compile(regex, flags))
        except re.error as err:
            raise InputError(
                f"{source}:{number}", f"pattern {regex!r} is not a valid regular expression ({err})"
            ) from None
    return Rules(**{kind: tuple(compiled) for kind, compiled in found.items()})


def _is_short_headline(line: str, max_words: int) -> bool:
    """True for a one-sentence line of at most ``max_words`` words (a teaser headline)."""
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= max_words and not _INNER_SENTENCE_END.search(stripped)


def is_menu_line(line: str, max_chars: int = 40, max_words: int = 5) -> bool:
    """True for a short line without sentence punctuation or digits, such as a navigation entry."""
    stripped = line.strip()
    return (
        bool(stripped)
        and len(stripped) <= max_chars
        and len(stripped.split()) <= max_words
        and not _NOT_MENU.search(stripped)
    )


def _next_nonblank(lines: Sequence[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def mark_rule_lines(lines: Sequence[str], rules: Rules, keep: list[bool]) -> None:
    """Clear ``keep`` for lines removed by ``line``, ``list`` and ``caption`` rules."""
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped:
            index += 1
            continue
        if any(p.fullmatch(stripped) for p in rules.line):
            keep[index] = False
        elif any(p.fullmatch(stripped) for p in rules.list):
            keep[index] = False
            # The items: bulleted lines, or short headline-like lines, until real text resumes.
            nxt = _next_nonblank(lines, index + 1)
            while nxt is not None and (
                _BULLET.match(lines[nxt]) or _is_short_headline(lines[nxt], max_words=12)
            ):
                keep[nxt] = False
                index = nxt
                nxt = _next_nonblank(lines, nxt + 1)
        elif any(p.fullmatch(stripped) for p in rules.caption):
            keep[index] = False
            nxt = _next_nonblank(lines, index + 1)
            if nxt is not None and _is_short_headline(lines[nxt], max_words=15):
                keep[nxt] = False
                index = nxt
        index += 1


def mark_menus(
    lines: Sequence[str], keep: list[bool], min_run: int = 3, max_chars: int = 40, max_words: int = 5
) -> None:
    """Clear ``keep`` for runs of ``min_run``+ menu-like lines (blank lines may separate them).

    Lines already removed neither extend nor break a run, so a menu interrupted by a removed
    "Download App" line is still one run.
    """
    run: list[int] = []

    def close() -> None:
        if len(run) >= min_run:
            for member in run:
                keep[member] = False
        run.clear()

    for index, line in enumerate(lines):
        if not line.strip() or not keep[index]:
            continue
        if is_menu_line(line, max_chars, max_words):
            run.append(index)
        else:
            close()
    close()


def mark_final_bio(lines: Sequence[str], rules: Rules, keep: list[bool]) -> None:
    """Clear ``keep`` for a closing author bio and the bare name line just above it."""
    kept = [i for i, line in enumerate(lines) if keep[i] and line.strip()]
    if not kept:
        return
    last = kept[-1]
    if not any(p.match(lines[last].strip()) for p in rules.bio):
        return
    keep[last] = False
    if len(kept) >= 2:
        above = lines[kept[-2]].strip()
        if len(above) <= 40 and _NAME_LINE.fullmatch(above):
            keep[kept[-2]] = False


def strip_boilerplate(
    text: str, rules: Rules, min_menu_run: int = 3, menu_max_chars: int = 40, menu_max_words: int = 5
) -> str:
    """Return ``text`` without boilerplate lines; blank-line runs left behind collapse to one.

    Kept lines are returned unchanged, so the result is ``text`` with whole lines deleted.
    """
    lines = text.split("\n")
    keep = [True] * len(lines)
    mark_rule_lines(lines, rules, keep)
    mark_menus(lines, keep, min_menu_run, menu_max_chars, menu_max_words)
    mark_final_bio(lines, rules, keep)
    if all(keep):
        return text
    kept = "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
    return re.sub(r"\n{3,}", "\n\n", kept).strip("\n")


def normalise(text: str) -> str:
    """NFC, ``\\n`` newlines, no control characters, no trailing spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text.replace("\f", "\n"))
    text = re.sub(r"[ \t\u00a0]+$", "", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def split_glued(text: str, separator: str = "\n\n", abbreviations: frozenset[str] = ABBREVIATIONS) -> str:
    """Insert ``separator`` where scraping glued two paragraphs ("Lyon.The United States"), or a
    subheading to its paragraph ("Massive casualtiesKherson was").

    A straight quote after the full stop is taken as closing when the line so far holds an odd
    number of them (so '"Yes," he said."Today' splits before the quote, '"It is over."He' after).
    """

    def repl(match: re.Match[str]) -> str:
        word, stop, quote = match.groups()
        if stop == "." and word in abbreviations:
            return match.group(0)
        if quote in _STRAIGHT_QUOTE:
            start = text.rfind("\n", 0, match.start()) + 1
            if len(_STRAIGHT_QUOTE[quote].findall(text, start, match.start(3))) % 2 == 0:  # opening
                return word + stop + separator + quote
        return word + stop + quote + separator

    text = _GLUED.sub(repl, text)
    return _GLUED_HEADING.sub(lambda m: m.group(1) + separator, text)


def split_dateline(text: str, separator: str = "\n\n") -> str:
    """Put a wire dateline ("KYIV, Sept 12 (Reuters) - ") on a line of its own: read as part of
    the first sentence, its city became the sentence's subject and its date the event's."""

    def repl(match: re.Match[str]) -> str:
        dated = match.group("date") or match.group("agency") or match.group("dash") in ("—", "–", "--")
        return match.group("line") + separator if dated else match.group(0)

    return _DATELINE.sub(repl, text)


def join_broken_lines(text: str) -> str:
    """Replace a line break followed by a lowercase letter with a space (same length, same offsets).

    Scrapers break lines after abbreviations and ellipses ("U.S.\nmedia", "Battlefield...\nand");
    a new paragraph or menu entry never starts in lowercase.
    """
    return _BROKEN_LINE.sub(" ", text)


def drop_repeated_headline(text: str) -> str:
    """Keep a headline that is repeated as the first two paragraphs only once."""
    parts = text.split("\n\n", 2)
    if len(parts) >= 2 and parts[0].strip() and parts[0].strip() == parts[1].strip():
        return "\n\n".join([parts[0]] + parts[2:])
    return text


class Boilerplate:
    """Strip site boilerplate from an article's text.

    >>> strip = Boilerplate.from_file()
    >>> strip("Kyiv retook the city.\\n\\nLeave a Reply")
    'Kyiv retook the city.'
    """

    def __init__(
        self,
        patterns: Sequence[str],
        *,
        min_menu_run: int = 3,
        menu_max_chars: int = 40,
        menu_max_words: int = 5,
        source: str = "<patterns>",
    ) -> None:
        self.patterns = tuple(patterns)
        self.rules = parse_rules(self.patterns, source)
        self.min_menu_run = min_menu_run
        self.menu_max_chars = menu_max_chars
        self.menu_max_words = menu_max_words

    @classmethod
    def from_file(cls, path: str | Path | None = None, **config: int) -> Boilerplate:
        """Load the rules from ``path`` (default: the packaged ``graph/data/boilerplate.txt``)."""
        if path is None:
            text = resources.files("graph").joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
            source = "graph/data/boilerplate.txt"
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                raise InputError(str(path), f"cannot read boilerplate patterns ({err})") from None
            source = str(path)
        return cls(text.splitlines(), source=source, **config)

    def __call__(self, text: str) -> str:
        return strip_boilerplate(
            text, self.rules, self.min_menu_run, self.menu_max_chars, self.menu_max_words
        )
