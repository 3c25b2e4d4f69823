"""The country a person acts for, as the sentence naming them says: "Ukrainian military spokesman
Oleksiy Gromov", "Oleksiy Gromov, from the Ukrainian armed forces' general staff", "Ivan Petrov,
a spokesman for Ukraine's army", "Russia's defence minister Ivan Petrov".

Read from the words that describe the name (its modifiers, its apposition, an "of/for/from"
phrase), never from a clause about something else ("Smith, who met the Russian envoy") nor from
where the person is sent ("the US envoy to Ukraine" acts for the US). Tested in
tests/test_affiliation.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Dependents of a name or its title that describe the person.
_DESCRIBING = frozenset({"compound", "amod", "nmod", "poss", "appos", "prep"})
#: Prepositions whose object is whom the person belongs to ("a spokesman for Ukraine's army"),
#: not where they go or what they face ("envoy to Ukraine", "sanctions against Russia").
_BELONGING = frozenset({"of", "for", "from", "with", "at"})
#: Entity labels that can name a country or its people.
_COUNTRY_LABELS = frozenset({"GPE", "NORP"})


def stated_country(name: Span, country_ref: Callable[[str], str | None]) -> str | None:
    """ISO code of the one country the words describing ``name`` (a person's name) refer to;
    None when they name none, or two ("a Russian-born US citizen" says nothing certain).

    ``country_ref`` maps a word or name ("Ukrainian", "Ukraine", "Kyiv") to its country's ISO
    code, or None.
    """
    own = {t.i for t in name}
    words = [t for t in _describing(name.root) if t.i not in own]
    # A name in apposition to its title ("Russia's defence minister Ivan Petrov"): the title
    # describes it too.
    head = name.root.head
    if name.root.dep_ == "appos" and head.i not in own and head.pos_ == "NOUN":
        words += [
            t for c in head.children if c.dep_ in ("compound", "amod", "poss", "nmod") for t in c.subtree
        ]
    found = {code for text in _country_words(words) if (code := country_ref(text))}
    return found.pop() if len(found) == 1 else None


def _country_words(words: list[Token]) -> list[str]:
    """What among ``words`` may name a country: whole GPE/NORP entities ("United States") and
    capitalised adjectives or names the NER left untagged ("Ukrainian")."""
    texts = []
    for t in words:
        if t.ent_type_ in _COUNTRY_LABELS:
            if t.ent_iob_ == "B":
                end = t.i + 1
                while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
                    end += 1
                texts.append(t.doc[t.i : end].text)
        elif t.is_title and t.pos_ in ("ADJ", "PROPN") and not t.ent_type_:
            texts.append(t.text)
    return texts


def _describing(root: Token) -> list[Token]:
    """The tokens of the phrases that describe ``root``, in text order."""
    out: list[Token] = []
    for child in root.children:
        if child.dep_ not in _DESCRIBING:
            continue
        if child.dep_ == "prep" and child.lower_ not in _BELONGING:
            continue
        out.extend(_without_clauses(child))
    return sorted(out, key=lambda t: t.i)


def _without_clauses(tok: Token) -> list[Token]:
    """``tok``'s subtree without relative clauses, participles or foreign prepositions."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            continue
        if child.dep_ == "prep" and child.lower_ not in _BELONGING:
            continue
        out.extend(_without_clauses(child))
    return out
