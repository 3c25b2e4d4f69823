from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph

from graph.export._html import json_for_script
from graph.export.timeline import timeline_data, write_timeline

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "small.ttl"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=1</script>",
]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE)


@pytest.fixture(scope="module")
def page_path(graph: Graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("timeline") / "timeline.html"
    assert write_timeline(graph, path, title="Kherson, November 2022") == 8
    return path


def by_label(events: list[dict], label: str) -> dict:
    return next(e for e in events if e["label"] == label)


def test_timeline_data_reads_the_contract(graph: Graph) -> None:
    events = timeline_data(graph)["events"]
    assert len(events) == 8
    # Dated events first, in time order; the undated one last.
    assert [e["begin"] for e in events][:2] == ["2014-01-01", "2022-09-01"]
    assert events[-1]["label"] == "Talks between Russia and Ukraine" and events[-1]["begin"] is None
    withdrawal = by_label(events, "Russia announces withdrawal from Kherson")
    assert (withdrawal["precision"], withdrawal["basis"], withdrawal["expression"], withdrawal["anchor"]) == (
        "day",
        "relative",
        "Wednesday",
        "2022-11-10",
    )
    assert [s["identifier"] for s in withdrawal["sources"]] == ["001_example.txt", "002_example.txt"]
    assert withdrawal["sources"][1]["sentences"] == [
        "Moscow announced on Wednesday that it would pull out of the city of Kherson."
    ]
    aid = by_label(events, "European Union sends winter aid to Ukraine")
    roles = {a["label"]: a["roles"] for a in aid["actors"]}
    assert roles == {"European Union": ["agent"], "Ukraine": ["recipient"]}
    assert aid["precision"] == "approximate" and aid["factuality"] == "future"
    talks = events[-1]
    assert {a["label"]: a["roles"] for a in talks["actors"]} == {"Russia": ["actor"], "Ukraine": ["actor"]}
    troops = by_label(events, "Russian troops cross the Dnipro River")
    assert [(f["text"], f["givenBy"]) for f in troops["figures"]] == [
        ("20,000 to 25,000 soldiers", ["Armed Forces of Ukraine"]),
        ("more than 30,000 troops", ["Sergei Shoigu"]),
    ]
    assert troops["figures"][0]["min"] == 20000 and troops["figures"][1]["value"] == 30000


def test_hostile_strings_never_appear_raw(page_path: Path) -> None:
    page = page_path.read_text(encoding="utf-8")
    for text in HOSTILE:
        assert text not in page
    # Exactly the two scripts the template has: the data and the code.
    assert page.count("<script") == 2 and page.count("</script>") == 2
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1)
    decoded = json.dumps(json.loads(data), ensure_ascii=False)
    for text in HOSTILE:
        assert json.dumps(text, ensure_ascii=False)[1:-1] in decoded


def test_no_remote_resources_and_same_bytes_twice(graph: Graph, page_path: Path, tmp_path: Path) -> None:
    page = page_path.read_text(encoding="utf-8")
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page.replace("&#x27;", "'")
    again = tmp_path / "again.html"
    write_timeline(Graph().parse(FIXTURE), again, title="Kherson, November 2022")
    assert again.read_bytes() == page_path.read_bytes()


def test_empty_graph_gives_an_empty_timeline(tmp_path: Path) -> None:
    path = tmp_path / "t.html"
    assert write_timeline(Graph(), path) == 0
    assert '"events":[]' in path.read_text(encoding="utf-8")


@given(st.text())
def test_json_for_script_cannot_close_a_script(text: str) -> None:
    encoded = json_for_script({"s": text})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"s": text}


