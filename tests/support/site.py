"""A built site for tests: its pages as HTML, their links, JSON-LD and lineage boxes."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from kb_tools.library import Library, check_library
from kb_tools.settings import Settings, load_settings
from tests.support.library import REPO

SITE_URL = "https://konzepte.example/"


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
