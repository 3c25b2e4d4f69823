"""Named-query binding: values as terms, several values, lines that only IRIs switch on."""

from __future__ import annotations

import pytest

from graph.errors import QueryError
from graph.queries import bind, load_query, page

TEXT = """SELECT ?e WHERE {
  #?actor ?e <https://w3id.org/evkg/ontology#agent> ?actor .
  ?e a ?type .
  FILTER(!BOUND(?actor) || ?e = ?actor)
}"""


def test_an_iri_switches_its_lines_on_and_a_name_does_not():
    by_iri = bind(TEXT, {"actor": "https://w3id.org/evkg/id/actor/russia"})
    assert "\n  ?e <https://w3id.org/evkg/ontology#agent> ?actor ." in by_iri
    by_name = bind(TEXT, {"actor": "Russia"})
    assert "#?actor ?e" in by_name and 'VALUES (?actor) { ("Russia") }' in by_name


def test_several_values_are_rows_of_one_values_block():
    text = bind(TEXT, {"actor": ["https://example.org/a", "https://example.org/b"]})
    assert "VALUES (?actor) { (<https://example.org/a>) (<https://example.org/b>) }" in text
    assert "\n  ?e <https://w3id.org/evkg/ontology#agent> ?actor ." in text


def test_a_mix_of_iris_and_names_keeps_the_lines_off():
    text = bind(TEXT, {"actor": ["https://example.org/a", "Russia"]})
    assert "#?actor ?e" in text


def test_no_value_is_an_error():
    with pytest.raises(QueryError, match="no value"):
        bind(TEXT, {"actor": []})


def test_a_value_cannot_change_the_query():
    text = bind(TEXT, {"actor": 'x") } ; DROP ALL ; #'})
    assert 'VALUES (?actor) { ("x\\") } ; DROP ALL ; #") }' in text


PAGED = """SELECT ?e {
  { SELECT ?e ?r WHERE { ?e <https://w3id.org/evkg/ontology#timelineRank> ?r }
    ORDER BY ?r
    LIMIT 100 OFFSET 0
  }
}"""


def test_a_page_sets_the_limit_and_offset_line():
    assert "\n    LIMIT 25 OFFSET 50\n" in page(PAGED, 3, 25)
    assert "\n    LIMIT 100 OFFSET 0\n" in page(PAGED, "1")
    assert page(PAGED, 2, 10).count("LIMIT") == 1


@pytest.mark.parametrize(("number", "size"), [(0, 10), ("x", 10), (-1, 10), ("1.5", 10), (1, 0), (1, "ten")])
def test_a_bad_page_number_or_size_is_one_clear_error(number, size):
    with pytest.raises(QueryError, match=r"^page (number|size) '.*': expected a whole number from 1$"):
        page(PAGED, number, size)


def test_only_a_query_with_one_page_line_has_pages():
    with pytest.raises(QueryError, match="one 'LIMIT n OFFSET m' line"):
        page(TEXT, 1)
    assert load_query("timeline-page").paged and not load_query("timeline").paged
    with pytest.raises(QueryError, match="'timeline' is not read in pages; paged queries: timeline-page"):
        load_query("timeline").page(1)
