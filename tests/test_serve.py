"""The SPARQL endpoint, started on a free port over a real seed build and asked with urllib."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.queries import load_query
from graph.serve import SparqlServer, is_update, make_server, preferred_types, serve_in_thread


@pytest.fixture(scope="module")
def built(seeds_built) -> Path:
    return seeds_built


@pytest.fixture(scope="module")
def server(built) -> Iterator[SparqlServer]:
    server = make_server(built, port=0, timeout=5)
    serve_in_thread(server)
    yield server
    server.shutdown()
    server.server_close()


def call(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get(server: SparqlServer, query: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept": accept} if accept else {}
    return call(f"{server.url}?{urllib.parse.urlencode({'query': query})}", headers=headers)


def test_get_select_answers_sparql_json_with_cors(server):
    status, headers, body = get(server, "SELECT (COUNT(?e) AS ?n) WHERE { ?e a sem:Event }")
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    data = json.loads(body)
    assert data["head"]["vars"] == ["n"]
    assert int(data["results"]["bindings"][0]["n"]["value"]) > 20


def test_post_named_timeline_is_in_date_order(server):
    text = load_query("timeline").text
    status, _, body = call(
        server.url,
        data=text.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert status == 200
    bindings = json.loads(body)["results"]["bindings"]
    dates = [b["date"]["value"] for b in bindings if "date" in b]
    assert len(dates) > 10 and dates == sorted(dates)
    # Undated events come last.
    assert all("date" not in b for b in bindings[len(dates) :])


def test_form_post_and_csv_negotiation(server):
    data = urllib.parse.urlencode({"query": "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g"}).encode()
    status, headers, body = call(
        server.url,
        data=data,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["g"]
    graphs = [r[0] for r in rows[1:]]
    assert "https://w3id.org/evkg/id/graph/merged" in graphs and len(graphs) == 6


def test_ask_and_construct(server):
    status, _, body = get(server, "ASK { ?e a sem:Event }")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = get(server, "CONSTRUCT WHERE { ?e a sem:Event } LIMIT 3", accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert body.count(b"Event") == 3


def test_bad_query_is_400_with_line_and_column(server):
    status, _, body = get(server, "SELECT ?x\nWHERE { ?x ?y }")
    assert status == 400
    assert b"line 2, column" in body


def test_updates_are_refused_when_read_only(server):
    insert = "INSERT DATA { <urn:x> <urn:p> <urn:o> }"
    for data, media in (
        (insert.encode(), "application/sparql-update"),
        (urllib.parse.urlencode({"update": insert}).encode(), "application/x-www-form-urlencoded"),
        (
            urllib.parse.urlencode({"query": "PREFIX a: <urn:a>\n" + insert}).encode(),
            "application/x-www-form-urlencoded",
        ),
    ):
        status, _, body = call(server.url, data=data, headers={"Content-Type": media})
        assert status == 403, body
        assert b"read-only" in body
    status, _, body = get(server, "ASK { <urn:x> <urn:p> <urn:o> }")
    assert json.loads(body)["boolean"] is False


def test_cors_preflight_and_unknown_path(server):
    status, headers, _ = call(server.url, method="OPTIONS")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    status, _, body = call(server.url.replace("/sparql", "/nothing"))
    assert status == 404 and b"/sparql" in body


def test_query_over_its_time_limit_is_503(built):
    slow = make_server(built, timeout=0.2)
    serve_in_thread(slow)
    try:
        status, _, body = get(slow, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    finally:
        slow.shutdown()
        slow.server_close()
    assert status == 503 and b"timed out after 0.2 s" in body


def test_is_update_skips_the_prologue():
    assert is_update("PREFIX x: <urn:x>\n# a comment\nDELETE WHERE { ?s ?p ?o }")
    assert is_update("BASE <urn:b> insert data { <a> <b> <c> }")
    assert not is_update("PREFIX insert: <urn:x>\nSELECT * WHERE { ?s ?p ?o }")
    assert not is_update("# DELETE me\nASK {}")


def test_preferred_types_orders_by_quality():
    accept = "text/csv;q=0.5, application/sparql-results+json, text/plain;q=0"
    assert preferred_types(accept) == ["application/sparql-results+json", "text/csv"]
    assert preferred_types(None) == []


def test_sparqlwrapper_reads_the_endpoint_and_its_insert_is_refused(server):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(server.url)
    client.setReturnFormat(JSON)
    client.setQuery(
        "SELECT ?label WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
    )
    rows = client.query().convert()["results"]["bindings"]
    labels = [r["label"]["value"] for r in rows]
    assert any("Kherson" in label for label in labels)

    updater = SPARQLWrapper(server.url)
    updater.setMethod(POST)
    updater.setQuery("INSERT DATA { <urn:x> <urn:y> <urn:z> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        updater.query()
    assert refused.value.code == 403
