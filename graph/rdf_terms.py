"""RDF terms as their N-Triples text, the form the build makes them in.

A build states millions of triples; making each term an rdflib object (and each triple an entry
of rdflib's in-memory store) cost as much as the rest of the build after the parse. Here a term is
the string Oxigraph prints for it (``<iri>``, ``"text"``, ``"1"^^<…#integer>``, ``"x"@en``), so
sorting the triples needs no conversion and Oxigraph parses them back to write Turtle and TriG
(graph.rdf_write). The lexical forms are rdflib's for the same Python values (a date's ISO form,
a Decimal's positional form), so the files are byte for byte those an rdflib build wrote.

:class:`TripleIndex` answers the two questions the views ask of a graph (``objects`` and
``subjects``) in rdflib terms, converting only the terms a view reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

#: Characters Oxigraph's N-Triples writer escapes in a literal (checked over every code point in
#: tests/test_rdf_terms.py); a literal with none of them is written as it is.
_ESCAPED = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}

_XSD_STRING = str(XSD.string)
INTEGER = f"<{XSD.integer}>"
DECIMAL = f"<{XSD.decimal}>"
DATE = f"<{XSD.date}>"


def iri(value: str) -> str:
    """The IRI ``value`` (an rdflib URIRef or a string) as an N-Triples term."""
    return f"<{value}>"


def _quoted(value: str) -> str:
    if _ESCAPED.search(value) is None:
        return f'"{value}"'
    import pyoxigraph as ox

    return str(ox.Literal(value))


def literal(value: str) -> str:
    """A plain (``xsd:string``) literal."""
    return _quoted(value)


def typed(lexical: str, datatype: str) -> str:
    """A literal of ``datatype`` (an N-Triples IRI term such as :data:`INTEGER`)."""
    return f"{_quoted(lexical)}^^{datatype}"


def tagged(value: str, language: str) -> str:
    """A language-tagged literal."""
    return f"{_quoted(value)}@{language}"


def integer(n: int) -> str:
    return f'"{n}"^^{INTEGER}'


def decimal(x: float) -> str:
    """``x`` to six places as an ``xsd:decimal``, written positionally (``1e-05`` is ``0.00001``)."""
    return f'"{Decimal(repr(round(x, 6))):f}"^^{DECIMAL}'


def date(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^{DATE}'


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else _SIMPLE_ESCAPES.get(m.group(3), m.group(3))

    return _UNESCAPE.sub(one, text) if "\\" in text else text


def to_rdflib(term: str) -> Node:
    """The rdflib term an N-Triples term (as this module writes them) stands for."""
    if term.startswith("<"):
        return URIRef(term[1:-1])
    close = term.rindex('"')
    value = _unescape(term[1:close])
    rest = term[close + 1 :]
    if rest.startswith("@"):
        return Literal(value, lang=rest[1:])
    if rest.startswith("^^<"):
        datatype = rest[3:-1]
        return Literal(value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    return Literal(value)


class TripleIndex:
    """A graph of N-Triples-text triples that answers ``objects(s, p)`` and ``subjects(p, o)``
    (what the views ask, see graph.export._html) with rdflib terms, in the order stated.

    Terms are converted to rdflib's when first read and kept, so a view reading an event's
    values pays for those alone.
    """

    def __init__(self, triples: Iterable[tuple[str, str, str]]) -> None:
        self._objects: dict[tuple[str, str], list[str]] = {}
        self._subjects: dict[tuple[str, str], list[str]] = {}
        self._count = 0
        for s, p, o in triples:
            self._objects.setdefault((s, p), []).append(o)
            if o[0] == "<":  # subjects() is asked of IRIs only (a class, a property)
                self._subjects.setdefault((p, o), []).append(s)
            self._count += 1
        self._nodes: dict[str, Node] = {}

    def _node(self, term: str) -> Node:
        node = self._nodes.get(term)
        if node is None:
            node = self._nodes[term] = to_rdflib(term)
        return node

    @staticmethod
    def _text(node: Node) -> str | None:
        # Subjects and predicates are IRIs in this graph: any other key finds nothing.
        return f"<{node}>" if isinstance(node, URIRef) else None

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """The values of ``predicate`` on ``subject``."""
        s, p = self._text(subject), self._text(predicate)
        return (self._node(o) for o in self._objects.get((s, p), ())) if s and p else iter(())

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """The subjects that have ``obj`` as a value of ``predicate`` (``obj`` an IRI)."""
        p, o = self._text(predicate), self._text(obj)
        return (self._node(s) for s in self._subjects.get((p, o), ())) if p and o else iter(())

    def __len__(self) -> int:
        return self._count
