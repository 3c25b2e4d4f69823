"""Writing a build's outputs into its folder so that an interruption leaves the previous ones
whole: the RDF files, the pages and the SPARQL store (graph.pipeline makes what they are written
from; graph.store_build loads the store).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import OutputError

if TYPE_CHECKING:
    from graph.rdf import Quads
    from graph.store_build import StoreLoader

__all__ = ["OUTPUTS", "wait_for_store", "write_outputs"]

#: Files a build writes into its output folder.
OUTPUTS = ("graph.ttl", "graph.trig", "timeline.html", "network.html", "explorer.html")


def write_outputs(quads: Quads, out_dir: Path, *, meanwhile: Callable[[], None] | None = None) -> int:
    """Write every output into ``out_dir`` and load its SPARQL store (graph.store); returns the
    merged graph's triple count. ``meanwhile`` (the build cache's files) runs while the store loads,
    after the RDF files and before the pages, so that what it writes from is let go before the
    pages are drawn. ``quads`` is used up: its merged graph is taken out
    (graph.rdf_write.sorted_merged) and its article graphs are dropped once written.

    Files are written into a temporary folder beside ``out_dir`` and moved in one by one
    with atomic renames, so an interrupted build leaves the previous files whole. What a killed
    build left half-written (its temporary folder, files not yet renamed) is removed first. The
    store is loaded on a thread from graph.trig's quads as they are written, and while the pages
    are (graph.store_build), and replaces the previous store once the files are in place.
    """
    from graph.export.views import write_views
    from graph.parallel import release_memory
    from graph.rdf_index import SortedTriples
    from graph.rdf_write import sorted_merged, write_rdf
    from graph.store_build import StoreLoader, publish_store

    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from exc
    for stale in [*out_dir.glob(".build-*"), *out_dir.glob(".*.new")]:
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out_dir) as tmp:
        staging = Path(tmp)
        loader = StoreLoader(out_dir)
        try:
            # The merged graph leaves ``quads`` sorted and compressed: the files are written from
            # those blocks and the views read them by binary search, with no index beside them.
            merged = sorted_merged(quads)
            release_memory()
            triples = write_rdf(
                quads, staging / "graph.ttl", staging / "graph.trig", also=loader.add, merged=merged
            )
            quads.made.clear()  # the article graphs are written: what they were made from can go
            if meanwhile is not None:
                meanwhile()
            release_memory()
            write_views(SortedTriples(merged), staging)
            del merged
            release_memory()
            store = wait_for_store(loader)
        except BaseException:
            loader.discard()
            raise
        try:
            for name in OUTPUTS:
                shutil.move(str(staging / name), str(out_dir / f".{name}.new"))
            for name in OUTPUTS:
                (out_dir / f".{name}.new").replace(out_dir / name)
        except BaseException:
            shutil.rmtree(store, ignore_errors=True)
            raise
    publish_store(out_dir, store)
    return triples


def wait_for_store(loader: StoreLoader) -> Path:
    """The store ``loader`` makes, once it is loaded (a function of its own, for timing)."""
    return loader.finish()
