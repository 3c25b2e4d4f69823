"""Timing a build stage by stage from outside (for graph.evaluate.bench_build): a clock of
exclusive time per stage, and the pipeline's functions wrapped to report to it while a context
lasts. graph.pipeline and the modules it calls are not changed.
"""

from __future__ import annotations

import contextlib
import os
import resource
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any


def resident_mb() -> float:
    """The process's resident memory now, in MB (0 where ``/proc`` does not tell)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * resource.getpagesize() / 2**20


def tree_resident_mb(root: int | None = None) -> float:
    """Resident memory of the process ``root`` (this one by default) and of every process under
    it (a build's worker processes), in MB; 0 where ``/proc`` does not tell."""
    root = os.getpid() if root is None else root
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The parent is the second field after the command, which is in parentheses.
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, grew = {root}, True
    while grew:
        new = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= new
        grew = bool(new)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total * resource.getpagesize() / 2**20


class PeakSampler:
    """The most resident memory of this process and its descendants (:func:`tree_resident_mb`),
    sampled every ``interval`` seconds on a thread while the context lasts (``peak_mb``): what a
    build with worker processes holds at once, which no one process's peak tells."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval, self.peak_mb = interval, 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _sample(self) -> None:
        while True:
            self.peak_mb = max(self.peak_mb, tree_resident_mb())
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> PeakSampler:
        self._thread = threading.Thread(target=self._sample, name="peak-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.peak_mb = max(self.peak_mb, tree_resident_mb())


class StageClock:
    """Exclusive time per stage: entering a stage pauses the one it was entered from, so the
    stages of one build add up to (at most) its time. With ``memory``, also the most resident
    memory seen as a stage ends (``rss_mb``): what each stage leaves held, as the build grows."""

    def __init__(self, *, memory: bool = False) -> None:
        self.seconds: dict[str, float] = {}
        self.rss_mb: dict[str, float] = {}
        self._memory = memory
        self._stack: list[list[Any]] = []  # [stage, started]

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        now = time.perf_counter()
        if self._stack:
            outer = self._stack[-1]
            self.seconds[outer[0]] = self.seconds.get(outer[0], 0.0) + now - outer[1]
        self._stack.append([name, now])
        try:
            yield
        finally:
            now = time.perf_counter()
            _, started = self._stack.pop()
            self.seconds[name] = self.seconds.get(name, 0.0) + now - started
            if self._memory:
                self.rss_mb[name] = max(self.rss_mb.get(name, 0.0), resident_mb())
            if self._stack:
                self._stack[-1][1] = now

    def wrap(self, fn: Callable[..., Any], name: str) -> Callable[..., Any]:
        """``fn``, its calls counted to stage ``name``."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return fn(*args, **kwargs)

        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed

    def wrap_iter(self, items: Iterable[Any], name: str) -> Iterator[Any]:
        """``items``, the time taken to produce each one counted to stage ``name``."""
        it = iter(items)
        while True:
            with self.stage(name):
                try:
                    item = next(it)
                except StopIteration:
                    return
            yield item


class _Timed:
    """A stage object whose calls (and ``pipe``, for a spaCy pipeline) are timed; every other
    attribute is the wrapped object's."""

    def __init__(self, inner: Any, clock: StageClock, name: str) -> None:
        self._inner, self._clock, self._name = inner, clock, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with self._clock.stage(self._name):
            return self._inner(*args, **kwargs)

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Any]:
        return self._clock.wrap_iter(self._inner.pipe(texts, **kwargs), self._name)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextlib.contextmanager
def instrumented(components: Any, clock: StageClock) -> Iterator[Any]:
    """The components with their stages timed by ``clock``, and the pipeline's functions
    patched to time theirs, for as long as the context lasts (then put back)."""
    import graph.cache
    import graph.combine
    import graph.entities
    import graph.export.explorer
    import graph.export.network
    import graph.export.timeline
    import graph.export.views
    import graph.merge
    import graph.packed
    import graph.pipeline
    import graph.publish
    import graph.rdf_write
    import graph.store_build

    patches = [
        (graph.pipeline, "read", "read"),
        (graph.pipeline, "extract_articles", "extract"),
        (graph.pipeline, "extract_packed", "extract"),
        (graph.packed.PackedExtractions, "append", "extract"),
        (graph.pipeline, "combine", "merge"),
        (graph.combine.Combiner, "__init__", "merge"),
        (graph.combine.Combiner, "add", "merge"),
        (graph.combine.Combiner, "finish", "merge"),
        (graph.pipeline, "to_rdf", "rdf_build"),
        (graph.publish, "write_outputs", "write_rdf"),
        (graph.rdf_write, "write_rdf", "write_rdf"),
        (graph.entities.EntityResolver, "resolve", "entities"),
        (graph.entities.EntityResolver, "entities", "entities"),
        (graph.entities.EntityResolver, "canonical_key", "entities"),
        (graph.merge.EventMerger, "__call__", "merge"),
        (graph.export.timeline, "write_timeline", "export_views"),
        (graph.export.network, "write_network", "export_views"),
        (graph.export.explorer, "write_explorer", "export_views"),
        (graph.export.views, "write_views", "export_views"),
        (graph.publish, "wait_for_store", "store"),
        (graph.store_build, "publish_store", "store"),
        (graph.cache.BuildCache, "stage", "cache"),
        (graph.cache.BuildCache, "save", "cache"),
        (graph.cache.BuildCache, "commit", "cache"),
        (graph.cache.BuildCache, "encode", "cache"),
    ]
    saved = [(owner, attr, owner.__dict__[attr]) for owner, attr, _ in patches]
    drain = graph.packed.PackedExtractions.drain
    saved.append((graph.packed.PackedExtractions, "drain", drain))
    try:
        for owner, attr, name in patches:
            setattr(owner, attr, clock.wrap(getattr(owner, attr), name))
        # Unpacking the records is part of the steps across articles that read them.
        graph.packed.PackedExtractions.drain = lambda self: clock.wrap_iter(drain(self), "merge")
        yield replace(
            components,
            nlp=_Timed(components.nlp, clock, "parse"),
            dates=_Timed(components.dates, clock, "dates"),
            figures=_Timed(components.figures, clock, "figures"),
        )
    finally:
        for owner, attr, original in saved:
            setattr(owner, attr, original)
