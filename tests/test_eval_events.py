"""Extraction on the seeds against the hand-made gold (tests/gold/), with the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.evaluate.events import GOLD, GoldEvent, evaluate, load_gold, names_agree, run
from graph.records import Entity, EntityKind, Evidence, Mention

THRESHOLDS = json.loads((Path(__file__).parent / "gold" / "thresholds.json").read_text())


@pytest.fixture(scope="module")
def report():
    return run(GOLD)


def test_every_figure_meets_its_threshold(report):
    figures = report.figures()
    below = {
        k: round(figures[k], 3) for k, v in THRESHOLDS.items() if not k.startswith("_") and figures[k] < v
    }
    assert not below, below


def test_dates_are_never_invented_often(report):
    # A predicted date where the gold has none: at most a handful in five articles.
    assert report.invented_dates <= 3


def test_gold_loads():
    gold = load_gold(GOLD)
    assert len(gold) > 150 and {g.article for g in gold} == {
        p.name for p in (GOLD.parents[2] / "seeds").glob("*.txt")
    }


def test_names_agree_on_aliases_and_surnames():
    zelensky = Entity("volodymyr-zelensky", "Volodymyr Zelensky", EntityKind.PERSON, aliases=("Zelenskyy",))
    assert names_agree("Volodymyr Zelensky", zelensky)
    assert names_agree("Zelenskyy", zelensky)
    assert names_agree("President Zelensky", zelensky)
    assert not names_agree("Russia", zelensky)


def test_a_gold_entry_is_matched_on_its_trigger_in_its_own_sentence():
    # The gold's trigger word occurs just before its sentence too.
    text = "The negotiations stalled. Kyiv opposes talks with Russia, saying negotiations will be needed."
    sentence = Evidence("a", 0, len(text), text)

    def mention(word: str) -> Mention:
        at = text.rindex(word)
        return Mention("a", "Negotiation", word, at, at + len(word), sentence)

    talks, negotiations = mention("talks"), mention("negotiations")
    gold = GoldEvent(
        "1", "a", "Negotiation", "saying negotiations will be needed", "negotiations", (), (), None
    )
    report = evaluate([gold], [talks, negotiations], {"a": text}, {})
    assert report.events.tp == 1 and report.spurious == [talks]
