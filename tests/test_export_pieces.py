"""Pages written in pieces (graph.export.pieces): the same bytes as the page made whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.export._html import json_for_script
from graph.export.explorer import explorer_of, render_explorer
from graph.export.network import network_data, render_network
from graph.export.pieces import DATA_MARK, json_pieces, page_pieces, write_pieces
from graph.export.timeline import render_timeline
from graph.export.views import write_views

leaves = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_json_in_pieces_is_the_json_made_whole(data):
    pieces = list(json_pieces(data))
    assert "".join(pieces) == json_for_script(data)
    assert json.loads("".join(pieces)) == json.loads(json_for_script(data))


def test_an_item_is_a_piece_of_its_own():
    data = {"events": [{"label": "</script><b>"}, {"label": "ok"}], "legend": []}
    pieces = list(json_pieces(data))
    assert '{"label":"\\u003c/script\\u003e\\u003cb\\u003e"}' in pieces
    assert max(len(p) for p in pieces) <= len('{"label":"\\u003c/script\\u003e\\u003cb\\u003e"}')


def test_a_page_must_hold_its_mark_once():
    assert "".join(page_pieces(f"<p>{DATA_MARK}</p>", [1, 2])) == "<p>[1,2]</p>"
    for page in ("<p></p>", f"{DATA_MARK}{DATA_MARK}"):
        with pytest.raises(ValueError, match="exactly once"):
            list(page_pieces(page, []))


def test_a_failure_while_writing_leaves_the_old_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("old")

    def failing():
        yield "new"
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_pieces(path, failing())
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_the_build_pages_are_the_pages_made_whole(seeds_built, tmp_path):
    """The seeds' three pages, written in pieces, are the pages rendered as one string each."""
    from rdflib import Graph

    from graph.export._html import read_events

    g = Graph().parse(Path(seeds_built) / "graph.ttl", format="turtle")
    events = read_events(g)
    network = network_data(g, events)
    whole = {
        "timeline.html": render_timeline({"events": events}),
        "network.html": render_network(network),
        "explorer.html": render_explorer(explorer_of(network)),
    }
    assert all(len(page) > 10_000 and DATA_MARK not in page for page in whole.values())
    write_views(g, tmp_path)
    for name, page in whole.items():
        assert (tmp_path / name).read_bytes() == page.encode("utf-8")
        assert (Path(seeds_built) / name).read_bytes() == page.encode("utf-8")


def test_events_share_their_articles_fields_and_sentences(seeds_built):
    """Each article's fields are read once and shared by the events it reports (a large
    build's pages held them once per event), and a sentence given twice is held once."""
    from rdflib import Graph

    from graph.export._html import SharedText, read_events

    g = Graph().parse(Path(seeds_built) / "graph.ttl", format="turtle")
    events = read_events(g)
    by_article: dict[str, list[dict]] = {}
    for e in events:
        for source in e["sources"]:
            by_article.setdefault(source["id"], []).append(source)
    assert len(by_article) == 5 and max(len(v) for v in by_article.values()) > 10
    for sources in by_article.values():
        first = sources[0]
        assert all(s["headline"] is first["headline"] and s["url"] is first["url"] for s in sources)
        assert len({id(s) for s in sources}) == len(sources)  # each event its own source entry
    shared = SharedText()
    a, b = "".join(["Kyiv said ", "so."]), "".join(["Kyiv said", " so."])
    assert a is not b and shared.text(a) is shared.text(b) is a and shared.text(None) is None
