"""The event-type lexicon: trigger lemmas → event types, read from ``ontology/event-types.ttl``.

The knowledge (which words express which type, and the CAMEO / ACLED alignments) lives in the
Turtle file; this module only reads it and answers look-ups. A lemma may belong to one type only,
so a look-up never has to choose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from .errors import GraphError
from .namespace import EVKG, EVT

__all__ = ["EventLexicon", "EventType", "LexiconError", "ontology_dir"]

#: One lowercase word, or "verb particle" for a phrasal verb.
_TRIGGER = re.compile(r"^[a-z]+(?: [a-z]+)?$")


class LexiconError(GraphError):
    """The event-type data is malformed or ambiguous, or a type name is unknown."""


def ontology_dir() -> Path:
    """The repository's ``ontology/`` folder (beside the ``graph`` package)."""
    return Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True)
class EventType:
    """One concept of the event-type scheme, as the extractor needs it."""

    #: Local name of the concept IRI ("Withdrawal"); ``EVT[name]`` is the concept.
    name: str
    #: ``skos:prefLabel`` ("withdrawal").
    label: str
    definition: str
    #: spaCy lemmas, sorted; phrasal verbs as "verb particle".
    triggers: tuple[str, ...] = ()
    cameo: tuple[str, ...] = ()
    acled: tuple[str, ...] = ()
    #: Local name of the ``skos:broader`` concept ("Statement"), if any.
    broader: str | None = None

    @property
    def iri(self) -> URIRef:
        return EVT[self.name]


class EventLexicon:
    """Look up the event type a trigger lemma expresses.

    >>> lexicon = EventLexicon.from_ttl()
    >>> lexicon.match("pull", "out")
    'Withdrawal'
    """

    def __init__(self, types: Iterable[EventType], source: str = "<memory>") -> None:
        self.source = source
        self.types: dict[str, EventType] = {}
        #: "lemma" or "verb particle" → type name.
        self._triggers: dict[str, str] = {}
        for event_type in types:
            if event_type.name in self.types:
                raise LexiconError(f"{source}: event type {event_type.name!r} is defined twice")
            self.types[event_type.name] = event_type
            for trigger in event_type.triggers:
                self._add(trigger, event_type.name)
        self._particles = frozenset(t.split(" ", 1)[1] for t in self._triggers if " " in t)

    def _add(self, trigger: str, name: str) -> None:
        if not _TRIGGER.match(trigger):
            raise LexiconError(
                f"{self.source}: trigger {trigger!r} of {name} is not a lowercase lemma "
                "or a phrasal verb written 'verb particle'"
            )
        other = self._triggers.get(trigger)
        if other is not None and other != name:
            raise LexiconError(
                f"{self.source}: trigger lemma {trigger!r} is listed under both {other} and {name}; "
                "each lemma must belong to one event type only"
            )
        self._triggers[trigger] = name

    @classmethod
    def from_ttl(cls, path: str | Path | None = None) -> EventLexicon:
        """Read the SKOS scheme at ``path`` (default: ``ontology/event-types.ttl``)."""
        path = Path(path) if path is not None else ontology_dir() / "event-types.ttl"
        if not path.is_file():
            raise LexiconError(f"{path}: no such event-type file; expected a Turtle SKOS scheme")
        graph = Graph()
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises parser-specific exceptions
            raise LexiconError(f"{path}: not valid Turtle ({exc})") from exc
        return cls(types_from_graph(graph, source=str(path)), source=str(path))

    def match(self, lemma: str, particle: str | None = None) -> str | None:
        """The type name ``lemma`` expresses, or None.

        With a ``particle`` ("out" of "pulled out"), the phrasal entry "pull out" wins; failing
        that the bare lemma is tried, so "said out loud" is still a statement. A phrasal entry
        never makes its bare verb match: "pull" alone matches nothing.
        """
        lemma = lemma.strip().lower()
        if particle:
            phrasal = self._triggers.get(f"{lemma} {particle.strip().lower()}")
            if phrasal is not None:
                return phrasal
        if " " in lemma:
            return self._triggers.get(" ".join(lemma.split()))
        return self._triggers.get(lemma)

    def particle_of(self, token: Any) -> str | None:
        """The particle of a phrasal trigger on a spaCy verb ``token``, if it has one the lexicon knows.

        spaCy marks "pulled its troops out" as ``prt`` but "pulled out of Lyon" as ``prep`` and
        "pulled back from" as ``advmod``. A ``prep`` or ``advmod`` counts only right after the verb,
        which keeps most true prepositions out; "took over the weekend" still slips through.
        """
        for child in token.rights:
            word = child.lower_
            if word not in self.particles:
                continue
            if child.dep_ == "prt" or (child.dep_ in ("prep", "advmod") and child.i == token.i + 1):
                return word
        return None

    def label(self, name: str) -> str:
        """``skos:prefLabel`` of the type called ``name``."""
        return self[name].label

    def __getitem__(self, name: str) -> EventType:
        try:
            return self.types[name]
        except KeyError:
            known = ", ".join(sorted(self.types))
            raise LexiconError(f"unknown event type {name!r}; known types: {known}") from None

    def __contains__(self, name: object) -> bool:
        return name in self.types

    def __len__(self) -> int:
        return len(self.types)

    @property
    def triggers(self) -> Mapping[str, str]:
        """Every trigger ("lemma" or "verb particle") → type name."""
        return dict(self._triggers)

    @property
    def particles(self) -> frozenset[str]:
        """The particles that occur in phrasal entries ("out", "back", "over")."""
        return self._particles


def types_from_graph(graph: Graph, source: str = "<graph>") -> list[EventType]:
    """Every ``evkg:EventType`` in ``graph`` as an :class:`EventType`, sorted by name."""
    types = []
    for concept in set(graph.subjects(RDF.type, EVKG.EventType)):
        if not isinstance(concept, URIRef) or not str(concept).startswith(str(EVT)):
            raise LexiconError(f"{source}: event type {concept} is not an IRI under {EVT}")
        name = str(concept)[len(str(EVT)) :]
        broader = graph.value(concept, SKOS.broader)
        types.append(
            EventType(
                name=name,
                label=_one_text(graph, concept, SKOS.prefLabel, source, name),
                definition=_one_text(graph, concept, SKOS.definition, source, name),
                triggers=_texts(graph, concept, EVKG.triggerLemma),
                cameo=_texts(graph, concept, EVKG.cameoCode),
                acled=_texts(graph, concept, EVKG.acledEventType),
                broader=str(broader)[len(str(EVT)) :] if broader is not None else None,
            )
        )
    return sorted(types, key=lambda t: t.name)


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)))


def _one_text(graph: Graph, subject: URIRef, predicate: URIRef, source: str, name: str) -> str:
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    english = [o for o in values if o.language in (None, "en")]
    if len(english) != 1:
        raise LexiconError(
            f"{source}: event type {name} has {len(english)} English {graph.qname(predicate)}; "
            "exactly one is allowed"
        )
    return str(english[0])
