"""The timeline view: one self-contained HTML page drawing every event of a graph on a time axis.

The page carries its data as JSON inside ``<script type="application/json">`` and its own
small script (``assets/timeline.js``); it loads nothing from any network and a
Content-Security-Policy forbids it to. The same graph always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.export._html import add_content_security_policy, asset, escape, fill, read_events
from graph.export.pieces import DATA_MARK, page_pieces, write_pieces

DEFAULT_TITLE = "Event timeline"
#: The timeline's scripts, each using only those before it.
TIMELINE_SCRIPTS = ("common.js", "timeline_axis.js", "timeline_draw.js", "timeline_filter.js", "timeline.js")


def timeline_data(graph: Graph) -> dict[str, Any]:
    """What the timeline shows: ``{"events": [...]}``, each event as :func:`read_events` gives it."""
    return {"events": read_events(graph)}


def timeline_script() -> str:
    """The script that defines ``evkgTimeline(data, opts)`` (with what it needs), for any page."""
    return "".join(asset(name) for name in TIMELINE_SCRIPTS)


def render_timeline(data: dict[str, Any], *, title: str = DEFAULT_TITLE) -> str:
    """The HTML page for ``data`` (from :func:`timeline_data`)."""
    return "".join(timeline_pieces(data, title=title))


def timeline_pieces(data: dict[str, Any], *, title: str = DEFAULT_TITLE) -> Iterator[str]:
    """:func:`render_timeline` in pieces, its data never made into one string (graph.export.pieces)."""
    page = fill(
        asset("timeline.html"),
        title=escape(title),
        css=asset("common.css") + asset("timeline.css"),
        data=DATA_MARK,
        js=timeline_script() + asset("timeline_boot.js"),
    )
    return page_pieces(add_content_security_policy(page), data)


def write_timeline(graph: Graph, path: Path, *, title: str = DEFAULT_TITLE) -> int:
    """Write the timeline of ``graph`` to ``path`` (atomically) and return how many events it draws.

    Every sem:Event is drawn: dated ones on the time axis, undated ones in the
    "date unknown" list beside it.
    """
    data = timeline_data(graph)
    write_pieces(Path(path), timeline_pieces(data, title=title))
    return len(data["events"])
