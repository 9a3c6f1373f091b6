"""`kb new --from`: a new concept of one centre from another centre's concept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from kb_tools.cli import cli
from tests.support.library import BODY, WriteConcept

ORIGINAL = {
    "title": "Prüfung mit Kameras",
    "summary": "Beschäftigte lernen, eine Kamera für die Sichtprüfung einzurichten.",
    "topics": ["ki", "qualitaetssicherung"],
    "formats": ["lernfabrik"],
    "audience": ["beschaeftigte"],
    "license": "CC-BY-SA-4.0",
    "duration": "2 × 4 Stunden",
    "group_size": {"min": 4, "max": 10},
    "industries": ["Metall"],
    "keywords": ["Kamera", "Sichtprüfung"],
    "contact": "Erika Muster, Zentrum Sachsen",
    "evidence": {"companies": 9, "participants": 78, "since": "2024-02-01"},
    "status": "transferiert",
    "transfers": [{"center": "thueringen", "date": "2025-01-01", "informal": True}],
}


def kb(library_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args[:1], "--library", str(library_dir), *args[1:]])


def front_matter(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


@pytest.fixture
def original(library_dir: Path, write_concept: WriteConcept) -> Path:
    return write_concept("kamera-pruefung", **ORIGINAL)


def test_adaptation_copies_content_and_names_its_origin(library_dir: Path, original: Path) -> None:
    result = kb(
        library_dir,
        "new",
        "--from",
        "kamera-pruefung",
        "--center",
        "berlin",
        "--title",
        "Prüfung mit Kameras in Berlin",
    )
    assert result.exit_code == 0, result.output
    path = library_dir / "berlin" / "pruefung-mit-kameras-in-berlin.md"
    meta = front_matter(path)
    assert meta == {
        "title": "Prüfung mit Kameras in Berlin",
        "summary": ORIGINAL["summary"],
        "center": "berlin",
        "status": "entwurf",
        "topics": ORIGINAL["topics"],
        "formats": ORIGINAL["formats"],
        "audience": ORIGINAL["audience"],
        "license": "CC-BY-SA-4.0",
        "updated": dt.date.today(),
        "duration": ORIGINAL["duration"],
        "group_size": ORIGINAL["group_size"],
        "industries": ORIGINAL["industries"],
        "keywords": ORIGINAL["keywords"],
        "adapted_from": ["kamera-pruefung"],
    }
    assert path.read_text(encoding="utf-8").endswith(BODY.format(topic="Prüfung mit Kameras"))


def test_adaptation_validates_with_the_transfer_and_copy_warnings(
    library_dir: Path, original: Path
) -> None:
    kb(library_dir, "new", "--from", "kamera-pruefung", "--center", "berlin", "--title", "Kopie")
    result = kb(library_dir, "validate")
    assert result.exit_code == 0, result.output
    transfer, copy = result.output.splitlines()[:-1]
    assert "berlin/kopie.md:" in transfer and "berlin/kopie.md:" in copy
    assert "verzeichnet keine Übertragung an 'berlin'" in transfer
    assert "warnung: Text ist identisch mit dem von 'kamera-pruefung'" in copy


def test_adaptation_takes_the_original_title_by_default(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("kamera", **ORIGINAL)
    result = kb(library_dir, "new", "--from", "kamera", "--center", "berlin")
    assert result.exit_code == 0, result.output
    path = library_dir / "berlin" / "pruefung-mit-kameras.md"
    assert front_matter(path)["title"] == "Prüfung mit Kameras"


def test_adaptation_under_the_original_title_refuses_the_existing_id(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("pruefung-mit-kameras", **ORIGINAL)
    result = kb(library_dir, "new", "--from", "pruefung-mit-kameras", "--center", "berlin")
    assert result.exit_code == 1
    assert "Konzept 'pruefung-mit-kameras' existiert bereits" in result.output
    assert not (library_dir / "berlin").exists()


def test_adaptation_of_an_unknown_id_suggests_one(library_dir: Path, original: Path) -> None:
    result = kb(library_dir, "new", "--from", "kamera-prufung", "--center", "berlin")
    assert result.exit_code == 1
    assert "Unbekanntes Konzept 'kamera-prufung' – meinten Sie 'kamera-pruefung'?" in (
        result.output
    )


def test_adaptation_into_an_unknown_centre_suggests_one(library_dir: Path, original: Path) -> None:
    result = kb(
        library_dir, "new", "--from", "kamera-pruefung", "--center", "berln", "--title", "X"
    )
    assert result.exit_code == 1
    assert "Unbekanntes Zentrum 'berln' – meinten Sie 'berlin'?" in result.output
