"""Running SPARQL over a build's graph and formatting the answer.

:func:`load_graph` and :func:`run_query` use rdflib's engine over ``graph.ttl`` (handy in a
notebook); :func:`query_store` runs a query on a :mod:`graph.store` store (the build's embedded
Oxigraph store, or a remote endpoint), which is what the command line does. The formatting
functions take either kind of answer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import OutputError, QueryError

if TYPE_CHECKING:
    import pandas
    from rdflib import Graph
    from rdflib.query import Result

    from graph.queries import NamedQuery
    from graph.store import QueryResult, Store

FORMATS = ("table", "csv", "json")


def load_graph(graph_dir: str | Path) -> Graph:
    """The merged graph of a build folder (its ``graph.ttl``)."""
    from rdflib import Graph

    from graph.namespace import bind_prefixes

    path = Path(graph_dir) / "graph.ttl"
    if not path.is_file():
        raise OutputError(f"{graph_dir}: no graph.ttl here; run `evkg build INPUT --out {graph_dir}` first")
    g = Graph()
    bind_prefixes(g)
    g.parse(path, format="turtle")
    return g


def run_query(graph: Graph, text: str) -> Result:
    """Run SPARQL ``text``; a syntax error becomes a QueryError naming line and column."""
    from pyparsing import ParseException

    from graph.namespace import PREFIXES

    try:
        return graph.query(text, initNs=dict(PREFIXES))
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except Exception as exc:  # rdflib raises many kinds for a bad query; all are the user's input
        raise QueryError(f"query failed: {type(exc).__name__}: {exc}") from None


#: Entities whose name (label or alternative label, any case) is a given text.
_BY_NAME = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity WHERE {
  ?entity rdfs:label|skos:altLabel ?name .
  FILTER(LCASE(STR(?name)) = LCASE(STR(?wanted)))
}
ORDER BY ?entity"""


def resolve_names(
    store: Store, query: NamedQuery, bindings: Mapping[str, str], *, timeout: float | None = None
) -> dict[str, str | list[str]]:
    """``bindings`` with each name given for an entity parameter of ``query`` replaced by the IRIs
    of the entities so named in ``store`` ("Russia" → every actor labelled or aliased so), so the
    query starts from them. A name that names nothing is left as it is (the query's filters then
    find nothing); IRIs and other parameters are kept."""
    from graph.queries import bind, term

    out: dict[str, str | list[str]] = dict(bindings)
    for name in query.entity_params:
        value = bindings.get(name)
        if value is None or term(value).startswith("<"):
            continue
        found = store.query(bind(_BY_NAME, {"wanted": value}), timeout=timeout)
        iris = [str(row[0]) for row in found.rows if row[0] is not None]
        if iris:
            out[name] = iris
    return out


def query_store(location: str | Path, text: str, *, timeout: float | None = None) -> QueryResult:
    """Run ``text`` on the build folder ``location`` (its embedded store) or on the SPARQL
    endpoint at an ``http(s)://`` URL; see :func:`graph.store.open_store`."""
    from graph.store import open_store

    return open_store(location).query(text, timeout=timeout)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def rows(result: Result | QueryResult) -> tuple[list[str], list[list[str]]]:
    """Variable names and rows of strings ("" for an unbound cell); an ASK gives one ``boolean`` cell."""
    from graph.store import QueryResult

    if isinstance(result, QueryResult) and result.boolean is not None:
        return ["boolean"], [[str(result.boolean).lower()]]
    if not isinstance(result, QueryResult) and result.type == "ASK":
        return ["boolean"], [[str(bool(result.askAnswer)).lower()]]
    names = [str(v) for v in result.vars or []]
    return names, [[_cell(r[i]) for i in range(len(names))] for r in result]


def format_result(result: Result | QueryResult, fmt: str = "table") -> str:
    """The result as an aligned text table, CSV, or SPARQL 1.1 results JSON."""
    from graph.store import QueryResult

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        data = (
            result.to_sparql_json()
            if isinstance(result, QueryResult)
            else json.loads(result.serialize(format="json"))
        )
        return json.dumps(data, indent=2, ensure_ascii=False)
    names, body = rows(result)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(body)
        return out.getvalue()
    widths = [min(60, max([len(n)] + [len(r[i]) for r in body])) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            (c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(cells, widths, strict=True)
        )

    return "\n".join([line(names), line(["-" * w for w in widths]), *map(line, body), f"({len(body)} rows)"])


def to_dataframe(result: Result | QueryResult) -> pandas.DataFrame:
    """The result as a pandas DataFrame of strings (one column per variable)."""
    import pandas as pd

    names, body = rows(result)
    return pd.DataFrame(body, columns=names)
