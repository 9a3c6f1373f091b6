"""Versioned site folders: atomic switches, old versions kept briefly, one build at a time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb_tools.site import build_site
from kb_tools.site.versions import KEEP_PREVIOUS, versions_dir
from tests.support.library import WriteConcept
from tests.support.site import settings_for

pytestmark = pytest.mark.slow


@pytest.fixture
def small_library(library_dir: Path, write_concept: WriteConcept) -> Path:
    write_concept("basis", title="Basis")
    return library_dir


def versions(site: Path) -> list[str]:
    return sorted(p.name for p in versions_dir(site).iterdir())


def test_the_site_is_a_symlink_to_the_newest_complete_version(
    small_library: Path, tmp_path: Path
) -> None:
    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    first = settings.site_dir.resolve()
    build_site(settings, force=True)
    assert settings.site_dir.is_symlink()
    assert not Path(settings.site_dir.readlink()).is_absolute()  # the pair can be moved
    assert settings.site_dir.resolve() != first
    assert (settings.site_dir / "index.html").is_file()
    assert first.is_dir()  # kept: a request that resolved it a moment ago still finds its file
    assert oct(settings.site_dir.resolve().stat().st_mode & 0o777) == "0o755"


def test_only_the_two_previous_versions_are_kept(small_library: Path, tmp_path: Path) -> None:
    settings = settings_for(small_library, tmp_path)
    for _ in range(KEEP_PREVIOUS + 3):
        build_site(settings, force=True)
    kept = versions(settings.site_dir)
    assert len(kept) == KEEP_PREVIOUS + 1
    assert kept[-1] == settings.site_dir.resolve().name


def test_a_site_from_before_versioning_is_taken_over(small_library: Path, tmp_path: Path) -> None:
    settings = settings_for(small_library, tmp_path)
    (settings.site_dir / "alt").mkdir(parents=True)
    (settings.site_dir / "index.html").write_text("alt")
    build_site(settings)
    assert settings.site_dir.is_symlink()
    assert (settings.site_dir / "index.html").read_text() != "alt"


def test_leftovers_of_killed_builds_are_removed(small_library: Path, tmp_path: Path) -> None:
    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    leftovers = [
        tmp_path / ".site-build-abc123",
        tmp_path / ".site-old-abc123",
        versions_dir(settings.site_dir) / ".tmp-20260101T000000000000-abc123",
    ]
    for folder in leftovers:
        (folder / "konzepte").mkdir(parents=True)
    (tmp_path / ".site.link-abc123").symlink_to("nirgends")
    build_site(settings, force=True)
    assert not any(path.exists() or path.is_symlink() for path in leftovers)
    assert not (tmp_path / ".site.link-abc123").is_symlink()


def test_two_builds_at_once_both_succeed(small_library: Path, tmp_path: Path) -> None:
    settings = settings_for(small_library, tmp_path)
    errors: list[BaseException] = []

    def build() -> None:
        try:
            build_site(settings, force=True)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert (settings.site_dir / "index.html").is_file()
    assert not [p for p in versions_dir(settings.site_dir).iterdir() if p.name.startswith(".")]


def test_requests_during_switches_never_fail(small_library: Path, tmp_path: Path) -> None:
    from search_api.sitefiles import SiteFiles

    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    client = TestClient(SiteFiles(directory=settings.site_dir, html=True))
    failures: list[str] = []
    done = threading.Event()
    served = 0

    def read() -> None:
        nonlocal served
        while not done.is_set():
            for path in ("/", "/katalog/", "/konzepte/basis/", "/katalog/concepts.json"):
                response = client.get(path)
                served += 1
                if response.status_code != 200 or not response.content:
                    failures.append(f"{path}: {response.status_code}, {len(response.content)} B")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(3):
            build_site(settings, force=True)
    finally:
        done.set()
        reader.join()
    assert served > 0
    assert failures == []
