"""The build cache: what extraction made of each article, kept so ``evkg add`` re-parses only new ones.

Extraction of one article (parse, events, roles, dates, figures) is the slow part of a build; the
steps across articles (entity folding, merging, RDF) are fast. So a build folder keeps, per article,
everything the cross-article steps need, as it was *before* them:

* the :class:`~graph.records.Article` itself,
* the name mentions the entity resolver was given (to fold entities across articles again),
* the article's :class:`~graph.records.Mention` records with the resolver's per-article keys,
* the entities the extractor introduced on its own (a country standing for its capital).

Layout (``SCHEMA`` is the format's version)::

    DIR/.evkg/manifest.json                       {"schema", "pipeline", "articles": [{"id", "hash", "file"}]}
    DIR/.evkg/articles/<sha1(id)>-<hash>.json     one ArticleExtraction

An article file is named after its content too, so a replaced article never overwrites the file the
current manifest points to. Files are written first, the manifest last (atomically), and files no
manifest names are removed after: an interrupted run leaves the previous cache whole. ``pipeline`` is
a fingerprint of the code, data and spaCy model; a cache from another one is refused, since adding
to it would not give the graph a fresh build gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import types
import typing
import zlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from graph.atomic import atomic_write_text
from graph.entities import NameMention
from graph.errors import OutputError
from graph.records import Article, Entity, Mention

#: Version of the cache format; bump it whenever a record or the layout changes.
SCHEMA = 2  # 2: NameMention.country
#: Folder of the cache inside a build folder.
CACHE_DIR = ".evkg"
MANIFEST = "manifest.json"


class CacheError(OutputError):
    """A build folder has no usable cache (missing, unreadable, or from another pipeline)."""


@dataclass(frozen=True)
class ArticleExtraction:
    """What extraction made of one article, before any step across articles."""

    article: Article
    #: The named-entity mentions given to the entity resolver, in the order given.
    names: tuple[NameMention, ...]
    #: The article's event mentions, with per-article (not yet canonical) entity keys.
    mentions: tuple[Mention, ...]
    #: Entities the extractor introduced itself, in the order it introduced them.
    added: tuple[Entity, ...] = ()


@dataclass(frozen=True)
class CacheRecord:
    """One article's cache entry made ahead of writing (:meth:`BuildCache.encode`): its id, its
    content hash and its file's JSON text, zlib-compressed (about 2 kB an article, where the
    records it was made from take 10 to 17 kB), or None when the cache has that file already."""

    article_id: str
    digest: str
    data: bytes | None


class SpooledRecords:
    """Cache records (:meth:`BuildCache.encode`) whose file texts wait in an unnamed temporary
    file in ``folder`` rather than in memory, until :meth:`BuildCache.stage` reads them back
    in order (about 2 kB an article, 0.2 GB at 100,000, held from the steps across articles
    until the outputs are written). The file is gone when the object is closed or collected,
    or the process killed."""

    def __init__(self, folder: Path) -> None:
        import tempfile

        Path(folder).mkdir(parents=True, exist_ok=True)
        self._file = tempfile.TemporaryFile(dir=folder)
        #: (article id, content hash, offset, length): length -1 for a record with no data.
        self._index: list[tuple[str, str, int, int]] = []

    def append(self, record: CacheRecord) -> None:
        if record.data is None:
            self._index.append((record.article_id, record.digest, 0, -1))
            return
        self._index.append((record.article_id, record.digest, self._file.tell(), len(record.data)))
        self._file.write(record.data)

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[CacheRecord]:
        self._file.flush()
        for article_id, digest, offset, length in self._index:
            data = None
            if length >= 0:
                self._file.seek(offset)
                data = self._file.read(length)
            yield CacheRecord(article_id, digest, data)
        self._file.seek(0, 2)  # appending goes on at the end

    def close(self) -> None:
        self._file.close()


# -- records <-> JSON ------------------------------------------------------------------------


def to_jsonable(value: Any) -> Any:
    """A record as plain JSON values; dataclass fields equal to their default are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            if f.default is not dataclasses.MISSING and v == f.default:
                continue
            if f.default_factory is not dataclasses.MISSING and v == f.default_factory():
                continue
            out[f.name] = to_jsonable(v)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} {value!r}: not a record value the cache can store")


