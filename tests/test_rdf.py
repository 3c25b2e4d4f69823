"""The merged graph's RDF on a real seed build (graph.rdf): the timeline rank of every event."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from graph.namespace import EVKG, PREFIXES, SEM
from graph.queries import load_query
from graph.rdf import MERGED
from graph.store import EmbeddedStore


@pytest.fixture(scope="module")
def built(seeds_built) -> Path:
    return seeds_built


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


def test_a_prospect_of_an_asserted_event_is_a_hypothetical_mention_whose_speaker_does_not_report_it():
    from graph.rdf import GraphBuilder
    from graph.rdf_terms import to_rdflib
    from graph.records import Article, Entity, EntityKind, Event, Evidence, Factuality, Mention

    text = "Russia withdrew from Kherson. Ukraine said Russia was unlikely to leave."
    entities = {
        "russia": Entity("russia", "Russia", EntityKind.COUNTRY),
        "ukraine": Entity("ukraine", "Ukraine", EntityKind.COUNTRY),
    }

    def said(start: int, end: int, trigger: str, **kw) -> Mention:
        at = text.index(trigger)
        return Mention(
            "a.txt",
            "Withdrawal",
            trigger,
            at,
            at + len(trigger),
            Evidence("a.txt", start, end, text[start:end]),
            agents=("russia",),
            **kw,
        )

    withdrew = said(0, 29, "withdrew")
    unlikely = said(30, len(text), "leave", factuality=Factuality.HYPOTHETICAL, according_to="ukraine")
    event = Event("e1", "Withdrawal", "Withdrawal by Russia", (withdrew, unlikely), agents=("russia",))
    quads = GraphBuilder()([Article("a.txt", text)], [event], entities)
    g = Graph()
    for triple in quads.merged:
        g.add(tuple(to_rdflib(t) for t in triple))
    said_as = {
        str(g.value(m, EVKG.sentence)): g.value(m, EVKG.mentionFactuality)
        for m in g.objects(None, EVKG.hasMention)
    }
    assert said_as == {text[:29]: None, text[30:]: EVKG.Hypothetical}
    assert list(g.objects(None, EVKG.factuality)) == [EVKG.Asserted]
    assert list(g.objects(None, SEM.accordingTo)) == []
