"""The explorer: the timeline, the network and one details panel on a single page, linked.

Selecting an event in the timeline selects and centres it in the network; selecting a node in
the network selects the event in the timeline, or for an actor or place lights up the events
it takes part in. The page reuses the timeline's and the network's scripts and their data
(read through the graph contract, embedded with :func:`~graph.export._html.json_for_script`),
inlines vis-network from the installed pyvis package, and loads nothing from any network.
The same graph always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.export._html import add_content_security_policy, asset, escape, fill
from graph.export.network import build_network, network_data
from graph.export.pieces import DATA_MARK, page_pieces, write_pieces
from graph.export.timeline import timeline_script

DEFAULT_TITLE = "Event explorer"
#: Where pyvis 0.3.2 keeps the vis-network build its own pages inline.
VIS_NETWORK = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=[^\s<]*")


def explorer_data(graph: Graph) -> dict[str, Any]:
    """What the explorer shows: the network's ``nodes`` and ``legend`` (see
    :func:`~graph.export.network.network_data`; event nodes carry the timeline's events) and
    ``vis``, the nodes, edges and options pyvis builds for vis-network."""
    return explorer_of(network_data(graph))


def explorer_of(data: dict[str, Any]) -> dict[str, Any]:
    """:func:`explorer_data` from the network's data (:func:`~graph.export.network.network_data`)."""
    net = build_network(data)
    return {
        "nodes": data["nodes"],
        "legend": data["legend"],
        "vis": {"nodes": net.nodes, "edges": net.edges, "options": net.options},
    }


def vis_network_script() -> str:
    """vis-network's code, from the installed pyvis package, ready to inline in a ``<script>``."""
    path = resources.files("pyvis").joinpath(*VIS_NETWORK)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RuntimeError(f"pyvis has no {'/'.join(VIS_NETWORK)}: the explorer needs pyvis 0.3.2") from exc
    if re.search(r"</script", text, re.IGNORECASE):
        raise RuntimeError("vis-network's code contains </script and cannot be inlined")
    return _SOURCE_MAP.sub("", text)


def render_explorer(data: dict[str, Any], *, title: str = DEFAULT_TITLE) -> str:
    """The HTML page for ``data`` (from :func:`explorer_data`)."""
    return "".join(explorer_pieces(data, title=title))


def explorer_pieces(data: dict[str, Any], *, title: str = DEFAULT_TITLE) -> Iterator[str]:
    """:func:`render_explorer` in pieces, its data never made into one string (graph.export.pieces)."""
    page = fill(
        asset("explorer.html"),
        title=escape(title),
        css=asset("common.css") + asset("timeline.css") + asset("explorer.css"),
        vis=vis_network_script(),
        data=DATA_MARK,
        js=timeline_script() + asset("network.js") + asset("explorer.js"),
    )
    return page_pieces(add_content_security_policy(page), data)


def write_explorer(graph: Graph, path: Path, *, title: str = DEFAULT_TITLE) -> int:
    """Write the explorer of ``graph`` to ``path`` (atomically) and return how many events it shows."""
    data = explorer_data(graph)
    write_pieces(Path(path), explorer_pieces(data, title=title))
    return sum(1 for node in data["nodes"] if node["kind"] == "Event")
