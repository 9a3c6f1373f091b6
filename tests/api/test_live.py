"""A new index goes live in the running app without restart; a broken one never does."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb_tools.library import load_library
from kb_tools.search import QueryCache, SearchIndex, build_index
from kb_tools.settings import Settings, load_settings
from search_api.app import cached, create_app
from tests.support.library import WriteConcept
from tests.support.servers import wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def live_settings(write_concept: WriteConcept, library_dir: Path, tmp_path: Path) -> Settings:
    write_concept("kamera-pruefung", title="Kamerabasierte Qualitätsprüfung")
    build_index(load_library(library_dir), tmp_path / "index", "e5-small")
    return load_settings(
        library_dir=library_dir,
        index_dir=tmp_path / "index",
        site_dir=tmp_path / "kein-site",
        reload_interval=0.05,
    )


def title(client: TestClient) -> str:
    return str(client.get("/api/concepts/kamera-pruefung").json()["title"])


def search_titles(client: TestClient, query: str) -> list[str]:
    params = {"q": query}
    return [hit["title"] for hit in client.get("/api/search", params=params).json()["results"]]


def test_a_new_index_goes_live_without_restart(
    live_settings: Settings, write_concept: WriteConcept, library_dir: Path
) -> None:
    with TestClient(create_app(live_settings)) as client:
        before = client.get("/api/health").json()
        assert title(client) == "Kamerabasierte Qualitätsprüfung"

        write_concept("kamera-pruefung", title="Fehlererkennung mit der Kamera")
        write_concept("robotik", title="Cobots in der Montage", topics=["robotik"])
        build_index(load_library(library_dir), live_settings.index_dir, "e5-small")
        wait_for(lambda: client.get("/api/health").json()["version"] != before["version"])

        health = client.get("/api/health").json()
        assert (health["concepts"], health["status"]) == (2, "ok")
        assert health["loaded_at"] >= before["loaded_at"]
        assert title(client) == "Fehlererkennung mit der Kamera"
        assert search_titles(client, "Fehlererkennung") == ["Fehlererkennung mit der Kamera"]
        assert client.get("/api/concepts/robotik").status_code == 200
        facets = client.get("/api/facets").json()
        assert "robotik" in str(facets)
        spec = client.get("/api/openapi.json").json()
        assert "robotik" in str(spec["paths"]["/api/search"]["get"]["parameters"])


def test_a_damaged_new_manifest_keeps_the_old_index(
    live_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with TestClient(create_app(live_settings)) as client:
        before = client.get("/api/health").json()
        manifest = live_settings.index_dir / "manifest.json"
        manifest.write_text('{"format_version": 2, "files": {}}', encoding="utf-8")
        wait_for(lambda: "der bisherige bleibt aktiv" in caplog.text)
        assert client.get("/api/health").json() == before
        assert title(client) == "Kamerabasierte Qualitätsprüfung"


def test_the_version_is_in_the_health_answer(live_settings: Settings) -> None:
    with TestClient(create_app(live_settings)) as client:
        health = client.get("/api/health").json()
    assert len(health["version"]) == 12
    assert health["loaded_at"].startswith("20")


def test_a_repeated_query_finds_the_new_index_content(
    live_settings: Settings, write_concept: WriteConcept, library_dir: Path
) -> None:
    # The query cache keeps vectors, never results: after a switch the same query text
    # searches the new index.
    with TestClient(create_app(live_settings)) as client:
        before = client.get("/api/health").json()
        assert search_titles(client, "Cobots in der Montage") == []
        write_concept("robotik", title="Cobots in der Montage", topics=["robotik"])
        build_index(load_library(library_dir), live_settings.index_dir, "e5-small")
        wait_for(lambda: client.get("/api/health").json()["version"] != before["version"])
        assert search_titles(client, "Cobots in der Montage")[0] == "Cobots in der Montage"


@pytest.mark.parametrize("size", [0, 16])
def test_the_served_index_caches_query_vectors_unless_turned_off(
    live_settings: Settings, size: int
) -> None:
    index = SearchIndex.load(live_settings.index_dir)
    plain = index.embedder
    served = cached(index, live_settings.model_copy(update={"query_cache": size}))
    assert isinstance(served.embedder, QueryCache) == bool(size)
    assert cached(served, live_settings).embedder is served.embedder  # never wrapped twice
    if size:
        assert served.embedder.inner is plain  # type: ignore[attr-defined]
