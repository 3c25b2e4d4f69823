"""RDF building: articles, events, entities and figures as triples in the contract vocabulary.

The only stage that knows RDF. The merged graph holds everything; each article also gets a
named graph with what that article alone says (its mentions, and the roles, dates and
figures its own sentences give). No blank nodes: every node has a stable IRI derived from
the input, so the same input gives the same graph and the same bytes.

Triples are tuples of N-Triples text (graph.rdf_terms), not rdflib objects: building an rdflib
Dataset took as long as writing it. A node's triples that two graphs share (an article, a
mention, an entity, a name) are made once and added to both.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD
from rdflib.namespace import PROV

from graph.namespace import EVKG, EVT, GAF, GEO, ID, SCHEMA, SEM
from graph.rdf_terms import date, decimal, integer, iri, literal, tagged, typed
from graph.records import (
    Article,
    DateSpan,
    Entity,
    EntityKind,
    Event,
    Factuality,
    Figure,
    Mention,
    NameOccurrence,
    Precision,
)

#: A triple: subject, predicate and object as N-Triples text.
Triple = tuple[str, str, str]

MERGED = ID["graph/merged"]
WIKIDATA = "http://www.wikidata.org/entity/"


class Terms:
    """A namespace whose attributes are its IRIs as N-Triples text (``Terms(SEM).Event`` is
    ``"<http://semanticweb.cs.vu.nl/2009/11/sem/Event>"``); a closed namespace (EVKG) still
    refuses a term it does not define."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = iri(self._namespace[name])  # type: ignore[index]
        setattr(self, name, term)  # later reads are plain attribute reads
        return term


E, S, SC = Terms(EVKG), Terms(SEM), Terms(SCHEMA)
A = iri(RDF.type)
LABEL, ALT_LABEL, SAME_AS = iri(RDFS.label), iri(SKOS.altLabel), iri(OWL.sameAs)
LAT, LONG = iri(GEO.lat), iri(GEO.long)
DENOTED_BY, DERIVED_FROM = iri(GAF.denotedBy), iri(PROV.wasDerivedFrom)
ANY_URI = iri(XSD.anyURI)
MERGED_GRAPH = iri(MERGED)

_PRECISION = {
    Precision.DAY: E.Day,
    Precision.WEEK: E.Week,
    Precision.MONTH: E.Month,
    Precision.YEAR: E.Year,
    Precision.APPROXIMATE: E.Approximate,
}
_FACTUALITY = {
    Factuality.ASSERTED: E.Asserted,
    Factuality.NEGATED: E.Negated,
    Factuality.HYPOTHETICAL: E.Hypothetical,
    Factuality.FUTURE: E.Future,
}
_KIND_CLASSES = {
    EntityKind.PERSON: (S.Actor, SC.Person),
    EntityKind.ORGANISATION: (S.Actor, SC.Organization),
    EntityKind.COUNTRY: (S.Actor, S.Place, SC.Country),
    EntityKind.ARMED_GROUP: (S.Actor, E.ArmedGroup, SC.Organization),
    EntityKind.PLACE: (S.Place, SC.Place),
    EntityKind.OTHER: (S.Actor,),
}


def slug(text: str) -> str:
    """An IRI-safe, stable slug; a short hash keeps distinct inputs distinct."""
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "x"
    if clean != text:
        clean += "-" + hashlib.sha1(text.encode()).hexdigest()[:6]
    return clean


def _id(path: str) -> str:
    return iri(f"{ID}{path}")


def article_iri(article_id: str) -> str:
    return _id(f"article/{slug(article_id)}")


def article_graph_iri(article_id: str) -> str:
    return _id(f"graph/{slug(article_id)}")


def entity_iri(entity: Entity) -> str:
    return _id(f"{'place' if entity.kind is EntityKind.PLACE else 'actor'}/{slug(entity.key)}")


def event_iri(event: Event) -> str:
    return _id(f"event/{event.id}")


def mention_iri(m: Mention) -> str:
    part = f"-{m.part}" if m.part else ""
    return _id(f"mention/{slug(m.article_id)}/{m.trigger_start}{part}")


def figure_iri(article_id: str, figure: Figure, n: int | str) -> str:
    start = figure.evidence.start if figure.evidence else 0
    return _id(f"figure/{slug(article_id)}/{start}-{n}")


