"""RDF terms as N-Triples text (graph.rdf_terms): the text Oxigraph writes, the lexical forms
rdflib gives, and the views reading a graph of them as they read an rdflib Graph."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
from rdflib import Literal, URIRef

from graph.export.network import network_data
from graph.export.timeline import timeline_data
from graph.rdf_terms import TripleIndex, date, decimal, integer, literal, tagged, to_rdflib, typed

XSD = "http://www.w3.org/2001/XMLSchema#"
ANY_URI, DECIMAL, DATE, INTEGER = (URIRef(XSD + name) for name in ("anyURI", "decimal", "date", "integer"))

TRICKY = ['He said "no"\nand left.', "back\\slash", "tab\there", "\x00\x07\x1f\x7f", "\ufffe\uffff"]
TRICKY += ["Zürich 🇺🇦", ""]


def test_a_literal_is_the_text_oxigraph_writes_for_it_for_every_character() -> None:
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # lone surrogates are no text
        char = chr(code)
        assert literal(char) == str(ox.Literal(char)), hex(code)
    for text in TRICKY:
        assert literal(text) == str(ox.Literal(text))
        assert tagged(text, "en") == str(ox.Literal(text, language="en"))
        assert typed(text, f"<{ANY_URI}>") == str(ox.Literal(text, datatype=ox.NamedNode(ANY_URI)))


def test_terms_read_back_as_the_rdflib_terms_they_were_made_from() -> None:
    for text in TRICKY:
        assert to_rdflib(literal(text)) == Literal(text)
        assert to_rdflib(tagged(text, "en")) == Literal(text, lang="en")
    assert to_rdflib("<https://w3id.org/evkg/id/event/e1>") == URIRef("https://w3id.org/evkg/id/event/e1")
    assert to_rdflib(integer(-5)) == Literal(-5, datatype=INTEGER)
    assert to_rdflib(f'"x"^^<{XSD}string>') == Literal("x")


def test_numbers_and_dates_have_rdflibs_lexical_forms() -> None:
    for x in (50.0, 1e-7, 1e20, -0.0, 0.1 + 0.2, 123456789.123456789, 3.0e-5, 47.25, -33.8688):
        made = Literal(Decimal(repr(round(x, 6))), datatype=DECIMAL)
        assert decimal(x) == f'"{made}"^^<{DECIMAL}>', x
    for day in (dt.date(2022, 11, 9), dt.date(999, 1, 1), dt.date(1, 12, 31)):
        assert date(day) == f'"{Literal(day, datatype=DATE)}"^^<{DATE}>'
    assert integer(12) == f'"{Literal(12, datatype=INTEGER)}"^^<{INTEGER}>'


def test_the_views_read_an_index_of_text_triples_as_they_read_the_rdflib_graph(make_synthetic_graph) -> None:
    graph = make_synthetic_graph(300, 40, 15, articles=60)
    as_text = [(_oxigraph_text(s), _oxigraph_text(p), _oxigraph_text(o)) for s, p, o in graph]
    index = TripleIndex(as_text)
    assert len(index) == len(graph)
    assert timeline_data(index) == timeline_data(graph)
    assert network_data(index) == network_data(graph)


def _oxigraph_text(term: object) -> str:
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype is not None:
            return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term)))
    return str(ox.NamedNode(str(term)))
