"""Shared fixtures: a real headless Chromium (the system one; browsers are never downloaded).

Hypothesis's default deadline (200 ms an example) is a timed assertion: on a loaded machine a
parser's first example, warming its caches, fails it (a CI run beside a long build did). Tests
put no deadline but where bounded time is what they test (tests/test_robustness.py sets its own).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import settings
from rdflib import Graph

settings.register_profile("evkg", deadline=None)
settings.load_profile("evkg")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class PageLog:
    """What a page did besides rendering: requests beyond itself, console errors, uncaught errors."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def seeds_built(tmp_path_factory) -> Path:
    """One build of the project's seeds for tests that only read it (a test that changes the
    output builds its own)."""
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("seeds") / "out"
    build([Path(__file__).resolve().parents[1] / "seeds"], out)
    return out


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed; the browser tests need the system Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_offline(chromium) -> Iterator[Callable[[Path], tuple[object, PageLog]]]:
    """Open a local HTML file; every request other than the file itself is aborted and logged."""
    contexts = []

    def open_page(path: Path, width: int = 1400, height: int = 860) -> tuple[object, PageLog]:
        url = path.resolve().as_uri()
        log = PageLog()
        context = chromium.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        contexts.append(context)

        def route(route) -> None:
            if route.request.url == url:
                route.continue_()
            else:
                log.requests.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("request", lambda r: r.url not in (url, *log.requests) and log.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text))
        page.on("pageerror", lambda e: log.page_errors.append(str(e)))
        page.goto(url)
        return page, log

    yield open_page
    for context in contexts:
        context.close()


def synthetic_graph(events: int, actors: int, places: int, articles: int = 300, seed: int = 1) -> Graph:
    """A made-up graph in the contract's terms, for the views' tests at scale: ``events`` events
    over three years (mostly day-precise, some month, year or approximate, a few (5%) undated), each
    with one to three actors in roles, maybe a place, and one to three sources."""
    from rdflib import RDF, RDFS, Literal, Namespace, URIRef
    from rdflib.namespace import PROV, SKOS, XSD

    from graph.namespace import EVKG, SCHEMA, SEM

    rng = random.Random(seed)
    ident = Namespace("https://w3id.org/evkg/id/")
    evt = Namespace("https://w3id.org/evkg/type/")
    g = Graph()
    types = ["Attack", "Statement", "Withdrawal", "Negotiation", "Aid", "Election", "Protest", "Arrest"]
    for name in types:
        g.add((evt[name], SKOS.prefLabel, Literal(name, lang="en")))
    actor_ids = [ident[f"actor/a{i}"] for i in range(actors)]
    for i, actor in enumerate(actor_ids):
        g.add((actor, RDF.type, SEM.Actor))
        g.add((actor, RDF.type, (SCHEMA.Person, SCHEMA.Organization, SCHEMA.Country)[i % 3]))
        g.add((actor, RDFS.label, Literal(f"Actor {i}", lang="en")))
    place_ids = [ident[f"place/p{i}"] for i in range(places)]
    for i, place in enumerate(place_ids):
        g.add((place, RDF.type, SEM.Place))
        g.add((place, RDFS.label, Literal(f"Place {i}", lang="en")))
    article_ids = [ident[f"article/s{i}"] for i in range(articles)]
    for i, article in enumerate(article_ids):
        g.add((article, RDF.type, SCHEMA.NewsArticle))
        g.add((article, SCHEMA.headline, Literal(f"Headline {i}")))
    start = date(2020, 1, 1)
    for i in range(events):
        event: URIRef = ident[f"event/e{i}"]
        kind = types[rng.randrange(len(types))]
        who = rng.sample(actor_ids, rng.randint(1, 3))
        g.add((event, RDF.type, SEM.Event))
        g.add((event, SEM.eventType, evt[kind]))
        g.add((event, RDFS.label, Literal(f"{kind} by Actor {who[0].rsplit('a', 1)[1]} #{i}", lang="en")))
        for n, actor in enumerate(who):
            g.add((event, SEM.hasActor, actor))
            g.add((event, (EVKG.agent, EVKG.patient, EVKG.recipient)[n], actor))
        if places and rng.random() < 0.7:
            g.add((event, SEM.hasPlace, rng.choice(place_ids)))
        for article in rng.sample(article_ids, rng.randint(1, 3)):
            g.add((event, PROV.wasDerivedFrom, article))
        roll = rng.random()
        if roll < 0.05:
            continue
        day = start + timedelta(days=rng.randrange(3 * 365))
        if roll < 0.75:
            begin, end, precision = day, day, EVKG.Day
        elif roll < 0.9:
            begin = day.replace(day=1)
            end = (begin + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            precision = EVKG.Month
        elif roll < 0.96:
            begin, end, precision = date(day.year, 1, 1), date(day.year, 12, 31), EVKG.Year
        else:
            begin, end, precision = day, day + timedelta(days=rng.randint(3, 20)), EVKG.Approximate
        g.add((event, SEM.hasBeginTimeStamp, Literal(begin.isoformat(), datatype=XSD.date)))
        g.add((event, SEM.hasEndTimeStamp, Literal(end.isoformat(), datatype=XSD.date)))
        g.add((event, EVKG.datePrecision, precision))
    return g


@pytest.fixture(scope="session")
def make_synthetic_graph() -> Callable[..., Graph]:
    """:func:`synthetic_graph`, for tests of the views at scale."""
    return synthetic_graph
