"""Score event extraction on MEANTIME: triggers, agents and patients, entity kinds, dates.

The real pipeline stages run on every article (texts kept verbatim, so gold offsets index into
``Article.text``), and are scored against the gold by these rules:

* **Scope.** MEANTIME annotates events, participants and times fully only in each document's
  first :data:`ANNOTATED_LINES` lines (the title, the date line and the first four sentences;
  one sentence a line); further down only the odd cross-document event is marked. Every event
  figure is therefore computed on mentions (ours and gold) in those lines only.
* **Matching.** Two spans match when their character ranges overlap. Each of our mentions is
  matched to the gold event mention its trigger overlaps most (ties: the first in the text).
* **trigger_precision** = our mentions whose trigger overlaps a gold event mention / our mentions.
  MEANTIME annotates nearly every event predicate (verbs, event nouns, states), so a trigger with
  no gold event is an error: a wrong sense ("deal" a card), a non-event noun, a name.
* **trigger_recall_lexicon** = gold event mentions whose ``pred`` lemma is one of our trigger
  lemmas (``ontology/event-types.ttl``; a phrasal entry counts when ``pred`` is the whole
  phrase) that one of our mentions overlaps / those gold mentions. **trigger_candidates_recall**
  is the same share before the extractor drops triggers with no argument: any token for which
  :meth:`EventExtractor.trigger_type` answers, so the gap between the two is what that filter costs.
* **Roles** are scored over matched mentions. Our agent (an entity key) is right when it *refers to*
  one of the gold event's ``Arg0`` participants: a participant is an entity mention, which stands
  for its in-document coreference chain (its ``cluster_id``: "it" stands for "Boeing"); our key
  refers to it when a name the resolver resolved to that key overlaps a mention of the chain, or
  the key's name or an alias equals a chain mention's text (case-folded). Overlap is lenient on
  nested names: "US" inside a gold "US Air Force" counts.
  **agent_precision** = our agents that are a gold Arg0 / our agents;
  **agent_recall** = gold Arg0 participants some agent of ours refers to / gold Arg0 participants;
  **agent_recall_named** restricts the recall to participants whose chain holds a proper name
  (syntactic type ``NAM``), the only ones a NER-based resolver can find. Patients likewise, against
  ``Arg1``. Wrong agents are broken down: the gold gives it another role, the gold event has no
  Arg0 at all, or some other entity.
* **kind_accuracy**: for gold proper-name mentions (syntactic type ``NAM``; nominal mentions such
  as "Apple CEO", typed PER around the name "Apple", are left out) of type PER, ORG or LOC that
  have a name our resolver resolved over their head word (:func:`head_span`: "Apple CEO Steve
  Jobs" is scored on the name over "Jobs", not on "Apple"), the share whose (canonical) entity kind is right: PER → person; ORG →
  organisation or armed group; LOC → place or country.
* **Date attachment is not measurable**: the corpus file carries TIMEX3 spans but no event–time
  links (TLINKs). As a proxy, **date_in_gold_timex** = our dated mentions whose date expression
  lies inside a gold TIMEX3 / our dated mentions: it checks the expression, not which event it is
  attached to.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.records import Article, Entity, EntityKind, Mention

if TYPE_CHECKING:
    from graph.entities import EntityResolver, NameMention
    from graph.pipeline import Components

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "meantime_en.jsonl"
#: Lines of each document whose events, participants and times are fully annotated.
ANNOTATED_LINES = 6
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


@dataclass(frozen=True)
class Sample:
    """One of our mentions beside the gold event it matched, for reading."""

    article_id: str
    sentence: str
    trigger: str
    event_type: str
    agents: tuple[str, ...]
    patients: tuple[str, ...]
    date: str | None
    gold_pred: str | None
    gold_arg0: tuple[str, ...]
    gold_arg1: tuple[str, ...]
    #: False for a mention outside the annotated lines (no gold to compare with).
    scored: bool = True

    def __str__(self) -> str:
        gold = f"gold {self.gold_pred}: A0={list(self.gold_arg0)} A1={list(self.gold_arg1)}" \
            if self.gold_pred else "gold: NO EVENT" if self.scored else "(not annotated)"
        return (f"[{self.article_id}] {self.event_type}({self.trigger}) agents={list(self.agents)} "
                f"patients={list(self.patients)} date={self.date!r} | {gold}\n    {self.sentence.strip()}")


@dataclass
class MeantimeReport:
    """Every count behind the figures; see the module docstring for the definitions."""

    articles: int = 0
    trigger_precision: Ratio = field(default_factory=Ratio)
    trigger_recall_lexicon: Ratio = field(default_factory=Ratio)
    trigger_candidates_recall: Ratio = field(default_factory=Ratio)
    agent_precision: Ratio = field(default_factory=Ratio)
    agent_recall: Ratio = field(default_factory=Ratio)
    agent_recall_named: Ratio = field(default_factory=Ratio)
    patient_precision: Ratio = field(default_factory=Ratio)
    patient_recall: Ratio = field(default_factory=Ratio)
    patient_recall_named: Ratio = field(default_factory=Ratio)
    kind_accuracy: Ratio = field(default_factory=Ratio)
    date_in_gold_timex: Ratio = field(default_factory=Ratio)
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
    #: Every mention of ours, in the annotated lines or not, beside its gold.
    samples: list[Sample] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """``name → value`` of every headline figure."""
        names = ("trigger_precision", "trigger_recall_lexicon", "trigger_candidates_recall",
                 "agent_precision", "agent_recall", "agent_recall_named", "patient_precision",
                 "patient_recall", "patient_recall_named", "kind_accuracy", "date_in_gold_timex")
        return {name: round(getattr(self, name).value, 3) for name in names}


# -- pure scoring rules -------------------------------------------------------------------


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when the character ranges ``[a_start, a_end)`` and ``[b_start, b_end)`` share a character."""
    return a_start < b_end and b_start < a_end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_gold(start: int, end: int, golds: Sequence[dict]) -> dict | None:
    """The gold mention (dict with ``start``/``end``) overlapping ``[start, end)`` most, or None."""
    best, size = None, 0
    for gold in golds:
        if gold.get("start") is None:
            continue
        n = overlap((start, end), (gold["start"], gold["end"]))
        if n > size:
            best, size = gold, n
    return best


