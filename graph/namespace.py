"""The project's RDF namespaces: the evkg ontology as a closed DefinedNamespace, and those it reuses.

``EVKG`` mirrors ``ontology/evkg.ttl`` term for term (a test keeps them equal), and is closed
(``_fail = True``, like rdflib's own ``TIME``), so a misspelt term fails where it is written
instead of producing an IRI nobody defined.
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace
from rdflib.term import URIRef

__all__ = ["EVKG", "EVT", "GAF", "GEO", "ID", "SCHEMA", "SEM", "PREFIXES", "bind_prefixes"]


class EVKG(DefinedNamespace):
    """evkg ontology: events extracted from news (mentions, date precision, roles, figures).

    Generated from: ontology/evkg.ttl
    """

    _fail = True
    _NS = Namespace("https://w3id.org/evkg/ontology#")

    # owl:Class
    Mention: URIRef  # One occurrence of an event in one sentence of one article.
    Figure: URIRef  # A number an article gives about an event.
    DatePrecision: URIRef  # How precise an event's time stamps are.
    DateBasis: URIRef  # How an event's date was obtained.
    Factuality: URIRef  # Whether the text reports an event as having happened.
    ArmedGroup: URIRef  # An armed force, militia or rebel group (subclass of sem:Actor).
    EventType: URIRef  # A concept of the event-type scheme (subclass of skos:Concept).

    # evkg:DatePrecision
    Day: URIRef
    Week: URIRef
    Month: URIRef
    Year: URIRef
    Approximate: URIRef

    # evkg:DateBasis
    ExplicitDate: URIRef  # The date was written out.
    RelativeDate: URIRef  # The date was resolved from a relative expression against evkg:dateAnchor.

    # evkg:Factuality
    Asserted: URIRef
    Negated: URIRef
    Hypothetical: URIRef
    Future: URIRef

    # dates
    datePrecision: URIRef
    dateBasis: URIRef
    dateExpression: URIRef  # The time expression as written.
    dateAnchor: URIRef  # xsd:date a relative expression was resolved against.

    # roles (each rdfs:subPropertyOf sem:hasActor), factuality, statements
    agent: URIRef
    patient: URIRef
    recipient: URIRef
    factuality: URIRef
    mentionFactuality: URIRef  # How one sentence reports its event, when not as the event node says.
    quote: URIRef  # The quote or paraphrase of a statement.
    topic: URIRef  # For a statement or announcement: the event type it is about.
    topicPlace: URIRef  # For a statement or announcement: a place of the event it is about.
    contradicts: URIRef  # Two figures from different sources that cannot both hold.

    # name mentions (where an entity is named)
    NameMention: URIRef  # One place an article names an entity.
    anchorOf: URIRef  # The name as written.
    anchorBegin: URIRef
    anchorEnd: URIRef

    # mentions (evidence)
    hasMention: URIRef
    mentionCount: URIRef
    timelineRank: URIRef  # The event's place in timeline order (a paging key; changes as events are added).
    inArticle: URIRef
    sentence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    triggerText: URIRef
    triggerBegin: URIRef
    triggerEnd: URIRef

    # figures
    hasFigure: URIRef
    value: URIRef
    minValue: URIRef
    maxValue: URIRef
    unit: URIRef
    qualifier: URIRef
    figureText: URIRef
    givenBy: URIRef

    # event-type concepts
    triggerLemma: URIRef
    cameoCode: URIRef
    acledEventType: URIRef


#: Simple Event Model (van Hage et al. 2011), as used by NewsReader and EventKG.
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
#: Event-type concepts of the scheme ``EVT.EventTypes`` (ontology/event-types.ttl).
EVT = Namespace("https://w3id.org/evkg/type/")
#: Instances: ``ID["event/<id>"]``, ``ID["actor/<key>"]``, ``ID["graph/merged"]``...
ID = Namespace("https://w3id.org/evkg/id/")
SCHEMA = Namespace("https://schema.org/")
#: Grounded Annotation Framework (NewsReader): ``gaf:denotedBy`` links an instance to its mentions.
GAF = Namespace("http://groundedannotationframework.org/gaf#")
#: W3C WGS84 geo. Not rdflib's ``GEO``, which is GeoSPARQL.
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

#: Prefix → namespace for every vocabulary the graph uses, as written in Turtle and SPARQL.
PREFIXES: dict[str, str] = {
    "evkg": str(EVKG._NS),
    "evt": str(EVT),
    "sem": str(SEM),
    "time": str(TIME),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "geo": str(GEO),
    "gaf": str(GAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def bind_prefixes(g: Graph) -> Graph:
    """Bind every prefix in :data:`PREFIXES` on ``g`` and return ``g``.

    Existing bindings are replaced: rdflib binds ``geo`` to GeoSPARQL by default, and the graph
    contract means W3C WGS84 by it.
    """
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True, replace=True)
    return g
