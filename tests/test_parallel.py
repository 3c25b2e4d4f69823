"""Per-article work on worker processes: the same records, the same graph bytes as one process."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from graph.errors import GraphError
from graph.parallel import (
    MAX_CHUNK,
    ArticleResolver,
    PoolExtractor,
    WorkerSpec,
    chunked,
    extract_chunk,
    extract_in_worker,
)
from graph.pipeline import Components, build, read

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
#: ECB+ documents whose extraction changed with the names of the articles before them when one
#: resolver served a whole build (they must not: workers see no other article).
ECB_IDS = ("2_8ecb", "3_2ecbplus", "13_13ecb", "14_8ecb")


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """The seeds and a handful of ECB+ documents (a JSONL file of them)."""
    source = CORPORA / "ecbplus_dev.jsonl"
    if not source.is_file():
        pytest.skip(f"{source} is absent; the corpora are cloned beside the repository")
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    picked = [line for line in lines if str(json.loads(line).get("doc_id")) in ECB_IDS]
    assert len(picked) == len(ECB_IDS)
    path = tmp_path_factory.mktemp("parallel") / "ecb.jsonl"
    path.write_text("\n".join(picked) + "\n", encoding="utf-8")
    return [SEEDS, path]


def test_an_article_is_extracted_the_same_alone_or_after_others(components, inputs):
    articles, _ = read(inputs)
    together = list(extract_chunk(articles, components))
    alone = [x for a in articles for x in extract_chunk([a], components)]
    assert [x.article.id for x in together] == [a.id for a in articles]
    assert together == alone


def test_worker_processes_give_the_records_of_this_process(components, inputs):
    articles, _ = read(inputs)
    here = list(extract_chunk(articles, components))
    # help_starting=False: every chunk given to the worker comes from it, however long it starts.
    pooled = list(PoolExtractor(components, 2, help_starting=False)(articles))
    assert pooled == here


def test_jobs_1_and_2_write_the_same_graph_bytes(components, inputs, tmp_path):
    one = build(inputs, tmp_path / "one", components=components, jobs=1)
    two = build(inputs, tmp_path / "two", components=components, jobs=2)
    assert one.articles == two.articles == 5 + len(ECB_IDS)
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()
    assert (tmp_path / "one" / "graph.trig").read_bytes() == (tmp_path / "two" / "graph.trig").read_bytes()


def test_chunks_keep_input_order_and_cover_everything():
    items = list(range(1000))
    for workers in (1, 2, 3, 8):
        chunks = chunked(items, workers)
        assert [i for c in chunks for i in c] == items
        assert max(len(c) for c in chunks) <= MAX_CHUNK
    assert chunked([], 2) == []
    assert chunked([1, 2, 3], 2) == [[1], [2], [3]]


def test_the_article_resolver_forgets_other_articles(components):
    from graph.entities import NameMention

    resolver = ArticleResolver(components.gazetteer)
    [key] = resolver.resolve("a", [NameMention("Zorblax Quint", "ORG", 0, 13)])
    assert key is not None and resolver.kind(key) is not None
    resolver.resolve("b", [])
    assert resolver.kind(key) is None  # "b" named nobody; what "a" said does not count
    assert set(resolver.names) == {"a", "b"}


def test_hand_made_components_cannot_go_to_workers(components):
    with pytest.raises(GraphError, match="Components.load"):
        WorkerSpec.of(replace(components, model=None))


def test_a_worker_with_another_pipeline_refuses(components, monkeypatch):
    import graph.parallel

    # The worker's cache holds the components already loaded here, so nothing is loaded again.
    monkeypatch.setitem(graph.parallel._LOADED, components.model, components)
    with pytest.raises(GraphError, match="same version"):
        extract_in_worker(WorkerSpec(components.model, "0" * 16), [])


def test_jobs_below_one_are_refused(components):
    with pytest.raises(ValueError, match="at least 1"):
        PoolExtractor(components, 0)


def test_freed_memory_is_handed_back_between_articles_without_changing_records(
    components, inputs, monkeypatch
):
    import graph.parallel as parallel

    articles, _ = read(inputs)
    plain = list(extract_chunk(articles, components))
    calls: list[int] = []
    monkeypatch.setattr(parallel, "RELEASE_EVERY", 2)
    monkeypatch.setattr(parallel, "release_memory", lambda: calls.append(1))
    trimmed = list(extract_chunk(articles, components))
    assert trimmed == plain
    assert len(calls) == len(articles) // 2
