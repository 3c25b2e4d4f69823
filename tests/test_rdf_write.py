"""The build's RDF files written through Oxigraph (graph.rdf_write)."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, Dataset, Graph, Literal
from rdflib.compare import isomorphic

from graph.namespace import EVKG, ID
from graph.rdf import MERGED, MERGED_GRAPH, Quads
from graph.rdf_terms import integer, iri, literal, tagged, to_rdflib
from graph.rdf_write import prefixes_sorted, write_rdf

ONE = iri("https://w3id.org/evkg/id/graph/a.txt")


def quads() -> Quads:
    q = Quads()
    for name in (MERGED_GRAPH, ONE):
        q.graph(name).add((iri(ID["event/e1"]), iri(EVKG.mentionCount), integer(2)))
        q.graph(name).add((iri(ID["event/e1"]), iri(RDFS.label), tagged("Retreat", "en")))
    q.merged.add((iri(ID["event/e2"]), iri(EVKG.quote), literal('He said "no"\nand left.')))
    return q


def test_files_hold_the_quads_and_the_same_bytes_every_time(tmp_path: Path) -> None:
    q = quads()
    assert write_rdf(q, tmp_path / "graph.ttl", tmp_path / "graph.trig") == 3
    ttl = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    expected = Graph()
    for s, p, o in q.merged:
        expected.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    assert isomorphic(ttl, expected)
    assert (ID["event/e2"], EVKG.quote, Literal('He said "no"\nand left.')) in ttl
    back = Dataset()
    back.parse(tmp_path / "graph.trig", format="trig")
    stated = {tuple(to_rdflib(t) for t in (*triple, name)) for name, g in q.graphs.items() for triple in g}
    assert {q for q in back.quads() if q[3] is not None} == stated
    assert {str(g) for *_, g in stated} == {str(MERGED), "https://w3id.org/evkg/id/graph/a.txt"}
    write_rdf(quads(), tmp_path / "again.ttl", tmp_path / "again.trig")
    assert (tmp_path / "again.ttl").read_bytes() == (tmp_path / "graph.ttl").read_bytes()
    assert (tmp_path / "again.trig").read_bytes() == (tmp_path / "graph.trig").read_bytes()
    text = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "evkg:mentionCount" in text  # prefixed, not full IRIs


def test_prefix_lines_come_in_name_order() -> None:
    data = b"@prefix z: <urn:z> .\n@prefix a: <urn:a> .\n<urn:s> <urn:p> <urn:o> .\n"
    assert prefixes_sorted(data) == b"@prefix a: <urn:a> .\n@prefix z: <urn:z> .\n<urn:s> <urn:p> <urn:o> .\n"