def figure_key(m: Mention, n: int) -> str:
    """What tells apart the ``n``-th figure of ``m`` from the other figures of its sentence."""
    return f"{m.trigger_start * 100 + n}" + (f"p{m.part}" if m.part else "")


def article_triples(a: Article) -> list[Triple]:
    s = article_iri(a.id)
    out = [(s, A, SC.NewsArticle), (s, SC.identifier, literal(a.id))]
    if a.published:
        out.append((s, SC.datePublished, date(a.published)))
    for prop, value in ((SC.headline, a.title), (SC.publisher, a.outlet), (SC.author, a.author)):
        if value:
            out.append((s, prop, literal(value)))
    if a.url:
        out.append((s, SC.url, typed(a.url, ANY_URI)))
    out.append((s, SC.inLanguage, literal(a.language)))
    return out


def entity_triples(e: Entity) -> list[Triple]:
    s = entity_iri(e)
    out = [(s, A, cls) for cls in _KIND_CLASSES[e.kind]]
    out.append((s, LABEL, literal(e.name)))
    out += [(s, ALT_LABEL, literal(alias)) for alias in e.aliases if alias != e.name]
    if e.lat is not None and e.long is not None:
        out += [(s, LAT, decimal(e.lat)), (s, LONG, decimal(e.long))]
    if e.wikidata:
        out.append((s, SAME_AS, iri(WIKIDATA + e.wikidata)))
    return out


def date_triples(s: str, d: DateSpan) -> list[Triple]:
    out = [
        (s, S.hasBeginTimeStamp, date(d.begin)),
        (s, S.hasEndTimeStamp, date(d.end)),
        (s, E.datePrecision, _PRECISION[d.precision]),
        (s, E.dateExpression, literal(d.expression)),
    ]
    if d.anchor is not None:
        out += [(s, E.dateBasis, E.RelativeDate), (s, E.dateAnchor, date(d.anchor))]
    else:
        out.append((s, E.dateBasis, E.ExplicitDate))
    return out


def mention_triples(s: str, m: Mention) -> list[Triple]:
    """The mention node ``s`` of ``m``: its sentence, offsets and trigger."""
    ev = m.evidence
    trigger = ev.sentence[m.trigger_start - ev.start : m.trigger_end - ev.start]
    out = [
        (s, A, E.Mention),
        (s, E.inArticle, article_iri(m.article_id)),
        (s, E.sentence, literal(ev.sentence)),
        (s, E.beginIndex, integer(ev.start)),
        (s, E.endIndex, integer(ev.end)),
        (s, E.triggerText, literal(trigger)),
        (s, E.triggerBegin, integer(m.trigger_start)),
        (s, E.triggerEnd, integer(m.trigger_end)),
    ]
    if m.date is not None:  # how this sentence dates the event: the way back from a date
        out.append((s, E.dateExpression, literal(m.date.expression)))
        if m.date.anchor is not None:
            out.append((s, E.dateAnchor, date(m.date.anchor)))
    return out


def name_mention_triples(entity: str, o: NameOccurrence) -> list[Triple]:
    """Where an article names ``entity``: the name as written, its offsets and its sentence."""
    s = _id(f"mention/{slug(o.article_id)}/{o.start}-{o.end}")
    return [
        (entity, DENOTED_BY, s),
        (s, A, E.NameMention),
        (s, E.inArticle, article_iri(o.article_id)),
        (s, E.anchorOf, literal(o.text)),
        (s, E.anchorBegin, integer(o.start)),
        (s, E.anchorEnd, integer(o.end)),
        (s, E.sentence, literal(o.evidence.sentence)),
        (s, E.beginIndex, integer(o.evidence.start)),
        (s, E.endIndex, integer(o.evidence.end)),
    ]


def figure_triples(s: str, f: Figure, iri_of: Mapping[str, str]) -> list[Triple]:
    """The figure node ``s`` (the event's link to it is the caller's)."""
    out = [(s, A, E.Figure), (s, E.value, decimal(f.value))]
    if f.low is not None:
        out.append((s, E.minValue, decimal(f.low)))
    if f.high is not None:
        out.append((s, E.maxValue, decimal(f.high)))
    out += [(s, E.unit, literal(f.unit)), (s, E.figureText, literal(f.text))]
    if f.qualifier:
        out.append((s, E.qualifier, literal(f.qualifier)))
    if f.given_by and f.given_by in iri_of:
        out.append((s, E.givenBy, iri_of[f.given_by]))
    if f.evidence:
        out += [
            (s, DERIVED_FROM, article_iri(f.evidence.article_id)),
            (s, E.sentence, literal(f.evidence.sentence)),
            (s, E.beginIndex, integer(f.evidence.start)),
            (s, E.endIndex, integer(f.evidence.end)),
        ]
    return out


