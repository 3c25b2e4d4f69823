from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from graph.export.explorer import explorer_data, write_explorer

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "small.ttl"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
HOSTILE_ACTOR = '<img src=x onerror="window.__pwned=1">'
HOSTILE = ["<script>window.__pwned=1</script>", HOSTILE_ACTOR, "</script><script>window.__pwned=1</script>"]
STABILIZED = "() => document.body.dataset.stabilized === 'true'"
NODE_AT = """id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const b = document.getElementById('nw-network').getBoundingClientRect();
                     return [b.left + p.x, b.top + p.y]; }"""
CENTRE_ON = "id => network.moveTo({position: network.getPositions([id])[id], animation: false})"
LINKED = """() => [...new Set([...document.querySelectorAll('#tl-chart g.ev.linked, #tl-undated li.linked')]
                 .map(g => g.dataset.id))].sort()"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE)


@pytest.fixture(scope="module")
def ids(graph: Graph) -> dict[str, str]:
    return {n["label"]: n["id"] for n in explorer_data(graph)["nodes"]}


@pytest.fixture(scope="module")
def page_path(graph: Graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    assert write_explorer(graph, path, title="Kherson, November 2022") == 8
    return path


def events_of(graph: Graph, label: str) -> list[str]:
    node = next(n for n in explorer_data(graph)["nodes"] if n["label"] == label)
    return sorted({e["id"] for e in node["events"]})


def click_node(page, node_id: str, centre: bool = True) -> None:
    """Click a node, first centring the network on it (it may be out of view)."""
    if centre:
        page.evaluate(CENTRE_ON, node_id)
    page.mouse.click(*page.evaluate(NODE_AT, node_id))


def test_explorer_data_shares_the_network_nodes(graph: Graph) -> None:
    data = explorer_data(graph)
    assert len(data["nodes"]) == len(data["vis"]["nodes"]) == 18
    assert sum(1 for n in data["nodes"] if n["kind"] == "Event") == 8
    assert {e["label"] for e in data["vis"]["edges"]} == {"agent", "patient", "recipient", "actor", "place"}
    assert data["vis"]["options"]["physics"]["enabled"] is True


def test_page_is_self_contained_safe_and_deterministic(page_path: Path, tmp_path: Path) -> None:
    page = page_path.read_text(encoding="utf-8")
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "sourceMappingURL" not in page and "vis.Network" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page.replace("&#x27;", "'")
    for text in HOSTILE:
        assert text not in page
    # vis-network, the data and our code: three scripts, none closed early (vis-network's own
    # code spells "<script>" in a string, never its end tag).
    assert len(re.findall(r"^<script", page, re.M)) == 3 and page.count("</script>") == 3
    script = (
        "import sys; from pathlib import Path; from rdflib import Graph;"
        "from graph.export.explorer import write_explorer;"
        "write_explorer(Graph().parse(sys.argv[1]), Path(sys.argv[2]), title='Kherson, November 2022')"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(FIXTURE), str(tmp_path / seed)], env=env, check=True
        )
        assert (tmp_path / seed).read_bytes() == page_path.read_bytes()


def test_empty_graph(tmp_path: Path, open_offline) -> None:
    assert write_explorer(Graph(), tmp_path / "e.html") == 0
    page, log = open_offline(tmp_path / "e.html")
    page.wait_for_function(STABILIZED)
    assert page.locator("#tl-count").inner_text() == "0 of 0 events"
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


def test_explorer_in_a_browser(graph: Graph, ids: dict[str, str], page_path: Path, open_offline) -> None:
    page, log = open_offline(page_path)
    page.wait_for_function(STABILIZED, timeout=20000)
    # Both views drawn: 7 dated events on the timeline and 1 undated; 18 nodes in the network.
    drawn = page.eval_on_selector_all(
        "#tl-chart g.ev", "gs => [...new Set(gs.map(g => g.dataset.id))].length"
    )
    assert drawn == 7 and page.locator("#tl-undated li").count() == 1
    assert page.locator("#tl-count").inner_text() == "8 of 8 events"
    assert page.evaluate("network.body.data.nodes.length") == 18
    assert page.locator("#nw-count").inner_text() == "18 nodes"
    assert page.evaluate("network.physics.options.enabled") is False

    # Timeline → network: clicking an event selects its node, and the details show its evidence.
    withdrawal = ids["Russia announces withdrawal from Kherson"]
    page.locator(f'#tl-chart g.ev[data-id="{withdrawal}"] text').click()
    assert page.evaluate("network.getSelectedNodes()") == [withdrawal]
    details = page.locator("#details").inner_text()
    assert "Moscow announced on Wednesday that it would pull out of the city of Kherson." in details
    assert HOSTILE[0] in details  # the first source's headline, as text

    # Network → timeline: clicking an actor lights up its events (the undated talks too).
    click_node(page, ids["Russia"])
    assert page.locator("#details h2").inner_text() == "Russia"
    assert page.evaluate(LINKED) == events_of(graph, "Russia")
    assert page.locator("#tl-chart svg.linking").count() == 1
    # ... a place too; the hostile actor's name stays text, in the details and the network.
    click_node(page, ids["Kherson"])
    assert page.evaluate(LINKED) == events_of(graph, "Kherson")
    click_node(page, ids[HOSTILE_ACTOR])
    assert page.locator("#details h2").inner_text() == HOSTILE_ACTOR
    assert page.evaluate(LINKED) == events_of(graph, HOSTILE_ACTOR)
    # Picking one of the lit events keeps the light; the node follows in the network.
    statement = events_of(graph, HOSTILE_ACTOR)[0]
    page.locator(f'#tl-chart g.ev[data-id="{statement}"] text').click()
    assert page.evaluate("network.getSelectedNodes()") == [statement]
    assert page.evaluate(LINKED) == events_of(graph, HOSTILE_ACTOR)
    assert HOSTILE[2] in page.locator("#details").inner_text()  # its quote, as text

    # An event node picked in the network is selected on the timeline; empty space clears.
    troops = ids["Russian troops cross the Dnipro River"]
    click_node(page, troops)
    assert page.eval_on_selector_all("#tl-chart g.ev.selected", "gs => gs.map(g => g.dataset.id)") == [troops]
    assert page.evaluate(LINKED) == [troops]
    page.evaluate("network.fit({animation: false})")
    box = page.locator("#nw-network").bounding_box()
    page.mouse.click(box["x"] + 4, box["y"] + box["height"] - 4)
    assert page.evaluate(LINKED) == [] and page.locator("#tl-chart svg.linking").count() == 0

    # The timeline's own filters work here too: an actor, a date range, then all cleared.
    russian = events_of(graph, "Russia")
    page.select_option("#tl-actor-filter", label=f"Russia ({len(russian)})")
    timeline_count_is(page, f"{len(russian)} of 8 events")
    page.select_option("#tl-actor-filter", label=f"{HOSTILE_ACTOR} (1)")
    timeline_count_is(page, "1 of 8 events")
    page.select_option("#tl-actor-filter", "")
    page.fill("#tl-date-from", "2030-01-01")  # after every event: none left, undated ones hidden
    page.dispatch_event("#tl-date-from", "change")
    timeline_count_is(page, "0 of 8 events · 1 undated event hidden by the date range")
    page.click("#tl-clear-filters")
    timeline_count_is(page, "8 of 8 events")
    assert page.input_value("#tl-actor-filter") == "" and page.input_value("#tl-date-from") == ""

    # The network's own filters still work here.
    page.uncheck("#nw-show-event")
    assert page.locator("#nw-count").inner_text() == "10 of 18 nodes"

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


def timeline_count_is(page, text: str) -> None:
    """Wait for the timeline's count line to read ``text`` (a change redraws on the next frame)."""
    shown = "t => document.querySelector('#tl-count').textContent === t"
    page.wait_for_function(shown, arg=text, timeout=5000)


def test_explorer_screenshot(ids: dict[str, str], page_path: Path, open_offline) -> None:
    page, log = open_offline(page_path, width=1600, height=860)
    page.wait_for_function(STABILIZED, timeout=20000)
    page.evaluate("explorer.timeline.state.view = [Date.UTC(2022, 7, 20), Date.UTC(2022, 11, 5)]")
    page.evaluate("explorer.timeline.render()")
    page.evaluate("network.fit({animation: false})")
    click_node(page, ids["Russia"], centre=False)
    page.mouse.move(5, 850)
    page.wait_for_timeout(100)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "explorer.png"))
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []
