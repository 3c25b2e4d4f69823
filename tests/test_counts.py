"""How many events a trigger reports, on sentences parsed by the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.counts import counted_groups, same_event_conjunct
from graph.figures import counted_noun
from graph.nlp import load_pipeline
from graph.pipeline import Components, extract


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _nouns(doc, numbers: list[str]):
    return [counted_noun(doc[t.i : t.i + 1]) for t in doc if t.text in numbers]


def test_two_coordinated_groups_of_different_parties_are_two_counts(nlp):
    doc = nlp("Some 40,000 Ukrainian civilians and 100,000 Russian soldiers have been killed.")
    names = {"Ukrainian": "ukraine", "Russian": "russia"}

    def keys(noun):
        return [names[c.text] for c in noun.children if c.text in names]

    groups = counted_groups(_nouns(doc, ["40,000", "100,000"]), keys)
    assert groups == [(("ukraine",), (0,)), (("russia",), (1,))]


def test_groups_naming_no_party_or_the_same_one_stay_one_event(nlp):
    doc = nlp("Russia deployed 20,000 troops and 300 tanks.")
    assert counted_groups(_nouns(doc, ["20,000", "300"]), lambda noun: []) == []
    assert counted_groups(_nouns(doc, ["20,000", "300"]), lambda noun: ["russia"]) == []
    assert counted_groups([None, None], lambda noun: ["x"]) == []


def test_a_verb_coordinated_with_its_own_kind_is_the_same_event(nlp):
    doc = nlp("Thousands were killed or wounded, and the army attacked the city and destroyed it.")
    by_text = {t.text: t for t in doc}
    triggers = {
        by_text["killed"].i: ("Casualties", "kill"),
        by_text["wounded"].i: ("Casualties", "wound"),
        by_text["attacked"].i: ("Attack", "attack"),
        by_text["destroyed"].i: ("Destruction", "destroy"),
    }
    assert same_event_conjunct(by_text["wounded"], "Casualties", triggers)
    assert not same_event_conjunct(by_text["killed"], "Casualties", triggers)
    assert not same_event_conjunct(by_text["destroyed"], "Destruction", triggers)


def test_extractor_reports_one_casualty_count_per_party(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Published: 2022-11-10\n\nThe general said 40,000 Ukrainian civilians and more than "
        "100,000 Russian soldiers were killed or wounded in Ukraine.\n",
        encoding="utf-8",
    )
    extraction = extract([tmp_path], Components.load())
    counts = sorted(
        (m.patients, tuple(f.value for f in m.figures), m.part, m.places)
        for e in extraction.events
        for m in e.mentions
        if m.event_type == "Casualties"
    )
    assert counts == [
        (("russia",), (100000.0,), 1, ("ukraine",)),
        (("ukraine",), (40000.0,), 0, ("ukraine",)),
    ]
    # Two counts, two events, each with its own figure.
    events = [e for e in extraction.events if e.event_type == "Casualties"]
    assert len(events) == 2
