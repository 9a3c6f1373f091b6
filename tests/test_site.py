"""``kb build`` with the real MkDocs: the sample site's HTML, bad input, failed builds."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from kb_tools.errors import BuildError, LibraryInvalid
from kb_tools.filters import Filters
from kb_tools.jsonld import AMB_CONTEXT
from kb_tools.library import Library, check_library, load_library
from kb_tools.schema import LICENSE_URLS
from kb_tools.settings import Settings, load_settings
from kb_tools.site import STAMP_FILE, build_site
from tests.conftest import REPO, SAMPLE_LIBRARY, WriteConcept, concept_text

pytestmark = pytest.mark.slow

SITE_URL = "https://konzepte.example/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
MALICIOUS_BODY = """
## Ziel

<script>alert("body")</script>
<img src="x.png" onerror="alert('img')">
<iframe src="https://evil.example/"></iframe>

[Klick mich](javascript:alert('link')) und **fett bleibt fett**.

## <img src=x onerror=alert('heading')>Ablauf

<a href="https://example.org/" onclick="alert('a')">Quelle</a>
"""


@dataclass(frozen=True)
class BuiltSite:
    library: Library
    site: Path
    settings: Settings

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


class _Links(HTMLParser):
    """Collects elements, hrefs, JSON-LD blocks and the lineage box's links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.lineage: list[str] = []
        self.jsonld: list[str] = []
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._in_lineage = 0
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "aside" and "kb-lineage" in (attributes.get("class") or ""):
            self._in_lineage += 1
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_jsonld = True
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"] or "")
            if self._in_lineage:
                self.lineage.append(attributes["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "aside" and self._in_lineage:
            self._in_lineage -= 1
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def resolve(site: Path, page_url: str, href: str) -> Path | None:
    """The file a relative link on ``page_url`` points to (None for external links)."""
    parts = urlsplit(urljoin(f"http://site/{page_url}", href))
    if parts.netloc != "site":
        return None
    target = site / parts.path.lstrip("/")
    return target / "index.html" if parts.path.endswith("/") else target


def settings_for(library: Path, root: Path, **overrides: object) -> Settings:
    return load_settings(
        library_dir=library,
        site_dir=root / "site",
        build_dir=root / "build",
        site_config=REPO / "mkdocs.yml",
        site_url=SITE_URL,
        **overrides,
    )


def valid_copy(source: Path, target: Path) -> Path:
    """The sample library without files that are invalid right now (others edit it)."""
    shutil.copytree(source, target)
    while True:
        _, problems = check_library(target)
        bad = {p.path for p in problems if p.is_error and p.path.endswith(".md")}
        if not bad:
            return target
        for path in bad:
            (target / path).unlink()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("sample-site")
    library_dir = valid_copy(SAMPLE_LIBRARY, root / "concepts")
    settings = settings_for(library_dir, root)
    build_site(settings)
    return BuiltSite(load_library(library_dir), settings.site_dir, settings)


@pytest.fixture
def small_library(library_dir: Path, write_concept: WriteConcept) -> Path:
    write_concept("basis", title="Basiskonzept")
    write_concept("ableger", title="Ableger", adapted_from=["basis"])
    return library_dir


# ------------------------------------------------------------------ the sample site


def test_every_concept_has_a_page_with_its_metadata(sample_site: BuiltSite) -> None:
    library = sample_site.library
    assert len(library) > 0
    for concept in library:
        html = sample_site.html(concept.url)
        meta = concept.meta
        assert f'data-concept-id="{concept.id}"' in html
        assert library.centers[meta.center].name in html
        assert f"kb-badge--{meta.status}" in html
        assert LICENSE_URLS[meta.license] in html
        assert all(f"themen/{topic}/" in html for topic in meta.topics)
        assert f'datetime="{meta.updated.isoformat()}"' in html


def test_lineage_links_resolve_both_ways(sample_site: BuiltSite) -> None:
    library, site = sample_site.library, sample_site.site
    pairs = [(c, ref) for c in library for ref in c.meta.adapted_from]
    assert pairs, "die Beispielbibliothek sollte Weiterentwicklungen enthalten"
    for concept, ref in pairs:
        forward = parse(sample_site.html(concept.url)).lineage
        targets = {resolve(site, concept.url, href) for href in forward}
        assert site / f"konzepte/{ref}/index.html" in targets
        backward = parse(sample_site.html(f"konzepte/{ref}/")).lineage
        back_targets = {resolve(site, f"konzepte/{ref}/", href) for href in backward}
        assert site / concept.url / "index.html" in back_targets
        assert "Weiterentwickelt in" in sample_site.html(f"konzepte/{ref}/")


def test_transfers_link_to_the_receiving_centre(sample_site: BuiltSite) -> None:
    transferred = [c for c in sample_site.library if c.meta.transfers]
    assert transferred
    for concept in transferred:
        html = sample_site.html(concept.url)
        assert "Übertragen nach" in html
        for transfer in concept.meta.transfers:
            assert f'href="../../zentren/{transfer.center}/"' in html


def test_every_internal_link_resolves(sample_site: BuiltSite) -> None:
    site = sample_site.site
    broken = []
    for page in site.rglob("index.html"):
        url = page.parent.relative_to(site).as_posix()
        url = "" if url == "." else f"{url}/"
        for href in parse(page.read_text(encoding="utf-8")).hrefs:
            target = resolve(site, url, href.split("#")[0].split("?")[0] or "./")
            if target is not None and not target.exists():
                broken.append(f"{url}: {href}")
    assert not broken


def test_jsonld_parses_and_has_the_amb_required_fields(sample_site: BuiltSite) -> None:
    for concept in sample_site.library:
        blocks = parse(sample_site.html(concept.url)).jsonld
        assert len(blocks) == 1
        record = json.loads(blocks[0])
        assert record["@context"][0] == AMB_CONTEXT
        assert record["id"] == f"{SITE_URL}{concept.url}"
        assert "LearningResource" in record["type"]
        assert record["name"] == concept.meta.title
        assert record["description"] == concept.meta.summary
        assert record["inLanguage"] == ["de"]
        assert record["license"]["id"] == LICENSE_URLS[concept.meta.license]
        assert record["dateModified"] == concept.meta.updated.isoformat()
        assert record["creator"][0]["type"] == "Organization"
        assert record["sourceOrganization"] == record["creator"]
        assert record["keywords"] and record["audience"] and record["learningResourceType"]
        based_on = [b["id"] for b in record.get("isBasedOn", [])]
        assert based_on == [f"{SITE_URL}konzepte/{ref}/" for ref in concept.meta.adapted_from]


def test_catalogue_lists_every_concept_as_card_and_json(sample_site: BuiltSite) -> None:
    html = sample_site.html("katalog/")
    data = json.loads((sample_site.site / "katalog/concepts.json").read_text(encoding="utf-8"))
    ids = set(sample_site.library.concepts)
    assert set(re.findall(r'class="kb-card" data-kb-id="([^"]+)"', html)) == ids
    assert {c["id"] for c in data["concepts"]} == ids
    assert "kb-catalogue.js" in html


def test_search_ui_hooks_are_in_place(sample_site: BuiltSite) -> None:
    search = sample_site.html("suche/")
    assert '<div id="kb-search-app"></div>' in search
    for url in ("", "katalog/", "suche/", "zentren/", "themen/"):
        html = sample_site.html(url)
        assert '<meta name="kb-api-base" content="">' in html
        assert "assets/javascripts/kb-search.js" in html
        assert "assets/stylesheets/kb-search.css" in html


def test_centre_and_topic_pages_list_their_concepts(sample_site: BuiltSite) -> None:
    library = sample_site.library
    for key in {c.meta.center for c in library}:
        html = sample_site.html(f"zentren/{key}/")
        own = [c.id for c in library if c.meta.center == key]
        assert all(f'data-kb-id="{cid}"' in html for cid in own)
    for key in library.taxonomy.topics:
        html = sample_site.html(f"themen/{key}/")
        assert all(f'data-kb-id="{c.id}"' in html for c in library if key in c.meta.topics)


def test_sitemap_and_german_search_are_built(sample_site: BuiltSite) -> None:
    sitemap = (sample_site.site / "sitemap.xml").read_text(encoding="utf-8")
    for concept in sample_site.library:
        assert f"<loc>{SITE_URL}{concept.url}</loc>" in sitemap
    config = json.loads((sample_site.site / "search/search_index.json").read_text())["config"]
    assert "de" in config["lang"]
    assert '<html lang="de"' in sample_site.html("")


def test_unchanged_library_is_not_rebuilt(sample_site: BuiltSite) -> None:
    report = build_site(sample_site.settings)
    assert report.skipped


def test_changed_setting_rebuilds_and_reaches_the_pages(
    small_library: Path, tmp_path: Path
) -> None:
    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    other = settings.model_copy(update={"api_base_url": "https://api.example/"})
    report = build_site(other)
    assert not report.skipped
    html = (settings.site_dir / "konzepte/basis/index.html").read_text(encoding="utf-8")
    assert '<meta name="kb-api-base" content="https://api.example/">' in html


# ------------------------------------------------------------------ bad input, failures


def test_malicious_body_is_neutralised(
    library_dir: Path, write_concept: WriteConcept, tmp_path: Path
) -> None:
    write_concept("boese", title="<script>alert('title')</script>", body=MALICIOUS_BODY)
    settings = settings_for(library_dir, tmp_path)
    build_site(settings)
    html = (settings.site_dir / "konzepte/boese/index.html").read_text(encoding="utf-8")
    article = html[html.index('<article class="md-content__inner') : html.index("</article>")]
    elements = parse(article).elements
    assert not [tag for tag, _ in elements if tag in ("script", "iframe")]
    assert not [name for _, attrs in elements for name, _ in attrs if name.startswith("on")]
    hrefs = [value or "" for _, attrs in elements for name, value in attrs if name == "href"]
    assert not [href for href in hrefs if href.strip().lower().startswith("javascript:")]
    assert "<strong>fett bleibt fett</strong>" in article
    assert "<script>alert('title')" not in html


def test_invalid_library_does_not_build_and_keeps_the_old_site(
    small_library: Path, tmp_path: Path
) -> None:
    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    before = (settings.site_dir / STAMP_FILE).read_text()
    (small_library / "sachsen/kaputt.md").write_text(concept_text(status="fertig"))
    with pytest.raises(LibraryInvalid):
        build_site(settings)
    assert (settings.site_dir / STAMP_FILE).read_text() == before
    assert (settings.site_dir / "konzepte/ableger/index.html").is_file()


def test_mkdocs_failure_keeps_the_old_site(small_library: Path, tmp_path: Path) -> None:
    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    before = (settings.site_dir / "index.html").read_text()
    broken = tmp_path / "mkdocs.yml"
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: site_overrides", f"custom_dir: {REPO / 'site_overrides'}")
    broken.write_text(config.replace("  - Themen: themen/index.md", "  - Fehlt: fehlt.md"))
    with pytest.raises(BuildError, match=r"fehlt\.md"):
        build_site(settings.model_copy(update={"site_config": broken}))
    assert (settings.site_dir / "index.html").read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]


def test_kb_build_command_reports_pages_and_skips_when_unchanged(
    small_library: Path, tmp_path: Path
) -> None:
    args = ["build", "--library", str(small_library), "--site-dir", str(tmp_path / "site")]
    runner = CliRunner(env={"KB_BUILD_DIR": str(tmp_path / "build"), "KB_SITE_URL": SITE_URL})
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "Website gebaut:" in first.output and "2 Konzepte" in first.output
    second = runner.invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert "ist aktuell" in second.output


def test_kb_build_command_rejects_an_invalid_library(small_library: Path, tmp_path: Path) -> None:
    (small_library / "sachsen/kaputt.md").write_text(concept_text(topics=["kl"]))
    result = CliRunner().invoke(
        cli, ["build", "--library", str(small_library), "--site-dir", str(tmp_path / "site")]
    )
    assert result.exit_code == 1, result.output
    assert "kaputt.md" in result.output and "Fehler:" in result.output
    assert not (tmp_path / "site").exists()


# ------------------------------------------------------------------ real browser


@pytest.fixture(scope="module")
def served_site(sample_site: BuiltSite) -> Iterator[str]:
    """The built site from a plain static file server on a free port (no API)."""
    handler = functools.partial(_QuietHandler, directory=str(sample_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def in_browser(scenario: Callable[[Any], None], width: int = 1280) -> None:
    """Run ``scenario(page)`` in chromium, in a thread of its own.

    Playwright's sync API allows one instance per thread, and other test modules keep a
    session-wide browser open in the main thread.
    """
    errors: list[BaseException] = []

    def run() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": width, "height": 900})
                page_errors: list[str] = []
                page.on("pageerror", lambda exc: page_errors.append(str(exc)))
                try:
                    scenario(page)
                finally:
                    browser.close()
                assert not page_errors, page_errors
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "Browser-Test hängt"
    if errors:
        raise errors[0]


@pytest.mark.browser
def test_catalogue_filters_count_url_and_card_link_in_chromium(
    sample_site: BuiltSite, served_site: str
) -> None:
    library = sample_site.library
    filters = Filters.of(topic=["ki"], status=["erprobt"])
    expected = [c for c in library if filters.matches(c, library)]
    assert expected, "die Beispielbibliothek sollte erprobte KI-Konzepte enthalten"
    titles = {c.id: c.meta.title for c in library}

    def scenario(page: Any) -> None:
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

    in_browser(scenario)


@pytest.mark.browser
def test_pages_fit_a_375_pixel_screen(sample_site: BuiltSite, served_site: str) -> None:
    concept = next(iter(sample_site.library))
    urls = ["", "katalog/?topic=ki", concept.url, "zentren/", "suche/"]

    def scenario(page: Any) -> None:
        too_wide = {}
        for url in urls:
            page.goto(served_site + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 375:
                too_wide[url] = width
        assert not too_wide

    in_browser(scenario, width=375)
