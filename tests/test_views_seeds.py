"""The seeds' own timeline and network in a real headless Chromium, offline.

Also writes the README's screenshots of the seed views (docs/screenshots/seeds-*.png).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from graph.namespace import PREFIXES
from graph.pipeline import Components, build

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"


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
    # The Kherson announcement: click it, its evidence sentences appear.
    page.evaluate("timelineView.state.view = [Date.UTC(2022, 10, 6), Date.UTC(2022, 10, 12)]")
    page.evaluate("timelineView.render()")
    mark = page.locator("#chart g.ev", has_text="Announcement by Russia").first
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
    page.evaluate("network.fit({animation: false})")
    page.wait_for_timeout(100)
    page.screenshot(path=str(SCREENSHOTS / "seeds-network.png"))
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []
