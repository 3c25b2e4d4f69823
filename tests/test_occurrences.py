"""Name occurrences held as offsets (graph.occurrences): the records they give, and the graph."""

from __future__ import annotations

from graph.occurrences import NameOccurrences, name_span
from graph.records import Article, Entity, EntityKind, Event, Evidence, Mention, NameOccurrence

TEXT = "Russian troops left the Kherson region. Ukraine said Kherson was free.\nKyiv cheered."


def test_name_span_drops_the_article_and_punctuation_the_ner_took_in():
    at = TEXT.index("the Kherson")
    start, end = name_span(TEXT, at, at + len("the Kherson"))
    assert TEXT[start:end] == "Kherson"
    assert name_span("(Dnieper)", 0, 8) == (1, 8)
    at = TEXT.index("Ukraine")
    assert name_span(TEXT, at, at + 7) == (at, at + 7)
    # A name that is only "the ..." of four characters keeps its article.
    assert name_span("the ", 0, 4) == (0, 4)


def test_records_are_cut_from_the_text_and_the_names_of_a_sentence_share_one():
    a, b = Article("a.txt", TEXT), Article("b.txt", "Kyiv said so.")
    occ = NameOccurrences()
    first = (0, TEXT.index(" Ukraine"))
    second = (TEXT.index("Ukraine"), TEXT.index("\n"))
    k1 = TEXT.index("Kherson")
    occ.add(a, "kherson", k1, k1 + 7, first)
    occ.add(b, "kyiv", 0, 4, (0, 13))
    u = TEXT.index("Ukraine")
    occ.add(a, "ukraine", u, u + 7, second)
    k2 = TEXT.index("Kherson", u)
    occ.add(a, "kherson", k2, k2 + 7, second)
    records = list(occ)
    assert [(o.article_id, o.key, o.text) for o in records] == [
        ("a.txt", "kherson", "Kherson"),
        ("a.txt", "ukraine", "Ukraine"),
        ("a.txt", "kherson", "Kherson"),
        ("b.txt", "kyiv", "Kyiv"),
    ]
    assert records[0].evidence == Evidence("a.txt", *first, "Russian troops left the Kherson region.")
    assert records[1].evidence.sentence == "Ukraine said Kherson was free."
    assert records[1].evidence is records[2].evidence
    assert len(occ) == 4 and list(occ.of("b.txt")) == records[3:] and list(occ.of("c.txt")) == []
    again = NameOccurrences()
    for o in records:
        again.add(
            a if o.article_id == "a.txt" else b, o.key, o.start, o.end, (o.evidence.start, o.evidence.end)
        )
    assert again == occ
    again.add(b, "kyiv", 0, 4, (0, 13))
    assert again != occ


def test_the_graph_is_the_same_from_offsets_as_from_records():
    from graph.rdf import GraphBuilder

    article = Article("a.txt", TEXT)
    entities = {
        "russia": Entity("russia", "Russia", EntityKind.COUNTRY),
        "kherson": Entity("kherson", "Kherson", EntityKind.PLACE),
        "kyiv": Entity("kyiv", "Kyiv", EntityKind.PLACE),
    }
    sentence = Evidence("a.txt", 0, 39, TEXT[:39])
    left = TEXT.index("left")
    mention = Mention(
        "a.txt", "Withdrawal", "left", left, left + 4, sentence, agents=("russia",), places=("kherson",)
    )
    event = Event("e1", "Withdrawal", "Withdrawal by Russia", (mention,), agents=("russia",))
    occ = NameOccurrences()
    k = TEXT.index("Kherson")
    occ.add(article, "kherson", k, k + 7, (0, 39))
    kyiv = TEXT.index("Kyiv")  # an entity no event uses: not in the graph
    occ.add(article, "kyiv", kyiv, kyiv + 4, (kyiv, len(TEXT)))
    records = [NameOccurrence("a.txt", "kherson", "Kherson", k, k + 7, sentence)]
    from_offsets = GraphBuilder()([article], [event], entities, occ)
    from_records = GraphBuilder()([article], [event], entities, records)
    assert set(from_offsets.merged) == set(from_records.merged)
    assert sorted(from_offsets.names()) == sorted(from_records.names())
    for name in from_offsets.names():
        assert from_offsets.triples(name) == from_records.triples(name)
    anchors = {o for _, p, o in from_offsets.merged if p.endswith("anchorOf>")}
    assert anchors == {'"Kherson"'}
