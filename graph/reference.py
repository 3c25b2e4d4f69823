"""Who a word refers to: names, pronouns, titles and class nouns within one article.

Pure functions and a small record over spaCy tokens. Names come resolved from the entity
resolver; this module adds what the NER cannot see: "he", "its", "the president",
"the company", and names the NER cut in two.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Span

from graph.records import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_ACTOR_PRONOUNS = {
    "he": (EntityKind.PERSON,),
    "him": (EntityKind.PERSON,),
    "his": (EntityKind.PERSON,),
    "she": (EntityKind.PERSON,),
    "her": (EntityKind.PERSON,),
    "it": (EntityKind.COUNTRY, EntityKind.ORGANISATION, EntityKind.ARMED_GROUP),
    "its": (EntityKind.COUNTRY, EntityKind.ORGANISATION, EntityKind.ARMED_GROUP),
    "they": (EntityKind.COUNTRY, EntityKind.ORGANISATION, EntityKind.ARMED_GROUP, EntityKind.OTHER),
    "their": (EntityKind.COUNTRY, EntityKind.ORGANISATION, EntityKind.ARMED_GROUP, EntityKind.OTHER),
    "them": (EntityKind.COUNTRY, EntityKind.ORGANISATION, EntityKind.ARMED_GROUP, EntityKind.OTHER),
}


_QUOTES_OPEN = {"“", "‘"}
_QUOTES_CLOSE = {"”", "’"}


def in_quotation(tok: Token) -> bool:
    """True when ``tok`` sits inside a quotation opened earlier in its paragraph.

    A quote often spans sentences ("…war. There is an opportunity here," he said.), so the
    marks are counted from the paragraph's start, not the sentence's.
    """
    doc = tok.doc
    start = tok.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    depth = 0
    straight = 0
    for t in doc[start : tok.i]:
        if t.text in _QUOTES_OPEN:
            depth += 1
        elif t.text in _QUOTES_CLOSE and depth:
            depth -= 1
        elif t.text == '"':
            straight += 1
    return depth > 0 or straight % 2 == 1


def in_subject(tok: Token) -> bool:
    """Whether ``tok`` is a clause's subject or a modifier inside one ("Russia's" in "Russia's army said")."""
    for _ in range(3):
        if tok.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS:
            return True
        if tok.dep_ not in ("compound", "poss", "amod", "nmod", "flat") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


@dataclass(frozen=True)
class WordClasses:
    """Grammatical classes of English words the role rules need (``graph/data/grammar.tsv``)."""

    #: word (spaCy lemma, lowercase) → its classes ("group", "support", "contentful"…).
    classes: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def has(self, word: str, cls: str) -> bool:
        return cls in self.classes.get(word.lower(), ())

    @classmethod
    def from_file(cls, path: Path | None = None) -> WordClasses:
        path = path or Path(__file__).parent / "data" / "grammar.tsv"
        classes: dict[str, set[str]] = {}
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            word, sep, kind = line.partition("\t")
            if not sep or kind.strip() not in _WORD_CLASSES:
                raise ValueError(
                    f"{path}:{n}: expected 'word<TAB>class' with class one of {sorted(_WORD_CLASSES)}"
                )
            classes.setdefault(word.strip().lower(), set()).add(kind.strip())
        return cls({w: frozenset(c) for w, c in classes.items()})


_WORD_CLASSES = {
    "ailment",
    "impact",
    "settlement",
    "discharge",
    "weapon",
    "munition",
    "standard",
    "cyber",
    "exclude",
    "group",
    "press",
    "organisation",
    "place",
    "support",
    "receive",
    "contentful",
    "address",
    "possibility",
    "occur",
    "party",
    "undergo",
    "channel",
    "intend",
    "event_head",
    "nonparty",
    "prize",
    "hazard",
    "control",
    "idiom",
}


