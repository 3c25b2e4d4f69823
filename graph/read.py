"""Read articles from disk: ``.txt`` (+ ``articles.json`` sidecar), ``.html``/``.htm`` and ``.jsonl``.

Bad input never stops a run: every file that cannot be read becomes a :class:`Problem` naming the file
and what is allowed, and reading goes on. The text of each :class:`Article` is final here (normalised,
glued paragraphs split, boilerplate removed): every character offset downstream indexes into it.

Folders are read one level deep by default (``recursive=False``): the supported files directly inside,
in sorted name order; other files, hidden files (``.name``) and ``articles.json`` (read as metadata)
are silently skipped.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from graph.boilerplate import Boilerplate
from graph.errors import InputError, MetadataError
from graph.read_meta import (  # noqa: F401 (re-exported helpers)
    SIDECAR,
    clean_text,
    decode_text,
    load_sidecar,
    parse_iso_date,
    split_date_line,
)
from graph.records import Article, Problem

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
ALLOWED = "allowed: .txt, .html, .htm, .jsonl files or folders holding them"
_JSONL_STRINGS = ("title", "outlet", "author", "url", "language")
_NO_DATE = (
    "no publication date, so relative dates ('Wednesday', 'last week') will stay unresolved; "
    "give one as a first line 'date YYYY-MM-DD', an articles.json 'published' or a JSONL 'published'"
)


class ArticleReader:
    """Stage: turn input paths (files or folders) into Articles, and Problems for bad input.

    Yields in a deterministic order: inputs in the order given, files sorted by name within a
    folder, JSONL lines in file order. A file given twice (same resolved path) is read once.
    """

    def __init__(
        self,
        *,
        max_bytes: int = 20 * 1024 * 1024,
        boilerplate: Boilerplate | None = None,
        recursive: bool = False,
        glue_separator: str = "\n\n",
        verbatim: bool = False,
    ) -> None:
        #: Largest ``.txt``/``.html`` file, and largest JSONL line, that is read.
        self.max_bytes = max_bytes
        self.boilerplate = boilerplate if boilerplate is not None else Boilerplate.from_file()
        self.recursive = recursive
        #: Paragraph break inserted between glued sentences ("Lyon.The" -> "Lyon.\n\nThe").
        self.glue_separator = glue_separator
        #: Keep each text exactly as given (no normalisation, no boilerplate removal): for annotated
        #: corpora whose gold character offsets index into the original text.
        self.verbatim = verbatim

    def __call__(self, inputs: Iterable[str | Path] | str | Path) -> Iterator[Article | Problem]:
        if isinstance(inputs, str | Path):
            inputs = [inputs]
        run = _Run(self)
        for item in inputs:
            yield from run.input(Path(item))


def read_articles(
    inputs: Iterable[str | Path] | str | Path, **config: Any
) -> tuple[list[Article], list[Problem]]:
    """Read ``inputs`` with an :class:`ArticleReader` built from ``config``; return (articles, problems)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for record in ArticleReader(**config)(inputs):
        (articles if isinstance(record, Article) else problems).append(record)
    return articles, problems


