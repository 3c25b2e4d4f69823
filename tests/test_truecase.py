"""Tests for graph.truecase (Title Case headlines read as sentences) and the headline English the
extractor reads after it (a participle with no "were")."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.components import Components
from graph.pipeline import extract
from graph.truecase import HeadlineRecaser, base_forms, is_title_case

COMMON = {
    "arrest",
    "man",
    "suspect",
    "kill",
    "shoot",
    "shot",
    "of",
    "in",
    "on",
    "say",
    "official",
    "may",
    "march",
    "police",
    "three",
    "lohan",
    "check",
    "into",
    "rehab",
    "case",
    "will",
    "seek",
    "charge",
}


def recase(text: str) -> str:
    return HeadlineRecaser(COMMON, is_name=lambda w: w == "Turkey")(text)


def test_title_case_is_most_long_words_capitalised() -> None:
    assert is_title_case("Police Arrest Man Suspected Of Killing Three In Texas Shooting")
    assert not is_title_case("Police arrest man suspected of killing three in Texas shooting")
    assert not is_title_case("POLICE ARREST MAN")  # shouting is not Title Case
    assert not is_title_case("Putin Speaks")  # too short to tell


def test_common_words_go_to_lower_case_and_names_stay() -> None:
    assert recase("Police Arrest Man Suspected Of Killing Three In Texas Shooting") == (
        "Police arrest man suspected of killing three in Texas shooting"
    )
    # The first word, words in capitals, names and dates keep their case.
    assert recase("Officials Say Man Shot In Turkey On May 5, US Says") == (
        "Officials say man shot in Turkey on May 5, US says"
    )
    # A sentence-case line is left alone.
    text = "Police arrest man suspected of killing three\n\nThe Man said it."
    assert recase(text) == text


def test_a_word_after_an_unknown_name_is_the_rest_of_the_name_unless_inflected() -> None:
    # "lohan" is a word of the list (WordNet has it), but after "Lindsay" it is a surname;
    # "Checks" is an inflected form, so a verb.
    assert recase("Lindsay Lohan Checks Into Rehab In Malibu") == "Lindsay Lohan checks into rehab in Malibu"
    # Initials stay: "D. A." is no article.
    assert recase("Police Say D. A. Will Seek Charges In Case").startswith("Police say D. A.")


def test_the_articles_own_usage_decides_first() -> None:
    # "Shooting" is common, but the body names a "Shooting" team mid-sentence more than it says
    # "shooting"; "Texas" is unknown, but the body writes "texas" (say, a product name) in lower case.
    body = "\n\nFans of the Shooting Stars cheered. The Shooting Stars won. Buy texas today."
    out = recase("Police Arrest Man In Texas Shooting Case" + body)
    assert out.startswith("Police arrest man in texas Shooting case")


def test_base_forms_undo_regular_inflection() -> None:
    assert {"announce", "kill", "stop", "city"} <= (
        base_forms("Announces") | base_forms("Killed") | base_forms("Stopping") | base_forms("Cities")
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_recasing_keeps_length_and_changes_only_case(text: str) -> None:
    out = recase(text)
    assert len(out) == len(text)
    assert out.lower() == text.lower() or all(
        a == b or a.lower() == b.lower() for a, b in zip(out, text, strict=True)
    )


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


def test_a_title_case_headline_yields_its_events_with_its_own_words_as_evidence(
    components: Components, tmp_path: Path
) -> None:
    headline = "Earthquake Kills 30 In Eastern Turkey, Officials Say"
    (tmp_path / "a.txt").write_text(f"{headline}\n\nRescuers searched the rubble on Monday.\n")
    found = extract([tmp_path], components)
    (killed,) = [m for e in found.events for m in e.mentions if m.trigger == "kill"]
    assert killed.event_type == "Casualties" and "turkey" in killed.places
    assert killed.evidence.sentence.strip() == headline  # verbatim, not recased
    assert [n for n in found.entities if "eastern" in n] == []  # "Eastern Turkey" is no place


def test_a_participle_without_its_auxiliary_is_a_passive(components: Components, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Three Ukrainian Soldiers Killed In Ambush Near Kherson\n\nThe army said so on Monday.\n"
    )
    (killed,) = [m for e in extract([tmp_path], components).events for m in e.mentions if m.trigger == "kill"]
    assert killed.patients == ("ukraine",) and killed.agents == ()
