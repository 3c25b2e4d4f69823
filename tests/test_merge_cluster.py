"""A cluster being merged (graph.merge_cluster): what it keeps of its mentions as they are added,
and the answers it keeps for copies of one report; on hand-made mentions and on copies of the
seeds' real extractions."""

from __future__ import annotations

from dataclasses import replace

from graph.cache import BuildCache
from graph.components import Components
from graph.entities import EntityResolver
from graph.merge import MIN_SIMILARITY, EventLabeler, EventMerger
from graph.merge_cluster import VIEWS_FROM, Cluster, content
from graph.pipeline import acting_for, canonicalise
from graph.records import Evidence, Figure, Mention


def said(article: str, start: int, quote: str = "we will not leave", date=None) -> Mention:
    figure = Figure(value=3.0, unit="people", text="three", evidence=Evidence(article, 0, 9, "Three died"))
    return Mention(
        article_id=article,
        event_type="Statement",
        trigger="say",
        trigger_start=start,
        trigger_end=start + 4,
        evidence=Evidence(article, 0, 30, "He said we will not leave."),
        agents=("minister",),
        quote=quote,
        figures=(figure,),
        date=date,
    )


def copy_of(m: Mention, article: str) -> Mention:
    """``m`` as a word-for-word copy of its report, ``article``, gives it."""
    figures = tuple(
        replace(f, evidence=replace(f.evidence, article_id=article)) if f.evidence else f for f in m.figures
    )
    return replace(m, article_id=article, evidence=replace(m.evidence, article_id=article), figures=figures)


def test_a_copy_in_another_article_has_the_same_content_and_other_words_do_not():
    m = said("a", 3)
    assert content(copy_of(m, "a#copy1")) == content(m)
    assert content(said("a", 3, quote="we will leave")) != content(m)
    assert content(said("a", 4)) != content(m)


def test_distinct_groups_copies_by_key_first_mention_of_each_article_and_follows_additions():
    c = Cluster([], "Statement", None, "asserted")
    first, again, copy = said("a", 3), said("a", 50), copy_of(said("a", 3), "a#copy1")
    for m in (first, again, copy):
        c.add(m, lambda k: None)
    groups = c.distinct("words", lambda x: x.quote)
    assert list(groups) == ["we will not leave"]
    assert groups["we will not leave"] == {"a": first, "a#copy1": copy}
    other = said("b", 7, quote="talks may resume")
    c.add(other, lambda k: None)
    assert list(c.distinct("words", lambda x: x.quote)) == ["we will not leave", "talks may resume"]
    assert c.articles == {"a", "a#copy1", "b"} and c.sources == {None}


def test_a_small_cluster_groups_afresh_and_a_large_one_keeps_groups_that_agree_with_afresh():
    def afresh(c: Cluster) -> dict:
        groups: dict = {}
        for x in c.mentions:
            groups.setdefault(x.quote, {}).setdefault(x.article_id, x)
        return groups

    c = Cluster([], "Statement", None, "asserted")
    quotes = ["we will not leave", "talks may resume", "we will not leave"]
    for i in range(VIEWS_FROM + 4):
        c.add(said(f"a{i % 5}", 3 + i, quote=quotes[i % 3]), lambda k: None)
        groups = c.distinct("words", lambda x: x.quote)
        assert groups == afresh(c)
        assert list(groups) == list(afresh(c))
        assert bool(c._views) == (len(c.mentions) >= VIEWS_FROM)


def test_an_answer_is_kept_until_a_mention_is_added():
    c = Cluster([], "Statement", None, "asserted")
    c.add(said("a", 3), lambda k: None)
    asked: list[str] = []

    def ask() -> bool:
        asked.append("asked")
        return True

    assert c.answer("q", ask) and c.answer("q", ask)
    assert len(asked) == 1
    c.add(said("b", 3), lambda k: None)
    assert c.answer("q", ask)
    assert len(asked) == 2


class EachAsked(EventMerger):
    """The merger with every question put to its rules afresh (no answer kept)."""

    def compatible(self, c, m, source=None):
        return self._compatible(c, m, source)

    def same_trigger_compatible(self, c, m, context, source=None):
        return self._same_trigger_compatible(c, m, context, source)


def test_copies_of_the_seeds_merge_as_asking_the_rules_each_time_does(seeds_built):
    components = Components.load()
    resolver = EntityResolver(components.gazetteer)
    mentions: list[Mention] = []
    for x in BuildCache(seeds_built, components.fingerprint()).load():
        resolver.resolve(x.article.id, x.names)
        mentions += [canonicalise(m, resolver.canonical_key) for m in x.mentions]
    entities = resolver.entities()
    # Three word-for-word copies of every report, as the build benchmark makes them.
    copies = [copy_of(m, f"{m.article_id}#copy{n}") for n in (1, 2, 3) for m in mentions]

    def merged(kind: type[EventMerger]):
        merger = kind(
            entities,
            EventLabeler(entities, components.lexicon.label),
            affiliation=acting_for(components.gazetteer.affiliation, entities),
            synonyms=components.synonyms,
            min_similarity=MIN_SIMILARITY,
            country_of=components.gazetteer.affiliation,
        )
        return merger([*mentions, *copies])

    events = merged(EventMerger)
    assert events == merged(EachAsked)
    assert len({m.article_id for e in events for m in e.mentions}) > len({m.article_id for m in mentions})
