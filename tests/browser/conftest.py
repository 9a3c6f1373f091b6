"""Browser fixtures: one chromium for the session, a fresh page per test that fails on errors."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM, chromium

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def browser() -> Iterator[playwright_api.Browser]:
    """Debian's chromium; without it the browser tests are skipped, except in CI."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} fehlt: 'make system-deps' installiert Debians chromium (als root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(
    browser: playwright_api.Browser, request: pytest.FixtureRequest
) -> Iterator[playwright_api.Page]:
    """A fresh page; uncaught script errors and logged errors fail the test, except console
    lines and page errors a test expects (``@pytest.mark.allow_console(regex, …)``)."""
    marker = request.node.get_closest_marker("allow_console")
    allowed = [re.compile(pattern) for pattern in (marker.args if marker else ())]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    errors: list[str] = []

    def on_error(exc: Exception) -> None:
        if not any(pattern.search(str(exc)) for pattern in allowed):
            errors.append(str(exc))

    page.on("pageerror", on_error)

    def on_console(message: playwright_api.ConsoleMessage) -> None:
        # The browser itself logs failed requests (no API on static hosting); nothing else may.
        if message.type != "error" or message.text.startswith("Failed to load resource"):
            return
        if not any(pattern.search(message.text) for pattern in allowed):
            errors.append(message.text)

    page.on("console", on_console)
    yield page
    context.close()
    assert not errors, errors
