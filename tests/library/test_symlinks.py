"""Symbolic links: a file or folder linked out of the library is refused, located, never read;
links that stay inside the library are fine; broken links get a message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from kb_tools.errors import LibraryError, LibraryInvalid
from kb_tools.library import check_library, load_library, new_concept
from kb_tools.problems import Problem
from tests.support.library import WriteConcept, concept_text
from tests.support.materials import make_pdf

OUT = "Verknüpfung zeigt aus der Bibliothek hinaus"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the library, elsewhere on disk."""
    path = tmp_path / "anderswo"
    path.mkdir()
    return path


def errors(library_dir: Path) -> list[Problem]:
    return [p for p in check_library(library_dir)[1] if p.is_error]


def test_a_concept_linked_out_is_refused_at_its_file(library_dir: Path, outside: Path) -> None:
    (outside / "fremd.md").write_text(concept_text(), encoding="utf-8")
    (library_dir / "sachsen").mkdir()
    (library_dir / "sachsen" / "testkonzept.md").symlink_to(outside / "fremd.md")
    library, problems = check_library(library_dir)
    [error] = [p for p in problems if p.is_error]
    assert (error.path, error.line) == ("sachsen/testkonzept.md", 1)
    assert error.message.startswith(f"{OUT} (auf '{(outside / 'fremd.md').resolve()}')")
    assert "Dateien müssen in der Bibliothek liegen" in error.message
    assert library is not None and not library.concepts


def test_centers_file_linked_out_makes_the_library_unusable(
    library_dir: Path, outside: Path
) -> None:
    (library_dir / "centers.yml").rename(outside / "centers.yml")
    (library_dir / "centers.yml").symlink_to(outside / "centers.yml")
    library, problems = check_library(library_dir)
    assert library is None
    assert [(p.path, p.line) for p in problems if OUT in p.message] == [("centers.yml", 1)]


def test_a_centre_folder_linked_out_is_one_error_and_none_of_its_files_is_read(
    library_dir: Path, outside: Path
) -> None:
    (outside / "sachsen").mkdir()
    (outside / "sachsen" / "testkonzept.md").write_text(concept_text(), encoding="utf-8")
    (outside / "sachsen" / "kaputt.md").write_text("kein Front Matter", encoding="utf-8")
    (outside / "sachsen" / "ordner").mkdir()
    (library_dir / "sachsen").symlink_to(outside / "sachsen", target_is_directory=True)
    library, problems = check_library(library_dir)
    assert [(p.path, p.line, OUT in p.message) for p in problems] == [("sachsen/", 1, True)]
    assert library is not None and not library.concepts


def test_a_material_linked_out_of_the_library_is_refused_at_its_entry(
    library_dir: Path, write_concept: WriteConcept, outside: Path
) -> None:
    make_pdf(outside / "geheim.pdf", "geheim")
    (library_dir / "sachsen" / "testkonzept").mkdir(parents=True)
    (library_dir / "sachsen" / "testkonzept" / "handout.pdf").symlink_to(outside / "geheim.pdf")
    write_concept(materials=[{"title": "Handout", "file": "handout.pdf"}])
    [error] = errors(library_dir)
    assert (error.path, error.field) == ("sachsen/testkonzept.md", "materials.0.file")
    assert error.message.startswith(f"materials.0.file: 'handout.pdf': {OUT} (auf '")


def test_links_that_stay_inside_the_library_are_allowed(library_dir: Path) -> None:
    shared = library_dir / ".geteilt" / "sachsen"
    make_pdf(shared / "testkonzept" / "handout.pdf", "Handout")
    materials = [{"title": "Handout", "file": "handout.pdf"}]
    (shared / "testkonzept.md").write_text(concept_text(materials=materials), encoding="utf-8")
    (shared / "zweites.md").write_text(concept_text(title="Zweites"), encoding="utf-8")
    (library_dir / "sachsen").symlink_to(shared, target_is_directory=True)
    (shared / "drittes.md").symlink_to("zweites.md")
    library = load_library(library_dir)
    assert sorted(library.concepts) == ["drittes", "testkonzept", "zweites"]
    [material] = library.concepts["testkonzept"].materials
    assert material.path == (shared / "testkonzept" / "handout.pdf").resolve()


def test_a_broken_concept_link_names_its_target(library_dir: Path) -> None:
    (library_dir / "sachsen").mkdir()
    (library_dir / "sachsen" / "weg.md").symlink_to("../entwuerfe/weg.md")
    [error] = errors(library_dir)
    assert (error.path, error.line) == ("sachsen/weg.md", 1)
    assert error.message.startswith("Verknüpfung zeigt ins Leere (auf '../entwuerfe/weg.md')")


def test_a_link_loop_is_a_broken_link(library_dir: Path) -> None:
    (library_dir / "sachsen").mkdir()
    (library_dir / "sachsen" / "kreis.md").symlink_to("kreis.md")
    [error] = errors(library_dir)
    assert error.path == "sachsen/kreis.md"
    assert "Verknüpfung zeigt ins Leere" in error.message


def test_a_broken_taxonomy_link_is_not_reported_as_missing(library_dir: Path) -> None:
    (library_dir / "taxonomy.yml").unlink()
    (library_dir / "taxonomy.yml").symlink_to("/nirgends/taxonomy.yml")
    library, problems = check_library(library_dir)
    assert library is None
    [problem] = [p for p in problems if p.path == "taxonomy.yml"]
    assert "ins Leere (auf '/nirgends/taxonomy.yml')" in problem.message


def test_kb_validate_fails_on_a_concept_linked_out(library_dir: Path, outside: Path) -> None:
    (outside / "fremd.md").write_text(concept_text(), encoding="utf-8")
    (library_dir / "sachsen").mkdir()
    (library_dir / "sachsen" / "testkonzept.md").symlink_to(outside / "fremd.md")
    result = CliRunner().invoke(cli, ["validate", "--library", str(library_dir)])
    assert result.exit_code == 1, result.output
    assert f"sachsen/testkonzept.md:1: fehler: {OUT}" in result.output
    assert "Traceback" not in result.output


def test_load_library_refuses_a_link_out_so_nothing_of_it_is_published(
    library_dir: Path, write_concept: WriteConcept, outside: Path
) -> None:
    write_concept("gut")
    (outside / "fremd.md").write_text(concept_text(title="Fremd"), encoding="utf-8")
    (library_dir / "sachsen" / "fremd.md").symlink_to(outside / "fremd.md")
    with pytest.raises(LibraryInvalid) as caught:
        load_library(library_dir)
    assert [p.path for p in caught.value.problems] == ["sachsen/fremd.md"]


def test_kb_new_does_not_write_through_a_centre_folder_linked_out(
    library_dir: Path, outside: Path
) -> None:
    (library_dir / "sachsen").symlink_to(outside, target_is_directory=True)
    with pytest.raises(LibraryError, match=f"^sachsen/: {OUT}"):
        new_concept(library_dir, "sachsen", "Neues Konzept")
    assert not list(outside.iterdir())
