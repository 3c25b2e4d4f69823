"""The merged graph held compactly: triples gathered in a bounded set, kept as sorted, compressed
blocks of N-Triples lines, read back in order or by subject.

The merged graph is the largest thing a build holds: as Python tuples of N-Triples text it took
about 40 kB an article, 4 GB at 100,000 articles. A :class:`TripleSpool` gathers triples in a set
(duplicates fold there, as in the set it replaces) and, each time that set reaches its bound, sorts
it into a *run*: blocks of :data:`BLOCK` consecutive triples, each one zlib-compressed line text,
about 20 bytes a triple. :meth:`TripleSpool.sorted` merges the runs into one :class:`SortedBlocks`,
the triples in the order ``sorted()`` gives their tuples, each once: what graph.rdf_write writes
and the views read (``objects`` by binary search over the blocks' first lines, ``subjects`` by one
pass).

A triple is the line ``s p o``. N-Triples text has no raw newline, a subject or predicate (an IRI
or a blank node) has no space, and a space sorts before every character an IRI or a blank node
label may hold: so the lines sort as the tuples do, and a subject and predicate's triples are the
lines that begin with ``s p `` (:meth:`SortedBlocks.append` checks the order as it goes).
"""

from __future__ import annotations

import heapq
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

Triple = tuple[str, str, str]

#: Triples per compressed block: few, so that a look-up decompresses little (about 60 µs), yet
#: enough that zlib finds the IRIs repeated in neighbouring lines (the text shrinks 8 times).
BLOCK = 64
#: Triples the spool's set holds before it is sorted into a run (about 20 MB of tuples and text):
#: a constant, where the 1,000,000 it was made the set the largest thing a 10,000-article build
#: held (200 MB) and most of how its memory grew from 1,000 articles. More runs cost no more time:
#: each triple is sorted once into a run and merged once.
BOUND = 100_000
#: zlib's fastest level: nearly the smallest blocks for the least time.
LEVEL = 1
#: Decompressed blocks a reader keeps (about 10 MB), for the views' look-ups of the same nodes.
BLOCKS_KEPT = 1024


def _decode(block: bytes) -> list[str]:
    lines = zlib.decompress(block).decode().split("\n")
    lines.pop()  # after the last newline
    return lines


class SortedBlocks:
    """Sorted, distinct triples as compressed blocks of lines; iterated in order, or asked as a
    graph (``objects``, ``subjects``) by graph.export through graph.rdf_index.SortedTriples."""

    def __init__(self) -> None:
        self._blocks: list[bytes] = []
        #: The first line of each block, for binary search.
        self._firsts: list[str] = []
        self._count = 0
        self._pending: list[str] = []
        self._last: str | None = None
        self._block = lru_cache(maxsize=BLOCKS_KEPT)(self._read)

    @classmethod
    def of(cls, triples: Iterable[Triple]) -> SortedBlocks:
        """The blocks of ``triples``, given sorted and distinct."""
        out = cls()
        for t in triples:
            out.append(t)
        return out.close()

    def append(self, triple: Triple) -> None:
        """Add ``triple``, which sorts after every triple added before it; raises ValueError
        when its line does not (a term that is no N-Triples text)."""
        s, p, o = triple
        line = f"{s} {p} {o}"
        if self._last is not None and line <= self._last:
            raise ValueError(f"triple {triple!r}: allowed are N-Triples terms, added in sorted order")
        self._last = line
        self._pending.append(line)
        if len(self._pending) == BLOCK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._firsts.append(self._pending[0])
            self._blocks.append(zlib.compress("".join(f"{line}\n" for line in self._pending).encode(), LEVEL))
            self._count += len(self._pending)
            self._pending = []

    def close(self) -> SortedBlocks:
        """Seal the last block; returns this object."""
        self._flush()
        return self

    def _read(self, i: int) -> list[str]:
        return _decode(self._blocks[i])

    def __len__(self) -> int:
        return self._count + len(self._pending)

    def lines(self) -> Iterator[str]:
        """Every triple's line, in order."""
        for block in self._blocks:
            yield from _decode(block)
        yield from self._pending

    def __iter__(self) -> Iterator[Triple]:
        for line in self.lines():
            yield tuple(line.split(" ", 2))  # type: ignore[misc]

    def drain(self) -> Iterator[Triple]:
        """Every triple, in order, each block let go once it is read: the blocks are left empty.
        (Merging runs into one, each run's blocks go as the merged blocks are made, so the
        merged graph is never held twice.)"""
        blocks, pending = self._blocks, self._pending
        self._blocks, self._firsts, self._pending, self._count, self._last = [], [], [], 0, None
        self._block.cache_clear()
        blocks.reverse()  # popped from the end: the first block first
        while blocks:
            for line in _decode(blocks.pop()):
                yield tuple(line.split(" ", 2))  # type: ignore[misc]
        for line in pending:
            yield tuple(line.split(" ", 2))  # type: ignore[misc]

    def objects(self, subject: str, predicate: str) -> list[str]:
        """The objects of the triples ``(subject, predicate, ?)``, in order."""
        prefix = f"{subject} {predicate} "
        found: list[str] = []
        b = max(0, bisect_right(self._firsts, prefix) - 1)
        for n in range(b, len(self._blocks) + 1):
            lines = self._block(n) if n < len(self._blocks) else self._pending
            i = bisect_left(lines, prefix) if n == b else 0
            while i < len(lines) and lines[i].startswith(prefix):
                found.append(lines[i][len(prefix) :])
                i += 1
            if i < len(lines):  # a line past the prefix: no later block has any
                break
        return found

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
        for line in self._pending:
            s, p, o = line.split(" ", 2)
            if p == predicate and o == obj:
                yield s


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
        runs: list[Iterable[Triple]] = [*(run.drain() for run in self._runs), sorted(self._set)]
        self._set, self._runs = set(), []
        return SortedBlocks.of(_distinct(runs))


def _distinct(runs: list[Iterable[Triple]]) -> Iterator[Triple]:
    """The triples of the sorted ``runs`` in order, each once."""
    last = None
    for t in heapq.merge(*runs) if len(runs) > 1 else runs[0]:
        if t != last:
            yield t
            last = t
