"""Which earlier event a noun names again: "…held talks in March. The talks will not resume."

Pure functions over spaCy tokens and earlier mentions, tested through the extractor
(tests/test_extract.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graph.records import Mention

_DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}
#: How far back (in characters) a definite event noun looks for the event it names again.
_EVENT_ANAPHORA_WINDOW = 1500


def recent(earlier: list[Mention], at: int) -> Iterator[Mention]:
    """Earlier mentions from the latest back, stopping past the anaphora window (no copying:
    long articles have many)."""
    for m in reversed(earlier):
        if at - m.trigger_start > _EVENT_ANAPHORA_WINDOW:
            return
        yield m


def antecedent_event(tok: Token, kind: str, latest_first: Iterable[Mention]) -> Mention | None:
    """For a definite event noun with no arguments ("the talks"), the last mention of that type
    within the window (``latest_first``: the candidates, latest first). One of a set ("one of
    the mediations") names no earlier event."""
    if tok.pos_ != "NOUN" or not any(
        c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children
    ):
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NUM", "PRON", "ADJ"):
        return None
    for m in latest_first:
        if m.event_type == kind and tok.idx - m.trigger_start <= _EVENT_ANAPHORA_WINDOW:
            return m
    return None
