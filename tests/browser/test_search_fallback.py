"""The built site on a plain static host, without the API: the search page falls back to the
static Pagefind index that ``kb build`` writes, or points to the catalogue without it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from tests.support.browser import search_for
from tests.support.library import SAMPLE_LIBRARY, concept_text
from tests.support.servers import static_server
from tests.support.site import BuiltSite

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERY = "Qualitätsprüfung"
FALLBACK_NOTICE = "Die semantische Suche ist gerade nicht erreichbar"
XSS = '<img src=x onerror="window.__kbXss = 1">'
BUNDLE_MISSING = "pagefind/pagefind.js fehlt im gebauten Auftritt: kb build schreibt es nicht"


@pytest.fixture(scope="module")
def static_site(sample_site: BuiltSite) -> Iterator[str]:
    if not (sample_site.site / "pagefind" / "pagefind.js").is_file():
        pytest.skip(BUNDLE_MISSING)
    with static_server(sample_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A library whose concept carries markup in title, summary and body, built for real."""
    root = tmp_path_factory.mktemp("fallback-hostile")
    library = root / "concepts"
    (library / "sachsen").mkdir(parents=True)
    for name in ("centers.yml", "taxonomy.yml"):
        shutil.copy(SAMPLE_LIBRARY / name, library / name)
    text = concept_text(
        title=f"Sichtprüfung {XSS}",
        summary=f"Kamera prüft Bauteile {XSS} in der Qualitätsprüfung.",
        body=f"## Ziel\n\nDie Qualitätsprüfung {XSS} mit Kamera.\n",
    )
    (library / "sachsen" / "boese-sichtpruefung.md").write_text(text, "utf-8")
    site = root / "site"
    args = ["build", "--library", str(library), "--site-dir", str(site)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    if not (site / "pagefind" / "pagefind.js").is_file():
        pytest.skip(BUNDLE_MISSING)
    with static_server(site) as url:
        yield url


@pytest.fixture(scope="module")
def bare_site(sample_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site without its Pagefind bundle: no search answers at all."""
    site = tmp_path_factory.mktemp("without-pagefind") / "site"
    shutil.copytree(sample_site.site, site, ignore=shutil.ignore_patterns("pagefind"))
    with static_server(site) as url:
        yield url


def test_without_api_the_keyword_search_answers_and_says_so(
    static_site: str, page: playwright_api.Page
) -> None:
    search_for(page, static_site, QUERY)
    playwright_api.expect(page.locator(".kb-notice")).to_contain_text(FALLBACK_NOTICE)
    playwright_api.expect(page.locator(".kb-notice")).to_contain_text("einfachen Stichwortsuche")
    links = page.locator(".kb-hit__title a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs and all(href.startswith(f"{static_site}konzepte/") for href in hrefs), hrefs
    assert all(link.strip() for link in links.all_inner_texts())
    assert page.request.get(hrefs[0]).status == 200
    assert page.locator(".kb-hit__snippet mark").count() >= 1
    assert parse_qs(urlsplit(page.url).query)["frage"] == [QUERY]


def test_without_api_a_filter_narrows_the_keyword_hits(
    static_site: str, page: playwright_api.Page
) -> None:
    search_for(page, static_site, QUERY)
    hits = page.locator(".kb-hit")
    before = hits.count()
    # A facet value that only some of the hits have: its count is what the filter leaves.
    values = page.locator(".kb-facet__item:not(.kb-facet__item--more)")
    counts = [
        int(re.sub(r"\D", "", text))
        for text in values.locator(".kb-facet__count").all_inner_texts()
    ]
    index = next(i for i, count in enumerate(counts) if 0 < count < before)
    checkbox = values.nth(index).locator("input")
    facet, value = checkbox.get_attribute("name"), checkbox.get_attribute("value")
    checkbox.check()
    playwright_api.expect(hits).to_have_count(counts[index])
    assert parse_qs(urlsplit(page.url).query)[facet or ""] == [value]
    playwright_api.expect(page.locator(".kb-chip")).to_have_count(1)

    page.go_back()
    playwright_api.expect(hits).to_have_count(before)


def test_without_api_and_keyword_index_the_page_points_to_the_catalogue(
    bare_site: str, page: playwright_api.Page
) -> None:
    page.goto(f"{bare_site}suche/?frage=Lernfabrik")
    alert = page.get_by_role("alert")
    playwright_api.expect(alert).to_contain_text("Die Suche ist gerade nicht erreichbar")
    catalogue = alert.get_by_role("link", name="Zum Katalog")
    assert catalogue.get_attribute("href") == f"{bare_site}katalog/"
    assert page.locator(".kb-hit").count() == 0


def test_without_api_similar_concepts_stay_hidden(
    bare_site: str, page: playwright_api.Page
) -> None:
    page.goto(f"{bare_site}konzepte/kamera-fehlererkennung-lernfabrik/")
    page.wait_for_load_state("networkidle")
    playwright_api.expect(page.locator(".kb-similar")).to_be_hidden()
    assert page.locator(".kb-similar").inner_text() == ""


def test_header_has_one_search_box_and_it_leads_to_the_search_page(
    bare_site: str, page: playwright_api.Page
) -> None:
    page.goto(f"{bare_site}katalog/")
    assert page.locator(".md-search").count() == 0
    box = page.get_by_role("searchbox", name="Konzepte semantisch suchen")
    playwright_api.expect(box).to_be_visible()
    header = page.locator(".md-header__inner").bounding_box()
    field = page.locator(".kb-header-search").bounding_box()
    assert header and field
    # Inside the header, at its right end.
    assert field["x"] + field["width"] <= header["x"] + header["width"]
    assert header["x"] + header["width"] - (field["x"] + field["width"]) < 40
    box.fill("Lernfabrik")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/suche/\?frage=Lernfabrik"))


def test_keyword_hits_come_back_after_a_visit_to_a_concept(
    static_site: str, page: playwright_api.Page
) -> None:
    search_for(page, static_site, "Betrieb")
    hits = page.locator(".kb-hit")
    shown = hits.count()
    more = page.get_by_role("button", name=re.compile("^Mehr laden"))
    if more.is_visible():
        more.click()
        playwright_api.expect(hits).not_to_have_count(shown, timeout=20_000)
    loaded = hits.count()
    last = page.locator(".kb-hit__title a").last
    last.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    with page.expect_navigation():
        last.click()
    page.go_back()
    playwright_api.expect(hits).to_have_count(loaded, timeout=20_000)
    page.wait_for_function(f"Math.abs(window.scrollY - {scrolled}) <= 3", timeout=10_000)


def test_markup_in_keyword_hits_is_shown_as_text(
    hostile_site: str, page: playwright_api.Page
) -> None:
    search_for(page, hostile_site, QUERY)
    results = page.locator(".kb-search__results")
    playwright_api.expect(results).to_contain_text("<img src=x onerror=")
    assert results.locator("img").count() == 0
    assert page.evaluate("window.__kbXss") is None
