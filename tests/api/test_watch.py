"""``kb serve --watch``: a valid edit goes live in site and search, a broken one never does."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from kb_tools.library import load_library
from kb_tools.search import build_index
from kb_tools.settings import Settings
from kb_tools.site import build_site
from search_api.watch import LibraryWatcher, library_signature
from tests.support.library import WriteConcept
from tests.support.servers import kb_serve, wait_for
from tests.support.site import settings_for

pytestmark = pytest.mark.slow


def test_the_signature_changes_with_any_visible_file(library_dir: Path) -> None:
    before = library_signature(library_dir)
    (library_dir / ".git").mkdir()
    (library_dir / ".git" / "index").write_text("x")
    assert library_signature(library_dir) == before
    (library_dir / "sachsen" / "neu.md").parent.mkdir(exist_ok=True)
    (library_dir / "sachsen" / "neu.md").write_text("x")
    assert library_signature(library_dir) != before


@pytest.fixture
def built(write_concept: WriteConcept, library_dir: Path, tmp_path: Path) -> Settings:
    """A one-concept library with its site and index built."""
    write_concept("basis", title="Basis")
    settings = settings_for(library_dir, tmp_path, index_dir=tmp_path / "index")
    build_site(settings)
    build_index(load_library(library_dir), settings.index_dir, settings.embedder)
    return settings


def test_a_broken_edit_leaves_site_and_index_as_they_were(
    built: Settings, write_concept: WriteConcept
) -> None:
    settings = built
    site, manifest = settings.site_dir.resolve(), (settings.index_dir / "manifest.json").read_text()
    lines: list[str] = []
    write_concept("basis", title="Basis", status="fertig")
    assert LibraryWatcher(settings, lines.append).update() is False
    assert settings.site_dir.resolve() == site
    assert (settings.index_dir / "manifest.json").read_text() == manifest
    assert "1 Fehler – Website und Index bleiben auf dem bisherigen Stand:" in lines
    assert any("basis.md:" in line and "status" in line for line in lines), lines


def test_kb_serve_watch_puts_a_valid_edit_live(
    built: Settings, write_concept: WriteConcept, library_dir: Path
) -> None:
    settings = built
    env = {"KB_BUILD_DIR": str(settings.build_dir), "KB_SITE_CONFIG": str(settings.site_config)}
    args = ["--library", str(library_dir), "--index-dir", str(settings.index_dir)]
    serving = kb_serve(*args, "--site-dir", str(settings.site_dir), "--watch", env=env)
    with serving as server, httpx.Client(base_url=server.url, timeout=30) as client:
        write_concept("basis", title="Basis, überarbeitet")

        def api_title() -> str:
            return str(client.get("/api/concepts/basis").json()["title"])

        wait_for(lambda: api_title() == "Basis, überarbeitet", 120)
        assert "Basis, überarbeitet" in client.get("/konzepte/basis/").text

        write_concept("basis", title="Kaputt", status="fertig")
        wait_for(lambda: any("bisherigen Stand" in line for line in server.output), 30)
        assert api_title() == "Basis, überarbeitet"
        assert "Basis, überarbeitet" in client.get("/konzepte/basis/").text
    assert any(
        line.startswith("Aktualisiert: 1 Konzept, Website neu gebaut") for line in server.output
    )
