"""When the text says an event happened: time expressions attached to the triggers they date.

:class:`TriggerDater` finds each DATE entity's governing trigger (:func:`date_governor`) and
resolves the expression against the right anchor: the publication date, or the day a
speech act was made for what was said in it; anaphora ("the same day", "a year earlier") are
read against the dates of the DATE entities before them in the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from graph.modality import tense
from graph.records import DateSpan, Precision
from graph.speech import SIMULTANEOUS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from graph.reference import WordClasses

_OBJECTS = {"dobj", "attr", "oprd"}


class TriggerDater:
    """Dates triggers: ``__call__(published, doc, is_trigger, is_speech)`` → {token index: DateSpan}."""

    def __init__(self, dates: Callable[..., DateSpan | None], words: WordClasses | None = None) -> None:
        #: The date resolver: ``dates(expression, anchor, tense=..., reference=...)``
        #: (graph.temporal.DateResolver); ``reference`` is the dates before, in text order, or None.
        self.dates = dates
        #: Word classes: light verbs pass a date on to their object noun.
        self.words = words

    def resolve_date(
        self, ent: Span, anchor: Any, tense_: str, earlier: Sequence[DateSpan] = ()
    ) -> DateSpan | None:
        """The date a DATE entity denotes; when the whole phrase is not understood, its
        longest understood ending ("a month later in late March" → "late March", "the
        spring" → "spring"), which is never more precise than the whole. ``earlier`` are the
        dates of the entities before it in the text, for anaphora ("the same day")."""
        if clock_time(ent):
            return None
        reference = tuple(earlier) or None
        span = self.dates(ent.text, anchor, tense=tense_, reference=reference)
        cut = _after_a_while(ent)
        if span is None and cut is not None:
            # "on Friday after weeks of fighting": the NER ran on into a length of time that
            # says how long it took, not when.
            span = self.dates(ent.doc[ent.start : cut].text, anchor, tense=tense_, reference=reference)
        for start in range(ent.start + 1, ent.end):
            if span is not None:
                break
            if ent.doc[start].is_punct:
                continue
            span = self.dates(ent.doc[start : ent.end].text, anchor, tense=tense_, reference=reference)
        return span

    def in_text_order(self, published: dt.date | None, doc: Doc) -> dict[int, tuple[DateSpan, ...]]:
        """Each DATE entity's start → the dates of the DATE entities before it, in text order,
        each read against ``published`` and the ones before it ("on Friday … the same day")."""
        earlier: list[DateSpan] = []
        out: dict[int, tuple[DateSpan, ...]] = {}
        for ent in time_expressions(doc):
            out[ent.start] = tuple(earlier)
            span = self.resolve_date(ent, published, tense(ent.root), earlier)
            if span is not None:
                earlier.append(span)
        return out

    def __call__(
        self,
        published: dt.date | None,
        doc: Doc,
        is_trigger: Callable[[Token], bool],
        is_speech: Callable[[Token], bool] = lambda t: False,
    ) -> dict[int, DateSpan]:
        """Trigger token index → the date the text attaches to it.

        A time expression inside what someone said on a known day is read from that day
        ("Ukraine said on Thursday its troops had taken a dozen villages over the past
        day": the day before Thursday, not before publication).
        """
        out: dict[int, DateSpan] = {}
        found = [
            (ent, governor)
            for ent in time_expressions(doc)
            if (governor := date_governor(ent, is_trigger, self.words)) is not None
        ]
        found.sort(key=lambda pair: not is_speech(pair[1]))  # the speech acts' own dates first
        # anaphora ("the same day") point back in text order, whatever order the triggers are dated in
        earlier = self.in_text_order(published, doc) if found else {}
        for ent, governor in found:
            if governor.i in out:
                continue
            anchor = _speech_day(governor, out, is_speech) or published
            span = self.resolve_date(ent, anchor, tense(governor), earlier.get(ent.start, ()))
            if span is not None:
                out[governor.i] = span
        # "Media reported on Thursday that the withdrawal was proceeding": what is reported
        # as under way was under way on the day of the report (a progressive verb of occurring).
        for tok in doc:
            if tok.i in out or not is_trigger(tok) or tok.dep_ != "nsubj" or tok.pos_ != "NOUN":
                continue
            verb = tok.head
            ongoing = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
            if ongoing and self.words is not None and self.words.has(verb.lemma_, "occur"):
                speech = _speech_act(verb, is_speech)
                if speech is not None and speech.i in out and out[speech.i].precision is Precision.DAY:
                    out[tok.i] = out[speech.i]
        # "When Russia annexed four regions in September, Martin said …": a clause of
        # simultaneity dates its main verb too.
        for i, span in list(out.items()):
            tok = doc[i]
            if tok.dep_ == "advcl" and is_trigger(tok.head) and tok.head.i not in out:
                if any(c.dep_ in ("mark", "advmod") and c.lower_ in SIMULTANEOUS for c in tok.children):
                    out[tok.head.i] = span
        return out


def _speech_act(tok: Token, is_speech: Callable[[Token], bool]) -> Token | None:
    """The speech act whose content ``tok`` is in, if any."""
    hops = 0
    while tok.head.i != tok.i and hops < 6:
        tok = tok.head
        hops += 1
        if is_speech(tok):
            return tok
    return None


def _speech_day(tok: Token, dated: dict[int, DateSpan], is_speech: Callable[[Token], bool]) -> dt.date | None:
    """The day of the dated speech act whose content ``tok`` is in, if any."""
    speech = _speech_act(tok, is_speech)
    span = dated.get(speech.i) if speech is not None else None
    return span.begin if span is not None and span.precision is Precision.DAY else None


def date_governor(
    date: Span, is_trigger: Callable[[Token], bool], words: WordClasses | None = None
) -> Token | None:
    """The trigger a time expression modifies: the first trigger or verb above it.

    A date on a light verb ("launched an offensive two months ago", "the announcement made
    Wednesday") goes to the trigger noun it serves; a date phrase right after an event noun
    goes to that noun whatever the parser hung it on; on another verb ("rejected the proposal in
    October") it dates nothing we extract.
    """
    tok = date.root
    hops = 0
    while tok.head.i != tok.i and hops < 8:
        tok = tok.head
        hops += 1
        if tok.dep_ == "prep" and tok.lower_ in _REFERENCE_PREPS and tok.i < date.start:
            # "killed more than 14,000 people before the full-scale invasion in February 2022":
            # a point the event is before or after, not its date.
            return None
        saying = _before_clause(tok, date, is_trigger)
        if saying is not None:
            return saying
        if tok.pos_ in ("VERB", "AUX"):
            # "rebuild its forces for an offensive in the spring", "killed 14,000 people before
            # the full-scale invasion in February 2022": the parser hung the date on the verb,
            # but it directly follows an event noun, which it modifies (right association).
            # The verb's own object is another matter: "quit the grain deal on Monday" dates
            # the quitting, not the deal.
            prep = date.root.head
            if prep.dep_ == "prep" and prep.i > 0 and prep.head.i == tok.i:
                before = prep.doc[prep.i - 1]
                if before.pos_ == "NOUN" and is_trigger(before) and not _object_of(before, tok):
                    return before
        if is_trigger(tok):
            return tok
        if tok.pos_ in ("VERB", "AUX"):
            light = words is not None and (
                words.has(tok.lemma_, "support") or words.has(tok.lemma_, "receive")
            )
            for child in tok.children:
                if light and child.dep_ in _OBJECTS and is_trigger(child):
                    return child
            # "the announcement made Wednesday": a light verb's participle dates its noun.
            if light and tok.dep_ == "acl" and is_trigger(tok.head):
                return tok.head
            # "Explosions rocked the capital on Monday", "talks resumed on Monday": a verb that
            # is no event dates the event noun that is its subject.
            subjects = (c for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "NOUN")
            return next((c for c in subjects if is_trigger(c)), None)
    return None


def _after_a_while(ent: Span) -> int | None:
    """Where "after weeks", "following months" (a bare plural unit of time) starts inside a DATE
    phrase, if it does."""
    for tok in ent[1:-1]:
        nxt = tok.doc[tok.i + 1]
        if tok.lower_ in ("after", "following") and nxt.lower_ in _LENGTHS and nxt.i < ent.end:
            return tok.i
    return None


#: Prepositions that place an event before or after another, whose date is then not its own.
_REFERENCE_PREPS = frozenset({"before", "after", "until", "till", "prior"})

#: Bare plural units of time: "after weeks" is a while, no date.
_LENGTHS = frozenset({"hours", "days", "weeks", "months", "years", "decades"})


def _object_of(noun: Token, verb: Token) -> bool:
    """Whether ``noun`` heads the direct object of ``verb`` (its last conjunct too)."""
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("dobj", "obj") and head.head.i == verb.i


def _before_clause(verb: Token, date: Span, is_trigger: Callable[[Token], bool]) -> Token | None:
    """The trigger whose clause ``verb`` is, when the date stands between that trigger and the
    clause's subject: "the ministry said on Saturday it was regrouping its forces" dates the
    saying, whatever the parser hung the date on. None otherwise."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or not is_trigger(head) or not head.i < date.start:
        return None
    opening = [c.left_edge.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "mark")]
    return head if opening and date.end <= min(opening) else None


def time_expressions(doc: Doc) -> list[Span]:
    """The spans of ``doc`` that may say when, in text order: its DATE entities, the TIME
    entities that name a part of a day ("last night", "Tuesday morning"; not "three hours" or
    "2 p.m.", which say no day), and "overnight" outside any entity, which the small model tags
    as nothing ("launched 30 drones at Kyiv overnight")."""
    out = [
        ent
        for ent in doc.ents
        if ent.label_ == "DATE" or ent.label_ == "TIME" and any(t.lower_ in _DAYPARTS for t in ent)
    ]
    out += [doc[t.i : t.i + 1] for t in doc if t.lower_ == "overnight" and not t.ent_type_]
    return sorted(out, key=lambda span: span.start)


#: Words of a TIME entity that name a part of a day, which it is of ("last night").
_DAYPARTS = frozenset({"night", "morning", "afternoon", "evening", "overnight", "tonight", "dawn"})


def clock_time(ent: Span) -> bool:
    """A four-digit number that tells the time of day, not the year: after "at", or before a
    time zone or "hours" ("struck at 1353 (1023 GMT)", "at 0600 local time")."""
    if len(ent) != 1 or not ent.text.isdigit() or len(ent.text) != 4:
        return False
    hours, minutes = int(ent.text[:2]), int(ent.text[2:])
    if hours > 23 or minutes > 59:
        return False
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = [t.lower_ for t in doc[ent.end : ent.end + 2]]
    return before == "at" or any(w in _CLOCK_WORDS for w in after)


#: Words that follow a time of day written as four digits.
_CLOCK_WORDS = frozenset({"gmt", "utc", "hours", "hrs", "local", "cet", "est", "edt", "pst", "bst", "zulu"})
