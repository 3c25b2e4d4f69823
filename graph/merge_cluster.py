"""A cluster of mentions being merged into one event (graph.merge): its mentions and what the
rules read of them together (agents, places, topics, the most precise date)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

from graph.merge_rules import COMMUNICATION, precision_rank
from graph.records import DateSpan, Event, Evidence, Factuality, Mention

#: The fewest mentions a cluster keeps its views (:meth:`Cluster.distinct`) for.
VIEWS_FROM = 8


@dataclass(slots=True)
class Cluster:
    """Mentions taken as one event so far, with what the merge rules read of them together."""

    mentions: list[Mention]
    event_type: str
    topic: str | None
    factuality: str
    agents: set[str] = field(default_factory=set)
    #: Countries the agents act for (not agents themselves: two Americans are not one speaker).
    affiliated: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    patients: set[str] = field(default_factory=set)
    topics: set[str | None] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    date: DateSpan | None = None
    #: ``id(mention)`` → who reports it (:func:`graph.merge_rules.sources_of`).
    source_of: dict[int, str | None] = field(default_factory=dict)
    # Kept as mentions are added, not gathered at each question: the rules ask of a cluster once
    # per candidate mention, and a cluster of many reports' copies would cost its size each time.
    _sources: set[str | None] = field(default_factory=set, repr=False)
    _articles: set[str] = field(default_factory=set, repr=False)
    #: name → (mentions seen, their groups): the views :meth:`distinct` keeps up to date.
    _views: dict[str, tuple[int, dict[Hashable, dict[str, Mention]]]] = field(
        default_factory=dict, repr=False
    )
    #: (mentions when asked, question → answer): what :meth:`answer` keeps.
    _answers: tuple[int, dict[Hashable, bool]] = field(default_factory=lambda: (-1, {}), repr=False)

    @property
    def sources(self) -> set[str | None]:
        """Who reports the mentions (the set itself: read, never change it)."""
        return self._sources

    @property
    def articles(self) -> set[str]:
        """The articles of the mentions (the set itself: read, never change it)."""
        return self._articles

    def __post_init__(self) -> None:
        self._sources.update(self.source_of.values())
        self._articles.update(m.article_id for m in self.mentions)

    def dates(self) -> Iterable[DateSpan | None]:
        """The distinct dates of the mentions (each rule on dates reads no more of a mention)."""
        return self.distinct("date", _date).keys()  # type: ignore[return-value]

    def distinct(self, name: str, key: Callable[[Mention], Hashable]) -> dict[Hashable, dict[str, Mention]]:
        """The mentions grouped by ``key``, each group holding the first mention of each of its
        articles, in the order they were added. A rule that reads of a mention only what ``key``
        gives and which article it is in gets the same answer from these as from every mention,
        at the cost of the groups rather than of the mentions (copies of one report fall in one
        group). Kept under ``name`` and brought up to date as mentions are added: one ``name``,
        one ``key``. A cluster of fewer than :data:`VIEWS_FROM` mentions groups them afresh: most
        clusters are small, and their kept groups were 1.5 kB an article of a large build."""
        if len(self.mentions) < VIEWS_FROM:
            fresh: dict[Hashable, dict[str, Mention]] = {}
            for x in self.mentions:
                fresh.setdefault(key(x), {}).setdefault(x.article_id, x)
            return fresh
        seen, groups = self._views.get(name, (0, {}))
        if seen == len(self.mentions) and seen:
            return groups
        for x in self.mentions[seen:]:
            groups.setdefault(key(x), {}).setdefault(x.article_id, x)
        self._views[name] = (len(self.mentions), groups)
        return groups

    def answer(self, question: Hashable, ask: Callable[[], bool]) -> bool:
        """``ask()``, kept under ``question`` until a mention is added: a question that names all
        it reads of a mention (see :func:`content`) is answered once for the copies that ask it."""
        version, answers = self._answers
        if version != len(self.mentions):
            answers = {}
            self._answers = (len(self.mentions), answers)
        if question not in answers:
            answers[question] = ask()
        return answers[question]

    def add(self, m: Mention, affiliation: Callable[[str], str | None], source: str | None = None) -> None:
        self.mentions.append(m)
        self.source_of[id(m)] = source
        self._sources.add(source)
        self._articles.add(m.article_id)
        self.agents.update(m.agents)
        self.affiliated.update(a for k in m.agents if (a := affiliation(k)))
        self.places.update(m.places, m.topic_places)
        self.patients.update(m.patients)
        self.topics.add(m.topic)
        self.types.add(m.event_type)
        if m.date is not None and (self.date is None or precision_rank(m.date) < precision_rank(self.date)):
            self.date = m.date


def content(m: Mention) -> tuple:
    """All of ``m`` but which article it is in: two word-for-word copies of a report have the same."""

    def where(e: Evidence | None) -> tuple | None:
        return None if e is None else (e.start, e.end, e.sentence)

    return (
        *(getattr(m, f.name) for f in fields(m) if f.name not in ("article_id", "evidence", "figures")),
        where(m.evidence),
        tuple((replace(f, evidence=None), where(f.evidence)) for f in m.figures),
    )


def _date(m: Mention) -> DateSpan | None:
    return m.date


def told_again(c: Cluster, m: Mention) -> bool:
    """``c`` holds another mention of ``m``'s article: the report told that event elsewhere."""
    return any(x.article_id == m.article_id and x is not m for x in c.mentions)


