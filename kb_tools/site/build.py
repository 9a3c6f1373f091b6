"""``kb build``: library → generated Markdown/JSON → MkDocs (strict) → site folder, swapped in.

Generation is plain Python (pages, catalogue, JSON-LD); MkDocs only renders the result, so the
site generator can be replaced later without touching the page code. A failed build never
touches the previous site: MkDocs writes into a new version folder that goes live only when
complete, by an atomic switch of the ``site`` symlink (:mod:`.versions`). Builds of one site
run one at a time.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_tools.errors import BuildError
from kb_tools.library import Library, load_library
from kb_tools.settings import Settings
from kb_tools.site.downloads import write_materials
from kb_tools.site.editor import write_editor
from kb_tools.site.feeds import write_feeds
from kb_tools.site.fingerprint import build_fingerprint
from kb_tools.site.jsonld import write_amb_dump
from kb_tools.site.mkdocs import run_mkdocs
from kb_tools.site.pages import (
    DATA_FILE,
    Page,
    atlas_page,
    catalogue_data,
    catalogue_page,
    center_page,
    centers_index,
    concept_page,
    search_page,
    start_page,
    topic_page,
    topics_index,
    vocabulary_pages,
    write_atlas_exports,
)
from kb_tools.site.printkit import CACHE_FOLDER, write_kits
from kb_tools.site.sanitize import BodyRenderer
from kb_tools.site.skos import write_vocabularies
from kb_tools.site.staticsearch import write_static_search
from kb_tools.site.versions import new_staging, publish, site_lock

STAMP_FILE = ".kb-build.json"
SOURCE_DIR = "site-src"


@dataclass(frozen=True)
class BuildReport:
    """What ``kb build`` did."""

    site_dir: Path
    concepts: int
    pages: int
    seconds: float
    skipped: bool
    pdfs_rendered: int = 0


def build_site(settings: Settings, *, force: bool = False) -> BuildReport:
    """Build the site from ``settings.library_dir`` into ``settings.site_dir``.

    Raises :class:`LibraryInvalid` for a library with errors and :class:`BuildError` when
    MkDocs fails; in both cases the previous site stays as it was.
    """
    started = time.perf_counter()
    site_dir = Path(settings.site_dir)
    with site_lock(site_dir):
        return _build(settings, site_dir, force, started)


def _build(settings: Settings, site_dir: Path, force: bool, started: float) -> BuildReport:
    library = load_library(settings.library_dir)
    config_file = Path(settings.site_config)
    if not config_file.is_file():
        raise BuildError(f"MkDocs-Konfiguration '{config_file}' nicht gefunden")
    fingerprint = build_fingerprint(library, settings, config_file)
    if not force and _stamp(site_dir).get("fingerprint") == fingerprint:
        return BuildReport(site_dir, len(library), 0, time.perf_counter() - started, True)

    docs_dir = Path(settings.build_dir) / SOURCE_DIR
    renderer = BodyRenderer()
    pages = write_sources(library, docs_dir, settings, renderer)
    staging = new_staging(site_dir)
    try:
        run_mkdocs(config_file, docs_dir, staging, settings)
        # Files MkDocs has nothing to do with go straight into the built site.
        write_editor(library, settings, staging)
        write_materials(library, staging)
        write_static_search(library, staging)
        write_atlas_exports(library, staging)
        write_feeds(library, settings.site_url, staging)
        write_amb_dump(library, settings.site_url, staging)
        write_vocabularies(library, settings.site_url, staging)
        kits = write_kits(
            library, settings.site_url, Path(settings.build_dir) / CACHE_FOLDER, staging, renderer
        )
        stamp = {"fingerprint": fingerprint, "concepts": len(library), "pages": pages}
        (staging / STAMP_FILE).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
        publish(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    seconds = time.perf_counter() - started
    return BuildReport(site_dir, len(library), pages, seconds, False, kits.rendered)


def generate_pages(
    library: Library, site_url: str, renderer: BodyRenderer | None = None
) -> list[Page]:
    """Every page of the site, in a fixed order."""
    renderer = renderer or BodyRenderer()
    pages = [start_page(library), catalogue_page(library), centers_index(library)]
    pages += [center_page(library, key) for key in library.centers]
    pages.append(topics_index(library))
    pages += [topic_page(library, key) for key in library.taxonomy.topics]
    pages.append(search_page())
    pages.append(atlas_page(library))
    pages += vocabulary_pages(library, site_url)
    pages += [concept_page(c, library, renderer, site_url) for c in library]
    return pages


def write_sources(
    library: Library, docs_dir: Path, settings: Settings, renderer: BodyRenderer | None = None
) -> int:
    """Write the generated Markdown and the catalogue JSON into a fresh ``docs_dir``."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    pages = generate_pages(library, settings.site_url, renderer)
    for folder in {str(Path(page.path).parent) for page in pages}:
        (docs_dir / folder).mkdir(parents=True, exist_ok=True)
    for page in pages:
        (docs_dir / page.path).write_text(page.text(), encoding="utf-8")
    _write_json(docs_dir / DATA_FILE, catalogue_data(library))
    return len(pages)


def _stamp(site_dir: Path) -> dict[str, Any]:
    try:
        stamp = json.loads((site_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
