"""Cross-article merging scored against the gold's real events (``real_event`` in the seeds gold).

``python -m graph.evaluate.merging [GOLD.json] [--check]`` runs the real pipeline on the seeds,
matches predicted mentions to gold entries exactly as :mod:`graph.evaluate.events` does, puts
each matched gold entry in the merged node (:class:`~graph.records.Event`) holding its mention,
and compares those nodes with the gold's real events over the matched entries:

- MUC, B³, CEAF-e and the CoNLL F1 (:mod:`graph.evaluate.coref`), in percent;
- *split*: real events whose matched entries lie in more than one node;
- *merged wrongly*: nodes holding matched entries of more than one real event;
- real events the gold finds in two or more articles; how many of them have *one node* holding
  their matched entries from every article the gold lists (other entries may be elsewhere), and
  how many are *whole*: one node with all their matched entries, from every article.

It prints the lists, then ``name=value`` lines; with ``--check`` it exits non-zero when a figure
is below the floors stored beside the gold (``merge_thresholds.json``). Gold entries the
extractor missed are left out of the scores (their merging cannot be judged), so the scores
measure merging alone; the event recall of ``graph.evaluate.events`` says how many there are.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.evaluate.coref import CorefScores, score
from graph.evaluate.events import GOLD, ROOT, GoldEvent, check_floors, evaluate, load_gold
from graph.records import Entity, Event, Mention

THRESHOLDS = "merge_thresholds.json"


@dataclass(frozen=True)
class MergeReport:
    """How the merged nodes compare with the gold's real events, over the matched gold entries."""

    scores: CorefScores
    gold_entries: int
    matched: int
    #: Real events with at least one matched entry, and the nodes holding matched entries.
    real_events: int
    nodes: int
    #: real event → node id → the gold ids it holds, for real events spread over several nodes.
    split: dict[str, dict[str, tuple[str, ...]]]
    #: node id → real event → the gold ids it holds, for nodes holding several real events.
    merged_wrongly: dict[str, dict[str, tuple[str, ...]]]
    #: Real events the gold finds in two or more articles; those of them with a node holding
    #: entries of all their articles; those whose matched entries are all in that one node.
    cross_article: tuple[str, ...]
    cross_article_one_node: tuple[str, ...]
    cross_article_whole: tuple[str, ...]

    def figures(self) -> dict[str, float]:
        out = self.scores.figures()
        out.update(
            matched=self.matched,
            real_events=self.real_events,
            nodes=self.nodes,
            split=len(self.split),
            merged_wrongly=len(self.merged_wrongly),
            cross_article=len(self.cross_article),
            cross_article_one_node=len(self.cross_article_one_node),
            cross_article_whole=len(self.cross_article_whole),
        )
        return out


def load_real_events(path: Path = GOLD) -> dict[str, str]:
    """Gold id → ``real_event`` of every entry of the gold at ``path``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for article in data["articles"]:
        for e in article["events"]:
            if not e.get("real_event"):
                raise ValueError(f"gold entry {e['id']} in {path} has no real_event; every entry needs one")
            out[e["id"]] = e["real_event"]
    return out


def match(
    gold: Sequence[GoldEvent],
    mentions: Sequence[Mention],
    texts: Mapping[str, str],
    entities: Mapping[str, Entity] | None = None,
) -> dict[str, Mention]:
    """Gold id → the mention :func:`graph.evaluate.events.evaluate` matches it with.

    The events scorer keeps its pairs to itself, so this replays it one gold entry at a time, in
    the gold's order, on the mentions not yet taken: the same greedy one-to-one matching, hence
    the same pairs.
    """
    remaining = list(mentions)
    pairs: dict[str, Mention] = {}
    for g in gold:
        report = evaluate([g], remaining, texts, entities or {})
        if not report.events.tp:
            continue
        left = {id(m) for m in report.spurious}
        chosen = next(m for m in remaining if id(m) not in left)
        pairs[g.id] = chosen
        remaining = [m for m in remaining if m is not chosen]
    return pairs


def nodes_of(pairs: Mapping[str, Mention], events: Sequence[Event]) -> dict[str, str]:
    """Gold id → id of the event (merged node) whose mentions include the gold entry's mention."""
    holder: dict[int, str] = {}
    for event in events:
        for m in event.mentions:
            if id(m) in holder:
                raise ValueError(f"a mention of {m.article_id} is in two events: {holder[id(m)]}, {event.id}")
            holder[id(m)] = event.id
    missing = [gid for gid, m in pairs.items() if id(m) not in holder]
    if missing:
        raise ValueError(f"matched mentions of gold entries {missing} are in no event")
    return {gid: holder[id(m)] for gid, m in pairs.items()}


