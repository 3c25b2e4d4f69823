"""The whole build, as one library call the CLI and notebooks share.

read → parse → extract → resolve entities → merge → RDF → write (atomically). Each stage
is built once in :class:`Components` and handed in, so a test or a notebook can swap one.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import OutputError
from graph.records import Article, Entity, EntityKind, Event, Mention, Problem

if TYPE_CHECKING:
    from rdflib import Dataset
    from spacy.language import Language

    from graph.gazetteer import Gazetteer
    from graph.lexicon import EventLexicon

#: Files a build writes into its output folder.
OUTPUTS = ("graph.ttl", "graph.trig", "timeline.html", "network.html")


@dataclass
class Components:
    """Everything a build uses; load once with :meth:`load`, reuse across builds."""

    nlp: Language
    lexicon: EventLexicon
    gazetteer: Gazetteer
    dates: Callable[..., Any]
    figures: Any
    ontology_dir: Path

    @classmethod
    def load(cls, model: str | None = None) -> Components:
        from graph.figures import FigureExtractor, UnitTable
        from graph.gazetteer import Gazetteer
        from graph.lexicon import EventLexicon, ontology_dir
        from graph.nlp import DEFAULT_MODEL, load_pipeline
        from graph.temporal import DateResolver

        return cls(
            nlp=load_pipeline(model or DEFAULT_MODEL),
            lexicon=EventLexicon.from_ttl(),
            gazetteer=Gazetteer.load(),
            dates=DateResolver(),
            figures=FigureExtractor(UnitTable.from_file()),
            ontology_dir=ontology_dir(),
        )


@dataclass(frozen=True)
class Extraction:
    """What the extraction stages made of a set of articles."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    entities: dict[str, Entity]
    problems: tuple[Problem, ...] = ()


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

    @property
    def skipped(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.skipped)

    def summary(self) -> str:
        return (
            f"{self.articles} articles, {self.events} events, {self.actors} actors, "
            f"{self.places} places, {self.triples} triples in {self.seconds:.1f} s → {self.out_dir}"
            + (f" ({len(self.skipped)} inputs skipped)" if self.skipped else "")
        )


def canonicalise(m: Mention, canon: Callable[[str], str]) -> Mention:
    """The mention with every entity key replaced by its canonical key."""

    def keys(ks: Sequence[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(canon(k) for k in ks))

    return replace(
        m,
        agents=keys(m.agents),
        patients=keys(m.patients),
        recipients=keys(m.recipients),
        places=keys(m.places),
        topic_places=keys(m.topic_places),
        according_to=canon(m.according_to) if m.according_to else None,
        figures=tuple(replace(f, given_by=canon(f.given_by) if f.given_by else None) for f in m.figures),
    )


def extract(
    inputs: Iterable[str | Path],
    components: Components,
    *,
    progress: Callable[[Iterable], Iterable] | None = None,
    batch_size: int = 16,
) -> Extraction:
    """Read, parse, extract, resolve and merge ``inputs``; no file is written."""
    from graph.entities import EntityResolver
    from graph.extract import EventExtractor
    from graph.merge import EventLabeler, EventMerger
    from graph.read import ArticleReader

    articles: list[Article] = []
    problems: list[Problem] = []
    for record in ArticleReader()(inputs):
        (articles if isinstance(record, Article) else problems).append(record)
    resolver = EntityResolver(components.gazetteer)
    extractor = EventExtractor(
        components.lexicon, resolver, components.dates, components.figures, components.gazetteer
    )
    mentions: list[Mention] = []
    docs = components.nlp.pipe((a.text for a in articles), batch_size=batch_size)
    pairs: Iterable = zip(articles, docs, strict=True)
    if progress is not None:
        pairs = progress(pairs)
    for article, doc in pairs:
        mentions.extend(extractor(article, doc))
    mentions = [canonicalise(m, resolver.canonical_key) for m in mentions]
    entities = resolver.entities()
    for key, entity in extractor.added.items():
        entities.setdefault(resolver.canonical_key(key), entity)
    labeler = EventLabeler(entities, components.lexicon.label)
    gaz = components.gazetteer

    def affiliation(key: str) -> str | None:
        code = gaz.country_code(key)
        country = gaz.country(code) if code else None
        return country.key if country is not None and country.key != key else None

    events = EventMerger(entities, labeler, affiliation=affiliation)(mentions)
    return Extraction(tuple(articles), tuple(events), entities, tuple(problems))


def to_dataset(extraction: Extraction, components: Components) -> Dataset:
    from graph.rdf import GraphBuilder

    builder = GraphBuilder.from_ontology(components.ontology_dir)
    return builder(extraction.articles, extraction.events, extraction.entities)


def write_outputs(ds: Dataset, out_dir: Path) -> int:
    """Write every output into ``out_dir``; returns the merged graph's triple count.

    Files are written into a temporary folder beside ``out_dir`` and moved in one by one
    with atomic renames, so an interrupted build leaves the previous files whole.
    """
    from graph.export.network import write_network
    from graph.export.timeline import write_timeline
    from graph.rdf import merged_graph

    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from exc
    merged = merged_graph(ds)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out_dir) as tmp:
        staging = Path(tmp)
        merged.serialize(staging / "graph.ttl", format="turtle")
        ds.serialize(staging / "graph.trig", format="trig")
        write_timeline(merged, staging / "timeline.html")
        write_network(merged, staging / "network.html")
        for name in OUTPUTS:
            shutil.move(str(staging / name), str(out_dir / f".{name}.new"))
        for name in OUTPUTS:
            (out_dir / f".{name}.new").replace(out_dir / name)
    return len(merged)


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    components: Components | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> BuildResult:
    """Build ``inputs`` (files or folders) into ``out_dir``; see :data:`OUTPUTS`."""
    start = time.perf_counter()
    components = components or Components.load()
    extraction = extract(inputs, components, progress=progress)
    ds = to_dataset(extraction, components)
    triples = write_outputs(ds, Path(out_dir))
    used = {k for e in extraction.events for m in e.mentions for k in (*m.agents, *m.patients, *m.recipients)}
    placed = {k for e in extraction.events for k in e.places}
    ents = extraction.entities
    return BuildResult(
        out_dir=Path(out_dir),
        articles=len(extraction.articles),
        events=len(extraction.events),
        actors=sum(1 for k in used if k in ents and ents[k].kind is not EntityKind.PLACE),
        places=sum(1 for k in placed if k in ents),
        triples=triples,
        seconds=time.perf_counter() - start,
        problems=extraction.problems,
    )
