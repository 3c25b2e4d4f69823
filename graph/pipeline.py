"""The whole build, as one library call the CLI and notebooks share.

read → parse → extract → resolve entities → merge → RDF → write (atomically). Each stage
is built once in :class:`Components` and handed in, so a test or a notebook can swap one.

Extraction is per article (:func:`extract_articles`), each article's record depending on that
article alone, so it may run on worker processes or a Dask cluster (graph.parallel); everything
across articles (near-duplicates, entity folding, merging) is graph.combine, which a build feeds
one record at a time from the records it held packed (graph.packed). A build keeps each
article's extraction in its folder (graph.cache), so :func:`add` parses only new articles and then
combines them all again: adding B to a build of A gives the graph a build of A then B gives.
The outputs are written by graph.publish.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from graph.cache import ArticleExtraction
from graph.combine import acting_for, canonicalise, combine  # noqa: F401 (re-exported)
from graph.components import Components
from graph.occurrences import NameOccurrences
from graph.packed import PackedExtractions
from graph.publish import OUTPUTS  # noqa: F401 (re-exported: the files a build writes)
from graph.records import Article, Entity, EntityKind, Event, Problem

if TYPE_CHECKING:
    from graph.cache import BuildCache, CacheRecord
    from graph.combine import Combiner
    from graph.rdf import Quads


@dataclass(frozen=True)
class Extraction:
    """What the extraction stages made of a set of articles."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    entities: dict[str, Entity]
    problems: tuple[Problem, ...] = ()
    #: ``(copy id, original id)`` for each near-duplicate article (see graph.duplicates).
    copies: tuple[tuple[str, str], ...] = ()
    #: Every place an article names an entity (the provenance of actors and places).
    occurrences: NameOccurrences = field(default_factory=NameOccurrences)


@dataclass(frozen=True)
class BuildResult:
    """Summary of one build."""

    out_dir: Path
    articles: int
    events: int
    actors: int
    places: int
    triples: int
    seconds: float
    problems: tuple[Problem, ...] = field(default=())
    #: Ids of the articles this run extracted, replaced (same id, new content) and left as cached.
    extracted: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    #: ``(copy id, original id)`` for each near-duplicate article.
    copies: tuple[tuple[str, str], ...] = ()

    @property
    def skipped(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.skipped)

    def summary(self) -> str:
        return (
            f"{self.articles} articles, {self.events} events, {self.actors} actors, "
            f"{self.places} places, {self.triples} triples in {self.seconds:.1f} s → {self.out_dir}"
            + (f" ({len(self.skipped)} inputs skipped)" if self.skipped else "")
            + (f"; {len(self.copies)} near-duplicates linked" if self.copies else "")
        )


def read(inputs: Iterable[str | Path]) -> tuple[list[Article], list[Problem]]:
    """The articles of ``inputs`` (files or folders), and the problems met reading them."""
    from graph.read import ArticleReader

    articles: list[Article] = []
    problems: list[Problem] = []
    for record in ArticleReader()(inputs):
        (articles if isinstance(record, Article) else problems).append(record)
    return articles, problems


def extract_articles(
    articles: Sequence[Article],
    components: Components,
    *,
    progress: Callable[[Iterable], Iterable] | None = None,
    batch_size: int = 16,
    jobs: int = 1,
    scheduler: str | None = None,
) -> list[ArticleExtraction]:
    """Parse and extract each article on its own, in input order; nothing across articles happens
    here, and an article's record depends on that article alone (see graph.parallel).

    ``jobs`` > 1 extracts on that many local worker processes, ``scheduler`` (``tcp://HOST:PORT``)
    on a Dask cluster; either gives the records one process gives. Workers load the components
    with ``Components.load(components.model)``.
    """
    items = _extracting(articles, components, batch_size=batch_size, jobs=jobs, scheduler=scheduler)
    return list(progress(items) if progress is not None else items)


def extract_packed(
    articles: Sequence[Article],
    components: Components,
    *,
    progress: Callable[[Iterable], Iterable] | None = None,
    batch_size: int = 16,
    jobs: int = 1,
    scheduler: str | None = None,
) -> PackedExtractions:
    """:func:`extract_articles`, each record packed as it is made (graph.packed): how a build
    holds them until the steps across articles."""
    items = _extracting(articles, components, batch_size=batch_size, jobs=jobs, scheduler=scheduler)
    return PackedExtractions(progress(items) if progress is not None else items)


def _extracting(
    articles: Sequence[Article], components: Components, *, batch_size: int, jobs: int, scheduler: str | None
) -> Iterable[ArticleExtraction]:
    from graph.parallel import DaskExtractor, PoolExtractor, WorkerSpec, extract_chunk

    if jobs < 1:
        raise ValueError(f"jobs={jobs}: allowed is a number of processes, at least 1")
    if scheduler is not None:
        return DaskExtractor(WorkerSpec.of(components), scheduler, batch_size=batch_size)(articles)
    if jobs > 1:
        return PoolExtractor(components, jobs, batch_size=batch_size)(articles)
    return extract_chunk(articles, components, batch_size=batch_size)


