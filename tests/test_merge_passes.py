"""Passes over whole clusters (graph.merge_passes) and the speech-act rules they sit beside
(graph.merge_speech.reports, appeals in the communication block), on hand-made mentions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from graph.merge import EventLabeler, EventMerger
from graph.merge_speech import reports
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


def test_a_prospect_two_events_of_its_report_could_be_stays_apart():
    one = mention("a", 1, places=("kherson",), date=day(2022, 11, 9))
    other = mention("a", 100, agents=("russia",), places=("kyiv",), date=day(2022, 3, 29))
    could = mention("a", 300, factuality=HYPOTHETICAL)
    assert sorted(len(e.mentions) for e in merger()([one, other, could])) == [1, 1, 1]


def test_a_report_and_the_act_it_reports_are_two_acts():
    sentence = "Media reported that the leader has been urging Ukraine to talk."
    report = mention("a", 6, "Statement", agents=("leader",), sentence=sentence, quote=sentence[15:62])
    urge = mention("a", 6 + sentence.index("urging"), "Appeal", agents=("leader",), sentence=sentence)
    urge = replace(urge, evidence=report.evidence)
    assert reports(report, urge)
    assert not reports(urge, report)
    assert len(merger()([report, urge])) == 2


def test_an_appeal_and_a_statement_of_one_occasion_are_one_act_of_the_more_specific_type():
    wednesday = day(2022, 11, 9)
    same = replace(wednesday, expression="Wednesday (the same remarks, later)")
    urged = mention("a", 1, "Appeal", agents=("leader",), patients=("ukraine",), date=same)
    said = mention("a", 80, "Statement", agents=("leader",), date=wednesday, quote="Be patient")
    (event,) = merger()([urged, said])
    assert event.event_type == "Appeal"
    # On another day, the leader's appeal and statement are two acts.
    assert len(merger()([urged, replace(said, date=day(2022, 11, 12))])) == 2
