"""Fixtures shared by all tests: small libraries in tmp_path, the sample library and its index.

Helpers live in :mod:`tests.support`; this file only declares fixtures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.library import SAMPLE_LIBRARY, WriteConcept, concept_text, empty_library
from tests.support.site import BuiltSite, settings_for, valid_copy


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """An empty library (the sample centres and taxonomy, no concepts) in tmp_path."""
    return empty_library(tmp_path)


@pytest.fixture
def write_concept(library_dir: Path) -> WriteConcept:
    """Write ``<center>/<id>.md`` into ``library_dir``; text or front matter overrides."""

    def write(
        concept_id: str = "testkonzept", text: str | bytes | None = None, **overrides: Any
    ) -> Path:
        center = overrides.get("center", "sachsen")
        path = library_dir / center / f"{concept_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        content = text if text is not None else concept_text(**overrides)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def sample_library_dir() -> Path:
    return SAMPLE_LIBRARY


@pytest.fixture(scope="session")
def sample_index_dir(
    sample_library_dir: Path, tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Path:
    """The real e5-small index of the sample library, built once per session.

    Passage vectors are cached in pytest's cache folder, so only the first run embeds them.
    """
    from kb_tools.library import load_library
    from kb_tools.search import build_index

    pytest_cache = getattr(pytestconfig, "cache", None)  # absent under -p no:cacheprovider
    cache = pytest_cache.mkdir("kb-embeddings") if pytest_cache else None
    index_dir = tmp_path_factory.mktemp("sample-index")
    library = load_library(sample_library_dir)
    build_index(library, index_dir, "e5-small", progress=False, cache_dir=cache)
    return index_dir


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample library built once per session with the real MkDocs."""
    from kb_tools.library import load_library
    from kb_tools.site import build_site

    root = tmp_path_factory.mktemp("sample-site")
    library_dir = valid_copy(SAMPLE_LIBRARY, root / "concepts")
    settings = settings_for(library_dir, root)
    build_site(settings)
    return BuiltSite(load_library(library_dir), settings.site_dir, settings)
