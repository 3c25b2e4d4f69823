"""Shared helpers of the HTML views: read the graph through the contract, embed data safely.

The views read only the terms promised in the graph contract (sem, prov, schema, skos, geo)
and the project's ontology (evkg); they never see the extractor's records. Everything a page
shows is gathered here into plain JSON-ready dicts, sorted so one graph always gives the same
bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS
from rdflib.term import Node

from graph.namespace import EVKG, GEO, SCHEMA, SEM

#: Participant roles the ontology defines as sub-properties of sem:hasActor.
ROLES = {EVKG.agent: "agent", EVKG.patient: "patient", EVKG.recipient: "recipient"}
#: Actor classes, most specific first; the first one an actor has names its kind.
ACTOR_KINDS = (
    (SCHEMA.Person, "Person"),
    (EVKG.ArmedGroup, "Armed group"),
    (SCHEMA.Country, "Country"),
    (SCHEMA.Organization, "Organization"),
)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# Characters that could end a <script> element or an HTML comment inside it, and the two
# line separators that older JavaScript parsers reject inside string literals.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def local_name(node: Node) -> str:
    """The last segment of an IRI (after ``#`` or ``/``); the string itself for a literal."""
    text = str(node)
    return re.split(r"[#/]", text.rstrip("/#"))[-1] if isinstance(node, URIRef) else text


def _best_literal(values: Iterable[Node]) -> str | None:
    # English or untagged first, then alphabetical: deterministic whatever the triple order.
    literals = [v for v in values if isinstance(v, Literal)]
    if not literals:
        return None
    literals.sort(key=lambda lit: (lit.language not in (None, "en"), str(lit)))
    return str(literals[0])


def label_of(graph: Graph, node: Node) -> str:
    """A human name for ``node``: rdfs:label, skos:prefLabel, schema:headline, or its local name."""
    if isinstance(node, Literal):
        return str(node)
    for prop in (RDFS.label, SKOS.prefLabel, SCHEMA.name, SCHEMA.headline):
        text = _best_literal(graph.objects(node, prop))
        if text:
            return text
    return local_name(node)


def first_value(graph: Graph, node: Node, prop: URIRef) -> Node | None:
    """The smallest value of ``prop`` on ``node`` (as text), so that a graph stating two
    gives the same answer on every run; None when there is none."""
    return min(graph.objects(node, prop), key=str, default=None)


def _text(graph: Graph, node: Node, prop: URIRef) -> str | None:
    """One value of ``prop`` as text: a literal's lexical form or an IRI's label."""
    values = sorted(graph.objects(node, prop), key=str)
    if not values:
        return None
    literal = _best_literal(values)
    return literal if literal is not None else label_of(graph, values[0])


def _date(graph: Graph, node: Node, prop: URIRef, pick=min) -> str | None:
    days = [m.group(0) for v in graph.objects(node, prop) if (m := _DATE.match(str(v)))]
    return pick(days) if days else None


def number_value(graph: Graph, node: Node, prop: URIRef) -> float | None:
    """The first value of ``prop`` that reads as a number, or None."""
    for value in sorted(graph.objects(node, prop), key=str):
        try:
            return float(value)
        except (TypeError, ValueError):
            continue
    return None


def _infer_precision(begin: str, end: str) -> str:
    # Only for graphs that leave out evkg:datePrecision: read it off the interval's shape.
    if begin == end:
        return "day"
    if begin.endswith("-01-01") and end.endswith("-12-31") and begin[:4] == end[:4]:
        return "year"
    if begin[:7] == end[:7] and begin.endswith("-01") and int(end[8:]) >= 28:
        return "month"
    return "approximate"


def actor_kind(graph: Graph, node: Node) -> str:
    """The display class of an actor ("Person", "Country", ...), or "Actor" when none is known."""
    types = set(graph.objects(node, RDF.type))
    return next((name for cls, name in ACTOR_KINDS if cls in types), "Actor")


def role_properties(graph: Graph) -> dict[URIRef, str]:
    """The ontology's roles plus any other sub-property of sem:hasActor the graph declares."""
    roles = dict(ROLES)
    for prop in graph.subjects(RDFS.subPropertyOf, SEM.hasActor):
        if isinstance(prop, URIRef):
            roles.setdefault(prop, local_name(prop))
    return roles


def _participants(graph: Graph, event: Node, roles: dict[URIRef, str]) -> list[dict[str, Any]]:
    found: dict[Node, set[str]] = {a: set() for a in graph.objects(event, SEM.hasActor)}
    for prop, role in roles.items():
        for actor in graph.objects(event, prop):
            found.setdefault(actor, set()).add(role)
    actors = [
        {
            "id": str(actor),
            "label": label_of(graph, actor),
            "roles": sorted(found[actor]) or ["actor"],
            "kind": actor_kind(graph, actor),
        }
        for actor in found
    ]
    return sorted(actors, key=lambda a: (a["label"].casefold(), a["id"]))


def _places(graph: Graph, event: Node) -> list[dict[str, Any]]:
    places = [
        {
            "id": str(place),
            "label": label_of(graph, place),
            "lat": number_value(graph, place, GEO.lat),
            "long": number_value(graph, place, GEO.long),
        }
        for place in set(graph.objects(event, SEM.hasPlace))
    ]
    return sorted(places, key=lambda p: (p["label"].casefold(), p["id"]))


class SharedText:
    """What the events read of a graph share: each article's fields, read once, and each text
    (a sentence) held once however many events or copies of a report give it. A large build's
    views held an article's headline and address once per event it reports."""

    def __init__(self) -> None:
        self.articles: dict[Node, dict[str, Any]] = {}
        self._texts: dict[str, str] = {}

    def text(self, value: str | None) -> str | None:
        return value if value is None else self._texts.setdefault(value, value)

    def article(self, graph: Graph, article: Node) -> dict[str, Any]:
        """The fields of ``article`` a source shows (to be copied, not changed)."""
        found = self.articles.get(article)
        if found is None:
            found = self.articles[article] = {
                "id": str(article),
                "identifier": _text(graph, article, SCHEMA.identifier),
                "headline": _text(graph, article, SCHEMA.headline),
                "publisher": self.text(_text(graph, article, SCHEMA.publisher)),
                "date": self.text(_date(graph, article, SCHEMA.datePublished)),
                "url": _text(graph, article, SCHEMA.url),
            }
        return found


def _sources(graph: Graph, event: Node, shared: SharedText | None = None) -> list[dict[str, Any]]:
    """The articles reporting ``event``, each with the evidence sentences found in it."""
    shared = shared or SharedText()
    reported = graph.objects(event, PROV.wasDerivedFrom)
    sentences: dict[Node, list[tuple[float, str]]] = {a: [] for a in reported}
    for mention in graph.objects(event, EVKG.hasMention):
        article = first_value(graph, mention, EVKG.inArticle)
        sentence = shared.text(_text(graph, mention, EVKG.sentence))
        if article is None:
            continue
        start = number_value(graph, mention, EVKG.beginIndex)
        entry = sentences.setdefault(article, [])
        if sentence and sentence not in (s for _, s in entry):
            entry.append((start if start is not None else float("inf"), sentence))
    sources = [
        {**shared.article(graph, article), "sentences": [s for _, s in sorted(found)]}
        for article, found in sentences.items()
    ]
    return sorted(sources, key=lambda s: (s["date"] or "", s["identifier"] or "", s["id"]))


def _figures(graph: Graph, event: Node) -> list[dict[str, Any]]:
    figures = []
    for figure in graph.objects(event, EVKG.hasFigure):
        given_by = sorted(graph.objects(figure, EVKG.givenBy), key=str)
        figures.append(
            {
                "value": number_value(graph, figure, EVKG.value),
                "min": number_value(graph, figure, EVKG.minValue),
                "max": number_value(graph, figure, EVKG.maxValue),
                "unit": _text(graph, figure, EVKG.unit),
                "qualifier": _text(graph, figure, EVKG.qualifier),
                "text": _text(graph, figure, EVKG.figureText),
                "givenBy": [label_of(graph, g) for g in given_by],
            }
        )
    return sorted(figures, key=lambda f: json.dumps(f, sort_keys=True))


def read_event(
    graph: Graph, event: Node, roles: dict[URIRef, str], shared: SharedText | None = None
) -> dict[str, Any]:
    """Everything the views show about one sem:Event, as a JSON-ready dict (``shared``: what the
    events read so far share, see :class:`SharedText`)."""
    types = sorted({label_of(graph, t) for t in graph.objects(event, SEM.eventType)}, key=str.casefold)
    begin = _date(graph, event, SEM.hasBeginTimeStamp, min)
    end = _date(graph, event, SEM.hasEndTimeStamp, max)
    begin, end = begin or end, end or begin
    precision = first_value(graph, event, EVKG.datePrecision)
    basis = first_value(graph, event, EVKG.dateBasis)
    mentions = number_value(graph, event, EVKG.mentionCount)
    sources = _sources(graph, event, shared)
    factuality = first_value(graph, event, EVKG.factuality)
    return {
        "id": str(event),
        "label": label_of(graph, event),
        "type": types[0] if types else "Event",
        "types": types,
        "begin": begin,
        "end": end,
        "precision": (
            local_name(precision).lower()
            if precision is not None
            else _infer_precision(begin, end)
            if begin and end
            else None
        ),
        "basis": (
            {"explicitdate": "explicit", "relativedate": "relative"}.get(
                local_name(basis).lower(), local_name(basis).lower()
            )
            if basis is not None
            else None
        ),
        "expression": _text(graph, event, EVKG.dateExpression),
        "anchor": _text(graph, event, EVKG.dateAnchor),
        "actors": _participants(graph, event, roles),
        "places": _places(graph, event),
        "sources": sources,
        "figures": _figures(graph, event),
        "factuality": local_name(factuality).lower() if factuality is not None else None,
        "quotes": sorted({str(q) for q in graph.objects(event, EVKG.quote)}),
        "topic": _text(graph, event, EVKG.topic),
        "accordingTo": sorted({label_of(graph, a) for a in graph.objects(event, SEM.accordingTo)}),
        "mentions": int(mentions) if mentions is not None else sum(len(s["sentences"]) for s in sources),
    }


def read_events(graph: Graph) -> list[dict[str, Any]]:
    """Every sem:Event of ``graph`` (see :func:`read_event`), dated ones first in time order."""
    roles, shared = role_properties(graph), SharedText()
    events = [read_event(graph, e, roles, shared) for e in set(graph.subjects(RDF.type, SEM.Event))]
    events.sort(key=lambda e: (e["begin"] is None, e["begin"] or "", e["end"] or "", e["label"], e["id"]))
    return events


def json_for_script(data: Any) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>``, ``&`` and U+2028/9 become ``\\u`` escapes, so no string in the data can
    close the element or open a comment; ``JSON.parse`` gives back the original text.
    Keys are sorted so the same data always gives the same bytes.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


def asset(name: str) -> str:
    """The text of a file in ``graph/export/assets/``.

    A script or style sheet that could close the element it is inlined into is refused.
    """
    text = resources.files("graph.export").joinpath("assets").joinpath(name).read_text(encoding="utf-8")
    if not name.endswith(".html") and re.search(r"</(script|style)", text, re.IGNORECASE):
        raise ValueError(f"asset {name!r} contains a closing </script> or </style> tag; it must not")
    return text


def fill(template: str, **parts: str) -> str:
    """Replace each ``{{name}}`` in ``template`` with ``parts[name]``, in a single pass.

    Inserted text is never scanned again, so data that happens to contain ``{{js}}`` stays data.
    """

    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in parts:
            raise KeyError(f"template placeholder {{{{{match.group(1)}}}}} has no value")
        return parts[match.group(1)]

    return re.sub(r"\{\{(\w+)\}\}", replace, template)


def escape(text: str) -> str:
    """``text`` escaped for HTML element content and quoted attribute values."""
    return html.escape(text, quote=True)


_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S | re.I
)


def content_security_policy(page: str) -> str:
    """A CSP allowing exactly the inline scripts of ``page`` (by hash) and nothing from any network.

    Inline event-handler attributes are not covered by script hashes, so markup injected into
    the page (``<img onerror=...>``) could not run even if an escape were ever missed.
    """
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
            for body in _INLINE_SCRIPT.findall(page)
        }
    )
    return (
        "default-src 'none'; script-src " + " ".join(hashes) + "; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


def add_content_security_policy(page: str) -> str:
    """``page`` with a CSP ``<meta>`` inserted right after ``<head>`` (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{escape(content_security_policy(page))}">'
    head = re.search(r"<head[^>]*>", page, re.I)
    if head is None:
        raise ValueError("page has no <head> element to carry the Content-Security-Policy")
    # The first occurrence of the tag's text is the tag found: one new page, not two slices and
    # their sum (a large build's page is tens of MB).
    return page.replace(head.group(0), head.group(0) + "\n" + meta, 1)
