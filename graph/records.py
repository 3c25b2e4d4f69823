"""Typed records that flow between the stages of the pipeline.

Every stage takes and returns these frozen dataclasses, never dicts of strings, so a
field renamed in one place fails loudly everywhere it is used. Stages below ``rdf``
know nothing of RDF: these records carry plain Python values only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    """How precise a resolved date is; the value is the word used in the graph."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"


class Factuality(StrEnum):
    """Whether the text reports an event as having happened."""

    ASSERTED = "asserted"  #: reported as fact
    NEGATED = "negated"  #: "talks will not resume", "did not withdraw"
    HYPOTHETICAL = "hypothetical"  #: "could take weeks", "may not be possible"
    FUTURE = "future"  #: "will negotiate"


class EntityKind(StrEnum):
    """The class of a resolved entity."""

    PERSON = "person"
    ORGANISATION = "organisation"
    COUNTRY = "country"
    ARMED_GROUP = "armed_group"
    PLACE = "place"  #: a city, region, river... (not a country)
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, read from disk and stripped of site boilerplate."""

    #: Stable identifier: the input file's name (``000_4ca2b323ac4ae7b1.txt``) or the
    #: ``id``/``doc_id`` of a JSONL line. IRIs are derived from it.
    id: str
    #: The article body, boilerplate removed. Character offsets elsewhere index into it.
    text: str
    #: Publication date, or None when neither metadata nor the file states it.
    published: dt.date | None = None
    #: How the publication date is known ("stated in the file's first line", ...).
    published_basis: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str = "en"
    #: Path of the file the article was read from (for messages), with ``#line`` for JSONL.
    source: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read, or was read with a caveat."""

    #: The file (and line, for JSONL) the problem is about.
    source: str
    #: One line saying what is wrong and what is allowed.
    message: str
    #: True when the input was skipped; False for a warning (e.g. no publication date).
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A resolved time expression: the interval it denotes and how it was obtained."""

    #: First day of the interval (inclusive).
    begin: dt.date
    #: Last day of the interval (inclusive); equal to ``begin`` for a day.
    end: dt.date
    precision: Precision
    #: The expression as written in the text ("Wednesday", "in 2014").
    expression: str
    #: The date a relative expression was resolved against (the publication date);
    #: None when the expression is explicit ("9 November 2022", "2014").
    anchor: dt.date | None = None

    @property
    def relative(self) -> bool:
        """True when the value depends on the anchor."""
        return self.anchor is not None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence an extraction came from, tied to its article by character offsets."""

    article_id: str
    #: Offsets of the sentence in ``Article.text`` (``text[start:end] == sentence``).
    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class NameOccurrence:
    """One place an article names an entity: what an actor's or a place's provenance points at."""

    article_id: str
    #: Canonical key of the entity named.
    key: str
    #: The name as written ("Zelenskyy", "Kiev").
    text: str
    #: Offsets of the name in ``Article.text``.
    start: int
    end: int
    #: The sentence the name is in.
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical real-world entity: one node in the graph, whatever its spellings."""

    #: Stable slug used in IRIs ("volodymyr-zelensky", "kherson").
    key: str
    #: Canonical name ("Anne Martin").
    name: str
    kind: EntityKind
    #: Every other surface form seen or known, sorted.
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    long: float | None = None
    #: Wikidata QID ("Q3920") where known.
    wikidata: str | None = None
    #: A city, town or village (a GeoNames populated place, or a curated place so marked): a
    #: place that is taken or held as a whole, unlike a region or a river.
    settlement: bool = False
    #: Key of the country a person the gazetteer does not know acts for, when every text that
    #: describes them says the same ("Ukrainian spokesman Oleksiy Gromov"); None otherwise.
    affiliation: str | None = None

    @property
    def is_place(self) -> bool:
        return self.kind in (EntityKind.PLACE, EntityKind.COUNTRY)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the text gives about an event: casualties, troops, money..."""

    #: The central value (the low end of a range is ``low``, the high end ``high``).
    value: float
    #: What is counted ("troops", "casualties", "settlements", "USD", "people").
    unit: str
    #: The figure as written ("more than 100,000", "20,000 to 30,000").
    text: str
    low: float | None = None
    high: float | None = None
    #: "more than", "about", "at least", "up to", "range" or None for a plain value.
    qualifier: str | None = None
    #: Entity key of who gave the figure, when the text says.
    given_by: str | None = None
    evidence: Evidence | None = None
    #: Entity keys of the places the figure is about ("troops in Lyon"), for telling
    #: whether two sources' figures are about the same thing.
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as one sentence of one article reports it."""

    article_id: str
    #: Local name of the event-type concept ("Withdrawal", "Statement").
    event_type: str
    #: Lemma of the trigger word(s) ("withdraw", "pull out").
    trigger: str
    #: Offsets of the trigger in ``Article.text``.
    trigger_start: int
    trigger_end: int
    evidence: Evidence
    #: Entity keys by role.
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    date: DateSpan | None = None
    factuality: Factuality = Factuality.ASSERTED
    #: Entity key of who reports the event, when it is only reported by someone.
    according_to: str | None = None
    #: For statements: the quote or paraphrase.
    quote: str | None = None
    figures: tuple[Figure, ...] = ()
    #: For statements and announcements: the type of the event they are about
    #: ("Russia announced its withdrawal" has topic "Withdrawal").
    topic: str | None = None
    #: For statements and announcements: the places of the event they are about (not where
    #: the words were said, which is ``places``).
    topic_places: tuple[str, ...] = ()
    #: Which of the events one trigger reports this is, when it reports several: "40,000
    #: civilians and 100,000 soldiers were killed" is two counts of casualties, parts 0 and 1.
    part: int = 0


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world event: one or more mentions, possibly from several articles, merged."""

    #: Stable identifier used in the IRI; derived from the content, not from run order.
    id: str
    event_type: str
    #: A short human sentence: who did what, where.
    label: str
    mentions: tuple[Mention, ...]
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    date: DateSpan | None = None
    factuality: Factuality = Factuality.ASSERTED
    according_to: tuple[str, ...] = ()
    quote: str | None = None
    figures: tuple[Figure, ...] = field(default=())
    topic: str | None = None
    topic_places: tuple[str, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Sorted ids of the articles that report this event."""
        return tuple(sorted({m.article_id for m in self.mentions}))
