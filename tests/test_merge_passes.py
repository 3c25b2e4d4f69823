"""Passes over whole clusters (graph.merge_passes), on hand-made mentions; the helpers are shared
with tests/test_merge_speech.py and tests/test_merge_rules.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from graph.merge import EventLabeler, EventMerger
from graph.records import DateSpan, Entity, EntityKind, Evidence, Factuality, Mention, Precision

ENTITIES = {
    "russia": Entity("russia", "Russia", EntityKind.COUNTRY),
    "ukraine": Entity("ukraine", "Ukraine", EntityKind.COUNTRY),
    "kherson": Entity("kherson", "Kherson", EntityKind.PLACE, lat=46.64, long=32.61),
    "kyiv": Entity("kyiv", "Kyiv", EntityKind.PLACE, lat=50.45, long=30.52),
    "leader": Entity("leader", "A Leader", EntityKind.PERSON),
}

HYPOTHETICAL = Factuality.HYPOTHETICAL


def day(y: int, m: int, d: int, anchor: dt.date | None = None) -> DateSpan:
    return DateSpan(dt.date(y, m, d), dt.date(y, m, d), Precision.DAY, "Wednesday", anchor)


def mention(article: str, start: int, event_type: str = "Withdrawal", **kw) -> Mention:
    sentence = kw.pop("sentence", "sentence")
    kw.setdefault("agents", ("russia",))
    return Mention(
        article_id=article,
        event_type=event_type,
        trigger=kw.pop("trigger", "t"),
        trigger_start=start,
        trigger_end=start + 1,
        evidence=Evidence(article, start, start + len(sentence), sentence),
        **kw,
    )


def merger() -> EventMerger:
    return EventMerger(ENTITIES, EventLabeler(ENTITIES, str))


def test_a_reports_prospect_of_the_event_it_reports_is_a_mention_of_that_event():
    withdrew = mention("a", 1, places=("kherson",), date=day(2022, 11, 9, anchor=dt.date(2022, 11, 10)))
    unlikely = mention("a", 200, places=("kherson",), factuality=HYPOTHETICAL, according_to="ukraine")
    would = mention("a", 400, factuality=HYPOTHETICAL)  # "little belief the Russians would retreat"
    (event,) = merger()([withdrew, unlikely, would])
    assert len(event.mentions) == 3
    assert event.factuality is Factuality.ASSERTED
    # Ukraine put forward the prospect; it does not report the withdrawal.
    assert event.according_to == ()


def test_a_prospect_stays_apart_from_another_reports_event_and_from_a_conflicting_one():
    withdrew = mention("a", 1, places=("kherson",), date=day(2022, 11, 9))
    elsewhere = mention("b", 200, places=("kherson",), factuality=HYPOTHETICAL)
    kyiv = mention("a", 300, places=("kyiv",), factuality=HYPOTHETICAL)
    negated = mention("a", 400, places=("kherson",), factuality=Factuality.NEGATED)
    future = mention("a", 500, places=("kherson",), factuality=Factuality.FUTURE)
    events = merger()([withdrew, elsewhere, kyiv, negated, future])
    assert sorted(len(e.mentions) for e in events) == [1, 1, 1, 1, 1]


def test_a_prospect_is_no_mention_of_an_event_over_before_it_was_put_forward():
    written = dt.date(2022, 11, 10)
    talks = mention("a", 1, "Negotiation", date=day(2022, 2, 28, anchor=written))
    could = mention("a", 300, "Negotiation", factuality=HYPOTHETICAL)
    assert len(merger()([talks, could])) == 2
    recent = replace(talks, date=day(2022, 11, 8, anchor=written))
    assert len(merger()([recent, could])) == 1


def test_a_prospect_is_no_mention_of_an_event_the_reports_do_not_date():
    talks = mention("a", 1, "Negotiation")  # "held a brief round of talks" after the invasion
    unready = mention("a", 300, "Negotiation", factuality=HYPOTHETICAL)  # "not ready for talks"
    assert len(merger()([talks, unready])) == 2


def test_a_prospect_two_events_of_its_report_could_be_stays_apart():
    one = mention("a", 1, places=("kherson",), date=day(2022, 11, 9))
    other = mention("a", 100, agents=("russia",), places=("kyiv",), date=day(2022, 3, 29))
    could = mention("a", 300, factuality=HYPOTHETICAL)
    assert sorted(len(e.mentions) for e in merger()([one, other, could])) == [1, 1, 1]


def test_an_ambiguous_mention_goes_to_the_event_whose_place_its_sentence_names():
    # "Kherson was one of the regions Russia annexed in September. … the peninsula Moscow annexed
    # in 2014. … The retreat would be a setback in a region Putin claimed to have annexed, … to
    # leave Kherson."
    entities = {**ENTITIES, "crimea": Entity("crimea", "Crimea", EntityKind.PLACE, lat=45.3, long=34.4)}
    entities["kherson-oblast"] = Entity(
        "kherson-oblast", "Kherson Oblast", EntityKind.PLACE, lat=46.75, long=33.35
    )
    year_2014 = DateSpan(dt.date(2014, 1, 1), dt.date(2014, 12, 31), Precision.YEAR, "2014")
    september = DateSpan(dt.date(2022, 9, 1), dt.date(2022, 9, 30), Precision.MONTH, "September")
    regions = mention("a", 1, "Annexation", places=("kherson-oblast",), date=september)
    crimea = mention("a", 100, "Annexation", places=("crimea",), date=year_2014)
    sentence = "The retreat would be a setback in a region Putin claimed to have annexed, … leave Kherson."
    claimed = mention("a", 300, "Annexation", places=(), sentence=sentence)
    leave = replace(mention("a", 380, places=("kherson",)), evidence=claimed.evidence)

    def annexations(*mentions: Mention, entities=entities) -> list[list[int]]:
        events = EventMerger(entities, EventLabeler(entities, str))(list(mentions))
        return sorted(
            sorted(m.trigger_start for m in e.mentions) for e in events if e.event_type == "Annexation"
        )

    assert annexations(regions, crimea, claimed, leave) == [[1, 300], [100]]
    # With no place named in its sentence it belongs to neither.
    assert annexations(regions, crimea, claimed) == [[1], [100], [300]]
    # Nor when the sentence names places near both.
    near_both = replace(leave, places=("kherson", "crimea"))
    assert annexations(regions, crimea, claimed, near_both) == [[1], [100], [300]]
    # A country is too large to tell.
    in_ukraine = replace(leave, places=("ukraine",))
    assert annexations(regions, crimea, claimed, in_ukraine) == [[1], [100], [300]]
