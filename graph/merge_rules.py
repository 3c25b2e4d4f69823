"""Rules of :mod:`graph.merge` that keep different events apart (who reports a mention, which
undated mentions fit events of different dates), and the pairwise tests and blocking keys it uses.

Pure functions on mentions, tested alone (tests/test_merge.py).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import lru_cache

from graph.quantities import Quantity, disagree, parse_quantity
from graph.records import DateSpan, Entity, Factuality, Mention
from graph.similarity import FUNCTION_WORDS
from graph.synonyms import base_forms

#: Event types whose mentions are speech acts: their agents are speakers.
SPEECH_TYPES = frozenset({"Statement", "Announcement", "Appeal", "Criticism", "Threat"})
#: Speech acts that can report the same communication: "Russia says it is withdrawing" and
#: "Russia announced its withdrawal" are one act when speaker, topic and date agree; so are
#: "Zelensky urged Ukrainians to be patient" and his words in the same address.
#: The merged event takes the most specific type present (the first in this tuple).
COMMUNICATION = ("Announcement", "Appeal", "Statement")


def sources_of(mentions: Iterable[Mention]) -> dict[int, str | None]:
    """``id(mention)`` → who reports it: its ``according_to``; else, for a mention not asserted,
    the one speaker of a speech act in the same sentence whose topic is the mention's type
    ("Russia has said it is open to negotiations": the prospect is Russia's); else the speaker
    of a remark right after its sentence that says nothing itself (:func:`said_next`); else
    None (the narrator). An asserted event in a speaker's sentence ("when Russia annexed the
    regions, Zelensky said ...") is the narrator's.

    Speech acts themselves get their ``according_to`` only: their agent is who speaks.
    """
    mentions = list(mentions)
    speakers: dict[tuple[str, int, str], set[str]] = defaultdict(set)
    for m in mentions:
        if m.event_type in SPEECH_TYPES and m.topic and m.agents:
            speakers[(m.article_id, m.evidence.start, m.topic)].update(m.agents)
    tails = said_next(mentions)
    out: dict[int, str | None] = {}
    for m in mentions:
        source = m.according_to
        if source is None and m.event_type not in SPEECH_TYPES and m.factuality is not Factuality.ASSERTED:
            found = speakers.get((m.article_id, m.evidence.start, m.event_type), set())
            source = next(iter(found)) if len(found) == 1 else None
            if source is None and (tail := tail_of(tails, m)) is not None:
                source = tail.agents[0]
        out[id(m)] = source
    return out


def said_next(mentions: Iterable[Mention]) -> dict[tuple[str, int], Mention]:
    """``(article, where its sentence starts)`` → a speech act of one speaker whose sentence says
    nothing ("Army General Mark Milley, chairman of the US Joint Chiefs of Staff, said
    Wednesday."): what it says is the sentence before, cut off from it by the writer or the
    sentence splitter (:func:`tail_of`)."""
    return {
        (m.article_id, m.evidence.start): m
        for m in mentions
        if m.event_type in SPEECH_TYPES and m.topic is None and m.quote is None and len(m.agents) == 1
    }


def tail_of(tails: Mapping[tuple[str, int], Mention], m: Mention) -> Mention | None:
    """The speech act of :func:`said_next` in the sentence right after ``m``'s, if any."""
    return next(
        (t for gap in range(_SENTENCE_GAP) if (t := tails.get((m.article_id, m.evidence.end + gap)))), None
    )


#: The most characters between two sentences in a row (a space, a line break).
_SENTENCE_GAP = 4


def said_on(mentions: Iterable[Mention], source_of: Mapping[int, str | None]) -> dict[int, DateSpan]:
    """``id(mention)`` → the date of the remarks that put forward a mention not asserted: the
    dated speech act of its reporter in its sentence ("Zelensky said Thursday talks were not
    ruled out"). A prospect is its reporter's on one occasion: the same hope voiced on two
    days, with other conditions, is reported as two."""
    mentions = list(mentions)
    acts: dict[tuple[str, int, str], DateSpan] = {}
    for m in mentions:
        if m.event_type in SPEECH_TYPES and m.date is not None:
            for agent in m.agents:
                acts.setdefault((m.article_id, m.evidence.start, agent), m.date)
    tails = said_next(mentions)
    out: dict[int, DateSpan] = {}
    for m in mentions:
        source = source_of.get(id(m))
        if source is not None and m.factuality is not Factuality.ASSERTED:
            date = acts.get((m.article_id, m.evidence.start, source))
            tail = tail_of(tails, m)
            if date is None and tail is not None and tail.agents[0] == source:
                date = tail.date
            if date is not None:
                out[id(m)] = date
    return out


def own_prospect(sources: set[str | None], m: Mention, source: str | None) -> str | None:
    """The reporter of ``sources`` when ``m``, a prospect of no reporter, is of that reporter's
    own act ("Russia ready for talks" beside "Russia has said it is open to talks"); else None."""
    if source is not None or len(sources) != 1:
        return None
    (reporter,) = sources
    return reporter if reporter in m.agents else None


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
    article: two narrators' "talks may come" are no evidence of one prospect. A narrator's
    prospect of someone's own act ("Russia ready for talks") is theirs when they put it forward
    ("Russia has said it is open to talks")."""
    if Factuality(factuality) is Factuality.ASSERTED:
        return True
    if own_prospect(sources, m, source):
        return True
    if sources != {source}:
        return False
    return source is not None or articles == {m.article_id}


#: Event types that befall a place as a whole: the capture of one town is not that of another,
#: however near (two towns' attacks, withdrawals or talks may be one event reported by each).
TAKEN_PLACE_TYPES = frozenset({"Capture"})

#: Events whose place is what is taken or left: a country there is all of it ("withdrawal from
#: all of Ukraine"), not a place somewhere in it ("annexed four Ukrainian regions").
LEFT_OR_TAKEN_TYPES = frozenset({"Capture", "Withdrawal"})


def settlements_differ(a: Iterable[str], b: Iterable[str], entities: Mapping[str, Entity]) -> bool:
    """Both sides name a town (city, town or village: ``Entity.settlement``) and none is on both."""

    def towns(keys: Iterable[str]) -> set[str]:
        return {k for k in keys if (e := entities.get(k)) is not None and e.settlement}

    x, y = towns(a), towns(b)
    return bool(x and y and not x & y)


def patients_differ(known: set[str], patients: Iterable[str]) -> bool:
    """Both sides name whom the event befell and nobody is on both: Ukraine's casualties are
    not Russia's, "Russia attacked Ukraine" is not "Russia attacked Georgia"."""
    theirs = set(patients)
    return bool(known and theirs and not known & theirs)


def content_words(text: str | None) -> set[str]:
    """The lower-case words of four letters or more of ``text``, without function words; names
    (capitalised words) are left to the entity rules: "Russia" in two quotes says little."""
    words = re.findall(r"\b[a-z][^\W\d_]{3,}", text or "")
    return {w for w in words if w not in FUNCTION_WORDS}


def same_words(
    a: str | None,
    b: str | None,
    ignore: Collection[str] = (),
    groups: Callable[[str], str] | None = None,
) -> bool:
    """Two reports of what was said share a content word ("open to negotiations", "open to
    talks"); "unlikely to leave Kherson" and "no evidence of a withdrawal" share none.
    Case counts: a word capitalised only because it starts a sentence is read as a name.
    Words in ``ignore`` (and their plurals) do not count, nor a word the two count
    differently ("over 40 towns and villages", "a dozen villages"). With ``groups`` (a
    lemma → its synonym group, graph.synonyms), synonyms are shared words too: "feigning"
    and "pretending" say one thing."""
    mine, theirs = content_words(a), content_words(b)
    shared = mine & theirs
    if any(
        w not in ignore and w.removesuffix("s") not in ignore and not counted_differently(a, b, w)
        for w in shared
    ):
        return True
    if groups is None:
        return False
    # An inflected event word ("taken", "recaptured") names the event, like the lemma it is.
    events = {groups(w) for w in ignore}
    senses = {w: word_senses(w, groups) - events for w in (mine ^ theirs)}
    return any(senses[x] & senses[y] for x in mine - theirs for y in theirs - mine)


def word_senses(word: str, groups: Callable[[str], str]) -> set[str]:
    """The synonym groups ``word`` may be an inflection of ("feigning": feign's group); a form
    whose group is only itself (not in the table) gives none."""
    return {g for f in base_forms(word) if (g := groups(f)) != f}


@lru_cache(maxsize=8192)  # asked of the same sentences for each pair of mentions compared
def count_of(text: str | None, word: str) -> Quantity | None:
    """The number phrase that counts ``word`` in ``text`` ("over 40 towns and villages": over
    40), the nearest within the few words before its first occurrence; None when none does."""
    words = re.findall(r"[\w,.'’-]+", text or "")
    lowered = [w.lower().strip(".,") for w in words]
    if word not in lowered:
        return None
    at = lowered.index(word)
    before = [w.strip(".,") for w in words[max(0, at - _COUNT_REACH) : at]]
    for end in range(len(before), 0, -1):
        for start in range(end):
            quantity = parse_quantity(" ".join(before[start:end]))
            if quantity is not None:
                return quantity
    return None


def counted_differently(a: str | None, b: str | None, word: str) -> bool:
    """Both texts count ``word`` and the counts cannot both hold."""
    x, y = count_of(a, word), count_of(b, word)
    return x is not None and y is not None and disagree(x, y)


#: How many words before a noun its count may stand ("over 40 towns and villages").
_COUNT_REACH = 6


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


def dates_compatible(a: DateSpan | None, b: DateSpan | None) -> bool:
    """True when the two intervals overlap, or either is unknown.

    Two periods of several days that share only their end day are consecutive, not one time
    ("launched more than two months ago" and "advancing for two months" meet on one day).
    """
    if a is None or b is None:
        return True
    if not (a.begin <= b.end and b.begin <= a.end):
        return False
    several_days = a.begin != a.end and b.begin != b.end
    return not (several_days and (a.end == b.begin or b.end == a.begin))


def distance_km(a: Entity, b: Entity) -> float | None:
    """Great-circle distance between two places with coordinates, else None."""
    if None in (a.lat, a.long, b.lat, b.long):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.long, b.lat, b.long))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def precision_rank(span: DateSpan) -> tuple[int, bool]:
    """Sort key preferring the narrowest interval, then an explicit date over a relative one."""
    return ((span.end - span.begin).days, span.relative)


