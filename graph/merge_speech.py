"""When two reported speech acts are one act: the rules :class:`graph.merge.EventMerger` applies to
statements, announcements and appeals.

A speech act is who spoke, on what occasion, about what. Reports rarely say the occasion, so it is
read from what they do say: the speaker, the day, the subject (the ``topic``: the type of event the
words are about) and, when nothing else tells, the words themselves. Tested in tests/test_merge.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from typing import Protocol

from graph.merge_rules import same_words
from graph.records import DateSpan, Entity, EntityKind, Mention
from graph.speech import NEXT_SENTENCE_CHARS, SAME_REMARKS

#: Event types whose identity is the speaker: two statements merge only if they share one.
SPEAKER_TYPES = {"Statement", "Announcement", "Appeal"}

#: How long before its writing a report's undated remarks, or its unattributed prospect, may
#: have been made: news reports the week's words.
NEWS_WINDOW = dt.timedelta(days=7)


def written_on(mentions: Iterable[Mention]) -> dict[str, dt.date]:
    """Article id → the latest date its relative expressions were resolved against: when it was
    written, as far as its mentions tell."""
    out: dict[str, dt.date] = {}
    for m in mentions:
        if m.date is not None and m.date.anchor is not None:
            out[m.article_id] = max(out.get(m.article_id, m.date.anchor), m.date.anchor)
    return out


class Remarks(Protocol):
    """What the rules read of a group of mentions already taken as one act."""

    agents: set[str]
    types: set[str]
    topics: set[str | None]
    date: DateSpan | None
    mentions: list[Mention]

    @property
    def articles(self) -> set[str]: ...

    def distinct(
        self, name: str, key: Callable[[Mention], Hashable]
    ) -> Mapping[Hashable, Mapping[str, Mention]]: ...


class RemarkRules:
    """Whether a speech act is the act a group of remarks reports; ``entities`` tell persons."""

    def __init__(self, entities: Mapping[str, Entity], synonyms: Callable[[str], str] | None = None) -> None:
        self.entities = entities
        #: Lemma → its synonym group (graph.synonyms): remarks in synonyms say one thing.
        self.synonyms = synonyms
        #: Words that name events (the trigger lemmas being merged): they say nothing of what
        #: was said about an event ("ready for negotiations", "negotiations will be needed").
        self.event_words: frozenset[str] = frozenset()
        #: ``id(speech act)`` → the figures its words give (see :func:`figures_said`).
        self.figures_said: Mapping[int, frozenset[float]] = {}
        #: Article id → when it was written (:func:`written_on`), set by a merge.
        self.written: Mapping[str, dt.date] = {}

    def same_content(self, c: Remarks, m: Mention, in_synonyms: bool = False) -> bool:
        """Some remark of ``c`` says what ``m`` says: the same words (not counting event names),
        or the same figure ("US says Russia accumulates more than 100,000 casualties" and
        Milley's "much more than 100,000 Russian soldiers killed or wounded"). With
        ``in_synonyms``, words of one synonym group count as the same ("feigning",
        "pretending")."""
        mine = self.figures_said.get(id(m), frozenset())
        groups = self.synonyms if in_synonyms else None
        # Remarks alike in words and figures answer alike: each is read once (copies of a report).
        return any(
            same_words(quote, m.quote, self.event_words, groups) or mine & figures
            for quote, figures in c.distinct("words said", self.said).keys()  # type: ignore[misc]
        )

    def said(self, x: Mention) -> tuple[str | None, frozenset[float]]:
        """What :meth:`same_content` reads of a remark: its words and the figures it gives."""
        return x.quote, self.figures_said.get(id(x), frozenset())

    def same_act(self, c: Remarks, m: Mention, same_speaker: bool, affiliated: bool) -> bool:
        """``m`` and ``c`` are one act. ``same_speaker``: they share a speaker; ``affiliated``:
        one's speaker acts for the other's (a minister for the state).

        A minister announcing a decision announces it for the state; a person's remarks are
        theirs alone. On one subject, the occasion must agree (:meth:`one_occasion`); on
        different subjects, a person's remarks of the same day are one act whatever each
        sentence is about, and so is a state's announcement ("the official announcement made
        Wednesday").
        """
        if any(reports(x, m) or reports(m, x) for x in c.mentions):
            return False
        if not self.same_news(c, m):
            return False
        # A person announces on many occasions: only a body's announcements are one whatever
        # the day ("Barack Obama announced" his nominee in January and another in July).
        announced = "Announcement" in c.types or m.event_type == "Announcement"
        institutional = announced and not self.one_voice(c.agents & set(m.agents))
        # "The Biden administration has been urging Zelensky to declare a willingness to talk",
        # "Biden is pushing Ukraine to show greater willingness": a state speaking in its
        # leader's words.
        in_their_words = (
            affiliated and self.one_voice(c.agents) != self.one_voice(m.agents) and self.same_content(c, m)
        )
        for_state = affiliated and (institutional or in_their_words) and m.topic is not None
        shared_actor = same_speaker or for_state
        if m.topic in c.topics:
            return shared_actor and (institutional or self.one_occasion(c, m))
        if same_speaker and self.dated_as_one(c, m):
            return True
        if same_speaker and self.said_again(c, m):
            return True
        if same_speaker and affiliated and self.spoke_at(c, m):
            return True
        if affiliated and not same_speaker and self.spoken_for(c, m):
            return True
        same_day = _day(c.date) is not None and _day(c.date) == _day(m.date)
        speaker = self.one_voice(c.agents & set(m.agents)) or (institutional and shared_actor)
        return shared_actor and speaker and same_day and (m.topic is None or None in c.topics)

    def same_news(self, c: Remarks, m: Mention) -> bool:
        """Undated remarks told in reports written more than two :data:`NEWS_WINDOW` apart are
        not one act: "said Barack Obama" in a report of 3 April and in one of 1 May are two
        occasions, whatever each is about. Reports with no date say nothing here."""
        if m.date is not None or c.date is not None:
            return True
        mine = self.written.get(m.article_id)
        if mine is None:
            return True
        theirs = [w for a in c.articles if (w := self.written.get(a)) is not None]
        return all(abs(w - mine) <= 2 * NEWS_WINDOW for w in theirs)

    def one_occasion(self, c: Remarks, m: Mention) -> bool:
        """Whether ``m`` and the remarks of ``c`` (same speaker, same topic or none) can be
        one act: dated alike; a person's words on one subject (a report paraphrases one
        speech over several paragraphs); or the same words ("open to negotiations", "open to
        talks"; words naming events do not count). An institution speaks through many
        officials on many occasions: "officials in Kyiv were wary" and "Ukrainians are
        sceptical" are two. So are a person's remarks the article dates and those it leaves
        undated (said on Twitter, "has suggested" before)."""
        person = self.one_voice(c.agents & set(m.agents))
        if person and m.article_id in c.articles and (c.date is None) != (m.date is None):
            return False  # graph.speech dated the occasion's words; these it would not
        if c.date is not None and m.date is not None:
            return True
        if m.topic is not None and person:
            return True  # a person's words on one subject, undated in one of two reports
        if person and c.date is None and m.date is None and _next_to(c.mentions, m):
            return True  # "He also thanked U.S. … '…,' Zelensky said on Twitter": one post
        return self.same_content(c, m)

    def said_again(self, c: Remarks, m: Mention) -> bool:
        """A person's undated remarks, one of them about no event, that say the same thing in
        other words ("Russia could be strategically feigning"; "Russians are pretending to
        retreat from Kherson"): one warning reported twice."""
        return (
            c.date is None
            and m.date is None
            and (m.topic is None or None in c.topics)
            and self.one_voice(c.agents & set(m.agents))
            and m.article_id not in c.articles
            and self.same_content(c, m, in_synonyms=True)
        )

    def spoke_at(self, c: Remarks, m: Mention) -> bool:
        """A person's undated words in a report of an act they spoke at, which that report gives
        to the state or body they speak for: "The ministry has announced the withdrawal. … The
        minister explained that the forces risked isolation", whatever each sentence is about."""
        here = [x for x in c.mentions if x.article_id == m.article_id]
        return (
            m.date is None
            and bool(here)
            and self.one_voice(c.agents & set(m.agents))
            and not any(set(x.agents) & set(m.agents) for x in here)
        )

    def spoken_for(self, c: Remarks, m: Mention) -> bool:
        """An institution's remarks told without their words and, in the sentence next to them,
        the words of a person who speaks for it: one act ("Military officials in Kyiv reiterated
        that caution on Thursday. '…,' said Oleksiy Gromov, from the general staff")."""
        person = self.one_voice(m.agents)
        if person == self.one_voice(c.agents):
            return False
        near = [x for x in c.mentions if _next_to([x], m)]
        untold = [x for x in near if x.quote is None] if person else [m] if m.quote is None else []
        return bool(near and untold)

    def dated_as_one(self, c: Remarks, m: Mention) -> bool:
        """The article dated ``m`` by remarks of ``c`` it reports as the same occasion
        (graph.speech.inherit_speech_dates: "Zelenskyy this week repeated the conditions …. He
        said that all Russian forces must leave"), whatever each sentence is about."""
        if m.date is None or f"({SAME_REMARKS}," not in m.date.expression:
            return False
        return any(
            x.article_id == m.article_id
            and x.date is not None
            and (x.date.begin, x.date.end) == (m.date.begin, m.date.end)
            and set(x.agents) & set(m.agents)
            for x in c.mentions
        )

    def one_voice(self, speakers: Iterable[str]) -> bool:
        """Some of ``speakers`` is a person (not a state or an organisation, many voices)."""
        return any(self.entities[k].kind is EntityKind.PERSON for k in speakers if k in self.entities)


def figures_said(mentions: Iterable[Mention], speech_types: Collection[str]) -> dict[int, frozenset[float]]:
    """``id(speech act)`` → the values of the figures given, in its sentence, by the events of
    its topic: what "US says Russia accumulates more than 100,000 casualties" says in numbers."""
    mentions = list(mentions)
    given: dict[tuple[str, int, str], set[float]] = {}
    for m in mentions:
        if m.event_type not in speech_types:
            key = (m.article_id, m.evidence.start, m.event_type)
            given.setdefault(key, set()).update(f.value for f in m.figures)
    out: dict[int, frozenset[float]] = {}
    for m in mentions:
        if m.event_type in speech_types and m.topic is not None:
            values = given.get((m.article_id, m.evidence.start, m.topic))
            if values:
                out[id(m)] = frozenset(values)
    return out


def reports(x: Mention, m: Mention) -> bool:
    """``x``'s words report the act ``m``: the trigger of ``m`` is inside the quote of ``x``
    ("U.S. media have reported that the administration has been urging Zelensky …"). The
    report and the act it reports are two acts, whoever speaks in each."""
    if x.quote is None or x.article_id != m.article_id or x.evidence.start != m.evidence.start:
        return False
    at = x.evidence.sentence.find(x.quote)
    if at < 0:
        return False
    begin = x.evidence.start + at
    return begin <= m.trigger_start and m.trigger_end <= begin + len(x.quote)


def _next_to(remarks: Iterable[Mention], m: Mention) -> bool:
    """``m`` is in the sentence right before or after one of ``remarks`` of its article."""
    return any(
        x.article_id == m.article_id
        and (
            0 <= m.evidence.start - x.evidence.end <= NEXT_SENTENCE_CHARS
            or 0 <= x.evidence.start - m.evidence.end <= NEXT_SENTENCE_CHARS
        )
        for x in remarks
    )


def _day(date: DateSpan | None) -> dt.date | None:
    """The day a date is, when it is one day."""
    return date.begin if date is not None and date.begin == date.end else None
