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
from graph.merge_rules import (
    ambiguous,
    content_words,
    count_of,
    disjoint_dates,
    own_prospect,
    said_on,
    same_reporter,
    same_words,
    settlements_differ,
    sources_agree,
    sources_of,
    word_senses,
)
from graph.merge_speech import figures_said
from graph.records import DateSpan, Entity, EntityKind, Evidence, Factuality, Figure, Mention, Precision
from graph.synonyms import TriggerSynonyms

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


def test_periods_that_share_only_an_end_day_are_consecutive():
    def span(b, e):
        return DateSpan(b, e, Precision.MONTH, "x")

    before = span(dt.date(2022, 8, 11), dt.date(2022, 9, 11))
    after = span(dt.date(2022, 9, 11), dt.date(2022, 11, 11))
    assert not dates_compatible(before, after) and not dates_compatible(after, before)
    assert dates_compatible(before, day(2022, 9, 11))
    assert dates_compatible(before, span(dt.date(2022, 9, 10), dt.date(2022, 9, 20)))


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


def test_the_capture_of_one_town_is_not_that_of_another_nearby():
    towns = {
        **ENTITIES,
        "kherson": replace(ENTITIES["kherson"], settlement=True),
        "nova-kakhovka": replace(ENTITIES["nova-kakhovka"], settlement=True),
        "kherson-oblast": Entity("kherson-oblast", "Kherson Oblast", EntityKind.PLACE, lat=46.75, long=33.35),
    }
    merge = EventMerger(towns, EventLabeler(towns, str))

    def capture(article, place, event_type="Capture"):
        return mention(article, 1, event_type, places=(place,))

    taken = merge([capture("a", "kherson"), capture("b", "nova-kakhovka"), capture("c", "kherson-oblast")])
    # Two towns 60 km apart are two captures; the region holds either.
    assert sorted(e.sources for e in taken) == [("a", "c"), ("b",)]
    assert settlements_differ({"kherson"}, {"nova-kakhovka"}, towns)
    assert not settlements_differ({"kherson"}, {"kherson-oblast"}, towns)
    # A withdrawal reported from two nearby towns may be one.
    left = merge([capture("a", "kherson", "Withdrawal"), capture("b", "nova-kakhovka", "Withdrawal")])
    assert len(left) == 1


def test_a_capture_known_only_by_its_taker_joins_no_other_reports_capture():
    weeks = mention("a", 1, "Capture", agents=("ukraine",), places=())
    past_day = mention("b", 1, "Capture", agents=("ukraine",), places=(), date=day(2022, 11, 9))
    same_report = mention("a", 9, "Capture", agents=("ukraine",), places=())
    assert sorted(e.sources for e in merger()([weeks, past_day, same_report])) == [("a",), ("b",)]
    # Placed on both sides, or dated on both, two reports can still tell one capture.
    placed = [mention(x, 1, "Capture", agents=("ukraine",)) for x in ("a", "b")]
    assert len(merger()(placed)) == 1


def test_nearby_places_are_compatible_far_ones_are_not():
    m = merger()
    assert len(m([mention("a", 1, places=("kherson",)), mention("b", 1, places=("nova-kakhovka",))])) == 1
    assert len(m([mention("a", 1, places=("kherson",)), mention("b", 1, places=("kyiv",))])) == 2


def test_different_factuality_stays_apart():
    events = merger()([mention("a", 1), mention("b", 1, factuality=Factuality.NEGATED)])
    assert len(events) == 2


def test_a_states_words_and_its_officials_giving_the_same_figure_are_one_statement():
    def affiliation(k):
        return "russia" if k == "minister" else None

    def report(article, speaker, value, date=None, quote="something else entirely"):
        said = mention(article, 1, "Statement", agents=(speaker,), places=(), topic="Casualties", date=date)
        said = replace(said, quote=quote)
        figure = Figure(value=value, unit="casualties", text=str(value))
        losses = mention(article, 5, "Casualties", agents=(), places=(), figures=(figure,))
        return [said, losses]

    same = report("a", "russia", 100_000.0) + report("b", "minister", 100_000.0, day(2022, 11, 9), "many")
    assert figures_said(same, {"Statement"}) == {id(same[0]): {100_000.0}, id(same[2]): {100_000.0}}
    statements = [e for e in merger(affiliation)(same) if e.event_type == "Statement"]
    assert [e.sources for e in statements] == [("a", "b")]
    other = report("a", "russia", 100_000.0) + report("b", "minister", 40_000.0, day(2022, 11, 9), "many")
    statements = [e for e in merger(affiliation)(other) if e.event_type == "Statement"]
    assert sorted(e.sources for e in statements) == [("a",), ("b",)]


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


