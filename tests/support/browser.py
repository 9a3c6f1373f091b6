"""The one way tests and benchmarks start a browser: Debian's chromium through Playwright.

Playwright cannot download browsers here; it drives ``/usr/bin/chromium``, with the flags a
closed network and a root user need.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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
