"""The views read the merged graph's sorted, compressed triples (graph.rdf_index) as they read
the rdflib graph of the same triples."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal

from graph.export.network import network_data
from graph.export.timeline import timeline_data
from graph.rdf_index import SortedTriples
from graph.rdf_spool import TripleSpool


def test_the_views_read_the_sorted_blocks_as_they_read_the_rdflib_graph(make_synthetic_graph) -> None:
    graph = make_synthetic_graph(300, 40, 15, articles=60)
    spool = TripleSpool(bound=500)  # spilled runs, as a large build's
    spool.update((_text(s), _text(p), _text(o)) for s, p, o in graph)
    index = SortedTriples(spool.sorted())
    assert len(index) == len(graph)
    assert timeline_data(index) == timeline_data(graph)
    assert network_data(index) == network_data(graph)


def _text(term: object) -> str:
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype is not None:
            return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term)))
    return str(ox.NamedNode(str(term)))
