"""How an event is situated: asserted, negated, possible or future, and the tense to read its date in.

Pure functions over spaCy tokens (English grammar: negation, modals, conditionals, words of
possibility), tested alone in tests/test_modality.py and through the extractor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.records import Factuality

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graph.reference import WordClasses

# English function words: grammar, not data about the world.
_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_MODALS_HYPOTHETICAL = {"could", "might", "may", "would", "should", "must", "can", "ca"}
_FUTURE = {"will", "shall", "wo", "'ll"}
_HYPOTHETICAL_HEADS = {"if", "unless", "whether"}
#: Adverbs that make a clause a guess: "have likely suffered", "probably withdrew".
_MODAL_ADVERBS = {"likely", "probably", "possibly", "perhaps", "maybe"}
#: Word classes of verbs whose object noun is the event itself ("held talks", "suffered
#: losses"): the verb's modality is the event's.
_LIGHT = ("support", "undergo", "receive")


def is_infinitive(verb: Token) -> bool:
    """Whether ``verb`` is a to-infinitive ("to negotiate"): an act only envisaged."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _verb_of(tok: Token) -> Token:
    """The verb that governs ``tok`` (itself when it is a verb)."""
    hops = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and hops < 8:
        tok = tok.head
        hops += 1
    return tok


def _possible_only(trigger: Token, words: WordClasses) -> bool:
    """Whether a noun or adjective of possibility governs the trigger ("an opportunity to
    negotiate", "a window of opportunity for negotiation", "ready for talks"), or a verb of
    intention whose complement it is ("refused to negotiate", "thinking of negotiations",
    "offered talks", "called for a ceasefire", "urged both sides to return to talks")."""
    tok, prep = trigger, None
    for _ in range(5):
        if tok.dep_ not in ("acl", "relcl", "pobj", "prep", "xcomp", "dobj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ in ("NOUN", "ADJ") and words.has(tok.lemma_, "possibility"):
            return True
        if tok.pos_ in ("VERB", "AUX"):
            # "called for a ceasefire": the verb with the preposition it takes the event by.
            if words.has(tok.lemma_, "intend") or (prep and words.has(f"{tok.lemma_} {prep}", "intend")):
                return True
            if tok.dep_ == "ccomp" and _possibly(tok.head, words):
                return True  # "it was possible that the Russians would use the retreat to …"
            if tok.dep_ not in ("xcomp", "acl"):
                return False
            # "urged both sides to return to talks": a verb of intention may govern the clause.
        prep = tok.lower_ if tok.dep_ == "prep" else None
    return False


def _possibly(verb: Token, words: WordClasses) -> bool:
    """``verb`` is "be" with a predicate of possibility: "it was possible that …"."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "acomp" and words.has(c.lemma_, "possibility") for c in verb.children
    )


def _present_or_future(verb: Token) -> bool:
    """Whether a verb's clause speaks of now or later ("is not thinking", "will wait")."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & (_FUTURE | {"is", "are", "am", "'s", "'re"})) or verb.tag_ in ("VBP", "VBZ")


def _unrealised_noun(trigger: Token) -> bool:
    """Whether a noun event is only a condition, a purpose or a limit yet to come: the subject
    of a "for … to" clause ("for negotiations to have a chance"), what an infinitive would draw
    someone "into" ("to draw Ukrainian forces into trench warfare"), or what a present or future
    clause waits "until" ("not thinking of talks until the liberation of its territory")."""
    head = trigger.head
    if head.lower_ == "for" and any(c.dep_ == "acl" and is_infinitive(c) for c in trigger.children):
        return True
    if trigger.dep_ == "pobj" and head.lower_ == "into" and is_infinitive(head.head):
        return True  # "simulating a withdrawal to draw Ukrainian forces into trench warfare": a purpose
    return (
        trigger.dep_ == "pobj"
        and head.lower_ in ("until", "till")
        and head.head.pos_ in ("VERB", "AUX")
        and _present_or_future(head.head)
    )


#: Nouns whose denial asserts what they govern: "there is no doubt of the attack".
_DENIAL_ASSERTS = frozenset({"doubt", "denying"})


def _denied_by_noun(trigger: Token) -> bool:
    """Whether a noun event is what a noun under "no" or "not" denies: "there was no question
    of peace talks", "no sign of a withdrawal", "no evidence of an attack" (but "no doubt of")."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in ("of", "for") or prep.head.pos_ != "NOUN":
        return False
    noun = prep.head
    if noun.lemma_.lower() in _DENIAL_ASSERTS:
        return False
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in noun.children)


def phrasal_lemma(verb: Token) -> str:
    """A verb's lemma with its particle ("rule out"), or its lemma alone."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return f"{verb.lemma_.lower()} {particles[0]}" if particles else verb.lemma_.lower()


def _excluded(trigger: Token, words: WordClasses | None) -> Factuality | None:
    """The factuality a verb of exclusion gives the noun event it governs: "ruled out
    talks" and "talks were ruled out" are negated; "did not rule out talks" and "talks could
    not be ruled out" leave them possible. None when no such verb governs the noun."""
    head = trigger.head
    if (
        words is None
        or trigger.dep_ not in _PASSIVE_SUBJECTS | {"dobj"}
        or head.pos_ not in ("VERB", "AUX")
        or not words.has(phrasal_lemma(head), "exclude")
    ):
        return None
    verbal = factuality(head, words)
    if verbal in (Factuality.ASSERTED, Factuality.FUTURE):
        return Factuality.NEGATED
    return Factuality.HYPOTHETICAL


def factuality(trigger: Token, words: WordClasses | None = None) -> Factuality:
    """Asserted, negated, hypothetical or future, from negation, modals and conditionals.

    A noun event takes only negation and futurity from the verb it is the subject of
    ("talks will not resume"), never its modality: in "Russia's announcement could give
    both sides a chance" the announcement itself happened; but a verb of occurring passes
    on its modality ("talks could take place"). An event governed by a word of possibility
    ("an opportunity to negotiate", "ready for talks") or of intention ("refused to
    negotiate"), or one that is only a condition or a limit to come ("for talks to have a
    chance", "until the liberation") is hypothetical.
    """
    if trigger.pos_ not in ("VERB", "AUX"):
        own = list(trigger.children)
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in own):
            return Factuality.NEGATED
        excluded = _excluded(trigger, words)
        if excluded is not None:
            return excluded
        if _denied_by_noun(trigger):
            return Factuality.NEGATED
        if trigger.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS and trigger.head.pos_ in ("VERB", "AUX"):
            verbal = factuality(trigger.head, words)
            occurs = words is not None and words.has(trigger.head.lemma_, "occur")
            if verbal in (Factuality.NEGATED, Factuality.FUTURE) or occurs:
                return verbal
        head = trigger.head
        if (
            trigger.dep_ == "dobj"
            and head.pos_ in ("VERB", "AUX")
            and words is not None
            and any(words.has(head.lemma_, c) for c in _LIGHT)
        ):
            verbal = factuality(head, words)
            if verbal is not Factuality.ASSERTED:
                return verbal  # "could hold talks", "have likely suffered losses"
        if _unrealised_noun(trigger) or (words is not None and _possible_only(trigger, words)):
            return Factuality.HYPOTHETICAL
        return Factuality.ASSERTED
    verb = _verb_of(trigger)
    scope = [trigger] if verb is trigger else [trigger, verb]
    deps = [c for t in scope for c in t.children]
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in deps):
        return Factuality.NEGATED
    aux = {c.lower_ for c in deps if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE or any(c.lower_ == "going" and c.dep_ == "aux" for c in deps):
        return Factuality.FUTURE
    if aux & _MODALS_HYPOTHETICAL or any(c.dep_ == "advmod" and c.lower_ in _MODAL_ADVERBS for c in deps):
        return Factuality.HYPOTHETICAL
    if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL_HEADS for c in verb.children):
        return Factuality.HYPOTHETICAL
    if words is not None and _possible_only(trigger, words):
        return Factuality.HYPOTHETICAL
    return Factuality.ASSERTED


