"""Shared fixtures: a real headless Chromium (the system one; browsers are never downloaded)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

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
