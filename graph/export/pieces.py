"""A page written in pieces: its data's JSON made and written an item at a time, never whole.

A page carries all its events as JSON. Made whole, the JSON, the filled page and the page with its
Content-Security-Policy were each a string of the page's size, up to four bytes a character in
Python (one character outside Latin-1 makes a string two bytes a character; one emoji, four):
a large build's pages took more memory than anything else at its end. Here a page is made with
:data:`DATA_MARK` where its data goes, its policy is computed on that (the data's script
element is JSON, which no policy hash covers, and its text cannot hold a tag, see
:func:`~graph.export._html.json_for_script`), and the data is written into the mark's place
piece by piece. The bytes are those of the page made whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from graph.atomic import atomic_open
from graph.export._html import json_for_script

__all__ = ["DATA_MARK", "json_pieces", "page_pieces", "write_pieces"]

#: Where a page's data goes, until it is written: NUL, which no template, asset or escaped text
#: of a page holds (a page holding it otherwise is refused by :func:`page_pieces`).
DATA_MARK = "\x00evkg-data\x00"


def json_pieces(data: Any, depth: int = 2) -> Iterator[str]:
    """:func:`~graph.export._html.json_for_script` of ``data`` in pieces whose concatenation is
    the same text: dicts and lists down to ``depth`` levels are opened and closed here, what
    they hold is encoded an item at a time."""
    if depth and isinstance(data, dict) and all(isinstance(k, str) for k in data):
        yield "{"
        for i, key in enumerate(sorted(data)):
            yield ("," if i else "") + json_for_script(key) + ":"
            yield from json_pieces(data[key], depth - 1)
        yield "}"
    elif depth and isinstance(data, list | tuple):
        yield "["
        for i, item in enumerate(data):
            if i:
                yield ","
            yield from json_pieces(item, depth - 1)
        yield "]"
    else:
        yield json_for_script(data)


def page_pieces(page: str, data: Any) -> Iterator[str]:
    """``page`` with the JSON of ``data`` (:func:`json_pieces`) in place of its one
    :data:`DATA_MARK`; raises ValueError when the page holds the mark other than once."""
    before, mark, after = page.partition(DATA_MARK)
    if not mark or DATA_MARK in after:
        raise ValueError("a page must hold its data mark exactly once")
    yield before
    yield from json_pieces(data)
    yield after


def write_pieces(path: Path, pieces: Iterable[str]) -> None:
    """Write the text ``pieces`` make to ``path``, atomically (UTF-8)."""
    with atomic_open(Path(path), "w") as handle:
        for piece in pieces:
            handle.write(piece)
