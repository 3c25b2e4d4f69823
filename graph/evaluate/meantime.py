"""Score event extraction on MEANTIME: triggers, agents and patients, entity kinds, dates.

The real stages run on every article, read verbatim (gold offsets index into ``Article.text``):

* **Scope.** MEANTIME annotates events, participants and times fully only in each document's first
  :data:`ANNOTATED_LINES` lines (title, date line, first four sentences; one sentence a line);
  further down only the odd cross-document event. Every event figure counts those lines only.
* **Matching.** Spans match when their character ranges overlap; each mention of ours is matched
  to the gold event mention its trigger overlaps most.
* **trigger_precision** = our mentions matching a gold event / our mentions. MEANTIME marks nearly
  every event predicate, so an unmatched trigger is a non-event (a name, an object noun).
* **trigger_recall_lexicon** = gold events whose lemma (``pred``; where missing, spaCy's lemma of
  the span's first token) is a trigger lemma of ``ontology/event-types.ttl`` and that we match /
  those gold events. **trigger_candidates_recall**: the same, counting every token
  :meth:`EventExtractor.trigger_type` accepts, before mentions without arguments are dropped.
  **event_coverage** = gold events we match / all gold events.
* **Roles**, over matched mentions whose gold event has a participant at all (a third have none,
  even "GM warned that…"). Our agent key is right when it *refers to* a gold ``Arg0``: the
  participant's in-document chain (``cluster_id``: "it" stands for "Boeing") has a mention that a
  name resolved to the key overlaps, or whose text is the key's name or an alias (case-folded).
  Lenient on nesting: "US" inside "US Air Force" counts. **agent_precision** = right agents / our
  agents; **agent_recall** = gold Arg0s we refer to / gold Arg0s; **agent_recall_named** counts
  only chains with a proper name (``NAM``), all a NER-based resolver can find. Patients likewise
  against ``Arg1``. Wrong ones are broken down: another gold role, no such gold role, other entity.
* **kind_accuracy**: gold proper names (``NAM``) of type PER, ORG, LOC with a name of ours over
  their head word (:func:`head_span`: "Apple CEO Steve Jobs" is scored on "Jobs"): the share of
  right kinds. PER → person; ORG → organisation, armed group; LOC → place, country.
* **Date attachment cannot be scored**: the file has TIMEX3 spans but no event–time links
  (TLINKs). Proxy: **date_in_gold_timex** = our dated mentions whose date expression lies inside a
  gold TIMEX3 / our dated mentions (the expression, not the event it is attached to).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.evaluate.meantime_rules import (
    annotated_end,
    best_gold,
    chains,
    date_in_timex,
    gold_lemma,
    head_span,
    overlaps,
    read_gold,
    refers_to,
    sample_line,
)
from graph.records import Article, Entity, EntityKind, Mention

if TYPE_CHECKING:
    from graph.entities import EntityResolver, NameMention
    from graph.pipeline import Components

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "meantime_en.jsonl"
#: The headline figures, in print order.
FIGURES = (
    "trigger_precision",
    "trigger_recall_lexicon",
    "trigger_candidates_recall",
    "event_coverage",
    "agent_precision",
    "agent_recall",
    "agent_recall_named",
    "patient_precision",
    "patient_recall",
    "patient_recall_named",
    "kind_accuracy",
    "date_in_gold_timex",
)
#: Gold entity type → the kinds of ours that are right for it.
KINDS = {
    "PER": {EntityKind.PERSON},
    "ORG": {EntityKind.ORGANISATION, EntityKind.ARMED_GROUP},
    "LOC": {EntityKind.PLACE, EntityKind.COUNTRY},
}


@dataclass
class Ratio:
    """``hit`` out of ``n``."""

    hit: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.hit += bool(ok)

    @property
    def value(self) -> float:
        return self.hit / self.n if self.n else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hit}/{self.n})"


@dataclass
class MeantimeReport:
    """Every count behind the figures; see the module docstring for the definitions."""

    articles: int = 0
    trigger_precision: Ratio = field(default_factory=Ratio)
    trigger_recall_lexicon: Ratio = field(default_factory=Ratio)
    trigger_candidates_recall: Ratio = field(default_factory=Ratio)
    event_coverage: Ratio = field(default_factory=Ratio)
    agent_precision: Ratio = field(default_factory=Ratio)
    agent_recall: Ratio = field(default_factory=Ratio)
    agent_recall_named: Ratio = field(default_factory=Ratio)
    patient_precision: Ratio = field(default_factory=Ratio)
    patient_recall: Ratio = field(default_factory=Ratio)
    patient_recall_named: Ratio = field(default_factory=Ratio)
    kind_accuracy: Ratio = field(default_factory=Ratio)
    date_in_gold_timex: Ratio = field(default_factory=Ratio)
    #: Matched mentions left out of the role scores: the gold event has no participant at all.
    matched_without_participants: int = 0
    #: Our event type → Ratio of its mentions that match a gold event.
    precision_by_type: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    #: Why wrong agents / patients are wrong ("other role", "no gold Arg0", "other entity").
    agent_errors: Counter[str] = field(default_factory=Counter)
    patient_errors: Counter[str] = field(default_factory=Counter)
    #: (gold type, our kind) for every scored entity mention.
    kind_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Gold preds in our lexicon that we missed, by lemma.
    missed_lemmas: Counter[str] = field(default_factory=Counter)
    #: (gold type, gold text, our entity name, our kind) for every wrong kind.
    kind_errors: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: Every mention of ours beside its gold (or "not annotated"), as text to read.
    samples: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """``name → value`` of every headline figure."""
        return {name: round(getattr(self, name).value, 3) for name in FIGURES}


# -- running the pipeline ---------------------------------------------------------------


class RecordingResolver:
    """An entity resolver that also keeps where each resolved name is (``spans[article id]``)."""

    def __init__(self, inner: EntityResolver) -> None:
        self.inner = inner
        self.spans: dict[str, list[tuple[int, int, str]]] = {}

    def resolve(self, article_id: str, names: Sequence[NameMention]) -> list[str | None]:
        keys = self.inner.resolve(article_id, names)
        self.spans[article_id] = [(n.start, n.end, k) for n, k in zip(names, keys, strict=True) if k]
        return keys

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@dataclass
class Run:
    """What the pipeline made of the articles, kept for scoring."""

    articles: list[Article]
    mentions: dict[str, list[Mention]]
    candidates: dict[str, list[tuple[int, int]]]
    #: Article id → (start, end, lowercase lemma) of every token, for gold events with no ``pred``.
    lemmas: dict[str, list[tuple[int, int, str]]]
    spans: dict[str, list[tuple[int, int, str]]]
    entities: dict[str, Entity]


def run_pipeline(path: Path, components: Components, limit: int | None = None) -> Run:
    """Read ``path`` verbatim and extract as :func:`graph.pipeline.extract` does, keeping offsets."""
    from graph.entities import EntityResolver
    from graph.pipeline import canonicalise
    from graph.read import read_articles

    articles, _ = read_articles(path, verbatim=True)
    articles = articles[:limit] if limit is not None else articles
    resolver = RecordingResolver(EntityResolver(components.gazetteer))
    extractor = components.extractor(resolver)
    mentions: dict[str, list[Mention]] = {}
    candidates: dict[str, list[tuple[int, int]]] = {}
    lemmas: dict[str, list[tuple[int, int, str]]] = {}
    for article, doc in zip(
        articles, components.nlp.pipe(components.parse_input(a.text) for a in articles), strict=True
    ):
        mentions[article.id] = extractor(article, doc)
        candidates[article.id] = [(t.idx, t.idx + len(t)) for t in doc if extractor.trigger_type(t)]
        lemmas[article.id] = [(t.idx, t.idx + len(t), t.lemma_.lower()) for t in doc]
    canon = resolver.inner.canonical_key
    entities = resolver.inner.entities()
    for key, entity in extractor.added.items():
        entities.setdefault(canon(key), entity)
    return Run(
        articles=articles,
        mentions={a: [canonicalise(m, canon) for m in ms] for a, ms in mentions.items()},
        candidates=candidates,
        lemmas=lemmas,
        spans={a: [(s, e, canon(k)) for s, e, k in sp] for a, sp in resolver.spans.items()},
        entities=entities,
    )


# -- scoring ------------------------------------------------------------------------------


def score(run: Run, gold: dict[str, dict], triggers: set[str]) -> MeantimeReport:
    """Score a pipeline run against the gold documents by the module's rules."""
    report = MeantimeReport(articles=len(run.articles))
    names = {k: {n.casefold() for n in (e.name, *e.aliases)} for k, e in run.entities.items()}
    for article in run.articles:
        doc = gold.get(article.id)
        if doc is None:
            continue
        limit = annotated_end(article.text)
        events = [e for e in doc["events"] if e.get("start") is not None and e["end"] <= limit]
        chain_of = chains(doc["entities"])
        spans = run.spans.get(article.id, [])
        mentions = [m for m in run.mentions.get(article.id, []) if m.trigger_end <= limit]
        report.samples += [
            sample_line(article, m, None, chain_of, run.entities, scored=False)
            for m in run.mentions.get(article.id, [])
            if m.trigger_end > limit
        ]
        for m in mentions:
            matched = best_gold(m.trigger_start, m.trigger_end, events)
            report.trigger_precision.add(matched is not None)
            report.precision_by_type[m.event_type].add(matched is not None)
            report.samples.append(sample_line(article, m, matched, chain_of, run.entities))
            if matched is not None and not any(p["m_id"] in chain_of for p in matched["participants"]):
                report.matched_without_participants += 1
            elif matched is not None:
                for role, ours, prec, rec, named, errors in (
                    (
                        "Arg0",
                        m.agents,
                        report.agent_precision,
                        report.agent_recall,
                        report.agent_recall_named,
                        report.agent_errors,
                    ),
                    (
                        "Arg1",
                        m.patients,
                        report.patient_precision,
                        report.patient_recall,
                        report.patient_recall_named,
                        report.patient_errors,
                    ),
                ):
                    _score_role(role, ours, matched, chain_of, spans, names, prec, rec, named, errors)
            if m.date is not None:
                report.date_in_gold_timex.add(date_in_timex(article, m, doc["timexes"]))
        for event in events:
            report.event_coverage.add(
                any(overlaps(m.trigger_start, m.trigger_end, event["start"], event["end"]) for m in mentions)
            )
            lemma = gold_lemma(event, run.lemmas.get(article.id, []))
            if " ".join(lemma.split()) not in triggers:
                continue
            found = any(
                overlaps(m.trigger_start, m.trigger_end, event["start"], event["end"]) for m in mentions
            )
            report.trigger_recall_lexicon.add(found)
            if not found:
                report.missed_lemmas[lemma] += 1
            candidates = run.candidates.get(article.id, ())
            report.trigger_candidates_recall.add(
                any(overlaps(s, e, event["start"], event["end"]) for s, e in candidates)
            )
        _score_kinds(doc["entities"], spans, run.entities, report)
    return report


