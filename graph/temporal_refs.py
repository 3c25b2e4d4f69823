"""The present, past and future of the anchor: reference expressions and the governing tense.

:func:`ref_reading` reads reference expressions ("now", "recently", "soon", "in the past")
against the anchor; :func:`governing_tense` says which side of the anchor a recurrence
("Wednesday", "May") is on, from the verb that governs it.

TimeML calls these PRESENT_REF, PAST_REF and FUTURE_REF: they point at the present, the past
or the future of the anchor (the publication date) without naming a calendar unit. A
:class:`~graph.records.DateSpan` has two calendar bounds, so a reference resolves only when
both bounds follow from the words, and always with precision approximate unless the words
name a day:

* ``present`` ("now", "currently", "at present", "these days", "for the time being",
  "ongoing"): the anchor day, precision approximate. The text puts the fact at the time of
  writing but names no day, so never day precision; "today" is a day word, not a reference,
  and keeps day precision.
* ``recent`` ("recently", "lately", "recent", "more recently"): from six months before the
  anchor to the anchor, precision approximate, as "in recent months".
* ``soon`` ("soon", "shortly", "the near future", "the near term", "the short term"): from
  the anchor to six months after it, precision approximate, the mirror of ``recent``.
* ``open`` ("in the past", "previously", "formerly", "earlier", "in the future",
  "eventually", "later", "the long term"): None. The far bound would be invented, so any span
  would say more than the text does.
* ``none``: words that are understood but give no date of their own: anaphora ("then", "at
  the time", "that time") and aspect ("so far", "ever"). None as well.

The words and their kinds are the ``ref`` category of ``graph/data/temporal_lexicon.tsv``;
this module only says what each kind means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from graph.temporal_rules import APPROX, NOT_A_DATE, REF_KINDS, Reading, window_reading

#: How far "recently" reaches back and "soon" forward, in months (as "in recent months").
REACH_MONTHS = 6


def ref_reading(kind: str, anchor: dt.date) -> Reading:
    """The reading of a reference expression of ``kind`` (one of :data:`REF_KINDS`) at ``anchor``."""
    if kind not in REF_KINDS:
        raise ValueError(f"reference kind must be one of {', '.join(REF_KINDS)}, got {kind!r}")
    if kind == "present":
        return Reading((anchor, anchor), APPROX)
    if kind in ("recent", "soon"):
        return window_reading(anchor, REACH_MONTHS, 0, forward=kind == "soon")
    return NOT_A_DATE


#: Verbs of scheduling: a date they govern is ahead of the anchor unless they are in the past
#: tense ("a hearing has been scheduled for June 3", "results are expected on Thursday").
SCHEDULING = frozenset({"schedule", "slate", "plan", "expect", "due", "set"})


def governing_tense(tokens: Sequence[Any]) -> str:
    """The tense of the verb that governs a time expression, from spaCy tokens of it.

    Climbs from the expression's head to the first verb; "future" when that verb has a
    will/shall/'ll auxiliary, is "going to" something, is a headline's bare infinitive
    ("Markets to reopen Friday") or a scheduling verb (:data:`SCHEDULING`) not in the past
    tense; "past" when it or an auxiliary of it is in the past tense, or is a bare participle;
    "perfect" for a present perfect ("has fallen", "have been fighting"); else "present".
    """
    if not tokens:
        return "past"
    head = next((t for t in tokens if t.head not in tokens or t.head == t), tokens[0])
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "past"
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in auxiliaries):
        return "future"
    if verb.head.lower_ == "going" and verb.dep_ == "xcomp":
        return "future"
    past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)
    if verb.lemma_ in SCHEDULING and not past:
        return "future"
    if verb.dep_ == "ROOT" and verb.tag_ == "VB" and [a.lower_ for a in auxiliaries] == ["to"]:
        return "future"  # the headline's "to": "Russian markets to remain closed until Friday"
    if past:
        return "past"
    if any(a.lemma_ == "have" for a in auxiliaries):
        return "perfect"
    if verb.tag_ == "VBN" and not auxiliaries:  # a bare participle: "plans announced in January"
        return "past"
    return "present"


__all__ = ["REACH_MONTHS", "SCHEDULING", "governing_tense", "ref_reading"]
