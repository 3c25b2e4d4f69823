from __future__ import annotations

from pathlib import Path

import pytest

from graph.evaluate.timex import evaluate, main, read_gold

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "meantime_en.jsonl"


@pytest.fixture(scope="module")
def report():
    if not CORPUS.is_file():
        pytest.skip(f"MEANTIME corpus not found at {CORPUS} (the shared corpora folder sits beside the repo)")
    return evaluate(CORPUS)


def test_every_date_timex_is_counted(report):
    assert report.n + report.no_text == 438  # MEANTIME English: 438 TIMEX3 of type DATE
    assert sum(report.by_form.values()) == report.n


def test_ours_beats_dateparser_on_the_same_gold(report):
    assert report.accuracy > report.baseline_accuracy
    # Strict: values a date span cannot express (PAST_REF, durations, XXXX...) count as misses.
    assert report.accuracy >= 0.78
    # On the gold values a date span can express, past HeidelTime's reported ~0.86.
    assert report.accuracy_expressible >= 0.86


def test_main_prints_a_readable_score(tmp_path, capsys):
    if not CORPUS.is_file():
        pytest.skip(f"MEANTIME corpus not found at {CORPUS}")
    sample = tmp_path / "sample.jsonl"  # three documents keep this fast
    sample.write_text("".join(CORPUS.open(encoding="utf-8").readlines()[:3]), encoding="utf-8")
    assert main([str(sample)]) == 0
    out = capsys.readouterr().out
    assert "timex_accuracy=0." in out and "accuracy dateparser" in out


def test_gold_forms():
    assert (read_gold("2009-W13").begin.isoformat(), read_gold("2009-W13").end.isoformat()) == (
        "2009-03-23", "2009-03-29")
    assert read_gold("2008-W42-WE").begin.isoformat() == "2008-10-18"
    assert read_gold("2009-Q3").end.isoformat() == "2009-09-30"
    assert read_gold("197").end.isoformat() == "1979-12-31"
    assert read_gold("2008-01-09TMO").granularity == "day"
    assert not read_gold("PRESENT_REF").expressible
    assert read_gold("P9D").form == "duration"


def test_missing_path_is_named(tmp_path, capsys):
    assert main([str(tmp_path / "absent.jsonl")]) == 2
    assert "absent.jsonl" in capsys.readouterr().err