@dataclass
class Referents:
    """What tokens of one article refer to: entity keys by token index, and their kinds.

    Pronouns are resolved by salience: the nearest earlier name in subject position whose
    kind fits ("Moscow signalled its army…": *its* is Moscow's), else the nearest earlier
    name that fits. A place stands for an actor only from subject position, where news
    uses capitals for governments.
    """

    #: token index → entity key, for every token inside a resolved name.
    keys: dict[int, str]
    #: entity key → kind.
    kinds: dict[str, EntityKind]
    #: (token index of a name's first token, key, in subject position), in text order.
    _order: list[tuple[int, str, bool]] = field(default_factory=list)
    #: The parsed article, when known; needed to tell subject positions.
    doc: object | None = None
    #: Grammatical word classes (which nouns name groups, which verbs are light verbs).
    words: WordClasses = field(default_factory=WordClasses)
    #: The country a person acts for, if known (``Gazetteer.affiliation``).
    affiliation: Callable[[str], str | None] | None = None
    #: The country whose capital a place is, if it is one ("kyiv" → "ukraine").
    capital_of: Callable[[str], str | None] | None = None

    def __post_init__(self) -> None:
        for i in sorted(self.keys):
            if i - 1 not in self.keys or self.keys[i - 1] != self.keys[i]:
                self._order.append((i, self.keys[i], self._is_subject(i)))

    def controls(self, lemma: str) -> bool:
        """Whether the verb ``lemma``'s object is the subject of its infinitive ("urged both
        sides to return": grammar class ``control``)."""
        return self.words.has(lemma, "control")

    def _is_subject(self, i: int) -> bool:
        return self.doc is not None and in_subject(self.doc[i])  # type: ignore[index]

    def _is_possessor(self, i: int) -> bool:
        if self.doc is None:
            return False
        tok = self.doc[i]  # type: ignore[index]
        while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ == "poss"

    def pronoun(self, tok: Token) -> str | None:
        """The entity a third-person pronoun before ``tok`` most plausibly refers to, or None.

        Pronouns inside a quotation are left alone: "they" in a quote is the speaker's
        "they", which the article's previous names do not tell.
        """
        kinds = _ACTOR_PRONOUNS.get(tok.lower_)
        if kinds is None or in_quotation(tok):
            return None
        if any(c.pos_ == "PRON" for c in tok.conjuncts):
            return None  # "he or she": nobody in particular
        # _order is sorted by token index: bisect to the window, so a long article stays linear.
        lo = bisect.bisect_left(self._order, (tok.i - _PRONOUN_WINDOW,))
        hi = bisect.bisect_left(self._order, (tok.i,))
        earlier = self._order[lo:hi]
        # Subjects of the same sentence first, then its possessors ("Ukraine's latest
        # success since it launched…"), then the previous sentence's subjects.
        here = tok.sent.start
        start = here
        if self.doc is not None and start > 0:
            start = self.doc[start - 1].sent.start  # type: ignore[index]
        for i, key, subj in reversed(earlier):
            kind = self.kinds.get(key)
            if subj and i >= here and (kind in kinds or kind is EntityKind.PLACE):
                return key
        for i, key, _subj in reversed(earlier):
            if i >= here and self.kinds.get(key) in kinds and self._is_possessor(i):
                return key
        for i, key, subj in reversed(earlier):
            kind = self.kinds.get(key)
            if subj and i >= start and (kind in kinds or kind is EntityKind.PLACE):
                return key
        for _i, key, _subj in reversed(earlier):
            if self.kinds.get(key) in kinds:
                return key
        return None

    def body_of(self, key: str) -> str:
        """Who a body of people led by ``key`` is: a person's administration, forces or
        officials act for the person's country ("the Biden administration"), a capital's
        for its country ("Kyiv's forces"); anything else is itself."""
        if self.kinds.get(key) is EntityKind.PERSON and self.affiliation is not None:
            return self.affiliation(key) or key
        if self.kinds.get(key) is EntityKind.PLACE and self.capital_of is not None:
            return self.capital_of(key) or key
        return key

    def pair(self, tok: Token) -> tuple[str, ...]:
        """For "both countries", "the two sides": the last two distinct entities of the
        fitting kind named before ``tok``, else nothing."""
        if not (self.words.has(tok.lemma_, "party") and tok.tag_ in ("NNS", "NNPS")):
            return ()
        if not any(
            c.lower_ in ("both", "two") and c.dep_ in ("det", "predet", "nummod") for c in tok.children
        ):
            return ()
        kinds = _PARTY_KINDS.get(tok.lemma_.lower(), _ACTOR_KINDS)
        lo = bisect.bisect_left(self._order, (tok.i - _PRONOUN_WINDOW,))
        hi = bisect.bisect_left(self._order, (tok.i,))
        found: list[str] = []
        for _i, key, _subj in reversed(self._order[lo:hi]):
            if self.kinds.get(key) in kinds and key not in found:
                found.append(key)
            if len(found) == 2:
                return tuple(sorted(found))
        return ()

    def of(self, tok: Token) -> str | None:
        if tok.i in self.keys:
            return self.keys[tok.i]
        if tok.pos_ == "PRON":
            return self.pronoun(tok)
        return None


