"""The evidence for one event, read back from a built graph: sources, sentences, date, figures.

Everything here comes from the graph alone, through SPARQL in the contract's terms (sem:, evkg:,
prov:, schema:), so it works on any graph the pipeline published, not only one built in the same
process. :func:`find_event` turns what a user types (an IRI, an event id, or part of a label) into
one event; :func:`event_evidence` collects its evidence; :func:`format_evidence` prints it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.errors import QueryError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node, URIRef

#: Actor roles in the order they are listed; "actor" is sem:hasActor with no narrower role.
ACTOR_ROLES = ("agent", "patient", "recipient", "actor")


class AmbiguousEventError(QueryError):
    """More than one event matches; ``candidates`` holds ``(iri, label)`` of each, sorted by label."""

    def __init__(self, query: str, candidates: tuple[tuple[str, str], ...]) -> None:
        self.candidates = candidates
        super().__init__(
            f"{len(candidates)} events match {query!r}; give one of their IRIs or a longer part of a label"
        )


@dataclass(frozen=True)
class DateEvidence:
    """An event's date and how it was obtained."""

    begin: dt.date
    end: dt.date
    #: "Day", "Week", "Month", "Year" or "Approximate" (the local name of the evkg individual).
    precision: str
    #: The time expression as written ("Wednesday").
    expression: str | None
    #: "ExplicitDate" or "RelativeDate".
    basis: str | None
    #: The date a relative expression was resolved against.
    anchor: dt.date | None = None


@dataclass(frozen=True)
class Sentence:
    """One evidence sentence with its character offsets in the article text (end exclusive)."""

    text: str
    begin: int
    end: int
    trigger: str | None = None
    #: How this sentence reports the event when not as the event says ("hypothetical": a
    #: prospect of an event its article asserts); None when as the event says.
    factuality: str | None = None


@dataclass(frozen=True)
class Source:
    """One article reporting the event, with the sentences it reports it in (in text order)."""

    iri: str
    identifier: str
    headline: str | None
    outlet: str | None
    published: dt.date | None
    sentences: tuple[Sentence, ...]
    #: Identifiers of near-duplicate articles based on this one (schema:isBasedOn).
    copies: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureEvidence:
    """A number given about the event, who gave it and where."""

    text: str
    value: float
    unit: str
    qualifier: str | None
    given_by: str | None
    source: str | None
    sentence: str | None


@dataclass(frozen=True)
class Participant:
    """An actor or place of the event: its role, its name and its IRI."""

    role: str
    name: str
    iri: str


@dataclass(frozen=True)
class EventEvidence:
    """Everything the graph says about why an event is in it."""

    iri: str
    label: str
    #: The event type's preferred label, or its local name.
    event_type: str
    factuality: str | None
    date: DateEvidence | None
    actors: tuple[Participant, ...]
    places: tuple[Participant, ...]
    according_to: tuple[str, ...]
    quotes: tuple[str, ...]
    sources: tuple[Source, ...]
    figures: tuple[FigureEvidence, ...]


