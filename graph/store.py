"""Where SPARQL runs: an embedded Oxigraph store in the build folder, rdflib in memory, or a remote endpoint.

Every store answers :meth:`Store.query` with a :class:`QueryResult` of rdflib terms, so callers
format and compare answers the same way whatever ran them.

The embedded store (:class:`EmbeddedStore`) is ``DIR/store``, loaded from ``DIR/graph.trig``
(graph.store_build): every named graph of the build (one per article, and ``id/graph/merged``).
Its queries see the merged graph as their default graph, so an answer is the one ``graph.ttl``
gives, and the per-article graphs are there for ``GRAPH`` patterns. (The union of all graphs would
not do: the article graphs hold per-article triples the merged graph replaces.)

``DIR/store`` is a symbolic link to a ``.store-*`` folder replaced in one atomic rename, so a
reader always opens a whole store (see graph.store_build).
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import QueryError
from graph.store_build import STORE, build_store, store_is_current

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "EmbeddedStore",
    "MemoryStore",
    "QueryResult",
    "Store",
    "build_store",
    "call_with_timeout",
    "open_store",
    "store_is_current",
    "syntax_error",
]

_XSD_STRING = str(XSD.string)
_ERROR_AT = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
T = TypeVar("T")


@dataclass(frozen=True)
class QueryResult:
    """An answer: the variables and rows of a SELECT (or a CONSTRUCT's subject/predicate/object
    rows), or the ``boolean`` of an ASK. Cells are rdflib terms; ``None`` is an unbound cell."""

    vars: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_sparql_json(self) -> dict:
        """The answer as SPARQL 1.1 Query Results JSON."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        bindings = [
            {name: _json_term(cell) for name, cell in zip(self.vars, row, strict=True) if cell is not None}
            for row in self.rows
        ]
        return {"head": {"vars": list(self.vars)}, "results": {"bindings": bindings}}


class Store(Protocol):
    """Anything that answers SPARQL: embedded, in memory or remote."""

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        """Run ``text``; QueryError on a bad query (with line and column when known) or after
        ``timeout`` seconds."""
        ...


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def syntax_error(message: str, shift: int = 0) -> QueryError:
    """A QueryError for an engine's syntax error, naming line and column when the message has them
    (Oxigraph and its server say ``error at LINE:COLUMN: ...``); ``shift`` is the number of
    characters put before the user's first line, taken off a line-1 column."""
    match = _ERROR_AT.search(message)
    if match:
        line, column, rest = int(match.group(1)), int(match.group(2)), match.group(3)
        if line == 1:
            column = max(1, column - shift)
        return QueryError(f"SPARQL syntax error at line {line}, column {column}: {rest.strip()}")
    return QueryError(f"SPARQL syntax error: {message.strip()}")


class _Cancelled(BaseException):
    """Raised inside a query's worker thread when its time is up, so the thread stops there."""


#: How often, and how far apart in seconds, a query's thread is told again to stop
#: (:func:`_cancel`): for up to a minute, then it is left to end its step.
CANCEL_TRIES, CANCEL_EVERY = 600, 0.1


