"""Atomic file output (graph.atomic): a long text is written in pieces, byte for byte."""

from __future__ import annotations

from graph.atomic import _TEXT_CHUNK, atomic_write_text


def test_a_text_longer_than_a_piece_is_written_whole(tmp_path):
    # Non-ASCII on both sides of a piece's end, and a line end across it.
    text = "a" * (_TEXT_CHUNK - 2) + "é\n🇺🇦" + "Zürich\n" * 1000
    path = tmp_path / "page.html"
    atomic_write_text(path, text)
    assert path.read_bytes() == text.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_a_file_written_without_fsync_is_whole_and_replaces_the_old(tmp_path):
    path = tmp_path / "a.json"
    path.write_text("old")
    atomic_write_text(path, "new é", durable=False)
    assert path.read_text(encoding="utf-8") == "new é"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
