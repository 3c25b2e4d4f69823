"""The network view: events, actors and places as one interactive graph (pyvis / vis-network).

pyvis builds the nodes, edges and options and renders its page with vis-network inlined
(``cdn_resources="in_line"``); the page is then made self-contained (pyvis' template still
links Bootstrap from a CDN: those tags are removed), given a legend, a search box and a
details panel, and a Content-Security-Policy that forbids any network request.

Hover text and details are built in the browser from JSON with ``textContent`` only; no
node carries a vis ``title``, so nothing from the graph is ever handed to vis-network (or to
pyvis' link-popup template) as HTML.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pyvis.network import Network
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from graph.export._html import (
    actor_kind,
    add_content_security_policy,
    asset,
    escape,
    fill,
    label_of,
    number_value,
    read_events,
)
from graph.export.pieces import DATA_MARK, page_pieces, write_pieces
from graph.namespace import GEO, SEM

DEFAULT_TITLE = "Event network"
#: Shape and colour of a node, by its class (vis-network shapes with the label below them).
NODE_STYLE: dict[str, tuple[str, str]] = {
    "Event": ("dot", "#4e79a7"),
    "Person": ("triangle", "#e15759"),
    "Organization": ("square", "#f28e2b"),
    "Country": ("diamond", "#59a14f"),
    "Armed group": ("triangleDown", "#b07aa1"),
    "Actor": ("star", "#9c755f"),
    "Place": ("hexagon", "#76b7b2"),
}
#: vis-network options; a fixed seed so the layout is the same on every load.
OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 1, "improvedLayout": True},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -110, "springLength": 130, "avoidOverlap": 0.9},
        "stabilization": {"enabled": True, "iterations": 800, "updateInterval": 50, "fit": True},
    },
    "nodes": {
        "font": {
            "size": 13,
            "face": "system-ui, sans-serif",
            "color": "#1f2328",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
        },
        "borderWidth": 1,
    },
    "edges": {
        "color": {"color": "#b6bec8", "highlight": "#1f2328", "hover": "#57606a"},
        "font": {
            "size": 10,
            "color": "#57606a",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
            "align": "middle",
        },
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "smooth": {"enabled": True, "type": "continuous"},
        "width": 1.2,
    },
    "interaction": {"hover": True, "tooltipDelay": 100, "keyboard": False, "multiselect": True},
}
_MAX_LABEL = 48
#: Past this many nodes the network drops curved edges and hides edges while moving.
BIG_GRAPH = 500


def _entity(graph: Graph, node: Any, kind: str) -> dict[str, Any]:
    lat, long = number_value(graph, node, GEO.lat), number_value(graph, node, GEO.long)
    return {
        "id": str(node),
        "kind": kind,
        "label": label_of(graph, node),
        "altLabels": sorted({str(a) for a in graph.objects(node, SKOS.altLabel)} - {label_of(graph, node)}),
        "lat": lat,
        "long": long,
        "events": [],
        "sources": 0,
    }


def network_data(graph: Graph, events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Nodes (events, actors, places) and role-labelled edges of ``graph``, sorted.

    Each node: ``id``, ``kind`` (a key of :data:`NODE_STYLE`), ``label``, ``sources``
    (number of articles behind it) and ``tip`` (plain hover text); event nodes carry the
    event (as :func:`~graph.export._html.read_events` gives it; ``events``, when the caller
    has read them already), actor and place nodes the events they take part in. Each edge:
    ``from`` (an event), ``to``, ``role``.
    """
    events = read_events(graph) if events is None else events
    entities: dict[str, dict[str, Any]] = {}
    for place in graph.subjects(RDF.type, SEM.Place):
        entities[str(place)] = _entity(graph, place, "Place")
    # An IRI typed both actor and place (a country) is one node, shown as the actor it is.
    for actor in graph.subjects(RDF.type, SEM.Actor):
        entities[str(actor)] = _entity(graph, actor, actor_kind(graph, actor))
    edges: set[tuple[str, str, str]] = set()
    sources: dict[str, set[str]] = {}
    for event in events:
        linked = [(a, role, a["kind"]) for a in event["actors"] for role in a["roles"]]
        linked += [(p, "place", "Place") for p in event["places"]]
        for entity, role, kind in linked:
            node = entities.setdefault(entity["id"], _entity(graph, URIRef(entity["id"]), kind))
            node["events"].append({"id": event["id"], "label": event["label"], "role": role})
            sources.setdefault(entity["id"], set()).update(s["id"] for s in event["sources"])
            edges.add((event["id"], entity["id"], role))
    for key, node in entities.items():
        node["sources"] = len(sources.get(key, ()))
        node["events"].sort(key=lambda e: (e["label"], e["id"], e["role"]))
        count = len({e["id"] for e in node["events"]})
        node["tip"] = f"{node['kind']} · {_count(count, 'event')} · {_count(node['sources'], 'source')}"
    nodes = [
        {
            "id": e["id"],
            "kind": "Event",
            "label": e["label"],
            "sources": len(e["sources"]),
            "event": e,
            "tip": f"{e['type']} · {_when(e)} · {_count(len(e['sources']), 'source')}",
        }
        for e in events
    ]
    nodes += sorted(entities.values(), key=lambda n: (n["kind"], n["label"], n["id"]))
    return {
        "nodes": nodes,
        "edges": [{"from": f, "to": t, "role": r} for f, t, r in sorted(edges)],
        "legend": [
            {"kind": k, "shape": s, "colour": c}
            for k, (s, c) in NODE_STYLE.items()
            if any(n["kind"] == k for n in nodes)
        ],
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _when(event: dict[str, Any]) -> str:
    if not event["begin"]:
        return "date unknown"
    return event["begin"] if event["begin"] == event["end"] else f"{event['begin']} … {event['end']}"


def _short(text: str) -> str:
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def node_size(sources: int) -> int:
    """Drawn size of a node reported by ``sources`` articles: grows with the log, so that one
    much-reported node does not dwarf the rest (1 → 12, 2 → 19, 4 → 26, 8 → 33, capped at 40)."""
    return min(40, 12 + round(7 * math.log2(max(1, sources))))


def build_network(data: dict[str, Any]) -> Network:
    """The pyvis network for ``data`` (from :func:`network_data`), with vis-network inlined."""
    from pyvis.edge import Edge
    from pyvis.node import Node

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    # What Network.add_node and add_edge do, without their scans of every node for each node and
    # edge added: quadratic, they took 42 s of a 10,000-article build's pages.
    for node in data["nodes"]:
        if node["id"] in net.node_map:
            continue
        shape, colour = NODE_STYLE[node["kind"]]
        # pyvis puts the id in place of an empty label; a label is always given here.
        options = Node(
            node["id"],
            shape,
            label=_short(node["label"]) or "(no label)",
            color=colour,
            font_color=net.font_color,
            size=node_size(node["sources"]),
            widthConstraint={"maximum": 160},
        ).options
        net.nodes.append(options)
        net.node_ids.append(node["id"])
        net.node_map[node["id"]] = options
    for edge in data["edges"]:
        for end in (edge["from"], edge["to"]):
            if end not in net.node_map:
                raise ValueError(f"network edge {edge['from']!r} -> {edge['to']!r}: no node {end!r}")
        net.edges.append(Edge(edge["from"], edge["to"], net.directed, label=edge["role"]).options)
    net.options = network_options(len(data["nodes"]))
    return net


def stabilization_iterations(nodes: int) -> int:
    """How many layout iterations a graph of ``nodes`` nodes gets before physics stops.

    An iteration costs about n·log n, so the budget shrinks as the graph grows: small graphs
    settle fully (800), a 2,000-node graph gets 150 and is still laid out in a few seconds.
    """
    return max(100, min(800, round(300_000 / max(nodes, 1))))


def network_options(nodes: int) -> dict[str, Any]:
    """vis-network options (:data:`OPTIONS`) fitted to a graph of ``nodes`` nodes."""
    options = copy.deepcopy(OPTIONS)
    options["physics"]["stabilization"]["iterations"] = stabilization_iterations(nodes)
    # vis-network's improved (Kamada-Kawai) initial layout is slow and gives up on big graphs.
    options["layout"]["improvedLayout"] = nodes <= 100
    if nodes > BIG_GRAPH:
        # Curved edges cost a spline each per frame; hiding edges while dragging or zooming
        # keeps a big graph responsive to the hand.
        options["edges"]["smooth"] = False
        options["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": True})
    return options


