"""Event extraction scored against the project's own gold annotation of the seeds.

``python -m graph.evaluate.events [GOLD.json] [--check]`` prints precision and recall of
event mentions (type and sentence), of their actors and places, and the share of correct
dates, as ``name=value`` lines; with ``--check`` it exits non-zero when a figure is below
the thresholds stored beside the gold (``thresholds.json``).

Scoring, per article (the gold lists one entry per event per sentence that states it):

- a predicted mention *matches* a gold event when both are in the same article, have the
  same type, and the gold's ``sentence`` snippet lies inside the predicted mention's
  evidence sentence; among several candidates the one whose trigger overlaps the gold
  trigger wins; the matching is one-to-one;
- event precision = matched / predicted mentions, recall = matched / gold events;
- actors (agents) and places are compared on matched pairs, micro-averaged: a gold name
  and a predicted entity agree when their normalised forms are equal, or one is an alias
  of the other, or the gold name's last word is the entity's last word (a surname);
- actors are also scored at the level GDELT's CAMEO codes and ACLED's actor columns record
  them, the country an actor acts for (``actor_*_country``): a president or a ministry counts
  as its country, on both sides (gold names through the gazetteer, predictions through their
  entity), so "Volodymyr Zelensky" where the gold says "Ukraine" agrees there and not above;
- date accuracy = matched gold events with a date whose predicted begin, end and
  precision are all equal, over matched gold events with a date; ``date_accuracy_text`` leaves
  out the gold dates marked ``"basis": "world knowledge"`` (the text says "since the invasion
  began" and the gold supplies the invasion's date, which the extractor never invents);
  "invented dates" counts matched pairs where the gold has no date but a date was predicted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.gazetteer import normalise
from graph.records import Entity, Mention

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "seeds.json"


@dataclass(frozen=True)
class GoldEvent:
    """One event as the gold states it in one sentence of one article."""

    id: str
    article: str
    type: str
    sentence: str
    trigger: str
    agents: tuple[str, ...]
    places: tuple[str, ...]
    date: tuple[dt.date, dt.date, str] | None
    #: True when the gold date needs a fact the text does not give (the war's start).
    world_knowledge: bool = False
    #: Whom the event befell; tells apart the counts one trigger reports ("40,000 civilians and
    #: 100,000 soldiers were killed"), not scored.
    patients: tuple[str, ...] = ()


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EventReport:
    events: Counts = field(default_factory=Counts)
    agents: Counts = field(default_factory=Counts)
    #: Agents compared as the countries they act for (CAMEO-style actor codes).
    agent_countries: Counts = field(default_factory=Counts)
    places: Counts = field(default_factory=Counts)
    dates_gold: int = 0
    dates_right: int = 0
    #: Of those, the gold dates that need knowledge the text does not give, and how many were right.
    dates_world: int = 0
    dates_world_right: int = 0
    invented_dates: int = 0
    #: (gold id, what went wrong) for the misses, to read.
    misses: list[tuple[str, str]] = field(default_factory=list)
    #: (gold id, gold names against predicted keys) where agents or places differ, to read.
    role_misses: list[tuple[str, str]] = field(default_factory=list)
    #: Predicted mentions that match no gold event, to read.
    spurious: list[Mention] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates_gold if self.dates_gold else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "event_precision": self.events.precision,
            "event_recall": self.events.recall,
            "event_f1": self.events.f1,
            "agent_precision": self.agents.precision,
            "agent_recall": self.agents.recall,
            "agent_precision_country": self.agent_countries.precision,
            "agent_recall_country": self.agent_countries.recall,
            "place_precision": self.places.precision,
            "place_recall": self.places.recall,
            "date_accuracy": self.date_accuracy,
            "date_accuracy_text": self.date_accuracy_text,
        }

    @property
    def date_accuracy_text(self) -> float:
        """Date accuracy on the gold dates the article's text gives."""
        n = self.dates_gold - self.dates_world
        return (self.dates_right - self.dates_world_right) / n if n else 0.0


