"""The semantic search UI in a real chromium against a real ``kb serve``.

Static hosting without the API: test_search_fallback.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from kb_tools.library import load_library
from kb_tools.search import build_index as build_search_index
from tests.support.browser import search_for
from tests.support.library import concept_text
from tests.support.servers import KbServer, start_kb_serve, static_server

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERY = "KI in der Qualitätsprüfung"
AI_INSPECTION = {"kamera-fehlererkennung-lernfabrik", "ki-sichtpruefung-blended"}
XSS = '<img src=x onerror="window.__kbXss = 1">'


# ------------------------------------------------------------------ servers


def serve(library: Path, site: Path, index: Path, env: dict[str, str] | None = None) -> KbServer:
    args = ("--library", str(library), "--site-dir", str(site), "--index-dir", str(index))
    return start_kb_serve(*args, env=env)


def build_site(library: Path, site: Path, env: dict[str, str] | None = None) -> Path:
    args = ["build", "--library", str(library), "--site-dir", str(site)]
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 0, result.output
    return site


def build_index(library: Path, index: Path) -> Path:
    build_search_index(load_library(library), index, "e5-small", progress=False)
    return index


@pytest.fixture(scope="session")
def ui_sample_site(tmp_path_factory: pytest.TempPathFactory, sample_library_dir: Path) -> Path:
    return build_site(sample_library_dir, tmp_path_factory.mktemp("ui-sample") / "site")


@pytest.fixture(scope="module")
def kb_server(
    ui_sample_site: Path, sample_index_dir: Path, sample_library_dir: Path
) -> Iterator[str]:
    server = serve(sample_library_dir, ui_sample_site, sample_index_dir)
    yield server.url
    server.stop()


# ------------------------------------------------------------------ helpers


def concept_ids(page: playwright_api.Page, count: int) -> list[str]:
    links = page.locator(".kb-hit__title a")
    return [
        urlsplit(links.nth(i).get_attribute("href") or "").path.rstrip("/").rsplit("/", 1)[-1]
        for i in range(min(count, links.count()))
    ]


def facet_checkbox(page: playwright_api.Page, facet: str, value: str) -> playwright_api.Locator:
    return page.locator(f'input.kb-facet__check[name="{facet}"][value="{value}"]')


# -------------------------------------------------------------------- tests


def test_typed_query_finds_ai_quality_inspection_with_highlighted_section(
    page: playwright_api.Page, kb_server: str
) -> None:
    search_for(page, kb_server, QUERY)
    top = concept_ids(page, 3)
    assert AI_INSPECTION & set(top), top
    card = page.locator(".kb-hit").nth(next(i for i, cid in enumerate(top) if cid in AI_INSPECTION))
    assert card.locator(".kb-hit__section strong").inner_text().strip()
    assert card.locator(".kb-hit__snippet mark").count() >= 1
    labels = card.locator(".kb-facts dt").all_inner_texts()
    assert labels[:2] == ["Zielgruppe", "Format"] and "Erprobung" in labels
    assert parse_qs(urlsplit(page.url).query)["frage"] == [QUERY]


def test_result_count_is_announced_in_a_live_region(
    page: playwright_api.Page, kb_server: str
) -> None:
    search_for(page, kb_server, QUERY)
    status = page.locator('.kb-search [role="status"]')
    assert status.get_attribute("aria-live") == "polite"
    playwright_api.expect(status).to_contain_text("gefunden")


def test_filter_changes_results_and_lives_in_url_reload_and_history(
    page: playwright_api.Page, kb_server: str
) -> None:
    search_for(page, kb_server, QUERY)
    status = page.locator('[role="status"]')
    before = (status.inner_text(), page.locator(".kb-facet__count").all_inner_texts())
    facet_checkbox(page, "status", "transferiert").check()
    playwright_api.expect(status).not_to_have_text(before[0])
    assert page.locator(".kb-facet__count").all_inner_texts() != before[1]
    assert parse_qs(urlsplit(page.url).query)["status"] == ["transferiert"]
    assert (
        page.locator(".kb-hit .kb-badge").all_text_contents()
        == ["Transferiert"] * page.locator(".kb-hit").count()
    )
    filtered = status.inner_text()

    page.reload()
    playwright_api.expect(status).to_have_text(filtered)
    playwright_api.expect(facet_checkbox(page, "status", "transferiert")).to_be_checked()

    page.go_back()
    playwright_api.expect(status).to_have_text(before[0])
    playwright_api.expect(facet_checkbox(page, "status", "transferiert")).not_to_be_checked()
    assert "status" not in parse_qs(urlsplit(page.url).query)


def test_empty_result_offers_to_drop_a_filter(page: playwright_api.Page, kb_server: str) -> None:
    page.goto(
        f"{kb_server}suche/?frage=Solo-Selbstst%C3%A4ndige&status=entwurf&center=hds&region=Sachsen"
    )
    playwright_api.expect(page.locator(".kb-empty")).to_contain_text("Keine passenden Konzepte")
    page.get_by_role("button", name=re.compile("Filter „Region: Sachsen“ entfernen")).click()
    assert "region" not in parse_qs(urlsplit(page.url).query)


def test_more_button_loads_the_next_page(page: playwright_api.Page, kb_server: str) -> None:
    search_for(page, kb_server, "Weiterbildung im Betrieb")
    first = page.locator(".kb-hit").count()
    page.get_by_role("button", name=re.compile("^Mehr laden")).click()
    playwright_api.expect(page.locator(".kb-hit")).not_to_have_count(first)
    ids = concept_ids(page, 100)
    assert len(ids) == len(set(ids)) > first
    assert page.evaluate("document.activeElement.closest('.kb-hit')") is not None


def test_query_field_has_focus_when_the_page_loads_at_the_top(
    page: playwright_api.Page, kb_server: str
) -> None:
    page.goto(f"{kb_server}suche/")
    playwright_api.expect(page.get_by_label("Wonach suchen Sie?")).to_be_focused()
    assert page.evaluate("window.scrollY") == 0


def test_back_from_a_hit_shows_the_same_list_at_the_same_place(
    page: playwright_api.Page, kb_server: str
) -> None:
    search_for(page, kb_server, "Weiterbildung im Betrieb")
    hits = page.locator(".kb-hit")
    more = page.get_by_role("button", name=re.compile("^Mehr laden"))
    while more.is_visible() and hits.count() < 30:
        shown = hits.count()
        more.click()
        playwright_api.expect(hits).not_to_have_count(shown, timeout=20_000)
    loaded = hits.count()
    assert loaded > 10, loaded
    entries = page.evaluate("history.length")
    last = page.locator(".kb-hit__title a").last
    last.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 500, scrolled
    with page.expect_navigation():
        last.click()
    page.go_back()
    playwright_api.expect(hits).to_have_count(loaded, timeout=20_000)
    page.wait_for_function(f"Math.abs(window.scrollY - {scrolled}) <= 3", timeout=10_000)
    assert page.evaluate("history.length") == entries + 1  # only the concept page was added
    assert page.evaluate("document.activeElement.id") != "kb-query"


def test_keyboard_alone_can_search_and_filter(page: playwright_api.Page, kb_server: str) -> None:
    page.goto(f"{kb_server}suche/")
    page.get_by_label("Wonach suchen Sie?").focus()
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(".kb-hit").first).to_be_visible(timeout=20_000)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kb-facet__check')"):
            break
    page.keyboard.press("Space")
    playwright_api.expect(page.locator(".kb-chip")).to_have_count(1)
    assert page.evaluate("document.activeElement.classList.contains('kb-facet__check')")


def test_header_box_on_every_page_leads_to_the_search(
    page: playwright_api.Page, kb_server: str
) -> None:
    page.goto(f"{kb_server}katalog/")
    page.get_by_role("searchbox", name="Konzepte semantisch suchen").fill(QUERY)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/suche/\?"))
    playwright_api.expect(page.locator(".kb-hit").first).to_be_visible(timeout=20_000)
    assert page.get_by_label("Wonach suchen Sie?").input_value() == QUERY


def test_concept_page_shows_similar_concepts_that_exist(
    page: playwright_api.Page, kb_server: str
) -> None:
    page.goto(f"{kb_server}konzepte/kamera-fehlererkennung-lernfabrik/")
    links = page.locator(".kb-similar a")
    playwright_api.expect(links.first).to_be_visible(timeout=20_000)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(page.request.get(href).status == 200 for href in hrefs), hrefs
    assert not any("kamera-fehlererkennung-lernfabrik" in (href or "") for href in hrefs)
    with page.expect_navigation() as navigation:
        links.first.click()
    assert navigation.value is not None and navigation.value.status == 200


def test_search_page_fits_a_375_pixel_screen(
    browser: playwright_api.Browser, kb_server: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(f"{kb_server}suche/?frage=KI%20in%20der%20Qualit%C3%A4tspr%C3%BCfung")
    playwright_api.expect(page.locator(".kb-hit").first).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Filter anzeigen").click()
    playwright_api.expect(facet_checkbox(page, "status", "erprobt")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_site_under_a_sub_path_uses_the_configured_api_elsewhere(
    page: playwright_api.Page,
    tmp_path: Path,
    sample_library_dir: Path,
    ui_sample_site: Path,
    sample_index_dir: Path,
) -> None:
    # Static hosting at http://host:A/kb/ and the API on another origin, allowed by CORS.
    with static_server(tmp_path) as host:
        api = serve(
            sample_library_dir, ui_sample_site, sample_index_dir, {"KB_CORS_ORIGINS": host[:-1]}
        )
        try:
            build_site(sample_library_dir, tmp_path / "kb", {"KB_API_BASE_URL": api.url})
            search_for(page, f"{host}kb/", QUERY)
            first = page.locator(".kb-hit__title a").first.get_attribute("href") or ""
            assert first.startswith(f"{host}kb/konzepte/"), first
            page.goto(f"{host}kb/katalog/")
            header = page.get_by_role("search", name="Semantische Suche")
            assert header.get_attribute("action") == f"{host}kb/suche/"
        finally:
            api.stop()


# ---------------------------------------------------------------- escaping


@pytest.fixture(scope="module")
def hostile_server(
    tmp_path_factory: pytest.TempPathFactory, sample_library_dir: Path
) -> Iterator[str]:
    """A library whose concepts carry markup in title and summary, built and served for real."""
    root = tmp_path_factory.mktemp("ui-hostile")
    library = root / "concepts"
    library.mkdir()
    for name in ("centers.yml", "taxonomy.yml"):
        (library / name).write_text((sample_library_dir / name).read_text("utf-8"), "utf-8")
    for concept_id, title in (
        ("boese-sichtpruefung", f"Sichtprüfung {XSS}"),
        ("harmlos", "Harmlos"),
    ):
        (library / "sachsen").mkdir(exist_ok=True)
        summary = f"Kamera prüft Bauteile {XSS} in der Qualitätsprüfung."
        text = concept_text(title=title, summary=summary, topics=["qualitaetssicherung"])
        (library / "sachsen" / f"{concept_id}.md").write_text(text, "utf-8")
    site = build_site(library, root / "site")
    server = serve(library, site, build_index(library, root / "index"))
    yield server.url
    server.stop()


def test_markup_from_the_api_is_shown_as_text(
    page: playwright_api.Page, hostile_server: str
) -> None:
    search_for(page, hostile_server, "Sichtprüfung Qualitätsprüfung")
    results = page.locator(".kb-search__results")
    playwright_api.expect(results).to_contain_text("<img src=x onerror=")
    assert results.locator("img").count() == 0
    assert page.evaluate("window.__kbXss") is None


def test_markup_in_similar_concepts_is_shown_as_text(
    page: playwright_api.Page, hostile_server: str
) -> None:
    page.goto(f"{hostile_server}konzepte/harmlos/")
    box = page.locator(".kb-similar")
    playwright_api.expect(box).to_contain_text("<img src=x onerror=", timeout=20_000)
    assert box.locator("img").count() == 0
    assert page.evaluate("window.__kbXss") is None
