"""Shared fixtures: small libraries in tmp_path, the sample library, the real embedder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLE_LIBRARY = REPO / "concepts"

BODY = """
## Ziel

Die Teilnehmenden lernen, {topic} im eigenen Betrieb einzuordnen und erste Schritte zu planen.

## Zielgruppe

Beschäftigte aus kleinen und mittleren Unternehmen ohne Vorkenntnisse.

## Ablauf

Zwei Termine zu je vier Stunden mit einer Praxisaufgabe dazwischen.

## Methoden und Materialien

Kurze Inputs, Arbeit an eigenen Fällen, Checklisten.

## Erfahrungen

Erprobt in fünf Betrieben; die Praxisaufgabe brauchte mehr Zeit als geplant.

## Transferhinweise

Beispiele an die Branche der Region anpassen.
"""


def concept_text(**overrides: Any) -> str:
    """A valid concept file; keyword arguments replace front matter keys (None removes one)."""
    meta: dict[str, Any] = {
        "title": "Testkonzept",
        "summary": "Ein kurzes Konzept für Tests.",
        "center": "sachsen",
        "status": "erprobt",
        "topics": ["ki"],
        "formats": ["workshop"],
        "audience": ["beschaeftigte"],
        "license": "CC-BY-4.0",
        "updated": "2026-01-15",
    }
    body = overrides.pop("body", None)
    for key, value in overrides.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{body if body is not None else BODY.format(topic=meta.get('title'))}"


WriteConcept = Callable[..., Path]


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """An empty library (the sample centres and taxonomy, no concepts) in tmp_path."""
    root = tmp_path / "concepts"
    root.mkdir()
    for name in ("centers.yml", "taxonomy.yml"):
        shutil.copy(SAMPLE_LIBRARY / name, root / name)
    return root


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
    from kb_tools.index import build_index
    from kb_tools.library import load_library

    pytest_cache = getattr(pytestconfig, "cache", None)  # absent under -p no:cacheprovider
    cache = pytest_cache.mkdir("kb-embeddings") if pytest_cache else None
    index_dir = tmp_path_factory.mktemp("sample-index")
    library = load_library(sample_library_dir)
    build_index(library, index_dir, "e5-small", progress=False, cache_dir=cache)
    return index_dir