def from_jsonable(hint: Any, data: Any) -> Any:
    """The value of type ``hint`` (a record class or a type hint of one of its fields) that
    :func:`to_jsonable` turned into ``data``; raises ValueError when ``data`` does not fit."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if data is None:
            return None
        if len(args) != 1:
            raise ValueError(f"cannot decode a value of type {hint}")
        return from_jsonable(args[0], data)
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError(f"expected a list for {hint}, got {type(data).__name__}")
        item = typing.get_args(hint)[0]
        return tuple(from_jsonable(item, v) for v in data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {hint.__name__}, got {type(data).__name__}")
        hints = typing.get_type_hints(hint)
        names = {f.name for f in dataclasses.fields(hint)}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"{hint.__name__} has no field {sorted(unknown)[0]!r}")
        return hint(**{k: from_jsonable(hints[k], v) for k, v in data.items()})
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if hint is dt.date:
        return dt.date.fromisoformat(data)
    if hint is float and isinstance(data, int | float) and not isinstance(data, bool):
        return data
    if hint in (str, int, bool) and type(data) is hint:
        return data
    raise ValueError(f"expected {getattr(hint, '__name__', hint)}, got {data!r}")


def content_hash(article: Article) -> str:
    """SHA-256 of everything about an article that extraction reads: its text and metadata, not
    the path it was read from (the same article moved is the same article)."""
    data = to_jsonable(dataclasses.replace(article, source=""))
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def fingerprint(code_dirs: Iterable[Path], model: str, skip: Collection[str] = ()) -> str:
    """A short hash of every file under ``code_dirs`` (code, data, ontology) but those in a folder
    named in ``skip``, and of the model's name and version: two pipelines with the same
    fingerprint extract the same from the same article."""
    h = hashlib.sha256(model.encode())
    for folder in code_dirs:
        for path in sorted(Path(folder).rglob("*")):
            parts = set(path.relative_to(folder).parts[:-1])
            if path.is_file() and not parts & {"__pycache__", *skip} and not path.name.startswith("."):
                h.update(path.relative_to(folder).as_posix().encode() + b"\0")
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _file_name(article_id: str, digest: str) -> str:
    return f"articles/{hashlib.sha1(article_id.encode()).hexdigest()}-{digest[:16]}.json"


# -- the cache folder ------------------------------------------------------------------------


class BuildCache:
    """The cache of one build folder, for one pipeline ``fingerprint`` (None: only to look at
    the manifest).

    ``load()`` returns the cached extractions in build order; ``save(extractions)`` makes them the
    cache (files first, manifest last); ``discard()`` removes files a failed run wrote.
    ``stage(extractions)`` then ``commit()`` is ``save`` in two steps, so the manifest can be
    written after a build's outputs; ``encode(extractions)`` makes what ``stage`` writes ahead of
    writing it, so a build lets the records go once its steps across articles are done.
    """

    def __init__(self, out_dir: str | Path, pipeline: str | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.root = self.out_dir / CACHE_DIR
        self.pipeline = pipeline
        self._written: list[Path] = []
        #: The manifest entries of the articles staged so far, in order (for :meth:`commit`).
        self._staged: list[dict[str, str]] = []

    def _refuse(self, why: str) -> CacheError:
        return CacheError(
            f"{self.out_dir}: {why}; run `evkg build INPUT… --out {self.out_dir}` with all the articles"
        )

    def manifest(self) -> dict[str, Any]:
        """The cache's manifest (cheap: no article is read); raises CacheError when there is none
        or it is not one this version reads."""
        path = self.root / MANIFEST
        if not path.is_file():
            raise self._refuse("no build cache here (.evkg/manifest.json)")
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise self._refuse(f"the build cache is unreadable ({exc})") from None
        if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA:
            raise self._refuse("the build cache is in another format version")
        return manifest

    def load(self) -> list[ArticleExtraction]:
        """Every cached article's extraction, in the order they were built; raises CacheError."""
        manifest = self.manifest()
        if manifest.get("pipeline") != self.pipeline:
            raise self._refuse("the build cache was made by another version of the pipeline or model")
        out = []
        try:
            for entry in manifest["articles"]:
                out.append(self._read(entry["id"], entry["hash"], entry["file"]))
        except (KeyError, TypeError) as exc:
            raise self._refuse(f"the build cache manifest is malformed ({exc})") from None
        return out

    def _read(self, article_id: str, digest: str, name: str) -> ArticleExtraction:
        path = self.root / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA or data.get("id") != article_id or data.get("hash") != digest:
                raise ValueError("it does not match the manifest")
            return from_jsonable(ArticleExtraction, data["extraction"])
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, KeyError, TypeError) as exc:
            raise self._refuse(f"cached article {article_id!r} is unreadable ({exc})") from None

    def save(self, extractions: Sequence[ArticleExtraction]) -> None:
        """Make ``extractions`` the cache: article files it lacks first (see :meth:`stage`), the
        manifest last (atomically); files it no longer names are then removed."""
        self._staged = []
        self.stage(extractions)
        self.commit()

    def commit(self) -> None:
        """Make the articles staged since the last commit (:meth:`stage`, in that order) the
        cache: the manifest (atomically), then the files it no longer names are removed."""
        entries, self._staged = self._staged, []
        manifest = {"schema": SCHEMA, "pipeline": self.pipeline, "articles": entries}
        atomic_write_text(self.root / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
        self._written = []
        keep = {self.root / e["file"] for e in entries}
        for path in (self.root / "articles").glob("*.json"):
            if path not in keep:
                path.unlink(missing_ok=True)

    def encode(self, extractions: Iterable[ArticleExtraction]) -> list[CacheRecord]:
        """What :meth:`stage` writes of ``extractions``, made now: each article's file text
        (compressed), or none where the cache has its file already."""
        out = []
        for x in extractions:
            digest = content_hash(x.article)
            data = None
            if not (self.root / _file_name(x.article.id, digest)).is_file():
                record = {"schema": SCHEMA, "id": x.article.id, "hash": digest, "extraction": to_jsonable(x)}
                data = zlib.compress(json.dumps(record, ensure_ascii=False, sort_keys=True).encode(), 1)
            out.append(CacheRecord(x.article.id, digest, data))
        return out

    def stage(self, extractions: Iterable[ArticleExtraction | CacheRecord]) -> None:
        """Write the article files of ``extractions`` (records, or :meth:`encode`'s entries) the
        cache lacks, without the manifest (so the slow part of :meth:`save` happens before the
        outputs are replaced)."""
        for x in extractions:
            record = x if isinstance(x, CacheRecord) else self.encode([x])[0]
            name = _file_name(record.article_id, record.digest)
            path = self.root / name
            self._staged.append({"id": record.article_id, "hash": record.digest, "file": name})
            if record.data is not None and not path.is_file():
                self._written.append(path)
                # No fsync a file (10,000 of them cost 5 s): the manifest, written durably after
                # them, is what makes them the cache, and a file a power cut left empty is
                # refused by load() with a message to rebuild, never read as something else.
                atomic_write_text(path, zlib.decompress(record.data).decode(), durable=False)

    def discard(self) -> None:
        """Remove the article files this object wrote that no manifest names yet."""
        for path in self._written:
            path.unlink(missing_ok=True)
        self._written, self._staged = [], []
