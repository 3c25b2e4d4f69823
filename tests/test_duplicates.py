"""Near-duplicate articles: shingles and Jaccard alone, the finder on real seeds, and in a build."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph

from graph.duplicates import Copy, DuplicateFinder, copies_of, jaccard, shingles
from graph.namespace import PREFIXES
from graph.pipeline import Components, add, build
from graph.read import read_articles
from graph.records import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return read_articles([SEEDS])[0]


def lightly_edited(text: str) -> str:
    """A syndicated copy: a new first line (headline) and a handful of words changed."""
    lines = text.split("\n")
    lines[0] = "EXCLUSIVE: " + lines[0].upper() + " (wire copy)"
    text = "\n".join(lines)
    for old, new, count in (("Russia", "Moscow", 2), ("said", "stated", 2), ("the", "a", 2)):
        text = re.sub(rf"\b{old}\b", new, text, count=count)
    return text + "\n\nReporting by a wire service; editing by a desk editor."


# -- the pure functions ------------------------------------------------------------------------


def test_shingles_ignore_case_punctuation_and_spacing():
    assert shingles("Russia withdrew from Kherson, officials said.") == shingles(
        "russia  WITHDREW from\nkherson officials said"
    )
    assert len(shingles("one two three four five six")) == 2
    assert len(shingles("too short")) == 1 and shingles("") == frozenset()


@given(st.text(max_size=200), st.text(max_size=200))
def test_jaccard_is_a_symmetric_similarity(a, b):
    sa, sb = shingles(a), shingles(b)
    assert 0.0 <= jaccard(sa, sb) == jaccard(sb, sa) <= 1.0
    if sa:
        assert jaccard(sa, sa) == 1.0


def test_copies_point_to_the_oldest_then_the_smallest_id():
    day = dt.date(2022, 11, 10)
    arts = {
        "b": Article("b", "x", published=day),
        "a": Article("a", "x", published=day + dt.timedelta(days=1)),
        "c": Article("c", "x", published=day),
        "d": Article("d", "x"),
    }
    found = copies_of(arts, [("a", "b", 0.9), ("b", "c", 0.85), ("c", "d", 1.0)])
    assert found == [Copy("a", "b", 0.9), Copy("c", "b", 1.0), Copy("d", "b", 1.0)]


def test_short_identical_texts_are_not_copies():
    line = "Russia withdrew its troops from Kherson on Wednesday, the defence ministry said."
    assert DuplicateFinder()([Article("a", line), Article("b", line)]) == []


def test_threshold_must_be_a_similarity():
    with pytest.raises(ValueError, match="allowed"):
        DuplicateFinder(threshold=1.5)


# -- real articles -----------------------------------------------------------------------------


def test_a_lightly_edited_seed_is_found_as_a_copy(seeds):
    original = seeds[0]
    copy = replace(
        original, id="zz_wire_copy.txt", title="A different headline", text=lightly_edited(original.text)
    )
    assert copy.text != original.text
    score = jaccard(shingles(original.text), shingles(copy.text))
    assert 0.8 <= score < 1.0
    found = DuplicateFinder()([*seeds, copy])
    assert found == [Copy("zz_wire_copy.txt", original.id, round(score, 6))]


def test_different_seeds_are_not_copies(seeds):
    assert DuplicateFinder()(seeds) == []
    for a in seeds:
        for b in seeds:
            if a.id < b.id:
                assert jaccard(shingles(a.text), shingles(b.text)) < 0.2, (a.id, b.id)


def test_the_finder_is_deterministic(seeds):
    copies = [replace(a, id=f"copy-{a.id}", text=lightly_edited(a.text)) for a in seeds]
    assert DuplicateFinder()([*seeds, *copies]) == DuplicateFinder()([*reversed(copies), *seeds])
    assert len(DuplicateFinder()([*seeds, *copies])) == len(seeds)


# -- in a build --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


def dated_copy(seed: str, to: Path, day: str = "2022-11-10") -> Path:
    """A seed as a lone file, its publication date in its first line (no sidecar beside it)."""
    to.write_text(f"date {day}\n\n" + (SEEDS / seed).read_text(encoding="utf-8"), encoding="utf-8")
    return to


def events_and_sources(g: Graph) -> set[tuple[str, str]]:
    q = "SELECT ?e ?id WHERE { ?e a sem:Event ; prov:wasDerivedFrom ?a . ?a schema:identifier ?id }"
    return {(str(r.e), str(r.id)) for r in g.query(q, initNs=PREFIXES)}


def test_a_copy_is_linked_and_is_no_extra_source(tmp_path, components):
    src = tmp_path / "in"
    src.mkdir()
    dated_copy("000_4ca2b323ac4ae7b1.txt", src / "a.txt")
    dated_copy("002_50c87572e0a01fce.txt", src / "b.txt")
    build([src], tmp_path / "alone", components=components)
    text = (SEEDS / "000_4ca2b323ac4ae7b1.txt").read_text(encoding="utf-8")
    (src / "z.txt").write_text("date 2022-11-11\n\n" + lightly_edited(text), encoding="utf-8")
    result = build([src], tmp_path / "with-copy", components=components)
    assert result.articles == 3 and result.copies == (("z.txt", "a.txt"),)
    alone = Graph().parse(tmp_path / "alone" / "graph.ttl")
    with_copy = Graph().parse(tmp_path / "with-copy" / "graph.ttl")
    # Same events from the same sources: the copy adds only itself and its link.
    assert events_and_sources(with_copy) == events_and_sources(alone)
    links = {
        (str(r.c), str(r.o))
        for r in with_copy.query(
            "SELECT ?c ?o WHERE { ?x schema:isBasedOn ?y . "
            "?x schema:identifier ?c . ?y schema:identifier ?o }",
            initNs=PREFIXES,
        )
    }
    assert links == {("z.txt", "a.txt")}


def test_a_copy_added_later_is_linked_to_the_cached_original(tmp_path, components):
    src = tmp_path / "in"
    src.mkdir()
    dated_copy("001_dd533adb177d522f.txt", src / "a.txt")
    out = tmp_path / "out"
    build([src / "a.txt"], out, components=components)
    before = events_and_sources(Graph().parse(out / "graph.ttl"))
    copy = tmp_path / "copy.txt"
    text = (SEEDS / "001_dd533adb177d522f.txt").read_text(encoding="utf-8")
    copy.write_text("date 2022-11-12\n\n" + lightly_edited(text), encoding="utf-8")
    result = add([copy], out, components=components)
    assert result.copies == (("copy.txt", "a.txt"),) and result.extracted == ("copy.txt",)
    assert events_and_sources(Graph().parse(out / "graph.ttl")) == before


def test_copies_can_be_kept_as_sources(tmp_path, components):
    src = tmp_path / "in"
    src.mkdir()
    dated_copy("000_4ca2b323ac4ae7b1.txt", src / "a.txt")
    text = (SEEDS / "000_4ca2b323ac4ae7b1.txt").read_text(encoding="utf-8")
    (src / "z.txt").write_text("date 2022-11-11\n\n" + lightly_edited(text), encoding="utf-8")
    result = build([src], tmp_path / "out", components=replace(components, duplicates=None))
    assert result.copies == ()
    sources = {s for _, s in events_and_sources(Graph().parse(tmp_path / "out" / "graph.ttl"))}
    assert sources == {"a.txt", "z.txt"}