def test_timeline_in_a_browser(page_path: Path, open_offline) -> None:
    page, log = open_offline(page_path)
    page.wait_for_selector("#chart svg g.ev")
    drawn = page.eval_on_selector_all("#chart g.ev", "gs => [...new Set(gs.map(g => g.dataset.id))].length")
    assert drawn == 7
    assert page.locator("#undated li").count() == 1
    assert page.locator("#undated li").inner_text().startswith("Talks between Russia and Ukraine")
    assert page.locator("#count").inner_text() == "8 of 8 events"

    # Hover shows how the date was resolved; click fills the details panel with the evidence.
    mark = page.locator('#chart g.ev[data-id$="event/withdrawal"] text')
    mark.hover()
    assert "resolved against 2022-11-10" in page.locator("#tooltip").inner_text()
    mark.click()
    details = page.locator("#details").inner_text()
    assert "Russia announces withdrawal from Kherson" in details
    assert "Moscow announced on Wednesday that it would pull out of the city of Kherson." in details
    assert HOSTILE[0] in details  # the headline, as text
    assert page.locator("#details a").count() == 1  # the javascript: URL is not a link
    assert page.locator("#details a").get_attribute("href").startswith("https://")

    page.locator('#chart g.ev[data-id$="event/statement"] text').click()
    assert HOSTILE[2] in page.locator("#details").inner_text()
    assert HOSTILE[1] in page.locator("#details").inner_text()

    # Lanes by actor: the hostile actor's name is a lane label, as text.
    page.select_option("#lanes", "actor")
    page.wait_for_timeout(50)
    assert HOSTILE[1] in page.eval_on_selector_all(".lane-label title", "ts => ts.map(t => t.textContent)")

    # Filters and search.
    page.select_option("#lanes", "type")
    page.select_option("#type-filter", "Annexation")
    page.wait_for_timeout(50)
    assert page.locator("#chart g.ev").count() == 2
    page.select_option("#type-filter", "")
    page.fill("#min-sources", "2")
    page.wait_for_timeout(50)
    assert page.locator("#count").inner_text() == "2 of 8 events"
    page.fill("#min-sources", "0")
    page.fill("#search", "dnipro")
    page.wait_for_timeout(50)
    assert page.locator("#count").inner_text() == "1 of 8 events"
    page.fill("#search", "")

    # Wheel zooms in around the pointer; dragging pans.
    span = page.evaluate("timelineView.state.view[1] - timelineView.state.view[0]")
    box = page.locator("#chart").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + 60)
    page.mouse.wheel(0, -600)
    page.wait_for_timeout(50)
    assert page.evaluate("timelineView.state.view[1] - timelineView.state.view[0]") < span / 2
    start = page.evaluate("timelineView.state.view[0]")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + 60, steps=5)
    page.mouse.up()
    page.wait_for_timeout(50)
    assert page.evaluate("timelineView.state.view[0]") > start

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


DRAWN_LABELS = """() => {
  const label = Object.fromEntries(
    JSON.parse(document.getElementById('data').textContent).events.map(e => [e.id, e.label]));
  return [...new Set([...document.querySelectorAll('#chart g.ev')].map(g => label[g.dataset.id]))].sort();
}"""


def count_line(page) -> str:
    page.wait_for_timeout(50)  # a change redraws on the next animation frame
    return page.locator("#count").inner_text()


def drawn_labels(page) -> list[str]:
    page.wait_for_timeout(50)
    return page.evaluate(DRAWN_LABELS)


