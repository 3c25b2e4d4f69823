"""The stores on a real seed build: embedded Oxigraph against rdflib, time limits, the atomic
rebuild, and a remote store that is a real Oxigraph server started here."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from graph.errors import OutputError, QueryError
from graph.queries import load_query, named_queries
from graph.query import format_result, load_graph, query_store
from graph.store import (
    STORE,
    EmbeddedStore,
    MemoryStore,
    QueryResult,
    build_store,
    call_with_timeout,
    store_is_current,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
# Every row of a SELECT times this; the engines never finish it, so only a time limit ends it.
ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("store") / "out"
    build([SEEDS], out)
    return out


@pytest.fixture(scope="module")
def embedded(built) -> EmbeddedStore:
    return EmbeddedStore(built)


@pytest.fixture(scope="module")
def memory(built) -> MemoryStore:
    return MemoryStore(load_graph(built))


def comparable(result: QueryResult) -> list[tuple]:
    """Rows as sorted tuples of values: engines may write ``34`` or ``34.0`` for one decimal,
    order GROUP_CONCAT parts and tied rows as they like."""

    def value(cell):
        if cell is None:
            return None
        python = cell.toPython() if hasattr(cell, "toPython") else cell
        if isinstance(python, float | int | Decimal) and not isinstance(python, bool):
            return Decimal(str(python)).normalize()
        return "; ".join(sorted(str(cell).split("; ")))

    return sorted((tuple(value(c) for c in row) for row in result.rows), key=repr)


def test_embedded_store_answers_every_named_query_as_rdflib_does(embedded, memory):
    for name, query in named_queries().items():
        fast, slow = embedded.query(query.text), memory.query(query.text)
        assert fast.vars == slow.vars, name
        assert comparable(fast) == comparable(slow), name


def test_timeline_is_in_date_order(embedded):
    result = embedded.query(load_query("timeline").text)
    dates = [str(row[1]) for row in result if row[1] is not None]
    assert len(dates) > 10 and dates == sorted(dates)
    assert all(row[1] is None for row in result.rows[len(dates) :])


@pytest.mark.parametrize("store_name", ["embedded", "memory"])
def test_the_pages_of_the_timeline_are_the_whole_timeline(store_name, request):
    store = request.getfixturevalue(store_name)
    whole = store.query(load_query("timeline").text)
    paged = load_query("timeline-page")
    size = 20
    count = -(-len(whole) // size)
    pages = [store.query(paged.page(n, size).text) for n in range(1, count + 2)]
    assert pages[0].vars == whole.vars and len(whole) > 3 * size
    assert [row for p in pages for row in p.rows] == list(whole.rows)
    assert [len(p) for p in pages[:-2]] == [size] * (count - 1) and 0 < len(pages[-2]) <= size
    assert len(pages[-1]) == 0  # past the end: an empty answer
    assert len(store.query(paged.page(1000, size).text)) == 0


def test_a_bound_timeline_pages_through_its_own_events(embedded):
    from graph.query import resolve_names

    timeline, paged = load_query("timeline"), load_query("timeline-page")
    for bindings in ({"actor": "Russia"}, {"place": "Kherson"}, {"type": "Withdrawal"}):
        resolved = resolve_names(embedded, timeline, bindings)
        whole = embedded.query(timeline.bind(resolved))
        pages = [embedded.query(paged.page(n, 4).bind(resolved)) for n in range(1, len(whole) // 4 + 2)]
        assert len(whole) > 4 and [row for p in pages for row in p.rows] == list(whole.rows), bindings


def test_default_graph_is_the_merged_graph_and_article_graphs_are_named(built, embedded):
    merged = load_graph(built)
    count = embedded.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count.rows[0][0]) == len(merged)
    graphs = embedded.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    names = {str(row[0]) for row in graphs}
    assert "https://w3id.org/evkg/id/graph/merged" in names and len(names) == 6


def test_ask_construct_and_formatting(embedded):
    assert embedded.query("ASK { ?e a sem:Event }").boolean is True
    triples = embedded.query("CONSTRUCT WHERE { ?e a sem:Event } LIMIT 2")
    assert triples.vars == ("subject", "predicate", "object") and len(triples) == 2
    table = format_result(embedded.query("SELECT ?e WHERE { ?e a sem:Event } LIMIT 3"))
    assert table.endswith("(3 rows)")


@pytest.mark.parametrize("store_name", ["embedded", "memory"])
def test_syntax_error_names_line_and_column(store_name, request):
    store = request.getfixturevalue(store_name)
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        store.query("SELECT ?x\nWHERE { ?x ?y }")


@pytest.mark.parametrize("store_name", ["embedded", "memory"])
def test_time_limit_stops_a_query(store_name, request):
    store = request.getfixturevalue(store_name)
    start = time.perf_counter()
    with pytest.raises(QueryError, match=r"timed out after 0.3 s"):
        store.query(ENDLESS, timeout=0.3)
    assert time.perf_counter() - start < 2


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the drop is the premise
def test_a_query_thread_that_drops_its_stop_in_a_finaliser_is_told_again_until_it_stops():
    # Python prints and drops an asynchronous exception that arrives in a __del__ (or a garbage
    # collector's callback, as hypothesis installs): the time runs out in one here.
    ran, ended = threading.Event(), threading.Event()

    class Finalised:
        def __del__(self) -> None:
            deadline = time.perf_counter() + 1.0
            while time.perf_counter() < deadline:
                pass

    def work() -> None:
        try:
            ran.set()
            Finalised()
            while True:
                pass
        finally:
            ended.set()

    with pytest.raises(QueryError, match=r"timed out after 0.2 s"):
        call_with_timeout(work, 0.2)
    assert ran.is_set()
    assert ended.wait(30), "the query's thread ran on after its time was up"


def test_rebuild_swaps_the_store_atomically_and_follows_graph_trig(tmp_path, built):
    folder = tmp_path / "b"
    folder.mkdir()
    shutil.copy(built / "graph.trig", folder / "graph.trig")
    first = build_store(folder).resolve()
    assert (folder / STORE).is_symlink() and store_is_current(folder)
    reader = EmbeddedStore(folder)  # stays usable while a new store replaces its own
    second = build_store(folder).resolve()
    third = build_store(folder).resolve()
    assert len({first, second, third}) == 3
    assert not first.exists() and second.exists() and third.exists()
    assert reader.query("ASK { ?e a sem:Event }").boolean is True
    # A new graph.trig makes the store stale; opening it loads the new one.
    merged, event = (
        "<https://w3id.org/evkg/id/graph/merged>",
        "<http://semanticweb.cs.vu.nl/2009/11/sem/Event>",
    )
    (folder / "graph.trig").write_text(f"{merged} {{ <urn:a> a {event} }}\n")
    os.utime(folder / "graph.trig", ns=(0, time.time_ns() + 10**9))
    assert not store_is_current(folder)
    assert len(query_store(folder, "SELECT ?e WHERE { ?e a sem:Event }")) == 1


def test_a_folder_without_a_build_says_so(tmp_path):
    with pytest.raises(OutputError, match="evkg build"):
        EmbeddedStore(tmp_path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path) -> Iterator[str]:
    if not OXIGRAPH.exists():
        pytest.skip(f"{OXIGRAPH} is missing; `pip install oxigraph` ships the Oxigraph server")
    port = free_port()
    proc = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"oxigraph serve did not start: {proc.stderr.read().decode()}"
                    ) from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_remote_oxigraph_server_answers_as_the_embedded_store(oxigraph_server, built, embedded):
    from graph.remote import RemoteStore

    remote = RemoteStore(oxigraph_server)
    counts = remote.load_build(built)
    assert len(counts) == 6 and counts["https://w3id.org/evkg/id/graph/merged"] > 1000
    remote.load_build(built)  # pushing again replaces, never duplicates
    for name in ("timeline", "actors", "statements"):
        text = load_query(name).bind({"actor": "Russia"} if name == "timeline" else {})
        assert comparable(remote.query(text)) == comparable(embedded.query(text)), name
    graphs = remote.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(graphs) == 6
    # A fresh client, given only the URL as `query --store URL` would be, sees the same data.
    again = query_store(f"{oxigraph_server}/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(again.rows[0][0]) == counts["https://w3id.org/evkg/id/graph/merged"]
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        remote.query("SELECT ?x\nWHERE { ?x ?y }")
    remote.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    assert remote.query("ASK { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }").boolean is True


def test_unreachable_remote_store_is_a_clear_error():
    from graph.remote import RemoteStore

    with pytest.raises(QueryError, match="cannot reach"):
        RemoteStore(f"http://127.0.0.1:{free_port()}/query").query("ASK {}")
    with pytest.raises(QueryError, match="not a SPARQL endpoint URL"):
        RemoteStore("ftp://example.org/sparql")


@pytest.mark.parametrize(
    ("name", "param", "value"),
    [
        ("timeline", "actor", "russia"),
        ("timeline", "place", "Kherson"),
        ("actor-events", "actor", "Mark Milley"),
        ("statements", "actor", "milley"),
        ("figures", "actor", "Mark Milley"),
        ("cooccurrence", "actor", "Volodymyr Zelensky"),
    ],
)
def test_a_name_resolved_to_iris_answers_as_the_name_filter_does(embedded, name, param, value):
    # `evkg query --bind actor=NAME` turns the name into IRIs so the entity drives the join; the
    # answer must be the one the query's own name filters give, only faster on a big graph.
    from graph.queries import load_query
    from graph.query import resolve_names

    query = load_query(name)
    resolved = resolve_names(embedded, query, {param: value})
    assert isinstance(resolved[param], list) and all(v.startswith("https://") for v in resolved[param])
    by_iri = embedded.query(query.bind(resolved))
    by_name = embedded.query(query.bind({param: value}))
    assert len(by_iri) > 0
    assert comparable(by_iri) == comparable(by_name)


def test_a_name_that_names_nothing_is_kept_and_finds_nothing(embedded):
    from graph.queries import load_query
    from graph.query import resolve_names

    query = load_query("timeline")
    assert resolve_names(embedded, query, {"actor": "Nobody Atall"}) == {"actor": "Nobody Atall"}
    assert len(embedded.query(query.bind({"actor": "Nobody Atall"}))) == 0


def test_answers_read_every_term_as_from_oxigraph_does(built, embedded):
    """The embedded store's reader makes recurring IRIs and typed literals once per answer; the
    terms must be those :func:`graph.store.from_oxigraph` makes, kind, datatype and language too."""
    import pyoxigraph as ox

    from graph.rdf import MERGED
    from graph.store import from_oxigraph

    text = "SELECT ?s ?p ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x:none> ?missing } }"
    raw = ox.Store.read_only(str((built / STORE / "db").resolve()))
    answer = raw.query(text, default_graph=ox.NamedNode(str(MERGED)))
    names = [v.value for v in answer.variables]
    expected = [tuple(from_oxigraph(s[n]) for n in names) for s in answer]
    got = embedded.query(text)

    def kinds(rows):
        return [
            tuple((type(c), c, getattr(c, "datatype", None), getattr(c, "language", None)) for c in row)
            for row in rows
        ]

    assert got.vars == tuple(names) and len(got) > 5000
    assert kinds(got.rows) == kinds(expected)
    typed = {c.datatype for row in got.rows for c in row if getattr(c, "datatype", None) is not None}
    assert len(typed) >= 3  # dates, numbers, ... not only strings