def score_merging(
    real_of: Mapping[str, str], node_of: Mapping[str, str], article_of: Mapping[str, str]
) -> MergeReport:
    """Compare nodes with real events.

    ``real_of`` gives every gold entry's real event, ``article_of`` its article, ``node_of`` the
    node of each matched entry (unmatched entries are absent). Only matched entries are scored;
    ``cross_article`` counts a real event's articles over all its gold entries.
    """
    unknown = sorted(set(node_of) - set(real_of))
    if unknown:
        raise ValueError(f"node_of names gold ids {unknown[:5]} that real_of lacks; give every gold entry")
    by_real: dict[str, dict[str, list[str]]] = {}
    by_node: dict[str, dict[str, list[str]]] = {}
    for gid, node in sorted(node_of.items()):
        real = real_of[gid]
        by_real.setdefault(real, {}).setdefault(node, []).append(gid)
        by_node.setdefault(node, {}).setdefault(real, []).append(gid)
    key = [[gid for ids in nodes.values() for gid in ids] for nodes in by_real.values()]
    response = [[gid for ids in reals.values() for gid in ids] for reals in by_node.values()]
    articles: dict[str, set[str]] = {}
    for gid, real in real_of.items():
        articles.setdefault(real, set()).add(article_of[gid])
    cross = tuple(sorted(r for r, arts in articles.items() if len(arts) >= 2))
    one_node = tuple(
        r
        for r in cross
        if any({article_of[gid] for gid in ids} == articles[r] for ids in by_real.get(r, {}).values())
    )
    whole = tuple(r for r in one_node if len(by_real[r]) == 1)
    return MergeReport(
        scores=score(key, response),
        gold_entries=len(real_of),
        matched=len(node_of),
        real_events=len(by_real),
        nodes=len(by_node),
        split={r: _frozen(nodes) for r, nodes in sorted(by_real.items()) if len(nodes) > 1},
        merged_wrongly={n: _frozen(reals) for n, reals in sorted(by_node.items()) if len(reals) > 1},
        cross_article=cross,
        cross_article_one_node=one_node,
        cross_article_whole=whole,
    )


def _frozen(groups: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in sorted(groups.items())}


@dataclass(frozen=True)
class MergeRun:
    """A scored run, with the merged nodes, to read the lists by their labels."""

    report: MergeReport
    events: tuple[Event, ...]

    def label(self, node: str) -> str:
        event = next((e for e in self.events if e.id == node), None)
        return f"{node} ({event.event_type}: {event.label})" if event else node


def run(gold_path: Path = GOLD) -> MergeRun:
    """Extract and merge the seeds with the real pipeline and score the merging against the gold."""
    from graph.pipeline import Components, extract

    # As graph.evaluate.events.run builds it, so that the matched pairs are the ones it scores.
    components = Components.load()
    extraction = extract([ROOT / "seeds"], components)
    mentions = [m for e in extraction.events for m in e.mentions]
    texts = {a.id: a.text for a in extraction.articles}
    gold = load_gold(gold_path)
    pairs = match(gold, mentions, texts, extraction.entities)
    report = score_merging(
        load_real_events(gold_path), nodes_of(pairs, extraction.events), {g.id: g.article for g in gold}
    )
    return MergeRun(report, extraction.events)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--check", action="store_true", help=f"fail when below {THRESHOLDS}")
    args = parser.parse_args(argv)
    result = run(args.gold)
    report = result.report
    for real, nodes in report.split.items():
        print(f"split {real}:")
        for node, ids in nodes.items():
            print(f"    {result.label(node)}: {' '.join(ids)}")
    for node, reals in report.merged_wrongly.items():
        print(f"merged wrongly {result.label(node)}:")
        for real, ids in reals.items():
            print(f"    {real}: {' '.join(ids)}")
    for what, done in (("in one node", report.cross_article_one_node), ("whole", report.cross_article_whole)):
        missing = sorted(set(report.cross_article) - set(done))
        print(f"cross-article real events not {what}: {' '.join(missing) or '-'}")
    print(
        f"merging: {report.matched} matched of {report.gold_entries} gold entries;"
        f" {report.real_events} real events in {report.nodes} nodes"
    )
    figures = report.figures()
    for name, value in figures.items():
        print(f"{name}={value:.1f}" if isinstance(value, float) else f"{name}={value}")
    if not args.check:
        return 0
    return check_floors(figures, args.gold.parent / THRESHOLDS, "{:.1f}")


if __name__ == "__main__":
    raise SystemExit(main())