def test_timeline_filters_in_a_browser(page_path: Path, open_offline) -> None:
    page, log = open_offline(page_path)
    page.wait_for_selector("#chart svg g.ev")

    # The lists are built from the page's data: every actor and place once, with its number of events.
    actors = page.eval_on_selector_all("#actor-filter option", "os => os.map(o => o.textContent)")
    assert actors[0] == "all actors" and len(actors) == 1 + 7
    assert "Russia (5)" in actors and "Ukraine (3)" in actors
    places = page.eval_on_selector_all("#place-filter option", "os => os.map(o => o.textContent)")
    assert places == ["all places", "Crimea (1)", "Dnipro River (1)", "Kherson (3)"]
    # The hostile actor's name is an option's text, never markup.
    assert HOSTILE[1] + " (1)" in actors
    assert page.locator("#actor-filter img, header img").count() == 0

    page.select_option("#actor-filter", label="Russia (5)")
    assert count_line(page) == "5 of 8 events"
    assert page.locator("#undated li[data-id]").count() == 1  # the talks: Russia takes part
    page.select_option("#place-filter", label="Kherson (3)")
    assert count_line(page) == "2 of 8 events"
    assert drawn_labels(page) == [
        "Russia announces withdrawal from Kherson",
        "Russia claims annexation of four Ukrainian regions",
    ]
    page.select_option("#actor-filter", "")
    assert count_line(page) == "3 of 8 events"
    page.select_option("#place-filter", "")
    page.select_option("#actor-filter", label=HOSTILE[1] + " (1)")
    assert drawn_labels(page) == ["Spokesperson comments on the retreat"]
    page.select_option("#actor-filter", "")
    assert count_line(page) == "8 of 8 events"

    # A date range keeps the events whose interval overlaps it, and hides the undated ones.
    page.fill("#date-from", "2022-11-01")
    page.fill("#date-to", "2022-11-09")
    assert count_line(page) == "3 of 8 events · 1 undated event hidden by the date range"
    assert drawn_labels(page) == [
        "European Union sends winter aid to Ukraine",  # 1-10 Nov
        "Russia announces withdrawal from Kherson",  # 9 Nov
        "Russian troops cross the Dnipro River",  # 31 Oct - 6 Nov
    ]
    assert page.locator("#undated li[data-id]").count() == 0
    assert page.locator("#undated li.more").inner_text() == "1 undated event hidden by the date range"
    # The range brings its events into view.
    view = page.evaluate("timelineView.state.view.map(t => new Date(t).toISOString().slice(0, 10))")
    assert view[0] < "2022-10-31" and view[1] > "2022-11-10"
    # With the other filters (AND): Ukraine's events in that range are the aid alone; the range
    # hides the undated talks, which Ukraine takes part in, but not once the type is "Aid".
    page.select_option("#actor-filter", label="Ukraine (3)")
    assert count_line(page) == "1 of 8 events · 1 undated event hidden by the date range"
    page.select_option("#type-filter", "Aid")
    assert count_line(page) == "1 of 8 events"
    page.select_option("#type-filter", "")
    page.select_option("#actor-filter", "")
    # One bound only: from 10 November on, the aid overlaps on its last day; a year-long event
    # overlaps a range inside its year.
    page.fill("#date-to", "")
    page.fill("#date-from", "2022-11-10")
    assert count_line(page).startswith("3 of 8 events")
    assert "European Union sends winter aid to Ukraine" in drawn_labels(page)
    page.fill("#date-from", "2014-06-01")
    page.fill("#date-to", "2014-06-30")
    assert drawn_labels(page) == ["Russia annexes Crimea"]
    # Bounds the wrong way round are read the right way round.
    page.fill("#date-from", "2022-11-09")
    page.fill("#date-to", "2022-11-01")
    assert count_line(page).startswith("3 of 8 events")

    # Clearing the range restores every event, the undated one included.
    page.fill("#date-from", "")
    page.fill("#date-to", "")
    assert count_line(page) == "8 of 8 events"
    assert page.locator("#undated li[data-id]").count() == 1
    # "Clear filters" clears them all at once.
    page.select_option("#place-filter", label="Kherson (3)")
    page.fill("#date-from", "2022-11-10")
    page.fill("#search", "kherson")
    assert drawn_labels(page) == ["Ukrainian forces enter Kherson"]
    page.fill("#min-sources", "2")
    assert count_line(page) == "0 of 8 events"
    page.click("#clear-filters")
    assert count_line(page) == "8 of 8 events"
    assert page.input_value("#place-filter") == "" and page.input_value("#date-from") == ""
    assert page.input_value("#search") == "" and page.input_value("#min-sources") == "0"

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


def test_timeline_screenshot(page_path: Path, open_offline) -> None:
    page, log = open_offline(page_path, width=1400, height=720)
    page.wait_for_selector("#chart svg g.ev")
    # Zoom onto autumn 2022, where most events are, and open one event's details.
    page.evaluate("timelineView.state.view = [Date.UTC(2022, 7, 20), Date.UTC(2022, 10, 30)]")
    page.evaluate("timelineView.render()")
    page.locator('#chart g.ev[data-id$="event/troops"] text').click()
    page.mouse.move(5, 700)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "timeline.png"))
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


MARK_SHAPES = """() => {
  const precision = Object.fromEntries(
    JSON.parse(document.getElementById('data').textContent).events.map(e => [e.id, e.precision]));
  return [...document.querySelectorAll('#chart g.ev')].map(g => {
    const mark = g.querySelector('.mark');
    return [precision[g.dataset.id], mark.tagName, mark.getAttribute('stroke-dasharray')];
  });
}"""
# The centre of the element nearest the middle of the plot (the plot starts 180 px in).
NEAREST_MIDDLE = """selector => {
  const c = document.getElementById('chart').getBoundingClientRect(), mid = c.left + (c.width + 180) / 2;
  const bars = [...document.querySelectorAll(selector)].map(b => b.getBoundingClientRect());
  bars.sort((a, b) => Math.abs(a.x + a.width / 2 - mid) - Math.abs(b.x + b.width / 2 - mid));
  return [bars[0].x + bars[0].width / 2, bars[0].y + bars[0].height / 2];
}"""
RENDER_TIMES = """() => { const out = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now(); timelineView.render(); out.push(performance.now() - t);
  }
  return out; }"""