def _score_role(role, ours, event, chain_of, spans, names, precision, recall, named, errors) -> None:
    known = [p for p in event["participants"] if p["m_id"] in chain_of]
    wanted = [chain_of[p["m_id"]] for p in known if p["role"] == role]
    others = [chain_of[p["m_id"]] for p in known if p["role"] != role]
    for key in ours:
        ok = any(refers_to(key, chain, spans, names.get(key, set())) for chain in wanted)
        precision.add(ok)
        if not ok:
            if any(refers_to(key, chain, spans, names.get(key, set())) for chain in others):
                errors["gold gives it another role"] += 1
            elif not wanted:
                errors[f"gold event has no {role}"] += 1
            else:
                errors["another entity"] += 1
    for chain in wanted:
        found = any(refers_to(key, chain, spans, names.get(key, set())) for key in ours)
        recall.add(found)
        if any(m.get("syntactic_type") == "NAM" for m in chain):
            named.add(found)


def _score_kinds(entities, spans, ours: dict[str, Entity], report: MeantimeReport) -> None:
    for gold in entities:
        right = KINDS.get(gold.get("ent_type") or "")
        if right is None or gold.get("start") is None or gold.get("syntactic_type") != "NAM":
            continue
        head = head_span(gold)
        key = next((k for s, e, k in spans if overlaps(s, e, *head)), None)
        if key is None or key not in ours:
            continue
        kind = ours[key].kind
        report.kind_accuracy.add(kind in right)
        if kind not in right:
            report.kind_errors.append((gold["ent_type"], gold["text"], ours[key].name, kind.value))
        report.kind_confusion[(gold["ent_type"], kind.value)] += 1


