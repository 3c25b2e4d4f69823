"""The build's RDF files, written through Oxigraph's serializers: ``graph.ttl`` (the merged graph)
and ``graph.trig`` (every named graph).

rdflib's Turtle writer took a quarter of a build's time; Oxigraph's writes the same graph in a
fraction of it. Triples are sorted first (by subject, predicate, object as N-Triples text, named
graphs by IRI), so the same dataset gives the same bytes in every process and run, and a
subject's triples stay together (Turtle's ``;`` and ``,``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.namespace import PREFIXES
from graph.rdf import MERGED

if TYPE_CHECKING:
    from rdflib import Dataset
    from rdflib.term import Node


def converter() -> Callable[[Node], tuple[Any, str]]:
    """A function from rdflib terms to Oxigraph terms and their N-Triples text (the sort key),
    remembering each term it has made (a build repeats its IRIs and literals many times)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    made: dict[Node, tuple[Any, str]] = {}

    def convert(term: Node) -> tuple[Any, str]:
        found = made.get(term)
        if found is not None:
            return found
        if isinstance(term, URIRef):
            node = ox.NamedNode(str(term))
        elif isinstance(term, Literal):
            if term.language:
                node = ox.Literal(str(term), language=term.language)
            elif term.datatype is not None:
                node = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            else:
                node = ox.Literal(str(term))
        elif isinstance(term, BNode):
            node = ox.BlankNode(str(term))
        else:
            raise TypeError(f"cannot write RDF term {term!r} of type {type(term).__name__}")
        made[term] = found = (node, str(node))
        return found

    return convert


def write_rdf(ds: Dataset, ttl: Path, trig: Path) -> int:
    """Write the merged graph of ``ds`` as Turtle to ``ttl`` and every non-empty named graph as
    TriG to ``trig``; returns the merged graph's number of triples."""
    import pyoxigraph as ox

    convert = converter()
    rows: list[tuple[str, str, str, str, Any]] = []
    triples: list[tuple[str, str, str, Any]] = []
    for g in ds.graphs():
        name, name_key = convert(g.identifier)
        merged = g.identifier == MERGED
        for s, p, o in g:
            (sn, sk), (pn, pk), (on, ok) = convert(s), convert(p), convert(o)
            rows.append((name_key, sk, pk, ok, ox.Quad(sn, pn, on, name)))
            if merged:
                triples.append((sk, pk, ok, ox.Triple(sn, pn, on)))
    rows.sort(key=lambda r: r[:4])
    triples.sort(key=lambda r: r[:3])
    turtle = ox.serialize([t[-1] for t in triples], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    ttl.write_bytes(prefixes_sorted(turtle))
    trig.write_bytes(
        prefixes_sorted(ox.serialize([r[-1] for r in rows], format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    )
    return len(triples)


def prefixes_sorted(data: bytes) -> bytes:
    """``data`` with its leading ``@prefix`` lines in name order: the serializer keeps them in a
    map whose order is not promised."""
    lines = data.split(b"\n")
    n = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), len(lines))
    return b"\n".join(sorted(lines[:n]) + lines[n:])
