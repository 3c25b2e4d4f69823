"""Where a clause's arguments are when the parse does not put them under the verb: the subject
a verb borrows from the clause that governs it, the noun a relative clause's gap or a
participle stands for, an apposition the parser read as a second subject, and headline English's
passive without "were". Pure functions over spaCy tokens; graph.roles reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Dependency labels of a clause's arguments (spaCy's English scheme).
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "attr", "oprd"})


def set_off(tok: Token, deps: frozenset[str] | set[str]) -> bool:
    """Whether ``tok`` is a name between commas beside another subject of the same verb: the
    parser's reading of an apposition ("According to the chief of staff, General Mark Milley,
    100,000 soldiers were killed": Milley is no second subject)."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    if left == 0 or right + 1 >= len(doc) or doc[left - 1].text != "," or doc[right + 1].text != ",":
        return False
    return any(c.dep_ in deps and c.i != tok.i for c in tok.head.children)


def reduced_passive(verb: Token) -> bool:
    """A past participle with a subject but no auxiliary and no object: headline English drops
    the "were" ("Three Soldiers Killed In Ambush", "officer wounded in shooting"), so the subject
    undergoes the event. "They have killed three" keeps its auxiliary and object."""
    if verb.tag_ != "VBN":
        return False
    clause = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    # A clause it governs ("GM announced that …", tagged VBN by mistake) makes it active.
    active = ("aux", "auxpass", "dobj", "obj", "dative", "ccomp", "xcomp")
    return not any(c.dep_ in active for v in clause for c in v.children)


def subject_of(tok: Token, controls: Callable[[str], bool] = lambda lemma: False) -> Token | None:
    """The subject of a verb, climbing through the clauses that share it.

    "began to withdraw" (xcomp), "withdrew and regrouped" (conj), "was unlikely to leave"
    (xcomp of a predicative adjective; but "urged both sides to return" is the object's: object
    control), "approached Kharkiv before withdrawing" (the verb
    of a preposition's clause), "in order to hold talks": the unexpressed subject is the
    governing verb's. ``controls(lemma)``: whether a verb's object is its infinitive's subject.
    """
    if tok.i > 0 and tok.doc[tok.i - 1].tag_ in ("POS", "PRP$"):
        # "Ukraine's occupied lands", parsed as a verb of the clause: a participle modifying a
        # noun has no subject to borrow.
        return None
    seen = 0
    while tok is not None and seen < 6:
        for child in tok.children:
            if child.dep_ in SUBJECTS and not set_off(child, SUBJECTS):
                return child
        head = tok.head
        if head.i == tok.i:
            return None
        controller = [c for c in head.children if c.dep_ == "dobj"] if tok.dep_ == "xcomp" else []
        if controller and head.pos_ in ("VERB", "AUX") and controls(head.lemma_):
            # "urged both sides to return to talks": the object of the governing verb does it.
            return controller[0]
        if tok.dep_ in ("xcomp", "conj", "advcl"):
            tok = head
        elif (
            tok.dep_ == "pcomp"
            and head.dep_ == "prep"
            and head.lower_ != "as"  # "cited him as saying": the object's clause
            and head.head.pos_ in ("VERB", "AUX")
        ):
            tok = head.head
        elif tok.dep_ in ("acomp", "oprd") and tok.pos_ == "ADJ":
            tok = head
        elif tok.dep_ == "acl" and head.lower_ == "order" and head.head.lower_ == "in":
            tok = head.head.head  # "in order to have talks, both sides would have to…"
        else:
            return None
        seen += 1
    return None


_RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
_RELATIVE_ADVERBS = {"where", "when", "why", "whereby"}


def relative_gap(trigger: Token) -> Token | None:
    """The noun a relative clause's missing object, or a participle's, stands for, or None.

    "Kherson, the only capital that they managed to conquer" → Kherson (through the
    apposition, or the copula of "Kherson is the only capital that…"): the clause has a
    subject of its own ("they"), so what it lacks is the object. "the troops that attacked"
    lacks its subject instead, and has no gap here.
    """
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.head.pos_ in ("NOUN", "PROPN"):
        # "soldiers killed in an ambush", "the city captured last week": a participle's noun
        # is what underwent it (an object or passive subject of its own says otherwise).
        if any(c.dep_ in OBJECTS | PASSIVE_SUBJECTS for c in trigger.children):
            return None
        return trigger.head
    # The gap may sit in a clause the relative clause reports: "the regions that Russia
    # declared it had annexed", "the city that officials said was attacked".
    verb, hops = trigger, 0
    while verb.dep_ in ("xcomp", "ccomp") and hops < 3:
        if verb.dep_ == "ccomp" and not any(c.dep_ == "auxpass" for c in verb.children):
            # "the man officials said fled", "the city that officials said attacked Kherson"
            # (the parser hangs "that" on the inner verb): what it lacks is its subject.
            own = [c for c in verb.children if c.dep_ in SUBJECTS]
            if not own or own[0].lower_ in _RELATIVE_PRONOUNS:
                return None
        verb, hops = verb.head, hops + 1
    if verb.dep_ != "relcl" or any(c.dep_ in OBJECTS | PASSIVE_SUBJECTS for c in trigger.children):
        return None
    if any(c.lower_ in _RELATIVE_ADVERBS for c in verb.children):
        return None  # "the hospital, where she died": where, not what
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects or subjects[0].lower_ in _RELATIVE_PRONOUNS:
        return None
    head = verb.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ == "one":
        # "Kherson was one of four regions that Russia annexed": Kherson is among them.
        head = head.head.head
    while head.dep_ == "appos" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        # "Kherson is the only capital that they managed to conquer": the copula's subject.
        subject = [c for c in head.head.children if c.dep_ in SUBJECTS]
        return subject[0] if subject else head
    return head


def antecedent(tok: Token, trigger: Token) -> Token:
    """For a relative pronoun in a relative clause, the noun it stands for; else ``tok``.

    "the peninsula that Moscow annexed" → peninsula; "Crimea, the peninsula that…" → Crimea.
    """
    if tok.lower_ not in _RELATIVE_PRONOUNS or trigger.dep_ != "relcl":
        return tok
    head = trigger.head
    while head.dep_ == "appos" and head.head.i != head.i:
        head = head.head
    return head


#: Dependencies by which a noun complements a verb ("held talks", "open to talks").


def relative_clauses(sent: Span) -> dict[int, tuple[int | None, int | None]]:
    """Token index → the nearest relative clause it is in (its head verb's index, or None), and
    the nearest one that describes a name (:func:`describes_name`). One walk up per token,
    each step taken once (a 100,000-character sentence stays linear)."""
    out: dict[int, tuple[int | None, int | None]] = {}
    for tok in sent:
        path: list[Token] = []
        node: Token | None = tok
        while node is not None and node.i not in out:
            path.append(node)
            node = None if node.head.i == node.i else node.head
        above = out[node.i] if node is not None else (None, None)
        for step in reversed(path):
            nearest, naming = above
            if step.dep_ == "relcl":
                nearest = step.i
                naming = step.i if describes_name(step) else naming
            out[step.i] = above = (nearest, naming)
    return out


def describes_name(clause: Token) -> bool:
    """A relative clause on a name, or on a noun in apposition to one ("Kherson, the only capital
    that they managed to conquer"), or set off by a comma (", which Russia annexed in 2014")."""
    head = clause.head
    while head.dep_ == "appos" and head.head.i != head.i:
        head = head.head
    if head.pos_ == "PROPN":
        return True
    first = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    return first is not None and first.text == ","