def evaluate(
    path: Path = DEFAULT_PATH, components: Components | None = None, limit: int | None = None
) -> MeantimeReport:
    """Run the extraction on the MEANTIME JSONL at ``path`` (its first ``limit`` articles) and score it."""
    from graph.pipeline import Components

    components = components or Components.load()
    run = run_pipeline(Path(path), components, limit)
    return score(run, read_gold(Path(path)), set(components.lexicon.triggers))


def main(argv: list[str] | None = None, components: Components | None = None) -> int:
    """``python -m graph.evaluate.meantime [PATH] [--samples N] [--limit N] [--kind-errors]``.

    Prints the counts, then every headline figure as a ``name=value`` line.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    options = {}
    for flag in ("--samples", "--limit"):
        if flag in args:
            i = args.index(flag)
            options[flag] = int(args[i + 1])
            del args[i : i + 2]
    paths = [a for a in args if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    if not path.is_file():
        print(f"error: {path} is not a file; pass the path of meantime_en.jsonl", file=sys.stderr)
        return 2
    report = evaluate(path, components, limit=options.get("--limit"))
    print(f"{report.articles} articles, {report.trigger_precision.n} mentions of ours")
    for name in report.figures():
        print(f"  {name:<26} {getattr(report, name)}")
    print(
        "precision by event type:",
        ", ".join(f"{k} {v}" for k, v in sorted(report.precision_by_type.items(), key=lambda kv: -kv[1].n)),
    )
    print("wrong agents:", dict(report.agent_errors.most_common()))
    print("wrong patients:", dict(report.patient_errors.most_common()))
    print("entity kinds (gold, ours):", dict(report.kind_confusion.most_common()))
    print("most missed lexicon lemmas:", dict(report.missed_lemmas.most_common(12)))
    for sample in report.samples[: options.get("--samples", 0)]:
        print(sample)
    if "--kind-errors" in args:
        for error in report.kind_errors:
            print("  kind:", *error, sep=" | ")
    for name, value in report.figures().items():
        print(f"{name}={value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
