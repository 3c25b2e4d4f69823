"""Where a build's articles name its entities, held as offsets into the articles' texts.

Every occurrence of a name is the provenance of an actor or a place, and a build holds them all
until each article's graph is written. As :class:`~graph.records.NameOccurrence` records (the name
and its sentence as strings of their own) they were the largest thing a build held after merging,
about 7 kB an article: most of each article's text again. Here an occurrence is four integers and
its entity's key; the record, with its name and sentence cut from the article's text, is made
when it is read.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator

from graph.records import Article, Evidence, NameOccurrence

__all__ = ["NameOccurrences", "name_span"]


def name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the name ``text[start:end]`` without the punctuation or the article the NER
    took in ("(Dnieper", "the Dnieper" → "Dnieper")."""
    while start < end and not text[start].isalnum():
        start += 1
    if text[start : start + 4].lower() == "the " and end - start > 4:
        start += 4
    return start, end


class NameOccurrences:
    """The occurrences of names in a set of articles, in the order they were added.

    ``add`` takes an article and offsets; iterating, or :meth:`of` one article, gives
    :class:`NameOccurrence` records made from the article's text (the names of one sentence
    share one :class:`Evidence`). Two collections are equal when they give the same records.
    """

    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        #: Per article: start, end, sentence start, sentence end of each occurrence, in turn.
        self._offsets: dict[str, array] = {}
        self._keys: dict[str, list[str]] = {}

    def add(self, article: Article, key: str, start: int, end: int, sentence: tuple[int, int]) -> None:
        """``article`` names ``key`` at ``start:end``, in the sentence at offsets ``sentence``."""
        if article.id not in self._articles:
            self._articles[article.id] = article
            self._offsets[article.id] = array("q")
            self._keys[article.id] = []
        self._offsets[article.id].extend((start, end, *sentence))
        self._keys[article.id].append(key)

    def rekey(self, key: Callable[[str], str]) -> None:
        """Replace each occurrence's key ``k`` by ``key(k)`` (the key folded across articles)."""
        for keys in self._keys.values():
            keys[:] = [key(k) for k in keys]

    def of(self, article_id: str) -> Iterator[NameOccurrence]:
        """The occurrences in the article ``article_id``, in the order they were added."""
        article = self._articles.get(article_id)
        if article is None:
            return
        offsets, text = self._offsets[article_id], article.text
        sentences: dict[tuple[int, int], Evidence] = {}
        for i, key in enumerate(self._keys[article_id]):
            start, end, s_start, s_end = offsets[4 * i : 4 * i + 4]
            sentence = sentences.get((s_start, s_end))
            if sentence is None:
                sentence = Evidence(article_id, s_start, s_end, text[s_start:s_end])
                sentences[s_start, s_end] = sentence
            yield NameOccurrence(article_id, key, text[start:end], start, end, sentence)

    def __iter__(self) -> Iterator[NameOccurrence]:
        for article_id in self._articles:
            yield from self.of(article_id)

    def __len__(self) -> int:
        return sum(len(keys) for keys in self._keys.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NameOccurrences):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable while a build adds to it
