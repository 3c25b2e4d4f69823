"""What a speech act says and who reports it, read off the parse: the event type its content
is about (:func:`topic_of`) and the speaker whose words hold an event (:func:`reporter_of`). Pure
functions over spaCy tokens, used by :class:`graph.extract.EventExtractor`; tested in
tests/test_extract.py."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Dependency labels by which a speech verb takes its content.
_CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "dobj", "conj", "prep", "pobj", "acomp"}

#: Dependents of a speech verb that set the scene rather than say what was said.
_CIRCUMSTANCE = frozenset({"advcl", "nsubj", "nsubjpass"})


def reporter_of(tok: Token, speakers: Mapping[int, str]) -> str | None:
    """The speaker of a speech act whose content holds ``tok`` ("X said Russia withdrew").

    Only content counts: the path must enter the speech verb through a complement
    ("said [that Russia withdrew]", "announced [its withdrawal]"), not an adverbial clause
    ("Martin said Thursday, as Moscow signalled…" does not make Martin the source).
    """
    node = tok
    for _ in range(10):
        if node.head.i == node.i:
            return None
        child, node = node, node.head
        if node.i in speakers and node.i != tok.i:
            return speakers[node.i] if child.dep_ in _CONTENT_DEPS else None
    return None


def topic_of(
    tok: Token,
    triggers: Mapping[int, tuple],
    roles: Mapping[int, tuple],
    relatives: Mapping[int, tuple[int | None, int | None]],
    speech_acts: Collection[str],
    other: Collection[int] = (),
) -> tuple[str | None, tuple[str, ...]]:
    """The type of the first non-communication event in the speech act's content, and its places.

    What the speaker said comes before the circumstances the sentence sets around the saying
    ("When Russia annexed the regions, Zelensky said he would never negotiate"): events under
    an adverbial clause, in the speaker's own description or in a relative clause count only
    when the rest has none. Triggers in ``other`` are words used in another sense ("pulling out
    of the grain deal"), no event.
    """
    aside = {t.i for c in tok.children if c.dep_ in _CIRCUMSTANCE for t in c.subtree}

    def below(clause: int | None) -> bool:
        return clause is not None and clause != tok.i and tok.left_edge.i <= clause <= tok.right_edge.i

    for pass_aside in (False, True):
        for child in tok.subtree:
            if child.i == tok.i or child.i not in triggers or child.i in other:
                continue
            # A relative clause describes a noun of the content ("their decision to leave
            # Kherson, the only capital that they managed to conquer"): what was said is the
            # rest; and one that describes a name is never what was said.
            nearest, naming = relatives[child.i]
            if below(naming):
                continue
            if (child.i in aside or below(nearest)) is not pass_aside:
                continue
            kind = triggers[child.i][0]
            if kind not in speech_acts:
                return kind, roles[child.i][0].places
    return None, ()