def test_a_persons_undated_remarks_in_sentences_next_to_each_other_are_one_act():
    def said(start, end):
        m = mention("a", start, "Statement", agents=("minister",), places=())
        return replace(m, evidence=Evidence("a", start, end, "sentence"))

    thanked, post, much_later = said(0, 20), said(21, 60), said(900, 950)
    assert sorted(len(e.mentions) for e in merger()([thanked, post, much_later])) == [1, 2]


def test_remarks_the_article_dated_as_one_occasion_are_one_act_whatever_their_subject():
    week = DateSpan(dt.date(2022, 11, 7), dt.date(2022, 11, 11), Precision.WEEK, "this week")
    same = replace(week, expression="this week (the same remarks, earlier)")
    repeated = mention("a", 1, "Statement", agents=("minister",), places=(), date=week, topic="Negotiation")
    said = mention("a", 50, "Statement", agents=("minister",), places=(), date=same, topic="Withdrawal")
    assert len(merger()([repeated, said])) == 1
    # Dated alike by the text itself, the two are told apart by their subjects.
    assert len(merger()([repeated, replace(said, date=week)])) == 2


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


def test_label_says_to_whom_an_appeal_is_made_and_on_whom_remarks_are():
    def one(event_type):
        (event,) = merger()([mention("a", 1, event_type, places=(), patients=("ukraine",))])
        return event.label

    assert one("Appeal") == "Appeal by Russia to Ukraine"
    assert one("Statement") == "Statement by Russia on Ukraine"
    assert one("Attack") == "Attack by Russia of Ukraine"


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


def test_a_bare_mention_needs_more_than_one_organisation_or_a_country_in_common():
    people = {
        **ENTITIES,
        "bbc": Entity("bbc", "BBC", EntityKind.ORGANISATION),
        "navy": Entity("navy", "A Navy", EntityKind.ORGANISATION),
    }
    merge = EventMerger(people, EventLabeler(people, str))
    # "pirates attacked a ship, the BBC said" and, in a software story, "targeted attacks".
    ms = [
        mention("a", 1, "Attack", agents=("navy",), places=(), trigger="attack"),
        mention("a", 9, "Statement", agents=("bbc",), places=("russia",), trigger="say"),
        mention("b", 1, "Attack", agents=(), places=(), trigger="attack"),
        mention("b", 9, "Statement", agents=("bbc",), places=("russia",), trigger="say"),
    ]
    assert len([e for e in merge(ms) if e.event_type == "Attack"]) == 2
    # A place in common (test above) or an argument in common is enough.
    ms[2] = mention("b", 1, "Attack", agents=(), places=(), patients=("navy",), trigger="attack")
    assert len([e for e in merge(ms) if e.event_type == "Attack"]) == 1


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


def test_synonymous_triggers_join_like_one_lemma():
    # "The minister killed someone" in one article, "someone was murdered" in another.
    killed = mention(
        "a", 1, "Casualties", agents=("minister",), places=(), trigger="kill", patients=("someone",)
    )
    murdered = mention("b", 1, "Casualties", agents=(), places=(), trigger="murder", patients=("someone",))
    synonyms = TriggerSynonyms.from_file()
    with_synonyms = EventMerger(ENTITIES, EventLabeler(ENTITIES, str), synonyms=synonyms)
    (event,) = with_synonyms([killed, murdered])
    assert event.sources == ("a", "b") and event.agents == ("minister",)
    assert [m.trigger for m in event.mentions] == ["kill", "murder"]  # each keeps its own word
    # Each lemma alone (no table), or a word of another group, stays apart.
    assert len(merger()([killed, murdered])) == 2
    attacked = replace(murdered, trigger="attack")
    assert len(with_synonyms([killed, attacked])) == 2


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


