"""Robustness under bad input (issue 7): no exception escapes the reader or the extractor.

Property tests feed random Unicode, empty lines, markup, numbers in every form and odd dates
to the reader and, through the real spaCy pipeline, to the extractor; every input gives
Articles or one-line Problems, and every mention's offsets index into the article's text.
Time is bounded by hypothesis deadlines (generous: the parse is the cost) and few examples.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.entities import EntityResolver
from graph.extract import EventExtractor
from graph.nlp import parse_texts, split_long
from graph.pipeline import OUTPUTS, Components, build
from graph.read import ArticleReader
from graph.records import Article, Mention, Problem
from graph.temporal import DateResolver

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ANCHOR = dt.date(2022, 11, 10)

#: Numbers as news writes them, in every script and notation.
NUMBERS = [
    "1,000,000", "1.5m", "1.5 million", "1 lakh", "2 crore", "٣٤", "३४", "½", "¾ of", "10^6", "1e6",
    "$", "€", "$1.5bn", "€ 20", "£3,000", "¥100", "-5", "+7%", "3–4", "20,000 to 30,000", "0.000001",
    "99999999999999999999999", "1,2,3", "1..2", "#1", "No. 9", "1st", "⅓", "Ⅻ", "一百", "𝟙𝟚", "1 000 000",
    "nine thousand", "a dozen", "zero", "NaN", "inf", "∞", "10 000 000 000 000 000 dollars",
]  # fmt: skip
#: Dates that do not exist or are out of any calendar's range.
DATES = [
    "31 February", "February 31, 2023", "year 0", "0000-00-00", "9999-99-99", "on 9999-12-31",
    "in the year 10000", "32 January 2022", "the 0th of May", "1 BC", "13/13/2013", "2022-02-29",
    "Monday 30 February", "last Wednesday", "next century", "in 1e9 years", "-2022-01-01",
    "12:99 pm", "the 1990s", "Q5 2022", "week 60", "yesterday's yesterday", "by 00/00/00",
]  # fmt: skip
MARKUP = [
    "<script>alert('x')</script>", "<style>p{}</style>", "<p>Russia withdrew troops.</p>",
    "<!-- comment -->", "<![CDATA[ x ]]>", "&amp; &lt;b&gt; &#x1F600; &bogus;", "<a href='javascript:x'>",
    "<?xml version='1.0'?>", "</html></body>", "<div", "\u202e\u200b\ufeff", "\x00", "\x0b\x0c\r\r\n",
]  # fmt: skip
SENTENCES = [
    "Russia withdrew its troops from Kherson on Wednesday.",
    "Zelensky said 41 settlements had been liberated.",
    "The army shelled the city, killing 12 people, officials said.",
    "Talks will not resume.",
    "He announced the withdrawal of 30,000 troops last week.",
    "",
    "\n",
    "\n\n\n",
]
#: Characters of every category except lone surrogates (which cannot be written as UTF-8).
ANY_CHAR = st.characters(blacklist_categories=("Cs",))


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


@pytest.fixture(scope="module")
def reader() -> ArticleReader:
    return ArticleReader()


def extract(components: Components, article: Article) -> list[Mention]:
    """The real extractor on one article, parsed by the real pipeline."""
    extractor = EventExtractor(
        components.lexicon,
        EntityResolver(components.gazetteer),
        components.dates,
        components.figures,
        components.gazetteer,
    )
    return extractor(article, components.nlp(article.text))


def assert_mentions_index(article: Article, mentions: list[Mention]) -> None:
    text = article.text
    assert isinstance(mentions, list)
    for m in mentions:
        assert isinstance(m, Mention)
        assert 0 <= m.trigger_start < m.trigger_end <= len(text), m
        ev = m.evidence
        assert 0 <= ev.start <= m.trigger_start and m.trigger_end <= ev.end <= len(text), m
        assert text[ev.start : ev.end] == ev.sentence
        # The trigger is a word of the text (the lemma may differ from it: "withdrew" → "withdraw").
        assert text[m.trigger_start : m.trigger_end].strip() == text[m.trigger_start : m.trigger_end]
        for f in m.figures:
            assert f.evidence is not None and text[f.evidence.start : f.evidence.end] == f.evidence.sentence


def assert_records(records: list[Article | Problem]) -> None:
    assert records, "every input gives at least an Article or a Problem"
    for r in records:
        assert isinstance(r, Article | Problem), r
        if isinstance(r, Problem):
            assert r.source and r.message.strip() and "\n" not in r.message, r
        else:
            assert r.text.strip() and "\x00" not in r.text


def read_file(reader: ArticleReader, name: str, data: bytes) -> list[Article | Problem]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(reader([path]))


# --- hostile text --------------------------------------------------------------------------------

#: A paragraph made of news sentences, numbers, dates, markup and random Unicode, in any order.
pieces = st.lists(
    st.one_of(
        st.sampled_from(SENTENCES),
        st.sampled_from(NUMBERS).map(lambda n: f"Officials said {n} people were killed."),
        st.sampled_from(DATES).map(lambda d: f"Russia withdrew its troops on {d}."),
        st.sampled_from(NUMBERS + DATES + MARKUP),
        st.text(ANY_CHAR, max_size=40),
    ),
    min_size=1,
    max_size=12,
)
separators = st.sampled_from([" ", "\n", "\n\n", "", "\t", " \n \n ", "\u2028", "\u00a0"])


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    parts = draw(pieces)
    return "".join(p + draw(separators) for p in parts)


@settings(max_examples=25, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_texts(), suffix=st.sampled_from([".txt", ".html"]))
def test_reader_then_extractor_on_hostile_text(
    components: Components, reader: ArticleReader, text: str, suffix: str
) -> None:
    data = (f"<html><body><p>{text}</p></body></html>" if suffix == ".html" else text).encode("utf-8")
    records = read_file(reader, f"hostile{suffix}", data)
    assert_records(records)
    for article in (r for r in records if isinstance(r, Article)):
        assert_mentions_index(article, extract(components, article))


@settings(max_examples=25, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_texts(), published=st.one_of(st.none(), st.dates()))
def test_extractor_on_raw_text(components: Components, text: str, published: dt.date | None) -> None:
    """The extractor alone, on text the reader never cleaned, with any publication date."""
    article = Article(id="raw.txt", text=text, published=published)
    assert_mentions_index(article, extract(components, article))


@settings(max_examples=40, deadline=2000)
@given(
    expression=st.one_of(st.sampled_from(DATES), st.text(ANY_CHAR, max_size=30)),
    anchor=st.one_of(st.none(), st.dates()),
)
def test_date_resolver_never_raises(expression: str, anchor: dt.date | None) -> None:
    span = DateResolver()(expression, anchor)
    assert span is None or span.begin <= span.end


@settings(max_examples=30, deadline=3000)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".htm", ".jsonl"]))
def test_reader_on_random_bytes(reader: ArticleReader, data: bytes, suffix: str) -> None:
    assert_records(read_file(reader, f"bytes{suffix}", data))


@settings(max_examples=30, deadline=3000)
@given(text=st.text(st.characters(), max_size=300), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_reader_on_any_unicode_even_lone_surrogates(reader: ArticleReader, text: str, suffix: str) -> None:
    # Lone surrogates written as bytes are not UTF-8: a Problem, never a crash.
    assert_records(read_file(reader, f"unicode{suffix}", text.encode("utf-8", "surrogatepass")))


def test_cannot_read_messages_name_the_file_and_what_is_allowed(reader: ArticleReader) -> None:
    cases = {
        "binary.txt": b"\x00\x01\x02PNG\x00" * 50,
        "latin1.txt": "Caf\xe9 d\xe9j\xe0 vu, na\xefve.".encode("latin-1"),
        "empty.txt": b"",
        "blank.txt": b"\n\n   \n\t\n",
        "script.html": b"<html><script>var a = 1;</script></html>",
    }
    for name, data in cases.items():
        records = read_file(reader, name, data)
        assert len(records) == 1 and isinstance(records[0], Problem), (name, records)
        problem = records[0]
        assert problem.source.endswith(name) and "\n" not in problem.message
        assert any(w in problem.message for w in ("allowed", "give", "UTF-8", "empty", "no article")), problem


# --- size ----------------------------------------------------------------------------------------


def test_very_long_sentence(components: Components, reader: ArticleReader) -> None:
    """One 100,000-character sentence with no full stop: parsed and extracted in seconds."""
    clause = "Russia withdrew 30,000 troops from Kherson on 9 November and officials said 1.5m people fled"
    text = ", ".join([clause] * (100_000 // (len(clause) + 2)))
    records = read_file(reader, "long.txt", text.encode("utf-8"))
    assert_records(records)
    (article,) = [r for r in records if isinstance(r, Article)]
    start = time.perf_counter()
    mentions = extract(components, article)
    seconds = time.perf_counter() - start
    assert_mentions_index(article, mentions)
    assert mentions and seconds < 30, f"{len(mentions)} mentions in {seconds:.1f} s"


def test_ten_megabyte_article(reader: ArticleReader, components: Components) -> None:
    """A 10 MB article is read whole, quickly; a smaller max_bytes refuses it in one line; the
    parser's max_length is above the reader's limit, so no article it gives is refused by spaCy."""
    paragraph = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    data = ((paragraph + "\n\n") * (10_000_000 // len(paragraph) + 1)).encode("utf-8")[:10_000_000]
    data = data.decode("utf-8", "ignore").encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.txt"
        path.write_bytes(data)
        start = time.perf_counter()
        records = list(reader([path]))
        seconds = time.perf_counter() - start
        assert_records(records)
        (article,) = [r for r in records if isinstance(r, Article)]
        assert len(article.text) > 9_000_000 and seconds < 30
        (problem,) = list(ArticleReader(max_bytes=5_000_000)([path]))
        assert isinstance(problem, Problem) and "max_bytes" in problem.message and "\n" not in problem.message
    assert components.nlp.max_length >= reader.max_bytes


@settings(max_examples=50, deadline=1000)
@given(text=st.text(st.sampled_from("ab .\n\u00a0"), max_size=400), limit=st.integers(1, 60))
def test_split_long_rejoins(text: str, limit: int) -> None:
    parts = split_long(text, limit)
    assert "".join(parts) == text and all(len(p) <= limit for p in parts)


def test_long_article_is_parsed_in_pieces_with_exact_offsets(components: Components) -> None:
    """An article over the chunk size is parsed in pieces joined into one Doc: same text, so the
    mentions' offsets still index into the article."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) * 4
    (doc,) = parse_texts(components.nlp, [text], chunk_chars=10_000)
    assert doc.text == text and len(text) > 4 * 10_000
    article = Article(id="long.txt", text=text, published=ANCHOR)
    extractor = EventExtractor(
        components.lexicon,
        EntityResolver(components.gazetteer),
        components.dates,
        components.figures,
        components.gazetteer,
    )
    mentions = extractor(article, doc)
    assert len(mentions) > 50
    assert_mentions_index(article, mentions)


