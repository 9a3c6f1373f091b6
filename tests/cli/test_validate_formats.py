"""`kb validate --format github|json`: golden output for a small library with known problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kb_tools.cli import cli
from tests.support.library import WriteConcept, concept_text


@pytest.fixture
def troubled(library_dir: Path, write_concept: WriteConcept) -> Path:
    """One good concept, one with an unknown topic, one without a section, one stray file."""
    write_concept("gut")
    write_concept("thema", topics=["ki", "kl"], body="\n## Ziel\n\nText.\n")
    write_concept("kaputt", text=concept_text().replace("status: erprobt\n", ""))
    (library_dir / "lose.md").write_text("# lose\n", encoding="utf-8")
    return library_dir


def validate(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["validate", "--library", str(root), *args])


def test_github_annotations(troubled: Path) -> None:
    result = validate(troubled, "--format", "github")
    root = troubled.as_posix()
    missing = [
        f"::warning file={root}/sachsen/thema.md,line=16,title=kb validate::Abschnitt '## {name}' fehlt"
        for name in (
            "Ablauf",
            "Erfahrungen",
            "Methoden und Materialien",
            "Transferhinweise",
            "Zielgruppe",
        )
    ]
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::warning file={root}/lose.md,line=1,title=kb validate::Konzeptdateien gehören in "
        "einen Zentrumsordner: <zentrum>/<id>.md",
        f"::error file={root}/sachsen/kaputt.md,line=1,title=status::status: Pflichtfeld fehlt",
        f"::error file={root}/sachsen/thema.md,line=8,title=topics.1::topics.1: unbekanntes Thema "
        "'kl' – meinten Sie 'ki'?",
        *missing,
    ]
    assert result.stderr == "Fehler: 4 Dateien geprüft, 1 Konzept: 2 Fehler, 6 Warnungen.\n"


def test_github_format_without_errors_prints_the_summary(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept()
    result = validate(library_dir, "--format", "github")
    assert result.exit_code == 0
    assert result.stdout == "1 Datei geprüft, 1 Konzept: 0 Fehler, 0 Warnungen.\n"


def test_json_report(troubled: Path) -> None:
    result = validate(troubled, "--format", "json")
    root = troubled.as_posix()
    sections = (
        "Ablauf",
        "Erfahrungen",
        "Methoden und Materialien",
        "Transferhinweise",
        "Zielgruppe",
    )
    assert result.exit_code == 1
    assert result.stderr == ""
    assert json.loads(result.stdout) == {
        "problems": [
            {
                "path": f"{root}/lose.md",
                "line": 1,
                "level": "warning",
                "field": "",
                "message": "Konzeptdateien gehören in einen Zentrumsordner: <zentrum>/<id>.md",
            },
            {
                "path": f"{root}/sachsen/kaputt.md",
                "line": 1,
                "level": "error",
                "field": "status",
                "message": "status: Pflichtfeld fehlt",
            },
            {
                "path": f"{root}/sachsen/thema.md",
                "line": 8,
                "level": "error",
                "field": "topics.1",
                "message": "topics.1: unbekanntes Thema 'kl' – meinten Sie 'ki'?",
            },
            *(
                {
                    "path": f"{root}/sachsen/thema.md",
                    "line": 16,
                    "level": "warning",
                    "field": "",
                    "message": f"Abschnitt '## {name}' fehlt",
                }
                for name in sections
            ),
        ],
        "concepts": 1,
        "files": 4,
        "errors": 2,
        "warnings": 6,
    }


def test_json_strict_fails_on_warnings_only(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(body="\n## Ziel\n\nText.\n")
    assert validate(library_dir, "--format", "json").exit_code == 0
    result = validate(library_dir, "--format", "json", "--strict")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["warnings"] == 5


def test_text_format_is_the_default(troubled: Path) -> None:
    assert validate(troubled, "--format", "text").output == validate(troubled).output


def test_unknown_format_lists_the_choices(library_dir: Path) -> None:
    result = validate(library_dir, "--format", "xml")
    assert result.exit_code == 2
    assert "Ungültiger Wert für '--format' – erlaubt: text, github, json" in result.output
