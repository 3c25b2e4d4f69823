"""Semantic roles from the dependency parse: who acts, who is acted on, where.

Pure functions over spaCy tokens. What a token refers to comes from a ``Referents``
object (entity keys by token, plus pronoun resolution), so these functions never look up
names themselves and work for any English text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.clauses import OBJECTS as _OBJECTS
from graph.clauses import PASSIVE_SUBJECTS as _PASSIVE_SUBJECTS
from graph.clauses import SUBJECTS as _SUBJECTS
from graph.clauses import antecedent, reduced_passive, relative_gap, set_off
from graph.clauses import subject_of as _subject
from graph.modality import is_infinitive
from graph.reference import Referents, WordClasses

if TYPE_CHECKING:
    from spacy.tokens import Token

# English function words: grammar, not data about the world.
_PLACE_PREPS = {
    "in",
    "at",
    "from",
    "into",
    "to",
    "near",
    "outside",
    "inside",
    "towards",
    "toward",
    "across",
    "around",
    "on",
    "over",
    "through",
    "throughout",
    "within",
    "beyond",
    "off",
    "of",
    "out",
}
_RECIPIENT_PREPS = {"to", "for"}


def noun_phrase_keys(
    tok: Token, refs: Referents, *, modifiers: bool = True, pronouns: bool = True, coordination: bool = True
) -> list[str]:
    """Entity keys a noun phrase headed by ``tok`` denotes, following coordination.

    "Russian forces" → Russia (a modifier names whom the forces belong to); "the city of
    Lyon" → Lyon; "Russia and Ukraine" → both. Prepositional attachments other than
    "of" are not followed: "chairman of the Joint Chiefs" names the chairman, not the body.
    ``modifiers=False`` reads the phrase as a place ("Russian occupation" is no place named
    Russia, "the Lyon region" is Lyon);
    ``pronouns=False`` leaves pronouns unresolved (safe only for subjects);
    ``coordination=False`` reads ``tok``'s own conjunct only.
    """
    keys: list[str] = []
    for head in [tok, *tok.conjuncts] if coordination else [tok]:
        key = refs.of(head) if pronouns or head.pos_ != "PRON" else None
        if key is not None:
            keys.append(key)
            continue
        pair = refs.pair(head)
        if pair:
            keys.extend(pair)
            continue
        # A name in apposition is who the phrase is ("the Irish airline, Ryanair").
        named = [refs.of(c) for c in head.children if c.dep_ == "appos" and refs.of(c)]
        if named:
            keys.append(named[0])  # type: ignore[arg-type]
            continue
        # A modifier names the head only for a body of people ("Russian forces") or a weapon
        # ("Russian drones") as an actor, or for a geographic noun ("the Lyon region") as a place.
        takes_modifier = refs.words.has(head.lemma_, "group" if modifiers else "place") or (
            modifiers
            and (
                refs.words.has(head.lemma_, "weapon")
                or refs.words.has(head.lemma_, "press")
                and _state_run(head)
            )
        )
        for child in head.children:
            modifier = child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")
            if takes_modifier and modifier and refs.of(child):
                keys.append(refs.body_of(refs.of(child)) if modifiers else refs.of(child))  # type: ignore[arg-type]
            elif takes_modifier and modifiers and child.dep_ == "prep" and child.lower_ in ("in", "from"):
                # "officials in Kyiv": where a body of people sits says whose they are.
                keys.extend(k for g in child.children if g.dep_ == "pobj" and (k := refs.of(g)))
            elif child.dep_ == "prep" and child.lower_ == "of":
                keys.extend(
                    k
                    for g in child.children
                    if g.dep_ == "pobj"
                    for k in noun_phrase_keys(g, refs, modifiers=modifiers, pronouns=pronouns)
                )
    return list(dict.fromkeys(keys))


def _state_run(head: Token) -> bool:
    """The news medium ``head`` is the state's ("Russian state media", "state-run television")."""
    return any(t.lower_ == "state" for left in head.lefts for t in left.subtree)


@dataclass(frozen=True)
class Roles:
    """Entity keys by role for one trigger."""

    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


