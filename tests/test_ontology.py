"""The ontology files, their code mirror (graph.namespace), the SHACL shapes and the named queries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery

from graph.errors import QueryError
from graph.lexicon import ontology_dir
from graph.namespace import EVKG, EVT, GEO, ID, PREFIXES, SCHEMA, SEM, bind_prefixes
from graph.queries import bind, load_query, named_queries, term

ONTOLOGY = ontology_dir()

# A small graph that keeps every promise of the graph contract: two articles, four events
# (one reported by both articles, one undated), two figures that disagree on the same event.
VALID = """
@prefix evkg: <https://w3id.org/evkg/ontology#> . @prefix evt: <https://w3id.org/evkg/type/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix art: <https://w3id.org/evkg/id/article/> . @prefix act: <https://w3id.org/evkg/id/actor/> .
@prefix pl: <https://w3id.org/evkg/id/place/> . @prefix ev: <https://w3id.org/evkg/id/event/> .
@prefix men: <https://w3id.org/evkg/id/mention/> . @prefix fig: <https://w3id.org/evkg/id/figure/> .

art:a1 a schema:NewsArticle ; schema:identifier "000.txt" ; schema:datePublished "2022-11-10"^^xsd:date .
art:a2 a schema:NewsArticle ; schema:identifier "001.txt" .

act:russia a sem:Actor , schema:Country ; rdfs:label "Russia" ; skos:altLabel "Russian Federation" .
act:mark-milley a sem:Actor , schema:Person ; rdfs:label "Mark Milley" ; skos:altLabel "Milley" .
act:volodymyr-zelensky a sem:Actor , schema:Person ; rdfs:label "Volodymyr Zelensky" ;
    skos:altLabel "Zelenskyy" .
act:ukraine a sem:Actor , schema:Country ; rdfs:label "Ukraine" .
pl:kherson a sem:Place ; rdfs:label "Kherson" ; geo:lat 46.6354 ; geo:long 32.6169 .
pl:crimea a sem:Place ; rdfs:label "Crimea" .

ev:e1 a sem:Event ; rdfs:label "Russia withdraws from Kherson"@en ; sem:eventType evt:Withdrawal ;
    sem:hasActor act:russia ; evkg:agent act:russia ; sem:hasPlace pl:kherson ;
    sem:hasBeginTimeStamp "2022-11-09"^^xsd:date ; sem:hasEndTimeStamp "2022-11-09"^^xsd:date ;
    evkg:datePrecision evkg:Day ; evkg:dateBasis evkg:RelativeDate ; evkg:dateExpression "Wednesday" ;
    evkg:dateAnchor "2022-11-10"^^xsd:date ; evkg:factuality evkg:Asserted ;
    prov:wasDerivedFrom art:a1 , art:a2 ; evkg:hasMention men:m1 , men:m2 ;
    evkg:mentionCount 2 ; evkg:hasFigure fig:f1 , fig:f2 .
ev:e2 a sem:Event ; rdfs:label "Mark Milley says a withdrawal could take weeks"@en ;
    sem:eventType evt:Statement ; sem:hasActor act:mark-milley , act:russia ;
    evkg:agent act:mark-milley ; sem:hasPlace pl:kherson ;
    evkg:quote "a full withdrawal could take several weeks" ;
    sem:hasBeginTimeStamp "2022-11-09"^^xsd:date ; sem:hasEndTimeStamp "2022-11-09"^^xsd:date ;
    evkg:datePrecision evkg:Day ; prov:wasDerivedFrom art:a1 ; evkg:hasMention men:m3 ;
    evkg:hasFigure fig:f3 .
ev:e3 a sem:Event ; rdfs:label "Russia annexes Crimea"@en ; sem:eventType evt:Annexation ;
    sem:hasActor act:russia ; sem:hasPlace pl:crimea ;
    sem:hasBeginTimeStamp "2014-01-01"^^xsd:date ; sem:hasEndTimeStamp "2014-12-31"^^xsd:date ;
    evkg:datePrecision evkg:Year ; evkg:dateBasis evkg:ExplicitDate ;
    prov:wasDerivedFrom art:a1 ; evkg:hasMention men:m4 .