# --- a build on a folder of good and hostile inputs ----------------------------------------------


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("hostile")
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "huge_line.txt").write_text("Russia withdrew " + "x" * 300_000 + ".", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Kiev said the caf\xe9 was shelled on 9 November.".encode("latin-1"))
    (folder / "script.html").write_text(
        "<html><head><script>document.write('<p>Russia withdrew</p>')</script></head>"
        "<body><script>while(1){}</script></body></html>",
        encoding="utf-8",
    )
    good = {"id": "ok-1", "text": "Ukraine recaptured Kherson on 11 November 2022, officials said.",
            "published": "2022-11-12"}  # fmt: skip
    (folder / "mixed.jsonl").write_bytes(
        b"\n".join(
            [
                json.dumps(good).encode(),
                b'{"id": "broken", "text": "unterminated',
                b"[1, 2, 3]",
                b'{"id": "no-text"}',
                "\xff\xfe not utf-8".encode("latin-1"),
                json.dumps({"id": "odd-date", "text": "Talks resumed.", "published": "9999-99-99"}).encode(),
            ]
        )
    )
    yield folder


def test_build_on_good_and_hostile_inputs(
    components: Components, hostile_folder: Path, tmp_path: Path
) -> None:
    result = build([hostile_folder], tmp_path / "out", components=components)
    for name in OUTPUTS:
        assert (tmp_path / "out" / name).stat().st_size > 0, name
    assert result.articles >= 4 and result.events > 0  # two seeds, the huge line, two JSONL lines
    skipped = {p.source.split(str(hostile_folder) + "/")[-1]: p.message for p in result.skipped}
    for bad in ("binary.txt", "latin1.txt", "script.html", "mixed.jsonl:2", "mixed.jsonl:3", "mixed.jsonl:4",
                "mixed.jsonl:5"):  # fmt: skip
        assert bad in skipped, (bad, skipped)
    assert len(skipped) == 7, skipped
    for problem in result.problems:
        line = str(problem)
        assert "\n" not in line and problem.message.strip(), line
