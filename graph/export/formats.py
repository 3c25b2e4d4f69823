"""A build's graph in the standard RDF formats, and its network for Gephi and Cytoscape.

RDF: the merged graph as Turtle, N-Triples or JSON-LD; every named graph (per article and
merged) as TriG or N-Quads. Network: events, actors and places as nodes (``label``, ``class``),
role-labelled edges from an event to its actors and places, as GraphML or GEXF (networkx).

Every file is deterministic: the same graph gives the same bytes in any process (rdflib's
TriG and JSON-LD writers follow set order, which changes between runs; so TriG and N-Quads are
written by Oxigraph from sorted quads, N-Triples sorted, JSON-LD sorted after rdflib writes it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from graph.atomic import atomic_write_bytes
from graph.errors import OutputError
from graph.rdf_write import prefixes_sorted

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

__all__ = [
    "FORMATS",
    "GRAPH_FORMATS",
    "RDF_FORMATS",
    "export",
    "network_graph",
    "rdf_bytes",
    "network_bytes",
]

#: RDF formats: name -> file extension. TriG and N-Quads hold every named graph.
RDF_FORMATS = {"turtle": "ttl", "trig": "trig", "ntriples": "nt", "nquads": "nq", "jsonld": "jsonld"}
#: Network formats: name -> file extension.
GRAPH_FORMATS = {"graphml": "graphml", "gexf": "gexf"}
FORMATS = {**RDF_FORMATS, **GRAPH_FORMATS}
_GEXF_DATE = re.compile(rb' lastmodifieddate="[^"]*"')


def _prefixes() -> dict[str, str]:
    from graph.namespace import PREFIXES

    return {name: str(iri) for name, iri in PREFIXES.items()}


def _merged(graph_dir: Path) -> Graph:
    from graph.query import load_graph

    return load_graph(graph_dir)


def _sorted_quads(graph_dir: Path) -> list:
    import pyoxigraph as ox

    source = graph_dir / "graph.trig"
    if not source.is_file():
        raise OutputError(f"{graph_dir}: no graph.trig here; run `evkg build INPUT --out {graph_dir}` first")
    quads = ox.parse(path=str(source), format=ox.RdfFormat.TRIG)
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _sort_jsonld(value: object) -> object:
    """A JSON-LD document with every array in a fixed order (nodes by ``@id``)."""
    if isinstance(value, dict):
        return {k: _sort_jsonld(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_jsonld(v) for v in value]
        return sorted(
            items,
            key=lambda v: (
                str(v.get("@id", "")) if isinstance(v, dict) else "",
                json.dumps(v, sort_keys=True),
            ),
        )
    return value


def rdf_bytes(graph_dir: str | Path, fmt: str) -> bytes:
    """The build in ``graph_dir`` in the RDF format ``fmt`` (a key of :data:`RDF_FORMATS`)."""
    import pyoxigraph as ox

    folder = Path(graph_dir)
    if fmt == "turtle":
        if (folder / "graph.ttl").is_file():
            return (folder / "graph.ttl").read_bytes()  # the build wrote it, sorted (graph.rdf_write)
        return _merged(folder).serialize(format="turtle", encoding="utf-8")
    if fmt == "jsonld":
        text = _merged(folder).serialize(format="json-ld", context=_prefixes(), auto_compact=True)
        data = _sort_jsonld(json.loads(text))
        return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    if fmt == "ntriples":
        lines = _merged(folder).serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
        return b"".join(sorted(set(lines)))
    if fmt in ("trig", "nquads"):
        rdf = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
        return prefixes_sorted(
            ox.serialize(_sorted_quads(folder), format=rdf, prefixes=_prefixes() if fmt == "trig" else None)
        )
    raise OutputError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")


def network_graph(graph: Graph) -> nx.DiGraph:
    """Events, actors and places of ``graph`` as a directed networkx graph, in a fixed order.

    Nodes are keyed by IRI with ``label``, ``class`` ("Event", "Person", "Place", ...) and
    ``sources`` (number of articles); events also ``type`` and ``date`` (their first day, or "").
    Edges go from an event to an actor or place, with ``role`` ("agent; patient", "place"...).
    """
    import networkx as nx

    from graph.export.network import network_data

    data = network_data(graph)
    out = nx.DiGraph()
    for node in data["nodes"]:
        attrs = {"label": node["label"], "class": node["kind"], "sources": node["sources"]}
        if node["kind"] == "Event":
            attrs["type"] = node["event"]["type"]
            attrs["date"] = node["event"]["begin"] or ""
        out.add_node(node["id"], **attrs)
    roles: dict[tuple[str, str], list[str]] = {}
    for edge in data["edges"]:
        roles.setdefault((edge["from"], edge["to"]), []).append(edge["role"])
    for (source, target), names in roles.items():
        out.add_edge(source, target, role="; ".join(sorted(names)))
    return out


def network_bytes(graph: Graph, fmt: str) -> bytes:
    """The network of ``graph`` (see :func:`network_graph`) as GraphML or GEXF."""
    import networkx as nx

    net = network_graph(graph)
    if fmt == "graphml":
        return ("\n".join(nx.generate_graphml(net)) + "\n").encode("utf-8")
    if fmt == "gexf":
        # networkx stamps today's date in the GEXF header; without it the file is the same every day.
        text = ("\n".join(nx.generate_gexf(net)) + "\n").encode("utf-8")
        return _GEXF_DATE.sub(b"", text)
    raise OutputError(f"unknown network format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")


def export(graph_dir: str | Path, fmt: str, path: str | Path | None = None) -> Path:
    """Write the build in ``graph_dir`` as ``fmt`` (a key of :data:`FORMATS`) to ``path``
    (default: ``graph_dir/export/graph.<extension>``, or ``network.<extension>``, never over the
    build's own ``graph.ttl`` and ``graph.trig``); returns the path."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    folder = Path(graph_dir)
    stem = "network" if fmt in GRAPH_FORMATS else "graph"
    target = Path(path) if path is not None else folder / "export" / f"{stem}.{FORMATS[fmt]}"
    data = rdf_bytes(folder, fmt) if fmt in RDF_FORMATS else network_bytes(_merged(folder), fmt)
    atomic_write_bytes(target, data)
    return target
