"""The three pages a build writes (timeline, network, explorer), from one reading of the graph.

Each page alone reads every event of the graph (:func:`~graph.export._html.read_events`); the
build writes all three, so it reads the events once and hands them to each page: the same bytes
``write_timeline``, ``write_network`` and ``write_explorer`` write one by one.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.atomic import atomic_write_text
from graph.export._html import read_events
from graph.export.explorer import explorer_of, render_explorer
from graph.export.network import network_data, render_network
from graph.export.timeline import render_timeline

#: The pages :func:`write_views` writes.
PAGES = ("timeline.html", "network.html", "explorer.html")


def write_views(graph: Graph, folder: Path) -> None:
    """Write :data:`PAGES` of ``graph`` (anything with the ``objects`` and ``subjects`` of an
    rdflib Graph, such as graph.rdf_terms.TripleIndex) into ``folder``, each atomically."""
    events = read_events(graph)
    network = network_data(graph, events)
    atomic_write_text(folder / "timeline.html", render_timeline({"events": events}))
    atomic_write_text(folder / "network.html", render_network(network))
    atomic_write_text(folder / "explorer.html", render_explorer(explorer_of(network)))
