"""The hand-written gold annotation of the seeds (tests/gold/seeds.json) is well formed and anchored
in the article texts: every file exists, every sentence and trigger is copied verbatim, every type,
date, factuality and figure uses the allowed vocabulary."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

HERE = Path(__file__).parent
GOLD = HERE / "gold" / "seeds.json"
SEEDS = HERE.parent / "seeds"
EVENT_TYPES_TTL = HERE.parent / "ontology" / "event-types.ttl"
EVT = Namespace("https://w3id.org/evkg/type/")
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

EVENT_TYPES = set(
    "Statement Announcement Appeal Threat Criticism Negotiation Aid Withdrawal Capture Attack Fighting"
    " Annexation Casualties Evacuation Sanction Election Invasion Protest".split()
)
PRECISIONS = {"day", "week", "month", "year", "approximate"}
FACTUALITIES = {"asserted", "negated", "hypothetical", "future"}
QUALIFIERS = {"more than", "at least", "about", "nearly", "up to", "less than", "range", "vague", None}
EVENT_KEYS = set(
    "id real_event type sentence trigger agents patients places date factuality topic according_to"
    " figures".split()
)
FIGURE_KEYS = {"value", "low", "high", "unit", "qualifier", "given_by", "text"}


def _gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _events() -> list[tuple[str, dict[str, Any]]]:
    return [(a["file"], e) for a in _gold()["articles"] for e in a["events"]]


def _text(file: str) -> str:
    return (SEEDS / file).read_text(encoding="utf-8")


def test_gold_parses_and_covers_every_seed() -> None:
    gold = _gold()
    assert isinstance(gold["about"], str) and gold["about"]
    files = [a["file"] for a in gold["articles"]]
    assert sorted(files) == sorted(p.name for p in SEEDS.glob("*.txt"))
    meta = {a["file"]: a["published"] for a in json.loads((SEEDS / "articles.json").read_text())["articles"]}
    for article in gold["articles"]:
        assert (SEEDS / article["file"]).is_file()
        assert article["published"] == meta[article["file"]]
        assert article["events"], article["file"]


def test_ids_are_unique_and_name_their_article() -> None:
    ids = [e["id"] for _, e in _events()]
    assert len(ids) == len(set(ids))
    for file, event in _events():
        assert event["id"].startswith(file[:3] + "-"), event["id"]


@pytest.mark.parametrize(("file", "event"), _events(), ids=lambda v: v["id"] if isinstance(v, dict) else "")
def test_event_is_anchored_and_well_typed(file: str, event: dict[str, Any]) -> None:
    text = _text(file)
    assert set(event) == EVENT_KEYS
    assert event["sentence"] in text
    assert 20 <= len(event["sentence"]) <= 80
    assert event["trigger"] in text
    # Stricter than needed, so an evaluator can locate the trigger from the sentence alone.
    assert event["trigger"] in event["sentence"]
    assert event["type"] in EVENT_TYPES
    assert event["topic"] is None or event["topic"] in EVENT_TYPES
    assert event["factuality"] in FACTUALITIES
    for role in ("agents", "patients", "places"):
        assert all(isinstance(name, str) and name for name in event[role])
    assert event["according_to"] is None or isinstance(event["according_to"], str)
    for figure in event["figures"]:
        assert set(figure) == FIGURE_KEYS
        assert figure["text"] in text
        assert figure["qualifier"] in QUALIFIERS
        assert isinstance(figure["value"], int | float) and figure["unit"]
        if figure["low"] is not None and figure["high"] is not None:
            assert figure["low"] <= figure["value"] <= figure["high"]


@pytest.mark.parametrize(("file", "event"), _events(), ids=lambda v: v["id"] if isinstance(v, dict) else "")
def test_date_is_valid(file: str, event: dict[str, Any]) -> None:
    date = event["date"]
    if date is None:
        return
    assert set(date) - {"basis"} == {"begin", "end", "precision", "expression"}
    assert date.get("basis", "world knowledge") == "world knowledge"
    begin = dt.date.fromisoformat(date["begin"])
    end = dt.date.fromisoformat(date["end"])
    assert begin <= end
    assert date["precision"] in PRECISIONS
    if date["precision"] == "day":
        assert begin == end
    if date["expression"] is not None:
        assert date["expression"] in _text(file)


def _speech_act_types() -> set[str]:
    """Statement and its narrower concepts in the ontology (Announcement, Appeal, Threat, Criticism)."""
    graph = Graph().parse(EVENT_TYPES_TTL)
    narrower = {str(s).removeprefix(str(EVT)) for s in graph.subjects(SKOS.broader, EVT.Statement)}
    return narrower | {"Statement"}


def test_real_event_ids_are_kebab_case() -> None:
    for _, event in _events():
        real = event["real_event"]
        assert isinstance(real, str) and KEBAB.fullmatch(real), (event["id"], real)


def test_entries_of_one_real_event_have_compatible_types() -> None:
    speech_acts = _speech_act_types()
    assert {"Announcement", "Appeal"} <= speech_acts
    types: dict[str, set[str]] = {}
    for _, event in _events():
        types.setdefault(event["real_event"], set()).add(event["type"])
    for real, found in types.items():
        assert len(found) == 1 or found <= speech_acts, (real, found)


def test_real_events_cross_articles() -> None:
    """The clusters do what they are for: the story's main events are shared by several articles."""
    articles: dict[str, set[str]] = {}
    for file, event in _events():
        articles.setdefault(event["real_event"], set()).add(file)
    assert len(articles["russia-announces-kherson-withdrawal-2022-11-09"]) == 5
    assert len(articles["russia-withdraws-from-kherson-2022-11"]) == 5
    assert sum(len(files) >= 2 for files in articles.values()) >= 10
