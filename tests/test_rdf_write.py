"""The build's RDF files written through Oxigraph (graph.rdf_write)."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.namespace import EVKG, ID, bind_prefixes
from graph.rdf import MERGED
from graph.rdf_write import prefixes_sorted, write_rdf


def dataset() -> Dataset:
    ds = Dataset()
    merged = ds.graph(MERGED)
    one = ds.graph(URIRef("https://w3id.org/evkg/id/graph/a.txt"))
    for g in (merged, one):
        bind_prefixes(g)
        g.add((ID["event/e1"], EVKG.mentionCount, Literal(2)))
        g.add((ID["event/e1"], RDFS.label, Literal("Retreat", lang="en")))
    merged.add((ID["event/e2"], EVKG.quote, Literal('He said "no"\nand left.')))
    return ds


def test_files_hold_the_dataset_and_the_same_bytes_every_time(tmp_path: Path) -> None:
    ds = dataset()
    assert write_rdf(ds, tmp_path / "graph.ttl", tmp_path / "graph.trig") == 3
    ttl = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert isomorphic(ttl, ds.graph(MERGED))
    back = Dataset()
    back.parse(tmp_path / "graph.trig", format="trig")
    assert {q for q in back.quads() if q[3] is not None} == set(ds.quads())
    write_rdf(dataset(), tmp_path / "again.ttl", tmp_path / "again.trig")
    assert (tmp_path / "again.ttl").read_bytes() == (tmp_path / "graph.ttl").read_bytes()
    assert (tmp_path / "again.trig").read_bytes() == (tmp_path / "graph.trig").read_bytes()
    text = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "evkg:mentionCount" in text  # prefixed, not full IRIs


def test_prefix_lines_come_in_name_order() -> None:
    data = b"@prefix z: <urn:z> .\n@prefix a: <urn:a> .\n<urn:s> <urn:p> <urn:o> .\n"
    assert prefixes_sorted(data) == b"@prefix a: <urn:a> .\n@prefix z: <urn:z> .\n<urn:s> <urn:p> <urn:o> .\n"