_HEAD_CUTS = (" of ", " , ", " ( ")


def head_span(mention: dict) -> tuple[int, int]:
    """Offsets of the head word of a gold mention: its last word before any " of ", " , " or
    " ( " ("Apple CEO Steve Jobs" → Jobs; "the Vice Chairman of Chrysler" → Chairman)."""
    text = mention["text"]
    cut = min((i for c in _HEAD_CUTS if (i := text.find(c)) > 0), default=len(text))
    words = text[:cut].rstrip()
    begin = words.rfind(" ") + 1
    return mention["start"] + begin, mention["start"] + len(words)


def chains(entities: Iterable[dict]) -> dict[str, list[dict]]:
    """Entity mention id → every mention of the same document sharing its ``cluster_id``."""
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    for e in entities:
        if e.get("start") is not None:
            by_cluster[e.get("cluster_id") or f"#{e['m_id']}"].append(e)
    return {e["m_id"]: chain for chain in by_cluster.values() for e in chain}


def refers_to(
    key: str, chain: Sequence[dict], spans: Sequence[tuple[int, int, str]], names: set[str]
) -> bool:
    """Whether our entity ``key`` refers to the gold chain: a resolved span of ``key`` overlaps a
    chain mention, or one of ``names`` (the key's name and aliases, case-folded) is a mention's text."""
    for s, e, k in spans:
        if k == key and any(overlaps(s, e, m["start"], m["end"]) for m in chain):
            return True
    return any(m["text"].casefold() in names for m in chain)


def annotated_end(text: str, lines: int = ANNOTATED_LINES) -> int:
    """Offset where the fully annotated part of a document ends (after its first ``lines`` lines)."""
    at = -1
    for _ in range(lines):
        at = text.find("\n", at + 1)
        if at < 0:
            return len(text)
    return at


def lemma_in_lexicon(pred: str, triggers: set[str]) -> bool:
    return " ".join(pred.lower().split()) in triggers


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


def read_gold(path: Path) -> dict[str, dict]:
    """doc_id → the document's gold record."""
    with path.open(encoding="utf-8") as lines:
        return {str(d["doc_id"]): d for d in map(json.loads, filter(str.strip, lines))}


@dataclass
class Run:
    """What the pipeline made of the articles, kept for scoring."""

    articles: list[Article]
    mentions: dict[str, list[Mention]]
    candidates: dict[str, list[tuple[int, int]]]
    spans: dict[str, list[tuple[int, int, str]]]
    entities: dict[str, Entity]


