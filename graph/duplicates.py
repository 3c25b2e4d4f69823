"""Near-duplicate articles: syndicated copies of one wire story, found by word-shingle overlap.

Two articles are copies of each other when the Jaccard similarity of their sets of word 5-grams
("shingles") is at least ``threshold`` (0.7 by default). Measured on the seeds: a copy with a new
headline line, six words changed and a credit line appended scores 0.75-0.94 against its original
(each changed word breaks five shingles, so short articles lose most); two reports of the same
event written apart score at most 0.06 (they share phrases, not runs of sentences). Texts shorter
than ``min_shingles`` shingles (about 25 words) are never called copies: identical one-liners are
more likely two reports than one copied. Candidates are found with MinHash and banded locality-sensitive
hashing, so a large collection is not compared pair by pair; every candidate pair is then checked
with the exact Jaccard similarity, so the answer does not depend on the hashing's luck.

Everything is deterministic: shingles are hashed with BLAKE2b (not Python's salted ``hash``) and
the MinHash permutations come from a fixed seed. Which article is the original of a group of copies
depends only on the articles: the earliest published, then the smallest id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.records import Article

_WORD = re.compile(r"\w+")
_PRIME = (1 << 61) - 1
_MAX = (1 << 64) - 1


def words(text: str) -> list[str]:
    """The text's words, case folded (punctuation and spacing play no part in a copy)."""
    return _WORD.findall(text.casefold())


def shingles(text: str, size: int = 5) -> frozenset[int]:
    """64-bit hashes of the text's word ``size``-grams; a text shorter than ``size`` words is
    one shingle of all its words, and a text without words has none."""
    ws = words(text)
    grams = [" ".join(ws[i : i + size]) for i in range(max(1, len(ws) - size + 1))] if ws else []
    return frozenset(
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams
    )


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """|a ∩ b| / |a ∪ b|; 0.0 for two empty sets (nothing in common is no evidence of copying)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass(frozen=True)
class Copy:
    """``copy`` is a near-duplicate of ``original`` (the earlier article), with their similarity."""

    copy: str
    original: str
    similarity: float


class DuplicateFinder:
    """Stage: finds the near-duplicates among articles.

    ``__call__(articles)`` returns one :class:`Copy` per article that copies another, sorted by id.
    Articles with fewer than ``min_shingles`` shingles take no part.
    ``permutations`` MinHash values are split into ``bands`` bands; two articles are compared when
    one band agrees, which catches pairs above about (1/bands)^(bands/permutations) similarity
    (0.5 with the defaults), well below ``threshold``.
    """

    def __init__(
        self,
        threshold: float = 0.7,
        *,
        shingle_size: int = 5,
        min_shingles: int = 20,
        permutations: int = 64,
        bands: int = 16,
        seed: int = 1,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold {threshold!r}: allowed is a similarity in (0, 1]")
        if permutations % bands:
            raise ValueError(f"permutations ({permutations}) must be a multiple of bands ({bands})")
        self.threshold = threshold
        self.shingle_size = shingle_size
        self.min_shingles = min_shingles
        self.bands = bands
        rng = random.Random(seed)
        self._coefficients = [
            (rng.randrange(1, _PRIME), rng.randrange(0, _PRIME)) for _ in range(permutations)
        ]

    def signature(self, shingle_set: frozenset[int]) -> tuple[int, ...]:
        """The MinHash signature of a shingle set (all-max for an empty one)."""
        if not shingle_set:
            return tuple(_MAX for _ in self._coefficients)
        return tuple(min((a * s + b) % _PRIME for s in shingle_set) for a, b in self._coefficients)

    def candidates(self, sets: Mapping[str, frozenset[int]]) -> set[tuple[str, str]]:
        """Pairs of ids (sorted within the pair) that agree on at least one band."""
        rows = len(self._coefficients) // self.bands
        buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
        for key in sorted(sets):
            if len(sets[key]) < max(1, self.min_shingles):
                continue
            sig = self.signature(sets[key])
            for band in range(self.bands):
                buckets[band, sig[band * rows : (band + 1) * rows]].append(key)
        pairs: set[tuple[str, str]] = set()
        for members in buckets.values():
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pairs.add((a, b))
        return pairs

    def __call__(self, articles: Sequence[Article]) -> list[Copy]:
        by_id = {a.id: a for a in articles}
        sets = {a.id: shingles(a.text, self.shingle_size) for a in articles}
        similar: list[tuple[str, str, float]] = []
        for a, b in sorted(self.candidates(sets)):
            score = jaccard(sets[a], sets[b])
            if score >= self.threshold:
                similar.append((a, b, score))
        return copies_of(by_id, similar)


def _age(article: Article) -> tuple[dt.date, str]:
    """Sort key of an article as an original: earliest published first (undated last), then id."""
    return (article.published or dt.date.max, article.id)


def copies_of(articles: Mapping[str, Article], similar: Sequence[tuple[str, str, float]]) -> list[Copy]:
    """Group similar pairs transitively; in each group every article but the oldest is a copy of
    the oldest (see :func:`_age`), with the similarity of its best link to the group."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    best: dict[str, float] = {}
    for a, b, score in similar:
        ra, rb = root(a), root(b)
        if ra != rb:
            older, newer = sorted((ra, rb), key=lambda k: _age(articles[k]))
            parent[newer] = older
        for key in (a, b):
            best[key] = max(best.get(key, 0.0), score)
    return sorted(
        (Copy(key, root(key), round(best[key], 6)) for key in best if root(key) != key),
        key=lambda c: c.copy,
    )