def _scheduled_now(head: Token) -> bool:
    """A present passive or adjective that a clause complements: "is scheduled to", "are
    expected to", "is due to" (what is now planned is still to come)."""
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        copula = head.head
        return copula.lower_ in _PRESENT_BE or any(
            c.lower_ in _PRESENT_BE for c in copula.children if c.dep_ == "aux"
        )
    return head.pos_ == "VERB" and any(c.dep_ == "auxpass" and c.lower_ in _PRESENT_BE for c in head.children)


#: Present forms of "be".
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})


def tense(trigger: Token) -> str:
    """The tense to read a date in: "future" for future or conditional events, "perfect" for
    the present perfect (a duration then runs up to now), else "past".

    News reports the past; "will" and a conditional ("would use the lull for an offensive
    in the spring") look ahead, unless a perfect makes it the past ("could have taken").
    The auxiliaries are looked for on the verbs governing the trigger, up to the first
    verb that has any or that heads its own clause.
    """
    tok = trigger
    for _ in range(8):
        if tok.dep_ == "xcomp" and _scheduled_now(tok.head):
            return "future"  # "is scheduled to meet Biden on Friday", "is due to arrive"
        if tok.pos_ in ("VERB", "AUX"):
            aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
            if aux & _FUTURE or "going" in aux:
                return "future"
            if aux & _MODALS_HYPOTHETICAL and "have" not in aux:
                return "future"
            if aux & {"has", "have", "'ve"} and not aux & _MODALS_HYPOTHETICAL:
                return "perfect"  # "have been advancing for two months": up to now
            if aux - {"to"} or tok.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "parataxis"):
                return "past"
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return "past"