class _Nodes:
    """The triples of each mention (with its figures) and entity, made once per build however
    many graphs state them."""

    def __init__(self, entities: Mapping[str, Entity], iri_of: Mapping[str, str]) -> None:
        self.entities, self.iri_of = entities, iri_of
        self._mentions: dict[int, tuple[str, list[Triple], list[str]]] = {}
        self._entities: dict[str, list[Triple]] = {}

    def mention(self, m: Mention) -> tuple[str, list[Triple], list[str]]:
        """``m``'s IRI, its triples and its figures', and its figures' IRIs."""
        found = self._mentions.get(id(m))  # mentions live as long as the build: ids stay theirs
        if found is None:
            s = mention_iri(m)
            triples = mention_triples(s, m)
            figures = []
            for n, f in enumerate(m.figures):
                figures.append(fs := figure_iri(m.article_id, f, figure_key(m, n)))
                triples += figure_triples(fs, f, self.iri_of)
            found = self._mentions[id(m)] = (s, triples, figures)
        return found

    def entity(self, key: str) -> list[Triple]:
        found = self._entities.get(key)
        if found is None:
            found = self._entities[key] = entity_triples(self.entities[key])
        return found


def event_triples(
    e: Event, mentions: Sequence[Mention], nodes: _Nodes, date_span: DateSpan | None
) -> Iterator[Triple]:
    """The event as ``mentions`` report it (all of them in the merged graph, one article's otherwise)."""
    s, iri_of = event_iri(e), nodes.iri_of
    yield (s, A, S.Event)
    yield (s, LABEL, tagged(e.label, "en"))
    yield (s, S.eventType, iri(EVT[e.event_type]))
    if e.topic:
        yield (s, E.topic, iri(EVT[e.topic]))
    yield (s, E.factuality, _FACTUALITY[e.factuality])
    if date_span is not None:
        yield from date_triples(s, date_span)
    for m in mentions:
        ms, own, figures = nodes.mention(m)
        yield (s, E.hasMention, ms)
        yield from own
        yield (s, DERIVED_FROM, article_iri(m.article_id))
        for role, keys in ((E.agent, m.agents), (E.patient, m.patients), (E.recipient, m.recipients)):
            for k in keys:
                if k in iri_of:
                    yield (s, role, iri_of[k])
                    yield (s, S.hasActor, iri_of[k])
        yield from ((s, S.hasPlace, iri_of[k]) for k in m.places if k in iri_of)
        yield from ((s, E.topicPlace, iri_of[k]) for k in m.topic_places if k in iri_of)
        if m.according_to and m.according_to in iri_of:
            yield (s, S.accordingTo, iri_of[m.according_to])
        if m.quote:
            yield (s, E.quote, literal(m.quote))
        yield from ((s, E.hasFigure, f) for f in figures)
    yield (s, E.mentionCount, integer(len(mentions)))


def contest_triples(events: Sequence[Event], entities: Mapping[str, Entity]) -> Iterator[Triple]:
    """Figures that contest each other (``evkg:contradicts``, both ways)."""
    from graph.contest import contested

    located = [
        (f, figure_iri(m.article_id, f, figure_key(m, n)))
        for e in events
        for m in e.mentions
        for n, f in enumerate(m.figures)
    ]
    for i, j in contested([f for f, _ in located], entities):
        yield (located[i][1], E.contradicts, located[j][1])
        yield (located[j][1], E.contradicts, located[i][1])


def _used_keys(mentions: Iterable[Mention]) -> set[str]:
    keys: set[str] = set()
    for m in mentions:
        keys.update(m.agents, m.patients, m.recipients, m.places, m.topic_places)
        if m.according_to:
            keys.add(m.according_to)
        keys.update(f.given_by for f in m.figures if f.given_by)
    return keys


