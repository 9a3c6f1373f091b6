"""`kb report`: the overview's tables as Markdown, CSV (for Excel) and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kb_tools.cli import cli
from kb_tools.library import Atlas, load_library
from tests.support.library import WriteConcept


def kb_report(library_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["report", "--library", str(library_dir), *args])


@pytest.fixture
def two(library_dir: Path, write_concept: WriteConcept) -> Path:
    """A concept of Thüringen taken up by Sachsen, which publishes its own version."""
    write_concept(
        "pruefung",
        title="Prüfung mit Kamera",
        center="thueringen",
        status="transferiert",
        evidence={"companies": 4, "participants": 30, "since": "2024-05-01"},
        transfers=[{"center": "sachsen", "date": "2025-02-01", "note": "Größere Gruppen"}],
    )
    write_concept("kurs", title="Kurs zur Prüfung", adapted_from=["pruefung"])
    return library_dir


def test_markdown_shows_every_table_with_heading_and_counts(two: Path) -> None:
    result = kb_report(two)
    assert result.exit_code == 0, result.output
    for table in Atlas(load_library(two)).tables():
        assert f"## {table.title}\n\n{table.counts}\n" in result.output
    assert "| Konzepte | 2 |" in result.output


def test_markdown_of_one_table(two: Path) -> None:
    result = kb_report(two, "--table", "uebertragungen")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("## Übertragungen\n")
    assert result.output.count("## ") == 1
    assert "Prüfung mit Kamera" in result.output


def test_csv_of_one_table_is_plain_csv_for_excel(two: Path) -> None:
    result = kb_report(two, "--format", "csv", "--table", "kennzahlen")
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8-sig")
    assert text.startswith("Kennzahl;Wert\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert ["Übertragungen", "1"] in rows


def test_csv_of_all_tables_titles_each_and_separates_by_a_blank_line(two: Path) -> None:
    result = kb_report(two, "--format", "csv")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf# Kennzahlen\r\nKennzahl;Wert\r\n")
    assert data.count(b"\xef\xbb\xbf") == 1
    tables = Atlas(load_library(two)).tables()
    blocks = data.decode("utf-8-sig").split("\r\n\r\n")
    assert [block.split("\r\n")[0] for block in blocks] == [f"# {t.title}" for t in tables]


def test_json_is_the_atlas(two: Path) -> None:
    result = kb_report(two, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == Atlas(load_library(two)).as_dict()
    assert "Übertragungen" in result.output  # ensure_ascii=False


def test_json_of_one_table(two: Path) -> None:
    result = kb_report(two, "--format", "json", "--table", "zentren")
    assert json.loads(result.output) == Atlas(load_library(two)).table("zentren").as_dict()


def test_unknown_table_names_the_keys_and_suggests(two: Path) -> None:
    result = kb_report(two, "--table", "luken")
    assert result.exit_code == 2, result.output
    assert "Fehler: Unbekannte Tabelle 'luken' – erlaubt: kennzahlen, " in result.output
    assert "meinten Sie 'luecken'?" in result.output


def test_unknown_format_is_a_usage_error(two: Path) -> None:
    result = kb_report(two, "--format", "xlsx")
    assert result.exit_code == 2, result.output
    assert "Ungültiger Wert für '--format' – erlaubt: md, csv, json" in result.output


def test_invalid_library_refuses_to_report(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(status="kaputt")
    result = kb_report(library_dir)
    assert result.exit_code == 1
    assert "status: ungültiger Wert 'kaputt'" in result.output
    assert "bitte zuerst 'kb validate'" in result.output


def test_an_empty_library_reports_zeros(library_dir: Path) -> None:
    result = kb_report(library_dir, "--table", "kennzahlen")
    assert result.exit_code == 0, result.output
    assert "| Konzepte | 0 |" in result.output
