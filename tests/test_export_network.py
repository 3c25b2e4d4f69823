from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from graph.export.network import (
    BIG_GRAPH,
    NODE_STYLE,
    _short,
    build_network,
    network_data,
    network_options,
    node_size,
    stabilization_iterations,
    write_network,
)

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "small.ttl"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
HOSTILE_ACTOR = '<img src=x onerror="window.__pwned=1">'
HOSTILE = ["<script>window.__pwned=1</script>", HOSTILE_ACTOR, "</script><script>window.__pwned=1</script>"]
COUNT_NODES = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a sem:Event } UNION { ?x a sem:Actor } UNION { ?x a sem:Place }
  UNION { ?e a sem:Event ; sem:hasActor|sem:hasPlace ?x }
}
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE)


@pytest.fixture(scope="module")
def page_path(graph: Graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("network") / "network.html"
    assert write_network(graph, path, title="Kherson, November 2022") == node_count(graph)
    return path


def node_count(graph: Graph) -> int:
    return int(next(iter(graph.query(COUNT_NODES)))[0])


def test_network_data_nodes_and_role_edges(graph: Graph) -> None:
    data = network_data(graph)
    assert len(data["nodes"]) == node_count(graph) == 18
    kinds = {n["label"]: n["kind"] for n in data["nodes"]}
    assert kinds["Russia"] == "Country" and kinds["Sergei Shoigu"] == "Person"
    assert kinds["Wagner Group"] == "Armed group" and kinds["Kherson"] == "Place"
    edges = {(e["from"].rsplit("/", 1)[1], e["to"].rsplit("/", 1)[1], e["role"]) for e in data["edges"]}
    assert ("aid", "ukraine", "recipient") in edges
    assert ("annexation", "ukraine", "patient") in edges
    assert ("talks", "russia", "actor") in edges  # only sem:hasActor: no finer role
    assert ("withdrawal", "kherson", "place") in edges
    russia = next(n for n in data["nodes"] if n["label"] == "Russia")
    assert russia["sources"] == 2 and russia["altLabels"] == ["Russian Federation"]


def test_page_is_self_contained_safe_and_deterministic(graph: Graph, page_path: Path, tmp_path: Path) -> None:
    page = page_path.read_text(encoding="utf-8")
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "unpkg" not in page
    assert "vis.Network" in page  # vis-network itself is inlined
    for text in HOSTILE:
        assert text not in page
    again = tmp_path / "again.html"
    write_network(Graph().parse(FIXTURE), again, title="Kherson, November 2022")
    assert again.read_bytes() == page_path.read_bytes()


def test_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # rdflib iterates sets of terms, whose order changes with PYTHONHASHSEED between runs.
    script = (
        "import sys; from pathlib import Path; from rdflib import Graph;"
        "from graph.export import write_network, write_timeline;"
        "g = Graph().parse(sys.argv[1]); out = Path(sys.argv[2]);"
        "write_timeline(g, out / 'timeline.html'); write_network(g, out / 'network.html')"
    )
    for seed in ("1", "2"):
        (tmp_path / seed).mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = [sys.executable, "-c", script, str(FIXTURE), str(tmp_path / seed)]
        subprocess.run(args, env=env, check=True)
    for name in ("timeline.html", "network.html"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_network_holds_what_pyvis_add_node_and_add_edge_would(graph: Graph) -> None:
    from pyvis.network import Network

    data = network_data(graph)
    ours = build_network(data)
    theirs = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    for node in data["nodes"]:
        shape, colour = NODE_STYLE[node["kind"]]
        label = _short(node["label"]) or "(no label)"
        size = node_size(node["sources"])
        theirs.add_node(
            node["id"], label=label, shape=shape, color=colour, size=size, widthConstraint={"maximum": 160}
        )
    for edge in data["edges"]:
        theirs.add_edge(edge["from"], edge["to"], label=edge["role"])
    assert (ours.nodes, ours.node_ids, ours.node_map, ours.edges) == (
        theirs.nodes,
        theirs.node_ids,
        theirs.node_map,
        theirs.edges,
    )
    with pytest.raises(ValueError, match="no node"):
        build_network({"nodes": data["nodes"], "edges": [{"from": "x", "to": "y", "role": "actor"}]})


def test_layout_budget_shrinks_with_the_graph() -> None:
    budgets = [stabilization_iterations(n) for n in (0, 10, 375, 1000, 2000, 3000, 100_000)]
    assert budgets == [800, 800, 800, 300, 150, 100, 100]
    assert network_options(20)["edges"]["smooth"]["enabled"] is True
    big = network_options(BIG_GRAPH + 1)
    assert big["edges"]["smooth"] is False and big["interaction"]["hideEdgesOnDrag"] is True
    assert (
        big["layout"]["improvedLayout"] is False and network_options(20)["layout"]["improvedLayout"] is True
    )


def test_empty_graph(tmp_path: Path) -> None:
    assert write_network(Graph(), tmp_path / "n.html") == 0


SHOWN = "() => network.body.data.nodes.get({filter: n => !n.hidden}).length"
SHOWN_IDS = "() => network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)"


def click_node(page, node_id: str) -> None:
    x, y = page.evaluate(
        """id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                   const b = document.getElementById('mynetwork').getBoundingClientRect();
                   return [b.left + p.x, b.top + p.y]; }""",
        node_id,
    )
    page.mouse.click(x, y)


def test_network_in_a_browser(graph: Graph, page_path: Path, open_offline) -> None:
    page, log = open_offline(page_path)
    page.wait_for_function("() => document.body.dataset.stabilized === 'true'", timeout=20000)
    assert page.evaluate("network.body.data.nodes.length") == node_count(graph)
    assert page.evaluate("network.physics.options.enabled") is False
    ids = {n["label"]: n["id"] for n in network_data(graph)["nodes"]}

    click_node(page, ids["Russia announces withdrawal from Kherson"])
    details = page.locator("#details").inner_text()
    assert "Russia announces withdrawal from Kherson" in details
    assert "Moscow announced on Wednesday that it would pull out of the city of Kherson." in details
    assert HOSTILE[0] in details

    page.evaluate("id => networkView.focus(id)", ids[HOSTILE_ACTOR])
    page.wait_for_timeout(100)
    x, y = page.evaluate(
        """id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                   const b = document.getElementById('mynetwork').getBoundingClientRect();
                   return [b.left + p.x, b.top + p.y]; }""",
        ids[HOSTILE_ACTOR],
    )
    page.mouse.move(x, y)
    page.wait_for_selector("#tooltip:not([hidden])")
    assert HOSTILE_ACTOR in page.locator("#tooltip").inner_text()
    assert HOSTILE_ACTOR in page.locator("#details h2").inner_text()
    page.locator("#details a.link").first.click()
    assert HOSTILE[2] in page.locator("#details").inner_text()  # the statement's quote, as text

    page.fill("#search", "kherson")
    assert page.locator("#count").inner_text() == "3 matches"
    assert len(page.evaluate("network.getSelectedNodes()")) == 3
    page.fill("#search", "")

    # Filters: by class, and by event type (keeping the actors and places of that type's events).
    data = network_data(graph)
    page.uncheck("#show-actor")
    entities = sum(n["kind"] not in ("Event", "Place") for n in data["nodes"])
    assert page.evaluate(SHOWN) == len(data["nodes"]) - entities
    assert (
        page.locator("#count").inner_text()
        == f"{len(data['nodes']) - entities} of {len(data['nodes'])} nodes"
    )
    page.check("#show-actor")
    page.select_option("#type-filter", "Annexation")
    annexations = {n["id"] for n in data["nodes"] if n.get("event", {}).get("type") == "Annexation"}
    linked = {e["to"] for e in data["edges"] if e["from"] in annexations}
    assert sorted(page.evaluate(SHOWN_IDS)) == sorted(annexations | linked)
    page.fill("#search", "dnipro")  # the river is crossed, not annexed
    assert page.locator("#count").inner_text() == "0 matches"
    page.fill("#search", "")
    page.select_option("#type-filter", "")
    assert page.evaluate(SHOWN) == len(data["nodes"])

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator(".vis-tooltip").count() in (0, 1)
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


def test_network_screenshot(graph: Graph, page_path: Path, open_offline) -> None:
    page, log = open_offline(page_path, width=1400, height=820)
    page.wait_for_function("() => document.body.dataset.stabilized === 'true'", timeout=20000)
    ids = {n["label"]: n["id"] for n in network_data(graph)["nodes"]}
    page.evaluate("network.fit({animation: false})")
    click_node(page, ids["Russian troops cross the Dnipro River"])
    page.mouse.move(5, 810)
    page.wait_for_timeout(100)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "network.png"))
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


