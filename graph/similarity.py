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
    its mentions). Vectors are built once; a pair is computed when asked, and the last
    :data:`PAIRS_KEPT` pairs asked are kept.
    """

    def __init__(self, sentences: Mapping[str, Iterable[str]]) -> None:
        self._words: dict[str, set[str]] = {a: set().union(*map(words_of, ss)) for a, ss in sentences.items()}
        df = Counter(w for ws in self._words.values() for w in ws)
        n = len(self._words)
        # Smoothed idf: a word in every article weighs 1, one in two of a thousand about 6.
        self._idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}
        self._norm = {a: math.sqrt(sum(self._idf[w] ** 2 for w in ws)) for a, ws in self._words.items()}
        self._pair = lru_cache(maxsize=PAIRS_KEPT)(self._cosine)

    def __call__(self, a: str, b: str) -> float:
        """The similarity of articles ``a`` and ``b`` in [0, 1]; 1 for an article with itself, 0
        for one not given."""
        if a == b:
            return 1.0
        return self._pair(a, b) if a < b else self._pair(b, a)

    def _cosine(self, a: str, b: str) -> float:
        wa, wb = self._words.get(a, set()), self._words.get(b, set())
        dot = sum(self._idf[w] ** 2 for w in wa & wb)
        norm = self._norm.get(a, 0.0) * self._norm.get(b, 0.0)
        return dot / norm if norm else 0.0
