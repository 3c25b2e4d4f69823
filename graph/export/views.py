"""The three pages a build writes (timeline, network, explorer), from one reading of the graph.

Each page alone reads every event of the graph (:func:`~graph.export._html.read_events`); the
build writes all three, so it reads the events once and hands them to each page: the same bytes
``write_timeline``, ``write_network`` and ``write_explorer`` write one by one.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.export._html import read_events
from graph.export.explorer import explorer_of, explorer_pieces
from graph.export.network import network_data, network_pieces
from graph.export.pieces import write_pieces
from graph.export.timeline import timeline_pieces

#: The pages :func:`write_views` writes.
PAGES = ("timeline.html", "network.html", "explorer.html")


def write_views(graph: Graph, folder: Path) -> None:
    """Write :data:`PAGES` of ``graph`` (anything with the ``objects`` and ``subjects`` of an
    rdflib Graph, such as graph.rdf_terms.TripleIndex) into ``folder``, each atomically."""
    events = read_events(graph)
    network = network_data(graph, events)
    write_pieces(folder / "timeline.html", timeline_pieces({"events": events}))
    write_pieces(folder / "network.html", network_pieces(network))
    write_pieces(folder / "explorer.html", explorer_pieces(explorer_of(network)))
