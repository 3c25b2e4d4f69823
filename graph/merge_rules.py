"""Rules of :mod:`graph.merge` that keep different events apart: who reports a mention, and
which undated mentions fit events of different dates.

Pure functions on mentions, tested alone (tests/test_merge.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from graph.records import DateSpan, Factuality, Mention

#: Event types whose mentions are speech acts: their agents are speakers.
SPEECH_TYPES = frozenset({"Statement", "Announcement", "Appeal", "Criticism", "Threat"})


def sources_of(mentions: Iterable[Mention]) -> dict[int, str | None]:
    """``id(mention)`` → who reports it: its ``according_to``; else, for a mention not asserted,
    the one speaker of a speech act in the same sentence whose topic is the mention's type
    ("Russia has said it is open to negotiations": the prospect is Russia's); else None (the
    narrator). An asserted event in a speaker's sentence ("when Russia annexed the regions,
    Zelensky said ...") is the narrator's.

    Speech acts themselves get their ``according_to`` only: their agent is who speaks.
    """
    mentions = list(mentions)
    speakers: dict[tuple[str, int, str], set[str]] = defaultdict(set)
    for m in mentions:
        if m.event_type in SPEECH_TYPES and m.topic and m.agents:
            speakers[(m.article_id, m.evidence.start, m.topic)].update(m.agents)
    out: dict[int, str | None] = {}
    for m in mentions:
        source = m.according_to
        if source is None and m.event_type not in SPEECH_TYPES and m.factuality is not Factuality.ASSERTED:
            found = speakers.get((m.article_id, m.evidence.start, m.event_type), set())
            source = next(iter(found)) if len(found) == 1 else None
        out[id(m)] = source
    return out


def same_reporter(
    factuality: Factuality | str,
    sources: set[str | None],
    articles: set[str],
    m: Mention,
    source: str | None,
) -> bool:
    """A mention that is not asserted (hypothetical, negated, future) exists only in the words
    of whoever puts it forward: it joins mentions of the same reporter only ("talks could
    resume", says A, is not B's prospect of talks). With no known reporter it stays in its own
    article: two narrators' "talks may come" are no evidence of one prospect."""
    if Factuality(factuality) is Factuality.ASSERTED:
        return True
    if sources != {source}:
        return False
    return source is not None or articles == {m.article_id}


def disjoint_dates(a: DateSpan | None, b: DateSpan | None) -> bool:
    """Both dated, and the intervals do not overlap."""
    return a is not None and b is not None and (a.end < b.begin or b.end < a.begin)


def ambiguous(date: DateSpan | None, rivals: Iterable[DateSpan | None]) -> bool:
    """An undated mention that fits an event of ``date`` and one of a date disjoint from it
    ("the region Putin annexed": the annexation of 2014 or of 2022?) belongs to neither."""
    return any(disjoint_dates(date, r) for r in rivals)


def sources_agree(
    sources: set[str | None],
    articles: set[str],
    m: Mention,
    source: str | None,
    shared_place: bool,
    dated: bool,
) -> bool:
    """Within one article, a mention tied to an event (of ``sources`` and ``articles``) by its
    actors alone (no shared place, not both dated) is the same event only when one reporter
    gives both, or the narrator both: an article that attributes "airstrikes" to the US and
    narrates the shelling of a city reports two attacks. Across articles, outlets attribute
    one event differently, so there it is no evidence."""
    if shared_place or dated or m.article_id not in articles:
        return True
    return source in sources


def index_by(keys: Mapping[int, Iterable[str]]) -> dict[str, list[int]]:
    """Inverted index: key → the ids holding it, in id order."""
    out: dict[str, list[int]] = defaultdict(list)
    for i in sorted(keys):
        for k in dict.fromkeys(keys[i]):
            out[k].append(i)
    return out