# pyvis' template (0.3.2) links Bootstrap from jsdelivr whatever cdn_resources says.
_REMOTE_TAG = re.compile(
    r"""<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//[^>]*>"""
    r"""|<script\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//[^>]*>\s*</script>""",
    re.I | re.S,
)
_HEADING = re.compile(r"<center>\s*<h1>.*?</h1>\s*</center>", re.S)
_OLD_COMMENT = re.compile(r"<!--\s*<link rel=\"stylesheet\" href=\"\.\./node_modules.*?-->", re.S)
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=[^\s<]*")
_DRAW_CALL = re.compile(r"\bdrawGraph\(\);(\s*</script>\s*</body>)")


def render_network(data: dict[str, Any], *, title: str = DEFAULT_TITLE) -> str:
    """The self-contained HTML page for ``data`` (from :func:`network_data`)."""
    return "".join(network_pieces(data, title=title))


def network_pieces(data: dict[str, Any], *, title: str = DEFAULT_TITLE) -> Iterator[str]:
    """:func:`render_network` in pieces, the data of its panel never made into one string
    (graph.export.pieces; pyvis' own nodes and edges are in its page)."""
    page = build_network(data).generate_html()
    page = _REMOTE_TAG.sub("", page)
    page = _HEADING.sub("", page)
    page = _OLD_COMMENT.sub("", page)
    page = _SOURCE_MAP.sub("", page)
    page, calls = _DRAW_CALL.subn(lambda m: "evkgSetup(drawGraph());" + m.group(1), page)
    if calls != 1:
        raise RuntimeError("pyvis page layout changed: cannot find the final drawGraph() call to hook into")
    page = page.replace("<html>", '<!DOCTYPE html>\n<html lang="en">', 1)
    css = asset("common.css") + asset("network.css")
    page = page.replace("</head>", fill(asset("network_head.html"), title=escape(title), css=css), 1)
    body = fill(
        asset("network_body.html"),
        title=escape(title),
        data=DATA_MARK,
        js=asset("common.js") + asset("network.js") + asset("network_boot.js"),
    )
    page = page.replace("<body>", body, 1)
    if _REMOTE_TAG.search(page):
        raise RuntimeError("network page still links a remote resource")
    return page_pieces(add_content_security_policy(page), {"nodes": data["nodes"], "legend": data["legend"]})


def write_network(graph: Graph, path: Path, *, title: str = DEFAULT_TITLE) -> int:
    """Write the network view of ``graph`` to ``path`` (atomically) and return its number of nodes."""
    data = network_data(graph)
    write_pieces(Path(path), network_pieces(data, title=title))
    return len(data["nodes"])
