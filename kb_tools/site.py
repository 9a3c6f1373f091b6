"""``kb build``: library → generated Markdown/JSON → MkDocs (strict) → site folder, swapped in.

Generation is plain Python (pages, catalogue, JSON-LD); MkDocs only renders the result, so the
site generator can be replaced later without touching the page code. A failed build never
touches the previous site: MkDocs writes into a temporary sibling folder that replaces the
site folder only at the very end.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from kb_tools.catalogue import DATA_FILE, catalogue_data, catalogue_page
from kb_tools.concept_page import concept_page
from kb_tools.errors import BuildError
from kb_tools.library import Library, load_library
from kb_tools.pages import (
    Page,
    center_page,
    centers_index,
    derived_index,
    search_page,
    start_page,
    topic_page,
    topics_index,
)
from kb_tools.sanitize import BodyRenderer
from kb_tools.settings import Settings

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


def build_site(settings: Settings, *, force: bool = False) -> BuildReport:
    """Build the site from ``settings.library_dir`` into ``settings.site_dir``.

    Raises :class:`LibraryInvalid` for a library with errors and :class:`BuildError` when
    MkDocs fails; in both cases the previous site stays as it was.
    """
    started = time.perf_counter()
    library = load_library(settings.library_dir)
    config_file = Path(settings.site_config)
    if not config_file.is_file():
        raise BuildError(f"MkDocs-Konfiguration '{config_file}' nicht gefunden")
    site_dir = Path(settings.site_dir)
    fingerprint = build_fingerprint(library, settings, config_file)
    if not force and _stamp(site_dir).get("fingerprint") == fingerprint:
        return BuildReport(site_dir, len(library), 0, time.perf_counter() - started, True)

    docs_dir = Path(settings.build_dir) / SOURCE_DIR
    pages = write_sources(library, docs_dir, settings.site_url)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        run_mkdocs(config_file, docs_dir, staging, settings)
        stamp = {"fingerprint": fingerprint, "concepts": len(library), "pages": pages}
        (staging / STAMP_FILE).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
        _swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildReport(site_dir, len(library), pages, time.perf_counter() - started, False)


def generate_pages(library: Library, site_url: str) -> list[Page]:
    """Every page of the site, in a fixed order."""
    renderer = BodyRenderer()
    derived = derived_index(library)
    pages = [start_page(library), catalogue_page(library), centers_index(library)]
    pages += [center_page(library, key) for key in library.centers]
    pages.append(topics_index(library))
    pages += [topic_page(library, key) for key in library.taxonomy.topics]
    pages.append(search_page())
    pages += [concept_page(c, library, derived[c.id], renderer, site_url) for c in library]
    return pages


def write_sources(library: Library, docs_dir: Path, site_url: str) -> int:
    """Write the generated Markdown and the catalogue JSON into a fresh ``docs_dir``."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    pages = generate_pages(library, site_url)
    for folder in {str(Path(page.path).parent) for page in pages}:
        (docs_dir / folder).mkdir(parents=True, exist_ok=True)
    for page in pages:
        (docs_dir / page.path).write_text(page.text(), encoding="utf-8")
    data = json.dumps(catalogue_data(library), ensure_ascii=False, separators=(",", ":"))
    (docs_dir / DATA_FILE).write_text(data, encoding="utf-8")
    return len(pages)


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, settings: Settings) -> None:
    """MkDocs with ``--strict`` semantics: any warning fails the build with its message."""
    # Imported here: MkDocs and its theme load slowly and are only needed for a real build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(
            str(config_file),
            docs_dir=str(docs_dir.resolve()),
            site_dir=str(site_dir.resolve()),
            site_url=_site_url(settings.site_url),
            strict=True,
        )
        config.extra["kb_api_base"] = settings.api_base_url
        build(config)
    except (MkDocsException, OSError) as exc:
        raise BuildError(_failure(exc, collector.messages)) from exc
    except Exception as exc:  # e.g. a broken theme override raises a Jinja error
        raise BuildError(_failure(exc, collector.messages)) from exc
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise BuildError(_failure(None, collector.messages))


def build_fingerprint(library: Library, settings: Settings, config_file: Path) -> str:
    """Changes whenever the site would: library, config, theme overrides, generator, tools."""
    digest = hashlib.sha256()
    digest.update(library.content_hash().encode())
    digest.update(f"{_site_url(settings.site_url)}\n{settings.api_base_url}\n".encode())
    for name in ("mkdocs", "mkdocs-material", "markdown", "markdown-it-py", "nh3"):
        digest.update(f"{name}={version(name)}\n".encode())
    # The generator code shapes the output too: any change in kb_tools rebuilds the site.
    code = sorted(Path(__file__).parent.glob("*.py"))
    for path in [config_file, *code]:
        digest.update(path.read_bytes())
    custom_dir = _custom_dir(config_file)
    if custom_dir and custom_dir.is_dir():
        for path in sorted(p for p in custom_dir.rglob("*") if p.is_file()):
            digest.update(path.relative_to(custom_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _failure(exc: BaseException | None, warnings: list[str]) -> str:
    lines = ["Die Website konnte nicht gebaut werden; die bisherige Website bleibt unverändert."]
    lines += [f"MkDocs: {message}" for message in warnings]
    if exc is not None and str(exc) and not any(str(exc) in m for m in warnings):
        lines.append(f"MkDocs: {exc}")
    return "\n".join(lines)


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames (the gap is microseconds)."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old-{uuid.uuid4().hex[:8]}")
        site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except OSError:
        if old is not None:
            old.rename(site_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _stamp(site_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((site_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _site_url(url: str) -> str:
    return url.rstrip("/") + "/"


def _custom_dir(config_file: Path) -> Path | None:
    try:
        config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None
    custom = (config.get("theme") or {}).get("custom_dir") if isinstance(config, dict) else None
    return config_file.parent / custom if isinstance(custom, str) else None