ev:e4 a sem:Event ; rdfs:label "Zelensky open to talks with Russia"@en ; sem:eventType evt:Negotiation ;
    sem:hasActor act:volodymyr-zelensky , act:russia ; evkg:factuality evkg:Hypothetical ;
    prov:wasDerivedFrom art:a1 ; evkg:hasMention men:m5 .
ev:e3 evkg:timelineRank 1 . ev:e2 evkg:timelineRank 2 .
ev:e1 evkg:timelineRank 3 . ev:e4 evkg:timelineRank 4 .

men:m1 a evkg:Mention ; evkg:inArticle art:a1 ; evkg:sentence "Russia began a withdrawal." ;
    evkg:beginIndex 0 ; evkg:endIndex 26 ; evkg:triggerText "withdrawal" .
men:m2 a evkg:Mention ; evkg:inArticle art:a2 ; evkg:sentence "Troops pulled out." ;
    evkg:beginIndex 10 ; evkg:endIndex 28 ; evkg:triggerText "pulled out" .
men:m3 a evkg:Mention ; evkg:inArticle art:a1 ; evkg:sentence "Milley said it could take weeks." ;
    evkg:beginIndex 30 ; evkg:endIndex 62 .
men:m4 a evkg:Mention ; evkg:inArticle art:a1 ; evkg:sentence "Crimea was annexed in 2014." ;
    evkg:beginIndex 70 ; evkg:endIndex 97 .
men:m5 a evkg:Mention ; evkg:inArticle art:a1 ; evkg:sentence "He was open to peace talks." ;
    evkg:beginIndex 100 ; evkg:endIndex 127 .

fig:f1 a evkg:Figure ; evkg:value 20000.0 ; evkg:minValue 20000.0 ; evkg:maxValue 30000.0 ;
    evkg:unit "troops" ; evkg:qualifier "range" ; evkg:figureText "20,000 to 30,000 troops" ;
    evkg:givenBy act:mark-milley ; prov:wasDerivedFrom men:m1 .
fig:f2 a evkg:Figure ; evkg:value 40000.0 ; evkg:unit "troops" ; evkg:figureText "40,000 troops" ;
    prov:wasDerivedFrom art:a2 ; evkg:sentence "Some 40,000 troops remain." ;
    evkg:beginIndex 200 ; evkg:endIndex 226 .
fig:f3 a evkg:Figure ; evkg:value 20000.0 ; evkg:unit "troops" ; evkg:qualifier "about" ;
    prov:wasDerivedFrom men:m3 .
