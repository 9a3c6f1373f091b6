"""The catalogue and the page layout in a real chromium, from static hosting (no API)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from kb_tools.library import Filters
from tests.support.servers import static_server
from tests.support.site import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served_site(sample_site: BuiltSite) -> Iterator[str]:
    """The built site from a plain static file server on a free port (no API)."""
    with static_server(sample_site.site) as url:
        yield url


def test_catalogue_filters_count_url_and_card_link_in_chromium(
    page: Page, sample_site: BuiltSite, served_site: str
) -> None:
    library = sample_site.library
    filters = Filters.of(topic=["ki"], status=["erprobt"])
    expected = [c for c in library if filters.matches(c, library)]
    assert expected, "die Beispielbibliothek sollte erprobte KI-Konzepte enthalten"
    titles = {c.id: c.meta.title for c in library}

    page.goto(served_site + "katalog/")
    page.wait_for_selector(".kb-catalogue--ready")
    page.check('input[name="topic"][value="ki"]')
    page.check('input[name="status"][value="erprobt"]')
    count = page.locator("#kb-count")
    assert count.inner_text() == f"{len(expected)} Konzepte von {len(library)}"
    assert page.locator(".kb-card:visible").count() == len(expected)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"topic": ["ki"], "status": ["erprobt"]}
    page.reload()
    page.wait_for_selector(".kb-catalogue--ready")
    assert count.inner_text() == f"{len(expected)} Konzepte von {len(library)}"
    card = page.locator(".kb-card:visible").first
    concept_id = card.get_attribute("data-kb-id")
    card.locator(".kb-card__title a").click()
    page.wait_for_url(f"**/konzepte/{concept_id}/")
    heading = page.locator("h1").first.inner_text()
    assert heading.removesuffix("¶").strip() == titles[concept_id]


def test_pages_fit_a_375_pixel_screen(page: Page, sample_site: BuiltSite, served_site: str) -> None:
    concept = next(iter(sample_site.library))
    urls = ["", "katalog/?topic=ki", concept.url, "zentren/", "suche/"]
    page.set_viewport_size({"width": 375, "height": 900})
    too_wide = {}
    for url in urls:
        page.goto(served_site + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide[url] = width
    assert not too_wide
