"""The pure scoring rules of the MEANTIME evaluation (graph.evaluate.meantime): span overlap,
best gold match, head words, coreference chains, the annotated part of a document, a date
expression inside a gold TIMEX3, and the sample lines printed."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from graph.records import Article, Entity, Mention

#: Lines of each document whose events, participants and times are fully annotated.
ANNOTATED_LINES = 6


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when the character ranges ``[a_start, a_end)`` and ``[b_start, b_end)`` share a character."""
    return a_start < b_end and b_start < a_end


def best_gold(start: int, end: int, golds: Sequence[dict]) -> dict | None:
    """The gold mention (dict with ``start``/``end``) overlapping ``[start, end)`` most, or None."""
    # Largest overlap first, then the earliest gold in the list.
    sizes = [
        (min(end, g["end"]) - max(start, g["start"]), -i)
        for i, g in enumerate(golds)
        if g.get("start") is not None
    ]
    size, minus_index = max(sizes, default=(0, 0))
    return golds[-minus_index] if size > 0 else None


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
    head = text.split("\n", lines)[:lines]
    return min(len(text), sum(len(line) + 1 for line in head) - 1)


def gold_lemma(event: dict, lemmas: Sequence[tuple[int, int, str]]) -> str:
    """The gold ``pred``, or where the corpus gives none (half of MEANTIME's events), the lemma
    of the first token of the gold span."""
    if event.get("pred"):
        return str(event["pred"]).lower()
    return next((lemma for s, e, lemma in lemmas if overlaps(s, e, event["start"], event["end"])), "")


def read_gold(path: Path) -> dict[str, dict]:
    """doc_id → the document's gold record."""
    with path.open(encoding="utf-8") as lines:
        return {str(d["doc_id"]): d for d in map(json.loads, filter(str.strip, lines))}


def date_in_timex(article: Article, m: Mention, timexes: Sequence[dict]) -> bool:
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


def sample_line(
    article: Article,
    m: Mention,
    matched: dict | None,
    chain_of,
    entities: dict[str, Entity],
    scored: bool = True,
) -> str:
    """A line that shows ``m`` of ``article`` beside the gold event it ``matched`` (if ``scored``):
    its type, trigger, agents and patients (by name and kind), date and sentence."""

    def who(role: str) -> list[str]:
        parts = [
            p for p in (matched or {}).get("participants", ()) if p["role"] == role and p["m_id"] in chain_of
        ]
        return ["/".join(dict.fromkeys(x["text"] for x in chain_of[p["m_id"]])) for p in parts]

    def name(key: str) -> str:
        entity = entities.get(key)
        return f"{entity.name}:{entity.kind.value}" if entity else key

    gold = (
        "(not annotated)"
        if not scored
        else "gold: NO EVENT"
        if matched is None
        else (f"gold {matched.get('pred') or repr(matched['text'])}: A0={who('Arg0')} A1={who('Arg1')}")
    )
    return (
        f"[{article.id}] {m.event_type}({article.text[m.trigger_start : m.trigger_end]}) "
        f"agents={[name(k) for k in m.agents]} patients={[name(k) for k in m.patients]} "
        f"date={m.date.expression if m.date else None!r} | {gold}\n    {m.evidence.sentence.strip()}"
    )
