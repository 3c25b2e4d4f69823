"""Readings of a trigger that its context rules out: the word names an event of its type only in
some of its senses. A company taken over is no capture of territory ("Ryanair's bid to take
over Aer Lingus"); an illness, a fire, a deal or money fought, attacked, killed or withdrawn is
no armed fight, attack, death or retreat ("Jobs fought pancreatic cancer", "the Pentagon killed
the deal", "investors withdrew their funds"). Tested in tests/test_extract.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.modality import phrasal_lemma
from graph.records import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from graph.reference import WordClasses

#: Event types that take territory: one whose only patients are organisations is a takeover.
TERRITORY_TYPES = frozenset({"Capture"})
#: Event types a natural hazard does not do: "the quake struck" is no armed attack.
ARMED_TYPES = frozenset({"Attack", "Fighting"})
#: Event types whose partner is a party: one met or agreed with that is a ``standard`` (a need, a
#: deadline, a policy) is another sense of the verb.
PARTY_TYPES = frozenset({"Negotiation"})
#: Event types whose object must be a party, a place or a force: fought, attacked, killed or
#: withdrawn, an illness, a fire, a deal or money makes them another sense of the verb.
COMBAT_TYPES = frozenset({"Fighting", "Attack", "Casualties", "Withdrawal"})


def other_sense(
    kind: str,
    trigger: Token,
    patient_kinds: Sequence[EntityKind | None],
    placed: bool,
    words: WordClasses,
    cyber: bool = False,
) -> bool:
    """Whether ``trigger``, read as an event of type ``kind``, is used in another sense here
    (word classes of grammar.tsv): a capture whose only patients are organisations and that has
    no place, or whose object is a ``prize`` or a ``group`` of people; a verb with an ``idiom``
    particle; an attack or a fight whose subject is a ``hazard`` or whose object is a
    ``munition``, or in a sentence that names a ``cyber`` noun (``cyber``: :func:`names_cyber`
    of the sentence); a meeting or agreement with a ``standard``; or a fight, attack, killing or
    withdrawal whose object is a word of the ``nonparty`` class."""
    if (
        kind in TERRITORY_TYPES
        and not placed
        and patient_kinds
        and set(patient_kinds) == {EntityKind.ORGANISATION}
    ):
        return True
    if trigger.pos_ == "VERB" and words.has(phrasal_lemma(trigger), "idiom"):
        return True  # "struck up a conversation"
    if kind in TERRITORY_TYPES and any(words.has(o.lemma_, "prize") for o in objects(trigger)):
        return True  # "captured the imagination of a generation"
    if kind in TERRITORY_TYPES and any(_people_taken(o, words) for o in objects(trigger)):
        return True  # "many Russian soldiers had been captured": prisoners, no territory
    if kind in ARMED_TYPES and any(words.has(s.lemma_, "hazard") for s in subjects(trigger)):
        return True  # "the quake, which struck at 1353"
    sends = words.has(trigger.lemma_, "discharge")
    if kind in ARMED_TYPES and not sends and any(_counts_munitions(o, words) for o in objects(trigger)):
        return True  # "air defences shot down 12 of the 15 drones": interception, no attack
    if kind in ARMED_TYPES and cyber:
        return True  # "attacks that attempt to use this vulnerability against Internet Explorer 7"
    if kind in PARTY_TYPES and trigger.pos_ == "VERB":
        met = [c for c in trigger.children if c.dep_ == "dobj"]
        met += [g for p in trigger.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children]
        if any(words.has(o.lemma_, "standard") for o in met):
            return True  # "meet the needs of women", "agree with the policies"
    if kind not in COMBAT_TYPES:
        return False
    targets = objects(trigger)
    if words.has(trigger.lemma_, "undergo"):  # "died of cancer": what one dies of is the cause
        targets = [o for o in targets if o.dep_ != "pobj"]
    return any(words.has(o.lemma_, "nonparty") for o in targets)


def _people_taken(tok: Token, words: WordClasses) -> bool:
    """A body of people taken (a ``group`` noun: soldiers, troops, officials) is no territory;
    "the positions of Russian troops" or "a town held by soldiers" still are."""
    return tok.pos_ == "NOUN" and words.has(tok.lemma_, "group")


def bout_of_illness(tok: Token, words: WordClasses) -> bool:
    """Whether the noun ``tok`` is an ``ailment`` word's attack, arrest or seizure: a bout of
    illness, no event ("died of a heart attack", "cardiac arrest", "an epileptic seizure").
    Decided before dates are given, so that "died of a heart attack on Monday" dates the death."""
    return tok.pos_ == "NOUN" and any(
        c.dep_ in ("compound", "amod") and words.has(c.lemma_, "ailment") for c in tok.children
    )


def suffered_of(tok: Token, words: WordClasses) -> Token | None:
    """The ``undergo`` verb the noun ``tok`` is what its subject suffered of or from ("died of
    his wounds", "died from injuries"), else None: a noun of the verb's own event type there
    is that event, not one more."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "from"):
        return None
    verb = tok.head.head
    return verb if verb.pos_ == "VERB" and words.has(verb.lemma_, "undergo") else None


def subjects(tok: Token) -> list[Token]:
    """Who or what does it: a verb's subject, or for a relative clause the noun it describes."""
    out = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    relative = [c for c in out if c.lower_ in ("which", "that", "who")]
    if relative and tok.dep_ == "relcl":
        out = [tok.head]
    return out


#: Prepositions whose object a verb or noun acts on ("fought against", "pulled out of").
_OBJECT_PREPS = frozenset({"against", "with", "of", "on", "from"})


def objects(tok: Token) -> list[Token]:
    """What a verb or noun acts on: its objects, and the objects of its "against", "with",
    "of", "on"."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    # "shot down 12 of the 15 drones": the parser may hang a count as an adverbial.
    out += [c for c in tok.children if c.dep_ == "npadvmod" and c.pos_ == "NUM"]
    preps = [c for c in tok.children if c.dep_ == "prep"]
    # "pulling out of the grain deal": the parser hangs "of" on "out".
    preps += [g for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ == "out" for g in c.children]
    for prep in (c for c in preps if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS):
        out += [g for g in prep.children if g.dep_ == "pobj"]
    return out


def names_cyber(sent: Span, words: WordClasses) -> bool:
    """Whether a sentence names a noun of computer security (class ``cyber``)."""
    return any(t.pos_ == "NOUN" and words.has(t.lemma_, "cyber") for t in sent)


#: What a protest by organisations alone is: a formal objection ("Boeing's protest of the
#: contract award", "the company protested the ruling"), not people in the street.
FORMAL_PROTEST = ("Protest", "Criticism")


def formal_protest(kind: str, agent_kinds: Sequence[EntityKind | None]) -> str:
    """``kind``, or Criticism for a protest whose agents are all organisations."""
    protest, criticism = FORMAL_PROTEST
    if kind == protest and agent_kinds and all(k is EntityKind.ORGANISATION for k in agent_kinds):
        return criticism
    return kind


def _counts_munitions(obj: Token, words: WordClasses) -> bool:
    """Whether an object is a ``munition`` or a count of them ("12 of the 15 drones")."""
    if words.has(obj.lemma_, "munition"):
        return True
    partitive = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return obj.pos_ == "NUM" and any(words.has(g.lemma_, "munition") for g in partitive)
