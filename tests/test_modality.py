"""Factuality and tense of a trigger token, on sentences parsed by the real spaCy model."""

from __future__ import annotations

import pytest

from graph.modality import factuality, tense
from graph.nlp import load_pipeline
from graph.records import Factuality
from graph.reference import WordClasses


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def words():
    return WordClasses.from_file()


def token(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Russia withdrew from the city.", "withdrew", Factuality.ASSERTED),
        ("Russia did not withdraw from the city.", "withdraw", Factuality.NEGATED),
        ("Russia will withdraw from the city.", "withdraw", Factuality.FUTURE),
        ("Russia could withdraw from the city.", "withdraw", Factuality.HYPOTHETICAL),
        ("If Russia withdraws, talks may follow.", "withdraws", Factuality.HYPOTHETICAL),
        ("The talks will not resume.", "talks", Factuality.NEGATED),
        ("The talks could take place next week.", "talks", Factuality.HYPOTHETICAL),
        ("The announcement could give both sides a chance.", "announcement", Factuality.ASSERTED),
        ("It gave them an opportunity to negotiate.", "negotiate", Factuality.HYPOTHETICAL),
        ("Moscow said it was ready for talks.", "talks", Factuality.HYPOTHETICAL),
        ("There is a window of opportunity for negotiation.", "negotiation", Factuality.HYPOTHETICAL),
        ("There were no talks.", "talks", Factuality.NEGATED),
        ("We have never refused to negotiate with them.", "negotiate", Factuality.HYPOTHETICAL),
        ("Kyiv is not thinking of negotiations.", "negotiations", Factuality.HYPOTHETICAL),
        ("The rebels threatened to attack the city.", "attack", Factuality.HYPOTHETICAL),
        ("The rebels attacked the city after talks failed.", "attacked", Factuality.ASSERTED),
        ("For negotiations to have a chance, both must agree.", "negotiations", Factuality.HYPOTHETICAL),
        ("Kyiv will not talk until the liberation of its territory.", "liberation", Factuality.HYPOTHETICAL),
        ("The army fought on until the liberation of the city.", "liberation", Factuality.ASSERTED),
        ("They feigned a retreat to draw the enemy into trench warfare.", "warfare", Factuality.HYPOTHETICAL),
        ("The border clash dragged both countries into war.", "war", Factuality.ASSERTED),
        ("Its forces have likely suffered similar casualties.", "casualties", Factuality.HYPOTHETICAL),
        ("Its forces suffered heavy casualties.", "casualties", Factuality.ASSERTED),
        ("The two sides could hold talks in Istanbul.", "talks", Factuality.HYPOTHETICAL),
        ("The army probably withdrew overnight.", "withdrew", Factuality.HYPOTHETICAL),
        ("Moscow ruled out talks with Kyiv.", "talks", Factuality.NEGATED),
        ("Negotiations were ruled out by both sides.", "Negotiations", Factuality.NEGATED),
        ("He hinted that negotiations were not ruled out.", "negotiations", Factuality.HYPOTHETICAL),
        ("The minister did not rule out a ceasefire.", "ceasefire", Factuality.HYPOTHETICAL),
        ("The court ruled that the strike was illegal.", "strike", Factuality.ASSERTED),
        ("The UN chief called for an immediate ceasefire.", "ceasefire", Factuality.HYPOTHETICAL),
        ("He called the ceasefire a failure.", "ceasefire", Factuality.ASSERTED),
        ("He urged both sides to return to talks in Jeddah.", "talks", Factuality.HYPOTHETICAL),
        ("Both sides returned to talks in Jeddah.", "talks", Factuality.ASSERTED),
        (
            "It was possible that they would use the lull to reset for an offensive.",
            "offensive",
            Factuality.HYPOTHETICAL,
        ),
        ("They used the lull to reset for an offensive.", "offensive", Factuality.ASSERTED),
    ],
)
def test_factuality(nlp, words, text, word, expected):
    assert factuality(token(nlp, text, word), words) is expected


def test_without_word_classes_only_grammar_counts(nlp):
    # The words of possibility are data; without them an infinitive is read as asserted.
    assert factuality(token(nlp, "It gave them an opportunity to negotiate.", "negotiate")) is (
        Factuality.ASSERTED
    )


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Russia withdrew its forces in the spring.", "withdrew", "past"),
        ("Russia will withdraw its forces in the spring.", "withdraw", "future"),
        ("Russia would use the lull for an offensive in the spring.", "offensive", "future"),
        ("Russia could have taken the city in the spring.", "taken", "past"),
        ("Ukraine has been advancing for two months.", "advancing", "perfect"),
        ("Ukraine had been advancing for two months.", "advancing", "past"),
    ],
)
def test_tense(nlp, text, word, expected):
    assert tense(token(nlp, text, word)) == expected


def test_an_event_a_denied_noun_governs_is_negated(nlp):
    def talks(text):
        doc = nlp(text)
        (tok,) = [t for t in doc if t.lower_ in ("talks", "withdrawal", "attack")]
        return factuality(tok)

    assert talks("There was no question of peace talks at present.") is Factuality.NEGATED
    assert talks("There was no sign of a withdrawal from Kherson.") is Factuality.NEGATED
    assert talks("There is no doubt of the attack on Kyiv.") is Factuality.ASSERTED
    assert talks("There was a question of peace talks.") is Factuality.ASSERTED
