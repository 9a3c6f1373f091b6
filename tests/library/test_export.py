"""Atlas tables as files: CSV that Excel opens with umlauts intact, JSON, Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kb_tools.library import (
    Atlas,
    Table,
    atlas_json,
    load_library,
    table_csv,
    table_json,
    table_markdown,
)
from tests.support.library import SAMPLE_LIBRARY

TABLE = Table(
    "probe",
    "Übertragungen",
    "Jede Übertragung einmal.",
    ("Zentrum", "Anmerkung", "Konzepte"),
    (
        ("Thüringen", "Als Kurs; mit Prüfung", 3),
        ("Baden-Württemberg", 'Sagt "Größe"\nzweizeilig', 0),
    ),
)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def test_csv_starts_with_a_bom_and_decodes_as_utf8_sig() -> None:
    data = table_csv(TABLE).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").startswith("Zentrum;Anmerkung;Konzepte\r\n")


def test_csv_round_trips_through_csv_reader_with_semicolons() -> None:
    assert rows(table_csv(TABLE)) == [
        ["Zentrum", "Anmerkung", "Konzepte"],
        ["Thüringen", "Als Kurs; mit Prüfung", "3"],
        ["Baden-Württemberg", 'Sagt "Größe"\nzweizeilig', "0"],
    ]


def test_csv_lines_end_in_crlf() -> None:
    text = table_csv(Table("t", "T", "c", ("a", "b"), (("x", 1), ("y", 2))))
    assert text == "\ufeffa;b\r\nx;1\r\ny;2\r\n"


def test_csv_without_bom() -> None:
    assert table_csv(TABLE, bom=False).startswith("Zentrum;")


def test_csv_defuses_cells_a_spreadsheet_would_run_as_formulas() -> None:
    table = Table("t", "T", "c", ("Anmerkung",), (("=HYPERLINK(1)",), ("@SUM(A1)",), ("-1",)))
    assert [row[0] for row in rows(table_csv(table))[1:]] == ["'=HYPERLINK(1)", "'@SUM(A1)", "'-1"]


def test_csv_file_written_as_the_site_does_keeps_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "probe.csv"
    path.write_text(table_csv(TABLE), encoding="utf-8", newline="")
    with path.open(encoding="utf-8-sig", newline="") as file:
        read = list(csv.reader(file, delimiter=";"))
    assert read[1] == ["Thüringen", "Als Kurs; mit Prüfung", "3"]
    assert path.read_bytes().count(b"\r\n") == 3


def test_every_atlas_table_round_trips() -> None:
    atlas = Atlas(load_library(SAMPLE_LIBRARY))
    for table in atlas.tables():
        read = rows(table_csv(table))
        assert read[0] == list(table.columns), table.key
        assert read[1:] == [[str(cell) for cell in row] for row in table.rows], table.key


def test_json_keeps_umlauts_and_numbers() -> None:
    text = table_json(TABLE)
    assert "Übertragungen" in text
    assert json.loads(text) == TABLE.as_dict()


def test_atlas_json_is_as_dict() -> None:
    atlas = Atlas(load_library(SAMPLE_LIBRARY))
    assert json.loads(atlas_json(atlas)) == atlas.as_dict()


def test_markdown_has_heading_counts_and_right_aligned_numbers() -> None:
    lines = table_markdown(TABLE).splitlines()
    assert lines[:3] == ["## Übertragungen", "", "Jede Übertragung einmal."]
    assert lines[4] == "| Zentrum | Anmerkung | Konzepte |"
    assert lines[5] == "| --- | --- | ---: |"
    assert lines[7] == '| Baden-Württemberg | Sagt "Größe" zweizeilig | 0 |'


def test_markdown_escapes_pipes() -> None:
    table = Table("t", "T", "c", ("a",), (("x | y",),))
    assert "| x \\| y |" in table_markdown(table)


def test_markdown_of_an_empty_table_says_so() -> None:
    assert "(keine Einträge)" in table_markdown(Table("t", "T", "c", ("a",), ()))
