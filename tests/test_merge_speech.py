"""When two reported speech acts are one act (graph.merge_speech), on hand-made mentions."""

from __future__ import annotations

from dataclasses import replace

from test_merge_passes import day, mention, merger

from graph.merge_speech import reports
from graph.records import Factuality


def test_a_report_and_the_act_it_reports_are_two_acts():
    sentence = "Media reported that the leader has been urging Ukraine to talk."
    report = mention("a", 6, "Statement", agents=("leader",), sentence=sentence, quote=sentence[15:62])
    urge = mention("a", 6 + sentence.index("urging"), "Appeal", agents=("leader",), sentence=sentence)
    urge = replace(urge, evidence=report.evidence)
    assert reports(report, urge)
    assert not reports(urge, report)
    assert len(merger()([report, urge])) == 2


def test_an_appeal_and_a_statement_of_one_occasion_are_one_act_of_the_more_specific_type():
    wednesday = day(2022, 11, 9)
    same = replace(wednesday, expression="Wednesday (the same remarks, later)")
    urged = mention("a", 1, "Appeal", agents=("leader",), patients=("ukraine",), date=same)
    said = mention("a", 80, "Statement", agents=("leader",), date=wednesday, quote="Be patient")
    (event,) = merger()([urged, said])
    assert event.event_type == "Appeal"
    # On another day, the leader's appeal and statement are two acts.
    assert len(merger()([urged, replace(said, date=day(2022, 11, 12))])) == 2


def test_a_ministers_undated_words_in_a_report_of_his_ministrys_announcement_are_that_act():
    def affiliation(k: str) -> str | None:
        return "russia" if k == "leader" else None

    wednesday = day(2022, 11, 9)
    announced = mention("a", 1, "Announcement", agents=("russia",), topic="Withdrawal")
    explained = mention("a", 400, "Statement", agents=("leader",), topic="Attack", quote="risked isolation")
    merge = merger()
    merge.affiliation = affiliation
    # Whether the other report comes before or after this one.
    for other in ("0", "b"):
        elsewhere = mention(other, 1, "Announcement", agents=("leader",), date=wednesday, topic="Withdrawal")
        (event,) = merge([elsewhere, announced, explained])
        assert len(event.mentions) == 3
    # His own words the report dates are another occasion's.
    dated = replace(explained, date=day(2022, 11, 12))
    assert len(merge([elsewhere, announced, dated])) == 2
    # Nor does a prospect stand for an act.
    assert explained.factuality is Factuality.ASSERTED


def test_undated_remarks_in_reports_written_weeks_apart_are_two_acts():
    def report(article: str, written: tuple[int, int, int]) -> list:
        # A dated event in the report tells when it was written (its dates' anchor).
        dated = mention(
            article, 1, "Attack", places=("kherson",), date=day(*written, anchor=day(*written).begin)
        )
        said = mention(
            article, 50, "Statement", agents=("leader",), topic="Negotiation", quote="we will talk"
        )
        return [dated, said]

    def statements(*reports: list) -> int:
        return sum(1 for e in merger()([m for r in reports for m in r]) if e.event_type == "Statement")

    assert statements(report("a", (2009, 4, 3)), report("b", (2009, 4, 8))) == 1
    assert statements(report("a", (2009, 4, 3)), report("b", (2009, 5, 1))) == 2
    # A report that says nothing of when it was written is no evidence either way.
    assert statements(report("a", (2009, 4, 3)), [report("b", (2009, 5, 1))[1]]) == 1


def test_a_persons_announcements_follow_the_rules_of_occasions_but_a_bodys_are_one():
    def announced(who: str, start: int, words: str, date=None):
        return mention("a", start, "Announcement", agents=(who,), topic="Election", quote=words, date=date)

    # The report dates one announcement and leaves the other undated: two occasions for a person.
    dated = announced("leader", 1, "Dr Benjamin is my nominee", date=day(2009, 7, 13))
    undated = announced("leader", 900, "he intends to nominate Dr Gupta")
    assert len(merger()([dated, undated])) == 2
    # A body announces through many voices: one announcement on one subject.
    body = [replace(dated, agents=("russia",)), replace(undated, agents=("russia",))]
    assert len(merger()(body)) == 1
