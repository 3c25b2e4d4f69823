"""Passes over the clusters :class:`graph.merge.EventMerger` has made, once they are whole: a
report's prospect of the event it reports folded into it (:func:`fold_prospects`), and an undated
mention that fits two events of different dates taken out of both (:func:`unassign_ambiguous`).
Tested in tests/test_merge_passes.py."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Protocol

from graph.merge_cluster import Cluster, told_again
from graph.merge_rules import ambiguous, block_of, dates_compatible, distance_km, index_by, patients_differ
from graph.merge_speech import NEWS_WINDOW, SPEAKER_TYPES, written_on
from graph.records import DateSpan, Entity, EntityKind, Factuality, Mention

#: What a report may put forward of the event it reports: "was unlikely to leave". Not the
#: future ("we will negotiate"): what a report asserts in the past tense has already happened.
PROSPECTS = frozenset({Factuality.HYPOTHETICAL.value})


class Merger(Protocol):
    """What the passes read of :class:`graph.merge.EventMerger`."""

    affiliation: Callable[[str], str | None]
    entities: Mapping[str, Entity]
    max_place_km: float

    def actors(self, m: Mention) -> set[str]: ...

    def places_compatible(self, a: set[str], b: set[str], event_type: str | None = None) -> bool: ...

    def compatible(self, c: Cluster, m: Mention, source: str | None = None) -> bool: ...

    def said_when(self, m: Mention) -> DateSpan | None: ...


def fold_prospects(merger: Merger, clusters: list[Cluster]) -> list[Cluster]:
    """Each prospect of one report folded into the event that report asserts, when it is the
    only one it can be (:func:`foretold`): "officials in Kyiv said Russia was unlikely to leave
    Kherson" in a report of the withdrawal from Kherson speaks of that withdrawal (GAF and
    NewsReader link mentions of any factuality to one instance). The event stays asserted; each
    mention keeps its own factuality, which the graph states on its mention node."""
    written = written_on(m for c in clusters for m in c.mentions)
    asserted: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.factuality == Factuality.ASSERTED.value:
            for a in sorted(c.articles):
                asserted[(c.event_type, c.topic, a)].append(i)
    gone: set[int] = set()
    for j, d in enumerate(clusters):
        if d.factuality not in PROSPECTS or len(d.articles) != 1:
            continue
        (article,) = d.articles
        fits = [
            i
            for i in asserted.get((d.event_type, d.topic, article), ())
            if foretold(merger, clusters[i], d, written.get(article))
        ]
        if len(fits) == 1:
            for m in d.mentions:
                clusters[fits[0]].add(m, merger.affiliation, d.source_of[id(m)])
            gone.add(j)
    return [c for j, c in enumerate(clusters) if j not in gone]


def foretold(merger: Merger, c: Cluster, d: Cluster, written: dt.date | None = None) -> bool:
    """The prospects of ``d`` are of the event ``c``: each shares an actor or a place with it, no
    place, patient or date conflicts, and ``c`` is dated and was not over before they were put
    forward (when their remarks are dated; else in the week before the report was ``written``):
    "Ukraine could negotiate" is no prospect of February's talks in a November report, nor of
    talks the report does not date."""
    if c.date is None:
        return False  # an event the reports do not date may be long over
    for m in d.mentions:
        said = merger.said_when(m)
        put_forward = said.begin if said is not None else written - NEWS_WINDOW if written else None
        if c.date is not None and put_forward is not None and c.date.end < put_forward:
            return False
        m_places = {*m.places, *m.topic_places}
        if not (c.agents & merger.actors(m) or c.places & m_places):
            return False
        if not merger.places_compatible(c.places, m_places, m.event_type):
            return False
        if patients_differ(c.patients, m.patients) or not dates_compatible(c.date, m.date):
            return False
    return True


def unassign_ambiguous(merger: Merger, clusters: list[Cluster]) -> list[Cluster]:
    """Each undated mention of a dated event taken out, as its own event, when it would as
    well join an event of a disjoint date (:func:`graph.merge_rules.ambiguous`), unless its own
    sentence names a place of just one of them (:func:`placed_by_sentence`): then it is that one's."""
    keys = {
        i: {(*block_of(m), k) for m in c.mentions for k in (*merger.actors(m), *m.places, *m.topic_places)}
        for i, c in enumerate(clusters)
    }
    index = index_by({i: [repr(k) for k in ks] for i, ks in keys.items()})
    here = sentence_places(clusters)
    out_of: dict[int, list[Mention]] = defaultdict(list)  # cluster → mentions taken out of it
    into: dict[int, list[tuple[Mention, str | None]]] = defaultdict(list)  # cluster → mentions given
    for i, c in enumerate(clusters):
        # A speaker speaks on many occasions: statements have their own rules.
        dated = c.date is not None and c.event_type not in SPEAKER_TYPES
        undated = [m for m in c.mentions if m.date is None] if dated else []
        for m in undated:
            mkeys = {repr((*block_of(m), k)) for k in (*merger.actors(m), *m.places, *m.topic_places)}
            rivals = {j for k in mkeys for j in index.get(k, ()) if j != i}
            if told_again(c, m) and not any(m.article_id in clusters[j].articles for j in rivals):
                continue  # its own report's event, which it tells again barely
            source = c.source_of[id(m)]
            fits = [j for j in sorted(rivals) if merger.compatible(clusters[j], m, source)]
            if not ambiguous(c.date, [clusters[j].date for j in fits]):
                continue
            placed = placed_by_sentence(merger, [i, *fits], clusters, here[(m.article_id, m.evidence.start)])
            if placed == i:
                continue
            out_of[i].append(m)
            if placed is not None:
                into[placed].append((m, source))
    given = {id(m) for pairs in into.values() for m, _ in pairs}  # moved to another event
    out: list[Cluster] = []
    for i, c in enumerate(clusters):
        if i not in out_of and i not in into:
            out.append(c)
            continue
        loose = [m for m in out_of[i] if id(m) not in given]
        kept = [(m, c.source_of[id(m)]) for m in c.mentions if all(m is not x for x in out_of[i])]
        kept += into[i]
        for group in ([kept] if kept else []) + [[(m, c.source_of[id(m)])] for m in loose]:
            new = Cluster([], group[0][0].event_type, group[0][0].topic, group[0][0].factuality.value)
            for m, source in group:
                new.add(m, merger.affiliation, source)
            out.append(new)
    return out


def sentence_places(clusters: list[Cluster]) -> dict[tuple[str, int], set[str]]:
    """(article, sentence start) → the places its mentions name."""
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for c in clusters:
        for m in c.mentions:
            out[(m.article_id, m.evidence.start)].update(m.places, m.topic_places)
    return out


def placed_by_sentence(
    merger: Merger, candidates: list[int], clusters: list[Cluster], places: set[str]
) -> int | None:
    """The one candidate event that has a place the mention's sentence names, or one within
    ``merger.max_place_km`` of it, else None: "The retreat would be a setback in a region Putin
    claimed to have annexed, … unlikely to leave Kherson" is about the annexation of the Kherson
    region, not Crimea's. Countries are too large to tell."""

    def near(x: str, y: str) -> bool:
        ex, ey = merger.entities.get(x), merger.entities.get(y)
        if ex is None or ey is None or EntityKind.COUNTRY in (ex.kind, ey.kind):
            return False
        d = distance_km(ex, ey)
        return x == y or (d is not None and d <= merger.max_place_km)

    named = [i for i in candidates if any(near(x, y) for x in clusters[i].places for y in places)]
    return named[0] if len(named) == 1 else None
