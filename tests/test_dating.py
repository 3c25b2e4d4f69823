"""TriggerDater on real spaCy parses: time expressions attached to triggers, anaphora ("the same
day", "two days later") read against the dates given before them in the text."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.dating import TriggerDater
from graph.nlp import load_pipeline
from graph.records import Precision
from graph.temporal import DateResolver

SATURDAY = dt.date(2022, 11, 12)
TRIGGERS = {"rise", "release", "announce", "leave", "say", "fall", "close"}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def is_trigger(token) -> bool:
    return token.lemma_ in TRIGGERS


def is_speech(token) -> bool:
    return token.lemma_ == "say"


def dated(nlp, text: str, dates=None, published: dt.date | None = SATURDAY) -> dict:
    doc = nlp(text)
    out = TriggerDater(dates or DateResolver())(published, doc, is_trigger, is_speech)
    return {doc[i].text: span for i, span in out.items()}


def test_the_same_day_is_the_day_given_before(nlp):
    out = dated(
        nlp, "Stocks rose sharply on Friday. The Labor Department released a grim report on the same day."
    )
    friday = dt.date(2022, 11, 11)
    assert (out["rose"].begin, out["rose"].anchor) == (friday, SATURDAY)
    # read from Friday, and the span says so
    assert (out["released"].begin, out["released"].end, out["released"].precision) == (
        friday,
        friday,
        Precision.DAY,
    )
    assert out["released"].anchor == friday


def test_the_end_of_the_day_is_the_trading_day_told(nlp):
    out = dated(nlp, "Markets fell on Monday. The index closed down 3% at the end of the day.")
    assert out["closed"].begin == out["fell"].begin == dt.date(2022, 11, 7)


def test_anaphora_point_back_in_text_order_though_speech_acts_are_dated_first(nlp):
    # "said on Friday" is dated first (it anchors what was said), but "two days later" points
    # back at Wednesday, the date before it in the text
    out = dated(
        nlp,
        "Russia announced the withdrawal on Wednesday. Two days later, the last troops left the city, "
        "officials said on Friday.",
    )
    assert out["announced"].begin == dt.date(2022, 11, 9)
    assert out["said"].begin == dt.date(2022, 11, 11)
    assert (out["left"].begin, out["left"].anchor) == (dt.date(2022, 11, 11), dt.date(2022, 11, 9))


def test_no_earlier_date_no_anaphor(nlp):
    out = dated(nlp, "The Labor Department released a grim report on the same day.")
    assert "released" not in out


def test_a_date_right_after_an_event_noun_dates_it_whatever_the_parse():
    # The parser hangs "in the spring" on "rebuild"; it follows "offensive", which it dates.
    from graph.dating import date_governor
    from graph.nlp import load_pipeline

    doc = load_pipeline()("Russia would use the lull to rebuild its forces for an offensive in the spring.")
    (spring,) = [e for e in doc.ents if e.label_ == "DATE"]
    governor = date_governor(spring, lambda t: t.lemma_ == "offensive")
    assert governor is not None and governor.text == "offensive"


def test_four_digits_that_tell_the_time_are_no_year(nlp):
    from graph.dating import clock_time

    doc = nlp("The ship left at 1353 (1023 GMT) and the ferry left in 1953.")
    years = {e.text: clock_time(e) for e in doc.ents if e.text.isdigit()}
    assert years.get("1953") is False
    assert dated(nlp, "The ship left at 1353 (1023 GMT).").get("left") is None
    out = dated(nlp, "The ship left in 1953.")
    assert out["left"].begin == dt.date(1953, 1, 1) and out["left"].precision is Precision.YEAR


def test_a_part_of_a_day_and_overnight_date_the_event(nlp):
    # The small model tags "last night" TIME and "overnight" nothing; both say when. The night
    # before the report spans two days, and "overnight" is read no more precisely than that.
    out = dated(nlp, "The army left the city overnight. Prices fell sharply last night.")
    left = out["left"]
    assert (left.begin, left.end, left.precision, left.expression) == (
        SATURDAY - dt.timedelta(days=1),
        SATURDAY,
        Precision.APPROXIMATE,
        "overnight",
    )
    assert out["fell"].begin == SATURDAY - dt.timedelta(days=1)
    # A TIME that names no day dates nothing.
    out = dated(nlp, "The army left the city within three hours.")
    assert "left" not in out


def test_a_verb_that_is_no_event_dates_its_event_noun_subject(nlp):
    doc = nlp("Talks resumed in Geneva on Friday.")
    out = TriggerDater(DateResolver())(SATURDAY, doc, lambda t: t.lemma_ == "talk")
    assert {doc[i].text: span.begin for i, span in out.items()} == {"Talks": dt.date(2022, 11, 11)}
