"""A remote SPARQL 1.1 store, spoken to with the standard library only (``urllib``).

Queries use the SPARQL 1.1 Protocol (POST, form-encoded, answers in SPARQL results JSON),
updates the Update protocol, and :meth:`RemoteStore.load_build` the Graph Store HTTP Protocol
(one PUT per named graph) — what Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso and
Amazon Neptune all speak.

:meth:`RemoteStore.load_build` also makes the merged graph the server's default graph, so a
remote query sees what an embedded one sees (the merged graph by default, every article graph
under ``GRAPH``) with no dataset parameters. (Naming the merged graph with the protocol's
``default-graph-uri`` instead would hide the named graphs: a dataset given in a request holds
only the graphs it names.) A server whose default graph is the union of its named graphs
(Neptune, Fuseki with ``unionDefaultGraph``) needs ``default_graph=`` the merged graph's IRI.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from graph.errors import OutputError, QueryError
from graph.store import QueryResult, from_oxigraph, syntax_error

__all__ = ["RemoteStore"]

JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
#: How long to wait for a server when the caller gives no time limit.
DEFAULT_TIMEOUT = 300.0


def _term(cell: dict[str, str]) -> URIRef | BNode | Literal:
    kind = cell.get("type")
    if kind == "uri":
        return URIRef(cell["value"])
    if kind == "bnode":
        return BNode(cell["value"])
    if kind in ("literal", "typed-literal"):
        datatype = cell.get("datatype")
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            datatype = None
        return Literal(
            cell["value"], lang=cell.get("xml:lang"), datatype=URIRef(datatype) if datatype else None
        )
    raise QueryError(
        f"the server sent a result cell of unknown type {kind!r}; expected uri, literal or bnode"
    )


def parse_results(body: bytes) -> QueryResult:
    """SPARQL 1.1 Query Results JSON as a :class:`~graph.store.QueryResult`."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise QueryError(f"the server's answer is not SPARQL results JSON ({exc})") from None
    if "boolean" in data:
        return QueryResult((), (), bool(data["boolean"]))
    names = tuple(data["head"]["vars"])
    rows = tuple(tuple(_term(b[n]) if n in b else None for n in names) for b in data["results"]["bindings"])
    return QueryResult(names, rows)