def test_same_trigger_keeps_apart_victims_a_vague_mention_would_chain():
    people = {
        **ENTITIES,
        "anne-smith": Entity("anne-smith", "Anne Smith", EntityKind.PERSON),
        "bo-jones": Entity("bo-jones", "Bo Jones", EntityKind.PERSON),
        "smith": Entity("smith", "Smith", EntityKind.PERSON),
    }
    context = [mention(a, 9, "Rescue", agents=(), places=("kherson",), trigger="rescue") for a in "abc"]

    def killed(article, start, *patients):
        return mention(article, start, "Casualties", agents=(), places=(), trigger="kill", patients=patients)

    # "They killed my sister" pairs with any killing; the cluster's victim is Anne Smith.
    ms = [killed("a", 1, "anne-smith"), killed("a", 5), killed("b", 1, "bo-jones"), *context]
    events = EventMerger(people, EventLabeler(people, str))(ms)
    assert sorted(e.sources for e in events if e.event_type == "Casualties") == [("a",), ("b",)]
    # The same victim named by surname alone in another report is no conflict.
    ms[2] = killed("b", 1, "smith")
    events = EventMerger(people, EventLabeler(people, str))(ms)
    assert [e.sources for e in events if e.event_type == "Casualties"] == [("a", "b")]


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


def _at(article, start, sentence_start, **kw):
    m = mention(article, start, **kw)
    return replace(m, evidence=Evidence(article, sentence_start, sentence_start + 10, "sentence"))


def test_sources_of_gives_a_prospect_to_the_speaker_of_its_sentence():
    said = _at("a", 1, 0, event_type="Statement", agents=("russia",), places=(), topic="Negotiation")
    talks = _at("a", 5, 0, event_type="Negotiation", places=(), factuality=Factuality.HYPOTHETICAL)
    elsewhere = _at("a", 50, 40, event_type="Negotiation", places=(), factuality=Factuality.HYPOTHETICAL)
    narrated = _at("a", 6, 0, event_type="Negotiation", places=())
    reported = _at("a", 7, 0, event_type="Negotiation", places=(), according_to="someone")
    sources = sources_of([said, talks, elsewhere, narrated, reported])
    assert sources[id(talks)] == "russia"
    assert sources[id(elsewhere)] is None
    assert sources[id(narrated)] is None  # an asserted event in a speaker's sentence is the narrator's
    assert sources[id(reported)] == "someone"
    assert sources[id(said)] is None


def test_same_reporter_rule():
    m = mention("b", 1)
    assert same_reporter("asserted", {"x", None}, {"a"}, m, "y")
    assert same_reporter("hypothetical", {"x"}, {"a"}, m, "x")
    assert not same_reporter("hypothetical", {"x"}, {"a"}, m, "y")
    assert not same_reporter("hypothetical", {None}, {"a"}, m, None)  # nobody's prospect, other article
    assert same_reporter("hypothetical", {None}, {"b"}, m, None)


def test_prospects_of_different_reporters_stay_apart_and_one_reporters_join():
    def talks(article, who, agents=()):
        return mention(
            article,
            1,
            "Negotiation",
            agents=agents,
            places=(),
            factuality=Factuality.HYPOTHETICAL,
            according_to=who,
        )

    events = merger()(
        [talks("a", "minister", ("russia",)), talks("b", "someone", ("russia",)), talks("c", "minister")]
    )
    assert sorted(e.sources for e in events) == [("a", "c"), ("b",)]


def test_a_narrators_prospect_of_someones_own_act_is_that_ones_prospect():
    def talks(article, start, agents, who):
        hypothetical = Factuality.HYPOTHETICAL
        return mention(
            article, start, "Negotiation", agents=agents, places=(), factuality=hypothetical, according_to=who
        )

    # "Russia has said it is open to talks" (a), "'Russia ready for talks'" (b), and Russia's
    # prospect again (b): one prospect; a narrator's prospect of Ukraine's talks is another.
    mentions = [talks("a", 1, ("russia",), "russia"), talks("b", 1, ("russia",), None)]
    mentions += [talks("b", 5, ("russia",), "russia"), talks("b", 9, ("ukraine",), None)]
    events = merger()(mentions)
    assert sorted(e.sources for e in events) == [("a", "b"), ("b",)]
    assert own_prospect({"russia"}, mentions[1], None) == "russia"
    assert own_prospect({"russia"}, mentions[3], None) is None
    assert own_prospect({"russia"}, mentions[1], "someone") is None


