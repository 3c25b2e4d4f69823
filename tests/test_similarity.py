"""Article similarity (graph.similarity) and its use by the merger."""

from __future__ import annotations

from dataclasses import replace

from test_merge import ENTITIES, mention

from graph.merge import EventLabeler, EventMerger
from graph.similarity import ArticleSimilarity, words_of


def test_words_leave_out_short_and_function_words():
    assert words_of("The quake struck Lake County, said officials, in 2009.") == {
        "quake",
        "struck",
        "lake",
        "county",
        "officials",
    }


def test_reports_of_one_story_are_closer_than_reports_of_two_similar_ones():
    sim = ArticleSimilarity(
        {
            "a": ["A magnitude 4.3 quake struck Lake County near Cobb on Sunday."],
            "b": ["The earthquake shook Cobb in Lake County, the survey said."],
            "c": ["A strong quake struck Indonesia's Papua province on Sunday."],
            "d": ["Apple unveiled the new iPhone in Cupertino."],
        }
    )
    assert sim("a", "b") > sim("a", "c") > sim("a", "d") == 0.0
    assert sim("a", "a") == 1.0 and sim("a", "nowhere") == 0.0
    assert sim("a", "b") == sim("b", "a")


def test_similar_articles_let_one_trigger_join_across_names_spelled_apart():
    def quake(article, places, sentence):
        m = mention(article, 1, "Earthquake", agents=(), places=places, trigger="quake")
        return replace(m, evidence=replace(m.evidence, sentence=sentence))

    ms = [
        quake("a", ("kherson",), "A magnitude 4.3 quake struck Lake County near Cobb on Sunday."),
        quake("b", (), "The quake shook Cobb and Lake County, residents said."),
        quake("c", (), "A strong quake struck Papua province in Indonesia."),
    ]
    plain = EventMerger(ENTITIES, EventLabeler(ENTITIES, str))
    assert len(plain(ms)) == 3  # "b" and "c" name nothing "a" names
    merger = EventMerger(ENTITIES, EventLabeler(ENTITIES, str), min_similarity=0.2)
    events = sorted(merger(ms), key=lambda e: len(e.mentions))
    assert [e.sources for e in events] == [("c",), ("a", "b")]


def test_a_pair_asked_again_after_it_left_the_kept_pairs_has_the_same_similarity(monkeypatch):
    import graph.similarity

    monkeypatch.setattr(graph.similarity, "PAIRS_KEPT", 2)  # bound read as the object is made
    sentences = {
        "a": ["A magnitude 4.3 quake struck Lake County near Cobb on Sunday."],
        "b": ["The earthquake shook Cobb in Lake County, the survey said."],
        "c": ["A strong quake struck Indonesia's Papua province on Sunday."],
        "d": ["Apple unveiled the new iPhone in Cupertino."],
    }
    small, pairs = ArticleSimilarity(sentences), [(x, y) for x in "abcd" for y in "abcd"]
    first = [small(x, y) for x, y in pairs]
    assert [small(y, x) for x, y in pairs] == first  # every pair asked again, most of them evicted
    monkeypatch.undo()
    assert [ArticleSimilarity(sentences)(x, y) for x, y in pairs] == first


def test_articles_that_compare_the_same_sentences_share_one_vector_and_are_alike_to_others():
    story = ["A magnitude 4.3 quake struck Lake County near Cobb on Sunday."]
    sim = ArticleSimilarity(
        {"a": story, "copy": list(story), "b": ["The earthquake shook Cobb in Lake County."], "c": ["Rain."]}
    )
    assert sim.like["a"] == sim.like["copy"] != sim.like["b"]
    assert sim("a", "b") == sim("copy", "b") > 0.0
    assert abs(sim("a", "copy") - 1.0) < 1e-12
    # The copy counts as an article of its own in the idf: "quake" is in two articles of four.
    alone = ArticleSimilarity(
        {"a": story, "b": ["The earthquake shook Cobb in Lake County."], "c": ["Rain."]}
    )
    assert alone("a", "b") != sim("a", "b")
