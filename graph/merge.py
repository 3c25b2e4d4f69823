"""Cross-article merging: mentions of the same real-world event become one Event.

Two mentions are the same event when their types (and topics) agree, their factuality
agrees, their dates are compatible given their precision, their places are the same or
near each other, and they share an actor or a place. Candidates are blocked: a mention is
only compared with clusters that share its type and at least one actor or place, so the
work grows with the size of those blocks, never with all pairs.

A mention that shares no actor or place with any cluster may still join one of its type
with a mention of its trigger lemma or a synonym of it ("the quake" and "the earthquake" in
two reports; groups of graph.synonyms), when nothing conflicts (factuality, dates, places,
known agents) and the two articles name some of the same actors or places
(:func:`corroborated`); that block is the type and the lemma's synonym group. Last,
clusters that first-come assignment left apart are joined when one of them would have
taken a mention of the other (:meth:`EventMerger.joinable`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from graph.labels import EventLabeler  # noqa: F401 (re-exported)
from graph.merge_cluster import Cluster as _Cluster
from graph.merge_cluster import (
    cluster_event,
    content,
    count_keys,
    joined_too_early,
    same_count,
    told_before_it_happened,
)
from graph.merge_passes import fold_prospects, unassign_ambiguous
from graph.merge_rules import (  # noqa: F401 (re-exported: graph.merge is where callers look)
    COMMUNICATION,
    LEFT_OR_TAKEN_TYPES,
    SPEECH_TYPES,
    TAKEN_PLACE_TYPES,
    ambiguous,
    article_context,
    befall_others,
    block_of,
    corroborated,
    dates_compatible,
    distance_km,
    index_by,
    mention_keys,
    own_prospect,
    patients_differ,
    placed_and_dated_agree,
    precision_rank,
    said_on,
    same_reporter,
    settlements_differ,
    source_key,
    sources_agree,
    sources_of,
)
from graph.merge_speech import SPEAKER_TYPES, RemarkRules, figures_said, written_on
from graph.merge_trigger import SameTrigger
from graph.records import DateSpan, Entity, EntityKind, Event, Factuality, Mention
from graph.similarity import ArticleSimilarity

#: How alike two articles must be (graph.similarity) for mentions of one trigger word in them to
#: join when the articles name nothing in common. Chosen on ECB+ dev topics 1-17 (0.12-0.25 all
#: gain; 0.2 gains most in the corpus-wide setting) and checked on topics 18-35 (README).
MIN_SIMILARITY = 0.2


class EventMerger(SameTrigger):
    """Groups mentions into events. ``entities`` gives coordinates; ``label`` names an event."""

    def __init__(
        self,
        entities: Mapping[str, Entity],
        label: Callable[[Event], str],
        max_place_km: float = 150.0,
        affiliation: Callable[[str], str | None] = lambda key: None,
        same_trigger: bool = True,
        min_shared_context: int = 1,
        min_similarity: float | None = None,
        synonyms: Callable[[str], str] | None = None,
        country_of: Callable[[str], str | None] = lambda key: None,
        published: Mapping[str, dt.date] | None = None,
    ) -> None:
        self.entities = entities
        #: Maps a place to the country it lies in, or None: a country holds its places.
        self.country_of = country_of
        #: Article id → its publication date, where known; else its dates' anchor tells.
        self.published: Mapping[str, dt.date] = published or {}
        self.label = label
        self.max_place_km = max_place_km
        #: Whether a mention may join a cluster by its trigger lemma (see :func:`corroborated`).
        self.same_trigger = same_trigger
        #: Actors and places two articles must both name before a mention of one joins a
        #: mention of the other by their trigger lemma.
        self.min_shared_context = min_shared_context
        #: How alike (graph.similarity) two articles that name nothing in common must be for a
        #: mention of one to join a mention of the other by their trigger; None: never.
        self.min_similarity = min_similarity
        self._similarity: Callable[[str, str], float] = lambda a, b: 0.0
        self._said_on: Mapping[int, DateSpan] = {}
        #: What each article names (graph.merge_rules.article_context), set by a merge.
        self._context: Mapping[str, frozenset[str]] = {}
        #: ``id(mention)`` → (the mention, :meth:`reading` of it).
        self._readings: dict[int, tuple[Mention, int]] = {}
        self._read: dict[tuple, int] = {}
        self._questions = {}
        #: Maps an actor to the country it acts for (a minister → the country), or None.
        self.affiliation = affiliation
        #: When two speech acts are one (graph.merge_speech).
        #: Trigger lemma → its synonym group (graph.synonyms.TriggerSynonyms): "murder" may join
        #: "kill" wherever a mention may join by its trigger lemma. None: each lemma alone.
        self.synonyms: Callable[[str], str] = synonyms or _itself
        self.remarks = RemarkRules(entities, synonyms)

    def actors(self, m: Mention) -> set[str]:
        """The mention's agents and the countries they act for."""
        return set(m.agents) | {a for k in m.agents if (a := self.affiliation(k))}

    def places_compatible(self, a: set[str], b: set[str], event_type: str | None = None) -> bool:
        """Unknown on either side (no place, or one the gazetteer cannot locate), a shared
        place, a country and a place in it (but see :data:`LEFT_OR_TAKEN_TYPES`), or two places
        within ``max_place_km``; for an event that takes a place whole (:data:`TAKEN_PLACE_TYPES`),
        not two different towns."""
        inside = event_type not in LEFT_OR_TAKEN_TYPES
        if not a or not b or a & b:
            return True
        if event_type in TAKEN_PLACE_TYPES and settlements_differ(a, b, self.entities):
            return False
        for x in a:
            for y in b:
                if inside and (self.country_of(x) == y or self.country_of(y) == x):
                    return True  # "in Ukraine" and "in the Kherson region"
                ex, ey = self.entities.get(x), self.entities.get(y)
                d = distance_km(ex, ey) if ex is not None and ey is not None else None
                if d is None or d <= self.max_place_km:
                    return True
        return False

    def compatible(self, c: _Cluster, m: Mention, source: str | None = None) -> bool:
        """``m``, reported by ``source``, is the event ``c``. Asked of ``c`` by copies of one
        report (the same :func:`content`, not ``c``'s articles), answered once."""
        if m.article_id in c.articles:
            return self._compatible(c, m, source)
        return self.asked(c, ("compatible", self.reading(m), source), lambda: self._compatible(c, m, source))

    def reading(self, m: Mention) -> int:
        """All the rules read of ``m`` that a copy of its report in another article shares (its
        :func:`content`, when its remarks were made, the figures said, what its article names and
        says: :attr:`_like`), as a number: two mentions read alike have the same."""
        kept = self._readings.get(id(m))
        if kept is not None and kept[0] is m:
            return kept[1]
        said = (
            self._said_on.get(id(m)),
            self.remarks.figures_said.get(id(m)),
            self.remarks.written.get(m.article_id),
        )
        article = (self._context.get(m.article_id), self._like.get(m.article_id))
        # Hashed once here, not at each question (a mention's content holds dates and figures).
        found = self._read.setdefault((content(m), *said, *article), len(self._read))
        self._readings[id(m)] = (m, found)
        return found

    def _compatible(self, c: _Cluster, m: Mention, source: str | None = None) -> bool:
        if c.factuality != m.factuality.value or not dates_compatible(c.date, m.date):
            return False
        if not same_reporter(c.factuality, c.sources, c.articles, m, source):
            return False
        if not all(dates_compatible(d, m.date) for d in c.dates()):
            return False
        if told_before_it_happened(c, m, self.published):
            return False
        if not self.places_compatible(c.places, {*m.places, *m.topic_places}, m.event_type):
            return False
        same_speaker = bool(c.agents & set(m.agents))
        affiliated = bool(c.agents & self.actors(m)) or bool(c.affiliated & set(m.agents))
        shared_actor = same_speaker or affiliated
        if m.event_type in SPEAKER_TYPES:
            return self.remarks.same_act(c, m, same_speaker, affiliated)
        if not placed_and_dated_agree(c.places, c.date, m):
            return False
        m_places = {*m.places, *m.topic_places}
        # "Russia attacked" is not "Ukraine attacked": known agents must meet, unless the two
        # happen in one town (a country is too large a place to tell).
        if c.agents and m.agents and not shared_actor and not self.towns(c.places & m_places):
            return False
        if patients_differ(c.patients, m.patients) or befall_others(c.mentions, m):
            return False
        if c.factuality != Factuality.ASSERTED.value and source is not None:
            # One reporter's prospect of one kind of event on one occasion is one prospect
            # (same_reporter, said_on).
            return self.one_occasion(c, m)
        shared_place = bool(c.places & m_places)
        dated = c.date is not None and m.date is not None
        if not sources_agree(c.sources, c.articles, m, source, shared_place, dated):
            return False
        if self.taken_place_unknown(c, m):
            return False
        # "Zelensky said 41 settlements have been liberated": a deed with no actor or place
        # that the reporter of such a deed in the article reports again.
        bare_retold = not (m.agents or m_places) and source is not None and m.article_id in c.articles
        return shared_actor or shared_place or (bare_retold and source in c.sources) or same_count(c, m)

    def towns(self, places: set[str]) -> set[str]:
        """The ``places`` that are places proper, not countries."""
        return {k for k in places if self.kind(k) is EntityKind.PLACE}

    def taken_place_unknown(self, c: _Cluster, m: Mention) -> bool:
        """A capture is of a place: across reports, the taker alone ("Ukrainian troops have for
        weeks been capturing villages", "took a dozen villages the past day") is no match,
        unless both are placed or both dated."""
        if m.event_type not in TAKEN_PLACE_TYPES or m.article_id in c.articles:
            return False
        placed = bool(c.places and (m.places or m.topic_places))
        return not placed and not (c.date is not None and m.date is not None)

    def one_occasion(self, c: _Cluster, m: Mention) -> bool:
        """What ``m``'s reporter put forward was said when ``c``'s was, as far as the dates of
        their remarks tell (:func:`graph.merge_rules.said_on`)."""
        said = self._said_on.get(id(m))
        return all(dates_compatible(d, said) for d in c.distinct("said on", self.said_when))

    def joinable(self, c: _Cluster, d: _Cluster, context: Mapping[str, frozenset[str]]) -> bool:
        """Two clusters made apart (a mention joins the first cluster that fits) are one event:
        nothing conflicts between them, and one mention of ``d`` would join ``c``."""
        if c.event_type in SPEAKER_TYPES:
            return self.said_then(c, d)
        if c.factuality != d.factuality or c.topic != d.topic:
            return False
        if c.factuality != Factuality.ASSERTED.value and c.sources != d.sources:
            return False
        if not all(dates_compatible(x, y) for x in c.dates() for y in d.dates()):
            return False
        if joined_too_early(c, d, self.published):
            return False
        if not self.places_compatible(c.places, d.places, c.event_type) or patients_differ(
            c.patients, d.patients
        ):
            return False
        return any(
            self.compatible(c, m, d.source_of[id(m)])
            or (self.same_trigger and self.same_trigger_compatible(c, m, context, d.source_of[id(m)]))
            for m in d.mentions
        )

    def said_then(self, c: _Cluster, d: _Cluster) -> bool:
        """``d`` is one remark on no subject that joins the act ``c`` of its own report now that
        ``c`` is whole: "Milley said Wednesday" after the headline's undated words began the
        act, which the Wednesday remarks of other reports dated only later; or a person's words
        in a report of the act they spoke at, which other reports tell
        (:meth:`graph.merge_speech.RemarkRules.spoke_at`)."""
        (m, *more) = d.mentions
        lone = m.topic is None and c.event_type == d.event_type
        return (
            not more
            and (lone or self.remarks.spoke_at(c, m))
            and c.factuality == d.factuality
            and m.article_id in c.articles
            and self.compatible(c, m, d.source_of[id(m)])
        )

    def _join(self, clusters: list[_Cluster], context: Mapping[str, frozenset[str]]) -> list[_Cluster]:
        """Each cluster folded into the first earlier one it is :meth:`joinable` with, blocked as
        mentions are (a shared type and actor, place or trigger lemma)."""
        index: dict[tuple, list[int]] = defaultdict(list)
        alive: dict[int, _Cluster] = {}
        for j, d in enumerate(clusters):
            # A speech act joins only its speaker's act, and only as one remark (said_then):
            # its trigger word finds no candidate worth trying.
            speech = d.event_type in SPEAKER_TYPES
            keys = sorted(
                {
                    (*block_of(m), k)
                    for m in d.mentions
                    for k in (
                        *self.actors(m),
                        *m.places,
                        *m.topic_places,
                        *(() if speech else (self.trigger_key(m),)),
                    )
                }
            )
            lone = not speech or len(d.mentions) == 1
            candidates = sorted({i for k in keys for i in index[k]}) if lone else []
            target = next((i for i in candidates if self.joinable(alive[i], d, context)), j)
            if target == j:
                alive[j] = d
            else:
                for m in d.mentions:
                    alive[target].add(m, self.affiliation, d.source_of[id(m)])
            for k in keys:
                if target not in index[k]:
                    index[k].append(target)
        return list(alive.values())

    def said_when(self, m: Mention) -> DateSpan | None:
        """When the remarks that put forward ``m``, a mention not asserted, were made, if the
        article dates them (:func:`graph.merge_rules.said_on`)."""
        return self._said_on.get(id(m))

    def __call__(self, mentions: Iterable[Mention]) -> list[Event]:
        """Events in a deterministic order (by date, then first mention), whatever the input order."""
        ordered = sorted(mentions, key=lambda m: (m.article_id, m.trigger_start, m.event_type, m.part))
        # A country is named in every other report: two reports that share only countries
        # ("Japan", "the United States") are not thereby about the same things.
        context = {
            a: frozenset(k for k in keys if self.kind(k) is not EntityKind.COUNTRY)
            for a, keys in article_context(ordered).items()
        }
        if self.min_similarity is not None:
            sentences: dict[str, dict[int, str]] = defaultdict(dict)
            for m in ordered:
                sentences[m.article_id][m.evidence.start] = m.evidence.sentence
            self._similarity = similarity = ArticleSimilarity({a: s.values() for a, s in sentences.items()})
            # Articles whose compared sentences are the same are alike to every other article.
            self._like = similarity.like
            del sentences, similarity
        self.remarks.event_words = frozenset(w for m in ordered for w in m.trigger.lower().split())
        self.remarks.figures_said = figures_said(ordered, SPEECH_TYPES)
        self.remarks.written = {**written_on(ordered), **self.published}
        source_of = sources_of(ordered)
        self._said_on = said_on(ordered, source_of)
        self._context, self._readings, self._read, self._questions = context, {}, {}, {}
        clusters: list[_Cluster] = []
        # Blocking index: (type, topic, actor-or-place key) → clusters.
        index: dict[tuple[str, str | None, str], list[int]] = defaultdict(list)
        for m in ordered:
            block = block_of(m)
            source = source_of[id(m)]
            keys = (*sorted(self.actors(m)), *m.places, *m.topic_places, *source_key(m, source))
            keys += count_keys(m)  # a telling count finds its event when nothing else names it
            # Index under the cluster's affiliations too, so "Russia" finds its minister's act.
            candidates = sorted({i for k in keys for i in index[(*block, k)]})
            target = next((i for i in candidates if self.compatible(clusters[i], m, source)), None)
            by_trigger = (*block, self.trigger_key(m))
            if target is None and self.same_trigger and m.event_type not in SPEAKER_TYPES:
                target = next(
                    (
                        i
                        for i in index[by_trigger]
                        if self.same_trigger_compatible(clusters[i], m, context, source)
                    ),
                    None,
                )
            if target is None:
                clusters.append(_Cluster([], m.event_type, m.topic, m.factuality.value))
                target = len(clusters) - 1
            if clusters[target].factuality != Factuality.ASSERTED.value:
                source = own_prospect(clusters[target].sources, m, source) or source
            clusters[target].add(m, self.affiliation, source)
            for k in (*keys, *clusters[target].affiliated):
                if target not in index[(*block, k)]:
                    index[(*block, k)].append(target)
            if target not in index[by_trigger]:
                index[by_trigger].append(target)
        clusters = unassign_ambiguous(self, fold_prospects(self, self._join(clusters, context)))
        # The rules' answers are of no more use; a cluster goes as its event is made.
        self._readings, self._read, self._questions = {}, {}, {}
        events: list[Event] = []
        clusters.reverse()
        while clusters:
            events.append(cluster_event(clusters.pop(), self.label))
        return sorted(events, key=_event_order)


def _itself(lemma: str) -> str:
    return lemma


def _event_order(e: Event) -> tuple:
    first = e.mentions[0]
    return (e.date is None, e.date.begin if e.date else None, first.article_id, first.trigger_start)
