"""What a tally counts when the number is said of the tally, not beside its noun: "the death
toll rose to 30,000", "the number of refugees passed two million", "the toll stands at 1,414".
A pure function over spaCy tokens; graph.figures reads it for the counted noun."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Nouns that name a count of something: the number said of them counts what they tally.
TALLY_NOUNS = frozenset({"toll", "tally", "number", "count", "total"})
#: Prepositions that put a number to a tally's verb ("rose to", "climbed above", "stands at").
_TO = frozenset({"to", "above", "past", "over", "at", "beyond"})


def tallied_noun(number: Token) -> Token | None:
    """The noun a tally counts when ``number`` (a number phrase's root) is what the tally's verb
    reaches: the tally's modifier ("death toll" -> death) or its "of" noun ("the number of
    refugees" -> refugees); None otherwise."""
    verb = number.head
    if number.dep_ == "pobj" and verb.lower_ in _TO:
        verb = verb.head
    elif number.dep_ not in ("dobj", "attr"):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    tally = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if tally is None or tally.lemma_.lower() not in TALLY_NOUNS:
        return None
    for child in tally.children:
        if child.dep_ in ("compound", "amod") and child.pos_ == "NOUN":
            return child  # "the death toll"
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    return None
