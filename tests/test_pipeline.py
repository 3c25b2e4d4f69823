"""The whole build on real files: outputs, bad input, determinism, SHACL, atomic writes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Dataset, Graph

from graph.cache import CACHE_DIR
from graph.lexicon import ontology_dir
from graph.namespace import PREFIXES
from graph.pipeline import OUTPUTS, Components, build
from graph.store import STORE, EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOOD = "Russia withdrew its troops from Kherson on Wednesday, the defence ministry said.\n"


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory, components) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    build([SEEDS], out, components=components)
    return out


def test_writes_every_output(seeds_out):
    for name in OUTPUTS:
        assert (seeds_out / name).stat().st_size > 0
    hidden = [
        p
        for p in seeds_out.iterdir()
        if p.name.startswith(".") and p.name != CACHE_DIR and not p.name.startswith(".store-")
    ]
    assert not hidden, "temporary files left behind"


def test_trig_has_one_named_graph_per_article_plus_the_merged_graph(seeds_out):
    ds = Dataset()
    ds.parse(seeds_out / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert "https://w3id.org/evkg/id/graph/merged" in names
    per_article = [n for n in names if n.startswith("https://w3id.org/evkg/id/graph/0")]
    assert len(per_article) == 5
    merged = Graph()
    merged.parse(seeds_out / "graph.ttl", format="turtle")
    # Each article's graph holds only what that article says: its own mentions.
    for name in per_article:
        g = ds.graph(name)
        articles = set(g.query("SELECT DISTINCT ?a WHERE { ?m evkg:inArticle ?a }", initNs=PREFIXES))
        assert len(articles) == 1


def test_graph_conforms_to_the_shapes(seeds_out):
    g = Graph()
    g.parse(seeds_out / "graph.ttl", format="turtle")
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    ontology = Graph().parse(ontology_dir() / "evkg.ttl", format="turtle")
    conforms, _, report = validate(g, shacl_graph=shapes, ont_graph=ontology)
    assert conforms, report


def test_same_input_same_bytes(seeds_out, tmp_path, components):
    again = tmp_path / "again"
    build([SEEDS], again, components=components)
    for name in OUTPUTS:
        assert (again / name).read_bytes() == (seeds_out / name).read_bytes(), name


def test_bad_inputs_are_skipped_with_a_message_and_the_rest_is_built(tmp_path, components):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("date 2022-11-10\n\n" + GOOD)
    (src / "empty.txt").write_text("")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (src / "latin1.txt").write_bytes("Caf\xe9 in Kherson was shelled.".encode("latin-1"))
    (src / "articles.json").write_text("{ not json")
    result = build([src], tmp_path / "out", components=components)
    skipped = {Path(p.source).name for p in result.skipped}
    assert {"empty.txt", "binary.txt", "latin1.txt", "articles.json"} <= skipped
    for p in result.skipped:
        assert "\n" not in p.message and p.message
    assert result.articles == 1 and result.events >= 1


def test_article_without_date_keeps_explicit_dates_and_leaves_relative_ones(tmp_path, components):
    src = tmp_path / "in"
    src.mkdir()
    (src / "nodate.txt").write_text(
        "Russia withdrew from Kherson on Wednesday.\n\nRussia annexed Crimea in 2014, officials said.\n"
    )
    result = build([src], tmp_path / "out", components=components)
    warnings = [p for p in result.problems if not p.skipped]
    assert any("nodate.txt" in p.source for p in warnings)
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    dated = {
        (str(r.t).rsplit("/", 1)[-1], str(r.b))
        for r in g.query(
            "SELECT ?t ?b WHERE { ?e sem:eventType ?t ; sem:hasBeginTimeStamp ?b }", initNs=PREFIXES
        )
    }
    assert ("Annexation", "2014-01-01") in dated
    assert not [t for t, _ in dated if t == "Withdrawal"]
    withdrawals = list(g.query("SELECT ?e WHERE { ?e sem:eventType evt:Withdrawal }", initNs=PREFIXES))
    assert withdrawals, "the undated event is still in the graph"


def test_interrupted_build_leaves_previous_output_intact(tmp_path, components, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2022-11-10\n\n" + GOOD)
    out = tmp_path / "out"
    build([src], out, components=components)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}

    import graph.export.views as views

    def boom(*args, **kwargs):
        yield "<!DOCTYPE html>"  # half a page is written, then this fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(views, "network_pieces", boom)  # after the timeline page
    shutil.copy(SEEDS / "000_4ca2b323ac4ae7b1.txt", src / "b.txt")
    with pytest.raises(RuntimeError):
        build([src], out, components=components)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    names = [p.name for p in out.iterdir() if p.name != STORE and not p.name.startswith(".store-")]
    assert sorted(names) == sorted([*OUTPUTS, CACHE_DIR])


def test_killed_build_leaves_previous_output_intact_and_a_rerun_completes(tmp_path, components):
    """A build process killed (SIGKILL: nothing of it runs again) while it writes its pages."""
    out = tmp_path / "out"
    build([SEEDS / "000_4ca2b323ac4ae7b1.txt"], out, components=components)
    kept = [*OUTPUTS, f"{CACHE_DIR}/manifest.json"]
    before = {name: (out / name).read_bytes() for name in kept}
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    many = tmp_path / "many.jsonl"
    # The pages of a small build take milliseconds: a loaded machine may poll too late, so a
    # missed kill is tried again on a larger input (the outputs must be untouched either way).
    for count in (30, 90, 270):
        records = [{"id": f"a{i}", "dct": "2022-11-10", "text": texts[i % len(texts)]} for i in range(count)]
        many.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        if _killed_while_writing_pages(many, out, tmp_path / "stderr.txt"):
            break
        build([SEEDS / "000_4ca2b323ac4ae7b1.txt"], out, components=components)
        before = {name: (out / name).read_bytes() for name in kept}
    else:
        pytest.fail("no build was caught writing its pages")
    assert {name: (out / name).read_bytes() for name in kept} == before
    assert len(EmbeddedStore(out).query("SELECT ?a WHERE { ?a a schema:NewsArticle }")) == 1
    result = build([many], out, components=components)
    assert result.articles == count
    assert len(EmbeddedStore(out).query("SELECT ?a WHERE { ?a a schema:NewsArticle }")) == count
    assert not [*out.glob(".build-*"), *out.glob(".*.new")], "the killed build's files are left"


def _killed_while_writing_pages(corpus: Path, out: Path, log: Path) -> bool:
    """Run ``evkg build corpus --out out`` in a process and SIGKILL it once its timeline page is
    in the build's temporary folder (RDF written, pages under way); False when it finished first."""
    command = [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--quiet"]
    with open(log, "wb") as stderr:
        proc = subprocess.Popen(command, cwd=ROOT, stderr=stderr)
    try:
        deadline = time.monotonic() + 600
        while not any(out.glob(".build-*/timeline.html")):
            if proc.poll() is not None:
                return False
            assert time.monotonic() < deadline, "the build never reached its pages"
            time.sleep(0.002)
        proc.kill()
        return True
    finally:
        proc.kill()
        proc.wait()


def test_jsonl_corpus_input(tmp_path, components):
    lines = [
        {"id": "one", "dct": "2022-11-10", "title": "T1", "text": GOOD},
        {"doc_id": "two", "published": "2022-11-10T08:00:00", "text": "Ukraine shelled Donetsk on Tuesday."},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = build([path], tmp_path / "out", components=components)
    assert result.articles == 2
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    ids = {str(r.i) for r in g.query("SELECT ?i WHERE { ?a schema:identifier ?i }", initNs=PREFIXES)}
    assert ids == {"one", "two"}


def test_trig_and_ttl_hold_the_same_merged_graph(seeds_out):
    from rdflib.compare import isomorphic

    ds = Dataset()
    ds.parse(seeds_out / "graph.trig", format="trig")
    merged = Graph()
    for triple in ds.graph("https://w3id.org/evkg/id/graph/merged"):
        merged.add(triple)
    ttl = Graph().parse(seeds_out / "graph.ttl", format="turtle")
    assert isomorphic(merged, ttl)


def test_loaded_components_are_out_of_the_collectors_reach(components):
    import gc

    # The gazetteer's index and the model live as long as the process: a full collection
    # must not walk them again (graph.components.Components.load freezes them).
    assert components.gazetteer is not None
    assert gc.get_freeze_count() > 100_000
