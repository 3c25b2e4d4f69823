"""Readings of a trigger that its context rules out: the word names an event of its type only in
some of its senses. A company taken over is no capture of territory ("Ryanair's bid to take
over Aer Lingus"); an illness or a fire fought is no armed fight ("Jobs fought pancreatic
cancer", "firefighters battled the blaze"). Tested in tests/test_extract.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.records import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graph.reference import WordClasses

#: Event types that take territory: one whose only patients are organisations is a takeover.
TERRITORY_TYPES = frozenset({"Capture"})
#: Event types of armed combat: one fought against an illness or a fire is none.
COMBAT_TYPES = frozenset({"Fighting"})


def other_sense(
    kind: str, trigger: Token, patient_kinds: Sequence[EntityKind | None], placed: bool, words: WordClasses
) -> bool:
    """Whether ``trigger``, read as an event of type ``kind``, is used in another sense here:
    a capture whose only patients are organisations and that has no place, or a fight whose
    object is a word of the ``nonparty`` class (graph/data/grammar.tsv)."""
    if (
        kind in TERRITORY_TYPES
        and not placed
        and patient_kinds
        and set(patient_kinds) == {EntityKind.ORGANISATION}
    ):
        return True
    return kind in COMBAT_TYPES and any(words.has(o.lemma_, "nonparty") for o in objects(trigger))


def objects(tok: Token) -> list[Token]:
    """What a verb or noun acts on: its objects, and the objects of its "against", "with", "of"."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("against", "with", "of")):
        out += [g for g in prep.children if g.dep_ == "pobj"]
    return out
