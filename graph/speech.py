"""Speech acts: what was said, who reported an event, and when remarks were made.

Pure functions over spaCy tokens and mentions; the extractor decides which triggers are
speech acts (the narrower types of the scheme's Statement).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph.clauses import set_off
from graph.modality import is_infinitive
from graph.records import DateSpan, Mention, Precision
from graph.roles import noun_phrase_keys

if TYPE_CHECKING:
    from collections.abc import Collection

    from spacy.tokens import Doc, Span, Token

    from graph.reference import Referents, WordClasses

#: Subordinators of a clause that happens at the same time as its main clause.
SIMULTANEOUS = {"when", "while", "as"}


def quote_of(trigger: Token, source: str | None = None) -> str | None:
    """The quote or paraphrase of a speech verb: its clausal complement, or quoted text. Read
    from ``source`` (the article's text, of which the doc may be a recased copy,
    graph.truecase) when given, else from the doc."""
    text = trigger.doc.text if source is None else source

    def words(child: Token) -> str:
        subtree = list(child.subtree)
        return text[subtree[0].idx : subtree[-1].idx + len(subtree[-1])].strip(' ,."“”')

    for child in trigger.children:
        # "pushing Ukraine to show willingness": an infinitive the parser hangs as an adverbial.
        infinitive = child.dep_ == "advcl" and is_infinitive(child)
        if (child.dep_ in ("ccomp", "xcomp") or infinitive) and child.i > trigger.i:
            return words(child)
    start = trigger.sent.start_char
    sent = text[start : trigger.sent.end_char]
    for open_, close in (("“", "”"), ('"', '"')):
        a = sent.find(open_)
        b = sent.find(close, a + 1)
        if a != -1 and b > a + 1:
            return sent[a + 1 : b].strip(" ,")
    for child in trigger.children:
        if child.dep_ == "ccomp":
            return words(child)
    return None


def according_to(sent: Span, refs: Referents) -> str | None:
    """The source named by "according to X" in the sentence, if any: X, or the name set off
    by commas after it ("according to the chief of staff, General Mark Milley, …"), which the
    parser may attach elsewhere."""
    for tok in sent:
        if tok.lower_ == "according":
            for prep in tok.children:
                if prep.lower_ == "to":
                    for pobj in prep.children:
                        keys = noun_phrase_keys(pobj, refs)
                        if keys:
                            return keys[0]
                        after = pobj.right_edge.i + 1
                        doc = sent.doc
                        if after + 1 < sent.end and doc[after].text == ",":
                            name = doc[after + 1]
                            while name.dep_ == "compound" and name.head.i > name.i:
                                name = name.head
                            if set_off(name, {name.dep_}) or name.dep_ == "appos":
                                keys = noun_phrase_keys(name, refs)
                                if keys:
                                    return keys[0]
    return None


def on_a_channel(doc: Doc, triggers: Collection[int], words: WordClasses) -> set[int]:
    """The character offsets of the triggers said "on" a ``channel`` ("said on Twitter"):
    remarks on a channel of their own are their own occasion."""
    return {
        t.idx
        for t in doc
        if t.i in triggers
        and any(
            c.dep_ == "prep" and c.lower_ == "on" and words.has(g.lemma_.lower(), "channel")
            for c in t.children
            for g in c.children
        )
    }


def inherit_speech_dates(
    mentions: list[Mention],
    speech_acts: frozenset[str],
    simple_past: set[int],
    people: set[str],
    channel: Collection[int] = (),
) -> list[Mention]:
    """Date a person's undated remarks by the occasion the article dated them on.

    News reports one occasion's remarks over several paragraphs and dates them once
    ("Hale said Wednesday …. He noted that …. Hale added …"). An undated speech act in
    the simple past by a person ("Russia said" is no single occasion) takes the date of
    that person's dated remarks: the only dated occasion the article gives them, or else
    the one just before, or else the one just after ("Zelensky urged patience. '…,' he said
    in his address Wednesday night"), within :data:`_SAME_OCCASION_CHARS`; right after remarks
    the article places only in a period ("in September, Zelensky said …"), they take that
    period and no day. Remarks just before the speaker's words on a channel of their own
    (``channel``: trigger offsets; "He also thanked Biden. '…,' Zelensky said on Twitter") are
    that channel's, and take no date. The expression says where the date came from. Events
    reported inside the remarks keep their own (or no) date.
    """

    def speaker(m: Mention) -> str | None:
        if m.event_type in speech_acts and m.agents and m.agents[0] in people:
            return m.agents[0]
        return None

    def occasion(m: Mention) -> bool:
        # A day or a week is an occasion; "in September" dates a period, not remarks.
        return m.date is not None and m.date.precision in (Precision.DAY, Precision.WEEK)

    occasions: dict[str, set[DateSpan]] = {}
    dated: dict[str, list[Mention]] = {}
    for m in mentions:
        if (who := speaker(m)) and occasion(m):
            occasions.setdefault(who, set()).add(m.date)
            dated.setdefault(who, []).append(m)
    # Each remark's next remark by the same speaker, for remarks that precede a channel's.
    following: dict[int, Mention] = {}
    latest: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: -m.trigger_start):
        if who := speaker(m):
            if who in latest:
                following[id(m)] = latest[who]
            latest[who] = m
    last: dict[str, Mention] = {}
    last_dated: dict[str, Mention] = {}  # with any date, an occasion or a period
    out = []
    for m in mentions:
        who = speaker(m)
        after = following.get(id(m))
        if (
            after is not None
            and after.trigger_start in channel
            and after.evidence.start - m.evidence.end <= NEXT_SENTENCE_CHARS
        ):
            who = None  # the channel's words, which no occasion dates
        period = last_dated.get(who) if who else None
        if period is not None and (
            occasion(period) or m.evidence.start - period.evidence.end > _SAME_OCCASION_CHARS
        ):
            period = None
        # Words just after remarks the article places in a period ("When Russia annexed the
        # regions in September, Zelensky said…. 'We will negotiate…,' he said") are of that
        # period, no occasion: they take the period, and no other occasion's day.
        if who and m.date is None and m.trigger_start in simple_past and period is not None:
            m = _same_remarks(m, period)
        elif who and m.date is None and m.trigger_start in simple_past:
            spans = occasions.get(who, set())
            before = last.get(who)
            after = [
                d
                for d in dated.get(who, ())
                if 0 <= d.evidence.start - m.evidence.end <= _SAME_OCCASION_CHARS
            ]
            source: Mention | None = None
            if len(spans) == 1:
                source = dated[who][0]
            elif before is not None and m.evidence.start - before.evidence.end <= _SAME_OCCASION_CHARS:
                source = before
            elif after:
                source = after[0]
            if source is not None:
                m = _same_remarks(m, source)
        if who and occasion(m):
            last[who] = m
        if who and m.date is not None:
            last_dated[who] = m
        out.append(m)
    return out


def _same_remarks(m: Mention, source: Mention) -> Mention:
    """``m`` dated as the remarks ``source`` of the same occasion; the expression says so."""
    if source.date is None:
        return m
    expression = source.date.expression.split(" (")[0]
    where = "earlier" if source.evidence.start < m.evidence.start else "later"
    return replace(m, date=replace(source.date, expression=f"{expression} ({SAME_REMARKS}, {where})"))


#: What the expression of a date taken from the same occasion's remarks says ("Thursday (the
#: same remarks, earlier)"); graph.merge_speech reads it.
SAME_REMARKS = "the same remarks"

#: How far (in characters) the next sentence may start after a remark, even when the parser cut
#: it in two ("He also thanked U.S. | President Joe Biden …"); graph.merge_speech reads it too.
NEXT_SENTENCE_CHARS = 200

#: How close (in characters) undated remarks must follow dated ones to be taken as the same occasion.
_SAME_OCCASION_CHARS = 600


_QUOTE_MARKS = ('"', "“", "”")


def has_content(trigger: Token) -> bool:
    """Whether a speech verb says something: a clause, a quote, or an object that is no count.

    "He added that talks were possible" and "“…,” he added" do; "added 15 points" does not.
    A headline in Title Case is given the benefit of the doubt: its parse is unreliable.
    """
    words = [t for t in trigger.sent if t.is_alpha]
    if len(words) >= 4 and sum(t.is_title or t.is_upper for t in words) >= 0.7 * len(words):
        return True
    for child in trigger.children:
        if child.dep_ in ("ccomp", "xcomp", "parataxis"):
            return True
        if child.dep_ == "dobj":
            # "added 15 points", "added three more", "added two": a count, nothing said.
            counted = child.like_num or any(g.dep_ == "nummod" for g in child.children)
            clausal = any(g.dep_ in ("acl", "relcl", "ccomp") for g in child.children)
            if clausal or not counted:
                return True
    return any(mark in trigger.sent.text for mark in _QUOTE_MARKS)
