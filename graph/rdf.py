"""RDF building: articles, events, entities and figures as triples in the contract vocabulary.

The only stage that knows RDF. The merged graph holds everything; each article also gets a
named graph with what that article alone says (its mentions, and the roles, dates and
figures its own sentences give). No blank nodes: every node has a stable IRI derived from
the input, so the same input gives the same graph and the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

from graph.namespace import EVKG, EVT, GAF, GEO, ID, SCHEMA, SEM, bind_prefixes
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

MERGED = ID["graph/merged"]
WIKIDATA = "http://www.wikidata.org/entity/"

_PRECISION = {
    Precision.DAY: EVKG.Day,
    Precision.WEEK: EVKG.Week,
    Precision.MONTH: EVKG.Month,
    Precision.YEAR: EVKG.Year,
    Precision.APPROXIMATE: EVKG.Approximate,
}
_FACTUALITY = {
    Factuality.ASSERTED: EVKG.Asserted,
    Factuality.NEGATED: EVKG.Negated,
    Factuality.HYPOTHETICAL: EVKG.Hypothetical,
    Factuality.FUTURE: EVKG.Future,
}
_KIND_CLASSES = {
    EntityKind.PERSON: (SEM.Actor, SCHEMA.Person),
    EntityKind.ORGANISATION: (SEM.Actor, SCHEMA.Organization),
    EntityKind.COUNTRY: (SEM.Actor, SEM.Place, SCHEMA.Country),
    EntityKind.ARMED_GROUP: (SEM.Actor, EVKG.ArmedGroup, SCHEMA.Organization),
    EntityKind.PLACE: (SEM.Place, SCHEMA.Place),
    EntityKind.OTHER: (SEM.Actor,),
}


def slug(text: str) -> str:
    """An IRI-safe, stable slug; a short hash keeps distinct inputs distinct."""
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "x"
    if clean != text:
        clean += "-" + hashlib.sha1(text.encode()).hexdigest()[:6]
    return clean


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{slug(article_id)}"]


def article_graph_iri(article_id: str) -> URIRef:
    return ID[f"graph/{slug(article_id)}"]


def entity_iri(entity: Entity) -> URIRef:
    return ID[f"{'place' if entity.kind is EntityKind.PLACE else 'actor'}/{slug(entity.key)}"]


def event_iri(event: Event) -> URIRef:
    return ID[f"event/{event.id}"]


def mention_iri(m: Mention) -> URIRef:
    part = f"-{m.part}" if m.part else ""
    return ID[f"mention/{slug(m.article_id)}/{m.trigger_start}{part}"]


def figure_iri(article_id: str, figure: Figure, n: int | str) -> URIRef:
    start = figure.evidence.start if figure.evidence else 0
    return ID[f"figure/{slug(article_id)}/{start}-{n}"]


def figure_key(m: Mention, n: int) -> str:
    """What tells apart the ``n``-th figure of ``m`` from the other figures of its sentence."""
    return f"{m.trigger_start * 100 + n}" + (f"p{m.part}" if m.part else "")


def _decimal(x: float) -> Literal:
    return Literal(Decimal(repr(round(x, 6))), datatype=XSD.decimal)


def add_article(g: Graph, a: Article) -> None:
    s = article_iri(a.id)
    g.add((s, RDF.type, SCHEMA.NewsArticle))
    g.add((s, SCHEMA.identifier, Literal(a.id)))
    if a.published:
        g.add((s, SCHEMA.datePublished, Literal(a.published, datatype=XSD.date)))
    for prop, value in (
        (SCHEMA.headline, a.title),
        (SCHEMA.publisher, a.outlet),
        (SCHEMA.author, a.author),
    ):
        if value:
            g.add((s, prop, Literal(value)))
    if a.url:
        g.add((s, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))
    g.add((s, SCHEMA.inLanguage, Literal(a.language)))


def add_entity(g: Graph, e: Entity) -> URIRef:
    s = entity_iri(e)
    for cls in _KIND_CLASSES[e.kind]:
        g.add((s, RDF.type, cls))
    g.add((s, RDFS.label, Literal(e.name)))
    for alias in e.aliases:
        if alias != e.name:
            g.add((s, SKOS.altLabel, Literal(alias)))
    if e.lat is not None and e.long is not None:
        g.add((s, GEO.lat, _decimal(e.lat)))
        g.add((s, GEO.long, _decimal(e.long)))
    if e.wikidata:
        g.add((s, OWL.sameAs, URIRef(WIKIDATA + e.wikidata)))
    return s


def add_date(g: Graph, s: URIRef, d: DateSpan) -> None:
    g.add((s, SEM.hasBeginTimeStamp, Literal(d.begin, datatype=XSD.date)))
    g.add((s, SEM.hasEndTimeStamp, Literal(d.end, datatype=XSD.date)))
    g.add((s, EVKG.datePrecision, _PRECISION[d.precision]))
    g.add((s, EVKG.dateExpression, Literal(d.expression)))
    if d.anchor is not None:
        g.add((s, EVKG.dateBasis, EVKG.RelativeDate))
        g.add((s, EVKG.dateAnchor, Literal(d.anchor, datatype=XSD.date)))
    else:
        g.add((s, EVKG.dateBasis, EVKG.ExplicitDate))


def add_mention(g: Graph, m: Mention) -> URIRef:
    s = mention_iri(m)
    g.add((s, RDF.type, EVKG.Mention))
    g.add((s, EVKG.inArticle, article_iri(m.article_id)))
    g.add((s, EVKG.sentence, Literal(m.evidence.sentence)))
    g.add((s, EVKG.beginIndex, Literal(m.evidence.start, datatype=XSD.integer)))
    g.add((s, EVKG.endIndex, Literal(m.evidence.end, datatype=XSD.integer)))
    trigger = m.evidence.sentence[m.trigger_start - m.evidence.start : m.trigger_end - m.evidence.start]
    g.add((s, EVKG.triggerText, Literal(trigger)))
    g.add((s, EVKG.triggerBegin, Literal(m.trigger_start, datatype=XSD.integer)))
    g.add((s, EVKG.triggerEnd, Literal(m.trigger_end, datatype=XSD.integer)))
    if m.date is not None:  # how this sentence dates the event: the way back from a date
        g.add((s, EVKG.dateExpression, Literal(m.date.expression)))
        if m.date.anchor is not None:
            g.add((s, EVKG.dateAnchor, Literal(m.date.anchor, datatype=XSD.date)))
    return s


def add_name_mention(g: Graph, entity: URIRef, o: NameOccurrence) -> None:
    """Where an article names ``entity``: the name as written, its offsets and its sentence."""
    s = ID[f"mention/{slug(o.article_id)}/{o.start}-{o.end}"]
    g.add((entity, GAF.denotedBy, s))
    g.add((s, RDF.type, EVKG.NameMention))
    g.add((s, EVKG.inArticle, article_iri(o.article_id)))
    g.add((s, EVKG.anchorOf, Literal(o.text)))
    g.add((s, EVKG.anchorBegin, Literal(o.start, datatype=XSD.integer)))
    g.add((s, EVKG.anchorEnd, Literal(o.end, datatype=XSD.integer)))
    g.add((s, EVKG.sentence, Literal(o.evidence.sentence)))
    g.add((s, EVKG.beginIndex, Literal(o.evidence.start, datatype=XSD.integer)))
    g.add((s, EVKG.endIndex, Literal(o.evidence.end, datatype=XSD.integer)))


def add_figure(g: Graph, event: URIRef, f: Figure, s: URIRef, iri_of: Mapping[str, URIRef]) -> None:
    g.add((event, EVKG.hasFigure, s))
    g.add((s, RDF.type, EVKG.Figure))
    g.add((s, EVKG.value, _decimal(f.value)))
    if f.low is not None:
        g.add((s, EVKG.minValue, _decimal(f.low)))
    if f.high is not None:
        g.add((s, EVKG.maxValue, _decimal(f.high)))
    g.add((s, EVKG.unit, Literal(f.unit)))
    g.add((s, EVKG.figureText, Literal(f.text)))
    if f.qualifier:
        g.add((s, EVKG.qualifier, Literal(f.qualifier)))
    if f.given_by and f.given_by in iri_of:
        g.add((s, EVKG.givenBy, iri_of[f.given_by]))
    if f.evidence:
        g.add((s, PROV.wasDerivedFrom, article_iri(f.evidence.article_id)))
        g.add((s, EVKG.sentence, Literal(f.evidence.sentence)))
        g.add((s, EVKG.beginIndex, Literal(f.evidence.start, datatype=XSD.integer)))
        g.add((s, EVKG.endIndex, Literal(f.evidence.end, datatype=XSD.integer)))


def add_event(
    g: Graph, e: Event, mentions: Sequence[Mention], iri_of: Mapping[str, URIRef], date: DateSpan | None
) -> None:
    """The event as ``mentions`` report it (all of them in the merged graph, one article's otherwise)."""
    s = event_iri(e)
    g.add((s, RDF.type, SEM.Event))
    g.add((s, RDFS.label, Literal(e.label, lang="en")))
    g.add((s, SEM.eventType, EVT[e.event_type]))
    if e.topic:
        g.add((s, EVKG.topic, EVT[e.topic]))
    g.add((s, EVKG.factuality, _FACTUALITY[e.factuality]))
    if date is not None:
        add_date(g, s, date)
    for m in mentions:
        g.add((s, EVKG.hasMention, add_mention(g, m)))
        g.add((s, PROV.wasDerivedFrom, article_iri(m.article_id)))
        for role, keys in (
            (EVKG.agent, m.agents),
            (EVKG.patient, m.patients),
            (EVKG.recipient, m.recipients),
        ):
            for k in keys:
                if k in iri_of:
                    g.add((s, role, iri_of[k]))
                    g.add((s, SEM.hasActor, iri_of[k]))
        for k in m.places:
            if k in iri_of:
                g.add((s, SEM.hasPlace, iri_of[k]))
        for k in m.topic_places:
            if k in iri_of:
                g.add((s, EVKG.topicPlace, iri_of[k]))
        if m.according_to and m.according_to in iri_of:
            g.add((s, SEM.accordingTo, iri_of[m.according_to]))
        if m.quote:
            g.add((s, EVKG.quote, Literal(m.quote)))
        for n, f in enumerate(m.figures):
            add_figure(g, s, f, figure_iri(m.article_id, f, figure_key(m, n)), iri_of)
    g.add((s, EVKG.mentionCount, Literal(len(mentions), datatype=XSD.integer)))


def add_contests(g: Graph, events: Sequence[Event], entities: Mapping[str, Entity]) -> None:
    """Link figures that contest each other (``evkg:contradicts``, both ways)."""
    from graph.contest import contested

    located = [
        (f, figure_iri(m.article_id, f, figure_key(m, n)))
        for e in events
        for m in e.mentions
        for n, f in enumerate(m.figures)
    ]
    for i, j in contested([f for f, _ in located], entities):
        g.add((located[i][1], EVKG.contradicts, located[j][1]))
        g.add((located[j][1], EVKG.contradicts, located[i][1]))


def _used_keys(mentions: Iterable[Mention]) -> set[str]:
    keys: set[str] = set()
    for m in mentions:
        keys.update(m.agents, m.patients, m.recipients, m.places, m.topic_places)
        if m.according_to:
            keys.add(m.according_to)
        keys.update(f.given_by for f in m.figures if f.given_by)
    return keys


class GraphBuilder:
    """Builds the dataset: the merged graph plus one named graph per article.

    ``scheme`` is the event-type scheme (SKOS) copied into the merged graph so that
    ``skos:prefLabel`` of every type is queryable from the built graph alone.
    """

    def __init__(self, scheme: Graph | None = None) -> None:
        self.scheme = scheme

    @classmethod
    def from_ontology(cls, ontology_dir: Path) -> GraphBuilder:
        scheme = Graph()
        scheme.parse(ontology_dir / "event-types.ttl", format="turtle")
        return cls(scheme)

    def __call__(
        self,
        articles: Sequence[Article],
        events: Sequence[Event],
        entities: Mapping[str, Entity],
        occurrences: Sequence[NameOccurrence] = (),
    ) -> Dataset:
        ds = Dataset()
        bind_prefixes(ds)
        merged = ds.graph(MERGED)
        if self.scheme is not None:
            for triple in self.scheme:
                merged.add(triple)
        all_mentions = [m for e in events for m in e.mentions]
        used = sorted(_used_keys(all_mentions) & set(entities))
        iri_of = {k: entity_iri(entities[k]) for k in used}
        for k in used:
            add_entity(merged, entities[k])
        for a in articles:
            add_article(merged, a)
        for e in events:
            add_event(merged, e, e.mentions, iri_of, e.date)
        add_contests(merged, events, entities)
        by_article = {a.id: ds.graph(article_graph_iri(a.id)) for a in articles}
        # Where each actor and place of the graph is named, in the merged graph and its article's.
        for o in occurrences:
            if o.key in iri_of:
                add_name_mention(merged, iri_of[o.key], o)
                if o.article_id in by_article:
                    add_name_mention(by_article[o.article_id], iri_of[o.key], o)
        for a in articles:
            add_article(by_article[a.id], a)
        for e in events:
            for article_id in e.sources:
                g = by_article.get(article_id)
                if g is None:
                    continue
                own = [m for m in e.mentions if m.article_id == article_id]
                dates = [m.date for m in own if m.date is not None]
                add_event(g, e, own, iri_of, dates[0] if dates else None)
                for k in sorted(_used_keys(own) & set(iri_of)):
                    add_entity(g, entities[k])
        return ds
