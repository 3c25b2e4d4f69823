"""graph.naming on real spaCy parses: which named entities are names at all."""

from __future__ import annotations

import pytest

from graph.naming import NAME_LABELS, capitalised_word
from graph.nlp import load_pipeline

COMMON = {"anger", "fatal", "hope"}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def names(nlp, text: str) -> dict[str, bool]:
    """Each one-word name the NER finds → whether it is only a capitalised common word."""
    doc = nlp(text)
    return {
        e.text: capitalised_word(e, lambda w: w.lower() in COMMON)
        for e in doc.ents
        if e.label_ in NAME_LABELS and len(e) == 1
    }


def test_a_common_word_starting_a_sentence_is_no_name_unless_the_article_names_it_elsewhere(nlp):
    found = names(nlp, "Anger said the verdict was clear. Police in Brooklyn agreed.")
    assert found.get("Anger") is True  # if the NER takes it for a name, it is dropped
    kept = names(nlp, "Prosecutor Lowell Anger spoke first. Anger said the verdict was clear.")
    assert kept["Anger"] is False
    assert names(nlp, "Officials in Brooklyn said the verdict was clear.").get("Brooklyn") is False
