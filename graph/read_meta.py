"""Article metadata and text decoding: dates, the ``articles.json`` sidecar, bytes to text.

Pure functions the reader (:mod:`graph.read`) uses; each raises :class:`InputError` or
:class:`MetadataError` naming the file and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from graph.boilerplate import (
    Boilerplate,
    drop_repeated_headline,
    join_broken_lines,
    normalise,
    split_dateline,
    split_glued,
)
from graph.errors import InputError
from graph.records import Problem

SIDECAR = "articles.json"
_SIDECAR_STRINGS = ("title", "outlet", "author", "url", "language", "published_basis")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")
#: A first line stating the publication date: "date 2022-11-10", "Published: 2022-11-10",
#: "Posted on 2022-11-10" (ISO dates only: "03-02-2009" is not guessed).
_DATE_LINE = re.compile(
    r"[ \t]*(?:date|dated|published(?:[ \t]+on)?|posted(?:[ \t]+on)?)[ \t]*:?[ \t]+"
    r"(\d{4}-\d{1,2}-\d{1,2})[ \t]*\r?(?:\n|$)",
    re.IGNORECASE,
)


def parse_iso_date(value: str) -> dt.date | None:
    """``"2008-03-01"`` or ``"2008-03-01T..."`` as a date; None when it is not a real date."""
    match = _DATE.fullmatch(value.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def decode_text(data: bytes, source: str) -> str:
    """Decode a file's bytes as UTF-8 (a BOM is fine); raise InputError for anything else."""
    if not data:
        raise InputError(source, "file is empty; allowed: a UTF-8 text with the article")
    if b"\x00" in data:
        raise InputError(source, "file is binary (NUL bytes); allowed: UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            source,
            f"file is not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); save it as UTF-8",
        ) from None
    odd = sum(
        1
        for char in text
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\t\n\r\f"
    )
    if odd > 0.05 * len(text):
        raise InputError(source, "file is binary (mostly control characters); allowed: UTF-8 text")
    if not text.strip():
        raise InputError(source, "file holds only whitespace; allowed: a UTF-8 text with the article")
    return text


def split_date_line(text: str) -> tuple[str, dt.date | None, str | None]:
    """Remove a first line ``date YYYY-MM-DD`` (or "Published: …", :data:`_DATE_LINE`); return
    (rest, date, warning about a bad date)."""
    stripped = text.lstrip("\ufeff\r\n")
    match = _DATE_LINE.match(stripped)
    if not match:
        return text, None, None
    date = parse_iso_date(match.group(1))
    warning = None if date else f"first line {match.group(0).strip()!r} is not a date YYYY-MM-DD; ignored"
    return stripped[match.end() :], date, warning


def clean_text(text: str, boilerplate: Boilerplate, separator: str = "\n\n") -> str:
    """The final article text: normalised, glued paragraphs split, boilerplate and repeats removed."""
    text = split_dateline(split_glued(join_broken_lines(normalise(text)), separator), separator)
    return normalise(drop_repeated_headline(boilerplate(text)))


def load_sidecar(path: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """Read an ``articles.json`` sidecar into ``{file name: metadata}`` plus the problems found.

    Entries that are malformed are left out (each with a Problem); the valid ones are kept.
    """
    source = str(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return {}, [
            Problem(
                source,
                f"articles.json is unreadable or not valid JSON ({err}); its "
                'metadata is ignored; allowed: UTF-8 JSON {"articles": [...]}',
            )
        ]
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        return {}, [
            Problem(
                source,
                "articles.json must be an object with an 'articles' list of "
                '{"file", "title", "published", ...}; its metadata is ignored',
            )
        ]
    entries: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for number, entry in enumerate(data["articles"], start=1):
        try:
            name, meta = _sidecar_entry(entry)
        except ValueError as err:
            problems.append(Problem(source, f"articles.json entry {number}: {err}; entry ignored"))
            continue
        if name in entries:
            problems.append(
                Problem(
                    source,
                    f"articles.json entry {number}: file {name!r} is listed twice; the first entry is used",
                )
            )
            continue
        entries[name] = meta
    return entries, problems


def _sidecar_entry(entry: object) -> tuple[str, dict[str, Any]]:
    if not isinstance(entry, dict):
        raise ValueError('is not an object; allowed: {"file": "name.txt", "title": ..., ...}')
    name = entry.get("file")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("'file' must be the name of a .txt file in the same folder")
    meta: dict[str, Any] = {}
    for key in _SIDECAR_STRINGS:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} of {name!r} must be a string or null, got {value!r}")
        meta[key] = value
    published = entry.get("published")
    if published is not None:
        date = parse_iso_date(published) if isinstance(published, str) else None
        if date is None:
            raise ValueError(f"'published' of {name!r} must be a date YYYY-MM-DD or null, got {published!r}")
        meta["published"] = date
    return name, meta
