"""Readings a trigger's context rules in or out (graph.event_sense, graph/data/grammar.tsv,
graph/data/conditional_triggers.tsv), on made-up sentences through the whole pipeline: the real
spaCy model, gazetteer, word classes and lexicon."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.pipeline import Components, extract


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


def extracted(components: Components, tmp_path, text: str, published: str = "2022-11-15"):
    """What the pipeline makes of ``text`` as one article published on ``published``."""
    (tmp_path / "a.txt").write_text(f"Published: {published}\n\n{text}\n", encoding="utf-8")
    return extract([tmp_path], components)


def mentions(components: Components, tmp_path, text: str, published: str = "2022-11-15"):
    """(type, trigger, date begin and end, place names) of each mention the pipeline extracts."""
    extraction = extracted(components, tmp_path, text, published)
    names = {k: e.name for k, e in extraction.entities.items()}
    return sorted(
        (
            m.event_type,
            m.trigger,
            (m.date.begin, m.date.end) if m.date else None,
            tuple(names[k] for k in m.places),
        )
        for e in extraction.events
        for m in e.mentions
    )


D = dt.date


def test_a_bout_of_illness_is_no_attack_or_arrest_and_the_death_keeps_its_date(components, tmp_path):
    assert mentions(components, tmp_path, "The singer died of a heart attack on Monday.") == [
        ("Casualties", "die", (D(2022, 11, 14), D(2022, 11, 14)), ())
    ]
    found = mentions(components, tmp_path, "The former minister died of cardiac arrest in 2019.")
    assert [(kind, date) for kind, _, date, _ in found] == [("Casualties", (D(2019, 1, 1), D(2019, 12, 31)))]
    # An attack with no ailment word stays an attack.
    found = mentions(components, tmp_path, "Russian forces attacked Kherson on Monday.")
    assert [kind for kind, *_ in found] == ["Attack"]


def test_what_one_dies_of_is_the_cause_not_what_is_killed(components, tmp_path):
    # "cancer" is a nonparty: fighting it is no fight, but dying of it is a death.
    found = mentions(components, tmp_path, "The patient died of cancer in 2019.")
    assert [(kind, date) for kind, _, date, _ in found] == [("Casualties", (D(2019, 1, 1), D(2019, 12, 31)))]
    assert mentions(components, tmp_path, "Jobs fought pancreatic cancer for years.") == []


def test_wounds_died_of_are_the_same_death(components, tmp_path):
    found = mentions(components, tmp_path, "Three soldiers died of their wounds on Monday.")
    assert [(kind, trigger, date) for kind, trigger, date, _ in found] == [
        ("Casualties", "die", (D(2022, 11, 14), D(2022, 11, 14)))
    ]


def test_arrests_are_events_with_their_place_and_date(components, tmp_path):
    found = mentions(components, tmp_path, "Police arrested two men in Leeds on Saturday.")
    assert found == [("Arrest", "arrest", (D(2022, 11, 12), D(2022, 11, 12)), ("Leeds",))]
    # The place of what the object counts ("dozens of protesters in Tehran") is the arrest's.
    text = "Security forces detained dozens of protesters in Tehran on Friday."
    found = mentions(components, tmp_path, text)
    assert [places for kind, _, _, places in found if kind == "Arrest"] == [("Tehran",)]


def test_hit_is_an_attack_only_when_a_weapon_hits(components, tmp_path):
    found = mentions(components, tmp_path, "A missile hit an apartment block in Odesa on Monday.")
    assert [(kind, trigger, places) for kind, trigger, _, places in found] == [("Attack", "hit", ("Odesa",))]
    assert mentions(components, tmp_path, "Inflation hit households in Leeds on Monday.") == []


def test_a_participle_of_result_takes_the_place_and_day_of_its_event(components, tmp_path):
    found = mentions(
        components, tmp_path, "A missile hit an apartment block in Odesa on Monday, killing three people."
    )
    assert [(kind, date, places) for kind, _, date, places in found] == [
        ("Attack", (D(2022, 11, 14), D(2022, 11, 14)), ("Odesa",)),
        ("Casualties", (D(2022, 11, 14), D(2022, 11, 14)), ("Odesa",)),
    ]
    # With a conjunction of its own the clause is another time: it keeps none of them.
    found = mentions(
        components, tmp_path, "Russian forces attacked Kherson on Monday before killing three people."
    )
    assert [(kind, date, places) for kind, _, date, places in found if kind == "Casualties"] == [
        ("Casualties", None, ())
    ]


def test_crimes_of_violence_are_attacks_and_deaths(components, tmp_path):
    found = mentions(components, tmp_path, "A man was stabbed in Leeds on Saturday.")
    assert found == [("Attack", "stab", (D(2022, 11, 12), D(2022, 11, 12)), ("Leeds",))]
    found = mentions(components, tmp_path, "The mayor of Leeds was assassinated in 2019.")
    assert [(kind, trigger, date) for kind, trigger, date, _ in found] == [
        ("Casualties", "assassinate", (D(2019, 1, 1), D(2019, 12, 31)))
    ]


def test_troops_entering_a_place_take_it_and_no_one_else_entering_does(components, tmp_path):
    found = mentions(components, tmp_path, "Ukrainian forces entered the southern city of Kherson on Friday.")
    assert found == [("Capture", "enter", (D(2022, 11, 11), D(2022, 11, 11)), ("Kherson",))]
    assert mentions(components, tmp_path, "Thousands of refugees entered Poland on Friday.") == []
    assert mentions(components, tmp_path, "Ukrainian troops entered the talks on Friday.") == []


def test_soldiers_captured_are_prisoners_not_territory(components, tmp_path):
    found = mentions(
        components, tmp_path, "Ukraine said on Friday that Russian soldiers had been captured in Kherson."
    )
    assert [kind for kind, *_ in found] == ["Statement"]
    found = mentions(components, tmp_path, "Ukrainian forces captured the town of Lyman on Friday.")
    assert [(kind, places) for kind, _, _, places in found] == [("Capture", ("Lyman",))]


def test_what_a_quake_does_is_no_attack(components, tmp_path):
    text = "The earthquake struck southern Turkey on Monday, destroying thousands of buildings in Antakya."
    assert [kind for kind, *_ in mentions(components, tmp_path, text)] == []


def test_a_person_the_tagger_missed_is_read_by_the_gazetteer(components, tmp_path):
    # The small model tags this spelling as nothing here; the curated actors table knows it.
    text = (
        "Crowds celebrated in the centre of Kherson on Saturday.\n\n"
        'Zelenskiy said on Friday that Kherson was "ours" and that special units were in the city.'
    )
    extraction = extracted(components, tmp_path, text, "2022-11-12")
    speakers = [
        extraction.entities[k].name
        for e in extraction.events
        for m in e.mentions
        for k in m.agents
        if m.event_type == "Statement"
    ]
    assert speakers == ["Volodymyr Zelensky"]


def test_the_city_stands_for_the_town_named_just_before(components, tmp_path):
    text = (
        "Crowds celebrated in the centre of Kherson on Saturday, a day after Ukrainian troops "
        "took control of the city."
    )
    found = mentions(components, tmp_path, text)
    assert [(kind, places) for kind, _, _, places in found] == [("Capture", ("Kherson",))]
    # A country is no town: "the city" after "Ukraine" alone stands for nothing.
    found = mentions(
        components, tmp_path, "Ukrainian troops took control of the city on Friday, Ukraine said."
    )
    assert [(kind, places) for kind, _, _, places in found if kind == "Capture"] == [("Capture", ())]


def test_protesters_police_clash_with_are_not_the_polices(components, tmp_path):
    text = "Georgian police clashed with protesters in Tbilisi on Wednesday."
    extraction = extracted(components, tmp_path, text, "2023-03-08")
    agents = {
        m.event_type: [extraction.entities[k].name for k in m.agents]
        for e in extraction.events
        for m in e.mentions
    }
    assert agents.get("Protest", []) == []  # the police's country does not protest


def test_a_site_named_in_a_town_places_the_event_in_the_town(components, tmp_path):
    text = "Thousands of people protested outside the parliament in Tbilisi on Wednesday."
    found = mentions(components, tmp_path, text, published="2023-03-08")
    assert found == [("Protest", "protest", (D(2023, 3, 8), D(2023, 3, 8)), ("Tbilisi",))]


def test_police_officers_injured_are_a_casualty_count(components, tmp_path):
    text = "Fifty police officers were injured in Tbilisi on Wednesday."
    extraction = extracted(components, tmp_path, text, "2023-03-08")
    counts = [(f.value, f.unit) for e in extraction.events for m in e.mentions for f in m.figures]
    assert counts == [(50.0, "casualties")]


def test_a_town_after_with_stays_where_the_event_is(components, tmp_path):
    text = (
        # (a seed's sentence: the rule is grammar, the town could be any)
        "Russia has been pushing to capture the eastern Donbas city of Bakhmut, with the battered "
        "town famous for wine and salt mines coming under intensive fire for weeks."
    )
    found = mentions(components, tmp_path, text)
    places = [places for kind, _, _, places in found if kind == "Capture"]
    assert len(places) == 1 and "Bakhmut" in places[0]


def test_a_countrys_capital_and_what_an_event_strikes_place_it(components, tmp_path):
    found = mentions(components, tmp_path, "Explosions rocked the Ukrainian capital on Monday.")
    assert found == [("Attack", "explosion", (D(2022, 11, 14), D(2022, 11, 14)), ("Kyiv",))]
    found = mentions(components, tmp_path, "Heavy fighting engulfed Georgia's capital on Tuesday.")
    assert [(kind, places) for kind, _, _, places in found] == [("Fighting", ("Tbilisi",))]
    # "capital" as money is no city.
    assert mentions(components, tmp_path, "The bank raised capital after the attack on Monday.") == [
        ("Attack", "attack", (D(2022, 11, 14), D(2022, 11, 14)), ())
    ]


def test_a_name_the_tagger_calls_a_person_after_city_of_is_a_place(components, tmp_path):
    # The small model tags this town (not in the gazetteer) PERSON.
    text = "Russia has been pushing to capture the eastern Donbas city of Avdiivka."
    found = mentions(components, tmp_path, text)
    places = [places for kind, _, _, places in found if kind == "Capture"]
    assert len(places) == 1 and "Avdiivka" in places[0]
