"""Incremental builds on the real pipeline: build some seeds, add the rest, get the same graph."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.cache import CACHE_DIR, MANIFEST, BuildCache, CacheError, from_jsonable, to_jsonable
from graph.pipeline import OUTPUTS, Components, add, build, extract_articles, read
from graph.records import DateSpan, Evidence, Factuality, Figure, Mention, Precision
from graph.store import STORE

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


@pytest.fixture(scope="module")
def whole(tmp_path_factory, components) -> Path:
    """All five seeds built at once."""
    out = tmp_path_factory.mktemp("whole")
    build(SEEDS, out, components=components)
    return out


@pytest.fixture(scope="module")
def first_three(tmp_path_factory, components) -> Path:
    out = tmp_path_factory.mktemp("first-three")
    build(SEEDS[:3], out, components=components)
    return out


@pytest.fixture
def partial(tmp_path, first_three) -> Path:
    """A copy of the build of the first three seeds, for the test to add to."""
    out = tmp_path / "partial"
    shutil.copytree(first_three, out)
    return out


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output and every cache file, by path relative to ``out``."""
    # The query store is a database whose files change when it is opened; its own atomic
    # swap is tested in tests/test_store.py.
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not is_store(p.relative_to(out))
    }


def is_store(relative: Path) -> bool:
    return relative.parts[0] == STORE or relative.parts[0].startswith(".store-")


def test_build_then_add_is_the_whole_build(whole, partial, components):
    result = add(SEEDS[3:], partial, components=components)
    assert result.articles == 5
    assert result.extracted == tuple(p.name for p in SEEDS[3:])
    assert result.unchanged == () and result.replaced == ()
    assert (partial / "graph.ttl").read_bytes() == (whole / "graph.ttl").read_bytes()
    g_whole = Graph().parse(whole / "graph.ttl", format="turtle")
    g_added = Graph().parse(partial / "graph.ttl", format="turtle")
    assert isomorphic(g_whole, g_added)
    # The cache now holds the same articles a whole build caches, in the same order.
    manifest = json.loads((partial / CACHE_DIR / MANIFEST).read_text())
    assert [e["id"] for e in manifest["articles"]] == [p.name for p in SEEDS]
    assert len(list((partial / CACHE_DIR / "articles").glob("*.json"))) == 5


def test_adding_an_article_already_there_changes_nothing(whole, tmp_path, components):
    out = tmp_path / "out"
    shutil.copytree(whole, out)
    before = snapshot(out)
    result = add([SEEDS[1]], out, components=components)
    assert result.extracted == () and result.unchanged == (SEEDS[1].name,)
    assert snapshot(out) == before


def test_the_same_file_given_twice_counts_once(partial, components):
    result = add([SEEDS[3], SEEDS[3], str(SEEDS[3])], partial, components=components)
    assert result.articles == 4
    assert result.extracted == (SEEDS[3].name,)


def test_changed_article_replaces_the_cached_one(tmp_path, components):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS[0], src / "a.txt")
    shutil.copy(SEEDS[1], src / "b.txt")
    out = tmp_path / "out"
    build([src], out, components=components)
    (src / "a.txt").write_text(
        "date 2022-11-10\n\nUkraine shelled Donetsk on Tuesday, the governor said.\n", encoding="utf-8"
    )
    result = add([src / "a.txt"], out, components=components)
    assert result.replaced == ("a.txt",) and result.extracted == () and result.articles == 2
    fresh = tmp_path / "fresh"
    build([src / "b.txt", src / "a.txt"], fresh, components=components)
    assert (out / "graph.ttl").read_bytes() == (fresh / "graph.ttl").read_bytes()
    # The old version's cache file is gone; only the two current ones remain.
    assert len(list((out / CACHE_DIR / "articles").glob("*.json"))) == 2


def test_interrupted_add_leaves_outputs_and_cache_intact(partial, components, monkeypatch):
    before = snapshot(partial)
    import graph.export.views as views

    def boom(*args, **kwargs):
        yield "<!DOCTYPE html>"  # half a page is written, then this fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(views, "network_pieces", boom)  # after the timeline page
    with pytest.raises(RuntimeError, match="disk full"):
        add(SEEDS[3:], partial, components=components)
    assert snapshot(partial) == before
    names = sorted(p.name for p in partial.iterdir() if not is_store(Path(p.name)))
    assert names == sorted([*OUTPUTS, CACHE_DIR])


def test_cache_holds_what_extraction_made(partial, components):
    articles, _ = read(SEEDS[:3])
    assert BuildCache(partial, components.fingerprint()).load() == extract_articles(articles, components)


