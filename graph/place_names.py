"""Place names within one article: a name widened over its geographic noun ("the Kherson
region"), a name a copula says is a region ("Kherson was one of four Ukrainian regions"), and
geographic nouns that refer back to a named place ("the village"). Pure functions over spaCy
tokens, used by graph.naming; tested in tests/test_extract.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from spacy.tokens import Span

from graph.records import Entity, EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.reference import WordClasses


def widen_place_names(
    ents: list[Span], words: WordClasses, lookup: Callable[[str], Entity | None]
) -> list[Span]:
    """Names widened over the geographic noun after them when the gazetteer knows the whole as
    another place ("the Kherson region" is Kherson Oblast, not the city of Kherson)."""
    out = []
    for e in ents:
        doc = e.doc
        after = doc[e.end] if e.end < len(doc) else None
        if after is not None and words.has(after.lemma_, "place"):
            whole = lookup(f"{e.text} {after.text}")
            alone = lookup(e.text)
            if whole is not None and whole.is_place and (alone is None or whole.key != alone.key):
                e = Span(doc, e.start, e.end + 1, label="LOC")
        out.append(e)
    return out


def places_said_to_be(
    ents: list[Span], words: WordClasses, lookup: Callable[[str], Entity | None]
) -> dict[int, Entity]:
    """First token of a name → the other place it is said to be by a copula ("Kherson was one
    of four Ukrainian regions" is Kherson Oblast, not the city), when the gazetteer knows the
    name and geographic noun together as a place other than the name alone."""
    out: dict[int, Entity] = {}
    for e in ents:
        subject = e.root
        if subject.dep_ != "nsubj" or subject.head.lemma_ != "be":
            continue
        for attr in (c for c in subject.head.children if c.dep_ == "attr"):
            if attr.lower_ == "one":  # "one of the regions"
                attr = next(
                    (g for c in attr.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
                    attr,
                )
            if attr.pos_ != "NOUN" or not words.has(attr.lemma_, "place"):
                continue
            whole = lookup(f"{e.text} {attr.lemma_}")
            alone = lookup(e.text)
            if whole is not None and whole.is_place and (alone is None or whole.key != alone.key):
                out[e.start] = whole
    return out


def place_anaphora(
    doc: Doc,
    named: dict[int, str],
    kinds: Mapping[str, EntityKind],
    words: WordClasses,
    settlement: Callable[[str], bool] | None = None,
) -> dict[int, str]:
    """Token index → place key for "the river", "the city": the nearest earlier place the
    article named with that word in its name or around it ("the Dnipro River … cross the
    river", "the village of Arkhanhelske … occupied the village"); else, for a noun of a
    ``settlement`` ("the city", "the town"), the nearest town or city the article named within
    the last :data:`SETTLEMENT_REACH` tokens ("celebrated in Kherson, a day after troops took
    control of the city"), when ``settlement`` tells which keys are towns."""
    spans: list[tuple[int, str, str]] = []  # (first token, key, lowercase surface)
    for i in sorted(named):
        key = named[i]
        if kinds.get(key) is EntityKind.PLACE and (i - 1 not in named or named[i - 1] != key):
            end = i
            while end + 1 in named and named[end + 1] == key:
                end += 1
            surface = doc[i : end + 1].text.lower()
            spans.append((i, key, f"{surface} {_place_noun_of(doc[i : end + 1].root, words)}"))
    out: dict[int, str] = {}
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.i in named or not words.has(tok.lemma_, "place"):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        if _names_its_own(tok, named):
            continue  # "the southern city of Mykolaiv", "the Donbas city of Bakhmut"
        for start, key, surface in reversed(spans):
            if start < tok.i and tok.lower_ in surface.split():
                out[tok.i] = key
                break
        else:
            if settlement is not None and words.has(tok.lemma_, "settlement"):
                towns = [
                    key
                    for start, key, _ in spans
                    if tok.i - SETTLEMENT_REACH <= start < tok.i and settlement(key)
                ]
                if towns:
                    out[tok.i] = towns[-1]
    return out


#: How many tokens back "the city" looks for the town it stands for (about two sentences).
SETTLEMENT_REACH = 60


def _names_its_own(noun: Token, named: Mapping[int, str]) -> bool:
    """Whether a geographic noun carries a name of its own: a modifier, an apposition or an
    "of" phrase that is a name."""
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod", "appos", "poss") and c.i in named:
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and any(g.i in named for g in c.children):
            return True
    return False


def _place_noun_of(name: Token, words: WordClasses) -> str:
    """The geographic noun a name is given to, lower-cased, or "": "the village of X", "the
    city, X" (apposition)."""
    head = name.head
    if name.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        head = head.head
    elif name.dep_ != "appos":
        return ""
    return head.lower_ if head.pos_ == "NOUN" and words.has(head.lemma_, "place") else ""


def capital_phrases(
    doc: Doc,
    named: Mapping[int, str],
    kinds: Mapping[str, EntityKind],
    capital_of: Callable[[str], str | None],
) -> dict[int, str]:
    """Token index → place key for "Georgia's capital", "the Ukrainian capital": a ``capital``
    noun whose possessor or modifier names a country stands for that country's capital
    (``capital_of``: a country key → its capital's key, or None)."""
    out: dict[int, str] = {}
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() != "capital" or tok.i in named:
            continue
        for child in tok.children:
            key = named.get(child.i)
            if child.dep_ in ("poss", "amod", "compound") and key and kinds.get(key) is EntityKind.COUNTRY:
                city = capital_of(key)
                if city is not None:
                    out[tok.i] = city
                break
    return out