def test_one_reporters_prospects_voiced_on_different_days_stay_apart():
    def said(article, start, date):
        return _at(article, start, start, event_type="Statement", agents=("zelensky",), places=(), date=date)

    def talks(article, start):
        hypothetical = Factuality.HYPOTHETICAL
        return _at(
            article,
            start + 1,
            start,
            event_type="Negotiation",
            places=(),
            factuality=hypothetical,
            according_to="zelensky",
        )

    tuesday, thursday = day(2022, 11, 8), day(2022, 11, 10)
    mentions = [said("a", 0, tuesday), talks("a", 0), said("b", 0, thursday), talks("b", 0)]
    mentions += [said("c", 0, tuesday), talks("c", 0), said("d", 40, None), talks("d", 40)]
    assert said_on(mentions, sources_of(mentions)) == {
        id(mentions[1]): tuesday,
        id(mentions[3]): thursday,
        id(mentions[5]): tuesday,
    }
    events = [e for e in merger()(mentions) if e.event_type == "Negotiation"]
    # Tuesday's prospect in a and c (and the undated d) is one; Thursday's in b is another.
    assert sorted(e.sources for e in events) == [("a", "c", "d"), ("b",)]


def test_an_undated_mention_fitting_events_of_disjoint_dates_joins_neither():
    events = merger()(
        [
            mention(
                "a",
                1,
                "Annexation",
                places=("kherson",),
                date=DateSpan(dt.date(2014, 1, 1), dt.date(2014, 12, 31), Precision.YEAR, "2014"),
            ),
            mention("b", 1, "Annexation", places=()),
            mention("c", 1, "Annexation", places=("nova-kakhovka",), date=month(2022, 9)),
        ]
    )
    assert sorted(e.sources for e in events) == [("a",), ("b",), ("c",)]
    assert disjoint_dates(month(2022, 9), day(2022, 10, 1)) and not ambiguous(month(2022, 9), [None])


def test_a_bare_mention_stays_with_its_own_reports_event_though_another_report_has_a_rival():
    # "Russia annexed Nova Kakhovka in September. … Russia says it annexed it." beside another
    # report's annexation of 2014.
    year_2014 = DateSpan(dt.date(2014, 1, 1), dt.date(2014, 12, 31), Precision.YEAR, "2014")
    told = mention("a", 1, "Annexation", places=("nova-kakhovka",), date=month(2022, 9))
    again = mention("a", 9, "Annexation", places=())
    rival = mention("b", 1, "Annexation", places=("kherson",), date=year_2014)
    assert sorted(e.sources for e in merger()([told, again, rival])) == [("a",), ("b",)]
    # When its own report tells both, the bare mention is ambiguous and joins neither.
    own_rival = replace(rival, article_id="a", trigger_start=20)
    assert len(merger()([told, again, own_rival])) == 3


def test_known_agents_that_differ_do_not_merge_by_a_shared_country_but_do_by_a_town():
    def by(article, who, places):
        return mention(article, 1, agents=(who,), places=places)

    assert len(merger()([by("a", "russia", ("ukraine",)), by("b", "ukraine", ("ukraine",))])) == 2
    assert len(merger()([by("a", "russia", ("kherson",)), by("b", "ukraine", ("kherson",))])) == 1


def test_in_one_article_events_tied_by_actors_alone_need_the_same_reporter():
    attributed = mention("a", 1, places=(), according_to="minister")
    narrated = mention("a", 9, places=())
    assert len(merger()([attributed, narrated])) == 2
    # Across articles, outlets attribute one event differently; a shared place is evidence too.
    assert len(merger()([attributed, replace(narrated, article_id="b")])) == 1
    assert (
        len(merger()([replace(attributed, places=("kherson",)), replace(narrated, places=("kherson",))])) == 1
    )
    assert sources_agree({None}, {"a"}, narrated, None, shared_place=False, dated=False)
    assert not sources_agree({"minister"}, {"a"}, narrated, None, shared_place=False, dated=False)


def test_only_a_person_speaks_on_one_occasion_whatever_the_subject():
    def said(article, who, topic):
        return mention(article, 1, "Statement", agents=(who,), places=(), date=day(2022, 11, 10), topic=topic)

    assert len(merger()([said("a", "minister", "Capture"), said("b", "minister", None)])) == 1
    assert len(merger()([said("a", "ukraine", "Capture"), said("b", "ukraine", None)])) == 2