def source_key(m: Mention, source: str | None) -> tuple[str, ...]:
    """Blocking key of a mention someone reports: its reporter (see ``same_reporter``, and
    :meth:`graph.merge.EventMerger.compatible` for a bare mention of a reported event)."""
    if source is None:
        return ()
    return (f"source:{source}",)


def mention_keys(m: Mention) -> set[str]:
    """Every actor and place the mention names, in any role."""
    return {*m.agents, *m.patients, *m.recipients, *m.places, *m.topic_places}


def article_context(mentions: Iterable[Mention]) -> dict[str, frozenset[str]]:
    """What each article is about: the actors and places its mentions name."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        out[m.article_id].update(mention_keys(m))
    return {a: frozenset(keys) for a, keys in out.items()}


def corroborated(a: Mention, b: Mention, context: Mapping[str, frozenset[str]], min_shared: int = 1) -> bool:
    """The articles of two mentions are about the same things: between them they name at
    least ``min_shared`` of the same actors or places (in any of their mentions)."""
    shared = context.get(a.article_id, frozenset()) & context.get(b.article_id, frozenset())
    return len(shared) >= min_shared


def block_of(m: Mention) -> tuple[str, str | None]:
    """The blocking key: speech acts share one block (their topic is checked pairwise)."""
    if m.event_type in COMMUNICATION:
        return ("communication", None)
    return (m.event_type, m.topic)


def placed_and_dated_agree(places: set[str], date: DateSpan | None, m: Mention) -> bool:
    """A date alone never ties an event (of ``places`` and ``date``) to a mention known only
    by its place, nor the reverse.

    "Russia withdrew in late March" (no place) is not the undated "withdrawal from Lyon"
    just because both are withdrawals by Russia.
    """
    m_places = bool(m.places or m.topic_places)
    if not m_places and places and m.date is not None and date is None:
        return False
    if m_places and not places and date is not None and m.date is None:
        return False
    return True


#: Figure units that say whom a count of casualties befalls (graph.figures).
BEFALLEN_UNITS = frozenset({"military casualties", "civilian casualties"})


def befall_others(mentions: Iterable[Mention], m: Mention) -> bool:
    """Whether ``m`` counts casualties of one kind (soldiers, civilians) and ``mentions`` only of
    the other: "troops had killed hundreds of RSF fighters" and "the war has killed tens of
    thousands of people" are two events, whoever reports them."""
    mine = {f.unit for f in m.figures} & BEFALLEN_UNITS
    theirs = {f.unit for x in mentions for f in x.figures} & BEFALLEN_UNITS
    return bool(mine and theirs) and not mine & theirs
