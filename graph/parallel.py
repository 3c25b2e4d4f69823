"""The per-article work (parse, extract) in this process, a local process pool or a Dask cluster.

An article's extraction reads nothing of the other articles: its names are resolved by a resolver
that knows only that article (:class:`ArticleResolver`), since folding entities across articles is
:func:`graph.pipeline.combine`'s job. So articles can be extracted in any grouping, in any process,
and the records, gathered in input order, are the same: ``--jobs 1``, ``--jobs 2`` and a Dask
cluster give the same bytes. Everything across articles (combine, RDF, the files) stays in the
calling process, where the graph is.

A worker, local or remote, loads its own :class:`~graph.pipeline.Components` with
``Components.load(model)`` once (:func:`extract_in_worker`) and refuses to work when its code,
data or model differ from the caller's (the pipeline fingerprint), so a cluster with another
version installed fails loudly instead of building another graph. Components the caller changed
in memory (a smaller lexicon in a test) are not what a worker loads: such builds use ``jobs=1``.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.cache import ArticleExtraction
from graph.entities import EntityResolver, NameMention
from graph.errors import GraphError
from graph.packed import PackedExtractions
from graph.records import Article

if TYPE_CHECKING:
    from graph.gazetteer import Gazetteer
    from graph.pipeline import Components

#: Most articles sent to a worker at once: one spaCy batch (graph.pipeline's batch_size), few
#: enough that no process waits long for the last chunk of another at the end.
MAX_CHUNK = 16
#: Chunks per worker when the articles are split: a worker done early takes another.
CHUNKS_PER_WORKER = 4


class ArticleResolver:
    """The entity resolver as extraction sees it: each article's names are resolved knowing no
    other article's, so an article's extraction does not depend on what was extracted before it
    or elsewhere. Keeps the names each article gave it (for the build cache)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.names: dict[str, tuple[NameMention, ...]] = {}
        self._article = EntityResolver(gazetteer)

    def resolve(self, article_id: str, names: Sequence[NameMention]) -> list[str | None]:
        self._article = EntityResolver(self.gazetteer)
        self.names[article_id] = tuple(names)
        return self._article.resolve(article_id, names)

    def kind(self, key: str):  # -> EntityKind | None, as EntityResolver.kind
        return self._article.kind(key)


def extract_chunk(
    articles: Sequence[Article], components: Components, *, batch_size: int = 16
) -> Iterator[ArticleExtraction]:
    """Parse and extract ``articles`` one by one, in order; each record depends on its article alone."""
    from graph.nlp import parse_texts

    resolver = ArticleResolver(components.gazetteer)
    extractor = components.extractor(resolver)
    # A long article is parsed in pieces (graph.nlp.parse_texts): one 10 MB doc would need ~30 GB.
    docs = parse_texts(
        components.nlp, (components.parse_input(a.text) for a in articles), batch_size=batch_size
    )
    for n, (article, doc) in enumerate(zip(articles, docs, strict=True), 1):
        extractor.added = {}
        mentions = tuple(extractor(article, doc))
        names = resolver.names.pop(article.id, ())
        yield ArticleExtraction(article, names, mentions, tuple(extractor.added.values()))
        if n % RELEASE_EVERY == 0:
            release_memory()


#: Articles extracted between two hand-backs of freed memory (:func:`release_memory`).
RELEASE_EVERY = 256


def release_memory() -> None:
    """Hand the heap pages freed since the last call back to the system (glibc's
    ``malloc_trim``; nothing where the C library has none). The parser frees its working memory
    after each batch, but the allocator keeps it: a long build's resident size grew with what
    extraction had once used (33 kB an article) rather than what it keeps (8 kB)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to load the caller's components: the spaCy model and the fingerprint
    its own must match."""

    model: str
    fingerprint: str

    @classmethod
    def of(cls, components: Components) -> WorkerSpec:
        if components.model is None:
            raise GraphError(
                "these components were not made by Components.load(model), so workers cannot load "
                "the same; allowed: jobs=1 and no scheduler for hand-made components"
            )
        return cls(components.model, components.fingerprint())


#: A worker process's components by model name, loaded on its first chunk and kept for the next
#: ones (a worker is a process of its own: this is its state, never the caller's).
_LOADED: dict[str, Components] = {}
#: One extraction at a time per process: spaCy's pipeline is not made for threads (a Dask worker
#: may run several), and the GIL would run them one at a time anyway.
_LOCK = threading.Lock()


