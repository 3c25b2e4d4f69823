"""Synonym groups of trigger lemmas, read from the shipped graph/data/trigger_synonyms.tsv."""

from __future__ import annotations

import pytest

from graph.errors import GraphError
from graph.synonyms import DEFAULT_PATH, TriggerSynonyms


@pytest.fixture(scope="module")
def synonyms() -> TriggerSynonyms:
    return TriggerSynonyms.from_file()


def test_table_names_its_source():
    header = [line for line in DEFAULT_PATH.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("WordNet 3.0" in line and "Princeton" in line for line in header)


def test_different_words_for_one_event_share_a_group(synonyms):
    assert synonyms("kill") == synonyms("murder") == synonyms("slay") == synonyms("killing")
    assert synonyms("buy") == synonyms("purchase") == synonyms("acquire")
    assert synonyms("quake") == synonyms("earthquake")
    assert synonyms("die") == synonyms("death")
    assert synonyms("shoot") == synonyms("shooting")
    assert synonyms("Murder") == synonyms("kill")


def test_groups_stay_tight(synonyms):
    assert synonyms("kill") != synonyms("attack")
    assert synonyms("kill") != synonyms("die")
    assert synonyms("buy") != synonyms("sell")
    assert synonyms("earthquake") != synonyms("fire")
    # A general verb does not stand for its many troponyms.
    assert synonyms("change") != synonyms("adjust")
    assert "kill" in synonyms.members("murder") and "quake" in synonyms.members("earthquake")


def test_unknown_lemma_is_its_own_group_and_plurals_read_as_stems(synonyms):
    assert synonyms("zzyzx") == "zzyzx"
    assert synonyms("playoffs") == synonyms("playoff") == "playoff"
    assert synonyms("dies") == synonyms("die")
    assert synonyms("kills") == synonyms("murder")
    assert synonyms("zzyzxss") == "zzyzxss"  # "ss" is no plural


def test_malformed_line_is_named(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("# source\nlemma\tgroup\nkill\tv1\nmurder\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"t.tsv:4: want 'lemma<TAB>group'"):
        TriggerSynonyms.from_file(path)
    path.write_text("# source\nlemma\tgroup\nkill\tv1\nMurder\tv1\n", encoding="utf-8")
    table = TriggerSynonyms.from_file(path)
    assert table("murder") == table("kill") == "v1" and len(table) == 2
