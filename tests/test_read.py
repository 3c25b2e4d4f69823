"""Reading articles from disk: formats, metadata, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.boilerplate import Boilerplate
from graph.read import ArticleReader, load_sidecar, read_articles, split_date_line
from graph.records import Article, Problem

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "read"
SEEDS = HERE.parent / "seeds"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.fixture(scope="module")
def reader() -> ArticleReader:
    return ArticleReader(boilerplate=Boilerplate.from_file())


def split(records: list[Article | Problem]) -> tuple[list[Article], list[Problem]]:
    return [r for r in records if isinstance(r, Article)], [r for r in records if isinstance(r, Problem)]


def read_one(reader: ArticleReader, path: Path) -> tuple[list[Article], list[Problem]]:
    return split(list(reader([path])))


def has_trafilatura() -> bool:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


# --- formats -------------------------------------------------------------------------------------


def test_seeds_folder(reader: ArticleReader) -> None:
    articles, problems = split(list(reader([SEEDS])))
    assert problems == []
    assert [a.id for a in articles] == sorted(p.name for p in SEEDS.glob("*.txt"))
    by_id = {a.id: a for a in articles}
    first = by_id["000_4ca2b323ac4ae7b1.txt"]
    assert first.published == dt.date(2022, 11, 10)
    assert first.outlet == "Globe Live Media" and first.author == "Melissa Galbraith"
    headline = "US says Russia accumulates more than 100,000 casualties in Ukraine"
    assert first.text.startswith(headline + "\n\nRussia’s announcement")
    assert first.text.count(headline) == 1
    dated = by_id["003_e2934cbb52dca54b.txt"]
    assert dated.published == dt.date(2022, 11, 11)
    assert dated.text.startswith("An elderly woman walks")
    assert "date 2022" not in dated.text
    assert by_id["004_52ab77301a4d3da0.txt"].source == str(SEEDS / "004_52ab77301a4d3da0.txt")


def test_txt_with_date_line_and_glued_paragraphs(reader: ArticleReader) -> None:
    articles, problems = read_one(reader, FIXTURES / "txt" / "a_glued.txt")
    assert problems == []
    (article,) = articles
    assert article.id == "a_glued.txt"
    assert article.published == dt.date(2021, 3, 4)
    assert "first line" in (article.published_basis or "")
    assert article.text == (
        "Rebels seized the northern town of Adwa on Monday, officials said.\n\n"
        "The army said it would retake it within days.\n\n"
        '"We will not allow this," the defence minister said in an address to the nation.\n\n'
        '"Our forces are ready."\n\n'
        "The minister gave no further details."
    )


def test_sidecar_metadata_and_repeated_headline(reader: ArticleReader) -> None:
    (article,), problems = read_one(reader, FIXTURES / "txt" / "b_headline.txt")
    assert problems == []
    assert article.title == "Flooding forces thousands from their homes"
    assert (article.outlet, article.author) == ("Valley Times", "Ana Ruiz")
    assert article.url == "https://example.org/flood"
    assert article.published == dt.date(2021, 5, 18)
    assert article.published_basis == "printed under the headline"
    assert article.text.count("Flooding forces thousands") == 1
    assert article.text.endswith("cut off by the water.")


def test_folder_skips_other_files_and_is_sorted(reader: ArticleReader) -> None:
    records = list(reader([FIXTURES / "txt"]))
    articles, problems = split(records)
    assert [a.id for a in articles] == ["a_glued.txt", "b_headline.txt", "c_nodate.txt"]
    assert not any("notes.md" in p.source or "articles.json" in p.source for p in problems)
    assert records == list(reader([FIXTURES / "txt"]))  # deterministic


def test_folders_are_not_recursed_unless_asked() -> None:
    flat, _ = read_articles([FIXTURES / "nested"])
    deep, _ = read_articles([FIXTURES / "nested"], recursive=True)
    assert [a.id for a in flat] == ["top.txt"]
    assert [a.id for a in deep] == ["deep.txt", "top.txt"]
    assert deep[0].published == dt.date(2020, 1, 2)


@pytest.mark.skipif(not has_trafilatura(), reason="trafilatura (with lxml_html_clean) is not importable")
def test_html_text_and_metadata(reader: ArticleReader) -> None:
    (article,), problems = read_one(reader, FIXTURES / "page.html")
    assert problems == []
    assert article.title == "Bridge reopens after repairs"
    assert article.outlet == "Harbour Herald" and article.author == "Lee Chen"
    assert article.url == "https://example.org/news/bridge-reopens"
    assert article.published == dt.date(2023, 6, 7)
    assert "reopened to traffic on Wednesday" in article.text
    assert article.text.endswith("by twenty minutes.")
    # Hostile markup never becomes text: scripts, styles, handlers, javascript: URLs, footer widgets.
    for payload in ("PAYLOAD", "alert", "<script", "document.", "javascript", "Leave a Reply", "Subscribe"):
        assert payload not in article.text


@pytest.mark.skipif(not has_trafilatura(), reason="trafilatura (with lxml_html_clean) is not importable")
def test_html_without_text_is_a_problem(reader: ArticleReader, tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>alert('x')</script></head><body></body></html>")
    articles, (problem,) = read_one(reader, page)
    assert articles == [] and problem.source == str(page) and "no article text" in problem.message


def test_jsonl_lines(reader: ArticleReader) -> None:
    path = FIXTURES / "lines.jsonl"
    articles, problems = read_one(reader, path)
    assert [a.id for a in articles] == ["doc-1", "doc-2", "lines.jsonl#3", "doc-4", "doc-9"]
    assert [a.source for a in articles] == [f"{path}:{n}" for n in (1, 2, 3, 5, 9)]
    assert [a.published for a in articles] == [
        dt.date(2008, 3, 1),
        dt.date(2008, 3, 3),
        None,
        None,
        dt.date(2009, 12, 31),
    ]
    assert (articles[0].title, articles[0].outlet) == ("Rates rise", "Wire")
    errors = {p.source: p.message for p in problems if p.skipped}
    assert set(errors) == {f"{path}:{n}" for n in (6, 7, 8)}
    assert "not valid JSON" in errors[f"{path}:6"]
    assert "JSON object" in errors[f"{path}:7"]
    assert "'text'" in errors[f"{path}:8"]
    warnings = [p for p in problems if not p.skipped]
    assert [p.source for p in warnings] == [f"{path}:3", f"{path}:5", f"{path}:5"]
    assert "'March 2008' is ignored" in warnings[1].message and "YYYY-MM-DD" in warnings[1].message


def test_jsonl_corpus_verbatim_keeps_gold_offsets() -> None:
    corpus = CORPORA / "meantime_en.jsonl"
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent (the shared corpora sit beside the repository)")
    articles, problems = read_articles([corpus], verbatim=True)
    assert len(articles) == 120 and not [p for p in problems if p.skipped]
    # One document's dct is "03-02-2009": ambiguous, so not guessed; the article is still read.
    assert [p.source for p in problems if "is ignored" in p.message] == [f"{corpus}:65"]
    lines = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert [a.text for a in articles] == [line["text"] for line in lines]
    assert articles[0].id == lines[0]["doc_id"] and articles[0].published == dt.date(2008, 3, 1)


# --- duplicates -----------------------------------------------------------------------------------


def test_same_file_twice_is_read_once(reader: ArticleReader) -> None:
    folder = FIXTURES / "txt"
    twice = folder / ".." / "txt" / "a_glued.txt"
    articles, _ = split(list(reader([folder / "a_glued.txt", twice, folder])))
    assert [a.id for a in articles] == ["a_glued.txt", "b_headline.txt", "c_nodate.txt"]


def test_same_id_in_two_folders_is_a_problem(reader: ArticleReader, tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.txt").write_text(f"date 2020-01-01\nStory from folder {name}.")
    articles, (problem,) = split(list(reader([tmp_path / "one", tmp_path / "two"])))
    assert [a.text for a in articles] == ["Story from folder one."]
    assert problem.source == str(tmp_path / "two" / "story.txt") and "already used" in problem.message


# --- bad input ------------------------------------------------------------------------------------

BAD_TXT = [
    (b"", "empty"),
    (b" \n\t\r\n  \n", "only whitespace"),
    (b"Kyiv\x00\x01\x02 binary", "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
    ("Café in Zürich closed.".encode("latin-1"), "not UTF-8"),
    (b"Leave a Reply\n\nShare this", "no article text"),
]


@pytest.mark.parametrize(("data", "expected"), BAD_TXT)
def test_bad_txt_is_a_problem(reader: ArticleReader, tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    articles, problems = read_one(reader, path)
    assert articles == []
    (problem,) = problems
    assert problem.skipped and problem.source == str(path)
    assert expected in problem.message and "\n" not in problem.message


def test_utf8_bom_is_fine(reader: ArticleReader, tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffdate 2022-02-02\r\nCafé reopened on Monday.\r\n".encode())
    (article,), _ = read_one(reader, path)
    assert article.text == "Café reopened on Monday." and article.published == dt.date(2022, 2, 2)


def test_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("A sentence about the war. " * 100)
    records = list(ArticleReader(max_bytes=1000)([path]))
    assert len(records) == 1 and "max_bytes" in records[0].message and records[0].source == str(path)
    lines = tmp_path / "big.jsonl"
    lines.write_text(json.dumps({"text": "x" * 2000}) + "\n" + json.dumps({"text": "Short story."}) + "\n")
    articles, problems = split(list(ArticleReader(max_bytes=1000)([lines])))
    assert [a.text for a in articles] == ["Short story."]
    assert problems[0].source == f"{lines}:1" and "max_bytes" in problems[0].message


def test_missing_unsupported_and_special_files(reader: ArticleReader, tmp_path: Path) -> None:
    doc = tmp_path / "report.docx"
    doc.write_bytes(b"PK\x03\x04")
    missing = tmp_path / "nowhere.txt"
    (problem,) = list(reader([doc]))
    assert problem.source == str(doc) and ".docx" in problem.message and ".txt" in problem.message
    (problem,) = list(reader([missing]))
    assert problem.source == str(missing) and "no such file" in problem.message
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG")  # silently ignored inside a folder
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(folder / "pipe.txt")  # a FIFO would block a naive reader forever
    problems = list(reader([folder]))
    assert [p.source for p in problems] == [str(folder / "dangling.txt"), str(folder / "pipe.txt")]
    assert "cannot read" in problems[0].message and "regular file" in problems[1].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(reader: ArticleReader, tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("A story.")
    path.chmod(0)
    (problem,) = list(reader([path]))
    assert problem.source == str(path) and "cannot read" in problem.message


@pytest.mark.parametrize(
    ("sidecar", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "'articles' list"),
        ('{"articles": [{"file": "s.txt", "published": "10/11/2022"}]}', "entry 1: 'published'"),
        ('{"articles": [{"file": "s.txt", "title": 3}]}', "'title'"),
        ('{"articles": ["s.txt"]}', "entry 1: is not an object"),
    ],
)
def test_bad_sidecar(reader: ArticleReader, tmp_path: Path, sidecar: str, expected: str) -> None:
    (tmp_path / "articles.json").write_text(sidecar)
    (tmp_path / "s.txt").write_text("date 2020-05-05\nThe story is still read.")
    articles, problems = split(list(reader([tmp_path])))
    assert [a.text for a in articles] == ["The story is still read."]
    assert articles[0].published == dt.date(2020, 5, 5) and articles[0].title is None
    (problem,) = problems
    assert problem.source == str(tmp_path / "articles.json") and expected in problem.message


def test_sidecar_keeps_valid_entries(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(
        json.dumps(
            {
                "articles": [
                    {"file": "a.txt", "published": "2022-02-30"},
                    {"file": "b.txt", "published": "2022-02-28", "title": "B"},
                ]
            }
        )
    )
    entries, (problem,) = load_sidecar(path)
    assert list(entries) == ["b.txt"] and entries["b.txt"]["published"] == dt.date(2022, 2, 28)
    assert "2022-02-30" in problem.message


def test_no_date_is_a_warning_after_the_article(reader: ArticleReader) -> None:
    article, warning = list(reader([FIXTURES / "txt" / "c_nodate.txt"]))
    assert isinstance(article, Article) and article.published is None
    assert isinstance(warning, Problem) and not warning.skipped
    assert warning.source == article.source and "relative dates" in warning.message


def test_date_line_forms() -> None:
    assert split_date_line(" date 2022-11-11 \n\nText")[1] == dt.date(2022, 11, 11)
    headline = "Date night ends in arrests\nText"
    assert split_date_line(headline) == (headline, None, None)
    rest, date, warning = split_date_line("date 2022-13-45\nText")
    assert (rest, date) == ("Text", None) and "2022-13-45" in (warning or "")
    for line in ("Published: 2022-11-11", "Posted on 2022-11-11", "DATED 2022-11-11"):
        assert split_date_line(f"{line}\n\nRussia attacked Kyiv.") == (
            "\nRussia attacked Kyiv.",
            dt.date(2022, 11, 11),
            None,
        )
    published = "Published reports say talks failed on 2022-11-11\nText"
    assert split_date_line(published) == (published, None, None)


# --- robustness -----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".jsonl", ".html"]))
def test_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    reader = ArticleReader(max_bytes=500)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        records = list(reader([path, Path(folder)]))
    assert records
    assert all(isinstance(r, Article | Problem) for r in records)
    for record in records:
        if isinstance(record, Article):
            assert record.text.strip() and "\r" not in record.text and "\x00" not in record.text
        else:
            assert record.message and "\n" not in record.message


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_random_text_files_never_raise(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.txt"
        path.write_text(text, encoding="utf-8")
        records = list(ArticleReader()([path]))
    assert records and all(isinstance(r, Article | Problem) for r in records)


def test_hidden_files_and_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("date 2020-01-01\nThe dam burst on Sunday, officials said.")
    (tmp_path / "._story.txt").write_bytes(b"\x00\x05\x16\x07 AppleDouble")  # macOS fork: skipped
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    articles, problems = read_articles([tmp_path], recursive=True)
    assert [a.id for a in articles] == ["story.txt"] and problems == []