def test_an_institutions_undated_remarks_in_two_reports_are_one_only_in_the_same_words():
    def said(article, quote, date=None):
        return mention(
            article,
            1,
            "Statement",
            agents=("ukraine",),
            places=(),
            date=date,
            topic="Withdrawal",
            quote=quote,
        )

    apart = merger()(
        [said("a", "Russia is unlikely to leave without a fight"), said("b", "no evidence of a retreat")]
    )
    assert len(apart) == 2
    alike = merger()([said("a", "it is open to negotiations"), said("b", "it is open to talks")])
    assert len(alike) == 1
    dated = merger()([said("a", "x", day(2022, 11, 9)), said("b", "y", day(2022, 11, 9))])
    assert len(dated) == 1
    # In one report too, an institution's remarks (many officials, many occasions) need the same words.
    one_report = merger()(
        [said("a", "unlikely to leave"), replace(said("a", "no evidence"), trigger_start=50)]
    )
    assert len(one_report) == 2


def test_content_words_leave_out_function_words_and_short_words():
    assert content_words("It is open to the negotiations that were said") == {"open", "negotiations"}
    assert content_words("Russia is ready") == {"ready"}
    assert same_words("open to talks", "it is open to negotiations")
    assert not same_words("Russia is unlikely to leave", "Russia has no evidence")
    assert not same_words("unlikely to leave", "no evidence of withdrawal")
    assert not same_words(None, "open")
    # A word the two count differently is no shared word; counts that can both hold are.
    assert not same_words("recaptured over 40 towns and villages", "took a dozen villages")
    assert same_words("recaptured over 40 towns and villages", "liberated 41 villages")
    assert same_words("a dozen villages were taken", "the villages were taken")
    assert count_of("more than 100,000 Russian military personnel", "personnel").qualifier == "more than"
    assert count_of("the villages", "villages") is None


def test_casualties_of_different_parties_stay_apart():
    def killed(article, start, patients):
        return mention(article, start, "Casualties", agents=(), places=(), patients=patients)

    events = merger()(
        [killed("a", 1, ("ukraine",)), killed("b", 1, ("russia",)), killed("c", 1, ("russia",))]
    )
    assert sorted(len(e.mentions) for e in events) == [1, 2]


def test_a_bare_event_noun_someone_speaks_of_is_its_articles_event_of_that_name():
    # "Russia withdrew from Kherson. … Milley said a full withdrawal could take weeks."
    narrated = mention("a", 1, trigger="withdrawal")
    spoken_of = mention("a", 9, agents=(), places=(), trigger="withdrawal", according_to="minister")
    assert len(merger()([narrated, spoken_of])) == 1
    # Tied by an actor alone, an attributed event stays apart (see the rule above).
    attributed = mention("a", 9, places=(), trigger="withdrawal", according_to="minister")
    assert len(merger()([replace(narrated, places=()), attributed])) == 2


def test_a_persons_remarks_the_article_leaves_undated_are_another_occasion():
    def said(start, date=None, topic=None, quote="x"):
        return mention(
            "a", start, "Statement", agents=("minister",), places=(), date=date, topic=topic, quote=quote
        )

    thursday = day(2022, 11, 10)
    # The address is dated; words "said on Twitter" that the dater left undated are not of it.
    assert len(merger()([said(1, thursday), said(5, thursday), said(9)])) == 2
    # Two undated remarks on nothing in particular: one only in the same words.
    assert len(merger()([said(1, quote="air shield"), said(9, quote="strategic feint")])) == 2
    assert len(merger()([said(1, quote="air shield"), said(9, quote="an air shield")])) == 1
    # On one subject in one report: one occasion paraphrased.
    assert len(merger()([said(1, topic="Withdrawal"), said(9, topic="Withdrawal")])) == 1


def test_a_persons_undated_warning_told_in_synonyms_by_two_reports_is_one_act():
    def said(article, quote, topic=None, agents=("minister",), date=None):
        return mention(article, 1, "Statement", agents=agents, places=(), topic=topic, quote=quote, date=date)

    with_synonyms = EventMerger(ENTITIES, EventLabeler(ENTITIES, str), synonyms=TriggerSynonyms.from_file())
    feigning = said("a", "Russia could be strategically feigning rather than suffering a setback")
    pretending = said("b", "Russians are pretending to retreat from Kherson", topic="Withdrawal")
    assert len(with_synonyms([feigning, pretending])) == 1
    assert len(with_synonyms([pretending, feigning])) == 1
    # Words of different groups, a state's many voices, a dated remark, or each lemma alone: apart.
    assert len(with_synonyms([said("a", "Russia is strong"), pretending])) == 2
    assert (
        len(
            with_synonyms(
                [
                    said("a", "feigning", agents=("russia",)),
                    said("b", "pretending", "Withdrawal", ("russia",)),
                ]
            )
        )
        == 2
    )
    assert len(with_synonyms([said("a", "feigning", date=day(2022, 11, 9)), pretending])) == 2
    assert len(merger()([feigning, pretending])) == 2