"""


def _ttl(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name, format="turtle")


@pytest.fixture(scope="module")
def valid() -> Graph:
    g = Graph().parse(data=VALID, format="turtle")
    g += _ttl("event-types.ttl")  # the contract wants the type concepts (with prefLabel) in the graph
    return bind_prefixes(g)


def _conforms(data: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(
        data, shacl_graph=_ttl("shapes.ttl"), ont_graph=_ttl("evkg.ttl"), inference="none"
    )
    return conforms, text


# ---------------------------------------------------------------- ontology and namespace


def _own_terms(g: Graph) -> set[str]:
    ns = str(EVKG._NS)
    return {str(s)[len(ns) :] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}


def test_ontology_header_and_every_term_documented() -> None:
    g = _ttl("evkg.ttl")
    (onto,) = g.subjects(RDF.type, OWL.Ontology)
    assert g.value(onto, RDFS.label) and g.value(onto, RDFS.comment) and g.value(onto, OWL.versionInfo)
    for name in _own_terms(g):
        assert g.value(EVKG[name], RDFS.label) is not None, name
        assert g.value(EVKG[name], RDFS.comment) is not None, name
    for role in ("agent", "patient", "recipient"):
        assert (EVKG[role], RDFS.subPropertyOf, SEM.hasActor) in g
    assert (EVKG.ArmedGroup, RDFS.subClassOf, SEM.Actor) in g
    assert (EVKG.EventType, RDFS.subClassOf, SKOS.Concept) in g


def test_defined_namespace_mirrors_the_ontology_exactly() -> None:
    in_ttl = _own_terms(_ttl("evkg.ttl"))
    in_code = {name for name in EVKG.__annotations__}
    assert in_code == in_ttl
    # 48 + topicPlace, contradicts, NameMention, anchorOf, anchorBegin, anchorEnd, timelineRank,
    # mentionFactuality
    assert len(in_ttl) == 56


def test_unknown_term_raises() -> None:
    with pytest.raises(AttributeError, match="Mentoin"):
        _ = EVKG.Mentoin


def test_prefixes_bind_w3c_geo_not_geosparql() -> None:
    g = bind_prefixes(Graph())
    bound = dict(g.namespaces())
    assert str(bound["geo"]) == str(GEO) == "http://www.w3.org/2003/01/geo/wgs84_pos#"
    assert {p: str(bound[p]) for p in PREFIXES} == PREFIXES
    assert str(ID["event/x"]) == "https://w3id.org/evkg/id/event/x"
    assert str(SCHEMA.NewsArticle) == "https://schema.org/NewsArticle"


def test_event_type_concepts_are_in_the_scheme_with_alignments() -> None:
    g = _ttl("event-types.ttl")
    concepts = set(g.subjects(RDF.type, EVKG.EventType))
    assert len(concepts) >= 16
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in g
        assert (c, SKOS.inScheme, EVT.EventTypes) in g
        assert g.value(c, SKOS.prefLabel).language == "en"
        assert g.value(c, SKOS.definition) is not None
        assert g.value(c, EVKG.triggerLemma) is not None, c
    assert Literal("0874") in set(g.objects(EVT.Withdrawal, EVKG.cameoCode))
    assert Literal("talk") in set(g.objects(EVT.Negotiation, EVKG.triggerLemma))


# ---------------------------------------------------------------- shapes


def test_valid_graph_conforms(valid: Graph) -> None:
    conforms, text = _conforms(valid)
    assert conforms, text


def _broken(valid: Graph, remove: tuple = (), add: tuple = ()) -> Graph:
    g = Graph()
    g += valid
    for triple in remove:
        g.remove(triple)
    for triple in add:
        g.add(triple)
    return g


E1, E3, M1, F2 = ID["event/e1"], ID["event/e3"], ID["mention/m1"], ID["figure/f2"]
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


@pytest.mark.parametrize(
    ("remove", "add", "message"),
    [
        (((E1, RDFS.label, None),), (), "exactly one English rdfs:label"),
        ((), ((E1, RDFS.label, Literal("Zweiter Titel", lang="de")),), "exactly one English rdfs:label"),
        (((E3, PROV_DERIVED, None),), (), "at least one schema:NewsArticle"),
        (((E3, EVKG.hasMention, None),), (), "at least one evkg:hasMention"),
        (((M1, EVKG.sentence, None),), (), "exactly one evkg:sentence"),
        (((E3, EVKG.datePrecision, None),), (), "states their evkg:datePrecision"),
        ((), ((E3, EVKG.timelineRank, Literal(5)),), "at most one evkg:timelineRank"),
        (((E3, SEM.hasEndTimeStamp, None),), (), "has an end time stamp"),
        ((), ((E1, SEM.eventType, EVT.Attack),), "exactly one sem:eventType"),
        (((F2, EVKG.value, None),), ((F2, EVKG.value, Literal(4.0e4)),), "an xsd:decimal"),
        ((), ((ID["place/kherson"], GEO.lat, Literal(146.0)),), "geo:lat"),
    ],
)
def test_broken_graphs_do_not_conform(valid: Graph, remove: tuple, add: tuple, message: str) -> None:
    conforms, text = _conforms(_broken(valid, remove, add))
    assert not conforms
    assert message in text


# ---------------------------------------------------------------- named queries

EXPECTED_QUERIES = {
    "actor-events", "actors", "contested-figures", "cooccurrence", "entity-mentions", "event-sources",
    "figures", "places", "statements", "timeline", "timeline-page",
}  # fmt: skip


def _rows(g: Graph, name: str, **bindings: str) -> list[dict[str, object]]:
    text = load_query(name).bind(bindings)
    return [
        {str(k): v.toPython() for k, v in row.asdict().items()}
        for row in g.query(text)  # type: ignore[union-attr]
    ]


def test_every_query_is_documented_and_parses() -> None:
    queries = named_queries()
    assert set(queries) == EXPECTED_QUERIES
    for q in queries.values():
        assert q.description and not q.description.startswith("param")
        prepareQuery(q.text)
        for p in q.params:
            assert f"?{p.name}" in q.text and p.description
            prepareQuery(q.bind({p.name: "x"}))


def test_timeline_orders_by_date_with_undated_last(valid: Graph) -> None:
    rows = _rows(valid, "timeline")
    assert [r["label"] for r in rows] == [
        "Russia annexes Crimea",
        "Mark Milley says a withdrawal could take weeks",
        "Russia withdraws from Kherson",
        "Zelensky open to talks with Russia",
    ]
    withdrawal = rows[2]
    assert withdrawal["sources"] == 2 and withdrawal["places"] == "Kherson"
    assert str(withdrawal["precision"]) == str(EVKG.Day) and withdrawal["typeLabel"] == "withdrawal"
    assert "date" not in rows[3]
    assert set(rows[3]["actors"].split("; ")) == {"Russia", "Volodymyr Zelensky"}


@pytest.mark.parametrize(
    ("bindings", "labels"),
    [
        ({"actor": "zelenskyy"}, ["Zelensky open to talks with Russia"]),
        ({"actor": str(ID["actor/mark-milley"])}, ["Mark Milley says a withdrawal could take weeks"]),
        ({"type": "Withdrawal"}, ["Russia withdraws from Kherson"]),
        ({"type": str(EVT.Annexation)}, ["Russia annexes Crimea"]),
        ({"type": "statement"}, ["Mark Milley says a withdrawal could take weeks"]),
        ({"place": "Crimea", "actor": "Russia"}, ["Russia annexes Crimea"]),
        ({"actor": "Nobody"}, []),
    ],
)
def test_timeline_parameters(valid: Graph, bindings: dict[str, str], labels: list[str]) -> None:
    assert [r["label"] for r in _rows(valid, "timeline", **bindings)] == labels


@pytest.mark.parametrize(
    "bindings",
    [{}, {"actor": "Russia"}, {"type": "statement"}, {"place": "Kherson", "actor": "russian federation"}],
)
def test_timeline_pages_are_the_timeline_in_pieces(valid: Graph, bindings: dict[str, str]) -> None:
    whole = list(valid.query(load_query("timeline").bind(bindings)))
    paged = load_query("timeline-page")
    pages = [list(valid.query(paged.page(n, 2).bind(bindings))) for n in (1, 2, 3)]
    assert [len(p) for p in pages[:2]] == [min(2, len(whole)), max(0, min(2, len(whole) - 2))]
    assert pages[0] + pages[1] + pages[2] == whole and not pages[2]


def test_event_sources(valid: Graph) -> None:
    assert len(_rows(valid, "event-sources")) == 5
    rows = _rows(valid, "event-sources", event=str(E1))
    assert [(r["source"], r["sentence"], r["begin"]) for r in rows] == [
        ("000.txt", "Russia began a withdrawal.", 0),
        ("001.txt", "Troops pulled out.", 10),
    ]
    assert [r["source"] for r in _rows(valid, "event-sources", event="russia annexes crimea")] == ["000.txt"]


def test_actor_events_and_statements(valid: Graph) -> None:
    rows = _rows(valid, "actor-events", actor="Milley")
    assert [(r["actorName"], r["role"], r["label"]) for r in rows] == [
        ("Mark Milley", "agent", "Mark Milley says a withdrawal could take weeks")
    ]
    assert {r["role"] for r in _rows(valid, "actor-events", actor="Russia")} == {"agent", "participant"}
    (statement,) = _rows(valid, "statements")
    assert statement["speakerName"] == "Mark Milley"
    assert statement["quote"] == "a full withdrawal could take several weeks"
    assert statement["sources"] == "000.txt"
    assert _rows(valid, "statements", actor="Zelenskyy") == []


def test_figures_and_contested_figures(valid: Graph) -> None:
    rows = _rows(valid, "figures")
    assert [(r["label"][:6], float(r["value"]), r.get("givenByName"), r["source"]) for r in rows] == [
        ("Mark M", 20000.0, None, "000.txt"),
        ("Russia", 20000.0, "Mark Milley", "000.txt"),
        ("Russia", 40000.0, None, "001.txt"),
    ]
    assert rows[1]["qualifier"] == "range" and float(rows[1]["maxValue"]) == 30000.0
    assert [r["sentence"] for r in rows] == [
        "Milley said it could take weeks.",  # from the mention the figure is derived from
        "Russia began a withdrawal.",
        "Some 40,000 troops remain.",  # written on the figure itself
    ]
    assert len(_rows(valid, "figures", unit="troops", actor="mark milley")) == 1
    assert _rows(valid, "figures", unit="USD") == []
    contested = _rows(valid, "contested-figures")
    assert [(r["scope"], float(r["value1"]), float(r["value2"])) for r in contested] == [
        ("event", 20000.0, 40000.0),
        ("place", 40000.0, 20000.0),
    ]
    assert contested[1]["placeName"] == "Kherson"


def test_actors_places_cooccurrence(valid: Graph) -> None:
    actors = {r["name"]: (r["events"], r["classes"]) for r in _rows(valid, "actors")}
    assert actors == {
        "Russia": (4, "Country"),
        "Mark Milley": (1, "Person"),
        "Volodymyr Zelensky": (1, "Person"),
        "Ukraine": (0, "Country"),
    }
    places = [(r["name"], r["events"], r.get("lat")) for r in _rows(valid, "places")]
    assert places[0][:2] == ("Kherson", 2) and float(places[0][2]) == pytest.approx(46.6354)
    assert places[1] == ("Crimea", 1, None)
    pairs = [(r["name1"], r["name2"], r["events"]) for r in _rows(valid, "cooccurrence")]
    assert pairs == [("Mark Milley", "Russia", 1), ("Russia", "Volodymyr Zelensky", 1)]
    assert len(_rows(valid, "cooccurrence", actor="Zelenskyy")) == 1


# ---------------------------------------------------------------- binding


def test_load_query_unknown_lists_known_names() -> None:
    with pytest.raises(QueryError, match="known queries: actor-events, actors"):
        load_query("timelines")
    assert load_query("timeline.rq").name == "timeline"


def test_bind_rejects_undeclared_and_malformed_names() -> None:
    with pytest.raises(QueryError, match="parameters: actor, type, place"):
        load_query("timeline").bind({"speaker": "x"})
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"s }": "x"})
    with pytest.raises(QueryError, match="does not use the variable"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"actor": "x"})


def test_term_makes_iris_only_of_absolute_iris() -> None:
    assert term("https://w3id.org/evkg/id/actor/russia") == "<https://w3id.org/evkg/id/actor/russia>"
    assert term("evt:Withdrawal") == '"evt:Withdrawal"'
    assert term("http://x> } ?s") == '"http://x> } ?s"'
    assert term('Say "hi"\n') == '"Say \\"hi\\"\\n"'


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=40))
def test_any_value_binds_to_a_query_that_still_parses_and_runs(value: str) -> None:
    text = load_query("timeline").bind({"actor": value})
    prepareQuery(text)
    assert text.count("VALUES (?actor)") == 1
    rows = list(Graph().parse(data=VALID, format="turtle").query(text))
    names = {"russia", "russian federation", "mark milley", "milley", "volodymyr zelensky", "zelenskyy"}
    assert (len(rows) > 0) == (value.lower() in names)
