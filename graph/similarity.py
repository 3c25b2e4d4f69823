"""How alike two articles are in what they say about events: the cosine of their tf-idf word
vectors, over the sentences that report events.

Reports of one story share rare words (names, places, the particular things that happened);
reports of two earthquakes share only the common ones. The merger uses this to let two mentions
of one trigger word join across articles that name no actor or place in common by its entity
keys (a name spelled two ways, a venue and its city). Pure functions, tested in
tests/test_similarity.py.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

#: English function words and reporting verbs, which tell nothing of a story or of what was said.
FUNCTION_WORDS = frozenset(
    "about after again against also although among another because been before being between both "
    "could does doing down during each even every from further have having here however into itself "
    "just last like made make many more most much must near never next only other over same "
    "said says should since some still such than that their them then there these they this those "
    "through told under until very were what when where which while will with within would year "
    "years your".split()
)
_WORD = re.compile(r"[^\W\d_]{4,}")
#: Pairs of articles whose similarity is kept once computed. The merger asks of the articles of
#: one block again and again, so the last pairs asked are nearly all it asks again; keeping every
#: pair grew with the square of a block (1.1 million pairs, about 130 MB, in a 10,000-article build
#: of copies of one corpus).
PAIRS_KEPT = 1 << 16


def words_of(text: str) -> set[str]:
    """The distinct lower-cased words of four letters or more of ``text``, without function words."""
    # Interned: a large build holds each word once, not once per article.
    return {sys.intern(w) for w in _WORD.findall(text.lower()) if w not in FUNCTION_WORDS}


class ArticleSimilarity:
    """Cosine similarity of articles' tf-idf vectors (binary term weights times idf).

    ``sentences`` maps an article to the sentences of it to compare (the evidence sentences of
    its mentions). Articles whose sentences are the same, word for word and in order, share one
    vector (:attr:`like`): copies of one wire report are held once. Vectors are built once, as
    sorted word numbers; a pair is computed when asked, and the last :data:`PAIRS_KEPT` pairs
    asked are kept.
    """

    def __init__(self, sentences: Mapping[str, Iterable[str]]) -> None:
        classes: dict[tuple[str, ...], int] = {}
        #: Article → its class: the articles of one class compare the same sentences.
        self.like: dict[str, int] = {
            a: classes.setdefault(tuple(ss), len(classes)) for a, ss in sentences.items()
        }
        numbers: dict[str, int] = {}
        # A set of words costs about 1 kB an article; their numbers in an array, 4 bytes a word.
        self._vectors: list[array[int]] = [
            array("i", sorted({numbers.setdefault(w, len(numbers)) for s in ss for w in words_of(s)}))
            for ss in classes
        ]
        del classes
        members = Counter(self.like.values())
        df = [0] * len(numbers)
        for k, vector in enumerate(self._vectors):
            for w in vector:
                df[w] += members[k]
        n = len(self.like)
        # Smoothed idf, squared: a word in every article weighs 1, one in two of a thousand about 6.
        self._weight = [(math.log((1 + n) / (1 + d)) + 1) ** 2 for d in df]
        self._norm = [math.sqrt(sum(self._weight[w] for w in vector)) for vector in self._vectors]
        self._pair = lru_cache(maxsize=PAIRS_KEPT)(self._cosine)

    def __call__(self, a: str, b: str) -> float:
        """The similarity of articles ``a`` and ``b`` in [0, 1]; 1 for an article with itself, 0
        for one not given."""
        if a == b:
            return 1.0
        x, y = self.like.get(a), self.like.get(b)
        if x is None or y is None:
            return 0.0
        return self._pair(x, y) if x < y else self._pair(y, x)

    def _cosine(self, x: int, y: int) -> float:
        norm = self._norm[x] * self._norm[y]
        if not norm:
            return 0.0
        # Summed in word order: the same sum, to the last bit, in every run.
        return (
            sum(self._weight[w] for w in sorted(set(self._vectors[x]).intersection(self._vectors[y]))) / norm
        )
