"""RDF and network exports of a real seed build, read back with rdflib and networkx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.errors import OutputError
from graph.export.formats import FORMATS, GRAPH_FORMATS, export, network_graph
from graph.query import load_graph
from graph.rdf import MERGED

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("formats") / "out"
    build([SEEDS], out)
    return out


@pytest.fixture(scope="module")
def merged(built) -> Graph:
    return load_graph(built)


@pytest.mark.parametrize(("fmt", "parser"), [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_merged_graph_formats_read_back_equal(built, merged, fmt, parser):
    path = export(built, fmt)
    assert path == built / "export" / f"graph.{FORMATS[fmt]}"
    back = Graph().parse(path, format=parser)
    assert len(back) == len(merged) > 1000
    assert isomorphic(back, merged)


@pytest.mark.parametrize(("fmt", "parser"), [("trig", "trig"), ("nquads", "nquads")])
def test_dataset_formats_keep_every_named_graph(built, fmt, parser):
    original = Dataset()
    original.parse(built / "graph.trig", format="trig")
    back = Dataset()
    back.parse(export(built, fmt), format=parser)
    names = {g.identifier for g in original.graphs() if len(g)}
    assert {g.identifier for g in back.graphs() if len(g)} == names and MERGED in names
    for name in names:
        assert isomorphic(back.graph(name), original.graph(name)), name


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_network_formats_read_back_with_nodes_classes_and_roles(built, merged, fmt):
    path = export(built, fmt)
    net = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    expected = network_graph(merged)
    assert set(net.nodes) == set(expected.nodes)
    assert set(net.edges) == set(expected.edges)
    classes = {attrs["class"] for _, attrs in net.nodes(data=True)}
    assert {"Event", "Place", "Country", "Person"} <= classes
    for node, attrs in expected.nodes(data=True):
        assert net.nodes[node]["label"] == attrs["label"]
    roles = {attrs["role"] for _, _, attrs in net.edges(data=True)}
    assert "place" in roles and any("agent" in r for r in roles)
    # Every edge goes from an event to a participant or place.
    assert all(expected.nodes[u]["class"] == "Event" != expected.nodes[v]["class"] for u, v in expected.edges)


def test_exports_are_the_same_bytes_in_any_process(built, tmp_path):
    script = (
        "import sys\nfrom graph.export.formats import FORMATS, export\n"
        "for fmt in FORMATS:\n    export(sys.argv[1], fmt, f'{sys.argv[2]}/{fmt}')\n"
    )
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        subprocess.run([sys.executable, "-c", script, str(built), str(folder)], check=True, cwd=ROOT, env=env)
        outputs.append({fmt: (folder / fmt).read_bytes() for fmt in FORMATS})
    for fmt in FORMATS:
        assert outputs[0][fmt] == outputs[1][fmt], fmt
    assert b"lastmodifieddate" not in outputs[0]["gexf"]


def test_unknown_format_names_the_known_ones(built):
    with pytest.raises(OutputError, match="graphml"):
        export(built, "rdfxml")
