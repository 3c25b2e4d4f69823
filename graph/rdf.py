"""RDF building: articles, events, entities and figures as triples in the contract vocabulary.

The only stage that knows RDF. The merged graph holds everything; each article also gets a
named graph with what that article alone says (its mentions, and the roles, dates and
figures its own sentences give). Each node's triples and IRI: graph.rdf_nodes.

Triples are tuples of N-Triples text (graph.rdf_terms), not rdflib objects: building an rdflib
Dataset took as long as writing it. An entity's triples, which many graphs share, are made once;
a mention's, an article's and a name's are made again for the article's own graph, which is made
when graph.trig reaches it (holding them for the whole build took more memory than making them twice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path

from graph.namespace import EVT
from graph.occurrences import NameOccurrences
from graph.rdf_nodes import (
    DERIVED_FROM,
    FACTUALITY,
    LABEL,
    MERGED,
    MERGED_GRAPH,
    SC,
    A,
    E,
    S,
    Triple,
    article_graph_iri,
    article_iri,
    article_triples,
    date_triples,
    entity_iri,
    entity_triples,
    event_iri,
    figure_iri,
    figure_key,
    figure_triples,
    mention_iri,
    mention_triples,
    name_mention_triples,
)
from graph.rdf_spool import TripleSpool
from graph.rdf_terms import integer, iri, literal, tagged
from graph.records import Article, DateSpan, Entity, Event, Mention, NameOccurrence

__all__ = ["MERGED", "MERGED_GRAPH", "GraphBuilder", "Quads", "Triple"]


class _Nodes:
    """The triples of each mention (with its figures), made each time a graph states it (its
    article's and the merged graph: kept for the whole build, they were the largest thing held once
    the merged graph is compressed), and of each entity, made once per build however many graphs
    state it."""

    def __init__(self, entities: Mapping[str, Entity], iri_of: Mapping[str, str]) -> None:
        self.entities, self.iri_of = entities, iri_of
        self._entities: dict[str, list[Triple]] = {}

    def mention(self, m: Mention) -> tuple[str, list[Triple], list[str]]:
        """``m``'s IRI, its triples and its figures', and its figures' IRIs."""
        s = mention_iri(m)
        triples = mention_triples(s, m)
        figures = []
        for n, f in enumerate(m.figures):
            figures.append(fs := figure_iri(m.article_id, f, figure_key(m, n)))
            triples += figure_triples(fs, f, self.iri_of)
        return s, triples, figures

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
    yield (s, E.factuality, FACTUALITY[e.factuality])
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
        if m.factuality is not e.factuality:
            # A prospect of the event its report asserts: its sentence says it otherwise, and
            # whoever put it forward does not report the event.
            yield (ms, E.mentionFactuality, FACTUALITY[m.factuality])
        elif m.according_to and m.according_to in iri_of:
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


def timeline_order(e: Event) -> tuple:
    """``e``'s sort key in the timeline: dated events first by begin, end and label, then the
    undated by label, ties by IRI (the order the named ``timeline`` query gives; label and IRI
    compare by code point there as here)."""
    d = e.date
    return (d is None, d.begin if d else None, d.end if d else None, e.label, event_iri(e))


def rank_triples(events: Sequence[Event]) -> Iterator[Triple]:
    """``evkg:timelineRank`` 1..N of ``events`` in :func:`timeline_order`: the key a page of the
    timeline is read by (named query ``timeline-page``), so a page need not sort every event."""
    # Undated keys hold None for both dates: equal there, so ``sorted`` never compares them.
    ordered = sorted(events, key=timeline_order)
    for rank, e in enumerate(ordered, 1):
        yield (event_iri(e), E.timelineRank, integer(rank))


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
    graph under :data:`MERGED_GRAPH`. A graph is held (``graphs``: a set, or for a build's merged
    graph a :class:`~graph.rdf_spool.TripleSpool`, which holds most of it compressed) or made each
    time it is read (``made``: the articles' graphs, so a large build never holds them all at once)."""

    def __init__(self) -> None:
        self.graphs: dict[str, set[Triple] | TripleSpool] = {}
        self.made: dict[str, Callable[[], set[Triple]]] = {}

    def graph(self, name: str) -> set[Triple] | TripleSpool:
        """The held graph ``name`` (made empty if new), to add to."""
        return self.graphs.setdefault(name, set())

    @property
    def merged(self) -> set[Triple] | TripleSpool:
        return self.graph(MERGED_GRAPH)

    def names(self) -> list[str]:
        """Every graph's name, in order."""
        return sorted(self.graphs.keys() | self.made.keys())

    def triples(self, name: str) -> set[Triple]:
        """The triples of graph ``name`` (a made graph is made now, and not kept)."""
        if name in self.graphs:
            g = self.graphs[name]
            return g if isinstance(g, set) else set(g)
        return self.made[name]()

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
        occurrences: NameOccurrences | Sequence[NameOccurrence] = (),
        copies: Sequence[tuple[str, str]] = (),
    ) -> Quads:
        """The quads of a build; ``occurrences``: where the articles name entities (those of
        entities no event uses are left out); ``copies``: ``(copy id, original id)`` of
        syndicated copies, each ``schema:isBasedOn`` its original in the merged graph and its own."""
        quads = Quads()
        merged = quads.graphs[MERGED_GRAPH] = TripleSpool()
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
        merged.update(rank_triples(events))
        merged.update(contest_triples(events, entities))
        # Where each actor and place of the graph is named, in the merged graph and its article's
        # (read again from the offsets when the article's graph is made: never all held as records).
        named = _named_in(occurrences, iri_of)
        for a in articles:
            merged.update(t for o in named(a.id) for t in name_mention_triples(iri_of[o.key], o))
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
            for o in named(a.id):
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


def _named_in(
    occurrences: NameOccurrences | Sequence[NameOccurrence], iri_of: Mapping[str, str]
) -> Callable[[str], Iterator[NameOccurrence]]:
    """The occurrences of an article (by id) that name an entity of ``iri_of``, in order."""
    if isinstance(occurrences, NameOccurrences):
        of = occurrences.of
    else:
        grouped: dict[str, list[NameOccurrence]] = {}
        for o in occurrences:
            grouped.setdefault(o.article_id, []).append(o)

        def of(article_id: str) -> Iterator[NameOccurrence]:
            return iter(grouped.get(article_id, ()))

    def named(article_id: str) -> Iterator[NameOccurrence]:
        return (o for o in of(article_id) if o.key in iri_of)

    return named


def _based_on(copy: str, original: str) -> Triple:
    return (article_iri(copy), SC.isBasedOn, article_iri(original))