def joined_roles(first: Roles, *others: Roles) -> Roles:
    """The roles of one event said by several words, each entity once, in order."""
    if not others:
        return first

    def union(attr: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for r in (first, *others) for k in getattr(r, attr)))

    return Roles(union("agents"), union("patients"), union("recipients"), union("places"))


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps | {"by"}:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


_COMPLEMENT_PATH = {"dobj", "attr", "pobj", "prep", "acomp", "oprd", "compound"}


#: Prepositions of the other side: the subject of "clashed with protesters" is no protester.
_OPPOSING_PREPS = frozenset({"with", "against", "between"})


def _complemented_verb(noun: Token, words: WordClasses) -> tuple[Token, str] | None:
    """The verb a noun trigger complements and the role its subject plays, or None.

    Through a preposition or an adjective any verb will do ("is open to talks": agent), but
    not through one of the other side ("clashed with protesters", "fought against the invasion");
    as a direct object only a light verb ("held talks": agent), a verb of receiving
    ("sought aid": recipient) or of undergoing ("suffered losses": patient) makes its subject
    a participant ("rejected the proposal" does not make the rejecter its author).
    """
    tok = noun
    path: list[str] = []
    for _ in range(4):
        if tok.dep_ not in _COMPLEMENT_PATH or tok.head.i == tok.i:
            return None
        path.append(tok.dep_)
        tok = tok.head
        if tok.dep_ == "prep" and tok.lower_ in _OPPOSING_PREPS:
            return None  # "police clashed with protesters", "fought against the invasion"
        if tok.pos_ == "ADJ" and (
            any(c.dep_ in _SUBJECTS for c in tok.children)
            or (tok.dep_ == "amod" and (tok.head.pos_ == "PROPN" or tok.head.ent_type_ != ""))
        ):
            return tok, "agent"  # a headline's verbless predicate: "Russia ready for talks"
        if tok.pos_ in ("VERB", "AUX"):
            # A predicative adjective ("appear ready for talks") is no object.
            predicative = path[-1] in ("oprd", "acomp") and len(path) > 1
            if path[-1] not in _OBJECTS or predicative:
                return tok, "agent"
            if words.has(tok.lemma_, "support"):
                return tok, "agent"
            if words.has(tok.lemma_, "receive"):
                return tok, "recipient"
            if words.has(tok.lemma_, "undergo"):
                return tok, "patient"  # "Russia suffered heavy losses"
            return None
    return None


