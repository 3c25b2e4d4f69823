"""Cross-document event coreference on ECB+: our merger against the same-lemma baseline.

``python -m graph.evaluate.ecb [PATH] [--topics 1-5,12]`` prints MUC, B³, CEAF-e and CoNLL F1
(percent, as papers print them) as ``name=value`` lines. The setting is the usual one of the
literature, **gold mentions**:

* **Mentions scored**: every gold event mention (all ``ACTION_*`` and ``NEG_ACTION_*`` tags)
  in a sentence marked ``in_selected_sentence``; singletons included. Key clusters are the
  gold ``cluster_id`` groups (a mention with no cross-document link is its own cluster).
* **Our mentions**: the real stages run on every document, read verbatim (reader, spaCy,
  entity resolver, event extractor; entity keys folded across the documents read together).
  Each gold mention becomes one :class:`Mention`, its trigger the gold span and its lemma the
  spaCy lemma of the span's syntactic head. Where our extractor found a mention on that head
  word, the gold mention takes its type, roles and topic. Elsewhere its type is the lexicon's
  for the lemma, or ``lemma:<group>`` (the lemma's synonym group, graph.synonyms: "quake" and
  "earthquake" are one) so that every gold mention can merge, and its actors and places are
  the names resolved in its sentence, by kind (people, organisations, armed groups and unknown
  kinds act; places and countries are places). Factuality comes from the
  parse (:func:`graph.modality.factuality`); no date (ECB+ has no document creation time).
* **Scopes**: ``subtopic`` merges only within each gold sub-topic (one real-world event and its
  reports: gold document clustering, what the published "lemma baseline ≈ 76.5" on the test
  topics amounts to, its predicted document clusters matching the sub-topics nearly exactly);
  ``topic`` within each topic (two similar events, e.g. two earthquakes, must be kept apart);
  ``corpus`` over all documents at once, the realistic setting of a news graph.
* **Systems**: ``ours`` is :class:`graph.merge.EventMerger` as the pipeline builds it;
  ``lemma`` the same-lemma baseline (one cluster per head lemma in the scope); ``ours_lemma``
  a what-if, not the shipped merger: every mention also carries its lemma as an actor key, as
  if the merger also blocked and linked by trigger lemma (places, factuality still checked).
* **Missing mentions**: a gold mention our merger returned in no event would be a singleton
  (:func:`graph.evaluate.coref.with_singletons`); the merger returns every mention, so none is.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from graph.evaluate.coref import CorefScores, score, with_singletons
from graph.records import Entity, EntityKind, Evidence, Factuality, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.pipeline import Components

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "ecbplus_dev.jsonl"
SCOPES = ("subtopic", "topic", "corpus")
SYSTEMS = ("ours", "lemma", "ours_lemma")
#: Entity kinds that act; the others (places, countries) are where events happen.
_ACTOR_KINDS = {EntityKind.PERSON, EntityKind.ORGANISATION, EntityKind.ARMED_GROUP, EntityKind.OTHER}


@dataclass(frozen=True)
class GoldMention:
    """One annotated event mention of ECB+."""

    #: ``<doc_id>#<m_id>``, unique in the corpus.
    id: str
    doc_id: str
    topic: str
    subtopic: str
    #: Gold cross-document cluster.
    cluster: str
    start: int
    end: int
    text: str
    #: Line of the document (ECB+ texts hold one sentence a line).
    sentence: int


def read_corpus(path: Path, topics: set[str] | None = None) -> list[dict]:
    """The documents of the ECB+ JSONL at ``path``, those of ``topics`` only when given."""
    with Path(path).open(encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines if line.strip()]
    return [d for d in docs if topics is None or str(d["topic"]) in topics]


def parse_topics(spec: str) -> set[str]:
    """``"1-5,12"`` → {"1", ..., "5", "12"}; a ValueError names a part that is no number or range."""
    out: set[str] = set()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise ValueError(f"topic {part!r} is not a number or a range like 1-5")
        out.update(str(t) for t in range(int(low), int(high or low) + 1))
    return out


def gold_mentions(docs: Iterable[dict]) -> list[GoldMention]:
    """The scored mentions: those in selected sentences, in document order."""
    return [
        GoldMention(
            id=f"{d['doc_id']}#{e['m_id']}",
            doc_id=str(d["doc_id"]),
            topic=str(d["topic"]),
            subtopic=str(d["subtopic"]),
            cluster=str(e["cluster_id"]),
            start=int(e["start"]),
            end=int(e["end"]),
            text=str(e["text"]),
            sentence=int(e["sentence"]),
        )
        for d in docs
        for e in d["events"]
        if e.get("in_selected_sentence") and e.get("start") is not None
    ]


def scope_of(m: GoldMention, scope: str) -> str:
    """The group a mention is merged within: its sub-topic, its topic, or the one corpus."""
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r} is not one of {', '.join(SCOPES)}")
    return m.subtopic if scope == "subtopic" else m.topic if scope == "topic" else ""


def key_clusters(mentions: Iterable[GoldMention]) -> list[set[str]]:
    """The gold clusters of ``mentions``."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        out[m.cluster].add(m.id)
    return list(out.values())


