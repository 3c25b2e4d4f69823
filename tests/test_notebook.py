"""The exploration notebook runs top to bottom on the seeds and shows what it says it shows.

The notebook is executed once per session with nbclient in a kernel started from this
interpreter (a kernelspec written to a temp folder, so no machine-wide kernel is used), with
``EVKG_OUT`` pointing at a temp folder so nothing is written into the repository.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import struct
import sys
from pathlib import Path

import pytest

from graph.errors import OutputError
from graph.notebook import OUT_ENV, InlinePage, find_root, output_dir

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "evkg-notebook-test"
_SRCDOC = re.compile(r'<iframe srcdoc="([^"]*)"')


# --- helpers (fast, no kernel) ---------------------------------------------------------------


def test_find_root_from_root_and_from_notebooks() -> None:
    assert find_root(ROOT) == ROOT
    assert find_root(ROOT / "notebooks") == ROOT


def test_find_root_names_the_folder_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=re.escape(str(tmp_path))):
        find_root(tmp_path)


def test_output_dir_defaults_to_out_and_honours_the_variable(tmp_path: Path) -> None:
    assert output_dir(ROOT, env={}) == ROOT / "out"
    assert output_dir(ROOT, env={OUT_ENV: "  "}) == ROOT / "out"
    assert output_dir(ROOT, env={OUT_ENV: str(tmp_path)}) == tmp_path
    assert output_dir(ROOT, env={OUT_ENV: "build/x"}) == ROOT / "build" / "x"


def test_inline_page_escapes_the_whole_page_into_srcdoc() -> None:
    page = '<p title="a">x &amp; y</p></iframe><script>alert("\'")</script>'
    shown = InlinePage(page, height=300)._repr_html_()
    # One iframe, closed once, whose attribute decodes back to the page byte for byte.
    assert shown.count("<iframe") == 1 and shown.count("</iframe>") == 1
    match = _SRCDOC.search(shown)
    assert match is not None and html.unescape(match.group(1)) == page
    assert 'sandbox="allow-scripts' in shown and "height:300px" in shown
    assert "alert" not in repr(InlinePage(page))


def test_inline_page_from_a_missing_file_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="build first"):
        InlinePage.from_file(tmp_path / "timeline.html")


# --- the notebook, executed ------------------------------------------------------------------


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    """The notebook after a full run, as a dict of cell id → cell, and the folder it built into."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    tmp = tmp_path_factory.mktemp("notebook")
    # A kernelspec naming this interpreter, in a folder only this test reads: the kernel is the
    # venv's python whatever kernels the machine or the user has installed.
    spec_dir = tmp / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "evkg test kernel",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    specs = KernelSpecManager(kernel_dirs=[str(tmp / "kernels")], ensure_native_kernel=False)
    km = KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)

    nb = nbformat.read(NOTEBOOK, as_version=4)
    # One extra cell reports which interpreter ran the notebook.
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.prefix)", id="interpreter-check"))
    out = tmp / "out"
    client = nbclient.NotebookClient(
        nb, km=km, timeout=120, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    env = {**os.environ, OUT_ENV: str(out)}
    client.execute(env=env)
    nbformat.write(nb, tmp / "executed.ipynb")
    return {cell.id: cell for cell in nb.cells}, out


def _outputs(cell: dict, kind: str) -> list[str]:
    """The text of every output of ``cell`` with MIME type ``kind`` (``stream`` for printed text)."""
    found = []
    for output in cell.get("outputs", []):
        if kind == "stream" and output["output_type"] == "stream":
            found.append(output["text"])
        elif kind in output.get("data", {}):
            found.append(output["data"][kind])
    return found


def _table_rows(cell: dict) -> int:
    tables = _outputs(cell, "text/html")
    assert tables, f"cell {cell['id']} shows no table"
    return sum(table.split("<tbody>", 1)[-1].count("<tr") for table in tables if "<tbody>" in table)


def test_every_cell_ran_without_error(executed) -> None:
    cells, _ = executed
    for cell in cells.values():
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o["output_type"] == "error"]
        assert not errors, f"cell {cell.id}: {errors[0]['ename']}: {errors[0]['evalue']}"
        assert cell.execution_count is not None, f"cell {cell.id} did not run"