def told_before_it_happened(c: Cluster, m: Mention, published: Mapping[str, dt.date]) -> bool:
    """A report tells as done only what had happened by the day it was ``published``: an
    undated mention in a report of day P is no event dated after P ("soldiers were killed
    during the retreat", 11 November, is not the shelling of 12 November), and a dated one
    joins no event an earlier report told undated. Prospects are not reports of deeds."""
    if c.factuality != Factuality.ASSERTED.value or m.factuality is not Factuality.ASSERTED:
        return False
    if m.date is None:
        written = published.get(m.article_id)
        return written is not None and c.date is not None and c.date.begin > written
    return told_before(c, m.date, published)


def told_before(c: Cluster, date: DateSpan | None, published: Mapping[str, dt.date]) -> bool:
    """Whether a report ``published`` before ``date`` began tells ``c`` undated as done."""
    if date is None or c.factuality != Factuality.ASSERTED.value:
        return False
    told = c.distinct("undated_told", lambda x: published.get(x.article_id) if x.date is None else None)
    return any(d is not None and date.begin > d for d in told)


def joined_too_early(c: Cluster, d: Cluster, published: Mapping[str, dt.date]) -> bool:
    """Whether one of two clusters is dated after a report told the other undated."""
    return told_before(c, d.date, published) or told_before(d, c.date, published)


def same_count(c: Cluster, m: Mention) -> bool:
    """Whether ``m`` gives a count of ``c``'s event that one of its mentions gives too, and one
    that tells events apart: a whole number of at least 10 that is no multiple of 5 ("66 people
    were arrested" in two reports of one night); "two killed" or "30,000 troops" may be said of
    many events. The other rules (dates, places, parties) still hold."""
    told = {(f.value, f.unit) for f in m.figures if _telling(f.value)}
    if not told:
        return False
    counts = c.distinct("counts", lambda x: frozenset((f.value, f.unit) for f in x.figures))
    return any(told & key for key in counts if key)


def _telling(value: float | None) -> bool:
    return value is not None and value >= 10 and value == int(value) and int(value) % 5 != 0


def count_keys(m: Mention) -> tuple[str, ...]:
    """Blocking keys for ``m``'s telling counts (:func:`same_count`): a mention with no party or
    place is found by them."""
    return tuple(f"#count {f.value:g} {f.unit}" for f in m.figures if _telling(f.value))


def cluster_event(c: Cluster, label: Callable[[Event], str]) -> Event:
    """The event the mentions of ``c`` make, labelled by ``label``."""
    first = c.mentions[0]
    fact = first.factuality
    types = {m.event_type for m in c.mentions}
    event_type = next((t for t in COMMUNICATION if t in types), first.event_type)
    topics = Counter(m.topic for m in c.mentions if m.topic)
    topic = min(topics, key=lambda t: (-topics[t], t)) if topics else None
    part = f"-{first.part}" if first.part else ""  # existing ids stay as they were
    digest = hashlib.sha1(
        f"{first.event_type}|{first.article_id}|{first.trigger_start}{part}".encode()
    ).hexdigest()[:16]

    def ranked(attr: str) -> tuple[str, ...]:
        counts = Counter(k for m in c.mentions for k in getattr(m, attr))
        return tuple(sorted(counts, key=lambda k: (-counts[k], k)))

    event = Event(
        id=digest,
        event_type=event_type,
        label="",
        mentions=tuple(c.mentions),
        agents=ranked("agents"),
        patients=ranked("patients"),
        recipients=ranked("recipients"),
        places=ranked("places"),
        date=c.date,
        factuality=fact,
        # Who put forward a prospect of an asserted event does not report it.
        according_to=tuple(
            sorted(
                {m.according_to for m in c.mentions if m.according_to and m.factuality == first.factuality}
            )
        ),
        quote=next((m.quote for m in c.mentions if m.quote), None),
        figures=tuple(f for m in c.mentions for f in m.figures),
        topic=topic,
        topic_places=ranked("topic_places"),
    )
    return replace(event, label=label(event))
