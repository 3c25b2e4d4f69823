"""What the steps across articles hold of each article's mentions (graph.combine.shared)."""

from __future__ import annotations

from dataclasses import replace

from graph.combine import shared
from graph.records import Evidence, Figure, Mention


def fresh(s: str) -> str:
    """An equal string of its own (as strings read back from a worker or the cache are)."""
    return (s + " ")[:-1]


def mention(article: str, start: int, sentence: str, trigger: str = "withdraw") -> Mention:
    evidence = Evidence(fresh(article), 0, len(sentence), fresh(sentence))
    figure = Figure(value=30000.0, unit="troops", text="30,000", evidence=replace(evidence))
    return Mention(
        article_id=fresh(article),
        event_type=fresh("Withdrawal"),
        trigger=fresh(trigger),
        trigger_start=start,
        trigger_end=start + len(trigger),
        evidence=evidence,
        figures=(figure,),
        topic=fresh("Attack"),
    )


def test_shared_mentions_are_equal_and_hold_one_object_for_what_they_repeat():
    one = [
        mention("article-a", 3, "Troops withdraw from the city."),
        mention("article-a", 20, "Troops withdraw from the city."),
    ]
    other = [mention("article-b", 5, "Soldiers withdraw across the river.")]
    strings: dict[str, str] = {}
    assert one[0].article_id is not one[1].article_id  # the test's own premise
    got, got_other = shared(one, strings), shared(other, strings)
    assert got == one and got_other == other
    first, second = got
    assert first.evidence is second.evidence  # one sentence, told twice, held once
    assert first.figures[0].evidence is first.evidence
    assert first.article_id is second.article_id is first.evidence.article_id
    assert first.event_type is got_other[0].event_type and first.trigger is got_other[0].trigger
    assert first.topic is got_other[0].topic
    assert got_other[0].evidence is not first.evidence


def test_shared_keeps_sentences_of_one_article_apart():
    a, b = mention("article-a", 3, "Troops withdraw."), mention("article-a", 40, "Troops regroup.")
    got = shared([a, b], {})
    assert got == [a, b] and got[0].evidence is not got[1].evidence
