"""Site boilerplate removal and the other repairs of scraped text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.boilerplate import (
    Boilerplate,
    drop_repeated_headline,
    is_menu_line,
    join_broken_lines,
    normalise,
    parse_rules,
    split_glued,
    strip_boilerplate,
)
from graph.errors import InputError

SEEDS = Path(__file__).parent.parent / "seeds"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
BODY = "Troops entered the city on Friday, officials said.\n\nResidents gathered in the main square."


@pytest.fixture(scope="module")
def strip() -> Boilerplate:
    return Boilerplate.from_file()


def seed(name_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{name_prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- pattern families on made-up texts ----------------------------------------------------------

LINE_BOILERPLATE = [
    "Also read- Election: the president said it was a good day",
    "Read more: Ten things to know about the port",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Required fields are marked *",
    "Subscribe to our daily briefing",
    "Share this article",
    "Follow us on Twitter and Facebook",
    "Click here to watch the full interview",
    "Download App in Playstore",
    "Sign up for our newsletter to get the news first",
    "Advertisement",
    "Related: Officials deny the report",
    "Source: Harbour Herald",
    "This website uses cookies to improve your experience. Accept all cookies",
    "By continuing to use this site you agree to our terms.",
    "© 2024 Harbour Herald. All rights reserved.",
    "Photo: Soldiers fire a howitzer near the port. (AFP)",
    "Image caption: The harbour after the storm",
]


@pytest.mark.parametrize("line", LINE_BOILERPLATE)
def test_line_rules(strip: Boilerplate, line: str) -> None:
    assert strip(f"{BODY}\n\n{line}") == BODY
    assert strip(f"{line}\n\n{BODY}") == BODY


@pytest.mark.parametrize(
    "sentence",
    [
        "Subscribers to the service rose by 10 percent, the company said.",
        "Source: a senior official said the talks had failed.",
        "Readers will remember the floods of 2019, when the river broke its banks.",
        "The court ruled that the site's cookie banner broke the law.",
        "Advertising revenue fell sharply in the third quarter.",
        "Photographers were barred from the court, the lawyer said.",
    ],
)
def test_real_sentences_stay(strip: Boilerplate, sentence: str) -> None:
    assert strip(f"{BODY}\n\n{sentence}") == f"{BODY}\n\n{sentence}"


def test_related_list_header_and_items(strip: Boilerplate) -> None:
    text = (
        f"{BODY}\n\nOther stories of Harbour Herald that may interest you:\n\n"
        "– Have we (already) forgotten the flood?\n\n– Port strike: “We will not give up”\n\n"
        "Source: Harbour Herald\n\nYou may also like"
    )
    assert strip(text) == BODY


def test_a_bare_read_more_heads_a_list_of_link_titles(strip: Boilerplate) -> None:
    # The titles are headlines of other stories: "Port announces closure" is no event here.
    text = f"{BODY}\n\nRead more:\nPort announces closure after storm\nSign up for our daily newsletter"
    assert strip(text) == BODY
    text = f"{BODY}\n\nMore on this story:\n\n- Port announces closure\n- Mayor resigns"
    assert strip(text) == BODY


def test_related_list_stops_at_real_paragraph(strip: Boilerplate) -> None:
    paragraph = (
        "The mayor said on Monday that the bridge would stay closed until the inspection was "
        "finished. Engineers expect the work to take at least three more weeks to complete."
    )
    text = f"{BODY}\n\nRelated stories:\n- Bridge closed\n- Traffic chaos\n\n{paragraph}"
    assert strip(text) == f"{BODY}\n\n{paragraph}"


def test_video_header_and_its_headline(strip: Boilerplate) -> None:
    text = f"Troops entered the city.\n\nNews Reels\n\nWhy did the army leave the town?\n\n{BODY}"
    assert strip(text) == f"Troops entered the city.\n\n{BODY}"
    long = (
        "Watch\n\nThe minister said the army had left the town on Tuesday. Residents said they heard "
        "explosions overnight."
    )
    assert strip(long) == long.split("\n\n", 1)[1]


def test_author_bio_at_the_end(strip: Boilerplate) -> None:
    bio = (
        "Jordan Avery\nJordan Avery is a senior politics correspondent for The Daily Planet. "
        "He covers Europe."
    )
    assert strip(f"{BODY}\n\n{bio}") == BODY
    assert strip(f"{BODY}\n\nSam Lee covers energy markets for Wire News.") == BODY
    # The same kind of sentence inside the article is reporting, not a bio.
    inside = "Jordan Avery is a reporter for The Daily Planet who was detained at the border."
    assert strip(f"{inside}\n\n{BODY}") == f"{inside}\n\n{BODY}"


def test_navigation_menu(strip: Boilerplate) -> None:
    menu = "Home\nWorld\nBusiness\nDailyVideos\nSport"
    assert strip(f"{menu}\n{BODY}\n{menu}") == BODY
    assert strip(f"Home\n\nWorld\n\nSport\n\n{BODY}") == BODY


def test_headings_and_tables_stay(strip: Boilerplate) -> None:
    text = (
        f"Bridge reopens after repairs\n\n{BODY}\n\nThe importance of Kherson\n\n{BODY}\n\n"
        f"Ukraine’s cautious reaction\n\n{BODY}\n\n‘Russia ready for talks’\n\n{BODY}"
    )
    assert strip(text) == text
    table = f"{BODY}\n\nTITLE FIGHTS\nJoe Louis 26 - 1\nMuhammad Ali 22 - 3\nLarry Holmes 21 - 5"
    assert strip(table) == table
    assert not is_menu_line("Ukraine’s cautious reaction") and is_menu_line("Trending Videos")


def test_rules_are_data() -> None:
    rules = parse_rules(
        [
            "# comment",
            "",
            "line: Breaking news",
            "Breaking",
            "list: See also",
            "caption: Clip",
            "bio: [A-Z]\\w+ writes",
        ]
    )
    assert [len(rules.line), len(rules.list), len(rules.caption), len(rules.bio)] == [2, 1, 1, 1]
    assert rules.line[0].fullmatch("BREAKING NEWS")  # case-insensitive
    with pytest.raises(InputError, match=r"custom\.txt:2: pattern '\(unclosed'"):
        parse_rules(["line: ok", "line: (unclosed"], source="custom.txt")
    only_leave = Boilerplate(["line: leave a reply"])
    assert only_leave(f"{BODY}\n\nLeave a Reply\n\nShare this") == f"{BODY}\n\nShare this"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            LINE_BOILERPLATE
            + ["Home", "World", "", "A real sentence, it says.", "News Reels", "You may also like", "– item"]
        )
        | st.text(max_size=40),
        max_size=12,
    )
)
def test_output_is_input_with_whole_lines_deleted(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ") for line in lines)
    out = strip_boilerplate(text, Boilerplate.from_file().rules)
    remaining = iter(text.split("\n"))
    assert all(any(line == kept for kept in remaining) for line in out.split("\n") if line)


# --- the seeds ------------------------------------------------------------------------------------


def test_seed_000_author_bio(strip: Boilerplate) -> None:
    out = strip(seed("000"))
    assert "Melissa Galbraith is the World News reporter" not in out
    assert not out.rstrip().endswith("Melissa Galbraith")
    assert out.startswith("US says Russia accumulates more than 100,000 casualties in Ukraine")
    assert out.endswith("who gave the example of the First World War.")


def test_seed_001_teaser_reels_and_comment_form(strip: Boilerplate) -> None:
    out = strip(seed("001"))
    for gone in ("Leave a Reply", "Your email address", "Also read", "News Reels", "Why did you decide"):
        assert gone not in out
    assert "‘Russia ready for talks’" in out
    assert out.startswith("US Military Official Claims 1 Lakh Russian Soldiers")
    assert out.endswith("and so you need to turn to other avenues.”")


def test_seed_002_menu(strip: Boilerplate) -> None:
    out = strip(seed("002"))
    assert "Music\nTrailers" not in out and "Download App" not in out and "Best Collections" not in out
    assert out.startswith("Kyiv forces have recaptured over 40 towns")
    assert out.endswith("mostly in the east of the city, for the past four months.")


def test_seed_003_unchanged(strip: Boilerplate) -> None:
    text = seed("003")
    assert strip(text) == text
    assert "Ukraine’s cautious reaction" in strip(text)


def test_seed_004_related_stories(strip: Boilerplate) -> None:
    out = strip(seed("004"))
    for gone in (
        "Other stories of",
        "Have we (already) forgotten",
        "Source: Vanity Fair",
        "You may also like",
    ):
        assert gone not in out
    assert out.startswith("Russia leaves Kherson: tactics or true withdrawal?")
    assert out.endswith("but it could be a glimmer.")


def test_clean_corpora_lose_nothing(strip: Boilerplate) -> None:
    paths = [CORPORA / "meantime_en.jsonl", CORPORA / "ecbplus_dev.jsonl"]
    if not all(path.exists() for path in paths):
        pytest.skip(f"{CORPORA} is absent (the shared corpora sit beside the repository)")
    total = removed = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            total += len(text)
            removed += len(text) - len(strip(text))
    assert total > 1_000_000 and removed == 0


# --- other repairs of scraped text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("glued", "expected"),
    [
        ("the city of Kherson.The United States", "the city of Kherson.\n\nThe United States"),
        (
            '"Good news," he said in an address to the nation."Today we',
            '"Good news," he said in an address to the nation.\n\n"Today we',
        ),
        ('"It is already dozens."Zelensky said', '"It is already dozens."\n\nZelensky said'),
        ("they won!‘Russia ready’ was the headline", "they won!\n\n‘Russia ready’ was the headline"),
        ("It ended.”Then", "It ended.”\n\nThen"),
        ("the U.S.The", "the U.S.The"),
        ("e.g.The", "e.g.The"),
        ("Alaska Gov.Sarah Palin", "Alaska Gov.Sarah Palin"),
        ('they say?" asked him', 'they say?" asked him'),
        ("example.com and www.site.org", "example.com and www.site.org"),
        # A subheading glued to its paragraph; brands that start in lowercase are kept whole.
        ("in 2014.Massive casualtiesKherson was", "in 2014.\n\nMassive casualties\n\nKherson was"),
        ("He flew easyJet and bought an iPhone.", "He flew easyJet and bought an iPhone."),
        (
            "A long sentence with many words in it before the casualtiesKherson",
            "A long sentence with many words in it before the casualtiesKherson",
        ),
    ],
)
def test_split_glued(glued: str, expected: str) -> None:
    assert split_glued(glued) == expected


def test_join_broken_lines_and_normalise() -> None:
    assert join_broken_lines("top U.S.\ngeneral said.\niPhone sales rose.") == (
        "top U.S. general said.\niPhone sales rose."
    )
    assert normalise("\r\nCafe\u0301  \r\n\r\n\r\n\r\nNext\x07 line\t\n") == "Café\n\nNext line"
    assert drop_repeated_headline("Head\n\nHead\n\nBody") == "Head\n\nBody"
    assert drop_repeated_headline("Head\n\nBody\n\nHead") == "Head\n\nBody\n\nHead"


def test_a_paragraph_glued_after_a_year_is_split():
    from graph.boilerplate import split_glued

    assert split_glued("Moscow annexed it in 2014.Massive losses followed.") == (
        "Moscow annexed it in 2014.\n\nMassive losses followed."
    )
    assert split_glued("It was No.5 in the list.") == "It was No.5 in the list."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KYIV, Sept 12 (Reuters) - Ukrainian forces", "KYIV, Sept 12 (Reuters) -\n\nUkrainian forces"),
        ("WASHINGTON (AP) — President Biden said", "WASHINGTON (AP) —\n\nPresident Biden said"),
        ("KYIV, Ukraine, Nov. 9, 2022 — Russia said", "KYIV, Ukraine, Nov. 9, 2022 —\n\nRussia said"),
        ("LONDON — The government said", "LONDON —\n\nThe government said"),
        # Not datelines: a headline's hyphen, capitals inside a sentence.
        ("NATO - Russia talks resume", "NATO - Russia talks resume"),
        ("US - China trade talks", "US - China trade talks"),
        ("He said KYIV, Sept 12 (Reuters) - was wrong", "He said KYIV, Sept 12 (Reuters) - was wrong"),
    ],
)
def test_split_dateline(text: str, expected: str) -> None:
    from graph.boilerplate import split_dateline

    assert split_dateline(text) == expected
