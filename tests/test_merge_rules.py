"""Pure rules of graph.merge_rules that merging reads: who puts forward a prospect, and when."""

from __future__ import annotations

from dataclasses import replace

from test_merge_passes import day, mention

from graph.merge_rules import said_next, said_on, sources_of, tail_of
from graph.records import Evidence, Factuality


def test_a_remark_that_says_nothing_says_the_sentence_before_it():
    lead = "The withdrawal could give both countries an opportunity to negotiate."
    could = mention("a", 0, "Negotiation", agents=(), factuality=Factuality.HYPOTHETICAL, sentence=lead)
    said = mention("a", len(lead) + 1, "Statement", agents=("leader",), date=day(2022, 11, 9))
    said = replace(said, evidence=Evidence("a", len(lead) + 1, len(lead) + 22, "The general said Wednesday."))
    assert tail_of(said_next([could, said]), could) is said
    assert sources_of([could, said])[id(could)] == "leader"
    assert said_on([could, said], sources_of([could, said]))[id(could)] == day(2022, 11, 9)


def test_a_remark_with_words_of_its_own_or_far_away_is_no_attribution():
    lead = "Talks could resume."
    could = mention("a", 0, "Negotiation", agents=(), factuality=Factuality.HYPOTHETICAL, sentence=lead)
    worded = mention("a", len(lead) + 1, "Statement", agents=("leader",), quote="we are ready")
    far = mention("a", len(lead) + 300, "Statement", agents=("leader",))
    assert sources_of([could, worded])[id(could)] is None
    assert sources_of([could, far])[id(could)] is None
    # An asserted event is the narrator's whoever speaks next.
    told = replace(could, factuality=Factuality.ASSERTED)
    bare = mention("a", len(lead) + 1, "Statement", agents=("leader",))
    assert sources_of([told, bare])[id(told)] is None


def test_counts_of_soldiers_and_of_civilians_killed_are_two_events():
    from graph.merge_rules import befall_others
    from graph.records import Figure

    def killed(start: int, unit: str | None):
        figures = (Figure(value=200.0, unit=unit, text="200"),) if unit else ()
        return mention("a", start, "Casualties", agents=(), places=(), figures=figures)

    soldiers, civilians, bare = (
        killed(1, "military casualties"),
        killed(9, "civilian casualties"),
        killed(20, None),
    )
    assert befall_others([soldiers], civilians) and not befall_others([soldiers], bare)
    assert not befall_others([soldiers], killed(30, "military casualties"))
