"""Making a build folder's SPARQL store (``DIR/store``, see graph.store) in bounded memory.

Oxigraph's bulk loader holds what it is given until it writes it out: a whole ``graph.trig`` of
1.5 million quads took 1.3 GB beside the build. :class:`StoreLoader` hands it N-Quads in pieces
of :data:`PIECE` bytes instead (about 260 MB for the same quads in 32 MB pieces, in the same
time), on a thread of its own: Oxigraph loads without Python's lock, so a build loads its store
while it writes its files and pages (graph.pipeline hands over graph.trig's quads as they are
written).

``DIR/store`` is a symbolic link to a ``.store-*`` folder: a new store is loaded beside the old
one and the link replaced in one atomic rename (:func:`publish_store`), so a reader always opens
a whole store. The store it replaces is kept until the next rebuild, since a running server may
still be reading it.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from graph.errors import OutputError

STORE = "store"
SOURCE = "graph.trig"
#: Where a built store records which ``graph.trig`` it was loaded from.
STAMP = "source.json"
#: Bytes of N-Quads per bulk load: Oxigraph's memory while loading grows with it. 8 MB, not 32:
#: the load runs beside the build's own peak (its pages), and 32 MB pieces put ~150 MB on it
#: (3,000 bench articles' steps across articles: peak 676 -> 529 MB), with no longer wait.
PIECE = 8 * 2**20
#: Quads per piece when a store is loaded from a TriG file (:func:`build_store`).
_QUADS_PER_PIECE = 100_000


def fingerprint(source: Path) -> dict[str, int]:
    stat = source.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def store_is_current(graph_dir: str | Path) -> bool:
    """Whether ``DIR/store`` exists and was loaded from the present ``DIR/graph.trig``."""
    folder = Path(graph_dir)
    try:
        stamp = json.loads((folder / STORE / STAMP).read_text(encoding="utf-8"))
        return stamp == fingerprint(folder / SOURCE)
    except (OSError, ValueError):
        return False


class StoreLoader:
    """A new store in ``DIR/.store-*``, loaded on its own thread from the N-Quads pieces given to
    :meth:`add` (each whole lines); :meth:`finish` returns its folder once everything is in, for
    :func:`publish_store`. Nothing reads it before. :meth:`discard` removes it.

    Pieces are appended to a spool file the thread reads :data:`PIECE` bytes at a time, so the
    caller never waits for the loader (Oxigraph loads slower than a build writes) and memory does
    not grow with what the loader has yet to read.
    """

    def __init__(self, graph_dir: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=".store-", dir=graph_dir))
        self._spool_path = self.folder / "spool.nq"
        self._spool = open(self._spool_path, "wb")  # closed by finish() or discard()
        self._written = 0
        self._closed = False  # no more pieces: finish() or discard() was called
        self._stop = False  # discard(): load no further
        self._ready = threading.Condition()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="evkg-store-load", daemon=True)
        self._thread.start()

    def _next(self, spool: io.BufferedReader, read: int) -> bytes | None:
        """The next bytes to load (up to :data:`PIECE`, once there are that many or no more will
        come), or None when everything is read or loading stops."""
        with self._ready:
            self._ready.wait_for(lambda: self._stop or self._closed or self._written - read >= PIECE)
            if self._stop or self._written == read:
                return None
            ready = min(self._written - read, PIECE)
        return spool.read(ready)

    def _load(self) -> None:
        import pyoxigraph as ox

        try:
            store = ox.Store(str(self.folder / "db"))
            with open(self._spool_path, "rb") as spool:
                read, rest = 0, b""
                while (data := self._next(spool, read)) is not None:
                    read += len(data)
                    data = rest + data
                    cut = data.rfind(b"\n") + 1  # whole lines to the loader; the rest waits
                    if cut:
                        store.bulk_load(data[:cut], format=ox.RdfFormat.N_QUADS)
                    rest = data[cut:]
            if rest and not self._stop:  # a last line without its newline
                store.bulk_load(rest, format=ox.RdfFormat.N_QUADS)
            if not self._stop:
                store.optimize()  # compacts the bulk loads' files: queries on 1M triples ~25% faster
            del store  # closes the database before readers open it
        except BaseException as exc:  # handed to the caller by add() or finish()
            self._error = exc

    def add(self, piece: bytes) -> None:
        """Load the N-Quads lines ``piece`` (later, on the loader's thread)."""
        if self._error is not None:
            raise self._error
        self._spool.write(piece)
        self._spool.flush()  # the loader reads the file, not this buffer
        with self._ready:
            self._written += len(piece)
            self._ready.notify()

    def _close(self, *, stop: bool) -> None:
        with self._ready:
            self._closed = True
            self._stop = self._stop or stop
            self._ready.notify()
        self._spool.close()
        self._thread.join()

    def finish(self) -> Path:
        """Wait until everything added is loaded; the store's folder."""
        self._close(stop=False)
        self._spool_path.unlink(missing_ok=True)
        if self._error is not None:
            self.discard()
            raise self._error
        return self.folder

    def discard(self) -> None:
        """Stop loading and remove the store."""
        self._close(stop=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def build_store(graph_dir: str | Path) -> Path:
    """Load ``DIR/graph.trig`` into a new Oxigraph store and make it ``DIR/store``; returns that path.

    The new store is loaded into ``DIR/.store-*`` and ``DIR/store`` (a symbolic link) is
    replaced by an atomic rename; older stores but the one just replaced are removed.
    """
    import pyoxigraph as ox

    folder = Path(graph_dir)
    source = folder / SOURCE
    if not source.is_file():
        raise OutputError(f"{folder}: no {SOURCE} here; run `evkg build INPUT --out {folder}` first")
    loader = StoreLoader(folder)
    try:
        for piece in _pieces(ox.parse(path=str(source), format=ox.RdfFormat.TRIG)):
            loader.add(piece)
        new = loader.finish()
    except SyntaxError as exc:
        loader.discard()
        raise OutputError(f"{source}: not valid TriG ({exc}); rebuild the folder") from None
    except BaseException:
        loader.discard()
        raise
    return publish_store(folder, new)


def _pieces(quads: Iterable[object]) -> Iterable[bytes]:
    import pyoxigraph as ox

    batch: list[object] = []
    for quad in quads:
        batch.append(quad)
        if len(batch) == _QUADS_PER_PIECE:
            yield ox.serialize(batch, format=ox.RdfFormat.N_QUADS)
            batch = []
    if batch:
        yield ox.serialize(batch, format=ox.RdfFormat.N_QUADS)


def publish_store(graph_dir: Path, new: Path) -> Path:
    """Make the loaded store ``new`` (loaded from what is now ``DIR/graph.trig``) ``DIR/store``
    by an atomic rename; older stores but the one replaced are removed. Returns ``DIR/store``."""
    folder = Path(graph_dir)
    try:
        (new / STAMP).write_text(json.dumps(fingerprint(folder / SOURCE)), encoding="utf-8")
        link, current = folder / f".{new.name}.link", folder / STORE
        previous = current.resolve() if current.is_symlink() else None
        os.symlink(new.name, link)
        if current.exists() and not current.is_symlink():
            shutil.rmtree(current)  # a store from before links were used
        os.replace(link, current)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    for old in folder.glob(".store-*"):
        if old.is_dir() and old not in (new, previous):
            shutil.rmtree(old, ignore_errors=True)
    return current
