"""The index folder as an artefact: its own copy of the library, versions kept and removed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from kb_tools.errors import IndexMismatch
from kb_tools.library import Library, load_library
from kb_tools.search import SearchIndex, build_index
from tests.support.library import WriteConcept

pytestmark = pytest.mark.slow


def one_concept(write_concept: WriteConcept, library_dir: Path) -> Library:
    write_concept("kamera-pruefung", title="Kamerabasierte Qualitätsprüfung")
    return load_library(library_dir)


def manifest_of(index_dir: Path) -> dict[str, object]:
    manifest: dict[str, object] = json.loads((index_dir / "manifest.json").read_text())
    return manifest


def test_the_index_searches_its_own_copy_while_the_library_is_edited(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    build_index(one_concept(write_concept, library_dir), tmp_path / "index", "e5-small")
    write_concept("kamera-pruefung", title="Umbenannt, aber noch nicht indexiert")
    write_concept("neu", title="Ein neues Konzept")

    index = SearchIndex.load(tmp_path / "index")  # no library: the one it was built from
    assert [c.title for c in index.library] == ["Kamerabasierte Qualitätsprüfung"]
    assert index.search("Qualitätsprüfung").results[0].id == "kamera-pruefung"
    with pytest.raises(IndexMismatch, match="veraltet"):
        SearchIndex.load(tmp_path / "index", load_library(library_dir))


def test_the_copy_is_the_whole_library_without_hidden_files(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    library = one_concept(write_concept, library_dir)
    (library_dir / ".git").mkdir()
    (library_dir / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    build_index(library, tmp_path / "index", "e5-small")
    manifest = manifest_of(tmp_path / "index")
    files = manifest["files"]
    assert isinstance(files, dict)
    copy = tmp_path / "index" / files["library"]
    assert (copy / "centers.yml").read_bytes() == (library_dir / "centers.yml").read_bytes()
    assert (copy / "sachsen" / "kamera-pruefung.md").is_file()
    assert not (copy / ".git").exists()
    assert manifest["library"] == str(library_dir)
    assert manifest["version"] == files["library"].removeprefix("library-")


def test_the_previous_version_stays_until_the_next_build(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    versions = []
    for title in ("Erste Fassung", "Zweite Fassung", "Dritte Fassung"):
        write_concept("kamera-pruefung", title=title)
        build_index(load_library(library_dir), index_dir, "e5-small")
        versions.append(str(manifest_of(index_dir)["version"]))
    data = sorted(p.name for p in index_dir.iterdir() if "-" in p.name)
    # A server still loading the second version finds its files; the first is gone.
    assert data == sorted(
        f"{kind}-{v}{suffix}"
        for v in versions[1:]
        for kind, suffix in (("library", ""), ("passages", ".json"), ("vectors", ".faiss"))
    )


def test_leftovers_of_a_killed_build_are_removed(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    library = one_concept(write_concept, library_dir)
    build_index(library, index_dir, "e5-small")
    (index_dir / "library-0123456789ab").mkdir()
    (index_dir / "vectors-0123456789ab.faiss").write_bytes(b"halb")
    (index_dir / ".manifest.json.0123456789ab.tmp").write_text("{")
    build_index(library, index_dir, "e5-small")
    assert not any("0123456789ab" in p.name for p in index_dir.iterdir())


def test_an_index_without_its_library_copy_is_damaged(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    build_index(one_concept(write_concept, library_dir), tmp_path / "index", "e5-small")
    files = manifest_of(tmp_path / "index")["files"]
    assert isinstance(files, dict)
    for path in sorted((tmp_path / "index" / files["library"]).rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    with pytest.raises(IndexMismatch, match="unvollständig oder beschädigt"):
        SearchIndex.load(tmp_path / "index")


def test_kb_search_without_library_uses_the_indexed_one(
    write_concept: WriteConcept,
    library_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_index(one_concept(write_concept, library_dir), tmp_path / "index", "e5-small")
    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no concepts/ here, and it would not be the indexed one
    monkeypatch.delenv("KB_LIBRARY_DIR", raising=False)
    args = ["search", "--index-dir", str(tmp_path / "index"), "Qualitätsprüfung"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "kamera-pruefung" in result.output
    assert "geändert" not in result.output
    assert os.listdir(elsewhere) == []


def test_links_out_of_the_library_are_not_copied_into_the_index(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    library = one_concept(write_concept, library_dir)
    secret = tmp_path / "geheim.txt"
    secret.write_text("vertraulich")
    (library_dir / "sachsen" / "notiz.txt").symlink_to(secret)
    (library_dir / "sachsen" / "weg.txt").symlink_to(tmp_path / "gibt-es-nicht")
    build_index(library, tmp_path / "index", "e5-small")
    files = manifest_of(tmp_path / "index")["files"]
    assert isinstance(files, dict)
    copy = tmp_path / "index" / files["library"]
    assert (copy / "sachsen" / "kamera-pruefung.md").is_file()
    assert not (copy / "sachsen" / "notiz.txt").exists()
    assert not (copy / "sachsen" / "weg.txt").exists()
