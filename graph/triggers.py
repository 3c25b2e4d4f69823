"""Conditional triggers: verbs that mean an event only in one construction.

"Russia leaves Lyon" is a withdrawal, "Hale left open the possibility" is not; "took
control of the villages" is a capture, "took time" is not. The constructions are data
(``graph/data/conditional_triggers.tsv``); this module only checks them on the parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import GraphError
from graph.modality import is_infinitive

if TYPE_CHECKING:
    from spacy.tokens import Token

DEFAULT_PATH = Path(__file__).parent / "data" / "conditional_triggers.tsv"


@dataclass(frozen=True)
class ConditionalTrigger:
    """A verb that triggers ``event_type`` when ``condition`` holds."""

    lemma: str
    event_type: str
    #: "place-object", "clause", "object-to", "object:NOUN|NOUN…" or "subject:NOUN|NOUN…".
    condition: str


def condition_holds(tok: Token, condition: str, is_place: Callable[[Token], bool]) -> bool:
    """Whether the verb ``tok`` is used in the construction ``condition`` (conditions joined
    by "&" must all hold)."""
    if "&" in condition:
        return all(condition_holds(tok, part, is_place) for part in condition.split("&"))
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if condition.startswith("object:"):
        # "left open the possibility": the object of a verb's predicative complement counts too;
        # "missiles were fired": so does a passive subject; "a wave of drones", "dozens of
        # missiles": so does what a quantity is of.
        objects += [o for c in tok.children if c.dep_ == "xcomp" for o in c.children if o.dep_ == "dobj"]
        objects += [c for c in tok.children if c.dep_ == "nsubjpass"]
        objects += [
            g
            for o in objects
            for p in o.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
        ]
        nouns = set(condition.split(":", 1)[1].split("|"))
        return any(o.lemma_.lower() in nouns for o in objects)
    if condition == "place-object":
        froms = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children]
        candidates = [t for o in [*objects, *froms] for t in o.subtree]
        return any(is_place(t) for t in candidates)
    if condition.startswith("subject:"):
        # "troops advanced", not "shares advanced": the subject says what kind of act it is.
        nouns = set(condition.split(":", 1)[1].split("|"))
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        return any(s.lemma_.lower() in nouns for s in subjects)
    if condition == "object-to":
        # "pushing Ukraine to show it is open to talks": someone is urged to do something.
        return bool(objects) and any(c.dep_ in ("xcomp", "advcl") and is_infinitive(c) for c in tok.children)
    if condition == "clause":
        # "reported that the withdrawal was proceeding": a finite clause of content, not "a report".
        return any(c.dep_ == "ccomp" for c in tok.children)
    return False


class ConditionalTriggers:
    """The conditional triggers of a file, matched on parsed verbs."""

    def __init__(self, triggers: Iterable[ConditionalTrigger]) -> None:
        self.by_lemma: dict[str, list[ConditionalTrigger]] = {}
        for t in triggers:
            self.by_lemma.setdefault(t.lemma, []).append(t)

    @classmethod
    def from_file(
        cls, path: Path = DEFAULT_PATH, known_types: Iterable[str] | None = None
    ) -> ConditionalTriggers:
        """Read ``lemma<TAB>type<TAB>condition`` lines; an unknown type or condition is an error."""
        known = set(known_types) if known_types is not None else None
        found = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("\t")]
            valid = len(parts) == 3 and all(
                c in ("place-object", "clause", "object-to") or c.startswith(("object:", "subject:"))
                for c in parts[2].split("&")
            )
            if not valid:
                raise GraphError(
                    f"{path}:{n}: expected 'lemma<TAB>type<TAB>CONDITION' with CONDITION one of"
                    " place-object, clause, object-to, object:NOUN|NOUN…, subject:NOUN|NOUN…,"
                    " or several joined by &"
                )
            if known is not None and parts[1] not in known:
                raise GraphError(
                    f"{path}:{n}: unknown event type {parts[1]!r}; known: {', '.join(sorted(known))}"
                )
            found.append(ConditionalTrigger(*parts))
        return cls(found)

    def restricted_to(self, types: Iterable[str]) -> ConditionalTriggers:
        """Only the triggers of ``types`` (an extractor handed a small lexicon uses only its types)."""
        keep = set(types)
        return ConditionalTriggers(t for ts in self.by_lemma.values() for t in ts if t.event_type in keep)

    def match(self, tok: Token, is_place: Callable[[Token], bool]) -> tuple[str, str] | None:
        """``(event type, "lemma")`` when the verb ``tok`` is used in a listed construction."""
        for t in self.by_lemma.get(tok.lemma_.lower(), ()):
            if condition_holds(tok, t.condition, is_place):
                return t.event_type, t.lemma
        return None
