"""The command line, run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def evkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli")
    proc = evkg("build", str(SEEDS), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out


def test_help_lists_the_commands():
    proc = evkg("--help")
    assert proc.returncode == 0
    assert "build" in proc.stdout and "query" in proc.stdout


def test_build_prints_a_summary(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2022-11-10\n\nRussia withdrew from Kherson on Wednesday.\n")
    proc = evkg("build", str(src), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "1 articles" in proc.stdout and "events" in proc.stdout and "triples" in proc.stdout


def test_skipped_input_gives_one_line_and_exit_status_3(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2022-11-10\n\nRussia withdrew from Kherson on Wednesday.\n")
    (src / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    proc = evkg("build", str(src), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 3
    lines = [line for line in proc.stderr.splitlines() if "bad.txt" in line]
    assert len(lines) == 1 and lines[0].startswith("skipped:")
    assert "Traceback" not in proc.stderr
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_named_timeline_lists_events_in_date_order(built):
    proc = evkg("query", "--named", "timeline", "--graph", str(built), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert "Kherson" in proc.stdout
    known = [r["date"] for r in rows if r["date"]]
    assert known == sorted(known) and len(known) >= 5


def test_named_timeline_page(built):
    whole = evkg("query", "--named", "timeline", "--graph", str(built), "--format", "csv")
    paged = ("query", "--named", "timeline-page", "--graph", str(built))
    second = evkg(*paged, "--page", "2", "--page-size", "5")
    assert second.returncode == 0, second.stderr
    events = [line.split(",", 1)[0] for line in whole.stdout.splitlines()[1:]]
    assert [line.split()[0] for line in second.stdout.splitlines()[2:-1]] == events[5:10]
    far = evkg(*paged, "--page", "999", "--format", "csv")
    assert far.returncode == 0 and far.stdout.strip() == whole.stdout.splitlines()[0]


@pytest.mark.parametrize("page", ["0", "two", "-1"])
def test_a_bad_page_number_is_one_line(built, page):
    proc = evkg("query", "--named", "timeline-page", "--page", page, "--graph", str(built))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"error: page number '{page}': expected a whole number from 1\n"


def test_query_formats(built):
    text = "SELECT ?l WHERE { ?e a sem:Event ; rdfs:label ?l } ORDER BY ?l LIMIT 3"
    table = evkg("query", "-e", text, "--graph", str(built))
    assert table.returncode == 0 and "(3 rows)" in table.stdout
    result = json.loads(evkg("query", "-e", text, "--graph", str(built), "--format", "json").stdout)
    assert len(result["results"]["bindings"]) == 3


def test_query_file_and_bind(built, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?l WHERE { ?a a sem:Actor ; rdfs:label ?l . FILTER(?l = ?name) }")
    proc = evkg("query", str(rq), "--graph", str(built), "--bind", "name=Russia")
    assert proc.returncode == 0, proc.stderr
    assert "Russia" in proc.stdout and "(1 rows)" in proc.stdout


def test_bad_query_names_line_and_column_without_traceback(built):
    proc = evkg("query", "-e", "SELECT ?x WHERE {\n ?x ?y \n", "--graph", str(built))
    assert proc.returncode == 2
    assert proc.stderr.startswith("error:") and "line" in proc.stderr and "column" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_named_query_lists_known_ones(built):
    proc = evkg("query", "--named", "nope", "--graph", str(built))
    assert proc.returncode == 2 and "timeline" in proc.stderr


def test_query_without_a_build_says_so(tmp_path):
    proc = evkg("query", "--named", "timeline", "--graph", str(tmp_path))
    assert proc.returncode == 2 and "no graph.t" in proc.stderr and "Traceback" not in proc.stderr


def test_same_input_same_bytes_across_processes(tmp_path):
    import os

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        proc = subprocess.run(
            [sys.executable, "-m", "graph", "build", str(SEEDS), "--out", str(out), "--quiet"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(out)
    for name in ("graph.ttl", "graph.trig", "timeline.html", "network.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_jobs_must_be_a_positive_number(tmp_path):
    for value in ("0", "-1", "two"):
        proc = evkg("build", str(SEEDS), "--out", str(tmp_path / "out"), "--jobs", value)
        assert proc.returncode == 2 and "--jobs" in proc.stderr and "at least 1" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_jobs_and_scheduler_are_one_or_the_other(tmp_path):
    proc = evkg(
        "add", str(SEEDS), "--out", str(tmp_path), "--jobs", "2", "--scheduler", "tcp://127.0.0.1:8786"
    )
    assert proc.returncode == 2 and "not allowed with" in proc.stderr


def test_jobs_2_writes_the_graph_of_jobs_1(tmp_path):
    for jobs in ("1", "2"):
        proc = evkg("build", str(SEEDS), "--out", str(tmp_path / jobs), "--quiet", "--jobs", jobs)
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "1" / "graph.ttl").read_bytes() == (tmp_path / "2" / "graph.ttl").read_bytes()
