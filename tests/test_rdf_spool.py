"""The merged graph held as sorted, compressed blocks (graph.rdf_spool): the triples a set would
hold, in the order ``sorted()`` gives, each once, whether or not the spool spilled runs."""

from __future__ import annotations

import random

import pytest

from graph.namespace import EVKG, ID
from graph.rdf_spool import BLOCK, SortedBlocks, TripleSpool
from graph.rdf_terms import integer, iri, literal, tagged

TRICKY = ['He said "no"\nand left.', "back\\slash", "tab\there", "a b  c", "Zürich 🇺🇦", "", " <x> <y>"]


def triples(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """``n`` triples (with repeats) over a few subjects and predicates, with literals of every
    awkward kind: newlines, quotes, spaces, text that looks like an IRI."""
    rng = random.Random(seed)
    preds = [iri(EVKG[p]) for p in ("quote", "mentionCount", "sentence", "agent")]
    out = []
    for _ in range(n):
        s = iri(ID[f"event/e{rng.randrange(n // 3 + 1)}"])
        p = rng.choice(preds)
        o = rng.choice(
            [
                literal(rng.choice(TRICKY) + str(rng.randrange(5))),
                tagged(rng.choice(TRICKY), "en"),
                integer(rng.randrange(-3, 1000)),
                iri(ID[f"actor/a{rng.randrange(20)}"]),
            ]
        )
        out.append((s, p, o))
    return out


def test_a_spool_gives_the_sorted_set_whether_or_not_it_spilled() -> None:
    given = triples(5000)
    expected = sorted(set(given))
    for bound in (10**9, 1000, 37):
        spool = TripleSpool(bound=bound)
        spool.update(given[:2000])
        for t in given[2000:]:
            spool.add(t)
        assert list(spool) == expected  # reading leaves it as it was
        assert len(spool) == len(expected)
        blocks = spool.sorted()
        assert list(blocks) == expected and len(blocks) == len(expected)
        assert list(spool) == []  # sorted() empties the spool


def test_a_subjects_objects_are_found_as_in_the_sorted_list() -> None:
    expected = sorted(set(triples(3 * BLOCK * 5 + 11)))
    blocks = SortedBlocks.of(expected)
    assert list(blocks) == expected
    for i in (0, 1, BLOCK - 1, BLOCK, 2 * BLOCK + 5, len(expected) - 1):
        s, p, _ = expected[i]
        assert blocks.objects(s, p) == [o for s2, p2, o in expected if (s2, p2) == (s, p)]
    assert blocks.objects("<urn:none>", iri(EVKG.quote)) == []
    assert blocks.objects("~", "~") == []


def test_triples_out_of_order_are_refused() -> None:
    blocks = SortedBlocks()
    blocks.append(("<urn:b>", "<urn:p>", '"x"'))
    with pytest.raises(ValueError, match="sorted order"):
        blocks.append(("<urn:a>", "<urn:p>", '"x"'))


def test_subjects_are_found_by_their_line_ends_and_nothing_else() -> None:
    expected = sorted(set(triples(2000)))
    blocks = SortedBlocks.of(expected)
    agent, actor = iri(EVKG.agent), iri(ID["actor/a3"])
    assert list(blocks.subjects(agent, actor)) == [s for s, p, o in expected if p == agent and o == actor]
    # A literal that ends with the same text is no such triple.
    s = iri(ID["event/x"])
    tricky = SortedBlocks.of([(s, iri(EVKG.quote), literal(f" {agent} {actor}"))])
    assert list(tricky.subjects(agent, actor)) == []


def test_draining_blocks_gives_their_triples_in_order_and_leaves_them_empty() -> None:
    expected = sorted(set(triples(3 * BLOCK + 5)))
    blocks = SortedBlocks.of(expected)
    blocks.objects(*expected[0][:2])  # a block read into the kept blocks first
    assert list(blocks.drain()) == expected
    assert len(blocks) == 0 and list(blocks) == [] and blocks.objects(*expected[0][:2]) == []