def test_cache_from_another_pipeline_is_refused(partial, components):
    path = partial / CACHE_DIR / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["pipeline"] = "0000000000000000"
    path.write_text(json.dumps(manifest))
    with pytest.raises(CacheError, match="another version of the pipeline"):
        add(SEEDS[3:], partial, components=components)


def test_corrupt_cached_article_is_refused(partial, components):
    victim = sorted((partial / CACHE_DIR / "articles").glob("*.json"))[0]
    victim.write_text("{ not json")
    with pytest.raises(CacheError, match="unreadable.*run `evkg build"):
        BuildCache(partial, components.fingerprint()).load()


def test_cached_article_a_power_cut_left_empty_is_refused(partial, components):
    # Cache article files are written without an fsync each (graph.cache.BuildCache.stage):
    # what a power cut can leave, a name on an empty file, must be refused, not read as nothing.
    victim = sorted((partial / CACHE_DIR / "articles").glob("*.json"))[-1]
    victim.write_bytes(b"")
    with pytest.raises(CacheError, match="unreadable.*run `evkg build"):
        BuildCache(partial, components.fingerprint()).load()


def test_add_without_a_build_fails_with_one_line_and_status_2(tmp_path):
    (tmp_path / "out").mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "graph", "add", str(SEEDS[0]), "--out", str(tmp_path / "out"), "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "evkg build" in lines[0], proc.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


# -- the JSON form of records ----------------------------------------------------------------

_text = st.text(max_size=20)
_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
_evidence = st.builds(Evidence, _text, st.integers(0, 10**6), st.integers(0, 10**6), _text)
_spans = st.builds(DateSpan, _dates, _dates, st.sampled_from(Precision), _text, st.none() | _dates)
_floats = st.floats(allow_nan=False, allow_infinity=False)
_figures = st.builds(
    Figure,
    _floats,
    _text,
    _text,
    low=st.none() | _floats,
    high=st.none() | _floats,
    given_by=st.none() | _text,
    evidence=st.none() | _evidence,
)
_keys = st.lists(_text, max_size=3).map(tuple)
_mentions = st.builds(
    Mention,
    _text,
    _text,
    _text,
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    _evidence,
    agents=_keys,
    places=_keys,
    date=st.none() | _spans,
    factuality=st.sampled_from(Factuality),
    according_to=st.none() | _text,
    figures=st.lists(_figures, max_size=2).map(tuple),
)


@given(_mentions)
def test_records_survive_json(mention):
    assert from_jsonable(Mention, json.loads(json.dumps(to_jsonable(mention)))) == mention


def test_json_that_does_not_fit_the_record_is_refused():
    with pytest.raises(ValueError, match="no field"):
        from_jsonable(Evidence, {"article_id": "a", "start": 0, "end": 1, "sentence": "x", "extra": 1})
    with pytest.raises(ValueError, match="expected int"):
        from_jsonable(Evidence, {"article_id": "a", "start": "0", "end": 1, "sentence": "x"})


def test_a_cache_encoded_staged_and_committed_is_the_one_save_writes(tmp_path, components):
    """What a build does (encode the records after merging, write them while the store loads,
    the manifest last) gives the files ``save`` gives; an article already cached is not
    encoded again."""
    articles, _ = read(SEEDS[:2])
    records = extract_articles(articles, components)
    saved, staged = BuildCache(tmp_path / "saved", "p"), BuildCache(tmp_path / "staged", "p")
    saved.save(records)
    encoded = staged.encode(records)
    assert all(r.data is not None for r in encoded)
    staged.stage(encoded)
    staged.commit()

    def files(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.json")}

    assert files(tmp_path / "saved") == files(tmp_path / "staged")
    assert [r.data for r in staged.encode(records)] == [None, None]
    assert [x.article.id for x in BuildCache(tmp_path / "staged", "p").load()] == [a.id for a in articles]


@given(st.lists(st.one_of(st.none(), st.binary(max_size=64)), max_size=20))
def test_spooled_records_give_back_what_they_were_given(datas):
    import tempfile

    from graph.cache import CacheRecord, SpooledRecords

    records = [CacheRecord(f"a{i}", f"h{i}", d) for i, d in enumerate(datas)]
    with tempfile.TemporaryDirectory() as folder:
        spool = SpooledRecords(Path(folder))
        for r in records[: len(records) // 2]:
            spool.append(r)
        assert list(spool) == records[: len(records) // 2]
        for r in records[len(records) // 2 :]:  # appending after a read goes on at the end
            spool.append(r)
        assert len(spool) == len(records) and list(spool) == records and list(spool) == records
        assert list(Path(folder).iterdir()) == []  # unnamed: nothing to clean up after a kill
        spool.close()