def lemma_clusters(mentions: Iterable[GoldMention], lemmas: Mapping[str, str], scope: str) -> list[set[str]]:
    """The same-lemma baseline: one cluster per (scope group, head lemma)."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        out[(scope_of(m, scope), lemmas[m.id])].add(m.id)
    return list(out.values())


def sentence_span(text: str, line: int) -> tuple[int, int]:
    """Offsets of line ``line`` of ``text`` (0-based)."""
    start = 0
    for _ in range(line):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def head_token(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens overlapping ``[start, end)``: the first whose head lies
    outside them ("checked herself into" → checked), or None when no token overlaps."""
    tokens = [t for t in doc if t.idx < end and start < t.idx + len(t)]
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return heads[0] if heads else (tokens[0] if tokens else None)


def roles_by_kind(keys: Iterable[str], kind: Callable[[str], EntityKind | None]) -> tuple[tuple, tuple]:
    """``(actors, places)`` among entity ``keys``: places and countries are places, the rest act."""
    actors, places = [], []
    for key in dict.fromkeys(keys):
        k = kind(key)
        if k in (EntityKind.PLACE, EntityKind.COUNTRY):
            places.append(key)
        elif k in _ACTOR_KINDS:
            actors.append(key)
    return tuple(actors), tuple(places)


@dataclass
class Prepared:
    """Each gold mention as our merger sees it, and the lemma the baseline uses."""

    gold: list[GoldMention]
    mentions: dict[str, Mention]
    lemmas: dict[str, str]
    entities: dict[str, Entity]
    #: Gold mentions whose head word our extractor made a mention of.
    extracted: int = 0
    #: Gold mentions with at least one actor or place key (only those can merge at all).
    keyed: int = 0
    #: Gold mentions whose type the lexicon gives (the rest are typed ``lemma:<group>``).
    typed: int = 0


def prepare(path: Path, docs: Sequence[dict], components: Components) -> Prepared:
    """Run the real stages over ``docs`` (read verbatim from ``path``) and build one Mention per
    gold mention by the module's rules."""
    from graph.entities import EntityResolver
    from graph.evaluate.meantime import RecordingResolver
    from graph.modality import factuality
    from graph.pipeline import canonicalise
    from graph.read import read_articles

    wanted = {str(d["doc_id"]) for d in docs}
    articles = [a for a in read_articles(path, verbatim=True)[0] if a.id in wanted]
    gold = gold_mentions(docs)
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for g in gold:
        by_doc[g.doc_id].append(g)
    resolver = RecordingResolver(EntityResolver(components.gazetteer))
    extractor = components.extractor(resolver)
    # Per gold mention: (lemma, factuality, our mention on its head or None, names of its sentence).
    drafts: dict[str, tuple[str, Factuality, Mention | None, list[str], Evidence]] = {}
    for article, doc in zip(
        articles, components.nlp.pipe(components.parse_input(a.text) for a in articles), strict=True
    ):
        ours = extractor(article, doc)
        spans = resolver.spans.get(article.id, [])
        for g in by_doc.get(article.id, ()):
            head = head_token(doc, g.start, g.end)
            lemma = head.lemma_.lower() if head is not None else g.text.lower()
            at = (head.idx, head.idx + len(head)) if head is not None else (g.start, g.end)
            found = next((m for m in ours if m.trigger_start < at[1] and at[0] < m.trigger_end), None)
            s, e = sentence_span(article.text, g.sentence)
            names = [k for a, b, k in spans if s <= a and b <= e]
            fact = factuality(head) if head is not None else Factuality.ASSERTED
            drafts[g.id] = (lemma, fact, found, names, Evidence(article.id, s, e, article.text[s:e]))
    canon = resolver.inner.canonical_key
    entities = resolver.inner.entities()
    for key, entity in extractor.added.items():
        entities.setdefault(canon(key), entity)

    def kind(key: str) -> EntityKind | None:
        entity = entities.get(key)
        return entity.kind if entity is not None else None

    group = components.synonyms or (lambda lemma: lemma)
    prepared = Prepared(gold, {}, {}, entities)
    for g in gold:
        lemma, fact, found, names, evidence = drafts[g.id]
        prepared.lemmas[g.id] = lemma
        if found is not None:
            mention = replace(
                canonicalise(found, canon),
                trigger=lemma,
                trigger_start=g.start,
                trigger_end=g.end,
                factuality=fact,
                date=None,
            )
            prepared.extracted += 1
        else:
            actors, places = roles_by_kind((canon(k) for k in names), kind)
            mention = Mention(
                article_id=g.doc_id,
                event_type=components.lexicon.match(lemma) or f"lemma:{group(lemma)}",
                trigger=lemma,
                trigger_start=g.start,
                trigger_end=g.end,
                evidence=evidence,
                agents=actors,
                places=places,
                factuality=fact,
            )
        prepared.keyed += bool(mention.agents or mention.places or mention.topic_places)
        prepared.typed += not mention.event_type.startswith("lemma:")
        prepared.mentions[g.id] = mention
    return prepared


