"""Warnings for what an author forgot to make their own: template text, copied figures, copied
texts."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from kb_tools.cli import cli
from kb_tools.library.template import template_phrases, template_text
from tests.support.library import BODY, WriteConcept

EVIDENCE = {"companies": 4, "participants": 40, "since": "2025-01-01"}


def validate(library_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["validate", "--library", str(library_dir), *args])


def line_with(path: Path, start: str) -> int:
    return next(
        n for n, row in enumerate(path.read_text().splitlines(), 1) if row.startswith(start)
    )


def body_line(path: Path) -> int:
    """The line after the front matter's closing '---'."""
    return path.read_text().splitlines().index("---", 1) + 2


def test_phrases_come_from_the_template_file() -> None:
    phrases = {phrase.text for phrase in template_phrases()}
    assert "Was sollen die Teilnehmenden danach können?" in phrases
    assert all(phrase in template_text() for phrase in phrases)


def test_guidance_left_in_the_summary_is_a_warning(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    path = write_concept(
        summary="Kurzbeschreibung in höchstens 280 Zeichen: Was lernen die Teilnehmenden?"
    )
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    assert (
        f"testkonzept.md:{line_with(path, 'summary:')}: warnung: summary: enthält noch den "
        "Hinweistext der Vorlage ('Kurzbeschreibung in höchstens 280 Zeichen:')"
    ) in result.output
    assert validate(library_dir, "--strict").exit_code == 1


def test_guidance_left_in_a_section_names_the_section(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    body = BODY.format(topic="KI").replace(
        "Kurze Inputs, Arbeit an eigenen Fällen, Checklisten.",
        "Methoden, Werkzeuge, Arbeitsblätter,\ntechnische  Ausstattung.",
    )
    path = write_concept(body=body)
    line = path.read_text().splitlines().index("## Methoden und Materialien") + 1
    result = validate(library_dir)
    assert (
        f"testkonzept.md:{line}: warnung: Abschnitt '## Methoden und Materialien' enthält noch "
        "den Hinweistext der Vorlage ('Methoden, Werkzeuge, Arbeitsblätter, technische "
        "Ausstattung.')"
    ) in result.output


def test_evidence_copied_from_the_original_is_a_warning(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("original", evidence=EVIDENCE)
    copy = write_concept("kopie", center="berlin", evidence=EVIDENCE, adapted_from=["original"])
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    line = line_with(copy, "evidence:")
    assert f"kopie.md:{line}: warnung: evidence: gleicht genau der Erprobung von 'original'" in (
        result.output
    )
    assert "original.md:" not in result.output.replace("'original'", "")


def test_own_evidence_is_fine(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("original", evidence=EVIDENCE)
    own = {**EVIDENCE, "participants": 12}
    write_concept("kopie", center="berlin", evidence=own, adapted_from=["original"], body="x")
    assert "Erprobung" not in validate(library_dir).output


def test_copied_body_warns_the_copy_not_the_original(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("original", body=BODY.format(topic="X"))
    copy = write_concept(
        "kopie",
        center="berlin",
        adapted_from=["original"],
        body=BODY.format(topic="X").replace(" ", "  ").replace("\n\n", "\n \n\n"),
    )
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    line = body_line(copy)
    assert f"kopie.md:{line}: warnung: Text ist identisch mit dem von 'original'" in result.output
    assert "original.md:" not in result.output


def test_identical_bodies_without_lineage_warn_both(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    one = write_concept("eins")
    write_concept("zwei", center="berlin")
    result = validate(library_dir)
    line = body_line(one)
    assert f"eins.md:{line}: warnung: Text ist identisch mit dem von 'zwei'" in result.output
    assert f"zwei.md:{line}: warnung: Text ist identisch mit dem von 'eins'" in result.output


def test_empty_bodies_are_not_copies(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("eins", body="\n")
    write_concept("zwei", center="berlin", body="")
    assert "identisch" not in validate(library_dir).output