class _Run:
    """State of one reading run: files already read, ids already used, sidecars loaded."""

    def __init__(self, reader: ArticleReader) -> None:
        self.reader = reader
        self.seen_paths: set[Path] = set()
        self.seen_folders: set[Path] = set()
        self.seen_ids: dict[str, str] = {}
        self.sidecars: dict[Path, dict[str, dict[str, Any]]] = {}

    def input(self, path: Path) -> Iterator[Article | Problem]:
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as err:  # e.g. a parent folder without search permission
            yield Problem(str(path), f"cannot access it ({err.strerror or err}); {ALLOWED}")
            return
        if is_dir:
            yield from self.folder(path)
        elif not exists:
            yield Problem(str(path), f"no such file or folder; {ALLOWED}")
        elif path.suffix.lower() not in SUPPORTED:
            yield Problem(str(path), f"unsupported file type {path.suffix or '(no extension)'!r}; {ALLOWED}")
        else:
            yield from self.file(path)

    def folder(self, folder: Path) -> Iterator[Article | Problem]:
        key = folder.resolve()
        if key in self.seen_folders:  # given twice, or a symlink loop when recursing
            return
        self.seen_folders.add(key)
        try:
            with os.scandir(folder) as scan:
                entries = sorted((Path(e.path), e.is_dir()) for e in scan)
        except OSError as err:
            yield Problem(str(folder), f"cannot list the folder ({err.strerror or err}); it must be readable")
            return
        for path, is_dir in entries:
            if path.name.startswith("."):  # hidden files: editor locks, macOS "._" forks
                continue
            if is_dir:
                if self.reader.recursive:
                    yield from self.folder(path)
            elif path.suffix.lower() in SUPPORTED:
                yield from self.file(path)

    def file(self, path: Path) -> Iterator[Article | Problem]:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # symlink loops
            key = path.absolute()
        if key in self.seen_paths:
            return
        self.seen_paths.add(key)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            records = self.jsonl(path)
        elif suffix in HTML_SUFFIXES:
            records = self.guard(path, self.html)
        else:
            records = self.guard(path, self.text)
        for record in records:
            yield from self.finish(record) if isinstance(record, Article) else [record]

    def guard(self, path: Path, read: Any) -> Iterator[Article | Problem]:
        try:
            yield from read(path)
        except InputError as err:
            yield Problem(err.source, err.problem)

    def finish(self, article: Article) -> Iterator[Article | Problem]:
        """Reject a reused id; warn about a missing date."""
        if article.id in self.seen_ids:
            yield Problem(
                article.source,
                f"article id {article.id!r} is already used by "
                f"{self.seen_ids[article.id]}; article ids must be unique",
            )
            return
        self.seen_ids[article.id] = article.source
        yield article
        if article.published is None:
            yield Problem(article.source, _NO_DATE, skipped=False)

    def open(self, path: Path) -> BinaryIO:
        """Open a regular file for reading, or raise InputError (FIFOs and devices would block)."""
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as err:
            raise InputError(
                str(path), f"cannot read the file ({err.strerror or err}); it must be a readable regular file"
            ) from None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise InputError(
                str(path),
                "is not a regular file (a FIFO, device or socket); "
                "allowed: regular .txt, .html, .htm, .jsonl files",
            )
        return os.fdopen(fd, "rb")

    def read_bytes(self, path: Path) -> bytes:
        limit = self.reader.max_bytes
        with self.open(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise InputError(str(path), f"file is {size:,} bytes, over the {limit:,} allowed (max_bytes)")
            try:
                data = handle.read(limit + 1)
            except OSError as err:
                raise InputError(
                    str(path),
                    f"cannot read the file ({err.strerror or err}); it must be a readable regular file",
                ) from None
        if len(data) > limit:
            raise InputError(str(path), f"file is over the {limit:,} bytes allowed (max_bytes)")
        return data

    def clean(self, text: str, source: str) -> str:
        if self.reader.verbatim:
            return text
        cleaned = clean_text(text, self.reader.boilerplate, self.reader.glue_separator)
        if not cleaned:
            raise InputError(source, "no article text left after removing site boilerplate")
        return cleaned

    def text(self, path: Path) -> Iterator[Article | Problem]:
        source = str(path)
        raw = decode_text(self.read_bytes(path), source)
        body, stated, date_problem = split_date_line(raw)
        meta = self.sidecar(path.parent, path.name)
        yield from meta.pop("_problems", [])
        if date_problem:
            yield Problem(source, date_problem, skipped=False)
        published, basis = meta.get("published"), meta.get("published_basis")
        if published is None and stated is not None:
            published, basis = stated, f"stated in the file's first line ('date {stated.isoformat()}')"
        elif published is not None and stated is not None and stated != published:
            yield Problem(
                source,
                f"first line says date {stated} but articles.json says {published}; articles.json is used",
                skipped=False,
            )
        if published is not None and basis is None:
            basis = "given in articles.json"
        yield Article(
            id=path.name,
            text=self.clean(body, source),
            published=published,
            published_basis=basis,
            title=meta.get("title"),
            outlet=meta.get("outlet"),
            author=meta.get("author"),
            url=meta.get("url"),
            language=meta.get("language") or "en",
            source=source,
        )

    def sidecar(self, folder: Path, name: str) -> dict[str, Any]:
        """Metadata for ``name`` from the folder's articles.json; its problems on first load."""
        key = folder.absolute()
        problems: list[Problem] = []
        if key not in self.sidecars:
            sidecar = folder / SIDECAR
            self.sidecars[key], problems = load_sidecar(sidecar) if sidecar.is_file() else ({}, [])
        return {**self.sidecars[key].get(name, {}), "_problems": problems}

    def html(self, path: Path) -> Iterator[Article | Problem]:
        source = str(path)
        page = decode_text(self.read_bytes(path), source)
        try:
            import trafilatura  # imported here: only HTML input needs it (and lxml)
        except ImportError as err:
            raise InputError(
                source,
                f"reading HTML needs trafilatura and lxml_html_clean ({err}); "
                "install them or give the article as .txt",
            ) from None
        try:
            doc = trafilatura.bare_extraction(
                page,
                favor_precision=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                include_links=False,
                with_metadata=True,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        # trafilatura and lxml raise many kinds of errors on hostile markup; any of them means this
        # one page cannot be read, never that the run must stop.
        except Exception as err:  # noqa: BLE001
            raise InputError(
                source,
                f"HTML could not be parsed ({type(err).__name__}: {err}); give the article as .txt instead",
            ) from None
        text = (getattr(doc, "text", None) or "") if doc is not None else ""
        if not text.strip():
            raise InputError(source, "no article text found in the HTML page; give it as .txt instead")
        published = parse_iso_date(getattr(doc, "date", None) or "")
        yield Article(
            id=path.name,
            text=self.clean(text.replace("\n", "\n\n"), source),
            published=published,
            published_basis="from the HTML page's metadata" if published else None,
            title=getattr(doc, "title", None) or None,
            outlet=getattr(doc, "sitename", None) or None,
            author=getattr(doc, "author", None) or None,
            url=getattr(doc, "url", None) or None,
            language="en",
            source=source,
        )

    def jsonl(self, path: Path) -> Iterator[Article | Problem]:
        source = str(path)
        try:
            handle = self.open(path)
        except InputError as err:
            yield Problem(err.source, err.problem)
            return
        with handle:
            try:
                if b"\x00" in handle.read(8192):
                    yield Problem(source, "file is binary (NUL bytes); allowed: UTF-8 JSON Lines text")
                    return
                handle.seek(0)
                empty = True
                for number, line in enumerate(_bounded_lines(handle, self.reader.max_bytes), start=1):
                    empty = empty and not line.strip()
                    if line.strip():
                        try:
                            yield from self.jsonl_line(path, number, line)
                        except InputError as err:
                            yield Problem(err.source, err.problem)
            except OSError as err:
                yield Problem(source, f"read error ({err.strerror or err}); the rest of the file is skipped")
                return
        if empty:
            yield Problem(source, "file is empty; allowed: one JSON object with a 'text' a line")

    def jsonl_line(self, path: Path, number: int, line: bytes) -> Iterator[Article | Problem]:
        source = f"{path}:{number}"
        if len(line) > self.reader.max_bytes:
            limit = self.reader.max_bytes
            raise MetadataError(source, f"line is over the {limit:,} bytes allowed (max_bytes)")
        try:
            data = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as err:
            raise MetadataError(source, f"line is not UTF-8 ({err.reason} at byte {err.start})") from None
        except json.JSONDecodeError as err:
            raise MetadataError(
                source,
                f"line is not valid JSON ({err.msg}, column {err.colno}); allowed: one JSON object a line",
            ) from None
        if not isinstance(data, dict):
            raise MetadataError(source, "line must be a JSON object with a 'text' string")
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise MetadataError(source, "'text' is missing or empty; each line needs a non-empty 'text'")
        ident = data.get("id", data.get("doc_id"))
        if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int) or ident == ""):
            raise MetadataError(source, f"'id'/'doc_id' must be a non-empty string or integer, got {ident!r}")
        for key in _JSONL_STRINGS:
            if data.get(key) is not None and not isinstance(data[key], str):
                raise MetadataError(source, f"{key!r} must be a string or null, got {data[key]!r}")
        raw_date = data.get("published", data.get("dct"))
        published = parse_iso_date(raw_date) if isinstance(raw_date, str) else None
        if raw_date is not None and published is None:
            # An ambiguous date ("03-02-2009") is not guessed; the text is still worth reading.
            yield Problem(
                source,
                f"'published'/'dct' {raw_date!r} is ignored: allowed is YYYY-MM-DD "
                "(optionally with a time) or null",
                skipped=False,
            )
        date_key = "published" if "published" in data else "dct"
        yield Article(
            id=str(ident) if ident is not None else f"{path.name}#{number}",
            text=self.clean(text, source),
            published=published,
            published_basis=f"given as {date_key!r} in the JSONL line" if published else None,
            title=data.get("title"),
            outlet=data.get("outlet"),
            author=data.get("author"),
            url=data.get("url"),
            language=data.get("language") or "en",
            source=source,
        )


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """The file's lines; a line over ``limit`` bytes comes out cut to ``limit + 1`` bytes (never
    held whole in memory), so the caller can tell it is too long."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
        yield line
