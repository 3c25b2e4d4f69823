"""Named SPARQL queries: the ``.rq`` files of ``ontology/queries/`` and safe parameter binding.

Each file begins with ``# <what it answers>``; ``# param: <name>  <help>`` lines declare the
variables a caller may bind. A query tests ``BOUND(?name)`` so it runs unbound (all rows) or bound
(filtered); :func:`bind` binds by putting a ``VALUES`` block first in the outer ``WHERE`` group,
so no value is ever spliced into the query text as SPARQL syntax.

A line ``#?name <pattern>`` is a comment, so the file stays plain SPARQL for any client, until
``name`` is bound to IRIs: then :func:`bind` uncomments it. Such lines let a bound entity drive
the join ("start from the actor's events") instead of a filter over every row, which is what
makes a bound query fast on a large graph; a name bound as text still goes through the
query's ``BOUND`` filters (and :func:`graph.query.resolve_names` turns names into IRIs first).

A query with one line ``LIMIT <n> OFFSET <m>`` is read in pages: :func:`page` sets that line for
page K of size S (``timeline-page`` picks a page of events by their ``evkg:timelineRank`` so).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import QueryError
from .lexicon import ontology_dir

__all__ = ["NamedQuery", "QueryParam", "bind", "load_query", "named_queries", "page", "queries_dir"]

#: Rows a page holds unless the caller says otherwise.
PAGE_SIZE = 100

_PARAM = re.compile(r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(.*)$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
#: "#?actor <pattern>": a line that applies only when ?actor is bound.
_CONDITIONAL = re.compile(r"^([ \t]*)#\?([A-Za-z_][A-Za-z0-9_]*)[ \t]?(.*)$", re.MULTILINE)
# Schemes we accept as IRIs from a command line; anything else ("Russia", "evt:Withdrawal") is a literal.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI = re.compile(r"^(?:https?|urn|file|ftp|mailto|tag):[^\s<>\"{}|\\^`]+$", re.IGNORECASE)
#: The line a paged query is paged by (one such line in the query).
_PAGE = re.compile(r"^([ \t]*)LIMIT[ \t]+\d+[ \t]+OFFSET[ \t]+\d+[ \t]*$", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class QueryParam:
    """A variable a named query lets the caller bind."""

    name: str
    #: What the value may be ("an actor's IRI or name").
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: its name (file stem), first-line description, text and parameters."""

    name: str
    description: str
    text: str
    params: tuple[QueryParam, ...] = ()
    path: Path | None = None

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    @property
    def entity_params(self) -> tuple[str, ...]:
        """Parameters with ``#?name`` lines: bound to IRIs, they drive the query's join."""
        found = {m.group(2) for m in _CONDITIONAL.finditer(self.text)}
        return tuple(n for n in self.param_names if n in found)

    def bind(self, bindings: Mapping[str, str | Sequence[str]]) -> str:
        """The query text with ``bindings`` applied; only declared parameters are allowed."""
        unknown = sorted(set(bindings) - set(self.param_names))
        if unknown:
            allowed = ", ".join(self.param_names) or "none"
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; parameters: {allowed}"
            )
        return bind(self.text, bindings)

    @property
    def paged(self) -> bool:
        """Whether the query is read in pages (it has one ``LIMIT n OFFSET m`` line)."""
        return len(_PAGE.findall(self.text)) == 1

    def page(self, number: int | str, size: int | str = PAGE_SIZE) -> NamedQuery:
        """This query answering page ``number`` (from 1) of ``size`` rows; see :func:`page`."""
        if not self.paged:
            paged = ", ".join(n for n, q in named_queries(_folder(self)).items() if q.paged) or "none"
            raise QueryError(f"query {self.name!r} is not read in pages; paged queries: {paged}")
        return replace(self, text=page(self.text, number, size))


def queries_dir() -> Path:
    """The repository's ``ontology/queries/`` folder."""
    return ontology_dir() / "queries"


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file; its first line must be a ``# description`` comment."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#") or _PARAM.match(lines[0]):
        raise QueryError(f"{path}: the first line must be '# <what the query answers>'")
    params = []
    for line in lines:
        if not line.startswith("#"):
            break
        match = _PARAM.match(line)
        if match:
            params.append(QueryParam(match.group(1), match.group(2).strip()))
    return NamedQuery(
        name=path.stem,
        description=lines[0].lstrip("#").strip(),
        text=text,
        params=tuple(params),
        path=path,
    )