def test_timeline_with_5000_events(make_synthetic_graph, open_offline, tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    assert write_timeline(make_synthetic_graph(5000, 300, 150), path) == 5000
    page, log = open_offline(path)
    page.wait_for_selector("#chart svg")
    first = page.evaluate("({bins: timelineView.bins, ms: timelineView.lastRenderMs})")
    # Three years of 5,000 events crowd every lane: they are drawn as bins of counts.
    assert first["bins"] > 0 and page.locator("#chart g.bin").count() == first["bins"]
    counts = page.eval_on_selector_all("#chart g.bin", "gs => gs.map(g => +g.dataset.count)")
    assert page.locator("#count").inner_text() == "5000 of 5000 events"
    undated = page.locator("#undated-count").inner_text()
    assert sum(counts) == 5000 - int(undated.strip("()"))
    # Hovering a bin lists some of its events.
    page.mouse.move(*page.evaluate(NEAREST_MIDDLE, "#chart g.bin .bar"))
    assert page.locator("#tooltip").inner_text().endswith("Click to zoom in.")
    times = page.evaluate(RENDER_TIMES)
    again = [round(t, 1) for t in times]
    print(f"\n5,000 events, whole span: first render {first['ms']:.1f} ms, again {again} ms")

    # Clicking a bin zooms into it, until its events are marks: a point for a day, a bar for a range.
    for _ in range(8):
        if page.evaluate("timelineView.drawn") > 0:
            break
        page.mouse.click(*page.evaluate(NEAREST_MIDDLE, "#chart g.bin .bar"))
    assert page.evaluate("timelineView.drawn") > 0
    shapes = page.evaluate(MARK_SHAPES)
    assert shapes and all((tag == "circle") == (precision == "day") for precision, tag, _ in shapes)
    assert all((dash is not None) == (precision == "approximate") for precision, _, dash in shapes)
    times = page.evaluate(RENDER_TIMES)
    print(f"zoomed to {page.evaluate('timelineView.drawn')} marks: {[round(t, 1) for t in times]} ms")
    page.mouse.click(*page.evaluate(NEAREST_MIDDLE, "#chart g.ev .mark"))
    labels = page.evaluate("JSON.parse(document.getElementById('data').textContent).events.map(e => e.label)")
    assert page.locator("#details h2").inner_text() in labels

    # 300 actors: the biggest lanes each get their own, the rest share one.
    page.select_option("#lanes", "actor")
    page.evaluate("timelineView.fit()")
    assert page.locator(".lane-label").count() == 40
    assert "other actors" in page.locator(".lane-label").last.text_content()
    assert page.evaluate("timelineView.drawn + timelineView.bins") > 0
    print(f"lanes by actor: {page.evaluate('timelineView.lastRenderMs'):.1f} ms")
    # The undated list stops at 200 and says how many more there are.
    assert page.locator("#undated li[data-id]").count() == 200
    more = int(undated.strip("()")) - 200
    assert page.locator("#undated li.more").inner_text().startswith(f"… and {more} more")

    # The filters at scale: a list of every actor and place, and one actor in one year, counted
    # here from the page's data by comparing ISO dates.
    assert page.locator("#actor-filter option").count() == 1 + 300
    assert page.locator("#place-filter option").count() == 1 + 150
    actor = "https://w3id.org/evkg/id/actor/a7"
    expected = page.evaluate(SCALE_FILTER, actor)
    page.select_option("#actor-filter", actor)
    page.fill("#date-from", "2021-01-01")
    page.fill("#date-to", "2021-12-31")
    page.wait_for_timeout(50)
    assert expected["shown"] > 0 and expected["undated"] > 0
    shown, undated = expected["shown"], expected["undated"]
    note = f"{undated} undated event{'' if undated == 1 else 's'} hidden by the date range"
    assert page.locator("#count").inner_text() == f"{shown} of 5000 events · {note}"
    print(f"one actor in 2021: {page.evaluate('timelineView.render().lastRenderMs'):.1f} ms")
    assert log.requests == [] and log.console_errors == [] and log.page_errors == []


SCALE_FILTER = """actor => {
  const events = JSON.parse(document.getElementById('data').textContent).events
    .filter(e => e.actors.some(a => a.id === actor));
  return {shown: events.filter(e => e.begin && e.begin <= '2021-12-31' && e.end >= '2021-01-01').length,
          undated: events.filter(e => !e.begin).length};
}"""
