"""`check_concept_text`: one edited text checked as `kb validate` would, nothing written."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kb_tools.errors import LibraryError, LibraryInvalid
from kb_tools.library import (
    MAX_FILE_BYTES,
    check_concept_text,
    check_library,
    load_library,
)
from tests.support.library import WriteConcept, concept_text


def test_valid_text_has_no_problems(library_dir: Path) -> None:
    assert check_concept_text(library_dir, "sachsen/neu.md", concept_text()) == []
    assert not (library_dir / "sachsen" / "neu.md").exists()


def test_problems_are_located_with_their_field(library_dir: Path) -> None:
    text = concept_text(topics=["ki", "kl"])
    [problem] = check_concept_text(library_dir, "sachsen/neu.md", text)
    assert problem.path == "sachsen/neu.md"
    assert problem.field == "topics.1"
    assert problem.line == text.splitlines().index("- kl") + 1
    assert str(problem) == (
        f"sachsen/neu.md:{problem.line}: fehler: topics.1: unbekanntes Thema 'kl' – meinten Sie 'ki'?"
    )


def test_same_problems_as_validate(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("basis")
    text = concept_text(status="erprobbt", adapted_from=["basis", "fehlt"], license="CC BY 4.0")
    path = write_concept("neu", text=text)
    _, problems = check_library(library_dir)
    assert check_concept_text(library_dir, "sachsen/neu.md", text) == [
        p for p in problems if p.path == "sachsen/neu.md"
    ]
    path.unlink()
    assert check_concept_text(library_dir, "sachsen/neu.md", text) == [
        p for p in problems if p.path == "sachsen/neu.md"
    ]


def test_editing_a_concept_is_not_a_duplicate_of_itself(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("da")
    library = load_library(library_dir)
    edited = concept_text(title="Neuer Titel")
    assert check_concept_text(library_dir, "sachsen/da.md", edited, library) == []
    assert check_concept_text(library_dir, "sachsen/da.md", edited) == []


def test_same_id_in_another_centre_is_a_duplicate(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("da")
    text = concept_text(center="berlin", body="\n## Ziel\n\nEigener Text.\n")
    problems = check_concept_text(library_dir, "berlin/da.md", text)
    assert "ID 'da' ist doppelt vergeben (auch sachsen/da.md)" in [p.message for p in problems]


def test_copy_of_another_concept_warns(library_dir: Path, write_concept: WriteConcept) -> None:
    evidence = {"companies": 1, "participants": 5, "since": "2025-02-01"}
    write_concept("original", evidence=evidence)
    library = load_library(library_dir)
    text = concept_text(center="berlin", evidence=evidence, adapted_from=["original"])
    problems = check_concept_text(library_dir, "berlin/kopie.md", text, library)
    # The figures, the missing transfer in the original, the copied text.
    assert [(p.severity, p.field) for p in problems] == [
        ("warnung", "evidence"),
        ("warnung", "adapted_from.0"),
        ("warnung", ""),
    ]


def test_a_given_library_gives_the_same_answer(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("basis")
    library = load_library(library_dir)
    text = concept_text(adapted_from=["basis", "basi"], center="bayern")
    assert check_concept_text(library_dir, "sachsen/neu.md", text, library) == (
        check_concept_text(library_dir, "sachsen/neu.md", text)
    )


def test_checking_a_text_against_a_loaded_library_is_fast(sample_library_dir: Path) -> None:
    library = load_library(sample_library_dir)
    path = next(iter(library)).relpath
    text = (sample_library_dir / path).read_text(encoding="utf-8")
    check_concept_text(sample_library_dir, path, text, library)  # builds the body index once
    start = time.perf_counter()
    for _ in range(20):
        assert check_concept_text(sample_library_dir, path, text, library) == []
    assert (time.perf_counter() - start) / 20 < 0.05


@pytest.mark.parametrize(
    "relpath", ["neu.md", "a/b/neu.md", "../sachsen/neu.md", "/etc/neu.md", "sachsen/neu.txt", ""]
)
def test_a_path_outside_a_centre_folder_is_an_error(library_dir: Path, relpath: str) -> None:
    [problem] = check_concept_text(library_dir, relpath, concept_text())
    assert problem.is_error
    assert "<zentrum>/<id>.md" in problem.message


def test_unknown_centre_folder(library_dir: Path) -> None:
    problems = check_concept_text(library_dir, "sachsn/neu.md", concept_text(center="sachsn"))
    assert "Zentrum 'sachsn' nicht in centers.yml" in problems[0].message


def test_oversized_text_is_a_located_error(library_dir: Path) -> None:
    start = time.perf_counter()
    [problem] = check_concept_text(library_dir, "sachsen/neu.md", "x" * (10 * MAX_FILE_BYTES))
    assert time.perf_counter() - start < 1
    assert (problem.line, problem.message) == (
        1,
        "Datei ist zu groß (10.0 MB); erlaubt sind höchstens 1 MB",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Datei ist leer"),
        ("\x00\x01\x02", "Front Matter fehlt"),
        ("---\ntitle: a\x00b\n---\n", "unzulässiges Zeichen U+0000"),
        ("---\ntitle: \ud800\n---\n", "ungültiges Zeichen (U+D800)"),
    ],
)
def test_binary_or_broken_text_gives_problems(library_dir: Path, text: str, message: str) -> None:
    problems = check_concept_text(library_dir, "sachsen/neu.md", text)
    assert problems and message in problems[0].message


def test_unusable_library_raises(tmp_path: Path) -> None:
    with pytest.raises(LibraryError):
        check_concept_text(tmp_path / "fehlt", "sachsen/neu.md", concept_text())
    (tmp_path / "centers.yml").write_text("sachsen: [\n", encoding="utf-8")
    with pytest.raises(LibraryInvalid) as caught:
        check_concept_text(tmp_path, "sachsen/neu.md", concept_text())
    assert {p.path for p in caught.value.problems} == {"centers.yml", "taxonomy.yml"}
