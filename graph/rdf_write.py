"""The build's RDF files, written through Oxigraph's serializers: ``graph.ttl`` (the merged graph)
and ``graph.trig`` (every named graph).

rdflib's Turtle writer took a quarter of a build's time; Oxigraph's writes the same graph in a
fraction of it. Triples are sorted first (by subject, predicate, object as N-Triples text, named
graphs by IRI), so the same graph gives the same bytes in every process and run, and a subject's
triples stay together (Turtle's ``;`` and ``,``). The sorted triples are handed to Oxigraph as
N-Quads text, which it parses and writes again without a Python object per triple.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from graph.namespace import PREFIXES
from graph.rdf import MERGED_GRAPH, Quads, Triple
from graph.rdf_spool import SortedBlocks, TripleSpool

#: Lines per piece of N-Quads text handed to Oxigraph: a large graph is never one string.
_CHUNK = 50_000


def nquads(graphs: Iterable[tuple[str, Iterable[Triple]]]) -> Iterator[bytes]:
    """N-Quads text of ``graphs`` (name, triples), in order, in pieces of :data:`_CHUNK` lines."""
    for name, triples in graphs:
        it = iter(triples)
        while piece := list(islice(it, _CHUNK)):
            yield "".join(f"{s} {p} {o} {name} .\n" for s, p, o in piece).encode()


def _tee(pieces: Iterable[bytes], also: Callable[[bytes], object]) -> Iterator[bytes]:
    for piece in pieces:
        also(piece)
        yield piece


def _parsed(pieces: Iterable[bytes]) -> Iterator[object]:
    import pyoxigraph as ox

    for piece in pieces:
        yield from ox.parse(piece, format=ox.RdfFormat.N_QUADS)


def write_rdf(
    quads: Quads,
    ttl: Path,
    trig: Path,
    *,
    also: Callable[[bytes], object] | None = None,
    merged: SortedBlocks | None = None,
) -> int:
    """Write the merged graph of ``quads`` as Turtle to ``ttl`` and every non-empty named graph as
    TriG to ``trig``; returns the merged graph's number of triples. ``also`` is handed each piece
    of N-Quads text graph.trig is written from (whole lines; the build loads its store from them).
    ``merged``: the merged graph's triples already sorted (see :func:`sorted_merged`), when the
    caller took them out of ``quads``.

    Oxigraph writes into the files as it goes (a large graph's text is never held whole); the
    ``@prefix`` lines at their head are then put in order in place.
    """
    import pyoxigraph as ox

    if merged is None:  # read in place: ``quads`` is left as it is
        graph = quads.graphs.get(MERGED_GRAPH, set())
        merged = SortedBlocks.of(graph if isinstance(graph, TripleSpool) else sorted(graph))
    turtle = (q.triple for q in _parsed(nquads([(MERGED_GRAPH, merged)])))
    ox.serialize(turtle, str(ttl), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    del turtle
    names = sorted({*quads.names(), MERGED_GRAPH})
    graphs = (  # each graph made (if it is made) and sorted as it is reached, in name order
        (name, merged if name == MERGED_GRAPH else sorted(quads.triples(name))) for name in names
    )
    pieces = nquads(graphs) if also is None else _tee(nquads(graphs), also)
    ox.serialize(_parsed(pieces), str(trig), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    for path in (ttl, trig):
        sort_prefixes_in_place(path)
    return len(merged)


def sorted_merged(quads: Quads) -> SortedBlocks:
    """The merged graph's triples, sorted and compressed (graph.rdf_spool), taken out of
    ``quads``: a build holds them once, compactly, while it writes them and the views read them."""
    graph = quads.graphs.pop(MERGED_GRAPH, set())
    if isinstance(graph, set):
        spool = TripleSpool()
        spool.update(graph)
        graph = spool
    return graph.sorted()


def sort_prefixes_in_place(path: Path) -> None:
    """Put the leading ``@prefix`` lines of the file ``path`` in name order (see
    :func:`prefixes_sorted`); the lines keep their bytes, so the head is rewritten in place."""
    with open(path, "r+b") as handle:
        head = handle.read(len(PREFIXES) * 200)  # every prefix line the serializer may write
        end = 0
        while head.startswith(b"@prefix", end) and (newline := head.find(b"\n", end)) >= 0:
            end = newline + 1
        handle.seek(0)
        handle.write(prefixes_sorted(head[:end]))


def prefixes_sorted(data: bytes) -> bytes:
    """``data`` with its leading ``@prefix`` lines in name order: the serializer keeps them in a
    map whose order is not promised."""
    lines = data.split(b"\n")
    n = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), len(lines))
    return b"\n".join(sorted(lines[:n]) + lines[n:])
