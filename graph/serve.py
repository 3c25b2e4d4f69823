"""A SPARQL 1.1 Protocol endpoint over a build folder's embedded store (standard library HTTP).

``GET /sparql?query=...``, ``POST /sparql`` with a form (``query=``) or an
``application/sparql-query`` body. Answers are negotiated from the ``Accept`` header (or a
``format=`` parameter): SPARQL results JSON (the default), XML, CSV or TSV for SELECT and ASK;
N-Triples (the default), Turtle, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE. Every answer
carries ``Access-Control-Allow-Origin: *`` so a YASGUI page in a browser can query it.

Read-only by default: updates (``update=``, ``application/sparql-update``, or an update sent as
a query) get 403. A bad query gets 400 with the message; a query over its time limit 503.
"""

from __future__ import annotations

import re
import sys
import threading
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph.errors import QueryError
from graph.store import EmbeddedStore

__all__ = ["SparqlServer", "make_server", "serve", "preferred_types"]

PATHS = ("/sparql", "/query")
DEFAULT_TIMEOUT = 30.0
#: The largest request body read (a query or an update, never data).
MAX_BODY = 10 * 1024 * 1024
#: ``format=`` short names, as several SPARQL endpoints accept them.
SHORT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
}
# What a request is, once comments and the prologue (BASE, PREFIX) are skipped.
_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*\n?|BASE\s*<[^>]*>|PREFIX\s+[A-Za-z0-9_.-]*:\s*<[^>]*>)*", re.IGNORECASE
)
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request rather than a query (by its first keyword)."""
    start = _PROLOGUE.match(text)
    return bool(_UPDATE.match(text, start.end() if start else 0))


def preferred_types(accept: str | None) -> list[str]:
    """The media types of an ``Accept`` header, most wanted first (``q=0`` ones dropped)."""
    ranked = []
    for position, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    q = float(field[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


class SparqlServer(ThreadingHTTPServer):
    """A threaded HTTP server answering SPARQL over one :class:`~graph.store.EmbeddedStore`."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        store: EmbeddedStore,
        *,
        read_only: bool = True,
        timeout: float | None = DEFAULT_TIMEOUT,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.read_only = read_only
        self.query_timeout = timeout
        self.log = log
        super().__init__(address, SparqlHandler)

    @property
    def url(self) -> str:
        """The endpoint's address (``http://HOST:PORT/sparql``)."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


class SparqlHandler(BaseHTTPRequestHandler):
    """One request: parse it per the SPARQL 1.1 Protocol, answer or refuse it."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "evkg-sparql"

    def log_message(self, format: str, *args: object) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _reply(self, status: int, body: bytes, media_type: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._reply(status, (message + "\n").encode("utf-8"))

    def do_OPTIONS(self) -> None:  # a browser's CORS preflight
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path not in PATHS:
            return self._not_found(url.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._error(HTTPStatus.METHOD_NOT_ALLOWED, "updates must be sent with POST")
        if "query" not in params:
            return self._reply(HTTPStatus.OK, self._help())
        self._answer(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path not in PATHS:
            return self._not_found(url.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/sparql-update":
            params["update"] = [body]
        elif media == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            return self._error(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"Content-Type {media or 'none'!r} is not a SPARQL request; send "
                "application/sparql-query, application/sparql-update or application/x-www-form-urlencoded",
            )
        if "update" in params:
            return self._update(params["update"][0])
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._error(HTTPStatus.BAD_REQUEST, "send exactly one non-empty query= parameter")
        text = queries[0]
        if is_update(text):
            return self._update(text)
        wanted = [SHORT_FORMATS.get(f, f) for f in params.get("format", [])]
        wanted += preferred_types(self.headers.get("Accept"))
        try:
            body, media = self.server.store.serialize(text, wanted, timeout=self.server.query_timeout)
        except QueryError as exc:
            status = HTTPStatus.SERVICE_UNAVAILABLE if "timed out" in str(exc) else HTTPStatus.BAD_REQUEST
            return self._error(status, str(exc))
        charset = (
            "; charset=utf-8" if "charset" not in media and ("json" in media or "text/" in media) else ""
        )
        self._reply(HTTPStatus.OK, body, media + charset)

    def _update(self, text: str) -> None:
        if self.server.read_only:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        try:
            self.server.store.update(text)
        except QueryError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        self._reply(HTTPStatus.NO_CONTENT, b"")

    def _not_found(self, path: str) -> None:
        self._error(HTTPStatus.NOT_FOUND, f"{path}: no such resource; the SPARQL endpoint is {PATHS[0]}")

    def _help(self) -> bytes:
        mode = "read-only" if self.server.read_only else "read-write"
        return (
            f"SPARQL 1.1 endpoint ({mode}) over {self.server.store.graph_dir}\n"
            f"Query with GET {PATHS[0]}?query=... or POST {PATHS[0]} (application/sparql-query).\n"
        ).encode()


def make_server(
    graph_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    read_only: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    log: Callable[[str], None] | None = None,
) -> SparqlServer:
    """A bound (not yet serving) endpoint over ``graph_dir``'s store; ``port=0`` picks a free port
    (see ``server.url``). ``timeout`` is each query's limit in seconds."""
    store = EmbeddedStore(graph_dir, writable=not read_only)
    return SparqlServer((host, port), store, read_only=read_only, timeout=timeout, log=log)


def serve(
    graph_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    read_only: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``graph_dir`` until interrupted; ``ready`` is called with the endpoint URL once it
    listens (default: print it)."""
    server = make_server(graph_dir, host, port, read_only=read_only, timeout=timeout)
    (ready or (lambda url: print(f"SPARQL endpoint: {url}", file=sys.stderr, flush=True)))(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Start ``server`` in a daemon thread (for tests and notebooks); stop it with ``server.shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, name="evkg-sparql", daemon=True)
    thread.start()
    return thread
