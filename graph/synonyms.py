"""Synonym groups of event trigger lemmas, read from ``graph/data/trigger_synonyms.tsv``.

Reports of one event use different words for it ("killed" / "murdered", "quake" /
"earthquake", "bought" / "purchased"): the merger matches trigger lemmas by their group, not
by the lemma alone. The table is derived from WordNet 3.0 by tools/make_trigger_synonyms.py;
nothing here needs WordNet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from graph.errors import GraphError

DEFAULT_PATH = Path(__file__).parent / "data" / "trigger_synonyms.tsv"


def base_forms(word: str) -> set[str]:
    """``word`` lower-cased and the stems it may inflect ("Announces": announce, "Killed": kill,
    "feigning": feign, "Stopping": stop); regular English inflection only."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    forms = {w}
    for suffix, endings in (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",))):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            forms.update(stem + e for e in endings)
            if stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "Stopping": stop
    if w.endswith("ies") and len(w) > 4:
        forms.add(w[:-3] + "y")
    return forms


class TriggerSynonyms:
    """``lemma`` → its synonym group. A lemma the table does not know is a group of its own."""

    def __init__(self, groups: Mapping[str, str]) -> None:
        self._groups = {lemma.lower(): group for lemma, group in groups.items()}
        members: dict[str, list[str]] = defaultdict(list)
        for lemma, group in sorted(self._groups.items()):
            members[group].append(lemma)
        self._members = {g: tuple(ls) for g, ls in members.items()}

    @classmethod
    def from_file(cls, path: Path | None = None) -> TriggerSynonyms:
        """The table at ``path`` (default the shipped one); a GraphError names a malformed line."""
        path = path or DEFAULT_PATH
        groups: dict[str, str] = {}
        header_seen = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True  # "lemma<TAB>group"
                continue
            cells = line.split("\t")
            if len(cells) != 2 or not all(cells):
                raise GraphError(f"{path}:{number}: want 'lemma<TAB>group', got {line!r}")
            groups[cells[0]] = cells[1]
        return cls(groups)

    def __call__(self, lemma: str) -> str:
        """The group id of ``lemma``; the lemma itself (never a group id) when it has none.

        A lemma the table does not know that ends in a plural or third-person "s" (spaCy
        leaves "dies", "checks" or "playoffs" as they are) is read as its stem, so "dies"
        is in the group of "die" and "playoffs" matches "playoff".
        """
        key = lemma.lower()
        if key in self._groups:
            return self._groups[key]
        stems = [key[:-3] + "y", key[:-2], key[:-1]] if key.endswith("ies") else [key[:-2], key[:-1]]
        if len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
            known = [s for s in stems if s in self._groups]
            return self._groups[known[0]] if known else key[:-1]
        return key

    def members(self, lemma: str) -> tuple[str, ...]:
        """Every lemma of ``lemma``'s group, sorted (just ``lemma`` when it has none)."""
        return self._members.get(self(lemma), (lemma,))

    def __len__(self) -> int:
        return len(self._groups)
