"""Figures: numbers the text gives about events (casualties, troops, money, settlements).

The number grammar (graph.quantities, ``parse_quantity``) is a pure function over a string; the
``FigureExtractor`` finds number phrases in a parsed sentence and decides what they count
from the dependency parse and a unit table kept as data (``graph/data/figure_units.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.quantities import (  # noqa: F401 (Quantity, bounds, disagree, parse_quantity re-exported)
    QUALIFIERS,
    SCALES,
    VAGUE,
    Quantity,
    bounds,
    disagree,
    parse_quantity,
)
from graph.tallies import tallied_noun

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class UnitTable:
    """Maps the lemma of a counted noun to the figure's unit ("soldier" → "troops")."""

    units: dict[str, str]
    #: Lemmas of verbs that make what they count casualties ("killed or wounded").
    casualty_verbs: frozenset[str]

    @classmethod
    def from_file(cls, path: Path | None = None) -> UnitTable:
        """Read ``figure_units.tsv``: ``lemma<TAB>unit`` lines; unit ``@casualty-verb`` marks a verb."""
        path = path or DATA_DIR / "figure_units.tsv"
        units: dict[str, str] = {}
        verbs: set[str] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lemma, unit = line.split("\t")[:2]
            if unit == "@casualty-verb":
                verbs.add(lemma)
            else:
                units[lemma] = unit
        return cls(units=units, casualty_verbs=frozenset(verbs))


_NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY"}
#: Unit of a casualty figure by the unit of who is counted.
_CASUALTY_UNITS = {"troops": "military casualties", "people": "civilian casualties"}


def number_spans(sent: Span) -> list[Span]:
    """Number phrases in a sentence: spaCy CARDINAL/MONEY/QUANTITY entities and vague plurals."""
    # Entities read off the sentence's own tokens: ``Span.ents`` scans the whole doc, which made
    # a long article's figures quadratic in its length.
    spans = [_with_scale(e) for e in _entities_in(sent) if e.label_ in _NUMBER_LABELS]
    covered = {t.i for e in spans for t in e}
    for tok in sent:
        if tok.i not in covered and tok.lower_ in VAGUE:
            spans.append(sent.doc[tok.i : tok.i + 1])
    return sorted(spans, key=lambda s: s.start)