def test_kernel_is_this_interpreter(executed) -> None:
    cells, _ = executed
    assert "".join(_outputs(cells["interpreter-check"], "stream")).strip() == sys.prefix


def test_build_went_to_the_folder_named_by_the_environment(executed) -> None:
    cells, out = executed
    summary = "".join(_outputs(cells["build"], "stream"))
    assert re.search(r"\b5 articles, \d+ events", summary), summary
    assert str(out) in summary
    for name in ("graph.ttl", "graph.trig", "timeline.html", "network.html"):
        assert (out / name).is_file()


@pytest.mark.parametrize(
    ("cell_id", "page"), [("timeline-view", "timeline.html"), ("network-view", "network.html")]
)
def test_views_are_inline_iframes_of_the_built_pages(executed, cell_id: str, page: str) -> None:
    cells, out = executed
    (shown,) = _outputs(cells[cell_id], "text/html")
    match = _SRCDOC.search(shown)
    assert match is not None, shown[:200]
    assert html.unescape(match.group(1)) == (out / page).read_text(encoding="utf-8")
    assert "sandbox=" in shown
    # The plain-text fallback names the page instead of dumping it.
    (plain,) = _outputs(cells[cell_id], "text/plain")
    assert len(plain) < 200


def test_timeline_table_lists_dated_events(executed) -> None:
    cells, _ = executed
    (table,) = _outputs(cells["timeline-table"], "text/html")
    assert "Kherson" in table
    assert re.search(r"<td>2022-11-\d\d</td>", table)
    assert _table_rows(cells["timeline-table"]) >= 5
    assert re.search(r"^\d+ events, \d+ of them dated", "".join(_outputs(cells["timeline-table"], "stream")))


def test_query_tables_have_rows(executed) -> None:
    cells, _ = executed
    assert _table_rows(cells["queries"]) >= 9  # one row per named query
    for cell_id in ("statements", "quotes", "figures"):
        assert _table_rows(cells[cell_id]) >= 1, cell_id
    # Contested figures are a table, or a sentence saying there are none: never an error.
    contested = cells["contested-figures"]
    if "No contested figures" not in "".join(_outputs(contested, "stream")):
        assert _table_rows(contested) >= 1
    assert "casualties" in "".join(_outputs(cells["figures"], "text/html"))


def test_most_reported_event_shows_its_sentences(executed) -> None:
    cells, _ = executed
    header = "".join(_outputs(cells["evidence"], "stream"))
    match = re.search(r"reported by (\d+) of 5 articles", header)
    assert match is not None and int(match.group(1)) >= 3, header
    # At least one sentence from each reporting article.
    assert _table_rows(cells["evidence"]) >= int(match.group(1))
    (table,) = _outputs(cells["evidence"], "text/html")
    assert len(set(re.findall(r"\d{3}_[0-9a-f]{16}\.txt", table))) == int(match.group(1))


def test_centrality_table_ranks_actors(executed) -> None:
    cells, _ = executed
    summary = "".join(_outputs(cells["centrality"], "stream"))
    assert re.search(r"\d+ actors, \d+ co-occurring pairs", summary)
    (table,) = _outputs(cells["centrality"], "text/html")
    assert "betweenness" in table and "degree centrality" in table
    assert _table_rows(cells["centrality"]) >= 5


def test_chart_is_an_inline_png(executed) -> None:
    cells, _ = executed
    (png,) = _outputs(cells["chart"], "image/png")
    data = base64.b64decode(png)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 300


def test_inline_views_render_offline_in_a_browser(executed, open_offline, tmp_path: Path) -> None:
    """The iframes' scripts run in the browser and nothing is fetched from the network."""
    cells, _ = executed
    frames = "".join(
        _outputs(cells["timeline-view"], "text/html") + _outputs(cells["network-view"], "text/html")
    )
    path = tmp_path / "views.html"
    path.write_text(f"<!doctype html><meta charset=utf-8><body>{frames}</body>", encoding="utf-8")
    page, log = open_offline(path)
    timeline, network = (frame for frame in page.frames if frame != page.main_frame)
    timeline.wait_for_selector("svg .mark", timeout=10_000)
    network.wait_for_selector("canvas", timeout=10_000)
    assert not log.requests and not log.page_errors and not log.console_errors, log