def run_pipeline(path: Path, components: Components, limit: int | None = None) -> Run:
    """Read ``path`` verbatim and extract as :func:`graph.pipeline.extract` does, keeping offsets."""
    from graph.entities import EntityResolver
    from graph.extract import EventExtractor
    from graph.pipeline import canonicalise
    from graph.read import read_articles

    articles, _ = read_articles(path, verbatim=True)
    articles = articles[:limit] if limit is not None else articles
    resolver = RecordingResolver(EntityResolver(components.gazetteer))
    extractor = EventExtractor(components.lexicon, resolver,  # type: ignore[arg-type]
                               components.dates, components.figures, components.gazetteer)
    mentions: dict[str, list[Mention]] = {}
    candidates: dict[str, list[tuple[int, int]]] = {}
    for article, doc in zip(articles, components.nlp.pipe(a.text for a in articles), strict=True):
        mentions[article.id] = extractor(article, doc)
        candidates[article.id] = [(t.idx, t.idx + len(t)) for t in doc if extractor.trigger_type(t)]
    canon = resolver.inner.canonical_key
    entities = resolver.inner.entities()
    for key, entity in extractor.added.items():
        entities.setdefault(canon(key), entity)
    return Run(
        articles=articles,
        mentions={a: [canonicalise(m, canon) for m in ms] for a, ms in mentions.items()},
        candidates=candidates,
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
        report.samples += [_sample(article, m, None, chain_of, run.entities, scored=False)
                           for m in run.mentions.get(article.id, []) if m.trigger_end > limit]
        for m in mentions:
            matched = best_gold(m.trigger_start, m.trigger_end, events)
            report.trigger_precision.add(matched is not None)
            report.precision_by_type[m.event_type].add(matched is not None)
            report.samples.append(_sample(article, m, matched, chain_of, run.entities))
            if matched is not None:
                for role, ours, prec, rec, named, errors in (
                    ("Arg0", m.agents, report.agent_precision, report.agent_recall,
                     report.agent_recall_named, report.agent_errors),
                    ("Arg1", m.patients, report.patient_precision, report.patient_recall,
                     report.patient_recall_named, report.patient_errors),
                ):
                    _score_role(role, ours, matched, chain_of, spans, names, prec, rec, named, errors)
            if m.date is not None:
                report.date_in_gold_timex.add(_date_in_timex(article, m, doc["timexes"]))
        for event in events:
            if not lemma_in_lexicon(event.get("pred") or "", triggers):
                continue
            found = any(overlaps(m.trigger_start, m.trigger_end, event["start"], event["end"]) for m in mentions)
            report.trigger_recall_lexicon.add(found)
            if not found:
                report.missed_lemmas[event["pred"].lower()] += 1
            report.trigger_candidates_recall.add(
                any(overlaps(s, e, event["start"], event["end"]) for s, e in run.candidates.get(article.id, ()))
            )
        _score_kinds(doc["entities"], spans, run.entities, report)
    return report


def _score_role(role, ours, event, chain_of, spans, names, precision, recall, named, errors) -> None:
    wanted = [chain_of[p["m_id"]] for p in event["participants"] if p["role"] == role and p["m_id"] in chain_of]
    others = [chain_of[p["m_id"]] for p in event["participants"] if p["role"] != role and p["m_id"] in chain_of]
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


def _date_in_timex(article: Article, m: Mention, timexes: Sequence[dict]) -> bool:
    """Whether some occurrence of the mention's date expression in its sentence lies in a gold TIMEX3."""
    expression = m.date.expression if m.date else ""
    sentence, at = m.evidence.sentence, m.evidence.start
    i = sentence.find(expression)
    while expression and i >= 0:
        s, e = at + i, at + i + len(expression)
        if any(t.get("start") is not None and t["start"] <= s and e <= t["end"] for t in timexes):
            return True
        i = sentence.find(expression, i + 1)
    return False


def _sample(article, m: Mention, matched, chain_of, entities: dict[str, Entity], scored: bool = True) -> Sample:
    def texts(role: str) -> tuple[str, ...]:
        if matched is None:
            return ()
        return tuple(
            "/".join(dict.fromkeys(x["text"] for x in chain_of[p["m_id"]]))
            for p in matched["participants"] if p["role"] == role and p["m_id"] in chain_of
        )

    def name(key: str) -> str:
        entity = entities.get(key)
        return f"{entity.name}:{entity.kind.value}" if entity else key

    return Sample(
        article_id=article.id, sentence=m.evidence.sentence, trigger=article.text[m.trigger_start:m.trigger_end],
        event_type=m.event_type, agents=tuple(map(name, m.agents)), patients=tuple(map(name, m.patients)),
        date=m.date.expression if m.date else None, gold_pred=matched["pred"] if matched else None,
        gold_arg0=texts("Arg0"), gold_arg1=texts("Arg1"), scored=scored,
    )


def evaluate(path: Path = DEFAULT_PATH, components: Components | None = None,
             limit: int | None = None) -> MeantimeReport:
    """Run the extraction on the MEANTIME JSONL at ``path`` (its first ``limit`` articles) and score it."""
    from graph.pipeline import Components

    components = components or Components.load()
    run = run_pipeline(Path(path), components, limit)
    return score(run, read_gold(Path(path)), set(components.lexicon.triggers))


def main(argv: list[str] | None = None) -> int:
    """``python -m graph.evaluate.meantime [PATH] [--samples N] [--limit N] [--kind-errors]``: print the figures."""
    args = list(sys.argv[1:] if argv is None else argv)
    options = {}
    for flag in ("--samples", "--limit"):
        if flag in args:
            i = args.index(flag)
            options[flag] = int(args[i + 1])
            del args[i:i + 2]
    paths = [a for a in args if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    if not path.is_file():
        print(f"error: {path} is not a file; pass the path of meantime_en.jsonl", file=sys.stderr)
        return 2
    report = evaluate(path, limit=options.get("--limit"))
    print(f"{report.articles} articles, {report.trigger_precision.n} mentions of ours")
    for name in report.figures():
        print(f"  {name:<26} {getattr(report, name)}")
    print("precision by event type:", ", ".join(
        f"{k} {v}" for k, v in sorted(report.precision_by_type.items(), key=lambda kv: -kv[1].n)))
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
