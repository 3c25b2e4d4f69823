"""Reference expressions ("now", "recently", "soon", "in the past") read against the anchor.

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


__all__ = ["REACH_MONTHS", "ref_reading"]
