"""The merged graph's RDF on a real seed build (graph.rdf): the timeline rank of every event."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from graph.namespace import EVKG, PREFIXES, SEM
from graph.queries import load_query
from graph.rdf import MERGED
from graph.store import EmbeddedStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("rdf") / "out"
    build([SEEDS], out)
    return out


def test_every_merged_event_has_one_rank_from_1_to_n(built):
    g = Graph().parse(built / "graph.ttl", format="turtle")
    events = set(g.subjects(predicate=None, object=SEM.Event))
    ranks = {e: [r.toPython() for r in g.objects(e, EVKG.timelineRank)] for e in events}
    assert len(events) > 50 and all(len(r) == 1 for r in ranks.values())
    assert sorted(r[0] for r in ranks.values()) == list(range(1, len(events) + 1))


def test_ranks_follow_the_timeline_query(built):
    whole = EmbeddedStore(built).query(load_query("timeline").text)
    g = Graph().parse(built / "graph.ttl", format="turtle")
    ranked = g.query("SELECT ?e WHERE { ?e evkg:timelineRank ?r } ORDER BY ?r", initNs=PREFIXES)
    by_rank = [row.e for row in ranked]
    assert [row[0] for row in whole.rows] == by_rank


def test_article_graphs_have_no_rank(built):
    ds = Dataset()
    ds.parse(built / "graph.trig", format="trig")
    ranked = {str(g) for _, p, _, g in ds.quads((None, EVKG.timelineRank, None, None))}
    assert ranked == {str(MERGED)}
