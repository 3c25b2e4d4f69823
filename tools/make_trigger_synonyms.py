"""Write graph/data/trigger_synonyms.tsv from the WordNet 3.0 database files.

``python tools/make_trigger_synonyms.py [WORDNET_DIR]`` (default /usr/share/wordnet, the Debian
package ``wordnet-base``). The product reads only the TSV; WordNet is needed to regenerate it.

Groups are kept tight, because a group lets mentions of different words merge:

* a verb's group is its **first sense** (WordNet orders senses by frequency): "buy" and
  "purchase" share buy.v.01; a verb whose first sense is a troponym of a root verb's first
  sense joins that verb ("murder" is a way to "kill"), unless that verb is general (more than
  ``MAX_TROPONYMS`` such troponyms: "change", "travel");
* a noun belongs only when its first sense is an act, event, phenomenon or process; it takes
  the group of the verb its first sense is derived from ("murder" → kill, "death" → die) when
  that verb sense is the verb's first or the noun is the verb plus a suffix ("shooting" →
  shoot); else its own first sense ("quake" and "earthquake" share
  earthquake.n.01);
* a lemma that is a verb and an event noun takes the group of the sense tagged more often in
  SemCor (WordNet's ``cntlist.rev``: "quake" is mostly the earthquake, "kill" mostly the verb);
  a group of one lemma is left out.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "graph" / "data" / "trigger_synonyms.tsv"
#: Lexicographer files of nouns that name something happening (noun.act, noun.event,
#: noun.phenomenon, noun.process).
EVENT_NOUN_FILES = {4, 11, 19, 22}
#: A root verb with more troponyms than this is too general to stand for them ("change" has
#: 312 first-sense troponyms, "travel" 74; "kill" has 28).
MAX_TROPONYMS = 30


@dataclass
class Synset:
    offset: str
    pos: str
    lexfile: int
    words: list[str]
    #: Direct hypernyms (``@``; instance hypernyms left out).
    hypernyms: list[str] = field(default_factory=list)
    #: (source word index from 1, pos, target offset, target word index) of ``+`` pointers.
    derived: list[tuple[int, str, str, int]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.pos}{self.offset}"


def read_data(path: Path, pos: str) -> dict[str, Synset]:
    """The synsets of one ``data.<pos>`` file by offset."""
    out: dict[str, Synset] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top of the file
        fields = line.split(" | ", 1)[0].split()
        offset, lexfile, count = fields[0], int(fields[1]), int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(count)]
        i = 4 + 2 * count
        synset = Synset(offset, pos, lexfile, words)
        for _ in range(int(fields[i])):
            symbol, target, target_pos, st = fields[i + 1 : i + 5]
            i += 4
            if symbol == "@":
                synset.hypernyms.append(target)
            elif symbol == "+":
                synset.derived.append((int(st[:2], 16), target_pos, target, int(st[2:], 16)))
        out[offset] = synset
    return out


def read_index(path: Path) -> dict[str, list[str]]:
    """lemma → its synset offsets, most frequent sense first."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, count, pointers = fields[0], int(fields[2]), int(fields[3])
        if "_" in lemma or not lemma.isalpha():
            continue  # one word only: a trigger is one lemma
        out[lemma] = fields[6 + pointers : 6 + pointers + count]
    return out


def read_counts(path: Path) -> dict[tuple[str, int], int]:
    """(lemma, 1 for nouns or 2 for verbs) → how often its first sense is tagged in SemCor."""
    out: dict[tuple[str, int], int] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        key, sense, count = line.split()
        lemma, _, rest = key.partition("%")
        if sense == "1" and rest[0] in "12":
            out[(lemma, int(rest[0]))] = int(count)
    return out


def groups(wordnet: Path) -> dict[str, str]:
    """lemma → group id (a WordNet synset key such as ``v01323976``)."""
    verbs, nouns = read_data(wordnet / "data.verb", "v"), read_data(wordnet / "data.noun", "n")
    verb_index, noun_index = read_index(wordnet / "index.verb"), read_index(wordnet / "index.noun")
    first_verb = {lemma: offsets[0] for lemma, offsets in verb_index.items()}
    first_senses = set(first_verb.values())
    counts = read_counts(wordnet / "cntlist.rev")
    # A troponym joins its hypernym only when that is some verb's first sense and a root
    # (no hypernym of its own): "murder" (a way to kill) joins "kill"; "assassinate" (a way to
    # murder) stays apart, so groups never chain.
    roots = {
        lemma: up[0]
        for lemma, offset in first_verb.items()
        if len(up := [h for h in verbs[offset].hypernyms if h in first_senses and not verbs[h].hypernyms])
        == 1
    }
    troponyms = Counter(roots.values())
    out: dict[str, str] = {}
    for lemma, offset in first_verb.items():
        root = roots.get(lemma)
        general = root is None or troponyms[root] > MAX_TROPONYMS
        out[lemma] = verbs[offset].key if general else f"v{root}"
    verb_group = dict(out)
    for lemma, offsets in noun_index.items():
        if lemma in out and counts.get((lemma, 1), 0) <= counts.get((lemma, 2), 0):
            continue
        synset = nouns[offsets[0]]
        if synset.lexfile not in EVENT_NOUN_FILES:
            continue
        word = synset.words.index(lemma) + 1 if lemma in synset.words else 0
        derived = [
            (verbs[target].words[index - 1], target)
            for source, pos, target, index in synset.derived
            if pos == "v" and source == word and index
        ]
        # The verb whose first sense it is derived from, else the verb it is formed from by a
        # suffix ("shooting", the act of firing, is derived from a later sense of "shoot").
        owner = next((w for w, t in derived if first_verb.get(w) == t), None) or next(
            (w for w, _ in derived if lemma != w and lemma.startswith(w[:-1]) and w in verb_group), None
        )
        out[lemma] = verb_group[owner] if owner else synset.key
    sizes: dict[str, int] = defaultdict(int)
    for group in out.values():
        sizes[group] += 1
    return {lemma: group for lemma, group in sorted(out.items()) if sizes[group] > 1}


def main(argv: list[str]) -> int:
    wordnet = Path(argv[0]) if argv else Path("/usr/share/wordnet")
    table = groups(wordnet)
    header = [
        "# Event trigger lemmas (verbs and event nouns) → synonym group (a WordNet synset key).",
        "# Source: WordNet 3.0 (Princeton University, WordNet 3.0 licence: free use, copy, modify and",
        "# distribute with the copyright notice), database files of the Debian package wordnet-base.",
        "# Generated by tools/make_trigger_synonyms.py (rules in its docstring); do not edit by hand.",
        "lemma\tgroup",
    ]
    OUT.write_text("\n".join([*header, *(f"{k}\t{v}" for k, v in table.items())]) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(table)} lemmas in {len(set(table.values()))} groups")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