def test_a_dated_remark_on_no_subject_joins_the_act_later_reports_date():
    # The headline's undated words begin the act; "the general said Wednesday" comes before any
    # report dates the act; another report's Wednesday remarks date it.
    headline = mention("a", 1, "Statement", agents=("minister",), places=(), topic="Negotiation")
    said_wednesday = mention("a", 5, "Statement", agents=("minister",), places=(), date=day(2022, 11, 9))
    dated = replace(said_wednesday, article_id="b", topic="Negotiation")
    (event,) = merger()([headline, said_wednesday, dated])
    assert event.sources == ("a", "b")
    # Said another day, or by another person, it stays apart.
    thursday = replace(said_wednesday, date=day(2022, 11, 10))
    assert len(merger()([headline, thursday, dated])) == 2
    someone = replace(said_wednesday, agents=("someone",))
    assert len(merger()([headline, someone, dated])) == 2


def test_an_institutions_untold_remarks_and_next_to_them_its_spokesmans_words_are_one_act():
    # "Military officials in Kyiv reiterated that caution on Thursday. '…,' said <spokesman>."
    def at(start, end, agents, quote=None, topic=None, date=None):
        m = mention("a", start, "Statement", agents=agents, places=(), quote=quote, topic=topic, date=date)
        return replace(m, evidence=Evidence("a", start, end, "sentence"))

    def for_ukraine(key):
        return "ukraine" if key == "minister" else None

    officials = at(0, 50, ("ukraine",), date=day(2022, 11, 10))
    spokesman = at(52, 120, ("minister",), quote="we cannot confirm it", topic="Withdrawal")
    assert len(merger(for_ukraine)([officials, spokesman])) == 1
    # Not its spokesman, not next to it, or the institution's own words given: two acts.
    assert len(merger()([officials, spokesman])) == 2
    assert (
        len(merger(for_ukraine)([officials, replace(spokesman, evidence=Evidence("a", 900, 950, "s"))])) == 2
    )
    assert len(merger(for_ukraine)([replace(officials, quote="no evidence yet"), spokesman])) == 2


def test_same_words_in_synonyms_read_inflections_and_leave_out_event_words():
    synonyms = TriggerSynonyms.from_file()
    assert word_senses("feigning", synonyms) & word_senses("pretending", synonyms)
    assert word_senses("stopping", synonyms) == word_senses("stop", synonyms) != set()
    assert word_senses("zzzz", synonyms) == set()
    assert same_words("strategically feigning", "pretending to retreat", groups=synonyms)
    assert not same_words("strategically feigning", "pretending to retreat")
    # "taken" and "recaptured" name the event being merged (a capture), not what was said of it.
    assert not same_words("taken the villages", "recaptured towns", {"take", "recapture"}, synonyms)


def test_an_institutions_remarks_in_one_report_are_one_only_in_the_same_words_beyond_event_names():
    def said(start, quote):
        return mention(
            "a",
            start,
            "Statement",
            agents=("ukraine",),
            places=(),
            topic="Negotiation",
            quote=quote,
            trigger="say",
        )

    ready = said(1, "neither side appears ready for serious negotiations")
    needed = said(9, "negotiations will be needed at some point")
    assert len(merger()([ready, needed, mention("a", 20, "Negotiation", trigger="negotiation")])) == 3
    again = said(30, "neither side is ready yet")
    assert len([e for e in merger()([ready, again]) if e.event_type == "Statement"]) == 1
    assert not same_words("ready for talks", "talks are needed", ignore={"talk"})


