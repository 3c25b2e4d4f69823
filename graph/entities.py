"""Entity resolution: one key per real-world entity, whatever the spelling, title or article.

``EntityResolver.resolve`` maps the named-entity mentions of one article to entity keys, using
the gazetteer first (which also fixes NER label errors: "Lyon" tagged PERSON is a place) and
the other names of the same article (a surname alone is the full name said earlier; "Miley" is
"Hale"). ``canonical_key`` then folds entities across articles: a surname alone that matches
exactly one full name anywhere, or a spelling variant of a name the gazetteer does not know. The
fold is computed from everything resolved so far, so it does not depend on article order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import Gazetteer, Match, normalise, slugify, with_aliases
from .name_forms import defined_acronyms, edit_distance, loose_form, org_form
from .records import Entity, EntityKind

#: The entity kind an unknown name gets from its NER label.
_LABEL_KINDS = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANISATION,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
    "NORP": EntityKind.OTHER,
}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_EDGES = ' \t\r\n()[]{}"“”«»,;:!?*-–—'
#: Fixed order that breaks ties between kinds voted for by the labels of one unknown name.
_KIND_ORDER = list(EntityKind)


@dataclass(frozen=True)
class NameMention:
    """One named-entity mention as the NER found it."""

    #: Surface as in the article: "Army General John Hale", "Martin's", "Russian", "Lyon".
    text: str
    #: spaCy NER label: PERSON, ORG, GPE, LOC, NORP, FAC; other labels are not resolved.
    label: str
    #: Character offsets in the article text.
    start: int
    end: int
    #: Offsets of the sentence the name is in (-1 when not known, e.g. from an older cache).
    sentence_start: int = -1
    sentence_end: int = -1
    #: ISO code of the country the words describing a person say they act for ("Ukrainian
    #: spokesman X": "UA"; graph.affiliation), else None.
    country: str | None = None


@dataclass(frozen=True)
class _Seen:
    """What one resolved mention tells the global fold."""

    key: str
    surface: str
    kind: EntityKind
    known: bool  # True when the key is a gazetteer entity
    country: str | None = None  # NameMention.country


def _typo_limit(name: str) -> int:
    """Edit distance tolerated between two spellings of a name: none below five letters."""
    return 0 if len(name) < 5 else 1 if len(name) < 8 else 2


class EntityResolver:
    """Resolves named-entity mentions to canonical entity keys, across a whole collection."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._articles: dict[str, list[_Seen]] = {}
        self._kinds: dict[str, Counter[EntityKind]] = defaultdict(Counter)
        self._fold: dict[str, str] | None = None

    def resolve(self, article_id: str, names: Sequence[NameMention]) -> list[str | None]:
        """Entity keys parallel to ``names``; None where a mention is not worth a node (a weekday,
        a lone title, an ownerless "Defense Ministry" in an article naming none). Resolving the
        same article again replaces what it contributed before."""
        keys, seen = resolve_article(self.gazetteer, names)
        for old in self._articles.get(article_id, ()):
            self._kinds[old.key][old.kind] -= 1
        for new in seen:
            self._kinds[new.key][new.kind] += 1
        self._articles[article_id] = seen
        self._fold = None
        return keys

    def kind(self, key: str) -> EntityKind | None:
        """The kind of the entity a key returned by ``resolve`` denotes, cheaply (no global fold):
        the gazetteer's kind, else the kind most mentions of the name voted for."""
        known = self.gazetteer.get(key)
        if known is not None:
            return known.kind
        votes = self._kinds.get(key)
        if not votes or not +votes:
            return None
        return max((+votes).items(), key=lambda kv: (kv[1], -_KIND_ORDER.index(kv[0])))[0]

    def canonical_key(self, key: str) -> str:
        """The key after folding across articles ("milley" -> "mark-milley")."""
        return self._folding().get(key, key)

    def entities(self) -> dict[str, Entity]:
        """Every entity seen, by canonical key, with every surface form seen as an alias."""
        fold = self._folding()
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        kinds: dict[str, Counter[EntityKind]] = defaultdict(Counter)
        countries: dict[str, set[str]] = defaultdict(set)
        for seen in self._all_seen():
            canonical = fold.get(seen.key, seen.key)
            surfaces[canonical][seen.surface] += 1
            if not seen.known:
                kinds[canonical][seen.kind] += 1
            if seen.country:
                countries[canonical].add(seen.country)
        result: dict[str, Entity] = {}
        for key in sorted(surfaces):
            known = self.gazetteer.get(key)
            if known is not None:
                result[key] = with_aliases(known, surfaces[key])
                continue
            name = _preferred_name(surfaces[key])
            kind = max(kinds[key].items(), key=lambda kv: (kv[1], -_KIND_ORDER.index(kv[0])))[0]
            result[key] = with_aliases(
                Entity(key, name, kind, affiliation=self._country(countries[key])), surfaces[key]
            )
        return result

    def _country(self, codes: set[str]) -> str | None:
        """The key of the one country the texts say a person acts for; None for none or two."""
        country = self.gazetteer.country(next(iter(codes))) if len(codes) == 1 else None
        return country.key if country is not None else None

    def _all_seen(self) -> list[_Seen]:
        return [seen for article in sorted(self._articles) for seen in self._articles[article]]

    def _folding(self) -> dict[str, str]:
        if self._fold is None:
            self._fold = fold_across_articles(self._all_seen())
        return self._fold


