"""The query benchmark's scaled graph (graph.evaluate.bench_query) on a real seed build: its
events are ranked afresh, so pages of the timeline are the timeline, as in a build."""

from __future__ import annotations

from pathlib import Path

from graph.evaluate.bench_query import merged_ntriples, scale
from graph.queries import load_query
from graph.rdf import MERGED
from graph.store import EmbeddedStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_scaled_graph_is_ranked_as_a_build_would_rank_it(tmp_path):
    from graph.pipeline import build

    build([SEEDS], tmp_path / "seeds")
    seed_triples = len(merged_ntriples(tmp_path / "seeds").splitlines())
    text, copies, triples = scale(merged_ntriples(tmp_path / "seeds"), seed_triples + 1)
    assert copies == 2 and len(set(text.splitlines())) == triples
    big = tmp_path / "big"
    big.mkdir()
    (big / "graph.trig").write_text(f"<{MERGED}> {{\n{text}}}\n", encoding="utf-8")
    store = EmbeddedStore(big)
    whole = store.query(load_query("timeline").text)
    ranks = store.query("SELECT ?r WHERE { ?e evkg:timelineRank ?r } ORDER BY ?r")
    assert [int(row[0]) for row in ranks] == list(range(1, len(whole) + 1))
    paged = load_query("timeline-page")
    rows = [row for n in range(1, len(whole) // 50 + 2) for row in store.query(paged.page(n, 50).text)]
    assert rows == list(whole.rows)