def test_a_bare_deed_its_reporter_tells_again_in_the_same_report_is_that_deed():
    # "Kyiv forces have recaptured 40 towns, Zelensky said. … Zelensky said 41 settlements
    # have been liberated."
    told = mention(
        "a", 1, "Capture", agents=("ukraine",), places=(), trigger="recapture", according_to="minister"
    )
    retold = mention("a", 9, "Capture", agents=(), places=(), trigger="liberate", according_to="minister")
    assert len(merger()([told, retold])) == 1
    # Another reporter, or another report, is no evidence.
    assert len(merger()([told, replace(retold, according_to="someone")])) == 2
    assert len(merger()([told, replace(retold, article_id="b")])) == 2


def test_a_states_announcement_of_no_subject_is_its_announcement_of_that_day():
    wednesday = day(2022, 11, 9)

    def announced(article, start, date, topic=None, agents=("russia",)):
        return mention(article, start, "Announcement", agents=agents, places=(), date=date, topic=topic)

    about = announced("a", 1, wednesday, "Withdrawal")
    assert len(merger()([about, announced("b", 5, wednesday)])) == 1
    assert len(merger()([about, announced("b", 5, day(2022, 11, 10))])) == 2
    assert len(merger()([about, announced("b", 5, wednesday, agents=("ukraine",))])) == 2


def test_a_state_speaks_in_its_officials_words():
    def urged(article, agents, quote):
        return mention(article, 1, "Appeal", agents=agents, places=(), topic="Negotiation", quote=quote)

    state = urged("a", ("russia",), "to declare a willingness to talk")
    in_words = urged("b", ("minister",), "to show greater willingness to consider talks")
    other_words = urged("b", ("minister",), "to stop the shelling")
    by_minister = merger(affiliation=lambda k: "russia" if k == "minister" else None)
    assert len(by_minister([state, in_words])) == 1
    assert len(by_minister([state, other_words])) == 2


def test_a_country_holds_its_places_except_as_what_is_left_or_taken():
    in_ukraine = {"kherson": "ukraine", "nova-kakhovka": "ukraine", "kyiv": "ukraine"}
    merge = EventMerger(ENTITIES, EventLabeler(ENTITIES, str), country_of=in_ukraine.get)
    # "Russia annexed four Ukrainian regions" and "Kherson was one of the regions Russia annexed".
    assert merge.places_compatible({"ukraine"}, {"kherson"}, "Annexation")
    assert not merger().places_compatible({"ukraine"}, {"kherson"}, "Annexation")  # Kyiv is 450 km off
    # A withdrawal from all of Ukraine is not the withdrawal from Kherson.
    assert not merge.places_compatible({"ukraine"}, {"kherson"}, "Withdrawal")
    assert not merge.places_compatible({"russia"}, {"kherson"}, "Annexation")


def test_a_report_tells_as_done_only_what_had_happened_when_it_was_published():
    published = {"a": dt.date(2022, 11, 11), "b": dt.date(2022, 11, 12)}
    merge = EventMerger(ENTITIES, EventLabeler(ENTITIES, str), published=published)
    undated = mention("a", 0, "Casualties", agents=("russia",), places=("kherson",))
    later = mention("b", 0, "Casualties", agents=("russia",), places=("kherson",), date=day(2022, 11, 12))
    # In either order: the report of 11 November cannot tell the deaths of 12 November.
    assert len(merge([undated, later])) == 2
    assert len(merge([later, undated])) == 2
    # An event of the day the report came out, or before, is one it can tell.
    same_day = replace(later, date=day(2022, 11, 11))
    assert len(merge([undated, same_day])) == 1
    # Without publication dates nothing is known, and the rule keeps out of the way.
    assert len(merger()([undated, later])) == 1


def test_a_telling_count_two_reports_give_joins_their_mentions():
    def arrest(article, value, date=None):
        figure = Figure(value=value, unit="people", text=f"{value:g} people")
        return mention(article, 0, "Arrest", agents=(), places=(), date=date, figures=(figure,))

    wednesday = day(2023, 3, 8)
    # Nothing but the count ties them: 66 people arrested that night in both reports.
    assert len(merger()([arrest("a", 66.0), arrest("b", 66.0, wednesday)])) == 1
    # A round count may be said of many events; another count is another event.
    assert len(merger()([arrest("a", 50.0), arrest("b", 50.0, wednesday)])) == 2
    assert len(merger()([arrest("a", 66.0), arrest("b", 67.0, wednesday)])) == 2
    # The other rules still hold: counts of events months apart are two events.
    assert len(merger()([arrest("a", 66.0, day(2023, 1, 4)), arrest("b", 66.0, wednesday)])) == 2
