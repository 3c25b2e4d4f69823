"""How many events a trigger reports. One trigger, several counted groups: "40,000 civilians
and 100,000 soldiers were killed" reports two counts of casualties, one per group, not one
event of both. Two triggers, one event: "killed or wounded".

Pure functions over spaCy tokens, tested alone in tests/test_counts.py and through the extractor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def counted_groups(
    nouns: Sequence[Token | None], keys_of: Callable[[Token], Sequence[str]]
) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """The figures of one event grouped by the coordinated noun phrase each counts, when they
    count two or more such phrases that name different parties; else ``[]``.

    ``nouns[i]`` is the noun figure ``i`` counts (None when unknown); ``keys_of`` gives the
    entity keys a noun phrase names on its own ("Ukrainian civilians" → Ukraine). Returns, in
    text order, ``(keys, figure indices)`` per group. "20,000 troops and 300 tanks" stays one
    event: tanks name no party. Every figure must belong to a group, or nothing is split.
    """
    if len(nouns) < 2 or any(n is None for n in nouns):
        return []
    by_noun: dict[int, list[int]] = {}
    heads: dict[int, Token] = {}
    for i, noun in enumerate(nouns):
        assert noun is not None
        by_noun.setdefault(noun.i, []).append(i)
        heads[noun.i] = noun
    if len(by_noun) < 2:
        return []
    first = heads[min(heads)]
    coordinated = {first.i} | {c.i for c in first.conjuncts}
    if not set(heads) <= coordinated:
        return []
    groups = [(tuple(dict.fromkeys(keys_of(heads[i]))), tuple(by_noun[i])) for i in sorted(by_noun)]
    parties = [keys for keys, _ in groups]
    if any(not keys for keys in parties) or len(set(parties)) < len(parties):
        return []
    return groups


def same_event_conjunct(tok: Token, kind: str, triggers: Mapping[int, tuple[str, str]]) -> bool:
    """A verb coordinated with a trigger of its type and with no arguments of its own is
    the same event said twice ("killed or wounded", "captured and occupied")."""
    head = tok.head
    if tok.dep_ != "conj" or head.i not in triggers or triggers[head.i][0] != kind:
        return False
    return not any(c.dep_ in _OWN_ARGUMENTS for c in tok.children)


def result_of(tok: Token, triggers: Mapping[int, tuple[str, str]]) -> int | None:
    """The trigger a participle clause with no subject or conjunction of its own hangs on
    ("A missile hit a block in Odesa overnight, killing three people"): what that event did,
    there and then, so the trigger whose place and day are the clause's; else None ("after
    leaving Kherson" is another time)."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.head.i not in triggers:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in tok.children):
        return None
    return tok.head.i


#: What makes a coordinated verb an act of its own: its own subject, object or content ("has
#: said it is open to talks, and this week announced that it had begun a withdrawal").
_OWN_ARGUMENTS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "agent", "dative", "ccomp", "xcomp", "attr", "oprd"}
)
