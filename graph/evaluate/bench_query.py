"""Benchmark: the named ``timeline`` query, whole and in pages (``timeline-page``), on a graph
of a million triples or more, on the embedded Oxigraph store and on rdflib's in-memory store, in one run.

The graph is the seeds' merged graph copied until it holds ``--triples`` triples, each copy's
instance IRIs (``https://w3id.org/evkg/id/...``) moved under ``id/c<N>/`` so its events, actors,
places and articles are distinct; the ontology terms and event types stay shared, as in a real
large build. (The seeds' graph has no blank nodes, so plain text rewriting is exact.) Each copy's
``evkg:timelineRank`` is dropped and the big graph's events ranked afresh, as a build of them would.

Each time is the best of ``--repeat`` runs after one warm-up run (rdflib's whole timeline: one
run, capped). Timed:

* ``oxigraph_timeline_ms``: the whole timeline, rows read into rdflib terms (what ``evkg query`` does);
* ``oxigraph_timeline_json_ms``: the same, written by Oxigraph as SPARQL results JSON (what ``serve`` does);
* ``oxigraph_timeline_engine_ms``: the engine alone: the timeline's grouped rows counted, not sorted
  and not written out;
* ``oxigraph_memory_timeline_json_ms``: the JSON timeline on an in-memory Oxigraph store;
* ``oxigraph_floor_json_ms``: a floor for any whole timeline: the events with their labels alone
  (one join, no grouping, no sort), as JSON;
* ``oxigraph_timeline_page_ms``: the whole-list query's first 100 rows (``LIMIT 100``), which
  still groups and sorts every event;
* ``{oxigraph,rdflib}_page_{first,middle,last}_ms``: pages of 100 rows of the named query
  ``timeline-page`` (events picked by ``evkg:timelineRank``), rows read into rdflib terms;
  ``oxigraph_page_first_json_ms``: the first page as results JSON (what ``serve`` does);
  ``page_ratio``: rdflib's first page over Oxigraph's;
* ``oxigraph_timeline_actor_ms``: the timeline bound to an actor's name (``--bind actor=Vladimir
  Putin``, as ``evkg query`` runs it: the name resolved to the IRIs so labelled, which then drive
  the join), resolution included; ``oxigraph_timeline_actor_iri_ms``: bound to one actor's IRI;
* ``rdflib_timeline_ms``: the whole timeline on rdflib, or ``>CAP`` when it did not finish in
  ``--rdflib-timeout`` seconds; ``ratio`` is rdflib's time over Oxigraph's.

Output is ``name=value`` lines. Run by ``make bench``; not a test.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graph.errors import QueryError
from graph.namespace import EVKG

ROOT = Path(__file__).resolve().parents[2]
PAGE_SIZE = 100
ID = "<https://w3id.org/evkg/id/"
#: One actor of the graph named Vladimir Putin (any copy), for the IRI-bound timeline.
_ONE_ACTOR = """SELECT ?a WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?n .
FILTER(STR(?n) = "Vladimir Putin") } ORDER BY ?a LIMIT 1"""
#: Every whole timeline reads at least each event and its label.
_FLOOR = """SELECT ?event ?label WHERE { ?event a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> ;
<http://www.w3.org/2000/01/rdf-schema#label> ?label }"""


def engine_only(text: str) -> str:
    """``text`` (a SELECT with ``ORDER BY`` last) as a count of its rows, unsorted: the engine's
    joins and grouping without the sort or the writing of the answer."""
    select, order = text.index("\nSELECT"), text.rindex("\nORDER BY")
    return text[:select] + "\nSELECT (COUNT(*) AS ?rows) WHERE {" + text[select:order] + "\n}\n"


def merged_ntriples(graph_dir: Path) -> str:
    """The merged graph of a build folder as N-Triples text."""
    import pyoxigraph as ox

    from graph.rdf import MERGED

    quads = ox.parse(path=str(graph_dir / "graph.trig"), format=ox.RdfFormat.TRIG)
    triples = [q.triple for q in quads if q.graph_name == ox.NamedNode(str(MERGED))]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def scale(ntriples: str, target: int) -> tuple[str, int, int]:
    """``ntriples`` copied until at least ``target`` distinct triples, its events ranked again
    (:func:`ranked`); returns the text, the number of copies and of distinct triples."""
    rank = f"> <{EVKG.timelineRank}> "
    lines = [line for line in ntriples.splitlines() if line.strip() and rank not in line]
    shared = sum(1 for line in lines if ID not in line)  # ontology triples: the same in every copy
    per_copy = len(lines) - shared
    copies = max(1, math.ceil((target - shared) / per_copy))
    body = "\n".join(line for line in lines if ID in line) + "\n"
    parts = [body.replace(ID, f"{ID}c{n}/") for n in range(copies)]
    parts.append("\n".join(line for line in lines if ID not in line) + "\n")
    text, events = ranked("".join(parts))
    return text, copies, shared + per_copy * copies + events


#: The events in timeline order (the named ``timeline`` query's ORDER BY).
_ORDER = """SELECT ?e WHERE {
  ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l .
  OPTIONAL { ?e <http://semanticweb.cs.vu.nl/2009/11/sem/hasBeginTimeStamp> ?d }
  OPTIONAL { ?e <http://semanticweb.cs.vu.nl/2009/11/sem/hasEndTimeStamp> ?end }
} ORDER BY (!BOUND(?d)) ?d ?end ?l ?e"""


def ranked(ntriples: str) -> tuple[str, int]:
    """``ntriples`` with an ``evkg:timelineRank`` 1..N for its events in timeline order (as
    graph.rdf.rank_triples gives a build; tests check the two orders agree); returns the text and N."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    events = [str(s["e"]) for s in store.query(_ORDER)]  # type: ignore[index, union-attr]
    integer = "^^<http://www.w3.org/2001/XMLSchema#integer>"
    lines = (f'{e} <{EVKG.timelineRank}> "{n}"{integer} .\n' for n, e in enumerate(events, 1))
    return ntriples + "".join(lines), len(events)


def timed(work: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """The best (least) milliseconds of ``repeat`` runs of ``work``, and its last result: the
    least is the run the machine's other work disturbed least."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result


def pages(store: object, events: int, repeat: int, prefix: str) -> dict[str, str]:
    """``{prefix}_page_{first,middle,last}_ms`` of ``timeline-page`` (size :data:`PAGE_SIZE`) on
    ``store``, each after a warm-up run, and each page's number of rows."""
    from graph.queries import load_query

    query = load_query("timeline-page")
    last = -(-events // PAGE_SIZE)
    out: dict[str, str] = {}
    for where, number in (("first", 1), ("middle", (last + 1) // 2), ("last", last)):
        text = query.page(number, PAGE_SIZE).text
        store.query(text)  # type: ignore[attr-defined]
        ms, result = timed(lambda text=text: store.query(text), repeat)  # type: ignore[attr-defined]
        out[f"{prefix}_page_{where}_ms"] = f"{ms:.1f}"
        out[f"{prefix}_page_{where}_rows"] = str(len(result))  # type: ignore[arg-type]
    return out


def in_memory_json_ms(ntriples: str, text: str, repeat: int) -> float:
    """Best milliseconds of ``text`` answered as results JSON by an in-memory Oxigraph store
    holding ``ntriples`` as the merged graph (after one warm-up run)."""
    import pyoxigraph as ox

    from graph.rdf import MERGED

    merged = ox.NamedNode(str(MERGED))
    memory = ox.Store()
    memory.bulk_load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=merged)

    def answer() -> bytes:
        return memory.query(text, default_graph=merged).serialize(format=ox.QueryResultsFormat.JSON)

    answer()
    return timed(answer, repeat)[0]


def seed_build(folder: Path) -> Path:
    from graph.pipeline import build

    build([ROOT / "seeds"], folder)
    return folder


def run(graph_dir: Path, target: int, rdflib_timeout: float, repeat: int, work_dir: Path) -> dict[str, str]:
    from rdflib import Graph

    from graph.queries import load_query
    from graph.query import resolve_names
    from graph.rdf import MERGED
    from graph.store import EmbeddedStore, MemoryStore, QueryResult

    query = load_query("timeline")
    page = query.text.rstrip() + "\nLIMIT 100\n"
    text, copies, triples = scale(merged_ntriples(graph_dir), target)
    out: dict[str, str] = {"copies": str(copies), "triples": str(triples)}

    big = work_dir / "big"
    big.mkdir()
    (big / "graph.trig").write_text(f"<{MERGED}> {{\n{text}}}\n", encoding="utf-8")
    seconds, store = timed(lambda: EmbeddedStore(big))
    out["oxigraph_load_s"] = f"{seconds / 1000:.1f}"
    assert isinstance(store, EmbeddedStore)
    out["store_triples"] = str(len(store))
    store.query(query.text)  # warm-up: caches, lazily opened files
    ms, result = timed(lambda: store.query(query.text), repeat)
    out["events"] = str(len(result))  # type: ignore[arg-type]
    out["oxigraph_timeline_ms"] = f"{ms:.0f}"
    ms, _ = timed(lambda: store.serialize(query.text, ["application/sparql-results+json"]), repeat)
    out["oxigraph_timeline_json_ms"] = f"{ms:.0f}"
    ms, counted = timed(lambda: store.query(engine_only(query.text)), repeat)
    assert int(counted.rows[0][0]) == len(result)  # type: ignore[attr-defined, arg-type]
    out["oxigraph_timeline_engine_ms"] = f"{ms:.0f}"
    ms, _ = timed(lambda: store.serialize(_FLOOR, ["application/sparql-results+json"]), repeat)
    out["oxigraph_floor_json_ms"] = f"{ms:.0f}"
    out["oxigraph_memory_timeline_json_ms"] = f"{in_memory_json_ms(text, query.text, repeat):.0f}"
    ms, _ = timed(lambda: store.query(page), repeat)
    out["oxigraph_timeline_page_ms"] = f"{ms:.0f}"
    out.update(pages(store, len(result), repeat, "oxigraph"))  # type: ignore[arg-type]
    first = load_query("timeline-page").page(1, PAGE_SIZE).text
    ms, _ = timed(lambda: store.serialize(first, ["application/sparql-results+json"]), repeat)
    out["oxigraph_page_first_json_ms"] = f"{ms:.1f}"

    def by_actor(value: str) -> QueryResult:
        return store.query(query.bind(resolve_names(store, query, {"actor": value})), timeout=rdflib_timeout)

    try:
        ms, actor_rows = timed(lambda: by_actor("Vladimir Putin"), repeat)
        out["oxigraph_timeline_actor_ms"] = f"{ms:.0f}"
        out["actor_rows"] = str(len(actor_rows))  # type: ignore[arg-type]
        iri = next(str(v) for v in store.query(_ONE_ACTOR).rows[0])
        ms, _ = timed(lambda: by_actor(iri), repeat)
        out["oxigraph_timeline_actor_iri_ms"] = f"{ms:.0f}"
    except QueryError:
        out["oxigraph_timeline_actor_ms"] = f">{rdflib_timeout * 1000:.0f}"

    start = time.perf_counter()
    graph = Graph()
    graph.parse(data=text, format="nt")
    out["rdflib_load_s"] = f"{time.perf_counter() - start:.1f}"
    out.update(pages(MemoryStore(graph), len(result), repeat, "rdflib"))  # type: ignore[arg-type]
    out["page_ratio"] = f"{float(out['rdflib_page_first_ms']) / float(out['oxigraph_page_first_ms']):.0f}"
    try:
        ms, _ = timed(lambda: MemoryStore(graph).query(query.text, timeout=rdflib_timeout))
        out["rdflib_timeline_ms"] = f"{ms:.0f}"
        out["ratio"] = f"{ms / float(out['oxigraph_timeline_ms']):.0f}"
    except QueryError:
        out["rdflib_timeline_ms"] = f">{rdflib_timeout * 1000:.0f}"
        out["ratio"] = f">{rdflib_timeout * 1000 / float(out['oxigraph_timeline_ms']):.0f}"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="a build folder to scale (default: build the seeds)")
    parser.add_argument("--triples", type=int, default=1_000_000, help="at least this many triples")
    parser.add_argument("--rdflib-timeout", type=float, default=300.0, help="seconds rdflib may take")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query after a warm-up (best)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="evkg-bench-") as tmp:
        graph_dir = args.graph or seed_build(Path(tmp) / "seeds")
        for name, value in run(graph_dir, args.triples, args.rdflib_timeout, args.repeat, Path(tmp)).items():
            print(f"{name}={value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
