"""The seeds' own timeline and network in a real headless Chromium, offline.

Also writes the README's screenshots of the seed views (docs/screenshots/seeds-*.png). The
explorer is written from the built graph.ttl when the build has not written it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from graph.export.explorer import explorer_data, write_explorer
from graph.namespace import PREFIXES
from graph.pipeline import Components, build

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"
NODE_AT = """id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const b = document.getElementById('nw-network').getBoundingClientRect();
                     return [b.left + p.x, b.top + p.y]; }"""


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed-views")
    build([ROOT / "seeds"], out, components=Components.load())
    return out


def count(g: Graph, query: str) -> int:
    return int(next(iter(g.query(query, initNs=PREFIXES)))[0])


def test_seed_timeline(seeds_out, open_offline):
    g = Graph().parse(seeds_out / "graph.ttl", format="turtle")
    events = count(g, "SELECT (COUNT(?e) AS ?n) WHERE { ?e a sem:Event }")
    dated = count(g, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event ; sem:hasBeginTimeStamp ?b }")
    page, log = open_offline(seeds_out / "timeline.html", width=1400, height=760)
    page.wait_for_selector("#chart svg g.ev")
    drawn = page.eval_on_selector_all("#chart g.ev", "gs => [...new Set(gs.map(g => g.dataset.id))].length")
    assert drawn == dated
    assert page.locator("#undated li").count() == events - dated
    assert page.locator("#count").inner_text() == f"{events} of {events} events"
    # The Kherson announcement (the announcement most articles report): click it, its evidence
    # sentences appear.
    (announcement,) = next(
        iter(
            g.query(
                """SELECT ?e WHERE { ?e sem:eventType evt:Announcement ; prov:wasDerivedFrom ?a }
                   GROUP BY ?e ORDER BY DESC(COUNT(DISTINCT ?a)) ?e LIMIT 1""",
                initNs=PREFIXES,
            )
        )
    )
    page.evaluate("timelineView.state.view = [Date.UTC(2022, 10, 6), Date.UTC(2022, 10, 12)]")
    page.evaluate("timelineView.render()")
    mark = page.locator(f'#chart g.ev[data-id="{announcement}"]').first
    mark.locator("text").click()
    details = page.locator("#details").inner_text()
    assert "Kherson" in details and "announced" in details
    page.mouse.move(5, 740)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "seeds-timeline.png"))
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


def test_seed_network(seeds_out, open_offline):
    page, log = open_offline(seeds_out / "network.html", width=1400, height=860)
    page.wait_for_function("() => document.body.dataset.stabilized === 'true'", timeout=30000)
    nodes = page.evaluate("network.body.data.nodes.length")
    assert nodes > 20
    page.fill("#search", "Kherson")
    page.wait_for_timeout(100)
    assert page.evaluate("network.getSelectedNodes().length") >= 1
    page.fill("#search", "")
    # Close enough to read: Ukraine and its neighbours, with Ukraine's details open.
    ukraine = page.evaluate(
        "JSON.parse(document.getElementById('data').textContent).nodes"
        ".find(n => n.label === 'Ukraine' && n.kind === 'Country').id"
    )
    page.evaluate(
        """id => { network.fit({nodes: [id, ...network.getConnectedNodes(id)], animation: false});
                   network.moveTo({scale: network.getScale() * 0.85, animation: false}); }""",
        ukraine,
    )
    x, y = page.evaluate(
        """id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                   const b = document.getElementById('mynetwork').getBoundingClientRect();
                   return [b.left + p.x, b.top + p.y]; }""",
        ukraine,
    )
    page.mouse.click(x, y)
    assert page.locator("#details h2").inner_text() == "Ukraine"
    page.mouse.move(5, 850)
    page.wait_for_timeout(100)
    page.screenshot(path=str(SCREENSHOTS / "seeds-network.png"))
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


def test_seed_explorer(seeds_out, open_offline):
    g = Graph().parse(seeds_out / "graph.ttl", format="turtle")
    path = seeds_out / "explorer.html"
    if not path.exists():  # until the build writes it itself
        write_explorer(g, path)
    events = count(g, "SELECT (COUNT(?e) AS ?n) WHERE { ?e a sem:Event }")
    nodes = explorer_data(g)["nodes"]
    page, log = open_offline(path, width=1600, height=900)
    page.wait_for_function("() => document.body.dataset.stabilized === 'true'", timeout=30000)
    assert page.locator("#tl-count").inner_text() == f"{events} of {events} events"
    assert page.evaluate("network.body.data.nodes.length") == len(nodes)
    # The Kherson announcement, picked on the timeline, is the node selected in the network.
    page.evaluate("explorer.timeline.state.view = [Date.UTC(2022, 10, 6), Date.UTC(2022, 10, 12)]")
    page.evaluate("explorer.timeline.render()")
    mark = page.locator("#tl-chart g.ev", has_text="Announcement by Russia").first
    mark.locator("text").click()
    assert page.evaluate("network.getSelectedNodes()") == [mark.get_attribute("data-id")]
    # An actor picked in the network lights up its events on the timeline, fitted to them.
    actor = next(n for n in nodes if n["label"] == "Volodymyr Zelensky")
    near = [actor["id"]] + sorted({e["id"] for e in actor["events"]})
    page.evaluate("ids => network.fit({nodes: ids, animation: false})", near)
    page.mouse.click(*page.evaluate(NODE_AT, actor["id"]))
    lit = page.eval_on_selector_all(
        "#tl-chart g.ev.linked, #tl-undated li.linked", "gs => [...new Set(gs.map(g => g.dataset.id))].sort()"
    )
    assert lit == near[1:]
    assert page.locator("#details h2").inner_text() == "Volodymyr Zelensky"
    page.mouse.move(5, 890)
    page.wait_for_timeout(100)
    page.screenshot(path=str(SCREENSHOTS / "seeds-explorer.png"))
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []
