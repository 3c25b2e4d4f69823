"""The merged graph held compactly: triples gathered in a bounded set, kept as sorted, compressed
blocks of N-Triples lines, read back in order or by subject.

The merged graph is the largest thing a build holds: as Python tuples of N-Triples text it took
about 40 kB an article, 4 GB at 100,000 articles. A :class:`TripleSpool` gathers triples in a set
(duplicates fold there, as in the set it replaces) and, each time that set reaches its bound, sorts
it into a *run*: blocks of :data:`BLOCK` consecutive triples, each one zlib-compressed line text
(a triple is one line ``s p o``; N-Triples text has no raw newline, and a subject or predicate no
space). :meth:`TripleSpool.sorted` merges the runs into one :class:`SortedBlocks`, the triples in
the order ``sorted()`` gives their tuples, each once: what graph.rdf_write writes and the views
read (``objects`` by binary search over the blocks' first triples, ``subjects`` by one pass).
"""

from __future__ import annotations

import heapq
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

Triple = tuple[str, str, str]

#: Triples per compressed block: small enough that a look-up decompresses little, large enough
#: that the compression finds the repeated IRIs of neighbouring lines.
BLOCK = 512
#: Triples the spool's set holds before it is sorted into a run (about 200 MB of tuples and text).
BOUND = 1_000_000
#: zlib's fastest level: the text compresses about 6 times, at a few hundred MB a second.
LEVEL = 1
#: Decompressed blocks kept by a reader, for the views' look-ups of neighbouring subjects.
BLOCKS_KEPT = 64


def _encode(triples: list[Triple]) -> bytes:
    return zlib.compress("".join(f"{s} {p} {o}\n" for s, p, o in triples).encode(), LEVEL)


def _decode(block: bytes) -> list[Triple]:
    lines = zlib.decompress(block).decode().split("\n")
    lines.pop()  # after the last newline
    return [tuple(line.split(" ", 2)) for line in lines]  # type: ignore[misc]


class SortedBlocks:
    """Sorted, distinct triples as compressed blocks; iterated in order, or asked as a graph
    (``objects``, ``subjects``) by graph.export with :class:`graph.rdf_index.SortedTriples`."""

    def __init__(self) -> None:
        self._blocks: list[bytes] = []
        #: The first triple of each block, for binary search.
        self._firsts: list[Triple] = []
        self._count = 0
        self._pending: list[Triple] = []
        self._block = lru_cache(maxsize=BLOCKS_KEPT)(self._read)

    @classmethod
    def of(cls, triples: Iterable[Triple]) -> SortedBlocks:
        """The blocks of ``triples``, given sorted and distinct."""
        out = cls()
        for t in triples:
            out.append(t)
        return out.close()

    def append(self, triple: Triple) -> None:
        """Add ``triple``, which sorts after every triple added before it."""
        self._pending.append(triple)
        if len(self._pending) == BLOCK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._firsts.append(self._pending[0])
            self._blocks.append(_encode(self._pending))
            self._count += len(self._pending)
            self._pending = []

    def close(self) -> SortedBlocks:
        """Seal the last block; returns this object."""
        self._flush()
        return self

    def _read(self, i: int) -> list[Triple]:
        return _decode(self._blocks[i])

    def __len__(self) -> int:
        return self._count + len(self._pending)

    def __iter__(self) -> Iterator[Triple]:
        for block in self._blocks:
            yield from _decode(block)
        yield from self._pending

    def starting(self, key: tuple[str, ...]) -> Iterator[Triple]:
        """The triples from the first one not sorting before ``key`` (a triple or its start) on."""
        b = max(0, bisect_right(self._firsts, key) - 1)
        if b < len(self._blocks):
            first = self._block(b)
            yield from first[bisect_left(first, key) :]
            for n in range(b + 1, len(self._blocks)):
                yield from self._block(n)
            yield from self._pending
        else:
            yield from self._pending[bisect_left(self._pending, key) :]

    def subjects(self, predicate: str, obj: str) -> Iterator[str]:
        """The subjects of the triples ``(?, predicate, obj)``, ``obj`` an IRI, in order: each
        block's text is searched for the line end `` predicate obj`` first, and only lines that
        end so are split (an IRI object ends its line; a literal ends in a quote or a tag)."""
        needle = f" {predicate} {obj}\n"
        for block in self._blocks:
            text = zlib.decompress(block).decode()
            at = text.find(needle)
            while at >= 0:
                start = text.rfind("\n", 0, at) + 1
                s, p, o = text[start : at + len(needle) - 1].split(" ", 2)
                if p == predicate and o == obj:
                    yield s
                at = text.find(needle, at + 1)
        yield from (s for s, p, o in self._pending if p == predicate and o == obj)


class TripleSpool:
    """A set of triples that holds at most ``bound`` of them as tuples; the rest as sorted,
    compressed runs. ``add``/``update`` as a set's; :meth:`sorted` gives them all, sorted, once."""

    def __init__(self, bound: int = BOUND) -> None:
        self.bound = bound
        self._set: set[Triple] = set()
        self._runs: list[SortedBlocks] = []

    def add(self, triple: Triple) -> None:
        self._set.add(triple)
        if len(self._set) >= self.bound:
            self._spill()

    def update(self, triples: Iterable[Triple]) -> None:
        # Callers add a node's few triples at a time: the bound is checked once a call.
        self._set.update(triples)
        if len(self._set) >= self.bound:
            self._spill()

    def _spill(self) -> None:
        run = SortedBlocks()
        for t in sorted(self._set):
            run.append(t)
        self._runs.append(run.close())
        self._set = set()

    def __iter__(self) -> Iterator[Triple]:
        """Every triple added, sorted, each once (the spool is left as it is)."""
        return _distinct([*self._runs, sorted(self._set)])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def sorted(self) -> SortedBlocks:
        """Every triple added, sorted, each once, as compressed blocks; the spool is emptied."""
        runs: list[Iterable[Triple]] = [*self._runs, sorted(self._set)]
        self._set, self._runs = set(), []
        return SortedBlocks.of(_distinct(runs))


def _distinct(runs: list[Iterable[Triple]]) -> Iterator[Triple]:
    """The triples of the sorted ``runs`` in order, each once."""
    last = None
    for t in heapq.merge(*runs) if len(runs) > 1 else runs[0]:
        if t != last:
            yield t
            last = t