def extract_in_worker(
    spec: WorkerSpec, articles: Sequence[Article], batch_size: int = 16
) -> PackedExtractions:
    """:func:`extract_chunk` in a worker, with the components of ``spec`` (loaded once per process),
    packed (graph.packed: what the caller holds until it reaches them is small, and unpacking is
    quicker than unpickling the records); raises GraphError when this worker's pipeline is not
    the caller's."""
    from graph.pipeline import Components

    with _LOCK:
        components = _LOADED.get(spec.model)
        if components is None:
            components = _LOADED[spec.model] = Components.load(spec.model)
        if components.fingerprint() != spec.fingerprint:
            raise GraphError(
                f"worker pipeline {components.fingerprint()} is not the caller's {spec.fingerprint}: "
                "the workers must run the same version of the code, data and spaCy model"
            )
        return PackedExtractions(extract_chunk(articles, components, batch_size=batch_size))


def chunked(articles: Sequence[Article], workers: int) -> list[list[Article]]:
    """``articles`` in order, cut into about :data:`CHUNKS_PER_WORKER` chunks per worker of at
    most :data:`MAX_CHUNK` articles."""
    size = max(1, min(MAX_CHUNK, math.ceil(len(articles) / (max(1, workers) * CHUNKS_PER_WORKER))))
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


class PoolExtractor:
    """``__call__(articles)`` → their extractions in input order, made by this process and
    ``jobs - 1`` worker processes (started with "spawn": nothing of the caller's state is copied).

    This process takes chunks from the front, the workers from the back, one chunk each at a
    time (handed out between two articles here, so a worker waits at most one article for its
    next); a worker needs a few seconds to load its components, and while none has finished a
    chunk this process does their chunks itself rather than wait (a small input never waits
    for a worker). Records do not depend on who made them, so the output is the same.
    ``help_starting=False`` always waits for the workers (to test what they make).
    """

    def __init__(
        self, components: Components, jobs: int, *, batch_size: int = 16, help_starting: bool = True
    ) -> None:
        if jobs < 1:
            raise ValueError(f"jobs={jobs}: allowed is a number of processes, at least 1")
        self.components, self.jobs, self.batch_size = components, jobs, batch_size
        self.help_starting = help_starting

    def __call__(self, articles: Sequence[Article]) -> Iterator[ArticleExtraction]:
        import multiprocessing

        chunks = chunked(articles, self.jobs)
        workers = min(self.jobs - 1, len(chunks) - 1)
        if workers < 1:
            for chunk in chunks:
                yield from extract_chunk(chunk, self.components, batch_size=self.batch_size)
            return
        spec = WorkerSpec.of(self.components)
        pool = multiprocessing.get_context("spawn").Pool(workers)
        given: dict[int, Any] = {}  # chunk index -> the worker's AsyncResult
        back = len(chunks)  # chunks[back:] are given to the workers

        def feed(front: int) -> None:
            nonlocal back
            while back > front and sum(not r.ready() for r in given.values()) < workers:
                back -= 1
                given[back] = pool.apply_async(extract_in_worker, (spec, chunks[back], self.batch_size))

        try:
            front = 0
            while front < back:
                chunk = chunks[front]
                front += 1
                feed(front)
                for record in extract_chunk(chunk, self.components, batch_size=self.batch_size):
                    yield record
                    feed(front)
            started = not self.help_starting
            for i in range(back, len(chunks)):
                started = started or any(r.ready() for r in given.values())
                if started:  # a worker's records are let go once read
                    yield from given.pop(i).get().drain()
                else:  # no worker is ready yet: quicker done here than waited for
                    yield from extract_chunk(chunks[i], self.components, batch_size=self.batch_size)
        finally:
            pool.terminate()
            pool.join()


class DaskExtractor:
    """``__call__(articles)`` → their extractions in input order, made by the workers of the Dask
    cluster whose scheduler is at ``scheduler`` (``tcp://HOST:PORT``). Needs the optional extra
    ``dask`` (Dask's ``distributed``) here and on the workers, with this project installed. How long
    to try to connect is Dask's setting ``distributed.comm.timeouts.connect`` (30 s by default)."""

    def __init__(self, spec: WorkerSpec, scheduler: str, *, batch_size: int = 16) -> None:
        self.spec, self.scheduler, self.batch_size = spec, scheduler, batch_size

    def __call__(self, articles: Sequence[Article]) -> Iterator[ArticleExtraction]:
        try:
            from distributed import Client
        except ImportError:
            raise GraphError(
                f"--scheduler {self.scheduler}: Dask's distributed is not installed; "
                "install the optional extra: pip install 'evkg[dask]'"
            ) from None
        try:
            client = Client(self.scheduler, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise GraphError(f"--scheduler {self.scheduler}: no Dask scheduler reached ({exc})") from None
        try:
            workers = len(client.scheduler_info().get("workers", {})) or 1
            chunks = chunked(articles, workers)
            futures = client.map(
                extract_in_worker,
                [self.spec] * len(chunks),
                chunks,
                batch_size=self.batch_size,
                pure=False,  # two equal chunks are still two pieces of the output
            )
            for future in futures:
                yield from future.result().drain()
        finally:
            client.close()
