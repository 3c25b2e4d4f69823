"""Event extraction on small made-up sentences, with the real spaCy model and gazetteer.

The lexicon is a tiny one handed in, so each test says exactly which words are triggers.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from graph.entities import EntityResolver
from graph.extract import EventExtractor
from graph.figures import FigureExtractor, UnitTable
from graph.gazetteer import Gazetteer
from graph.lexicon import EventLexicon, EventType
from graph.nlp import load_pipeline
from graph.records import Article, Factuality, Precision
from graph.speech import has_content
from graph.temporal import DateResolver

THURSDAY = dt.date(2022, 11, 10)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def lexicon():
    return EventLexicon(
        [
            EventType("Statement", "statement", "", triggers=("say", "warn", "note")),
            EventType(
                "Announcement", "announcement", "", triggers=("announce", "announcement"), broader="Statement"
            ),
            EventType(
                "Withdrawal", "withdrawal", "", triggers=("withdraw", "withdrawal", "pull out", "retreat")
            ),
            EventType("Negotiation", "negotiation", "", triggers=("talk", "negotiate")),
            EventType("Attack", "attack", "", triggers=("shell", "shelling", "attack", "strike")),
            EventType("Annexation", "annexation", "", triggers=("annex",)),
            EventType("Casualties", "casualties", "", triggers=("kill", "die", "death", "killing")),
            EventType("Capture", "capture", "", triggers=("capture", "recapture")),
            EventType("Evacuation", "evacuation", "", triggers=("evacuate",)),
            EventType("Fighting", "fighting", "", triggers=("fight",)),
        ]
    )


@pytest.fixture
def run(nlp, gazetteer, lexicon):
    def _run(text: str, published: dt.date | None = THURSDAY):
        resolver = EntityResolver(gazetteer)
        extractor = EventExtractor(
            lexicon, resolver, DateResolver(), FigureExtractor(UnitTable.from_file()), gazetteer
        )
        article = Article(id="t.txt", text=text, published=published)
        mentions = extractor(article, nlp(text))
        names = {k: e.name for k, e in resolver.entities().items()}
        names.update({k: e.name for k, e in extractor.added.items()})
        return mentions, lambda keys: sorted(names.get(resolver.canonical_key(k), k) for k in keys)

    return _run


def only(mentions, event_type):
    found = [m for m in mentions if m.event_type == event_type]
    assert len(found) == 1, [(m.event_type, m.trigger) for m in mentions]
    return found[0]


def test_agent_and_place_of_a_verb(run):
    mentions, names = run("Russia withdrew its troops from Kherson on Wednesday.")
    m = only(mentions, "Withdrawal")
    assert names(m.agents) == ["Russia"]
    assert names(m.places) == ["Kherson"]
    assert m.date is not None and m.date.begin == dt.date(2022, 11, 9) and m.date.precision is Precision.DAY
    assert m.date.anchor == THURSDAY and m.date.expression == "Wednesday"


def test_passive_voice_puts_the_by_phrase_first(run):
    mentions, names = run("Kherson was shelled by Russian forces.")
    m = only(mentions, "Attack")
    assert names(m.agents) == ["Russia"]
    assert names(m.places) == ["Kherson"]


def test_coordinated_agents(run):
    mentions, names = run("Russia and Ukraine held talks in Istanbul in March.")
    m = only(mentions, "Negotiation")
    assert names(m.agents) == ["Russia", "Ukraine"]
    assert names(m.places) == ["Istanbul"]
    assert m.date is not None and m.date.precision is Precision.MONTH


def test_demonym_names_the_country(run):
    mentions, names = run("Ukrainian troops attacked the city of Kherson.")
    m = only(mentions, "Attack")
    assert names(m.agents) == ["Ukraine"]
    assert names(m.places) == ["Kherson"]


def test_negated_and_future_events_are_marked(run):
    mentions, _ = run("Russia will not withdraw from Kherson.")
    assert only(mentions, "Withdrawal").factuality is Factuality.NEGATED
    mentions, _ = run("Russia will withdraw from Kherson next week.")
    m = only(mentions, "Withdrawal")
    assert m.factuality is Factuality.FUTURE
    assert m.date is not None and m.date.begin > THURSDAY


def test_hypothetical_event_is_marked(run):
    mentions, _ = run("Russia could withdraw from Kherson.")
    assert only(mentions, "Withdrawal").factuality is Factuality.HYPOTHETICAL


def test_statement_speaker_quote_date_and_reported_event(run):
    mentions, names = run("Mark Milley said Wednesday that Russia had begun a withdrawal from Kherson.")
    s = only(mentions, "Statement")
    assert names(s.agents) == ["Mark Milley"]
    assert s.topic == "Withdrawal"
    assert s.quote and "withdrawal from Kherson" in s.quote
    assert s.date is not None and s.date.begin == dt.date(2022, 11, 9)
    w = only(mentions, "Withdrawal")
    assert names([w.according_to]) == ["Mark Milley"]


def test_pronoun_speaker_is_resolved(run):
    mentions, names = run("Volodymyr Zelensky spoke in Kyiv. He warned that Russia would retreat.")
    s = only(mentions, "Statement")
    assert names(s.agents) == ["Volodymyr Zelensky"]


def test_capital_speaks_for_its_country(run):
    mentions, names = run("Moscow announced on Wednesday that its army would pull out of Kherson.")
    a = only(mentions, "Announcement")
    assert names(a.agents) == ["Russia"]


def test_year_precision_for_in_2014(run):
    mentions, _ = run("Crimea was annexed by Russia in 2014.")
    m = only(mentions, "Annexation")
    assert (m.date.begin, m.date.end, m.date.precision) == (
        dt.date(2014, 1, 1),
        dt.date(2014, 12, 31),
        Precision.YEAR,
    )
    assert m.date.anchor is None


def test_no_publication_date_leaves_relative_dates_unresolved(run):
    mentions, _ = run("Russia withdrew from Kherson on Wednesday.", published=None)
    assert only(mentions, "Withdrawal").date is None
    mentions, _ = run("Russia withdrew from Kherson on 9 November 2022.", published=None)
    assert only(mentions, "Withdrawal").date.begin == dt.date(2022, 11, 9)


def test_figure_with_qualifier_range_and_source(run):
    mentions, names = run("Milley said Russia has 20,000 to 30,000 troops in Kherson.")
    s = only(mentions, "Statement")
    (f,) = s.figures
    assert (f.low, f.high, f.unit) == (20000, 30000, "troops")
    assert names([f.given_by]) == ["Mark Milley"]  # the gazetteer knows the full name


def test_casualty_figures(run):
    mentions, _ = run("More than 100,000 Russian soldiers have been killed or wounded, officials said.")
    figures = [f for m in mentions for f in m.figures]
    assert any(
        f.unit == "military casualties" and f.value == 100000 and f.qualifier == "more than" for f in figures
    )


def test_a_scale_word_the_ner_leaves_out_counts_the_noun_of_the_killed(run):
    # "1 lakh" (100,000): the NER takes "1" alone and the parser hangs it on "claims".
    mentions, _ = run("A US military official says 1 lakh Russian soldiers were killed in Ukraine.")
    killed = only(mentions, "Casualties")
    assert [(f.value, f.unit) for f in killed.figures] == [(100000, "military casualties")]
    assert only(mentions, "Statement").figures == ()


def test_an_event_noun_modifying_another_noun_is_no_event_unless_that_noun_names_it(run):
    mentions, _ = run("Russian attack helicopters flew over Kherson on Monday.")
    assert mentions == []
    mentions, _ = run("The Russian withdrawal operation in Kherson began on Monday.")
    assert only(mentions, "Withdrawal").trigger == "withdrawal"


def test_a_capture_of_a_company_is_a_takeover_not_a_capture_of_territory(run):
    mentions, _ = run("General Motors captured Chrysler Corporation in a hostile takeover on Monday.")
    assert [m for m in mentions if m.event_type == "Capture"] == []
    mentions, names = run("Russian forces captured Kherson on Monday.")
    assert names(only(mentions, "Capture").places) == ["Kherson"]


def test_an_illness_or_a_fire_fought_is_no_armed_fight(run):
    mentions, _ = run("Jobs fought pancreatic cancer for years, and firefighters fought a blaze in Kherson.")
    assert [m for m in mentions if m.event_type == "Fighting"] == []
    mentions, names = run("Russian troops fought against Ukrainian forces near Kherson on Monday.")
    assert names(only(mentions, "Fighting").places) == ["Kherson"]


def test_a_deal_killed_or_money_withdrawn_is_no_death_or_retreat(run):
    mentions, _ = run(
        "The Pentagon killed the deal on Monday, and investors withdrew their funds from Kherson."
    )
    assert [m.event_type for m in mentions if m.event_type in ("Casualties", "Withdrawal", "Aid")] == []
    mentions, names = run("Russia withdrew its troops from Kherson on Monday.")
    assert names(only(mentions, "Withdrawal").places) == ["Kherson"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("He added that talks were possible.", True),
        ("He added a warning.", True),
        ("Smith added 15 points and 12 rebounds.", False),
        ("He scored six touchdowns and added three more on punt returns.", False),
        ("He added two.", False),
    ],
)
def test_a_speech_verb_whose_object_is_a_count_says_nothing(nlp, text, says):
    (added,) = [t for t in nlp(text) if t.lemma_ == "add"]
    assert has_content(added) is says


def test_talks_that_will_not_resume_are_negated(run):
    mentions, _ = run("Russia and Ukraine held talks in March, but the talks will not resume.")
    factualities = sorted(m.factuality.value for m in mentions if m.event_type == "Negotiation")
    assert "asserted" in factualities and "negated" in factualities


def test_a_dated_definite_event_noun_names_the_earlier_event_again(run):
    mentions, names = run(
        "Now the Russians say they are leaving Kherson without a fight. "
        "Russian media reported on Thursday that the withdrawal was proceeding as planned."
    )
    (again,) = [m for m in mentions if m.trigger == "withdrawal"]
    assert names(again.agents) == ["Russia"] and names(again.places) == ["Kherson"]
    assert again.date is not None and again.date.expression == "Thursday"


def test_evidence_offsets_point_at_the_sentence(run):
    text = "A first sentence here.\n\nRussia withdrew from Kherson."
    mentions, _ = run(text)
    m = only(mentions, "Withdrawal")
    assert text[m.evidence.start : m.evidence.end].strip() == m.evidence.sentence.strip()
    assert text[m.trigger_start : m.trigger_end] == "withdrew"


def test_bare_noun_without_arguments_is_not_an_event(run):
    mentions, _ = run("The withdrawal took several weeks.")
    assert not [m for m in mentions if m.event_type == "Withdrawal"]


def test_an_envisaged_event_is_kept_as_hypothetical(run):
    # A verb of occurring passes its modality to its noun subject; an envisaged event is kept.
    mentions, _ = run("A withdrawal could take several weeks.")
    assert only(mentions, "Withdrawal").factuality is Factuality.HYPOTHETICAL
    mentions, _ = run("The talks could take place in Istanbul.")
    assert only(mentions, "Negotiation").factuality is Factuality.HYPOTHETICAL
    mentions, _ = run("Russia said it was ready for talks with Ukraine.")
    assert only(mentions, "Negotiation").factuality is Factuality.HYPOTHETICAL
    # …but not the modality of a verb the noun merely drives.
    mentions, _ = run("Russia's withdrawal could give both countries a chance.")
    assert only(mentions, "Withdrawal").factuality is Factuality.ASSERTED


def test_a_name_cut_at_a_linking_word_is_rejoined(nlp):
    from graph.reference import join_split_names

    doc = nlp("Milley told the Economic Club of New York on Wednesday.")
    names = [(e.text, e.label_) for e in join_split_names([e for e in doc.ents if e.label_ != "DATE"])]
    assert ("the Economic Club of New York", "ORG") in names


def test_gazetteer_catches_a_place_the_ner_missed(run):
    mentions, names = run("Kyiv forces have recaptured over 40 towns in southern Ukraine, Zelensky said.")
    capture = only(mentions, "Capture")
    assert names(capture.agents) == ["Ukraine"]  # Kyiv speaks for Ukraine
    (figure,) = capture.figures
    assert (figure.value, figure.qualifier, figure.unit) == (40, "more than", "settlements")


def test_a_speakers_undated_remarks_take_the_one_dated_occasion(run):
    text = (
        "Mark Milley said Wednesday that talks were possible. "
        "He noted that Russia had withdrawn from Kherson. "
        "Russia said it was ready to talk."
    )
    mentions, names = run(text)
    statements = {
        (tuple(names(m.agents)), m.date.begin if m.date else None)
        for m in mentions
        if m.event_type == "Statement"
    }
    assert (("Mark Milley",), dt.date(2022, 11, 9)) in statements
    noted = [m for m in mentions if m.trigger == "note"]
    assert noted and noted[0].date.begin == dt.date(2022, 11, 9)
    assert "same remarks" in noted[0].date.expression
    # A country's statements are no single occasion; a reported event keeps no date.
    assert ((("Russia",), None)) in statements
    assert only(mentions, "Withdrawal").date is None


def test_remarks_on_a_channel_of_their_own_keep_no_borrowed_date(run):
    mentions, _ = run(
        "Mark Milley said Wednesday that talks were possible. Milley said on Twitter that he was hopeful."
    )
    said = sorted((m for m in mentions if m.event_type == "Statement"), key=lambda m: m.trigger_start)
    assert [m.date.begin if m.date else None for m in said] == [dt.date(2022, 11, 9), None]


def test_conditional_triggers_need_their_construction(run):
    mentions, names = run("Russia left Kherson on Wednesday.")
    assert names(only(mentions, "Withdrawal").places) == ["Kherson"]
    mentions, _ = run("Mark Milley left open the possibility of talks.")
    assert not [m for m in mentions if m.event_type == "Withdrawal"]
    mentions, names = run("Ukrainian troops took control of Kherson on Thursday.")
    assert names(only(mentions, "Capture").agents) == ["Ukraine"]
    mentions, _ = run("Ukrainian troops took time to rest in Kherson.")
    assert not [m for m in mentions if m.event_type == "Capture"]


def test_weapons_launched_or_fired_are_an_attack(components, tmp_path):
    def attacks(text):
        mentions, entities = pipeline_mentions(components, tmp_path, text)
        return [
            (m.trigger, sorted(entities[k].name for k in m.places))
            for m in mentions
            if m.event_type == "Attack"
        ]

    assert attacks("Russia launched a wave of drones at the port city of Odesa on Tuesday night.") == [
        ("launch", ["Odesa"])
    ]
    assert attacks("Russian forces fired missiles at Kyiv on Monday.") == [("fire", ["Kyiv"])]
    assert attacks("Russia launched a new satellite on Monday. The president fired the minister.") == []


def test_conditional_trigger_file_rejects_unknown_types(tmp_path):
    from graph.errors import GraphError
    from graph.triggers import ConditionalTriggers

    path = tmp_path / "t.tsv"
    path.write_text("leave\tDeparture\tplace-object\n")
    with pytest.raises(GraphError, match="unknown event type 'Departure'"):
        ConditionalTriggers.from_file(path, known_types=["Withdrawal"])
    path.write_text("leave\tWithdrawal\tsometimes\n")
    with pytest.raises(GraphError, match="expected"):
        ConditionalTriggers.from_file(path)
    path.write_text("enter\tCapture\tsubject:troop&sometimes\n")  # each joined condition is checked
    with pytest.raises(GraphError, match="or several joined by &"):
        ConditionalTriggers.from_file(path)


def test_shipped_conditional_triggers_name_real_event_types():
    from graph.triggers import ConditionalTriggers

    real = EventLexicon.from_ttl()
    triggers = ConditionalTriggers.from_file(known_types=real.types)
    assert triggers.by_lemma["leave"][0].event_type == "Withdrawal"


@pytest.mark.parametrize(
    "text",
    [
        "Russia was unlikely to withdraw from Kherson.",  # through a predicative adjective
        "Russian troops approached Kharkiv before withdrawing in May.",  # a preposition's clause
        "Moscow made the decision to withdraw from Kherson.",  # the noun of a light verb
        "Russia's decision to withdraw from Kherson surprised Kyiv.",  # the noun's possessor
    ],
)
def test_an_unexpressed_subject_is_the_governing_clauses(run, text):
    mentions, names = run(text)
    assert names(only(mentions, "Withdrawal").agents) == ["Russia"]


def test_a_plan_someone_else_holds_names_no_agent(run):
    mentions, names = run("Ukraine rejected the plan to withdraw from Kherson.")
    assert names(only(mentions, "Withdrawal").agents) == []


def test_talks_take_their_parties_from_the_clause_they_serve(run):
    mentions, names = run("In order to hold talks, Russia and Ukraine would have to agree on a ceasefire.")
    assert names(only(mentions, "Negotiation").agents) == ["Russia", "Ukraine"]
    mentions, names = run("Officials said that neither Ukraine nor Russia appear ready for talks.")
    assert names(only(mentions, "Negotiation").agents) == ["Russia", "Ukraine"]


def test_a_capital_after_with_is_a_party(run):
    mentions, names = run("Moscow has never refused to negotiate with Kyiv.")
    assert names(only(mentions, "Negotiation").agents) == ["Russia", "Ukraine"]


def test_a_persons_administration_acts_for_the_persons_country(run):
    mentions, names = run("The Biden administration announced on Wednesday that it would send more aid.")
    assert names(only(mentions, "Announcement").agents) == ["United States"]


def test_a_pronoun_prefers_a_possessor_of_its_own_sentence(run):
    mentions, names = run(
        "Russia said little on Thursday. It is Ukraine's biggest success since it recaptured Kherson."
    )
    assert names(only(mentions, "Capture").agents) == ["Ukraine"]


def test_both_countries_are_the_last_two_named(run):
    mentions, names = run(
        "Russia announced its withdrawal from Kherson in southern Ukraine. "
        "The move could give both countries an opportunity to negotiate."
    )
    assert names(only(mentions, "Negotiation").agents) == ["Russia", "Ukraine"]


def test_a_verbless_headline_names_its_agent(run):
    mentions, names = run("Russia ready for talks")
    assert names(only(mentions, "Negotiation").agents) == ["Russia"]
    # Between quotation marks and after another paragraph the parser tags the name a common
    # noun; as a named entity it is still the one ready.
    mentions, names = run(
        "He spoke of war crimes.\n\n‘Russia ready for talks’\n\nRussia, on the other hand, waited."
    )
    assert names(only(mentions, "Negotiation").agents) == ["Russia"]


def test_a_date_in_what_was_said_is_read_from_the_day_it_was_said(run):
    mentions, _ = run("Ukraine said on Tuesday that its troops had recaptured five villages last week.")
    said = only(mentions, "Statement").date
    assert said is not None and said.begin == dt.date(2022, 11, 8)
    taken = only(mentions, "Capture").date
    # The week before Tuesday 8 November, read from Tuesday (not from Thursday's publication).
    assert taken is not None and taken.anchor == dt.date(2022, 11, 8)
    assert (taken.begin, taken.end) == (dt.date(2022, 10, 31), dt.date(2022, 11, 6))
    mentions, _ = run(
        "Ukraine said on Monday that its troops had recaptured five villages over the past day."
    )
    taken = only(mentions, "Capture").date
    assert taken is not None and (taken.begin, taken.end) == (dt.date(2022, 11, 6), dt.date(2022, 11, 7))


def test_what_is_reported_as_under_way_is_dated_by_the_report(run):
    mentions, names = run(
        "Russian state media reported on Tuesday that the withdrawal was proceeding as planned."
    )
    report = only(mentions, "Statement")
    assert report.trigger == "report" and report.date is not None
    assert report.date.begin == dt.date(2022, 11, 8)
    withdrawal = only(mentions, "Withdrawal")
    assert withdrawal.date is not None and withdrawal.date.begin == dt.date(2022, 11, 8)
    # "report" is a statement only with a clause of content: a report is no speech act.
    mentions, _ = run("Russia withdrew from Kherson, the report by the ministry showed.")
    assert not [m for m in mentions if m.event_type == "Statement"]


def test_who_dies_undergoes_the_event(run):
    mentions, names = run("Two Ukrainian soldiers died in Kherson on Wednesday.")
    m = only(mentions, "Casualties")
    assert names(m.patients) == ["Ukraine"] and names(m.agents) == []
    mentions, names = run("Russian forces killed two civilians in Kherson.")
    assert names(only(mentions, "Casualties").agents) == ["Russia"]


def test_we_in_a_quote_is_the_speakers_side(run):
    mentions, names = run("“We have never refused to negotiate with Kyiv,” Vladimir Putin said on Wednesday.")
    assert names(only(mentions, "Negotiation").agents) == ["Russia", "Ukraine"]


def test_a_name_and_its_geographic_noun_name_the_region(run):
    mentions, names = run("Russia withdrew its troops from the Kherson region on Wednesday.")
    assert names(only(mentions, "Withdrawal").places) == ["Kherson Oblast"]
    # A GeoNames alternate name ("Donbas city" for Donetsk) renames nothing.
    mentions, names = run("Russian forces attacked the eastern Donbas city of Bakhmut.")
    assert "Donetsk" not in names(only(mentions, "Attack").places)


def test_remarks_summed_up_before_their_dated_quote_take_its_date(run):
    mentions, _ = run(
        "Volodymyr Zelensky warned Ukrainians to be patient.\n\n"
        "“Our emotions need to be contained,” Zelensky said on Wednesday."
    )
    warned = next(m for m in mentions if m.trigger == "warn")
    assert warned.date is not None and warned.date.begin == dt.date(2022, 11, 9)
    assert warned.date.expression.endswith("(the same remarks, later)")


def test_a_quote_spanning_sentences_leaves_the_speaker_outside_it(run):
    mentions, names = run(
        "Mark Milley spoke in New York. “Victory may not be possible. There is an opportunity here,” he said."
    )
    said = [m for m in mentions if m.trigger == "say"]
    assert said and names(said[0].agents) == ["Mark Milley"]


def test_an_announcement_made_by_someone_on_a_day(run):
    mentions, names = run("This follows the announcement made Wednesday by Russian military leaders.")
    m = only(mentions, "Announcement")
    assert names(m.agents) == ["Russia"]
    assert m.date is not None and m.date.begin == dt.date(2022, 11, 9)


def test_an_advance_is_fighting_only_for_armed_forces(run):
    mentions, names = run("Ukrainian troops advanced towards Kherson on Wednesday.")
    assert names(only(mentions, "Fighting").agents) == ["Ukraine"]
    mentions, _ = run("Shares of the company advanced on Wednesday.")
    assert not [m for m in mentions if m.event_type == "Fighting"]


def test_leaving_open_a_possibility_is_a_statement(run):
    mentions, names = run("Mark Milley left open the possibility that Russia would withdraw from Kherson.")
    s = only(mentions, "Statement")
    assert s.trigger == "leave" and names(s.agents) == ["Mark Milley"]
    assert names([only(mentions, "Withdrawal").according_to]) == ["Mark Milley"]


@pytest.fixture(scope="module")
def components():
    from graph.pipeline import Components

    return Components.load()


def pipeline_mentions(components, tmp_path, text: str):
    """Mentions of ``text`` as the whole pipeline extracts them (gazetteer, word classes, lexicon)."""
    from graph.pipeline import extract

    (tmp_path / "a.txt").write_text(f"Published: 2022-11-10\n\n{text}\n", encoding="utf-8")
    extraction = extract([tmp_path], components)
    return [m for e in extraction.events for m in e.mentions], extraction.entities


def test_a_geographic_noun_names_the_place_it_was_given_to_before(components, tmp_path):
    mentions, entities = pipeline_mentions(
        components,
        tmp_path,
        "A woman walks through the village of Arkhanhelske. The Russians occupied the village until "
        "recently. Russian forces shelled the southern city of Mykolaiv.",
    )
    places = {m.event_type: [entities[k].name for k in m.places] for m in mentions}
    assert places["Capture"] == ["Arkhanhelske"]
    # A noun with a name of its own is that place, not the village before it.
    assert places["Attack"] == ["Mykolaiv"]


def test_an_effort_or_a_push_to_capture_is_no_capture_yet(components, tmp_path):
    for text in (
        "It was part of a wider Russian effort to capture the coast of Ukraine.",
        "Russia has been pushing to capture the city of Bakhmut.",
    ):
        mentions, _ = pipeline_mentions(components, tmp_path, text)
        captures = [m for m in mentions if m.event_type == "Capture"]
        assert captures and all(m.factuality is Factuality.HYPOTHETICAL for m in captures), text


def test_a_participle_after_a_possessive_borrows_no_subject(components, tmp_path):
    # The parser reads "occupied" as a second verb of "said"; Zelensky occupied nothing.
    mentions, _ = pipeline_mentions(
        components,
        tmp_path,
        "Ukraine's President Volodymyr Zelensky said he was open to talks, but only on condition that "
        "Russia return all of Ukraine's occupied lands.",
    )
    assert all("volodymyr-zelensky" not in m.agents for m in mentions if m.event_type == "Capture"), mentions


def test_a_capitals_forces_are_its_countrys_and_may_act_in_it(components, tmp_path):
    mentions, _ = pipeline_mentions(
        components,
        tmp_path,
        "Kyiv's forces have recaptured over 40 towns in southern Ukraine. "
        "Moscow's forces have suffered heavy casualties.",
    )
    by_type = {m.event_type: m for m in mentions}
    assert by_type["Capture"].agents == ("ukraine",)
    assert "ukraine" in by_type["Capture"].places
    assert by_type["Casualties"].patients == ("russia",)


def test_pressing_someone_to_act_is_an_appeal_and_what_they_should_do_its_words(components, tmp_path):
    mentions, _ = pipeline_mentions(
        components, tmp_path, "Biden is pushing Ukraine to show greater willingness to consider peace talks."
    )
    (appeal,) = [m for m in mentions if m.event_type == "Appeal"]
    assert appeal.trigger == "push" and appeal.patients == ("ukraine",)
    assert appeal.quote == "to show greater willingness to consider peace talks"
    mentions, _ = pipeline_mentions(components, tmp_path, "The crowd pushed the car to the side of the road.")
    assert not [m for m in mentions if m.event_type == "Appeal"]


def test_remarks_right_after_words_of_a_period_take_the_period_not_another_occasions_day(run):
    text = (
        "Zelensky said Wednesday that the withdrawal was a trick. "
        "When Russia annexed the regions in September, Zelensky said he would never negotiate with Putin. "
        "'We will negotiate with the next president,' he said."
    )
    mentions, _ = run(text)
    said = sorted((m for m in mentions if m.event_type == "Statement"), key=lambda m: m.trigger_start)
    assert [m.date.expression if m.date else None for m in said] == [
        "Wednesday",
        "September",
        "September (the same remarks, earlier)",
    ]
    assert said[2].date.precision is said[1].date.precision  # a month, no day is invented
    # What he said then is what he said then: a topic from the words, not the "when" clause.
    assert [m.topic for m in said[1:]] == ["Negotiation", "Negotiation"]


def test_remarks_just_before_words_on_a_channel_are_the_channels(components, tmp_path):
    meta = {"articles": [{"file": "a.txt", "published": "2022-11-11"}]}
    (tmp_path / "articles.json").write_text(json.dumps(meta), encoding="utf-8")
    text = (
        "Zelensky said on Thursday that the army had recaptured 41 settlements. "
        "He also thanked the United States for the air defense systems. "
        "'Together we are building an air shield,' Zelensky said on Twitter."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    from graph.pipeline import extract

    mentions = [m for e in extract([tmp_path], components).events for m in e.mentions]
    said = sorted((m for m in mentions if m.event_type == "Statement"), key=lambda m: m.trigger_start)
    assert [m.trigger for m in said] == ["say", "thank", "say"]
    # Thursday's words are dated; the thanks are the Twitter post's, which no day dates.
    assert [m.date.expression if m.date else None for m in said] == ["Thursday", None, None]


def test_what_a_relative_clause_lacks_is_the_noun_it_describes(components, tmp_path):
    def capture_places(text):
        mentions, entities = pipeline_mentions(components, tmp_path, text)
        return [sorted(entities[k].name for k in m.places) for m in mentions if m.event_type == "Capture"]

    assert capture_places("Kherson is the only capital of Ukraine that the Russians managed to conquer.") == [
        ["Kherson"]
    ]
    assert capture_places("They left Kherson, the only capital that the Russians had captured.") == [
        ["Kherson"]
    ]
    # A clause that lacks its subject has its object already.
    assert capture_places("The soldiers that captured Kherson were tired.") == [["Kherson"]]


def test_a_date_between_a_speech_verb_and_its_clause_dates_the_saying(run):
    mentions, _ = run("Russia said on Saturday it was withdrawing its forces from Kherson.")
    said, withdrew = only(mentions, "Statement"), only(mentions, "Withdrawal")
    assert (said.date.expression, said.date.begin.weekday()) == ("Saturday", 5)
    assert withdrew.date is None  # when it began, the sentence does not say
    mentions, _ = run("Russia said the troops had withdrawn from Kherson on Saturday.")
    assert only(mentions, "Withdrawal").date.expression == "Saturday"


def test_a_wire_dateline_is_neither_the_subject_nor_the_date_of_the_first_sentence(components, tmp_path):
    mentions, entities = pipeline_mentions(
        components,
        tmp_path,
        "KYIV, Nov 10 (Reuters) - Ukrainian forces have recaptured more than 40 villages from Russian "
        "troops, the army said on Wednesday.",
    )
    (capture,) = [m for m in mentions if m.event_type == "Capture"]
    assert [entities[k].name for k in capture.agents] == ["Ukraine"]
    assert capture.date is None  # "Nov 10" dates the report, not the recapture (it had read 2021)


def test_pulling_out_of_a_deal_is_no_retreat_nor_what_was_announced(components, tmp_path):
    mentions, _ = pipeline_mentions(
        components, tmp_path, "Moscow announced on Monday it was pulling out of the Black Sea grain deal."
    )
    assert [m.event_type for m in mentions if m.event_type == "Withdrawal"] == []
    assert [m.topic for m in mentions if m.event_type == "Announcement"] != ["Withdrawal"]
    mentions, _ = pipeline_mentions(
        components, tmp_path, "Russia announced on Monday it was pulling out of Kherson."
    )
    assert [m.topic for m in mentions if m.event_type == "Announcement"] == ["Withdrawal"]


def test_a_date_after_a_verbs_object_dates_the_verb_not_the_object(components, tmp_path):
    mentions, _ = pipeline_mentions(
        components, tmp_path, "Ukraine said Russia quit the grain deal on Monday."
    )
    assert [m.date for m in mentions if m.event_type == "Negotiation"] == [None]
    mentions, _ = pipeline_mentions(
        components, tmp_path, "Russia said it would rebuild its forces for an offensive in the spring."
    )
    assert [m.date.expression for m in mentions if m.event_type == "Fighting"] == ["the spring"]


def test_a_weapons_nationality_acts_and_downing_munitions_is_no_attack(components, tmp_path):
    def attacks(text):
        mentions, entities = pipeline_mentions(components, tmp_path, text)
        return [
            ([entities[k].name for k in m.agents], [entities[k].name for k in m.places])
            for m in mentions
            if m.event_type == "Attack"
        ]

    # "Odesa" is tagged LANGUAGE by the parser's NER here: the gazetteer still knows the city.
    assert attacks("Officials spoke. Russian drones struck the port of Odesa overnight.") == [
        (["Russia"], ["Odesa"])
    ]
    assert attacks("Air defences shot down 12 of the 15 drones, and 12 missiles were destroyed.") == []
    assert attacks("Oleh Kiper said air defenses shot down 12 of the 15 drones launched by Russia.") == []
    assert attacks("Ukrainian forces destroyed three Russian tanks near Bakhmut.") == [
        (["Ukraine"], ["Bakhmut"])
    ]


def test_a_number_with_no_currency_is_no_money_and_a_while_is_no_date(components, tmp_path):
    mentions, _ = pipeline_mentions(
        components,
        tmp_path,
        "The war has displaced more than 12 million, the UN said. The US pledged $400 million in aid. "
        "The army seized the palace in Khartoum on Friday after weeks of fighting, the army said.",
    )
    units = sorted(f.unit for m in mentions for f in m.figures)
    assert units == ["USD"]  # the NER calls "more than 12 million" MONEY; nothing says so
    (seized,) = [m for m in mentions if m.event_type == "Capture"]
    assert seized.date is not None and seized.date.expression == "Friday"


def test_a_count_of_those_killed_is_a_casualty_figure(run):
    mentions, _ = run("Nabil Abdallah said troops had killed hundreds of RSF fighters in the battle.")
    assert [f.unit for m in mentions for f in m.figures] == ["military casualties"]


def test_an_unattributed_count_of_the_dead_is_kept(components, tmp_path):
    mentions, _ = pipeline_mentions(
        components, tmp_path, "More than 150,000 people have been killed since the conflict began."
    )
    assert [(m.event_type, [f.value for f in m.figures]) for m in mentions] == [("Casualties", [150000.0])]
    # A bare noun with nothing to tell is still no event.
    mentions, _ = pipeline_mentions(components, tmp_path, "The war goes on.")
    assert mentions == []


def test_an_unseen_ap_story_dates_places_and_plans(components, tmp_path):
    mentions, entities = pipeline_mentions(
        components,
        tmp_path,
        "Zelensky visited troops in the besieged eastern town of Bakhmut on Tuesday. Russian forces, "
        "including fighters of the Wagner mercenary group, have been trying to capture Bakhmut since "
        "the summer. Zelensky is scheduled to meet Joe Biden on Friday. Fighting in the Donbas region "
        "killed more than 14,000 people before the full-scale invasion in February 2022.",
    )

    def one(kind):
        (m,) = [m for m in mentions if m.event_type == kind]
        return m

    # "Bakhmut", tagged ORG and parsed as an adverb, is the town the article names.
    assert [entities[k].name for k in one("Capture").places] == ["Bakhmut"]
    # A meeting scheduled now is to come: Friday after the Thursday of publication.
    meet = one("Negotiation")
    assert meet.factuality is Factuality.HYPOTHETICAL and meet.date.begin.isoformat() == "2022-11-11"
    # The killing was before the invasion of February 2022; the date is the invasion's.
    assert one("Casualties").date is None
    assert one("Invasion").date.expression == "February 2022"


def test_a_capital_one_accuses_is_its_government(components, tmp_path):
    mentions, entities = pipeline_mentions(
        components, tmp_path, "Zelensky accused Moscow of deliberately targeting civilian infrastructure."
    )
    (accused,) = [m for m in mentions if m.event_type == "Criticism"]
    assert [entities[k].name for k in accused.patients] == ["Russia"]


def test_the_shelling_of_the_town_of_x_is_at_x(components, tmp_path):
    mentions, entities = pipeline_mentions(
        components,
        tmp_path,
        "At least 10 civilians were killed in shelling of the town of Kupiansk, officials said.",
    )
    assert [[entities[k].name for k in m.places] for m in mentions if m.event_type == "Attack"] == [
        ["Kupiansk"]
    ]


def test_a_companys_protest_is_a_formal_objection_not_a_demonstration(components, tmp_path):
    def kinds(text):
        mentions, _ = pipeline_mentions(components, tmp_path, text)
        return [m.event_type for m in mentions if m.event_type in ("Protest", "Criticism")]

    assert kinds("Boeing Co. filed a protest of the contract award on Monday.") == ["Criticism"]
    assert kinds("Thousands of students protested in Athens on Monday.") == ["Protest"]


def test_an_attack_on_software_is_no_armed_attack(run):
    mentions, _ = run("Microsoft said the attacks took advantage of a vulnerability in its browser.")
    assert [m.event_type for m in mentions if m.event_type == "Attack"] == []
    mentions, _ = run("Russian strikes on Kyiv cut power, the ministry said on its website.")
    assert [m.event_type for m in mentions if m.event_type == "Attack"] == ["Attack"]


def test_needs_met_and_policies_agreed_with_are_no_negotiation(components, tmp_path):
    def negotiations(text):
        mentions, _ = pipeline_mentions(components, tmp_path, text)
        return sorted(m.trigger for m in mentions if m.event_type == "Negotiation")

    assert negotiations("The plan will meet the needs of women, and few agree with the policies.") == []
    assert negotiations("Putin met Erdogan on Monday. Russia agreed with Turkey on a grain deal.") == [
        "agree",
        "deal",
        "meet",
    ]


def test_shells_are_munitions_and_shelling_is_the_attack(run):
    mentions, _ = run("Police found a shotgun and three live shells in the car.")
    assert [m.event_type for m in mentions] == []
    mentions, _ = run("Russian forces shelled Kherson on Monday. The shelling of Mykolaiv went on all night.")
    assert [m.trigger for m in mentions if m.event_type == "Attack"] == ["shell", "shelling"]


def test_a_relative_clause_that_describes_a_name_is_not_what_was_said(run):
    mentions, _ = run(
        "The Russians announced their decision on television in Kherson, the only capital that they "
        "managed to conquer."
    )
    assert [(m.event_type, m.topic) for m in mentions if m.event_type == "Announcement"] == [
        ("Announcement", None)
    ]
    mentions, _ = run("Zelensky said he visited Crimea, which Russia annexed in 2014.")
    assert [m.topic for m in mentions if m.event_type == "Statement"] == [None]
    # What was said may still be in a relative clause that picks out what it is about.
    mentions, _ = run("Zelensky said that the troops that captured Kherson were tired.")
    assert [m.topic for m in mentions if m.event_type == "Statement"] == ["Capture"]


def test_a_gap_in_a_reported_clause_and_one_of_several(components, tmp_path):
    def places(text, event_type="Annexation"):
        mentions, entities = pipeline_mentions(components, tmp_path, text)
        return [sorted(entities[k].name for k in m.places) for m in mentions if m.event_type == event_type]

    # The gap sits in the clause the relative clause reports, and Kherson is one of the
    # regions: said to be a region, the name is the region's, not the city's.
    assert places("Kherson was one of four regions that Russia declared it had annexed in September.") == [
        ["Kherson Oblast"]
    ]
    assert places("They fled Mykolaiv, the city that officials said was attacked on Monday.", "Attack") == [
        ["Mykolaiv"]
    ]
    # A reported clause that lacks its subject has no object gap.
    assert places("They fled Mykolaiv, the city that officials said attacked Kherson.", "Attack") == [
        ["Kherson"]
    ]


def test_a_countrys_media_are_not_the_country_but_its_officials_are(run):
    mentions, _ = run("French media reported on Monday that the talks had failed.")
    assert [m.agents for m in mentions if m.event_type == "Statement"] == []
    mentions, names = run("French officials said on Monday that the talks had failed.")
    assert names(only(mentions, "Statement").agents) == ["France"]
    mentions, names = run("French state media reported on Monday that the talks had failed.")
    assert names(only(mentions, "Statement").agents) == ["France"]


def test_whose_death_it_is_undergoes_it_and_where_one_died_is_no_victim(run):
    mentions, names = run("Crowds in Paris mourned Jacques Chirac's death on Monday.")
    death = only(mentions, "Casualties")
    assert (names(death.agents), names(death.patients)) == ([], ["Jacques Chirac"])
    mentions, names = run("The death of Jacques Chirac shocked France on Monday.")
    assert names(only(mentions, "Casualties").patients) == ["Jacques Chirac"]
    mentions, names = run("The killing of Jacques Chirac shocked France on Monday.")
    killing = only(mentions, "Casualties")
    assert (names(killing.agents), names(killing.patients)) == ([], ["Jacques Chirac"])
    mentions, names = run("Even in death, Jacques Chirac divides France.")
    assert names(only(mentions, "Casualties").agents) == []
    mentions, names = run("Medics took Jacques Chirac to the Lariboisière Hospital, where he died on Monday.")
    died = only(mentions, "Casualties")
    assert names(died.patients) == ["Jacques Chirac"]


def test_a_quake_that_strikes_an_imagination_captured_and_a_conversation_struck_up_are_no_war(run):
    for text in (
        "The quake, which struck Bam on Monday, was felt in Oman.",
        "Her songs captured the imagination of Kherson on Monday.",
        "Woodward struck up a conversation with Felt in Kherson on Monday.",
    ):
        mentions, _ = run(text)
        assert [m.event_type for m in mentions if m.event_type in ("Attack", "Capture")] == [], text
    mentions, names = run("Russian forces struck Kyiv on Monday and captured Bakhmut.")
    assert names(only(mentions, "Attack").places) == ["Kyiv"]
    assert names(only(mentions, "Capture").places) == ["Bakhmut"]


def test_whom_one_urges_to_do_something_does_it(run):
    mentions, names = run("The UN chief urged Russia and Ukraine to return to talks in Kherson on Monday.")
    talks = only(mentions, "Negotiation")
    assert names(talks.agents) == ["Russia", "Ukraine"] and talks.factuality is Factuality.HYPOTHETICAL
    # Not what one uses: "used the lull to withdraw" is still the user's withdrawal.
    mentions, names = run("Russia used the lull to withdraw from Kherson on Monday.")
    assert names(only(mentions, "Withdrawal").agents) == ["Russia"]
