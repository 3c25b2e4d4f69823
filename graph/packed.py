"""A build's extractions held packed until the steps across articles read them, once, in order.

A build keeps every article's extraction until it has them all (entities are folded and events
merged across articles). As Python objects they took about 15 kB an article, and more in
resident memory: made between two batches of the parser's work, they were scattered over heap
pages the parser had used, and those pages could not go back to the system. Packed (pickled and
compressed, the article itself left as it is) an extraction's names and mentions take about
1.2 kB, in one block; they are made into objects again one article at a time, after the parse.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator

from graph.cache import ArticleExtraction
from graph.records import Article

__all__ = ["PackedExtractions"]


class PackedExtractions:
    """Extractions in the order appended; ``articles`` stay objects (the near-duplicate finder
    and the graph read them), the rest of each record is packed. :meth:`drain` gives the records
    back once, letting each packed block go as it does."""

    def __init__(self, extractions: Iterable[ArticleExtraction] = ()) -> None:
        self.articles: list[Article] = []
        self._packed: list[bytes | None] = []
        for x in extractions:
            self.append(x)

    def append(self, x: ArticleExtraction) -> None:
        self.articles.append(x.article)
        # Level 1: the level a build cache file is written at; higher levels gain little here.
        self._packed.append(zlib.compress(pickle.dumps((x.names, x.mentions, x.added), protocol=5), 1))

    def __add__(self, other: PackedExtractions) -> PackedExtractions:
        """These extractions, then ``other``'s (both are left as they are)."""
        out = PackedExtractions()
        out.articles = [*self.articles, *other.articles]
        out._packed = [*self._packed, *other._packed]
        return out

    def __len__(self) -> int:
        return len(self.articles)

    def drain(self) -> Iterator[ArticleExtraction]:
        """Every extraction, in order, each unpacked as it is reached; afterwards the collection
        holds the articles only. Raises ValueError when drained before."""
        for i, (article, packed) in enumerate(zip(self.articles, self._packed, strict=True)):
            if packed is None:
                raise ValueError("these extractions were read already: allowed is one drain()")
            self._packed[i] = None
            names, mentions, added = pickle.loads(zlib.decompress(packed))
            yield ArticleExtraction(article, names, mentions, added)
