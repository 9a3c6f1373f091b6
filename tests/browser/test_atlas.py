"""The atlas in chromium: charts and their tables visible, nothing loaded from another host."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from kb_tools.library import ATLAS_URL
from tests.support.servers import static_server
from tests.support.site import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served_site(sample_site: BuiltSite) -> Iterator[str]:
    with static_server(sample_site.site) as url:
        yield url


def test_the_atlas_shows_its_charts_beside_their_tables_from_this_host_only(
    page: Page, served_site: str
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(served_site + ATLAS_URL)
    charts = page.locator("figure.kb-atlas__chart")
    expect(charts).to_have_count(4)
    for index in range(4):
        chart = charts.nth(index)
        expect(chart.locator("svg")).to_be_visible()
        assert chart.locator("svg").bounding_box()["width"] > 200  # type: ignore[index]
        assert chart.get_attribute("aria-label")
    for key in ("zentren-themen", "themen-zielgruppen", "uebertragungen", "reichweite-zentren"):
        expect(page.locator(f"#tabelle-{key}")).to_be_visible()
    assert hosts == {urlsplit(served_site).netloc}


def test_a_heat_cell_opens_the_filtered_catalogue(page: Page, served_site: str) -> None:
    page.goto(served_site + ATLAS_URL)
    cell = page.locator("#tabelle-zentren-themen a.kb-heat").first
    title = cell.get_attribute("title") or ""
    count = int(cell.inner_text())
    cell.click()
    expect(page).to_have_url(re.compile(r"/katalog/\?center=[^&]+&topic="))
    # The catalogue applies both filters: it shows as many concepts as the cell counts.
    expect(page.locator("#kb-count")).to_have_text(re.compile(rf"^{count} Konzept(e)?\b"))
    assert title


def test_the_start_page_transfer_figure_leads_to_the_transfer_list(
    page: Page, served_site: str
) -> None:
    page.goto(served_site)
    page.get_by_role("link", name="Übertragungen").first.click()
    expect(page.locator("#tabelle-uebertragungen")).to_be_in_viewport()
