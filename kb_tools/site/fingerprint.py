"""What decides whether the site must be rebuilt: library, site code, theme, config, tools.

Only what shapes the site counts: a change in the search engine or the CLI leaves the site
as it is (and ``kb build`` says "ist aktuell").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import yaml

from kb_tools.library import Library
from kb_tools.settings import Settings
from kb_tools.site.editor import editor_lockfile

PACKAGE = Path(__file__).resolve().parents[1]
# The code that turns a library into pages: the site package, the library package (the model
# and URL scheme it renders), and the shared core modules at the top of the package.
SITE_CODE = ("site", "library")
# The search code the site's static index (Pagefind) is made with.
STATIC_SEARCH_CODE = (
    "search/analysis.py",
    "search/bm25.py",
    "search/static.py",
    "search/results.py",
    "search/passages.py",
)
TOOLS = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "markdown-it-py",
    "nh3",
    "weasyprint",
    "segno",
    "pagefind",
    "feedgen",
)
# Settings that shape admin/config.yml.
EDITOR_SETTINGS = {name for name in Settings.model_fields if name.startswith("cms_")}


def build_fingerprint(library: Library, settings: Settings, config_file: Path) -> str:
    """Changes whenever the site would: library, config, theme overrides, generator, tools."""
    digest = hashlib.sha256()
    digest.update(library.content_hash().encode())
    digest.update(f"{site_url(settings.site_url)}\n{settings.api_base_url}\n".encode())
    digest.update(settings.model_dump_json(include=EDITOR_SETTINGS).encode())
    for name in TOOLS:
        digest.update(f"{name}={version(name)}\n".encode())
    digest.update(config_file.read_bytes())
    for name, path in _shaping_files(config_file):
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _shaping_files(config_file: Path) -> Iterator[tuple[str, Path]]:
    """The generator code, then the theme overrides, each with a stable name."""
    for path in site_code_files():
        yield path.relative_to(PACKAGE).as_posix(), path
    if lockfile := editor_lockfile():
        yield "editor:package-lock.json", lockfile
    custom_dir = _custom_dir(config_file)
    if custom_dir and custom_dir.is_dir():
        for path in sorted(p for p in custom_dir.rglob("*") if p.is_file()):
            yield f"theme:{path.relative_to(custom_dir).as_posix()}", path


def site_code_files() -> list[Path]:
    """Every source file of the code that shapes the site, in a stable order."""
    files = [*PACKAGE.glob("*.py"), *(PACKAGE / name for name in STATIC_SEARCH_CODE)]
    for package in SITE_CODE:
        files += [p for p in (PACKAGE / package).rglob("*") if p.is_file() and _is_source(p)]
    return sorted(files)


def site_url(url: str) -> str:
    return url.rstrip("/") + "/"


def _is_source(path: Path) -> bool:
    return "__pycache__" not in path.parts and path.suffix in (".py", ".md", ".css", ".mjs")


def _custom_dir(config_file: Path) -> Path | None:
    try:
        config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None
    custom = (config.get("theme") or {}).get("custom_dir") if isinstance(config, dict) else None
    return config_file.parent / custom if isinstance(custom, str) else None
