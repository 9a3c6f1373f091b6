"""Printing a concept page in chromium: print.css keeps the content and drops the chrome."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Route, ViewportSize, expect

from kb_tools.library import LICENSE_URLS
from tests.support.servers import static_server
from tests.support.site import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Wider than the theme's grid (61rem), so that "full width" means something.
VIEWPORT: ViewportSize = {"width": 1600, "height": 900}
# On screen these are visible on a concept page; on paper none of them is.
CHROME = {
    "Kopfzeile": ".md-header",
    "Reiter": ".md-tabs",
    "Inhaltsverzeichnis": ".md-sidebar--secondary",
    "Ähnliche Konzepte": ".kb-similar",
    "Aktionen": ".kb-actions",
}
FACTS = [
    {"key": "audience", "label": "Zielgruppe", "value": "Beschäftigte"},
    {"key": "formats", "label": "Format", "value": "Workshop"},
]


@pytest.fixture(scope="module")
def served_site(sample_site: BuiltSite) -> Iterator[str]:
    with static_server(sample_site.site) as url:
        yield url


@pytest.fixture
def concept_page(page: Page, sample_site: BuiltSite, served_site: str) -> Page:
    """A concept page whose "Ähnliche Konzepte" the API (answered here by a route) filled."""
    concepts = list(sample_site.library)
    concept, other = concepts[0], concepts[1]
    hit = {
        "id": other.id,
        "title": other.meta.title,
        "url": other.url,
        "summary": other.meta.summary,
        "facts": FACTS,
    }

    def similar(route: Route) -> None:
        body = json.dumps({"id": concept.id, "results": [hit]})
        route.fulfill(status=200, content_type="application/json", body=body)

    page.route("**/api/concepts/*/similar*", similar)
    page.set_viewport_size(VIEWPORT)
    page.goto(served_site + concept.url)
    expect(page.locator(".kb-similar .kb-similar__item")).to_have_count(1)
    return page


def test_print_hides_header_navigation_similar_concepts_and_actions(concept_page: Page) -> None:
    concept_page.emulate_media(media="print")
    shown = [name for name, css in CHROME.items() if concept_page.locator(css).first.is_visible()]
    assert not shown
    assert not concept_page.locator(".md-sidebar--primary").is_visible()
    assert not concept_page.locator(".md-footer").is_visible()
    expect(concept_page.locator(".md-content h1")).to_be_visible()
    expect(concept_page.locator(".md-content .kb-meta")).to_be_visible()
    expect(concept_page.locator(".md-content .kb-body").first).to_be_visible()


def test_print_sets_the_content_full_width_black_at_about_11pt(concept_page: Page) -> None:
    concept_page.emulate_media(media="print")
    article = concept_page.locator(".md-content__inner")
    box = article.bounding_box()
    assert box is not None
    assert box["width"] >= VIEWPORT["width"] - 2, box
    style = article.evaluate(
        "node => [getComputedStyle(node).fontSize, getComputedStyle(node).color]"
    )
    assert abs(float(style[0].removesuffix("px")) - 11 * 96 / 72) < 0.5, style
    assert style[1] == "rgb(0, 0, 0)"


def test_print_spells_out_the_target_of_external_links_only(concept_page: Page) -> None:
    after = "node => getComputedStyle(node, '::after').content"
    license_link = concept_page.locator('.kb-meta a[rel~="license"]')
    href = license_link.get_attribute("href")
    assert href in LICENSE_URLS.values()
    assert license_link.evaluate(after) == "none"
    concept_page.emulate_media(media="print")
    assert license_link.evaluate(after) == f'" ({href})"'
    internal = concept_page.locator('.md-content a[href^="../"]').first
    assert internal.evaluate(after) in ("none", "normal")


def test_print_keeps_the_attribution_visible_and_framed(concept_page: Page) -> None:
    attribution = concept_page.locator(".kb-attribution")
    assert attribution.count() == 1, "jede Konzeptseite endet mit einer Namensnennung"
    concept_page.emulate_media(media="print")
    expect(attribution).to_be_visible()
    expect(attribution.locator("h2")).to_have_text("Namensnennung")
    # On screen only a rule above sets it apart; on paper it is framed on all sides.
    assert attribution.evaluate("node => getComputedStyle(node).borderLeftStyle") == "solid"


def test_screen_keeps_navigation_similar_concepts_and_actions(concept_page: Page) -> None:
    concept_page.emulate_media(media="screen")
    hidden = [
        name for name, css in CHROME.items() if not concept_page.locator(css).first.is_visible()
    ]
    assert not hidden
    expect(concept_page.locator(".kb-similar .kb-facts dt")).to_have_text(["Zielgruppe", "Format"])
