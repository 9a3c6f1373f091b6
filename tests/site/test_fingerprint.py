"""The site is rebuilt when what shapes it changes, and only then (a ranking change is not)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb_tools.library import load_library
from kb_tools.site import build_fingerprint, site_code_files
from kb_tools.site import fingerprint as fingerprint_module
from tests.support.library import REPO, WriteConcept
from tests.support.site import settings_for


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the kb_tools sources that the fingerprint reads instead of the real ones."""
    copy = tmp_path / "kb_tools"
    shutil.copytree(REPO / "kb_tools", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint_module, "PACKAGE", copy)
    return copy


def current(library_dir: Path, tmp_path: Path) -> str:
    settings = settings_for(library_dir, tmp_path)
    return build_fingerprint(load_library(library_dir), settings, REPO / "mkdocs.yml")


@pytest.mark.parametrize("module", ["search/ranking.py", "search/engine.py", "cli/searching.py"])
def test_a_search_or_cli_change_keeps_the_site(
    module: str, package_copy: Path, library_dir: Path, write_concept: WriteConcept, tmp_path: Path
) -> None:
    write_concept()
    before = current(library_dir, tmp_path)
    with (package_copy / module).open("a", encoding="utf-8") as handle:
        handle.write("\nDENSE_WEIGHT_CHANGED = 0.7\n")
    assert current(library_dir, tmp_path) == before


@pytest.mark.parametrize(
    "module",
    ["site/pages/concept.py", "library/model.py", "library/templates/concept.md", "errors.py"],
)
def test_a_change_to_what_renders_the_site_rebuilds_it(
    module: str, package_copy: Path, library_dir: Path, write_concept: WriteConcept, tmp_path: Path
) -> None:
    write_concept()
    before = current(library_dir, tmp_path)
    with (package_copy / module).open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    assert current(library_dir, tmp_path) != before


def test_code_files_are_the_site_library_and_core_modules() -> None:
    files = [path.relative_to(REPO / "kb_tools") for path in site_code_files()]
    packages = {path.parts[0] for path in files}
    assert packages >= {"site", "library", "errors.py", "settings.py", "problems.py"}
    assert "cli" not in packages
    # Of the search engine only what the static (Pagefind) index is made with.
    search = {path.as_posix() for path in files if path.parts[0] == "search"}
    assert search == set(fingerprint_module.STATIC_SEARCH_CODE)
    assert not {"search/engine.py", "search/ranking.py", "search/relevance.py"} & search
