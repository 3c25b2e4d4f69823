"""Merging scored against the gold's real events: the mapping on tiny hand-made inputs, then the
real pipeline on the seeds against the floors in tests/gold/merge_thresholds.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.evaluate.events import GOLD, GoldEvent, load_gold
from graph.evaluate.merging import MergeReport, load_real_events, match, nodes_of, run, score_merging
from graph.records import Event, Evidence, Mention

FLOORS = json.loads((Path(__file__).parent / "gold" / "merge_thresholds.json").read_text())
KHERSON_ANNOUNCEMENT = "russia-announces-kherson-withdrawal-2022-11-09"

# Two articles; gold ids a-1.. and b-1.. ; real events x (both articles), y (a only), z (b only).
REAL = {"a-1": "x", "a-2": "x", "a-3": "y", "b-1": "x", "b-2": "z"}
ARTICLE = {gid: gid[0] for gid in REAL}


def test_perfect_merging_scores_100_and_is_whole() -> None:
    nodes = {"a-1": "n1", "a-2": "n1", "b-1": "n1", "a-3": "n2", "b-2": "n3"}
    report = score_merging(REAL, nodes, ARTICLE)
    assert report.scores.conll_f1 == pytest.approx(1.0)
    assert report.split == {} and report.merged_wrongly == {}
    assert report.cross_article == ("x",)
    assert report.cross_article_one_node == report.cross_article_whole == ("x",)
    assert (report.matched, report.real_events, report.nodes) == (5, 3, 3)


def test_split_lists_the_nodes_and_their_entries() -> None:
    # b-1 is left in a node of its own: x keeps a node with a-1 only, so no node has both articles.
    nodes = {"a-1": "n1", "a-2": "n1", "b-1": "n4", "a-3": "n2", "b-2": "n3"}
    report = score_merging(REAL, nodes, ARTICLE)
    assert report.split == {"x": {"n1": ("a-1", "a-2"), "n4": ("b-1",)}}
    assert report.merged_wrongly == {}
    assert report.cross_article_one_node == () and report.cross_article_whole == ()
    assert report.scores.muc.precision == pytest.approx(1.0)
    assert report.scores.muc.recall == pytest.approx(0.5)


def test_one_node_with_all_articles_but_not_whole() -> None:
    nodes = {"a-1": "n1", "a-2": "n5", "b-1": "n1", "a-3": "n2", "b-2": "n3"}
    report = score_merging(REAL, nodes, ARTICLE)
    assert report.cross_article_one_node == ("x",)
    assert report.cross_article_whole == ()


def test_merged_wrongly_lists_the_real_events_of_a_node() -> None:
    nodes = {"a-1": "n1", "a-2": "n1", "b-1": "n1", "a-3": "n1", "b-2": "n3"}
    report = score_merging(REAL, nodes, ARTICLE)
    assert report.merged_wrongly == {"n1": {"x": ("a-1", "a-2", "b-1"), "y": ("a-3",)}}
    assert report.split == {}
    # Whole, though merged with y: the two lists say different things.
    assert report.cross_article_whole == ("x",)
    assert report.scores.b_cubed.recall == pytest.approx(1.0)
    assert report.scores.b_cubed.precision < 1.0


def test_unmatched_entries_are_not_scored_but_their_articles_count() -> None:
    # b-1 unmatched: x is scored on a-1, a-2 only, and no node has x in both its articles.
    nodes = {"a-1": "n1", "a-2": "n1", "a-3": "n2", "b-2": "n3"}
    report = score_merging(REAL, nodes, ARTICLE)
    assert report.matched == 4 and report.gold_entries == 5
    assert report.scores.conll_f1 == pytest.approx(1.0)
    assert report.cross_article == ("x",) and report.cross_article_one_node == ()


def test_node_of_unknown_gold_id_is_refused() -> None:
    with pytest.raises(ValueError, match="real_of lacks"):
        score_merging(REAL, {"c-9": "n1"}, ARTICLE)


TEXT = "Russia announced a withdrawal. Ukraine said it would wait."


def _mention(trigger: str, event_type: str, sentence: str) -> Mention:
    start = TEXT.index(sentence)
    at = TEXT.index(trigger)
    return Mention(
        "a.txt",
        event_type,
        trigger,
        at,
        at + len(trigger),
        Evidence("a.txt", start, start + len(sentence), sentence),
    )


def _gold(gid: str, event_type: str, sentence: str, trigger: str) -> GoldEvent:
    return GoldEvent(gid, "a.txt", event_type, sentence, trigger, (), (), None)


def test_match_replays_the_events_scorer_one_to_one() -> None:
    first, second = "Russia announced a withdrawal.", "Ukraine said it would wait."
    announced = _mention("announced", "Announcement", first)
    withdrawal = _mention("withdrawal", "Withdrawal", first)
    said = _mention("said", "Statement", second)
    gold = [
        _gold("a-1", "Withdrawal", "announced a withdrawal", "withdrawal"),
        _gold("a-2", "Announcement", "Russia announced", "announced"),
        _gold("a-3", "Announcement", "Russia announced", "announced"),  # the mention is taken
        _gold("a-4", "Statement", "it would wait", "said"),
    ]
    pairs = match(gold, [announced, withdrawal, said], {"a.txt": TEXT})
    assert pairs == {"a-1": withdrawal, "a-2": announced, "a-4": said}


def test_nodes_of_finds_the_event_holding_each_mention() -> None:
    first = "Russia announced a withdrawal."
    announced = _mention("announced", "Announcement", first)
    withdrawal = _mention("withdrawal", "Withdrawal", first)
    events = [
        Event("e1", "Announcement", "an announcement", (announced,)),
        Event("e2", "Withdrawal", "a withdrawal", (withdrawal,)),
    ]
    assert nodes_of({"a-1": withdrawal, "a-2": announced}, events) == {"a-1": "e2", "a-2": "e1"}
    stray = _mention("said", "Statement", "Ukraine said it would wait.")
    with pytest.raises(ValueError, match="in no event"):
        nodes_of({"a-3": stray}, events)


def test_load_real_events_covers_the_gold_and_refuses_a_missing_one(tmp_path: Path) -> None:
    real = load_real_events(GOLD)
    assert set(real) == {g.id for g in load_gold(GOLD)}
    bad = {"about": "", "articles": [{"file": "a.txt", "events": [{"id": "a-1"}]}]}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(ValueError, match="a-1"):
        load_real_events(path)


@pytest.fixture(scope="module")
def seeds() -> MergeReport:
    return run(GOLD).report


def test_seeds_meet_the_floors(seeds: MergeReport) -> None:
    figures = seeds.figures()
    below = {k: round(figures[k], 1) for k, v in FLOORS.items() if not k.startswith("_") and figures[k] < v}
    assert not below, below


def test_seeds_kherson_announcement_is_one_node_with_all_its_articles(seeds: MergeReport) -> None:
    gold = load_gold(GOLD)
    real = load_real_events(GOLD)
    articles = {g.article for g in gold if real[g.id] == KHERSON_ANNOUNCEMENT}
    assert len(articles) == 5  # the gold says all five seeds report it
    assert KHERSON_ANNOUNCEMENT in seeds.cross_article_one_node


def test_seeds_no_node_mixes_real_events(seeds: MergeReport) -> None:
    # The "no event merged with a different one", on the gold entries the extractor finds.
    assert seeds.merged_wrongly == {}
