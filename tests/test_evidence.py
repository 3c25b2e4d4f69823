"""Evidence for one event, read back from the seeds' built graph, and the `evkg evidence` command."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from graph.errors import QueryError
from graph.evidence import AmbiguousEventError, event_evidence, find_event, format_evidence
from graph.pipeline import Components, build
from graph.query import load_graph

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
#: The seeds' central event: Russia announcing, on Wednesday 9 November 2022, its withdrawal
#: (part of its label; who else spoke at it, and so the full label, follows the merge rules).
ANNOUNCEMENT = "about withdrawal (Kherson and Dnieper)"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("evidence")
    build([SEEDS], out, components=Components.load())
    return out


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built)


@pytest.fixture(scope="module")
def announcement(graph):
    return event_evidence(graph, ANNOUNCEMENT.lower())


def test_the_withdrawal_announcement_has_five_sources(announcement):
    assert announcement.event_type == "announcement"
    assert announcement.label.startswith("Announcement by Russia") and "withdrawal" in announcement.label
    assert sorted(s.identifier for s in announcement.sources) == sorted(p.name for p in SEEDS.glob("*.txt"))
    dates = [(s.published, s.identifier) for s in announcement.sources]
    assert dates == sorted(dates), "sources are listed oldest first"
    for source in announcement.sources:
        assert source.published is not None and source.sentences
    assert {s.headline for s in announcement.sources} >= {
        "US says Russia accumulates more than 100,000 casualties in Ukraine"
    }
    assert "Globe Live Media" in {s.outlet for s in announcement.sources}


def test_its_date_says_how_it_was_resolved(announcement):
    d = announcement.date
    assert (d.begin, d.end, d.precision) == (dt.date(2022, 11, 9), dt.date(2022, 11, 9), "Day")
    assert d.expression == "Wednesday" and d.basis == "RelativeDate"
    # The anchor is a publication date, and the Wednesday is the last one before it.
    assert d.anchor is not None and 0 < (d.anchor - d.begin).days < 7 and d.begin.weekday() == 2


def test_sentences_are_the_article_text_at_their_offsets(announcement):
    texts = {}
    from graph.read import read_articles

    for article in read_articles([SEEDS])[0]:
        texts[article.id] = article.text
    for source in announcement.sources:
        for s in source.sentences:
            assert texts[source.identifier][s.begin : s.end] == s.text
            assert s.trigger is None or s.trigger in s.text


def test_actors_by_role_and_places(announcement):
    agents = {p.name for p in announcement.actors if p.role == "agent"}
    assert "Russia" in agents
    assert {p.name for p in announcement.places if p.role == "place"} >= {"Kherson"}
    assert all(
        p.iri.startswith("https://w3id.org/evkg/id/") for p in (*announcement.actors, *announcement.places)
    )


def test_figures_name_who_gave_them(graph):
    # Russia's casualties, as the United States and Milley put them.
    ev = event_evidence(graph, "casualties of russia in ukraine")
    by_us = [f for f in ev.figures if f.given_by == "United States"]
    assert by_us, ev.figures
    figure = by_us[0]
    assert figure.unit == "casualties" and figure.value == 100000.0
    assert figure.source and figure.sentence


def test_an_iri_an_id_and_an_exact_label_each_name_one_event(graph, announcement):
    assert str(find_event(graph, announcement.iri)) == announcement.iri
    assert str(find_event(graph, announcement.iri.rsplit("/", 1)[-1])) == announcement.iri
    assert str(find_event(graph, announcement.label.upper())) == announcement.iri


def test_ambiguous_and_unknown_events(graph):
    # Several labels contain "withdrawal by" and none is exactly that.
    with pytest.raises(AmbiguousEventError) as info:
        find_event(graph, "withdrawal by")
    labels = [label for _, label in info.value.candidates]
    assert len(labels) > 1 and labels == sorted(labels)
    assert all("withdrawal by" in label.lower() for label in labels)
    with pytest.raises(QueryError, match="no event"):
        find_event(graph, "a coronation in Paris")


def test_format_shows_date_basis_sources_and_offsets(announcement):
    text = format_evidence(announcement)
    assert "2022-11-09 (day), from “Wednesday” resolved against" in text
    assert "sources:    5" in text
    first = announcement.sources[0].sentences[0]
    assert f"[{first.begin}:{first.end}]" in text


def evkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_cli_prints_the_evidence(built):
    proc = evkg("evidence", ANNOUNCEMENT, "--graph", str(built))
    assert proc.returncode == 0, proc.stderr
    assert "Wednesday" in proc.stdout and "000_4ca2b323ac4ae7b1.txt" in proc.stdout


def test_cli_lists_candidates_and_exits_2_when_ambiguous(built):
    proc = evkg("evidence", "withdrawal by", "--graph", str(built))
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("error:") and "events match" in lines[0]
    assert all(line.strip().startswith("https://w3id.org/evkg/id/event/") for line in lines[1:])
    assert "Traceback" not in proc.stderr