def _preferred_name(surfaces: Counter[str]) -> str:
    """The name an unknown entity goes by: its longest form, then its most frequent, then A-Z."""
    return min(surfaces, key=lambda s: (-len(s.split()), -surfaces[s], s))


def fold_across_articles(seen: Sequence[_Seen]) -> dict[str, str]:
    """Key -> canonical key for unknown names that denote an entity known under another key.
    Depends only on the set of observations, never on their order."""
    longest: dict[EntityKind, dict[str, tuple[str, bool]]] = defaultdict(dict)  # key -> (surface, known)
    for s in seen:
        if s.kind in (EntityKind.PERSON, EntityKind.ORGANISATION):
            current = longest[s.kind].get(s.key)
            if current is None or (len(s.surface.split()), s.surface) > (len(current[0].split()), current[0]):
                longest[s.kind][s.key] = (s.surface, s.known)
    persons = longest[EntityKind.PERSON]
    fold: dict[str, str] = {}
    # 1. Spelling variants: unknown person (or organisation) keys with one loose form fold into
    #    a known entity of that form, else into the alphabetically first key.
    for names, form in ((persons, loose_form), (longest[EntityKind.ORGANISATION], _org_loose)):
        by_loose: dict[str, list[str]] = defaultdict(list)
        for key, (surface, _known) in names.items():
            by_loose[form(surface)].append(key)
        for keys in by_loose.values():
            known = sorted(k for k in keys if names[k][1])
            target = known[0] if known else min(keys)
            for key in keys:
                if not names[key][1] and key != target:
                    fold[key] = target
    # 2a. A full name folds into the one longer full name that only adds initials ("Mark Felt",
    #     "W. Mark Felt Sr."; the suffix is dropped by loose_form).
    #     A name with initials of its own ("George W. Bush") folds into none ("George H. W. Bush").
    loose = {key: loose_form(surface).split() for key, (surface, _known) in persons.items()}
    spelled = dict(fold)
    for key, (_surface, known) in persons.items():
        words = loose[key]
        if known or len(words) < 2 or key in spelled or any(len(w) == 1 for w in words):
            continue
        longer = {
            spelled.get(other, other)
            for other, theirs in loose.items()
            if other != key and len(theirs) > len(words) and _adds_initials(words, theirs)
        }
        if len(longer) == 1:
            fold[key] = next(iter(longer))
    # 2. A surname alone folds into the one full name (after step 1) that ends with it.
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for key, (surface, _known) in persons.items():
        words = loose_form(surface).split()
        if len(words) > 1:
            full_by_last[words[-1]].add(fold.get(key, key))
    for key, (surface, known) in persons.items():
        if known or len(surface.split()) != 1:
            continue
        targets = full_by_last.get(loose_form(surface), set())
        if len(targets) == 1:
            fold[key] = next(iter(targets))
    # 3. An acronym alone is the one organisation some article defined it for ("GM").
    defined: dict[str, set[str]] = defaultdict(set)
    for s in seen:
        if s.kind is EntityKind.ORGANISATION and s.surface.isupper() and slugify(s.surface) != s.key:
            defined[s.surface].add(fold.get(s.key, s.key))
    for key, (surface, known) in longest[EntityKind.ORGANISATION].items():
        targets = defined.get(surface, set()) - {key}
        if not known and surface.isupper() and len(targets) == 1:
            fold[key] = next(iter(targets))
    return fold