def extract(
    inputs: Iterable[str | Path],
    components: Components,
    *,
    progress: Callable[[Iterable], Iterable] | None = None,
    batch_size: int = 16,
) -> Extraction:
    """Read, parse, extract, resolve and merge ``inputs``; no file is written."""
    articles, problems = read(inputs)
    extractions = extract_articles(articles, components, progress=progress, batch_size=batch_size)
    return combine(extractions, components, problems)


def to_rdf(extraction: Extraction, components: Components) -> Quads:
    """The build's RDF (see graph.rdf): the merged graph and one graph per article."""
    from graph.rdf import GraphBuilder

    builder = GraphBuilder.from_ontology(components.ontology_dir)
    x = extraction
    return builder(x.articles, x.events, x.entities, x.occurrences, x.copies)


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    components: Components | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
) -> BuildResult:
    """Build ``inputs`` (files or folders) into ``out_dir``; see :data:`OUTPUTS`. The build
    cache (``out_dir/.evkg``, see graph.cache) is written afresh, for :func:`add`. ``jobs`` and
    ``scheduler``: where articles are extracted (see :func:`extract_articles`); same outputs."""
    start = time.perf_counter()
    components = components or Components.load()
    articles, problems = read(inputs)
    extracted = tuple(a.id for a in articles)
    extractions = extract_packed(articles, components, progress=progress, jobs=jobs, scheduler=scheduler)
    del articles  # held by the extractions
    result = _publish(extractions, components, Path(out_dir), problems, start)
    return replace(result, extracted=extracted)


def add(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    components: Components | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
) -> BuildResult:
    """Add the articles of ``inputs`` to the build in ``out_dir``: the outputs become those of
    one build of the cached articles followed by the new ones.

    An article already cached with the same content is skipped; one with the same id and new
    content replaces it (``BuildResult.replaced``); ``jobs`` and ``scheduler`` as for
    :func:`build`. Raises CacheError when ``out_dir`` has no usable build cache. Nothing is
    replaced until everything is computed.
    """
    from graph.cache import BuildCache, content_hash

    start = time.perf_counter()
    BuildCache(out_dir).manifest()  # fail before loading the model when there is no build
    components = components or Components.load()
    cached = BuildCache(out_dir, components.fingerprint()).load()
    hashes = {x.article.id: content_hash(x.article) for x in cached}
    articles, problems = read(inputs)
    new = [a for a in articles if hashes.get(a.id) != content_hash(a)]
    replaced = {a.id for a in new if a.id in hashes}
    kept = PackedExtractions(x for x in cached if x.article.id not in replaced)
    del cached
    fresh = extract_packed(new, components, progress=progress, jobs=jobs, scheduler=scheduler)
    result = _publish(kept + fresh, components, Path(out_dir), problems, start)
    return replace(
        result,
        extracted=tuple(a.id for a in new if a.id not in replaced),
        replaced=tuple(sorted(replaced)),
        unchanged=tuple(a.id for a in articles if a not in new),
    )


def _publish(
    extractions: PackedExtractions,
    components: Components,
    out_dir: Path,
    problems: Sequence[Problem],
    start: float,
) -> BuildResult:
    """The cross-article steps, then every output and the cache, written so that an
    interruption leaves the previous ones whole (cache files, outputs, cache manifest last).
    ``extractions`` is used up (drained): each record is encoded for the cache
    (graph.cache.BuildCache.encode) and taken in by the steps across articles as it is unpacked,
    then let go, so a large build never holds them all as objects."""
    from graph.cache import BuildCache, SpooledRecords
    from graph.combine import Combiner
    from graph.parallel import release_memory
    from graph.publish import write_outputs

    cache = BuildCache(out_dir, components.fingerprint())
    combiner = Combiner(components, extractions.articles)
    # The records are the cache's (their files are written while the store loads): the build
    # goes on without them, its events holding the canonical copies of their mentions.
    records = SpooledRecords(out_dir)
    for x in extractions.drain():
        records.append(_taken_in(x, combiner, cache))
    # Between the steps across articles, the heap pages one step's working lists took go back
    # to the system, so the next step's peak does not stack on them (graph.parallel).
    release_memory()
    extraction = combiner.finish(problems)
    del combiner
    release_memory()
    used = {k for e in extraction.events for m in e.mentions for k in (*m.agents, *m.patients, *m.recipients)}
    placed = {k for e in extraction.events for k in e.places}
    ents = extraction.entities
    result = BuildResult(
        out_dir=out_dir,
        articles=len(extraction.articles),
        events=len(extraction.events),
        actors=sum(1 for k in used if k in ents and ents[k].kind is not EntityKind.PLACE),
        places=sum(1 for k in placed if k in ents),
        triples=0,
        seconds=0.0,
        problems=extraction.problems,
        copies=extraction.copies,
    )
    quads = to_rdf(extraction, components)
    # The merged events live on in ``quads`` only until their graphs are written (write_outputs).
    del extraction, used, placed, ents
    release_memory()
    try:
        triples = write_outputs(quads, out_dir, meanwhile=lambda: cache.stage(records))
        cache.commit()
    except BaseException:
        cache.discard()
        raise
    finally:
        records.close()
    return replace(result, triples=triples, seconds=time.perf_counter() - start)


def _taken_in(x: ArticleExtraction, combiner: Combiner, cache: BuildCache) -> CacheRecord:
    """``x`` encoded for the cache, once ``combiner`` has taken it in."""
    combiner.add(x)
    return cache.encode([x])[0]