class RemoteStore:
    """A SPARQL 1.1 endpoint at ``url`` (its query URL).

    ``update_url`` and ``graph_store_url`` default to Oxigraph server's layout when ``url`` ends
    in ``/query`` (``/update``, ``/store``) or is a bare server address; otherwise to ``url``
    itself for updates (Fuseki's dataset URL, Virtuoso's ``/sparql``) and no Graph Store, in
    which case :meth:`load_build` writes with SPARQL Update instead. ``default_graph`` and
    ``named_graphs``, when given, are sent with every query as the protocol's dataset.
    """

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        default_graph: str | None = None,
        named_graphs: tuple[str, ...] = (),
    ) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise QueryError(f"{url!r} is not a SPARQL endpoint URL; expected http(s)://host[:port]/path")
        base = url.rstrip("/")
        if parsed.path in ("", "/"):
            base += "/query"
        self.url = base
        oxigraph = base.endswith("/query")
        self.update_url = update_url or (base[: -len("query")] + "update" if oxigraph else base)
        self.graph_store_url = graph_store_url or (base[: -len("query")] + "store" if oxigraph else None)
        self.default_graph = default_graph
        self.named_graphs = named_graphs

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def _send(
        self, request: urllib.request.Request, timeout: float | None, what: str, shift: int = 0
    ) -> bytes:
        try:
            with urllib.request.urlopen(request, timeout=timeout or DEFAULT_TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()
            if exc.code == 400 and "error at" in detail:
                raise syntax_error(detail, shift) from None
            raise QueryError(
                f"{request.full_url}: the server refused the {what} ({exc.code}): {detail[:500]}"
            ) from None
        except TimeoutError:
            raise QueryError(f"{what} timed out after {timeout or DEFAULT_TIMEOUT:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise QueryError(f"{what} timed out after {timeout or DEFAULT_TIMEOUT:g} s") from None
            raise QueryError(f"{request.full_url}: cannot reach the SPARQL endpoint ({exc.reason})") from None

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        """Run ``text`` on the server (see :class:`~graph.store.Store`); ``timeout`` bounds each
        wait for the server (a server's own limit, such as ``oxigraph serve --timeout-s``, also applies)."""
        from graph.store import _prefixes

        # The project's prefixes go before the query on its first line, so an error's line stays right.
        declared = "".join(f"PREFIX {p}: <{iri}> " for p, iri in _prefixes().items())
        fields = [("query", declared + text)]
        if self.default_graph:
            fields.append(("default-graph-uri", self.default_graph))
        fields += [("named-graph-uri", g) for g in self.named_graphs]
        request = urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": f"{JSON_RESULTS}, {N_TRIPLES};q=0.9",
            },
            method="POST",
        )
        # A server may answer CONSTRUCT in N-Triples: read it with Oxigraph's parser.
        body = self._send(request, timeout, "query", len(declared))
        if body.lstrip()[:1] in (b"{", b""):
            return parse_results(body)
        import pyoxigraph as ox

        triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        rows = tuple(tuple(from_oxigraph(t) for t in (q.subject, q.predicate, q.object)) for q in triples)
        return QueryResult(("subject", "predicate", "object"), rows)

    def update(self, text: str, timeout: float | None = None) -> None:
        """Run a SPARQL Update on the server."""
        request = urllib.request.Request(
            self.update_url,
            data=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
            method="POST",
        )
        self._send(request, timeout, "update")

    def put_graph(
        self, graph: str | None, data: bytes, media_type: str = N_TRIPLES, *, replace: bool = True
    ) -> None:
        """Store ``data`` as the graph ``graph`` (``None``: the default graph) with the Graph Store
        Protocol: PUT replaces the graph, POST (``replace=False``) adds to it."""
        if self.graph_store_url is None:
            raise QueryError(f"{self.url}: no Graph Store URL known; pass graph_store_url")
        target = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
        url = f"{self.graph_store_url}?{target}"
        request = urllib.request.Request(
            url, data=data, headers={"Content-Type": media_type}, method="PUT" if replace else "POST"
        )
        self._send(request, None, "graph upload")

    def load_build(self, graph_dir: str | Path) -> dict[str, int]:
        """Push every named graph of ``DIR/graph.trig`` to the server, each replacing the graph of
        the same name there; returns the triple count per graph IRI.

        Graphs the server holds that the build does not (an article since removed) are left alone.
        """
        import pyoxigraph as ox

        source = Path(graph_dir) / "graph.trig"
        if not source.is_file():
            raise OutputError(
                f"{graph_dir}: no graph.trig here; run `evkg build INPUT --out {graph_dir}` first"
            )
        graphs: dict[str, list[ox.Triple]] = defaultdict(list)
        for quad in ox.parse(path=str(source), format=ox.RdfFormat.TRIG):
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs[quad.graph_name.value].append(quad.triple)
        from graph.rdf import MERGED

        for name in sorted(graphs):
            self._replace_graph(name, graphs[name])
        if str(MERGED) in graphs:
            self._replace_graph(None, graphs[str(MERGED)])
        return {name: len(triples) for name, triples in sorted(graphs.items())}

    def _replace_graph(self, name: str | None, triples: list) -> None:
        """Make the server's graph ``name`` (``None``: its default graph) hold exactly ``triples``."""
        import pyoxigraph as ox

        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        if self.graph_store_url is not None:
            self.put_graph(name, data)
            return
        target = f"GRAPH <{name}>" if name else "DEFAULT"
        body = data.decode("utf-8")
        into = f"GRAPH <{name}> {{\n{body}}}" if name else body
        self.update(f"DROP SILENT {target} ;\nINSERT DATA {{ {into} }}")