_ACTOR_KINDS = (EntityKind.COUNTRY, EntityKind.ORGANISATION, EntityKind.PERSON, EntityKind.ARMED_GROUP)
#: Party nouns that only countries fill ("both countries"); others ("both sides") take any actor.
_PARTY_KINDS = {w: (EntityKind.COUNTRY,) for w in ("country", "nation", "state", "government")}

#: How far back (in tokens) a pronoun's antecedent may be.
_PRONOUN_WINDOW = 400


def title_anaphora(
    doc: Doc, people: list[tuple[Span, str]], named: dict[int, str], gazetteer
) -> dict[int, str]:
    """Token index → person key for "the president", "the general": the nearest earlier person
    the article gave that title ("President Anne Martin … the president said").

    A demonym on the title must agree with the person's country ("the Ukrainian president").
    """
    titled: list[tuple[int, str, str]] = []  # (token index, title word, person key)
    for ent, key in people:
        window = doc[max(ent.start - 3, 0) : ent.end]
        for tok in window:
            if tok.i not in named or named[tok.i] == key:
                if gazetteer.is_title(tok.text):
                    titled.append((ent.start, tok.lower_, key))
    titled.sort()
    out: dict[int, str] = {}
    for tok in doc:
        # spaCy sometimes tags a lowercase "president" as a proper noun.
        if (
            tok.pos_ not in ("NOUN", "PROPN")
            or not tok.is_lower
            or tok.i in named
            or not gazetteer.is_title(tok.text)
        ):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        country = next((gazetteer.demonym(c.text) for c in tok.children if c.dep_ == "amod"), None)
        for start, word, key in reversed(titled):
            if start >= tok.i or word != tok.lower_:
                continue
            code = gazetteer.country_code(key)
            if country is not None and (code is None or gazetteer.country(code) != country):
                continue
            out[tok.i] = key
            break
    return out


_LINKING_WORDS = {"of", "for", "on", "and"}


def join_split_names(ents: list[Span]) -> list[Span]:
    """Rejoin a name the NER cut at a linking word: "the Economic Club of" + "New York".

    The joined span keeps the first part's label (an organisation named after a place is
    an organisation).
    """
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        # "Russia's" + "Defense Ministry": a country's organisation is one name.
        if (
            prev is not None
            and prev.label_ in ("GPE", "NORP")
            and e.label_ == "ORG"
            and prev.end + 1 == e.start
            and prev.doc[prev.end].lower_ in ("'s", "’s")
        ):
            out[-1] = Span(prev.doc, prev.start, e.end, label=e.label_)
            continue
        if prev is not None and prev.end == e.start and prev[-1].lower_ in _LINKING_WORDS:
            joined = prev.doc[prev.start : e.end]
            out[-1] = Span(prev.doc, joined.start, joined.end, label=prev.label_)
            continue
        out.append(e)
    return out


def class_anaphora(
    doc: Doc, named: dict[int, str], kinds: Mapping[str, EntityKind], words: WordClasses
) -> dict[int, str]:
    """Token index → organisation key for "the company", "the airline": the nearest earlier
    organisation the article names, preferring one named as a subject ("Boeing sued Airbus.
    The company said…" is Boeing)."""
    order = sorted((i, k) for i, k in named.items() if kinds.get(k) is EntityKind.ORGANISATION)
    subjects = [(i, k) for i, k in order if in_subject(doc[i])]
    out: dict[int, str] = {}
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.i in named or not words.has(tok.lemma_, "organisation"):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
            continue
        earlier = [k for i, k in subjects if i < tok.i] or [k for i, k in order if i < tok.i]
        if earlier:
            out[tok.i] = earlier[-1]
    return out
