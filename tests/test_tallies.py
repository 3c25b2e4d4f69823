"""What a tally counts (graph.tallies) and the figures it gives, on real spaCy parses."""

from __future__ import annotations

import pytest

from graph.figures import FigureExtractor, UnitTable
from graph.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def figures():
    return FigureExtractor(UnitTable.from_file())


def read(nlp, figures, text: str) -> list[tuple[float, str]]:
    return [(q.value, unit) for sent in nlp(text).sents for _, q, unit in figures(sent)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll from the earthquake rose to 30,000 on Monday.", [(30000.0, "deaths")]),
        ("The number of refugees passed two million, the UN said.", [(2000000.0, "refugees")]),
        ("The death toll stands at 1,414.", [(1414.0, "deaths")]),
        # A number said of no tally, or of a tally of nothing countable, counts nothing.
        ("The index rose to 30,000 on Monday.", []),
        ("The toll rose to 300.", []),
    ],
)
def test_a_number_said_of_a_tally_counts_what_it_tallies(nlp, figures, text, expected):
    assert read(nlp, figures, text) == expected
