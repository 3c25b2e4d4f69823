"""Views of a built graph: an interactive timeline, an actor/event network, and the explorer
that links the two on one page (HTML).

All read an :class:`rdflib.Graph` through the terms of the graph contract only, write one
self-contained file atomically, and load nothing from any network.
"""

from __future__ import annotations

from graph.export.explorer import write_explorer
from graph.export.network import write_network
from graph.export.timeline import write_timeline

__all__ = ["write_explorer", "write_network", "write_timeline"]