def _with_scale(span: Span) -> Span:
    """The number phrase widened by a scale word the NER left out ("1 | lakh soldiers")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in SCALES and not doc[span.end].is_sent_start:
        from spacy.tokens import Span as _Span  # at run time: the module's own import is for typing

        return _Span(doc, span.start, span.end + 1, label=span.label_)
    return span


def _entities_in(sent: Span) -> list[Span]:
    """The named-entity spans that lie wholly inside ``sent`` (as ``sent.ents``), in time linear in
    the sentence rather than the doc."""
    from spacy.tokens import Span as _Span  # at run time: the module's own import is for typing

    doc, out = sent.doc, []
    i = sent.start
    while i < sent.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= sent.end:
            out.append(_Span(doc, i, end, label=doc[i].ent_type_))
        i = end
    return out


_RANGE_WORDS = {"to", "-", "–", "—", "and"}


def _range_start(span: Span) -> int:
    """Token index where the phrase starts when the NER split a range ("20,000 to | 30,000")."""
    doc, i = span.doc, span.start
    if i >= 2 and doc[i - 1].lower_ in _RANGE_WORDS and doc[i - 2].like_num:
        start = i - 2
        if doc[i - 1].lower_ == "and" and (start == 0 or doc[start - 1].lower_ != "between"):
            return i  # "40,000 civilians and 100,000 soldiers" is two figures, not a range
        return start - 1 if doc[i - 1].lower_ == "and" else start
    return i


def _qualifier_start(span: Span) -> int:
    """Token index where the number phrase starts, widened left by a range and a qualifier."""
    doc = span.doc
    first = _range_start(span)
    for phrase, _ in QUALIFIERS:
        start = first - len(phrase.split())
        if start >= 0 and doc[start:first].text.lower() == phrase:
            return start
    return first


def _with_qualifier(span: Span) -> str:
    return span.doc[_qualifier_start(span) : span.end].text


def counted_noun(span: Span) -> Token | None:
    """The noun a number phrase counts: its head for ``nummod``, or the noun it sits in."""
    root = span.root
    # "20,000-30,000 troops": the low end modifies the high end, which counts the noun.
    while root.dep_ == "quantmod" and root.head.like_num and root.head.i != root.i:
        root = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    # "claims 1 lakh soldiers", parsed as "claims 1" with "lakh" modifying the noun.
    last = span[-1]
    if last.lower_ in SCALES and last.dep_ in ("amod", "compound", "nummod") and last.head.pos_ == "NOUN":
        return last.head
    if (
        root.pos_ == "NOUN"
        and root.i >= span.end - 1
        and root.tag_ in ("NNS", "NN")
        and root.lower_ not in VAGUE
    ):
        return root
    # "is already dozens", "the number of X": the number itself is the attribute.
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    return pobj
    return tallied_noun(root)  # "the death toll rose to 30,000"


#: A currency sign or word: what makes a number money.
_CURRENCY = re.compile(
    r"[$€£¥₹]|\b(?:dollars?|euros?|pounds?|sterling|yen|yuan|renminbi|rupees?|rubles?|roubles?|"
    r"hryvnias?|francs?|pesos?|reais|real|won|lira|cents?|pence|usd|eur|gbp|cny|rub|uah)\b",
    re.IGNORECASE,
)


class FigureExtractor:
    """Finds figures in a parsed sentence; the unit table is passed in."""

    def __init__(self, units: UnitTable) -> None:
        self.units = units

    def unit_of(self, span: Span, noun: Token | None) -> str | None:
        if span.label_ == "MONEY":
            after = span.doc[span.end].text if span.end < len(span.doc) else ""
            if "$" in span.text or "dollar" in span.text.lower():
                return "USD"
            if _CURRENCY.search(f"{span.text} {after}"):
                return "money"
            # "displaced more than 12 million": the NER's MONEY with no currency is a count.
        if noun is None:
            return None
        unit = self.units.units.get(noun.lemma_.lower())
        if unit is None:
            return None
        # Whoever is counted as killed or wounded is a casualty figure; soldiers and civilians
        # are kept apart so their counts are never mistaken for rival figures of one thing.
        casualty = any(
            c.lemma_.lower() in self.units.casualty_verbs for c in noun.children if c.dep_ == "acl"
        )
        head = noun.head
        if head.lower_ == "of" and head.head.dep_ in ("dobj", "nsubjpass"):
            head = head.head  # "killed hundreds of RSF fighters": the count is what was killed
        for tok in (noun, head, head.head):
            if tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("acl", "relcl"):
                casualty = casualty or tok.lemma_.lower() in self.units.casualty_verbs
                break
        if casualty:
            return _CASUALTY_UNITS.get(unit, "casualties")
        return unit

    def __call__(self, sent: Span) -> list[tuple[Span, Quantity, str]]:
        """``(span, quantity, unit)`` for every figure in ``sent`` whose unit is known."""
        found = []
        spans = number_spans(sent)
        # The low end of a range the NER split is read with its high end.
        lows = {
            s2.start
            for s in spans
            if (r := _range_start(s)) != s.start
            for s2 in spans
            if s2.start >= r and s2.end <= s.start
        }
        for span in spans:
            if span.start in lows:
                continue
            if span.label_ in ("CARDINAL", "QUANTITY") and re.fullmatch(r"(1[89]|20)\d\d", span.text):
                continue  # a year, not a count
            text = _with_qualifier(span)
            quantity = parse_quantity(text)
            if quantity is None:
                continue
            unit = self.unit_of(span, counted_noun(span))
            if unit is None:
                continue
            found.append((span, quantity, unit))
        return found


def figure_text(span: Span) -> str:
    """The figure as written, with its qualifier and counted noun ("more than 100,000 soldiers")."""
    noun = counted_noun(span)
    end = noun.i + 1 if noun is not None and noun.i >= span.end else span.end
    return span.doc[_qualifier_start(span) : end].text
