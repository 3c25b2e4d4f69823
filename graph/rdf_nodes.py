"""Each node of the graph as triples: an article, an entity, a date, a mention, where a name is
given, a figure; and the IRIs of them all (graph.rdf puts the nodes into graphs).

Terms are N-Triples text (graph.rdf_terms). No blank nodes: every node has a stable IRI derived
from the input, so the same input gives the same graph and the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from rdflib import OWL, RDF, RDFS, SKOS, XSD
from rdflib.namespace import PROV

from graph.namespace import EVKG, GAF, GEO, ID, SCHEMA, SEM
from graph.rdf_terms import date, decimal, integer, iri, literal, typed
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
FACTUALITY = {
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