class Quads:
    """The build's RDF: named graphs of triples (names and terms as N-Triples text), the merged
    graph under :data:`MERGED_GRAPH`. A graph is held (``graphs``) or made each time it is read
    (``made``: the articles' graphs, so a large build never holds them all at once)."""

    def __init__(self) -> None:
        self.graphs: dict[str, set[Triple]] = {}
        self.made: dict[str, Callable[[], set[Triple]]] = {}

    def graph(self, name: str) -> set[Triple]:
        """The held graph ``name`` (made empty if new), to read or add to."""
        return self.graphs.setdefault(name, set())

    @property
    def merged(self) -> set[Triple]:
        return self.graph(MERGED_GRAPH)

    def names(self) -> list[str]:
        """Every graph's name, in order."""
        return sorted(self.graphs.keys() | self.made.keys())

    def triples(self, name: str) -> set[Triple]:
        """The triples of graph ``name`` (a made graph is made now, and not kept)."""
        return self.graphs[name] if name in self.graphs else self.made[name]()

    def __len__(self) -> int:
        """The number of quads (making every made graph: for tests and small builds)."""
        return sum(len(self.triples(name)) for name in self.names())


def scheme_triples(path: Path) -> list[Triple]:
    """The triples of a Turtle file (the event-type scheme), as N-Triples text."""
    import pyoxigraph as ox

    parsed = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    return [(str(t.subject), str(t.predicate), str(t.object)) for t in parsed]


class GraphBuilder:
    """Builds the quads: the merged graph plus one named graph per article.

    ``scheme`` (triples) is the event-type scheme (SKOS) copied into the merged graph so that
    ``skos:prefLabel`` of every type is queryable from the built graph alone.
    """

    def __init__(self, scheme: Sequence[Triple] = ()) -> None:
        self.scheme = scheme

    @classmethod
    def from_ontology(cls, ontology_dir: Path) -> GraphBuilder:
        return cls(scheme_triples(ontology_dir / "event-types.ttl"))

    def __call__(
        self,
        articles: Sequence[Article],
        events: Sequence[Event],
        entities: Mapping[str, Entity],
        occurrences: Sequence[NameOccurrence] = (),
        copies: Sequence[tuple[str, str]] = (),
    ) -> Quads:
        """The quads of a build; ``copies``: ``(copy id, original id)`` of syndicated copies, each
        ``schema:isBasedOn`` its original in the merged graph and its own."""
        quads = Quads()
        merged = quads.merged
        merged.update(self.scheme)
        used = sorted(_used_keys(m for e in events for m in e.mentions) & set(entities))
        iri_of = {k: entity_iri(entities[k]) for k in used}
        nodes = _Nodes(entities, iri_of)
        for k in used:
            merged.update(nodes.entity(k))
        for a in articles:
            merged.update(article_triples(a))
        for e in events:
            merged.update(event_triples(e, e.mentions, nodes, e.date))
        merged.update(contest_triples(events, entities))
        # Where each actor and place of the graph is named, in the merged graph and its article's.
        named: dict[str, list[NameOccurrence]] = {}
        for o in occurrences:
            if o.key in iri_of:
                merged.update(name_mention_triples(iri_of[o.key], o))
                named.setdefault(o.article_id, []).append(o)
        merged.update(_based_on(copy, original) for copy, original in copies)
        reported: dict[str, dict[int, Event]] = {a.id: {} for a in articles}
        for e in events:
            for article_id in e.sources:
                if article_id in reported:
                    reported[article_id].setdefault(id(e), e)
        originals = dict(copies)

        def article_graph(a: Article) -> set[Triple]:
            """What ``a`` alone says: itself, the names it gives, the events it reports."""
            g = set(article_triples(a))
            for o in named.get(a.id, ()):
                g.update(name_mention_triples(iri_of[o.key], o))
            for e in reported[a.id].values():
                own = [m for m in e.mentions if m.article_id == a.id]
                dates = [m.date for m in own if m.date is not None]
                g.update(event_triples(e, own, nodes, dates[0] if dates else None))
                for k in sorted(_used_keys(own) & iri_of.keys()):
                    g.update(nodes.entity(k))
            if a.id in originals:
                g.add(_based_on(a.id, originals[a.id]))
            return g

        for a in articles:
            quads.made[article_graph_iri(a.id)] = partial(article_graph, a)
        return quads


def _based_on(copy: str, original: str) -> Triple:
    return (article_iri(copy), SC.isBasedOn, article_iri(original))
