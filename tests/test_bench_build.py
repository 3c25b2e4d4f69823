"""The build benchmark's machinery on a tiny input: its lines exist and parse (no timing asserted)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.evaluate.bench_build import (
    CORPUS_FILES,
    STAGES,
    StageClock,
    fit_exponent,
    instrumented,
    main,
    scaled,
)

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def test_scaled_copies_have_new_ids_and_shifted_dates() -> None:
    records = [
        {"doc_id": "a", "dct": "2008-03-01", "text": "One."},
        {"doc_id": "b", "dct": None, "text": "Two."},
        {"doc_id": "c", "dct": "03-02-2009", "text": "Three."},
    ]
    out = scaled(records, 7)
    assert [r["doc_id"] for r in out] == ["a", "b", "c", "a#copy1", "b#copy1", "c#copy1", "a#copy2"]
    assert [r["dct"] for r in out] == [
        "2008-03-01", None, "03-02-2009", "2008-03-02", None, "03-02-2009", "2008-03-03"
    ]  # fmt: skip
    assert all(r["text"] == records[i % 3]["text"] for i, r in enumerate(out))


@given(st.integers(min_value=1, max_value=7), st.integers(min_value=0, max_value=40))
def test_scaled_ids_are_unique(k: int, n: int) -> None:
    records = [{"doc_id": str(i), "dct": "2020-01-31", "text": f"Text {i}."} for i in range(k)]
    out = scaled(records, n)
    assert len(out) == n
    assert len({r["doc_id"] for r in out}) == n


def test_scaled_needs_records() -> None:
    with pytest.raises(ValueError, match="at least one"):
        scaled([], 3)


def test_fit_exponent_recovers_power_law() -> None:
    sizes = [100, 1000, 10000]
    assert fit_exponent(sizes, [3 * n**1.2 for n in sizes]) == pytest.approx(1.2)
    with pytest.raises(ValueError, match="two different sizes"):
        fit_exponent([100, 100], [1.0, 2.0])


def test_stage_clock_counts_nested_stages_apart() -> None:
    clock = StageClock()
    with clock.stage("outer"):
        with clock.stage("inner"):
            sum(range(10_000))
        sum(range(10_000))
    assert set(clock.seconds) == {"outer", "inner"}
    assert all(s >= 0 for s in clock.seconds.values())


@dataclass
class _Parts:
    nlp: object = None
    dates: object = None
    figures: object = None


def test_instrumented_puts_the_pipeline_back() -> None:
    import graph.entities
    import graph.pipeline

    read, resolve = graph.pipeline.read, graph.entities.EntityResolver.resolve
    with pytest.raises(RuntimeError, match="stop"), instrumented(_Parts(), StageClock()) as timed:
        assert graph.pipeline.read is not read
        assert isinstance(timed, _Parts)
        raise RuntimeError("stop")
    assert graph.pipeline.read is read
    assert graph.entities.EntityResolver.resolve is resolve


def test_benchmark_lines_on_a_tiny_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not all((CORPORA / name).is_file() for name in CORPUS_FILES):
        pytest.skip(f"corpora not found at {CORPORA} (the shared corpora folder sits beside the repo)")
    for name in CORPUS_FILES:  # three articles of each corpus
        with open(CORPORA / name, encoding="utf-8") as handle:
            lines = [next(handle) for _ in range(3)]
        (tmp_path / name).write_text("".join(lines), encoding="utf-8")
        assert all(json.loads(line)["text"] for line in lines)

    assert main(["--corpora", str(tmp_path), "--sizes", "corpora,12"]) == 0
    out = dict(line.split("=", 1) for line in capsys.readouterr().out.splitlines() if "=" in line)

    assert float(out["ratio_to_spacy_parse"]) > 0
    assert math.isfinite(float(out["scale_exponent"]))
    assert float(out["articles_per_s"]) > 0
    assert float(out["peak_rss_mb"]) > 0
    assert out["peak_memory_method"] in {"VmHWM", "ru_maxrss"}
    assert out["duplicates"] == "off"
    for size in (6, 12):
        # every copy is built as an article of its own
        assert out[f"size_{size}_articles"] == str(size)
        for stage in (*STAGES, "other"):
            assert float(out[f"size_{size}_stage_{stage}_s"]) >= 0
    # spaCy's parse alone is timed at the largest size only, by default
    assert "size_6_ratio" not in out
    assert float(out["size_12_spacy_parse_s"]) > 0
    assert float(out["size_12_ratio"]) == pytest.approx(float(out["ratio_to_spacy_parse"]))
    assert float(out["total_run_s"]) >= 0
    # the largest size again on two processes: the memory of both counts
    assert out["jobs"] == "2" and float(out["jobs_build_s"]) > 0
    assert float(out["jobs_peak_tree_rss_mb"]) > float(out["size_12_peak_rss_mb"])


def test_tree_memory_counts_the_worker_processes() -> None:
    import subprocess
    import sys
    import time

    from graph.evaluate.stages import PeakSampler, resident_mb, tree_resident_mb

    holds = "import time; b = b'x' * (200 * 2**20); print(1, flush=True); time.sleep(60)"
    child = subprocess.Popen(
        [sys.executable, "-c", holds],
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"1"
        with PeakSampler(interval=0.05) as sampler:
            time.sleep(0.2)
        alone = resident_mb()
        assert tree_resident_mb() - alone > 190
        assert sampler.peak_mb - alone > 190
        assert tree_resident_mb(child.pid) > 190  # a process's own tree
    finally:
        child.kill()
        child.wait()
    assert tree_resident_mb() - resident_mb() < 190