def test_network_with_2000_nodes(make_synthetic_graph, open_offline, tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    assert write_network(make_synthetic_graph(1400, 400, 200), path) == 2000
    page, log = open_offline(path)
    # A bounded number of layout iterations, then physics off: the graph stops moving.
    page.wait_for_function("() => document.body.dataset.stabilized === 'true'", timeout=60000)
    assert page.evaluate("network.physics.options.stabilization.iterations") == stabilization_iterations(2000)
    assert stabilization_iterations(2000) < stabilization_iterations(100)
    assert page.evaluate("network.physics.options.enabled") is False
    assert page.evaluate("network.body.data.nodes.length") == 2000
    assert page.locator("#loadingBar").is_hidden()
    moved = page.evaluate(
        """() => new Promise(done => { const before = JSON.stringify(network.getPositions());
             setTimeout(() => done(JSON.stringify(network.getPositions()) !== before), 500); })"""
    )
    assert moved is False
    frame = page.evaluate(
        "() => { const t = performance.now(); network.redraw(); return performance.now() - t; }"
    )
    print(
        f"\n2,000 nodes: stabilised {page.evaluate('networkView.stabilizedAt'):.0f} ms after navigation; "
        f"one redraw {frame:.1f} ms"
    )
    page.uncheck("#show-event")
    assert page.evaluate(SHOWN) == 600
    assert page.locator("#count").inner_text() == "600 of 2000 nodes"
    page.check("#show-event")
    page.fill("#search", "Actor 12")
    assert len(page.evaluate("network.getSelectedNodes()")) > 0
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []
