"""Joining mentions by their trigger word (graph.merge): a mention that shares no actor or place
with a cluster may join one whose mention has the same trigger lemma, or a synonym of it, when
nothing conflicts and the two reports are about the same things. :class:`SameTrigger` holds
those rules; :class:`graph.merge.EventMerger` inherits them. Tested in tests/test_merge.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from types import MappingProxyType

from graph.merge_cluster import Cluster as _Cluster
from graph.merge_cluster import told_before_it_happened
from graph.merge_rules import (
    befall_others,
    corroborated,
    dates_compatible,
    patients_differ,
    placed_and_dated_agree,
    same_reporter,
    sources_agree,
)
from graph.name_forms import may_be_one_person
from graph.records import Entity, EntityKind, Mention


class SameTrigger:
    """The same-trigger rules, read off the merger's settings (see :class:`graph.merge.EventMerger`).

    These rules call the merger's own ``actors``, ``places_compatible``, ``one_occasion`` and
    ``taken_place_unknown``.
    """

    entities: Mapping[str, Entity]
    synonyms: Callable[[str], str]
    min_similarity: float | None
    min_shared_context: int
    _similarity: Callable[[str, str], float]
    reading: Callable[[Mention], int]
    #: Article → the day it was published (what it tells as done had happened by then).
    published: Mapping[str, dt.date]
    #: Article → its class of articles that say word for word the same (as far as
    #: :attr:`_similarity` reads them), set by the merger when it compares articles.
    _like: Mapping[str, int] = MappingProxyType({})
    #: Question → its number (:meth:`asked`), emptied by the merger at each merge.
    _questions: dict[tuple, int]

    def asked(self, c: _Cluster, question: tuple, ask: Callable[[], bool]) -> bool:
        """``c.answer`` to ``question``, kept by its number: a cluster asked the same by the
        copies of many reports holds a number per question, not a tuple (4 kB an article of a
        large build's copies)."""
        return c.answer(self._questions.setdefault(question, len(self._questions)), ask)

    def kind(self, key: str) -> EntityKind | None:
        """The kind of the entity ``key``, if known."""
        entity = self.entities.get(key)
        return entity.kind if entity is not None else None

    def persons_differ(self, a: Iterable[str], b: Iterable[str]) -> bool:
        """Both name persons and none of one may be one of the other (surnames differ:
        :func:`graph.name_forms.may_be_one_person`)."""
        x, y = self._persons(a), self._persons(b)
        return bool(x and y) and not any(may_be_one_person(p, q) for p in x for q in y)

    def _persons(self, keys: Iterable[str]) -> list[str]:
        people = (self.entities.get(k) for k in keys)
        return [e.name for e in people if e is not None and e.kind is EntityKind.PERSON]

    def same_trigger_compatible(
        self, c: _Cluster, m: Mention, context: Mapping[str, frozenset[str]], source: str | None = None
    ) -> bool:
        """``m`` may join ``c`` by its trigger lemma: nothing conflicts with the cluster
        (factuality, topic, dates, places), nor with a mention of ``c`` of that lemma or a
        synonym (:attr:`synonyms`) whose article is about the same things (:func:`corroborated`).
        Asked of ``c`` by copies of one report (in none of ``c``'s articles), answered once."""
        if m.article_id in c.articles:
            return self._same_trigger_compatible(c, m, context, source)
        question = ("same trigger", self.reading(m), source, id(context), context.get(m.article_id))
        return self.asked(c, question, lambda: self._same_trigger_compatible(c, m, context, source))

    def _same_trigger_compatible(
        self, c: _Cluster, m: Mention, context: Mapping[str, frozenset[str]], source: str | None = None
    ) -> bool:
        m_places = {*m.places, *m.topic_places}
        if c.factuality != m.factuality.value or c.topic != m.topic:
            return False
        if not same_reporter(c.factuality, c.sources, c.articles, m, source) or not self.one_occasion(c, m):
            return False
        if self.taken_place_unknown(c, m):
            return False
        if not all(dates_compatible(d, m.date) for d in c.dates()):
            return False
        if told_before_it_happened(c, m, self.published):
            return False
        if not self.places_compatible(c.places, m_places, m.event_type) or not placed_and_dated_agree(
            c.places, c.date, m
        ):
            return False
        # What one mention of the cluster leaves open, another may close: "They killed my
        # brother" pairs with any killing, but the cluster's victim is Kimani Gray, not Zurana
        # Horton. Named persons only: places and bodies befallen are named many ways.
        if self.persons_differ(c.patients, m.patients) or befall_others(c.mentions, m):
            return False
        dated = c.date is not None and m.date is not None
        # A bare "withdrawal" someone speaks of is tied by no actor, the case sources_agree
        # guards against; its article's event of that name is what it speaks of.
        bare = not (m.agents or m_places)
        if not bare and not sources_agree(c.sources, c.articles, m, source, bool(c.places & m_places), dated):
            return False
        vague = bare and not m.patients
        group = self.synonyms(m.trigger)
        return any(
            self.synonyms(x.trigger) == group
            and self.same_trigger_pair(x, m)
            and (
                self.corroborated(x, m, context, vague)
                or (
                    self.min_similarity is not None
                    and self._similarity(x.article_id, m.article_id) >= self.min_similarity
                )
            )
            for x in self.paired_with(c, m, context)
        )

    def paired_with(
        self, c: _Cluster, m: Mention, context: Mapping[str, frozenset[str]]
    ) -> Iterator[Mention]:
        """The mentions of ``c`` that :meth:`same_trigger_compatible` need try against ``m``:
        those it reads alike (trigger group, arguments, what their article names and, with
        :attr:`min_similarity`, what it says) answer alike, unless one is of ``m``'s own article;
        so one of each such group, and the one of ``m``'s article. Copies of a report cost one."""

        def reads(x: Mention) -> Hashable:
            return (
                self.synonyms(x.trigger),
                x.agents,
                x.patients,
                x.places,
                x.topic_places,
                context.get(x.article_id),
                self._like.get(x.article_id),
            )

        for by_article in c.distinct("same trigger", reads).values():
            if m.article_id in by_article:
                yield by_article[m.article_id]
            other = next((x for a, x in by_article.items() if a != m.article_id), None)
            if other is not None:
                yield other

    def corroborated(
        self, x: Mention, m: Mention, context: Mapping[str, frozenset[str]], vague: bool
    ) -> bool:
        """The reports of ``x`` and ``m`` are about the same things (:func:`corroborated`): they
        share an argument, or their articles name the same actors or places. For a ``vague``
        mention (no actor, patient or place) in another report, one organisation in common is
        not enough: one name ("the BBC") does not make "targeted attacks directed at IE8" a
        pirate attack; a place or a person is."""
        if {*x.agents, *x.patients, *x.places} & {*m.agents, *m.patients, *m.places}:
            return True
        if not vague or x.article_id == m.article_id:
            return corroborated(x, m, context, self.min_shared_context)
        shared = context.get(x.article_id, frozenset()) & context.get(m.article_id, frozenset())
        specific = any(self.kind(k) in (EntityKind.PLACE, EntityKind.PERSON) for k in shared)
        return specific or len(shared) > self.min_shared_context

    def trigger_key(self, m: Mention) -> str:
        """The blocking key of the mention's trigger: its lemma's synonym group."""
        return f"trigger:{self.synonyms(m.trigger)}"

    def same_trigger_pair(self, x: Mention, m: Mention) -> bool:
        """No argument of the two mentions conflicts: "Russia attacked" is not "Ukraine
        attacked", an attack in Kyiv is not one in Lviv, Ukraine's losses are not Russia's."""
        if x.agents and m.agents and not self.actors(x) & self.actors(m):
            return False
        if patients_differ(set(x.patients), m.patients):
            return False
        return self.places_compatible(
            {*x.places, *x.topic_places}, {*m.places, *m.topic_places}, m.event_type
        )