def load_gold(path: Path = GOLD) -> list[GoldEvent]:
    """The gold events of ``path`` (format: ``tests/gold/README.md``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for article in data["articles"]:
        for e in article["events"]:
            d = e.get("date")
            out.append(
                GoldEvent(
                    id=e["id"],
                    article=article["file"],
                    type=e["type"],
                    sentence=e["sentence"],
                    trigger=e.get("trigger") or "",
                    agents=tuple(e.get("agents") or ()),
                    places=tuple(e.get("places") or ()),
                    patients=tuple(e.get("patients") or ()),
                    date=(dt.date.fromisoformat(d["begin"]), dt.date.fromisoformat(d["end"]), d["precision"])
                    if d
                    else None,
                    world_knowledge=bool(d and d.get("basis") == "world knowledge"),
                )
            )
    return out


def names_agree(gold: str, entity: Entity) -> bool:
    """Whether a gold name denotes ``entity`` (same normalised name, an alias, or a surname)."""
    g = normalise(gold)
    forms = {normalise(entity.name), *(normalise(a) for a in entity.aliases)}
    if g in forms:
        return True
    last = g.split()[-1] if g else ""
    return bool(last) and len(last) > 3 and any(f.split()[-1:] == [last] for f in forms if f)


def score_names(gold: Sequence[str], predicted: Iterable[str], entities: Mapping[str, Entity]) -> Counts:
    ents = [entities[k] for k in dict.fromkeys(predicted) if k in entities]
    tp = sum(1 for g in gold if any(names_agree(g, e) for e in ents))
    return Counts(tp=tp, predicted=len(ents), gold=len(gold))


def score_countries(
    gold: Sequence[str], predicted: Iterable[str], country_of: Callable[[str], str]
) -> Counts:
    """Agents compared as the countries (or, for the stateless, the actors) they act for."""
    want = {country_of(g) for g in gold}
    got = {country_of(k) for k in predicted}
    return Counts(tp=len(want & got), predicted=len(got), gold=len(want))


def _add(total: Counts, part: Counts) -> None:
    total.tp += part.tp
    total.predicted += part.predicted
    total.gold += part.gold


def evaluate(
    gold: Sequence[GoldEvent],
    mentions: Sequence[Mention],
    texts: Mapping[str, str],
    entities: Mapping[str, Entity],
    country_of: Callable[[str], str] = normalise,
) -> EventReport:
    """Score ``mentions`` (pre-merge, with canonical keys) against ``gold``; see the module doc."""
    report = EventReport()
    report.events.predicted = len(mentions)
    report.events.gold = len(gold)
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    used: set[int] = set()
    for g in gold:
        text = texts.get(g.article, "")
        at = text.find(g.sentence)
        candidates = [
            m
            for m in by_article.get(g.article, [])
            if id(m) not in used
            and m.event_type == g.type
            and at >= 0
            and m.evidence.start <= at < m.evidence.end
        ]
        if not candidates:
            report.misses.append((g.id, f"no {g.type} found in: {g.sentence}"))
            continue
        # The trigger inside the gold's sentence first: the same word may occur just before it.
        trig = text.find(g.trigger, at, at + len(g.sentence)) if g.trigger else -1
        if trig < 0 and g.trigger:
            trig = text.find(g.trigger, max(at - 200, 0))

        on_trigger = [m for m in candidates if _overlaps(m, trig, len(g.trigger))] or candidates[:1]
        # Of the events one trigger reports, the one about the gold's patients.
        best = max(on_trigger, key=lambda m: score_names(g.patients, m.patients, entities).tp)
        used.add(id(best))
        report.events.tp += 1
        agents = score_names(g.agents, best.agents, entities)
        places = score_names(g.places, best.places, entities)
        _add(report.agents, agents)
        _add(report.agent_countries, score_countries(g.agents, best.agents, country_of))
        _add(report.places, places)
        for what, counts, gold_names, keys in (
            ("agents", agents, g.agents, best.agents),
            ("places", places, g.places, best.places),
        ):
            if counts.tp < counts.gold or counts.tp < counts.predicted:
                report.role_misses.append((g.id, f"{what} {list(gold_names)} but got {list(keys)}"))
        if g.date is not None:
            report.dates_gold += 1
            report.dates_world += g.world_knowledge
            got = (best.date.begin, best.date.end, best.date.precision.value) if best.date else None
            if got == g.date:
                report.dates_right += 1
                report.dates_world_right += g.world_knowledge
            else:
                report.misses.append((g.id, f"date {got} != gold {g.date}"))
        elif best.date is not None:
            report.invented_dates += 1
            report.misses.append((g.id, f"date {best.date.expression!r} where the gold has none"))
    report.spurious = [m for m in mentions if id(m) not in used]
    return report


def _overlaps(m: Mention, start: int, length: int) -> bool:
    return start >= 0 and m.trigger_start < start + length and start < m.trigger_end


def run(gold_path: Path = GOLD) -> EventReport:
    """Extract the seeds with the real pipeline and score them against the gold."""
    from graph.pipeline import Components, extract

    components = Components.load()
    extraction = extract([ROOT / "seeds"], components)
    mentions = [m for e in extraction.events for m in e.mentions]
    texts = {a.id: a.text for a in extraction.articles}
    gazetteer = components.gazetteer

    def country_of(name_or_key: str) -> str:
        entity = gazetteer.get(name_or_key) or gazetteer.lookup(name_or_key)
        if entity is None:
            return normalise(name_or_key)
        return gazetteer.affiliation(entity.key) or entity.key

    return evaluate(load_gold(gold_path), mentions, texts, extraction.entities, country_of)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--check", action="store_true", help="fail when below thresholds.json")
    parser.add_argument("--misses", action="store_true", help="list what was missed")
    args = parser.parse_args(argv)
    report = run(args.gold)
    if args.misses:
        for gid, why in report.misses:
            print(f"  {gid}: {why}")
        for gid, why in report.role_misses:
            print(f"  {gid}: {why}")
        for m in report.spurious:
            print(
                f"  spurious {m.article_id[:12]} {m.event_type} {m.trigger!r}: {m.evidence.sentence[:100]!r}"
            )
    e = report.events
    print(f"events: {e.tp} matched of {e.gold} gold and {e.predicted} predicted")
    print(
        f"dates: {report.dates_right} right of {report.dates_gold} ({report.dates_world} of them need"
        f" world knowledge); invented: {report.invented_dates}"
    )
    figures = report.figures()
    for name, value in figures.items():
        print(f"{name}={value:.3f}")
    if not args.check:
        return 0
    return check_floors(figures, args.gold.parent / "thresholds.json", "{:.3f}")


def check_floors(figures: Mapping[str, float], path: Path, fmt: str = "{}") -> int:
    """Print each figure below its floor in ``path`` (a JSON object; keys starting "_" are
    comments) to stderr; 1 when any is, else 0."""
    floors = json.loads(path.read_text(encoding="utf-8"))
    failed = [
        f"{k}={fmt.format(figures[k])} < {v}"
        for k, v in floors.items()
        if not k.startswith("_") and figures[k] < v
    ]
    for line in failed:
        print(f"below threshold: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
