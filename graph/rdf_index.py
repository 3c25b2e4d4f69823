"""The views' questions of the merged graph, answered from its sorted, compressed triples.

The views (graph.export) ask a graph two things, as rdflib does: ``objects(s, p)`` and
``subjects(p, o)``. The build sorts the merged graph's triples anyway to write them, and keeps
them as compressed blocks (graph.rdf_spool.SortedBlocks), so the same blocks answer ``objects``
by binary search over the blocks' first lines, and the few ``subjects`` questions the views ask
(the events, the actors, the places, the roles) by one pass each. The dictionary of every
subject and predicate this replaces took as much memory as the triples themselves (about 40 kB
an article); this holds nothing beside the blocks but bounded caches of what was last read.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rdflib import URIRef
from rdflib.term import Node

from graph.rdf_spool import SortedBlocks
from graph.rdf_terms import to_rdflib

#: rdflib terms kept once made: enough for the labels and classes the views read again and
#: again, few enough that a large graph's terms are never all held.
TERMS_KEPT = 1 << 16


class SortedTriples:
    """A graph of N-Triples-text triples in :class:`SortedBlocks` that answers ``objects(s, p)``
    and ``subjects(p, o)`` with rdflib terms, in the triples' sorted order."""

    def __init__(self, triples: SortedBlocks) -> None:
        self._triples = triples
        self._node = lru_cache(maxsize=TERMS_KEPT)(to_rdflib)

    @staticmethod
    def _text(node: Node) -> str | None:
        # Subjects and predicates are IRIs in this graph: any other key finds nothing.
        return f"<{node}>" if isinstance(node, URIRef) else None

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """The values of ``predicate`` on ``subject``."""
        s, p = self._text(subject), self._text(predicate)
        if not s or not p:
            return iter(())
        return (self._node(o) for o in self._triples.objects(s, p))

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """The subjects that have ``obj`` as a value of ``predicate`` (``obj`` an IRI); one pass
        over the blocks, as the views ask this a few times a build."""
        p, o = self._text(predicate), self._text(obj)
        if not p or not o:
            return iter(())
        return (self._node(s) for s in list(self._triples.subjects(p, o)))

    def __len__(self) -> int:
        return len(self._triples)