def call_with_timeout(work: Callable[[], T], timeout: float | None) -> T:
    """``work()``, or QueryError("... timed out after N s") once ``timeout`` seconds have passed.

    ``work`` runs in a daemon thread. When time is up the caller gets control back at once and
    the thread is sent an asynchronous :class:`_Cancelled` (:func:`_cancel`): Python code
    (rdflib's engine, the loop reading Oxigraph's solutions) stops at its next bytecode; a
    native Oxigraph step that computes everything before its first row (ORDER BY, GROUP BY)
    finishes that step first, without the GIL, and then stops.
    """
    if timeout is None:
        return work()
    if timeout <= 0:
        raise QueryError(f"timeout must be a positive number of seconds, not {timeout}")
    box: dict[str, object] = {}
    stopped = threading.Event()

    def target() -> None:
        try:
            try:
                box["value"] = work()
            except _Cancelled:
                stopped.set()
            except BaseException as exc:  # handed to the caller's thread below
                box["error"] = exc
        except _Cancelled:  # told again before the first was seen to arrive
            stopped.set()

    thread = threading.Thread(target=target, name="evkg-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        threading.Thread(target=_cancel, args=(thread, stopped), name="evkg-cancel", daemon=True).start()
        raise QueryError(f"query timed out after {timeout:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _cancel(thread: threading.Thread, stopped: threading.Event) -> None:
    """Send ``thread`` :class:`_Cancelled` until it stops (``stopped`` is set or it ends).

    An asynchronous exception that arrives while the thread runs a ``__del__`` or a garbage
    collector's callback is printed as "ignored" and dropped, and the thread would run on: it is
    sent again, at most :data:`CANCEL_TRIES` times, :data:`CANCEL_EVERY` seconds apart.
    """
    for _ in range(CANCEL_TRIES):
        if stopped.is_set() or not thread.is_alive():
            return
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(_Cancelled))
        if stopped.wait(CANCEL_EVERY):
            return


# --- Oxigraph ---------------------------------------------------------------------------------


def from_oxigraph(term: object) -> Node | None:
    """An Oxigraph term as the equal rdflib term (``xsd:string`` literals become plain ones)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    return Literal(str(term))  # an RDF-star triple term: shown as text


class _TermReader:
    """Turns the Oxigraph terms of one answer into rdflib terms (as :func:`from_oxigraph` does),
    making each IRI and each typed non-string literal once per answer: event types, precisions,
    dates and counts recur down a column, and rdflib's ``Literal`` is the costly part of reading
    an answer. Strings (labels, names) mostly do not recur and are made anew each time."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self._named, self._literal = ox.NamedNode, ox.Literal
        self._made: dict[object, Node] = {}

    def __call__(self, term: Any) -> Node | None:
        if term is None:
            return None
        kind = type(term)
        if kind is self._literal:
            language = term.language
            if language:
                return Literal(term.value, lang=language)
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                return Literal(term.value)
            made = self._made.get(term)
            if made is None:
                made = self._made[term] = Literal(term.value, datatype=URIRef(datatype))
            return made
        if kind is self._named:
            iri = term.value
            made = self._made.get(iri)
            if made is None:
                made = self._made[iri] = URIRef(iri)
            return made
        return from_oxigraph(term)


def collect(answer: object) -> QueryResult:
    """Read an Oxigraph answer (solutions, boolean or triples) into a :class:`QueryResult`."""
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return QueryResult((), (), bool(answer))
    read = _TermReader()
    if isinstance(answer, ox.QuerySolutions):
        names = tuple(v.value for v in answer.variables)
        # A solution iterates its values in the order of ``variables`` (None where unbound),
        # which is much cheaper than looking each one up by name.
        return QueryResult(names, tuple(tuple(map(read, s)) for s in answer))
    rows = tuple((read(t.subject), read(t.predicate), read(t.object)) for t in answer)
    return QueryResult(("subject", "predicate", "object"), rows)


class _Sink:
    """A binary file Oxigraph writes into through a Python ``write``: each call is a point where
    :func:`call_with_timeout` can stop a long serialization."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _prefixes() -> dict[str, str]:
    from graph.namespace import PREFIXES

    return {name: str(iri) for name, iri in PREFIXES.items()}


class EmbeddedStore:
    """The build folder's Oxigraph store (``DIR/store``), opened read-only unless ``writable``.

    A store missing or older than ``DIR/graph.trig`` is (re)built first, so any build folder
    can be queried. Queries see the merged graph as their default graph (see the module doc).
    """

    def __init__(self, graph_dir: str | Path, *, writable: bool = False) -> None:
        import pyoxigraph as ox

        from graph.rdf import MERGED

        self.graph_dir = Path(graph_dir)
        if not store_is_current(self.graph_dir):
            build_store(self.graph_dir)
        path = str((self.graph_dir / STORE / "db").resolve())
        self._store: pyoxigraph.Store = ox.Store(path) if writable else ox.Store.read_only(path)
        self._default = ox.NamedNode(str(MERGED))
        self._prefixes = _prefixes()

    def _run(self, text: str) -> object:
        try:
            return self._store.query(text, prefixes=self._prefixes, default_graph=self._default)
        except SyntaxError as exc:
            raise syntax_error(str(exc)) from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        """Run ``text`` (see :class:`Store`)."""
        return call_with_timeout(lambda: collect(self._run(text)), timeout)

    def serialize(
        self, text: str, accept: Sequence[str] = (), timeout: float | None = None
    ) -> tuple[bytes, str]:
        """Run ``text`` and write its answer in the first media type of ``accept`` that fits it
        (a SPARQL results type for SELECT and ASK, an RDF type for CONSTRUCT and DESCRIBE; if
        none fits, results JSON or N-Triples); returns the bytes and the media type used."""
        import pyoxigraph as ox

        def work() -> tuple[bytes, str]:
            answer = self._run(text)
            sink = _Sink()
            if isinstance(answer, ox.QueryTriples):
                fits = (ox.RdfFormat.from_media_type(m) for m in accept)
                rdf = next((f for f in fits if f is not None), ox.RdfFormat.N_TRIPLES)
                answer.serialize(sink, format=rdf)
                return b"".join(sink.parts), rdf.media_type
            fits = (ox.QueryResultsFormat.from_media_type(m) for m in accept)
            fmt = next((f for f in fits if f is not None), ox.QueryResultsFormat.JSON)
            answer.serialize(sink, format=fmt)
            return b"".join(sink.parts), fmt.media_type

        return call_with_timeout(work, timeout)

    def update(self, text: str) -> None:
        """Run a SPARQL Update (needs ``writable=True``); its default graph is the store's own."""
        try:
            self._store.update(text)
        except SyntaxError as exc:
            raise syntax_error(str(exc)) from None
        except OSError as exc:
            raise QueryError(f"update failed: {exc}") from None

    def __len__(self) -> int:
        return len(self._store)


class MemoryStore:
    """rdflib's engine over an in-memory graph (the reference the other stores are compared with)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        """Run ``text`` (see :class:`Store`)."""
        from graph.query import run_query

        def work() -> QueryResult:
            result = run_query(self.graph, text)
            if result.type == "ASK":
                return QueryResult((), (), bool(result.askAnswer))
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                return QueryResult(("subject", "predicate", "object"), tuple(tuple(t) for t in result))
            names = tuple(str(v) for v in result.vars or ())
            return QueryResult(names, tuple(tuple(row) for row in result))

        return call_with_timeout(work, timeout)


def open_store(location: str | Path) -> Store:
    """A :class:`~graph.remote.RemoteStore` (its query URL) for an ``http(s)://`` URL, else the
    :class:`EmbeddedStore` of the build folder ``location``."""
    if str(location).startswith(("http://", "https://")):
        from graph.remote import RemoteStore

        return RemoteStore(str(location))
    return EmbeddedStore(location)
