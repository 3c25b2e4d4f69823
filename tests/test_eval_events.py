"""Extraction on the seeds against the hand-made gold (tests/gold/), with the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.evaluate.events import GOLD, load_gold, names_agree, run
from graph.records import Entity, EntityKind

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
