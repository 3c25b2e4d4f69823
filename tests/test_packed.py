"""A build's extractions packed until the steps across articles (graph.packed, graph.combine)."""

from __future__ import annotations

import pytest

from graph.cache import BuildCache
from graph.combine import Combiner, combine
from graph.components import Components
from graph.packed import PackedExtractions


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


@pytest.fixture(scope="module")
def extractions(seeds_built, components):
    return BuildCache(seeds_built, components.fingerprint()).load()


def test_drained_records_equal_the_records_packed_and_come_once(extractions):
    packed = PackedExtractions(extractions)
    assert len(packed) == len(extractions) == 5
    assert packed.articles == [x.article for x in extractions]
    assert list(packed.drain()) == extractions
    with pytest.raises(ValueError, match="one drain"):
        next(packed.drain())
    assert packed.articles == [x.article for x in extractions]


def test_packed_sets_join_in_order(extractions):
    first, second = PackedExtractions(extractions[:2]), PackedExtractions(extractions[2:])
    both = first + second
    assert list(both.drain()) == extractions
    assert list(first.drain()) == extractions[:2]  # the parts are left as they were


def test_records_taken_one_at_a_time_give_the_combined_graph(extractions, components):
    whole = combine(extractions, components)
    combiner = Combiner(components, [x.article for x in extractions])
    for x in PackedExtractions(extractions).drain():
        combiner.add(x)
    streamed = combiner.finish()
    assert streamed.events == whole.events and len(streamed.events) > 50
    assert streamed.entities == whole.entities
    assert streamed.occurrences == whole.occurrences and len(streamed.occurrences) > 100
    keys = {o.key for o in streamed.occurrences}
    assert keys <= set(streamed.entities)  # folded keys, every one an entity of the graph
