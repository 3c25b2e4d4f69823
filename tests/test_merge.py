"""Merging mentions into events: compatibility rules and blocking, on hand-made mentions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from graph.merge import (
    EventLabeler,
    EventMerger,
    article_context,
    corroborated,
    dates_compatible,
    distance_km,
)
from graph.records import DateSpan, Entity, EntityKind, Evidence, Factuality, Mention, Precision

ENTITIES = {
    "russia": Entity("russia", "Russia", EntityKind.COUNTRY, lat=55.75, long=37.62),
    "ukraine": Entity("ukraine", "Ukraine", EntityKind.COUNTRY, lat=50.45, long=30.52),
    "kherson": Entity("kherson", "Kherson", EntityKind.PLACE, lat=46.64, long=32.61),
    "nova-kakhovka": Entity("nova-kakhovka", "Nova Kakhovka", EntityKind.PLACE, lat=46.75, long=33.37),
    "kyiv": Entity("kyiv", "Kyiv", EntityKind.PLACE, lat=50.45, long=30.52),
    "minister": Entity("minister", "A Minister", EntityKind.PERSON),
    "someone": Entity("someone", "Someone Else", EntityKind.PERSON),
}


def day(y, m, d, expr="x"):
    return DateSpan(dt.date(y, m, d), dt.date(y, m, d), Precision.DAY, expr)


def month(y, m):
    end = (dt.date(y, m + 1, 1) if m < 12 else dt.date(y + 1, 1, 1)) - dt.timedelta(days=1)
    return DateSpan(dt.date(y, m, 1), end, Precision.MONTH, "in month")


def mention(
    article,
    start,
    event_type="Withdrawal",
    agents=("russia",),
    places=("kherson",),
    date=None,
    trigger="t",
    **kw,
):
    return Mention(
        article_id=article,
        event_type=event_type,
        trigger=trigger,
        trigger_start=start,
        trigger_end=start + 1,
        evidence=Evidence(article, 0, 10, "sentence"),
        agents=tuple(agents),
        places=tuple(places),
        date=date,
        **kw,
    )


def merger(affiliation=lambda k: None):
    return EventMerger(ENTITIES, EventLabeler(ENTITIES, str), affiliation=affiliation)


def test_dates_compatible_respects_precision():
    assert dates_compatible(day(2022, 11, 9), month(2022, 11))
    assert not dates_compatible(day(2022, 11, 9), month(2022, 3))
    assert dates_compatible(None, day(2022, 11, 9))


def test_distance():
    assert 40 < distance_km(ENTITIES["kherson"], ENTITIES["nova-kakhovka"]) < 80
    assert distance_km(ENTITIES["kherson"], ENTITIES["minister"]) is None


def test_same_event_from_three_articles_is_one_event_with_three_sources():
    events = merger()(
        [
            mention("a", 5, date=day(2022, 11, 9)),
            mention("b", 7, date=month(2022, 11)),
            mention("c", 1),
        ]
    )
    assert len(events) == 1
    assert events[0].sources == ("a", "b", "c")
    assert events[0].date == day(2022, 11, 9)  # the most precise date wins


def test_same_type_different_place_and_time_stay_apart():
    events = merger()(
        [
            mention("a", 1, places=("kyiv",), date=month(2022, 3)),
            mention("b", 1, places=("kherson",), date=day(2022, 11, 9)),
        ]
    )
    assert len(events) == 2


def test_nearby_places_are_compatible_far_ones_are_not():
    m = merger()
    assert len(m([mention("a", 1, places=("kherson",)), mention("b", 1, places=("nova-kakhovka",))])) == 1
    assert len(m([mention("a", 1, places=("kherson",)), mention("b", 1, places=("kyiv",))])) == 2


def test_different_factuality_stays_apart():
    events = merger()([mention("a", 1), mention("b", 1, factuality=Factuality.NEGATED)])
    assert len(events) == 2


def test_statements_need_the_same_speaker():
    events = merger()(
        [
            mention(
                "a",
                1,
                "Statement",
                agents=("minister",),
                places=(),
                date=day(2022, 11, 9),
                topic="Withdrawal",
            ),
            mention(
                "b", 1, "Statement", agents=("someone",), places=(), date=day(2022, 11, 9), topic="Withdrawal"
            ),
        ]
    )
    assert len(events) == 2


def test_announcement_by_a_minister_is_the_countrys_announcement():
    def affiliation(k):
        return "russia" if k == "minister" else None

    events = merger(affiliation)(
        [
            mention("a", 1, "Announcement", agents=("minister",), date=day(2022, 11, 9), topic="Withdrawal"),
            mention("b", 1, "Statement", agents=("russia",), topic="Withdrawal"),
        ]
    )
    assert len(events) == 1
    assert events[0].event_type == "Announcement"


def test_result_does_not_depend_on_input_order():
    ms = [mention("a", 5, date=day(2022, 11, 9)), mention("b", 7), mention("c", 1, places=("kyiv",))]
    one = merger()(ms)
    two = merger()(list(reversed(ms)))
    assert [(e.id, e.sources) for e in one] == [(e.id, e.sources) for e in two]


def test_label_is_a_short_sentence():
    (event,) = merger()([mention("a", 1)])
    assert event.label == "Withdrawal by Russia in Kherson"


def test_a_dated_event_without_place_does_not_join_an_undated_placed_one():
    events = merger()(
        [
            mention("a", 1, places=("kherson",)),
            mention("b", 1, places=(), date=month(2022, 3)),
        ]
    )
    assert len(events) == 2


def test_label_names_the_source_when_no_actor_is_known():
    (event,) = merger()([mention("a", 1, agents=(), places=(), according_to="minister")])
    assert event.label == "Withdrawal (according to A Minister)"


def test_same_trigger_joins_a_mention_with_no_actor_or_place_when_the_articles_agree():
    # "b" names no one in the sentence of its quake, but elsewhere it names what "a" names.
    ms = [
        mention("a", 1, "Earthquake", agents=(), places=("kherson",), trigger="quake"),
        mention("b", 1, "Earthquake", agents=(), places=(), trigger="quake"),
        mention("b", 9, "Rescue", agents=("minister",), places=("kherson",), trigger="rescue"),
    ]
    events = merger()(ms)
    (quake,) = [e for e in events if e.event_type == "Earthquake"]
    assert quake.sources == ("a", "b")
    # By actors and places alone, the two quakes share nothing.
    assert len(EventMerger(ENTITIES, str, same_trigger=False)(ms)) == 3


def test_same_trigger_needs_articles_about_the_same_things():
    ms = [
        mention("a", 1, "Earthquake", agents=(), places=("kherson",), trigger="quake"),
        mention("b", 1, "Earthquake", agents=(), places=(), trigger="quake"),
        mention("b", 9, "Rescue", agents=("someone",), places=("kyiv",), trigger="rescue"),
    ]
    assert len([e for e in merger()(ms) if e.event_type == "Earthquake"]) == 2
    # Nor does a different word join by that route.
    ms[1] = mention("b", 1, "Earthquake", agents=(), places=(), trigger="tremor")
    ms[2] = mention("b", 9, "Rescue", agents=("minister",), places=("kherson",), trigger="rescue")
    assert len([e for e in merger()(ms) if e.event_type == "Earthquake"]) == 2


def test_same_trigger_does_not_join_different_agents_or_far_places():
    context = mention(
        "c", 1, "Rescue", agents=("russia", "ukraine"), places=("kherson", "kyiv"), trigger="rescue"
    )
    by_russia = mention("a", 1, "Attack", agents=("russia",), places=(), trigger="attack")
    by_ukraine = mention("b", 1, "Attack", agents=("ukraine",), places=(), trigger="attack")
    in_kyiv = mention("b", 1, "Attack", agents=(), places=("kyiv",), trigger="attack")
    in_kherson = mention("a", 1, "Attack", agents=(), places=("kherson",), trigger="attack")
    rescue_a = replace(context, article_id="a")
    rescue_b = replace(context, article_id="b")
    for pair in ((by_russia, by_ukraine), (in_kherson, in_kyiv)):
        events = merger()([*pair, rescue_a, rescue_b])
        assert len([e for e in events if e.event_type == "Attack"]) == 2


def test_same_trigger_keeps_factuality_and_leaves_speech_acts_to_their_speakers():
    shared = [
        mention(x, 9, "Rescue", agents=("minister",), places=("kherson",), trigger="rescue") for x in "ab"
    ]
    negated = [
        mention("a", 1, "Earthquake", agents=(), places=(), trigger="quake"),
        mention("b", 1, "Earthquake", agents=(), places=(), trigger="quake", factuality=Factuality.NEGATED),
    ]
    assert len([e for e in merger()([*negated, *shared]) if e.event_type == "Earthquake"]) == 2
    said = [mention(x, 1, "Statement", agents=(), places=(), trigger="say") for x in "ab"]
    assert len([e for e in merger()([*said, *shared]) if e.event_type == "Statement"]) == 2


def test_clusters_left_apart_by_arrival_order_are_joined():
    # "b" arrives before anything ties it to "a"; "c" names both actors and joins "a" first.
    events = merger()(
        [
            mention("a", 1, agents=("minister",), places=()),
            mention("b", 1, agents=("someone",), places=()),
            mention("c", 1, agents=("minister", "someone"), places=()),
        ]
    )
    assert [e.sources for e in events] == [("a", "b", "c")]


def test_a_place_the_gazetteer_cannot_locate_is_no_conflict():
    m = merger()
    assert m.places_compatible({"kherson"}, {"somewhere-unknown"})
    assert not m.places_compatible({"kherson"}, {"kyiv"})


def test_article_context_and_corroborated():
    a = mention("a", 1, agents=("russia",), places=("kherson",))
    b = mention("b", 1, agents=(), places=())
    c = mention("b", 5, agents=(), places=("kherson",), patients=("ukraine",))
    context = article_context([a, b, c])
    assert context == {"a": {"russia", "kherson"}, "b": {"kherson", "ukraine"}}
    assert corroborated(a, b, context)
    assert not corroborated(a, b, context, min_shared=2)
    assert not corroborated(a, b, {"a": frozenset({"russia"}), "b": frozenset({"ukraine"})})