def _adds_initials(words: list[str], longer: list[str]) -> bool:
    """``longer`` is ``words`` (same last name) with single letters added ("w mark felt")."""
    if words[-1] != longer[-1]:
        return False
    matched = 0
    for word in longer:
        if matched < len(words) and word == words[matched]:
            matched += 1
        elif len(word) != 1:
            return False
    return matched == len(words)


def _org_loose(name: str) -> str:
    return org_form(loose_form(name))


def _clean(surface: str) -> str:
    """The mention text without NER debris: a span across a line break keeps its first line,
    and edge punctuation goes ("LaRue - -" in re-spaced text)."""
    lines = [line for line in surface.splitlines() if line.strip()]
    return (lines[0] if lines else "").strip(_EDGES)


def _accept(match: Match, label: str, surface_n: str, place_surfaces: set[str], countries: set[str]) -> bool:
    """Whether a gazetteer match stands against the NER label. Curated data always does; a
    GeoNames city overrules PERSON/ORG/NORP only under its main name and when the article also
    tags that name as a place or names the city's country."""
    if not match.geonames or label in _PLACE_LABELS:
        return True
    if match.alternate:
        return False
    return surface_n in place_surfaces or match.country in countries


def resolve_article(
    gazetteer: Gazetteer, names: Sequence[NameMention]
) -> tuple[list[str | None], list[_Seen]]:
    """Keys for one article's mentions, and what they tell the cross-article fold."""
    cleaned = [_clean(m.text) for m in names]
    # NER labels one name inconsistently within an article ("Jobs" PERSON, then ORG): a name not
    # in the gazetteer takes the label most of its mentions have (PERSON first on a tie).
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for text, mention in zip(cleaned, names, strict=True):
        if mention.label in _LABEL_KINDS:
            votes[normalise(text)][mention.label] += 1
    majority = {
        n: max(c.items(), key=lambda kv: (kv[1], kv[0] == "PERSON", kv[0]))[0] for n, c in votes.items()
    }
    matches: list[Match | None] = []
    place_surfaces = {normalise(c) for c, m in zip(cleaned, names, strict=True) if m.label in _PLACE_LABELS}
    countries: set[str] = set()
    for text, mention in zip(cleaned, names, strict=True):
        found = gazetteer.match(text) if mention.label in _LABEL_KINDS else None
        demonym = gazetteer.demonym(text)
        if demonym is not None:
            countries.add(gazetteer.country_code(demonym.key) or "")
        if found and not found.geonames:
            countries.add(found.country or "")
        matches.append(found)

    keys: list[str | None] = [None] * len(names)
    seen: list[_Seen] = []
    institutions: list[tuple[int, str]] = []
    unknown: dict[int, tuple[str, EntityKind]] = {}  # index -> (name, kind) of names not in the gazetteer
    maybe_people: dict[int, str] = {}  # titled non-PERSON names ("General Hale" tagged ORG)
    for i, (text, mention, found) in enumerate(zip(cleaned, names, matches, strict=True)):
        label = mention.label
        bare = _without_article(text).lstrip("([{\"'“‘")
        if label not in _LABEL_KINDS or not bare or not (bare[0].isupper() or bare[0].isdigit()):
            continue
        if label == "NORP" or found is None:
            demonym = gazetteer.demonym(text)
            if demonym is not None:
                keys[i] = demonym.key
                seen.append(_Seen(demonym.key, text, demonym.kind, True))
                continue
        if found and _accept(found, label, normalise(text), place_surfaces, countries):
            keys[i] = found.entity.key
            seen.append(_Seen(found.entity.key, gazetteer.strip(text)[0], found.entity.kind, True))
            continue
        label = majority.get(normalise(text), label)
        institution = gazetteer.institution_type(text)
        if institution:
            institutions.append((i, institution))
            continue
        stripped, titled = gazetteer.strip(text)
        if gazetteer.is_non_entity(text) or gazetteer.is_non_entity(stripped):
            continue
        if label == "PERSON":
            unknown[i] = (stripped, EntityKind.PERSON)
            continue
        unknown[i] = (_without_article(text), _LABEL_KINDS[label])
        if titled:
            maybe_people[i] = stripped

    # Ownerless institutions ("the Defense Ministry") are the article's one such institution.
    for i, institution in institutions:
        owners = {k for k in keys if k and gazetteer.institution_of(k) == institution}
        if len(owners) == 1:
            keys[i] = owners.pop()
            seen.append(_Seen(keys[i], _without_article(cleaned[i]), EntityKind.ORGANISATION, True))

    # Acronyms the article defines ("Singapore Airlines ( SIA )") are the name they follow.
    aliases: dict[int, str] = {}
    for short, long in defined_acronyms(names).items():
        if keys[short] is not None:
            continue  # the gazetteer knows the short form itself ("EU")
        if keys[long] is not None and (entity := gazetteer.get(keys[long])) is not None:
            keys[short] = keys[long]
            seen.append(_Seen(keys[long], cleaned[short], entity.kind, True))
            unknown.pop(short, None)
        elif long in unknown and unknown[long][1] is not EntityKind.PERSON:
            unknown[short] = unknown[long]
            aliases[short] = cleaned[short]

    # People: a partial or misspelt name is the one full name of the article it fits.
    full_names: dict[str, str] = {}  # full name -> gazetteer key, or "#<index>" of an unknown mention
    for key in keys:
        entity = gazetteer.get(key) if key else None
        if entity is not None and entity.kind is EntityKind.PERSON:
            for form in (entity.name, *entity.aliases):
                full_names[form] = key
    for i, (name, kind) in unknown.items():
        if kind is EntityKind.PERSON and len(name.split()) > 1:
            full_names[name] = f"#{i}"
    for i in sorted(unknown):
        name, kind = unknown[i]
        candidate = maybe_people.get(i, name if kind is EntityKind.PERSON else None)
        if candidate is None or len(candidate.split()) != 1:
            continue
        target = _person_in_article(candidate, full_names)
        if target is None:
            continue
        if target.startswith("#"):
            unknown[i] = (unknown[int(target[1:])][0], EntityKind.PERSON)
            aliases[i] = candidate
        else:
            keys[i] = target
            seen.append(_Seen(target, candidate, EntityKind.PERSON, True))
            del unknown[i]

    for i, (name, kind) in unknown.items():
        key = slugify(name)
        if not key:
            continue
        if key in gazetteer:  # a person "Jordan" must not become the country's node
            key = f"{key}-{kind.value.replace('_', '-')}"
        keys[i] = key
        country = names[i].country if kind is EntityKind.PERSON else None
        seen.append(_Seen(key, aliases.get(i, name), kind, False, country))
    return keys, seen


def _without_article(text: str) -> str:
    """The name without a leading article, a trailing possessive or edge punctuation."""
    text = text.strip(_EDGES)
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        rest = text[len(article) :].strip(_EDGES)
        if text.startswith(article) and rest and (article.lower() == "the " or " " in rest):
            text = rest
            break
    for suffix in ("'s", "’s", "'", "’"):
        text = text.removesuffix(suffix)
    return text.strip(_EDGES)


def _person_in_article(name: str, full_names: dict[str, str]) -> str | None:
    """The one target among the article's full names whose first or last word is ``name``,
    else the one whose last word is within a typo of it."""
    n = normalise(name)
    ends = {full: (normalise(full.split()[0]), normalise(full.split()[-1])) for full in full_names}
    exact = {t for full, t in full_names.items() if n in ends[full]}
    if len(exact) == 1:
        return exact.pop()
    if exact or _typo_limit(n) == 0:
        return None
    close = {
        t
        for full, t in full_names.items()
        if edit_distance(n, ends[full][1], _typo_limit(n)) <= _typo_limit(n)
    }
    return close.pop() if len(close) == 1 else None
