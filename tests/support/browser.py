"""The one way tests and benchmarks start a browser: Debian's chromium through Playwright.

Playwright cannot download browsers here; it drives ``/usr/bin/chromium``, with the flags a
closed network and a root user need.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """A headless chromium for the ``with`` block (one per thread: Playwright's sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def search_for(page: Page, base: str, query: str) -> None:
    """Type ``query`` on the search page of the site at ``base`` as a user would, and wait
    until the results for the whole query (not a prefix) are shown."""
    from playwright.sync_api import expect

    page.goto(f"{base}suche/")
    page.get_by_label("Wonach suchen Sie?").press_sequentially(query, delay=20)
    # Results for a prefix may show up while typing; wait for those of the whole query.
    expect(page.locator(".kb-search__status")).to_contain_text(f"„{query}“", timeout=20_000)
    expect(page.locator(".kb-hit").first).to_be_visible()