def merge_clusters(
    gold: Sequence[GoldMention],
    mentions: Mapping[str, Mention],
    scope: str,
    merge: Callable[[list[Mention]], Sequence],
) -> list[set[str]]:
    """Run ``merge`` (an :class:`EventMerger`) on each scope group; its events as clusters of gold ids."""
    groups: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        groups[scope_of(g, scope)].append(g.id)
    out: list[set[str]] = []
    for ids in groups.values():
        objects = [mentions[i] for i in ids]
        # Mentions are frozen values and two may be equal: map them back by object identity.
        back = {id(m): i for m, i in zip(objects, ids, strict=True)}
        out += [{back[id(m)] for m in event.mentions} for event in merge(objects)]
    return out


def with_lemma_key(m: Mention) -> Mention:
    """The what-if of ``ours_lemma``: the trigger lemma as one more actor key."""
    return replace(m, agents=(*m.agents, f"lemma:{m.trigger}"))


def evaluate(
    path: Path = DEFAULT_PATH, components: Components | None = None, topics: set[str] | None = None
) -> tuple[dict[tuple[str, str], CorefScores], Prepared]:
    """Scores by (scope, system) of the ECB+ JSONL at ``path`` (``topics`` only, when given)."""
    from graph.merge import MIN_SIMILARITY, EventMerger
    from graph.pipeline import Components, acting_for

    components = components or Components.load()
    docs = read_corpus(Path(path), topics)
    if not docs:
        raise ValueError(f"{path}: no document in topics {sorted(topics or ())}")
    prepared = prepare(Path(path), docs, components)
    merger = EventMerger(
        prepared.entities,
        lambda event: "",
        affiliation=acting_for(components.gazetteer.affiliation, prepared.entities),
        synonyms=components.synonyms,
        min_similarity=MIN_SIMILARITY,
        country_of=components.gazetteer.affiliation,
    )
    lemma_keyed = {i: with_lemma_key(m) for i, m in prepared.mentions.items()}
    key = key_clusters(prepared.gold)
    results: dict[tuple[str, str], CorefScores] = {}
    for scope in SCOPES:
        responses = {
            "ours": merge_clusters(prepared.gold, prepared.mentions, scope, merger),
            "lemma": lemma_clusters(prepared.gold, prepared.lemmas, scope),
            "ours_lemma": merge_clusters(prepared.gold, lemma_keyed, scope, merger),
        }
        for system, response in responses.items():
            results[(scope, system)] = score(*with_singletons(key, response))
    return results, prepared


def main(argv: list[str] | None = None, components: Components | None = None) -> int:
    """``python -m graph.evaluate.ecb [PATH] [--topics 1-5,12]``: ``scope.system.metric=value`` lines."""
    args = list(sys.argv[1:] if argv is None else argv)
    topics = None
    if "--topics" in args:
        i = args.index("--topics")
        try:
            topics = parse_topics(args[i + 1])
        except (IndexError, ValueError) as err:
            print(f"error: --topics wants a list like 1-5,12 ({err})", file=sys.stderr)
            return 2
        del args[i : i + 2]
    path = Path(args[0]) if args else DEFAULT_PATH
    if not path.is_file():
        print(f"error: {path} is not a file; pass the path of ecbplus_dev.jsonl", file=sys.stderr)
        return 2
    start = time.perf_counter()
    results, prepared = evaluate(path, components, topics)
    n = len(prepared.gold)
    print(
        f"{len({g.doc_id for g in prepared.gold})} documents, {n} gold mentions, "
        f"{len(key_clusters(prepared.gold))} gold clusters; {prepared.extracted} on a mention of ours, "
        f"{prepared.keyed} with an actor or place key, {prepared.typed} typed by the lexicon"
    )
    print(f"{'scope':<9} {'system':<11} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6}")
    for (scope, system), s in results.items():
        print(
            f"{scope:<9} {system:<11} {100 * s.muc.f1:6.1f} {100 * s.b_cubed.f1:6.1f} "
            f"{100 * s.ceaf_e.f1:7.1f} {100 * s.conll_f1:6.1f}"
        )
    for (scope, system), s in results.items():
        for name, value in s.figures(f"{scope}.{system}.").items():
            print(f"{name}={value:.1f}")
    print(f"seconds={time.perf_counter() - start:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
