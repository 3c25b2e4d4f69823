"""Per-article work on a Dask cluster (two local worker processes): the graph of a local build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip(
    "distributed", reason="Dask's distributed is not installed (the optional extra 'dask')"
)

from graph.errors import GraphError  # noqa: E402
from graph.pipeline import Components, build  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.fixture(scope="module")
def components() -> Components:
    return Components.load()


@pytest.fixture(scope="module")
def scheduler():
    """The address of a local cluster of two single-threaded worker processes."""
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """The seeds, and the first few MEANTIME articles when the corpora are beside the repository."""
    source = CORPORA / "meantime_en.jsonl"
    if not source.is_file():
        return [SEEDS]
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()][:4]
    path = tmp_path_factory.mktemp("dask") / "meantime.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert all(json.loads(line) for line in lines)
    return [SEEDS, path]


def test_a_dask_build_writes_the_graph_of_a_local_build(components, scheduler, inputs, tmp_path):
    local = build(inputs, tmp_path / "local", components=components)
    remote = build(inputs, tmp_path / "dask", components=components, scheduler=scheduler)
    assert remote.articles == local.articles >= 5
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()


def test_no_scheduler_at_the_address_is_one_clear_error(components, tmp_path):
    import dask

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        pytest.raises(GraphError, match="no Dask scheduler reached"),
    ):
        build([SEEDS], tmp_path / "out", components=components, scheduler="tcp://127.0.0.1:9")
