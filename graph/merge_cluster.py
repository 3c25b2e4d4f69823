"""A cluster of mentions being merged into one event (graph.merge): its mentions and what the
rules read of them together (agents, places, topics, the most precise date)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graph.merge_rules import precision_rank
from graph.records import DateSpan, Mention


@dataclass
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

    @property
    def sources(self) -> set[str | None]:
        return set(self.source_of.values())

    @property
    def articles(self) -> set[str]:
        return {m.article_id for m in self.mentions}

    def add(self, m: Mention, affiliation: Callable[[str], str | None], source: str | None = None) -> None:
        self.mentions.append(m)
        self.source_of[id(m)] = source
        self.agents.update(m.agents)
        self.affiliated.update(a for k in m.agents if (a := affiliation(k)))
        self.places.update(m.places, m.topic_places)
        self.patients.update(m.patients)
        self.topics.add(m.topic)
        self.types.add(m.event_type)
        if m.date is not None and (self.date is None or precision_rank(m.date) < precision_rank(self.date)):
            self.date = m.date


def told_again(c: Cluster, m: Mention) -> bool:
    """``c`` holds another mention of ``m``'s article: the report told that event elsewhere."""
    return any(x.article_id == m.article_id and x is not m for x in c.mentions)
