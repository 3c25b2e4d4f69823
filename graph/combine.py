"""The steps across articles: find copies, fold entities, canonicalise keys, merge events.

:class:`Combiner` takes the articles' extractions one at a time (:meth:`Combiner.add`), so a
build can let each go once it is read: what is kept of it is its article, its event mentions and
where it names entities (as offsets, graph.occurrences); its name mentions are resolved as it
comes and dropped. :meth:`Combiner.finish` then folds the entities and merges the events.
:func:`combine` is both at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from graph.cache import ArticleExtraction
from graph.components import Components
from graph.occurrences import NameOccurrences, name_span
from graph.records import Article, Entity, Evidence, Mention, Problem

if TYPE_CHECKING:
    from graph.pipeline import Extraction

__all__ = ["Combiner", "acting_for", "canonicalise", "combine", "shared"]


def canonicalise(m: Mention, canon: Callable[[str], str]) -> Mention:
    """The mention with every entity key replaced by its canonical key."""

    def keys(ks: Sequence[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(canon(k) for k in ks))

    return replace(
        m,
        agents=keys(m.agents),
        patients=keys(m.patients),
        recipients=keys(m.recipients),
        places=keys(m.places),
        topic_places=keys(m.topic_places),
        according_to=canon(m.according_to) if m.according_to else None,
        figures=tuple(
            replace(f, given_by=canon(f.given_by) if f.given_by else None, places=keys(f.places))
            for f in m.figures
        ),
    )


def shared(mentions: Iterable[Mention], strings: dict[str, str]) -> list[Mention]:
    """The ``mentions`` of one article, equal to them, holding one object for what they repeat:
    one article id, one :class:`Evidence` for each sentence and, across the articles ``strings``
    has seen, one string for each type, trigger and topic. As read, each mention has its own
    (2 kB an article of a large build: a sentence told twice was held twice)."""
    evidence: dict[Evidence, Evidence] = {}
    ids: dict[str, str] = {}

    def one(e: Evidence | None) -> Evidence | None:
        if e is None:
            return None
        kept = evidence.get(e)
        if kept is None:
            kept = evidence[e] = replace(e, article_id=ids.setdefault(e.article_id, e.article_id))
        return kept

    def word(s: str | None) -> str | None:
        return None if s is None else strings.setdefault(s, s)

    return [
        replace(
            m,
            article_id=ids.setdefault(m.article_id, m.article_id),
            event_type=word(m.event_type),
            trigger=word(m.trigger),
            topic=word(m.topic),
            evidence=one(m.evidence),
            figures=tuple(replace(f, evidence=one(f.evidence)) for f in m.figures),
        )
        for m in mentions
    ]


def acting_for(
    known: Callable[[str], str | None], entities: Mapping[str, Entity]
) -> Callable[[str], str | None]:
    """The country an actor acts for: the gazetteer's, else the one its texts state
    (``Entity.affiliation``)."""

    def affiliation(key: str) -> str | None:
        entity = entities.get(key)
        return known(key) or (entity.affiliation if entity is not None else None)

    return affiliation


class Combiner:
    """The steps across articles over the extractions of ``articles`` (every article of the build,
    in order: the near-duplicate finder of ``components`` reads them all first).

    A near-duplicate (a syndicated copy) stays an article of the graph, linked to its original,
    but its names and mentions are left out: a copy is no independent source of its events.
    """

    def __init__(self, components: Components, articles: Sequence[Article]) -> None:
        from graph.entities import EntityResolver

        self.components = components
        finder = components.duplicates
        found = finder(articles) if finder is not None else []
        self.copies = {c.copy: c.original for c in found}
        self.articles = tuple(articles)
        self.resolver = EntityResolver(components.gazetteer)
        self.mentions: list[Mention] = []
        #: Each type, trigger and topic of the mentions taken in, once (:func:`shared`).
        self._strings: dict[str, str] = {}
        self.added: dict[str, Entity] = {}
        #: Where each article names an entity, under the key resolved in that article (folded
        #: across articles by finish()).
        self.occurrences = NameOccurrences()

    def add(self, x: ArticleExtraction) -> None:
        """Take in the extraction of one of the articles (in their order)."""
        if x.article.id in self.copies:
            return
        keys = self.resolver.resolve(x.article.id, x.names)
        text = x.article.text
        for n, k in zip(x.names, keys, strict=True):
            if k is None:
                continue
            start, end = name_span(text, n.start, n.end)
            # An older cache has no sentence offsets: the name itself stands for its sentence.
            sentence = (n.sentence_start, n.sentence_end) if n.sentence_start >= 0 else (n.start, n.end)
            self.occurrences.add(x.article, k, start, end, sentence)
        self.mentions.extend(shared(x.mentions, self._strings))
        for entity in x.added:
            self.added.setdefault(entity.key, entity)

    def finish(self, problems: Sequence[Problem] = ()) -> Extraction:
        """Fold the entities, canonicalise every key and merge the events (once, after the last
        :meth:`add`)."""
        from graph.merge import MIN_SIMILARITY, EventLabeler, EventMerger
        from graph.pipeline import Extraction

        canon = self.resolver.canonical_key
        # In place: a large build would hold every mention twice for a moment.
        mentions, self.mentions, self._strings = self.mentions, [], {}
        for i, m in enumerate(mentions):
            mentions[i] = canonicalise(m, canon)
        entities = self.resolver.entities()
        for key, entity in self.added.items():
            entities.setdefault(canon(key), entity)
        gazetteer = self.components.gazetteer
        events = EventMerger(
            entities,
            EventLabeler(entities, self.components.lexicon.label),
            affiliation=acting_for(gazetteer.affiliation, entities),
            synonyms=self.components.synonyms,
            min_similarity=MIN_SIMILARITY,
            country_of=gazetteer.affiliation,
            published={a.id: a.published for a in self.articles if a.published},
        )(mentions)
        self.occurrences.rekey(canon)
        return Extraction(
            self.articles,
            tuple(events),
            entities,
            tuple(problems),
            tuple(sorted(self.copies.items())),
            self.occurrences,
        )


def combine(
    extractions: Iterable[ArticleExtraction],
    components: Components,
    problems: Sequence[Problem] = (),
) -> Extraction:
    """The steps across articles over ``extractions`` (see :class:`Combiner`)."""
    extractions = list(extractions)
    combiner = Combiner(components, [x.article for x in extractions])
    for x in extractions:
        combiner.add(x)
    return combiner.finish(problems)
