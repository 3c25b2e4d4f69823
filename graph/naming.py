"""Who the words of one article refer to: names, titles, class nouns, and who may act.

:class:`ArticleNames` turns the parsed article's named entities (widened, rejoined and completed
by the gazetteer) into a :class:`graph.reference.Referents`, resolving each name with the entity
resolver; :meth:`ArticleNames.as_actor` says which entity can fill an actor role.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from graph.affiliation import stated_country
from graph.entities import NameMention
from graph.place_names import capital_phrases, place_anaphora, places_said_to_be, widen_place_names
from graph.records import Article, Entity, EntityKind
from graph.reference import (
    Referents,
    WordClasses,
    class_anaphora,
    join_split_names,
    title_anaphora,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span

    from graph.entities import EntityResolver
    from graph.gazetteer import Gazetteer

#: spaCy NER labels that name someone or somewhere.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_ACTOR_KINDS = {EntityKind.PERSON, EntityKind.ORGANISATION, EntityKind.COUNTRY, EntityKind.ARMED_GROUP}


class ArticleNames:
    """``__call__(article, doc)`` → the article's :class:`Referents`."""

    def __init__(
        self,
        resolver: EntityResolver,
        gazetteer: Gazetteer | None,
        words: WordClasses,
        is_common: Callable[[str], bool] | None = None,
    ) -> None:
        #: Resolves names to entity keys, remembering the article's names.
        self.resolver = resolver
        #: The authority on names and places; None leaves names to the resolver alone.
        self.gazetteer = gazetteer
        #: Grammatical word classes (group nouns, geographic nouns…).
        self.words = words
        #: Whether a capitalised word is a common word (graph.truecase); None trusts the NER.
        self.is_common = is_common
        #: Entities introduced here and not by a name (a country standing for its capital).
        self.added: dict[str, Entity] = {}

    def unnamed_names(self, doc: Doc) -> list[tuple[Span, str]]:
        """Capitalised words the NER missed that the curated gazetteer knows, with the label
        they get: a place or country ("GPE"), or a person ("PERSON").

        spaCy tags "Kyiv" in "Kyiv forces" as an adjective and no entity, and a spelling it has
        not seen ("Zelenskiy said …") as nothing; the gazetteer is the authority on names. Only
        curated entries and capitals count (a GeoNames town named like a common word would add
        noise), and a person only as a proper noun.
        """
        if self.gazetteer is None:
            return []
        # Only names count as covering ("Odesa" tagged LANGUAGE is still the city).
        covered = {t.i for e in doc.ents if e.label_ in NAME_LABELS for t in e}
        out = []
        for tok in doc:
            if tok.i in covered or not tok.is_title or tok.pos_ not in ("PROPN", "ADJ") or len(tok) < 3:
                continue
            if self._known_place(tok.text):
                out.append((doc[tok.i : tok.i + 1], "GPE"))
            elif tok.pos_ == "PROPN" and self._known_person(tok.text):
                out.append((doc[tok.i : tok.i + 1], "PERSON"))
        return out

    def __call__(self, article: Article, doc: Doc) -> Referents:
        """What the tokens of ``article`` refer to: names resolved, then titles, class nouns
        ("the company") and geographic nouns ("the river") carried to the names before them."""
        ents = join_split_names([e for e in doc.ents if e.label_ in NAME_LABELS])
        if self.is_common is not None:
            written = _TokenCounts(doc)
            ents = [e for e in ents if not capitalised_word(e, self.is_common, written)]
        ents = widen_place_names(ents, self.words, self._main_name)
        # One name, one reading in an article: "the town of Bakhmut" makes "capture Bakhmut",
        # tagged ORG, the town too.
        labels = [self._label(e) for e in ents]
        placed = {e.text for e, label in zip(ents, labels, strict=True) if label in ("GPE", "LOC")}
        labels = [
            "GPE" if label == "ORG" and e.text in placed else label
            for e, label in zip(ents, labels, strict=True)
        ]
        extra = self.unnamed_names(doc)
        ents += [span for span, _ in extra]
        labels += [label for _, label in extra]
        country_ref = self.gazetteer.country_ref if self.gazetteer is not None else None
        names = [
            NameMention(
                article.text[e.start_char : e.end_char],
                label,
                e.start_char,
                e.end_char,
                e.sent.start_char,
                e.sent.end_char,
                stated_country(e, country_ref) if label == "PERSON" and country_ref else None,
            )
            for e, label in zip(ents, labels, strict=True)
        ]
        keys = self.resolver.resolve(article.id, names)
        for start, whole in places_said_to_be(ents, self.words, self._main_name).items():
            # The gazetteer's entity for the name said to be another place.
            self.added[whole.key] = whole
            keys = [whole.key if e.start == start else k for e, k in zip(ents, keys, strict=True)]
        token_keys = {t.i: key for e, key in zip(ents, keys, strict=True) if key for t in e}
        if self.gazetteer is not None:
            people = [
                (e, k) for e, k, label in zip(ents, keys, labels, strict=True) if k and label == "PERSON"
            ]
            token_keys.update(title_anaphora(doc, people, token_keys, self.gazetteer))
        kinds = {k: self.resolver.kind(k) for k in set(token_keys.values())}
        token_keys.update(class_anaphora(doc, token_keys, kinds, self.words))
        token_keys.update(place_anaphora(doc, token_keys, kinds, self.words, self._settlement))
        capitals = capital_phrases(doc, token_keys, kinds, self._capital_city)
        token_keys.update(capitals)
        kinds.update({k: EntityKind.PLACE for k in capitals.values()})
        affiliation = self.gazetteer.affiliation if self.gazetteer is not None else None
        return Referents(
            token_keys, kinds, doc=doc, words=self.words, affiliation=affiliation, capital_of=self._capital_of
        )

    def _label(self, ent: Span) -> str:
        """The NER's label, but a name tagged as an organisation or a person is a place when a
        geographic noun says so ("the town of Bakhmut", "the city of Avdiivka"), and one tagged
        as an organisation when the gazetteer's curated places know it."""
        if ent.label_ not in ("ORG", "PERSON") or self.gazetteer is None:
            return ent.label_
        of = ent.root.head
        if ent.root.dep_ == "pobj" and of.lower_ == "of" and self.words.has(of.head.lemma_, "place"):
            return "GPE"  # "the besieged eastern town of Bakhmut"
        return "GPE" if ent.label_ == "ORG" and self._known_place(ent.text) else ent.label_

    def _known_place(self, surface: str) -> bool:
        """Whether ``surface`` is the main name of a curated place or of a capital (a GeoNames
        town named like a common word or a company would add noise)."""
        found = self.gazetteer.match(surface) if self.gazetteer is not None else None
        if found is None or found.alternate or not found.entity.is_place:
            return False
        return not found.geonames or self.gazetteer.country_of_capital(found.entity.key) is not None

    def _capital_city(self, country_key: str) -> str | None:
        """The key of the capital of the country ``country_key``, registering that city."""
        iso = self.gazetteer.country_code(country_key) if self.gazetteer is not None else None
        city = self.gazetteer.capital(iso) if iso else None
        if city is None:
            return None
        self.added[city.key] = city
        return city.key

    def _settlement(self, key: str) -> bool:
        """Whether ``key`` is a town or city the gazetteer knows."""
        entity = self.gazetteer.get(key) if self.gazetteer is not None else None
        return entity is not None and entity.settlement

    def _known_person(self, surface: str) -> bool:
        """Whether ``surface`` is a name of a curated person."""
        found = self.gazetteer.match(surface) if self.gazetteer is not None else None
        return found is not None and not found.geonames and found.entity.kind is EntityKind.PERSON

    def _capital_of(self, key: str) -> str | None:
        """The key of the country whose capital ``key`` is, registering that country."""
        country = self.gazetteer.country_of_capital(key) if self.gazetteer is not None else None
        if country is None:
            return None
        self.added[country.key] = country
        return country.key

    def _main_name(self, surface: str) -> Entity | None:
        """The entity ``surface`` is the main name of (a GeoNames alternate name such as
        "Donbas city" for Donetsk is too loose to rename a phrase)."""
        found = self.gazetteer.match(surface) if self.gazetteer is not None else None
        return found.entity if found is not None and not found.alternate else None

    def as_actor(self, key: str, refs: Referents) -> str | None:
        """An entity in an actor role: a capital city speaks for its country; other places don't act."""
        kind = refs.kinds.get(key)
        if kind in _ACTOR_KINDS or kind is EntityKind.OTHER:
            return key
        if self.gazetteer is not None:
            country = self.gazetteer.country_of_capital(key)
            if kind is None and country is None:
                # A country named by no token, reached through a person ("the Biden
                # administration" acts for the United States).
                code = self.gazetteer.country_code(key)
                country = self.gazetteer.country(code) if code else None
                country = country if country is not None and country.key == key else None
            if country is not None:
                refs.kinds[country.key] = country.kind
                self.added[country.key] = country
                return country.key
        return None


def capitalised_word(
    name: Span, is_common: Callable[[str], bool], written: Callable[[str], int] | None = None
) -> bool:
    """A "name" that is only a common word capitalised where a sentence or headline starts
    ("Anger over the death of a teenager …", "Riot …"), written nowhere else in the article: a
    name comes back ("Lowell Anger … Anger said"; "Benjamin said …, Benjamin has …").
    ``written``: how often a text is a token of the doc (default: counted here)."""
    if len(name) != 1 or name.start != name.sent.start or not is_common(name.text):
        return False
    if written is None:
        written = _TokenCounts(name.doc)
    return written(name.text) == 1


class _TokenCounts:
    """How often each text is a token of ``doc``, counted at the first question (an article's
    names ask many; counting the doc for each took 0.4 ms an article)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._counts: Counter[str] | None = None

    def __call__(self, text: str) -> int:
        if self._counts is None:
            self._counts = Counter(t.text for t in self.doc)
        return self._counts[text]