def _intent_holder(verb: Token, refs: Referents) -> list[str]:
    """Who acts in an infinitive completing a noun: "Moscow's decision to pull forces",
    "a Russian effort to gain control", "Moscow made the decision to pull forces".

    The noun's own possessor or modifier, else the subject of the light verb that has the
    noun as object ("made the decision"); any other verb ("rejected the plan to withdraw")
    says nothing of who would act.
    """
    # The parser labels some of these infinitives relative clauses ("decision to pull").
    if verb.dep_ not in ("acl", "relcl") or not is_infinitive(verb):
        return []
    noun = verb.head
    own = [k for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod") and (k := refs.of(c))]
    if own:
        return own
    # "gave both sides an opportunity to negotiate": whom the noun is given to acts.
    given = [c for c in noun.head.children if c.dep_ == "dative"] if noun.dep_ in _OBJECTS else []
    if given:
        return noun_phrase_keys(given[0], refs, pronouns=False)
    if noun.dep_ in _OBJECTS and refs.words.has(noun.head.lemma_, "support"):
        subj = _subject(noun.head, refs.controls)
        if subj is not None:
            return noun_phrase_keys(antecedent(subj, noun.head), refs)
    return []


def trigger_roles(trigger: Token, refs: Referents, is_place: Callable[[str], bool]) -> Roles:
    """Agents, patients, recipients and places of an event trigger (verb or noun).

    A noun used as a modifier ("a security assistance package for Kyiv") takes the roles
    of the noun it modifies.
    """
    if trigger.pos_ == "NOUN" and trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN":
        inner = trigger_roles(trigger.head, refs, is_place)
        if inner.agents or inner.patients or inner.recipients or inner.places:
            return inner
    agents: list[str] = []
    place_patients: list[str] = []
    of_agents: list[str] = []
    patients: list[str] = []
    recipients: list[str] = []
    places: list[str] = []
    parties: list[str] = []  # "talks with Russia": the other side, an agent too
    if trigger.pos_ in ("VERB", "AUX"):
        subj = _subject(trigger, refs.controls)
        for child in trigger.children:
            if child.dep_ in _PASSIVE_SUBJECTS and set_off(child, _PASSIVE_SUBJECTS):
                continue
            if child.dep_ in _PASSIVE_SUBJECTS | _OBJECTS:
                target = antecedent(child, trigger)
                patients += noun_phrase_keys(target, refs, pronouns=child.dep_ in _PASSIVE_SUBJECTS)
                place_patients += noun_phrase_keys(target, refs, modifiers=False, pronouns=False)
            elif child.dep_ == "dative":
                recipients += noun_phrase_keys(child, refs, pronouns=False)
            elif child.dep_ == "agent":
                agents += [k for g in child.children if g.dep_ == "pobj" for k in noun_phrase_keys(g, refs)]
        if not patients and not place_patients:
            # "trying to capture Bakhmut": a name the parser read as an adverb is the object.
            for child in trigger.children:
                if child.dep_ in ("advmod", "npadvmod") and child.pos_ in ("ADV", "PROPN") and refs.of(child):
                    patients += noun_phrase_keys(child, refs, pronouns=False)
                    place_patients += noun_phrase_keys(child, refs, modifiers=False, pronouns=False)
        gap = None if patients or place_patients else relative_gap(trigger)
        if gap is not None:
            # "Kherson, the only capital that they managed to conquer": what was conquered.
            patients += noun_phrase_keys(gap, refs, pronouns=False)
            place_patients += noun_phrase_keys(gap, refs, modifiers=False, pronouns=False)
        if subj is not None and (refs.words.has(trigger.lemma_, "undergo") or reduced_passive(trigger)):
            # "Jobs died", "the city fell": the subject of such a verb undergoes the event.
            patients += noun_phrase_keys(antecedent(subj, trigger), refs)
        elif subj is not None:
            agents += noun_phrase_keys(antecedent(subj, trigger), refs)
        elif not agents:
            agents += _intent_holder(trigger, refs)
    else:
        # "his death", "the plane's crash": whose it is undergoes it.
        undergoes = refs.words.has(trigger.lemma_, "undergo")
        for child in trigger.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and refs.of(child):
                (patients if undergoes else agents).append(refs.of(child))  # type: ignore[arg-type]
            elif child.dep_ == "prep" and child.lower_ == "by":
                agents += [k for g in child.children if g.dep_ == "pobj" for k in noun_phrase_keys(g, refs)]
            elif child.dep_ == "acl" and refs.words.has(child.lemma_, "support"):
                # "the announcement made Wednesday by Russian military leaders"
                agents += [
                    k
                    for by in child.children
                    if by.dep_ == "agent"
                    for g in by.children
                    if g.dep_ == "pobj"
                    for k in noun_phrase_keys(g, refs)
                ]
            elif child.dep_ == "prep" and child.lower_ == "of":
                # "the annexation of Crimea": a place is acted on; "the retreat of Russian
                # troops": an actor is who acts.
                for g in child.children:
                    if g.dep_ != "pobj":
                        continue
                    # "the shelling of the town of Kupiansk": a geographic noun names its place.
                    named_place = refs.words.has(g.lemma_, "place")
                    for k in noun_phrase_keys(g, refs, pronouns=False):
                        acted_on = undergoes or is_place(k) and (refs.of(g) == k or named_place)
                        (patients if acted_on else of_agents).append(k)
        if not agents:
            agents += of_agents
        else:
            patients += of_agents
        # "Russia and Ukraine held talks", "Russia said it is open to negotiations": a noun
        # with no agent of its own takes the subject of the verb it complements.
        if not agents:
            found = _complemented_verb(trigger, refs.words)
            subj = _subject(found[0], refs.controls) if found is not None else None
            if found is not None and subj is None and found[0].dep_ == "amod":
                subj = found[0].head
            if found is not None and subj is not None:
                keys = noun_phrase_keys(antecedent(subj, found[0]), refs)
                role = "patient" if undergoes and found[1] == "agent" else found[1]  # "even in death, X…"
                {"agent": agents, "patient": patients}.get(role, recipients).extend(keys)
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ == "for":
                for g in child.children:
                    if g.dep_ == "pobj":
                        recipients += noun_phrase_keys(g, refs, pronouns=False)
        verb = trigger.head
        if trigger.dep_ == "nsubj" and verb.pos_ == "VERB" and refs.words.has(verb.lemma_, "impact"):
            # "Explosions rocked the Ukrainian capital", "fighting engulfed the town": the place
            # an event noun strikes is where it happened ("the attack angered Moscow" is not).
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                keys = noun_phrase_keys(obj, refs, modifiers=False, pronouns=False)
                places += [k for k in keys if is_place(k)]
    for child in trigger.children:
        # "talks with Russia", "negotiate with Kyiv", "clashed with Russian forces": the other
        # party acts too; unnamed things after "with" (missiles, artillery) are no parties, and
        # a place is one only as its government (the caller keeps capitals, drops the rest).
        if child.dep_ == "prep" and child.lower_ in ("with", "between"):
            for g in child.children:
                if g.dep_ == "pobj":
                    parties += noun_phrase_keys(g, refs, pronouns=False)
        elif child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS and trigger.pos_ in ("VERB", "AUX"):
            for g in child.children:
                if g.dep_ == "pobj":
                    recipients += [k for k in noun_phrase_keys(g, refs, pronouns=False) if not is_place(k)]
    # Where: prepositional phrases on the trigger, or on its direct object when the object is
    # not itself a name ("recaptured 40 towns in southern Ukraine"),
    objects = [c for c in trigger.children if c.dep_ == "dobj" and refs.of(c) is None]
    # "detained dozens of students in Tehran": and "in" on what the object counts ("outside
    # Kherson" on "a dozen villages" is no place of the taking).
    counted = [
        g
        for o in objects
        for p in o.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj" and refs.of(g) is None
    ]
    hosts = [(trigger, _PLACE_PREPS)] + [(o, _PLACE_PREPS - {"of"}) for o in objects]
    hosts += [(g, {"in"}) for g in counted]
    inside: list[str] = []  # said to be "in" a place: there even when the place also acts
    for host, preps in hosts:
        for pobj in _prep_objects(host, preps):
            keys = [k for k in noun_phrase_keys(pobj, refs, modifiers=False, pronouns=False) if is_place(k)]
            if not keys and host is trigger:
                # "protested outside the parliament in Tbilisi": the place of a site it names
                # (appended hosts are read in turn by this loop).
                hosts.append((pobj, {"in"}))
            places += keys
            if pobj.head.lower_ == "in":
                inside += keys
    # "captured Lyon", "left the city of Lyon": a place acted on is also where it happened.
    places += [k for k in place_patients if is_place(k)]
    # An actor is not where its own act happened ("Russia annexed Crimea" is not in Russia),
    # unless the text says so ("Kyiv's forces recaptured towns in southern Ukraine").
    # A place after "with" is a party only as its government: it stays where the event is
    # ("capture the city of Bakhmut, with the battered town coming under fire").
    places = [k for k in places if k not in agents or k in inside]
    agents += parties
    recipients = [k for k in recipients if k not in agents]
    return Roles(
        agents=tuple(dict.fromkeys(agents)),
        patients=tuple(k for k in dict.fromkeys(patients) if k not in agents),
        recipients=tuple(dict.fromkeys(recipients)),
        places=tuple(dict.fromkeys(places)),
    )


def speaks_for_speaker(trigger: Token) -> bool:
    """Whether the trigger's agent is the speaker's own side: "we" as its subject, "our" as
    its possessor ("“We will negotiate,” he said", "our offensive")."""
    if trigger.pos_ in ("VERB", "AUX"):
        subj = _subject(trigger)
        return subj is not None and subj.lower_ == "we"
    return any(c.dep_ == "poss" and c.lower_ == "our" for c in trigger.children)