def _local(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _date(node: Node | None) -> dt.date | None:
    return None if node is None else dt.date.fromisoformat(str(node)[:10])


def _rows(graph: Graph, text: str, **bindings: Node) -> list:
    from graph.namespace import PREFIXES

    return list(graph.query(text, initNs=dict(PREFIXES), initBindings=bindings))


def find_event(graph: Graph, event: str) -> URIRef:
    """The one event ``event`` names: its IRI, its id (the IRI's last part), its label, or a part
    of one label (any case). Raises QueryError when none matches, AmbiguousEventError when several
    do and none has exactly that label."""
    from rdflib import URIRef

    wanted = event.strip()
    if not wanted:
        raise QueryError("empty event; give an event IRI or a part of its label")
    events = {
        str(r.e): str(r.label)
        for r in _rows(graph, "SELECT ?e ?label WHERE { ?e a sem:Event ; rdfs:label ?label }")
    }
    if wanted in events:
        return URIRef(wanted)
    by_id = [iri for iri in events if iri.rsplit("/", 1)[-1] == wanted]
    if len(by_id) == 1:
        return URIRef(by_id[0])
    needle = wanted.casefold()
    exact = [iri for iri, label in events.items() if label.casefold() == needle]
    if len(exact) == 1:
        return URIRef(exact[0])
    found = sorted(
        ((iri, label) for iri, label in events.items() if needle in label.casefold()),
        key=lambda x: (x[1], x[0]),
    )
    if not found:
        raise QueryError(
            f"no event is {wanted!r} or has it in its label; list events with `evkg query --named timeline`"
        )
    if len(found) > 1:
        raise AmbiguousEventError(wanted, tuple(found))
    return URIRef(found[0][0])


_EVENT = """
SELECT ?label ?type ?typeLabel ?factuality ?begin ?end ?precision ?expression ?basis ?anchor WHERE {
  ?e rdfs:label ?label ; sem:eventType ?type .
  OPTIONAL { ?type skos:prefLabel ?typeLabel }
  OPTIONAL { ?e evkg:factuality ?factuality }
  OPTIONAL { ?e sem:hasBeginTimeStamp ?begin ; sem:hasEndTimeStamp ?end .
             OPTIONAL { ?e evkg:datePrecision ?precision }
             OPTIONAL { ?e evkg:dateExpression ?expression }
             OPTIONAL { ?e evkg:dateBasis ?basis }
             OPTIONAL { ?e evkg:dateAnchor ?anchor } }
}"""
_PARTICIPANTS = """
SELECT ?role ?x ?name WHERE {
  { ?e evkg:agent ?x BIND("agent" AS ?role) } UNION { ?e evkg:patient ?x BIND("patient" AS ?role) }
  UNION { ?e evkg:recipient ?x BIND("recipient" AS ?role) }
  UNION { ?e sem:hasActor ?x BIND("actor" AS ?role) }
  UNION { ?e sem:hasPlace ?x BIND("place" AS ?role) } UNION { ?e evkg:topicPlace ?x BIND("about" AS ?role) }
  UNION { ?e sem:accordingTo ?x BIND("according to" AS ?role) }
  OPTIONAL { ?x rdfs:label ?name }
}"""
_QUOTES = "SELECT ?q WHERE { ?e evkg:quote ?q }"
_MENTIONS = """
SELECT ?article ?id ?headline ?outlet ?published ?sentence ?begin ?end ?trigger ?factuality WHERE {
  { ?e evkg:hasMention ?m . ?m evkg:inArticle ?article ; evkg:sentence ?sentence ;
       evkg:beginIndex ?begin ; evkg:endIndex ?end . OPTIONAL { ?m evkg:triggerText ?trigger }
    OPTIONAL { ?m evkg:mentionFactuality ?factuality } }
  UNION { ?e prov:wasDerivedFrom ?article . ?article a schema:NewsArticle }
  OPTIONAL { ?article schema:identifier ?id }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:publisher ?outlet }
  OPTIONAL { ?article schema:datePublished ?published }
}"""
_COPIES = (
    "SELECT ?copy ?id WHERE { ?copy schema:isBasedOn ?article . OPTIONAL { ?copy schema:identifier ?id } }"
)
_FIGURES = """
SELECT ?f ?text ?value ?unit ?qualifier ?by ?byName ?source ?sentence WHERE {
  ?e evkg:hasFigure ?f . ?f evkg:value ?value ; evkg:unit ?unit .
  OPTIONAL { ?f evkg:figureText ?text }
  OPTIONAL { ?f evkg:qualifier ?qualifier }
  OPTIONAL { ?f evkg:givenBy ?by OPTIONAL { ?by rdfs:label ?byName } }
  OPTIONAL { ?f prov:wasDerivedFrom ?from .
             OPTIONAL { ?from evkg:inArticle ?viaMention }
             BIND(COALESCE(?viaMention, ?from) AS ?art)
             OPTIONAL { ?art schema:identifier ?source } }
  OPTIONAL { ?f evkg:sentence ?sentence }
}"""


def event_evidence(graph: Graph, event: str | URIRef) -> EventEvidence:
    """The evidence for ``event`` (anything :func:`find_event` accepts) in ``graph``."""
    from rdflib import URIRef

    e = find_event(graph, str(event))
    head = _rows(graph, _EVENT, e=e)
    if not head:
        raise QueryError(f"{e}: the event has no rdfs:label or sem:eventType; is this a pipeline graph?")
    h = head[0]
    date = None
    if h.begin is not None:
        date = DateEvidence(
            begin=_date(h.begin),
            end=_date(h.end),
            precision=_local(h.precision) or "",
            expression=str(h.expression) if h.expression is not None else None,
            basis=_local(h.basis),
            anchor=_date(h.anchor),
        )
    people: dict[tuple[str, str], Participant] = {}
    for r in _rows(graph, _PARTICIPANTS, e=e):
        role = str(r.role)
        people[role, str(r.x)] = Participant(
            role, str(r.name) if r.name is not None else _local(r.x), str(r.x)
        )
    roled = {iri for (role, iri) in people if role in ("agent", "patient", "recipient")}
    # sem:hasActor repeats every role; an actor is listed as bare "actor" only when it has none.
    actors = sorted(
        (
            p
            for (role, iri), p in people.items()
            if role in ACTOR_ROLES and not (role == "actor" and iri in roled)
        ),
        key=lambda p: (ACTOR_ROLES.index(p.role), p.name, p.iri),
    )
    places = sorted(
        (p for p in people.values() if p.role in ("place", "about")),
        key=lambda p: (p.role != "place", p.name),
    )
    according = sorted(p.name for p in people.values() if p.role == "according to")
    sources: dict[str, dict] = {}
    for r in _rows(graph, _MENTIONS, e=e):
        s = sources.setdefault(
            str(r.article),
            {
                "identifier": str(r.id) if r.id is not None else _local(r.article),
                "headline": str(r.headline) if r.headline is not None else None,
                "outlet": str(r.outlet) if r.outlet is not None else None,
                "published": _date(r.published),
                "sentences": set(),
            },
        )
        if r.sentence is not None:
            trigger = str(r.trigger) if r.trigger is not None else None
            said = _local(r.factuality).lower() if r.factuality is not None else None
            s["sentences"].add(Sentence(str(r.sentence), int(r.begin), int(r.end), trigger, said))
    built = []
    for iri, s in sources.items():
        copies = sorted(str(r.id or r.copy) for r in _rows(graph, _COPIES, article=URIRef(iri)))
        sentences = tuple(sorted(s.pop("sentences"), key=lambda x: (x.begin, x.end, x.trigger or "")))
        built.append(Source(iri=iri, sentences=sentences, copies=tuple(copies), **s))
    built.sort(key=lambda s: (s.published or dt.date.max, s.identifier))
    figures = sorted(
        {
            FigureEvidence(
                text=str(r.text) if r.text is not None else str(r.value),
                value=float(r.value),
                unit=str(r.unit),
                qualifier=str(r.qualifier) if r.qualifier is not None else None,
                given_by=str(r.byName) if r.byName is not None else (str(r.by) if r.by is not None else None),
                source=str(r.source) if r.source is not None else None,
                sentence=str(r.sentence) if r.sentence is not None else None,
            )
            for r in _rows(graph, _FIGURES, e=e)
        },
        key=lambda f: (f.unit, f.value, f.source or "", f.text),
    )
    return EventEvidence(
        iri=str(e),
        label=str(h.label),
        event_type=str(h.typeLabel) if h.typeLabel is not None else _local(h.type) or "",
        factuality=_local(h.factuality),
        date=date,
        actors=tuple(actors),
        places=tuple(places),
        according_to=tuple(according),
        quotes=tuple(sorted(str(r.q) for r in _rows(graph, _QUOTES, e=e))),
        sources=tuple(built),
        figures=tuple(figures),
    )


def describe_date(d: DateEvidence) -> str:
    """The date in words: ``2022-11-09 (day), from “Wednesday” resolved against 2022-11-11 …``."""
    when = d.begin.isoformat() if d.begin == d.end else f"{d.begin.isoformat()} – {d.end.isoformat()}"
    out = f"{when} ({d.precision.lower() or 'unknown precision'})"
    if d.expression:
        out += f", from “{d.expression}”"
    if d.basis == "RelativeDate" and d.anchor is not None:
        out += f" resolved against {d.anchor.isoformat()} (relative date)"
    elif d.basis == "ExplicitDate":
        out += " (written out)"
    return out


def format_evidence(ev: EventEvidence) -> str:
    """The evidence as plain text for a terminal: one fact a line, sentences quoted with offsets."""
    lines = [ev.label, f"  iri:        {ev.iri}", f"  type:       {ev.event_type}"]
    if ev.factuality:
        lines.append(f"  reported:   {ev.factuality.lower()}")
    lines.append(f"  date:       {describe_date(ev.date) if ev.date else 'undated'}")
    for p in ev.actors:
        lines.append(f"  {p.role + ':':11} {p.name}  <{p.iri}>")
    for p in ev.places:
        lines.append(f"  {('place:' if p.role == 'place' else 'about:'):11} {p.name}  <{p.iri}>")
    for name in ev.according_to:
        lines.append(f"  {'reported by:':11} {name}")
    for quote in ev.quotes:
        lines.append(f"  quote:      “{quote}”")
    lines.append(f"  sources:    {len(ev.sources)}")
    for s in ev.sources:
        meta = ", ".join(x for x in (s.outlet, s.published.isoformat() if s.published else "undated") if x)
        lines.append(f"  - {s.identifier} ({meta})" + (f": {s.headline}" if s.headline else ""))
        for copy in s.copies:
            lines.append(f"      copied by {copy} (near-duplicate, not counted)")
        for sent in s.sentences:
            text = " ".join(sent.text.split())
            trig = f" [{sent.trigger}]" if sent.trigger else ""
            said = f" ({sent.factuality})" if sent.factuality else ""
            lines.append(f"      [{sent.begin}:{sent.end}]{trig}{said} “{text}”")
    if ev.figures:
        lines.append(f"  figures:    {len(ev.figures)}")
        for f in ev.figures:
            by = f" given by {f.given_by}" if f.given_by else ""
            src = f" ({f.source})" if f.source else ""
            lines.append(f"  - {f.text} [{f.unit}]{by}{src}")
    return "\n".join(lines)