def named_queries(dir: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file of ``dir`` (default: ``ontology/queries/``) by name, sorted."""
    folder = Path(dir) if dir is not None else queries_dir()
    if not folder.is_dir():
        raise QueryError(f"{folder}: no such query folder; expected a folder of .rq files")
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}


def load_query(name: str, dir: str | Path | None = None) -> NamedQuery:
    """The named query ``name`` ("timeline"), or :class:`QueryError` listing the known names."""
    queries = named_queries(dir)
    stem = name.removesuffix(".rq")
    if stem not in queries:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(queries) or 'none'}")
    return queries[stem]


def term(value: str) -> str:
    """``value`` as a SPARQL term: ``<iri>`` if it looks like an absolute IRI, else an escaped literal."""
    if _IRI.match(value):
        return f"<{value}>"
    escaped = "".join(_ESCAPES.get(c, c) for c in value)
    return f'"{escaped}"'


def bind(text: str, bindings: Mapping[str, str | Sequence[str]]) -> str:
    """``text`` with each ``?name`` of ``bindings`` bound to its value (or to each of its values:
    the query then answers for any of them).

    Values become terms by :func:`term`, so a value can never change the query's structure.
    The ``VALUES`` block goes first in the outer ``WHERE`` group, where the query's
    ``BOUND(?name)`` filters see it; ``#?name`` lines are uncommented when every value of
    ``name`` is an IRI.
    """
    if not bindings:
        return text
    for name in bindings:
        if not _VARIABLE.match(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name (letters, digits, _)")
        if not re.search(rf"[?$]{name}\b", text):
            raise QueryError(f"the query does not use the variable ?{name}, so it cannot be bound")
    values = {n: [v] if isinstance(v, str) else list(v) for n, v in bindings.items()}
    if any(not vs for vs in values.values()):
        empty = next(n for n, vs in values.items() if not vs)
        raise QueryError(f"parameter {empty!r} has no value to bind")
    as_iris = {n for n, vs in values.items() if all(_IRI.match(v) for v in vs)}
    text = _CONDITIONAL.sub(lambda m: m.group(1) + m.group(3) if m.group(2) in as_iris else m.group(0), text)
    position = _outer_where(text)
    names = list(values)
    rows = " ".join(
        "(" + " ".join(term(v) for v in combo) + ")"
        for combo in itertools.product(*(values[n] for n in names))
    )
    block = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ {rows} }}\n"
    return text[:position] + block + text[position:]


def page(text: str, number: int | str, size: int | str = PAGE_SIZE) -> str:
    """``text`` with its ``LIMIT n OFFSET m`` line set to page ``number`` (1 is the first) of
    ``size`` rows: ``LIMIT size OFFSET (number - 1) * size``. A page past the end answers no rows;
    a number or size that is not a whole number from 1 is a QueryError saying so."""
    number, size = _positive(number, "page number"), _positive(size, "page size")
    lines = _PAGE.findall(text)
    if len(lines) != 1:
        raise QueryError("only a query with one 'LIMIT n OFFSET m' line can be read in pages")
    return _PAGE.sub(lambda m: f"{m.group(1)}LIMIT {size} OFFSET {(number - 1) * size}", text)


def _positive(value: int | str, what: str) -> int:
    """``value`` as an int of at least 1 (a command line's text too), or a QueryError naming ``what``."""
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number < 1 or isinstance(value, bool):
        raise QueryError(f"{what} {str(value)!r}: expected a whole number from 1")
    return number


def _folder(query: NamedQuery) -> Path | None:
    return query.path.parent if query.path is not None else None


def _outer_where(text: str) -> int:
    """Offset just after the first ``WHERE {`` outside a comment line."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            match = _WHERE.search(line)
            if match:
                return offset + match.end()
        offset += len(line)
    raise QueryError("the query has no WHERE { ... } group to bind parameters in")
