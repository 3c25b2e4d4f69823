"""Event extraction: from one parsed article to its event mentions.

The extractor is handed everything it uses (event-type lexicon, entity resolver, date
resolver, figure extractor, gazetteer) so tests can give it small ones. It knows no names:
which words trigger which event type is data (``ontology/event-types.ttl``), who is who is
the resolver's job, and roles come from the dependency parse (``graph.roles``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Span

from graph.clauses import relative_clauses
from graph.content import reporter_of, topic_of
from graph.counts import counted_groups, result_of, same_event_conjunct
from graph.dating import TriggerDater
from graph.event_anaphora import antecedent_event, recent
from graph.event_sense import bout_of_illness, formal_protest, names_cyber, other_sense, suffered_of
from graph.figures import FigureExtractor, counted_noun, figure_text
from graph.modality import factuality
from graph.naming import NAME_LABELS, ArticleNames
from graph.records import (
    Article,
    DateSpan,
    Entity,
    EntityKind,
    Evidence,
    Factuality,
    Figure,
    Mention,
)
from graph.reference import (
    Referents,
    WordClasses,
)
from graph.roles import Roles, joined_roles, noun_phrase_keys, speaks_for_speaker, trigger_roles
from graph.speech import according_to, has_content, inherit_speech_dates, on_a_channel, quote_of
from graph.triggers import ConditionalTriggers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.entities import EntityResolver
    from graph.gazetteer import Gazetteer
    from graph.lexicon import EventLexicon

#: Entity types whose words are names, never triggers.
_NAME_SPANS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
#: The root of the speech-act types in the scheme; it and its narrower types are speech acts,
#: whose content is their topic.
STATEMENT = "Statement"
#: Nouns that share a lemma with a trigger verb but rarely mean the act ("the state", "a note";
#: "funds" are money, "funding" is the aid; "shells" are munitions, "shelling" is the attack:
#: "bought a shotgun and shells").
_NOT_NOMINAL_TRIGGERS = {"state", "note", "add", "ask", "fund", "shell"}


class DateResolverLike(Protocol):
    """What the extractor needs of a date resolver (graph.temporal.DateResolver)."""

    def __call__(
        self,
        expression: str,
        anchor: dt.date | None,
        tense: str = "past",
        *,
        reference: DateSpan | Sequence[DateSpan] | None = None,
    ) -> DateSpan | None: ...


class EventExtractor:
    """Finds event mentions in one parsed article.

    ``__call__(article, doc)`` returns the article's mentions in text order.
    """

    def __init__(
        self,
        lexicon: EventLexicon,
        resolver: EntityResolver,
        dates: DateResolverLike,
        figures: FigureExtractor,
        gazetteer: Gazetteer | None = None,
        words: WordClasses | None = None,
        conditional: ConditionalTriggers | None = None,
        is_common: Callable[[str], bool] | None = None,
    ) -> None:
        self.lexicon = lexicon
        #: Grammatical word classes (group nouns, light verbs…); default: graph/data/grammar.tsv.
        self.words = words if words is not None else WordClasses.from_file()
        #: Verbs that are triggers only in one construction ("leave" + a place).
        self.conditional = (
            conditional
            if conditional is not None
            else ConditionalTriggers.from_file().restricted_to(lexicon.types)
        )
        self.resolver = resolver
        self.dates = dates
        #: Attaches the text's time expressions to triggers, resolved by ``dates``.
        self.dater = TriggerDater(dates, self.words)
        self.figures = figures
        self.gazetteer = gazetteer
        #: Who each token of an article refers to, and who may act.
        self.names = ArticleNames(resolver, gazetteer, self.words, is_common)
        self.speech_acts = frozenset(
            name for name, t in lexicon.types.items() if name == STATEMENT or t.broader == STATEMENT
        )

    @property
    def added(self) -> dict[str, Entity]:
        """Entities the extractor introduced itself (a country standing for its capital)."""
        return self.names.added

    @added.setter
    def added(self, value: dict[str, Entity]) -> None:
        self.names.added = value

    # -- the pieces -----------------------------------------------------------------

    def trigger_type(self, tok: Token) -> tuple[str, str] | None:
        """``(event type, trigger lemma)`` when ``tok`` is an event trigger.

        A word inside a name is no trigger ("Rite Aid", "the Peace Talks Committee"), and a
        speech verb that says nothing ("added 15 points") is no statement.
        """
        if tok.ent_type_ in _NAME_SPANS:
            return None
        found = self._trigger_type(tok)
        if found is not None and bout_of_illness(tok, self.words):
            return None
        if found is not None and (verb := suffered_of(tok, self.words)) is not None:
            if (self._trigger_type(verb) or ("",))[0] == found[0]:
                return None
        if found is not None and found[0] in self.speech_acts and tok.pos_ == "VERB":
            if self.words.has(tok.lemma_, "contentful") and not has_content(tok):
                return None
        return found

    def _trigger_type(self, tok: Token) -> tuple[str, str] | None:
        if tok.pos_ == "VERB":
            particle = self.lexicon.particle_of(tok)
            lemma = tok.lemma_.lower()
            kind = self.lexicon.match(lemma, particle)
            if kind is not None and particle and self.lexicon.match(lemma, None) != kind:
                return kind, f"{lemma} {particle}"
            return (kind, lemma) if kind else None
        # A noun in -ing names the act itself ("the shelling"), whatever lemma the tagger gives it.
        if tok.pos_ == "NOUN" and (
            tok.lemma_.lower() not in _NOT_NOMINAL_TRIGGERS or tok.lower_.endswith("ing")
        ):
            if (
                tok.dep_ == "compound"
                and tok.head.pos_ == "NOUN"
                and not self.words.has(tok.head.lemma_, "event_head")
            ):
                return None  # "death penalty", "riot police": a kind of thing, no event
            lemma = tok.lemma_.lower()
            kind = self.lexicon.match(lemma, None)
            return (kind, lemma) if kind else None
        return None

    # -- the stage ------------------------------------------------------------------

    def __call__(self, article: Article, doc: Doc) -> list[Mention]:
        refs = self.names(article, doc)
        found = {t.i: self.trigger_type(t) for t in doc}

        def named_place(t: Token) -> bool:
            return refs.kinds.get(refs.keys.get(t.i, "")) in (EntityKind.PLACE, EntityKind.COUNTRY)

        for t in doc:
            if found[t.i] is None and t.pos_ == "VERB" and t.ent_type_ not in _NAME_SPANS:
                found[t.i] = self.conditional.match(t, named_place)
        triggers = {i: tt for i, tt in found.items() if tt is not None}
        dates = self.dater(
            article.published,
            doc,
            lambda t: t.i in triggers,
            lambda t: t.i in triggers and triggers[t.i][0] in self.speech_acts,
        )
        is_place = self._is_place(refs)
        mentions: list[Mention] = []
        for sent in doc.sents:
            mentions.extend(self._sentence(article, sent, triggers, dates, refs, is_place, mentions))
        channel = on_a_channel(doc, triggers, self.words)
        simple_past = {t.idx for t in doc if t.i in triggers and t.tag_ == "VBD" and t.idx not in channel}
        people = {k for k, kind in refs.kinds.items() if kind is EntityKind.PERSON}
        return inherit_speech_dates(mentions, self.speech_acts, simple_past, people, channel)

    def _is_place(self, refs: Referents) -> Callable[[str], bool]:
        return lambda key: refs.kinds.get(key) in (EntityKind.PLACE, EntityKind.COUNTRY)

    def _sentence(self, article, sent: Span, triggers, dates, refs, is_place, earlier) -> list[Mention]:
        evidence = Evidence(
            article.id, sent.start_char, sent.end_char, article.text[sent.start_char : sent.end_char]
        )
        here = [t for t in sent if t.i in triggers]
        relatives: dict[int, tuple[int | None, int | None]] | None = None  # made when needed
        # Named places of the sentence (not countries, which are often only a nationality):
        # what a figure is about when its event names no place.
        here_places = tuple(
            dict.fromkeys(
                k for t in sent if (k := refs.keys.get(t.i)) and refs.kinds.get(k) is EntityKind.PLACE
            )
        )
        source = according_to(sent, refs)
        # Speakers of the sentence's speech acts, for what they report.
        speakers: dict[int, str] = {}
        roles = {}
        cyber = names_cyber(sent, self.words) if here else False
        other: set[int] = set()  # triggers used in another sense: no event, nor what was said
        for tok in here:
            r = trigger_roles(tok, refs, is_place)
            agents = tuple(dict.fromkeys(a for k in r.agents if (a := self.names.as_actor(k, refs))))
            roles[tok.i] = (r, agents)
            kind = triggers[tok.i][0]
            if kind in self.speech_acts and agents:
                speakers[tok.i] = agents[0]
            patient_kinds = [refs.kinds.get(k) for k in r.patients]
            if kind not in self.speech_acts and (
                other_sense(kind, tok, patient_kinds, bool(r.places), self.words, cyber)
                or result_of(tok, triggers) in other  # "the quake struck …, destroying homes"
            ):
                other.add(tok.i)
        figures, counted = self._figures(sent, here, triggers)
        out = []
        for tok in here:
            kind, lemma = triggers[tok.i]
            if same_event_conjunct(tok, kind, triggers):
                continue
            r, agents = roles[tok.i]
            kind = formal_protest(kind, [refs.kinds.get(k) for k in agents])
            # "killed or wounded in Ukraine": the coordinated verb's arguments are the event's.
            twins = [c for c in tok.children if c.i in roles and same_event_conjunct(c, kind, triggers)]
            r = joined_roles(r, *(roles[c.i][0] for c in twins))
            date = dates.get(tok.i) or next((dates[c.i] for c in twins if c.i in dates), None)
            if (lead := result_of(tok, triggers)) is not None and lead in roles:  # "…, killing three"
                r = r if r.places else joined_roles(r, Roles(places=roles[lead][0].places))
                date = date or dates.get(lead)
            reporter = reporter_of(tok, speakers) or source
            speech = kind in self.speech_acts
            if reporter is not None and not speech and speaks_for_speaker(tok):
                # "“We have never refused to negotiate,” Zakharova said": the speaker's side acts.
                side = self.names.as_actor(refs.body_of(reporter), refs)
                agents = tuple(dict.fromkeys((*agents, side))) if side else agents
            if speech and relatives is None:
                relatives = relative_clauses(sent)
            topic, topic_places = (
                topic_of(tok, triggers, roles, relatives, self.speech_acts, other) if speech else (None, ())
            )
            places = r.places
            patients = tuple(
                k for k in r.patients if not is_place(k) or refs.kinds.get(k) is EntityKind.COUNTRY
            )
            recipients = tuple(a for k in r.recipients if (a := self.names.as_actor(k, refs)))
            if speech:
                # What one speaks of or to is no place where it was said ("thanked the U.S."),
                # and a capital one accuses or threatens is its government ("accused Moscow").
                places = tuple(k for k in places if k not in r.patients)
                objects = [k for c in tok.children if c.dep_ == "dobj" and (k := refs.of(c)) in r.patients]
                governments = [a for k in objects if (a := self.names.as_actor(k, refs))]
                patients = tuple(dict.fromkeys((*patients, *governments)))
            if speech and self.words.has(tok.lemma_, "address"):
                # Whom one tells is addressed, not acted on ("told the Economic Club"); whom one
                # criticises or threatens is a patient.
                recipients = tuple(dict.fromkeys((*recipients, *patients)))
                patients = ()
            if speech and not agents:
                continue  # a statement nobody made is no statement
            if tok.i in other or other_sense(
                kind, tok, [refs.kinds.get(k) for k in patients], bool(places), self.words, cyber
            ):
                continue  # "take over Aer Lingus", "fought pancreatic cancer"
            if not (agents or patients or places or topic_places):
                antecedent = antecedent_event(tok, kind, (*reversed(out), *recent(earlier, tok.idx)))
                if antecedent is not None:
                    # "…held talks in March. The talks will not resume": the same talks; and
                    # "…are leaving Kherson. Media reported on Thursday that the withdrawal was
                    # proceeding": the same withdrawal, on a day of its own.
                    agents, patients, places = antecedent.agents, antecedent.patients, antecedent.places
                elif (
                    date is None
                    and reporter is None
                    and not figures.get(tok.i)
                    and factuality(tok, self.words) is Factuality.ASSERTED
                ):
                    # A bare, unattributed noun ("the war", "an offensive") says too little; one
                    # somebody reports or only envisages ("a withdrawal could take weeks", Hale
                    # said) is what that person said, and kept as such; so is one with a count
                    # ("more than 150,000 people have been killed").
                    continue
            given_by = agents[0] if speech and agents else reporter
            mention = Mention(
                article_id=article.id,
                event_type=kind,
                trigger=lemma,
                trigger_start=tok.idx,
                trigger_end=tok.idx + len(tok.text),
                evidence=evidence,
                agents=agents,
                patients=patients,
                recipients=recipients,
                places=places,
                date=date,
                factuality=factuality(tok, self.words),
                according_to=reporter if reporter not in agents else None,
                quote=quote_of(tok, article.text) if speech else None,
                figures=tuple(
                    replace(
                        f,
                        given_by=given_by,
                        evidence=evidence,
                        places=places + topic_places or here_places,
                    )
                    for f in figures.get(tok.i, ())
                ),
                topic=topic,
                topic_places=tuple(dict.fromkeys(topic_places)),
            )
            groups = counted_groups(
                counted.get(tok.i, []),
                lambda n, patients=patients: [
                    k for k in noun_phrase_keys(n, refs, coordination=False) if k in patients
                ],
            )
            out.extend(
                replace(mention, patients=keys, figures=tuple(mention.figures[i] for i in ids), part=n)
                for n, (keys, ids) in enumerate(groups)
            )
            if not groups:
                out.append(mention)
        return self._adopt_orphan_figures(out, figures, sent.doc)

    def _adopt_orphan_figures(self, out: list[Mention], figures, doc: Doc) -> list[Mention]:
        """Figures whose event said too little to be kept go to the sentence's speech act.

        "Martin said 41 settlements have been liberated": the liberation names no actor,
        but the figure is still Martin's.
        """
        emitted = {m.trigger_start for m in out}
        speech = next((i for i, m in enumerate(out) if m.event_type in self.speech_acts), None)
        if speech is None:
            return out
        orphans = [f for i, fs in figures.items() if doc[i].idx not in emitted for f in fs]
        if not orphans:
            return out
        m = out[speech]
        speaker = m.agents[0] if m.agents else None
        adopted = tuple(replace(f, given_by=speaker, evidence=m.evidence) for f in orphans)
        out[speech] = replace(m, figures=m.figures + adopted)
        return out

    def _figures(
        self, sent: Span, here: list[Token], triggers
    ) -> tuple[dict[int, list[Figure]], dict[int, list[Token | None]]]:
        """Figures of the sentence, keyed by the trigger they belong to, and beside them the
        noun each counts."""
        out: dict[int, list[Figure]] = {}
        nouns: dict[int, list[Token | None]] = {}
        if not here:
            return out, nouns
        speech = [t for t in here if triggers[t.i][0] in self.speech_acts]
        for span, quantity, unit in self.figures(sent):
            owner = None
            # From the counted noun when the parser hung the number elsewhere ("claims 1 lakh
            # soldiers killed": the soldiers are the ones killed).
            noun = counted_noun(span)
            node = noun if noun is not None and noun.i >= span.end else span.root
            for _ in range(10):
                if node.i in triggers and node.i != span.root.i:
                    owner = node
                    break
                if node.head.i == node.i:
                    break
                node = node.head
            owner = owner or (speech[0] if speech else here[0])
            out.setdefault(owner.i, []).append(
                Figure(
                    value=quantity.value,
                    unit=unit,
                    text=figure_text(span),
                    low=quantity.low,
                    high=quantity.high,
                    qualifier=quantity.qualifier,
                )
            )
            nouns.setdefault(owner.i, []).append(noun)
        return out, nouns


__all__ = ["EventExtractor", "NAME_LABELS", "STATEMENT"]
