"""`kb new`: a valid id from the title, the template with every section, never an overwrite."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from kb_tools.cli import cli
from kb_tools.library import ID_PATTERN, SECTIONS, slugify


def new(library_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["new", "--library", str(library_dir), *args])


def test_slug_transliterates_umlauts() -> None:
    assert slugify("Führen im KI-Wandel: Übungen für Größere Betriebe") == (
        "fuehren-im-ki-wandel-uebungen-fuer-groessere-betriebe"
    )


def test_slug_drops_accents_and_symbols() -> None:
    slug = slugify("  Café & Co. – 2 × 4 Stunden!  ")
    assert slug == "cafe-co-2-4-stunden"
    assert ID_PATTERN.match(slug)


def test_slug_is_shortened_at_a_word_boundary() -> None:
    slug = slugify("Sehr " * 30 + "langer Titel")
    assert len(slug) <= 60
    assert not slug.endswith("-")


def test_new_writes_template_with_all_sections(library_dir: Path) -> None:
    result = new(library_dir, "--center", "sachsen", "--title", "Lernfabrik für Prüfstände")
    assert result.exit_code == 0, result.output
    path = library_dir / "sachsen" / "lernfabrik-fuer-pruefstaende.md"
    text = path.read_text(encoding="utf-8")
    assert "title: Lernfabrik für Prüfstände" in text
    assert all(f"## {section}" in text for section in SECTIONS)


def test_new_concept_validates_once_vocabulary_is_given(library_dir: Path) -> None:
    args = ["--center", "sachsen", "--title", "Test: mit Doppelpunkt", "--topic", "ki"]
    new(library_dir, *args, "--format", "workshop", "--audience", "beschaeftigte")
    result = CliRunner().invoke(cli, ["validate", "--library", str(library_dir)])
    assert result.exit_code == 0, result.output
    assert "0 Fehler" in result.output


def test_untouched_template_fails_strict_validation(library_dir: Path) -> None:
    args = ["--center", "sachsen", "--title", "Unberührt", "--topic", "ki"]
    new(library_dir, *args, "--format", "workshop", "--audience", "beschaeftigte")
    result = CliRunner().invoke(cli, ["validate", "--library", str(library_dir), "--strict"])
    assert result.exit_code == 1, result.output
    assert "summary: enthält noch den Hinweistext der Vorlage" in result.output
    assert "Abschnitt '## Ziel' enthält noch den Hinweistext der Vorlage" in result.output


def test_new_refuses_to_overwrite(library_dir: Path) -> None:
    new(library_dir, "--center", "sachsen", "--title", "Doppelt")
    path = library_dir / "sachsen" / "doppelt.md"
    path.write_text("eigener Inhalt", encoding="utf-8")
    result = new(library_dir, "--center", "berlin", "--title", "Doppelt")
    assert result.exit_code == 1
    assert "Konzept 'doppelt' existiert bereits" in result.output
    assert path.read_text(encoding="utf-8") == "eigener Inhalt"


def test_new_unknown_centre_suggests(library_dir: Path) -> None:
    result = new(library_dir, "--center", "sachsn", "--title", "X-Konzept")
    assert result.exit_code == 1
    assert "Unbekanntes Zentrum 'sachsn' – meinten Sie 'sachsen'?" in result.output


def test_new_refuses_unknown_keys_with_suggestions(library_dir: Path) -> None:
    args = ["--center", "sachsen", "--title", "Mit falschen Schlüsseln"]
    result = new(library_dir, *args, "--topic", "KI", "--audience", "handwerker")
    assert result.exit_code == 1
    assert "Fehler: Unbekanntes Thema 'KI' – meinten Sie 'ki'?" in result.output
    assert "Fehler: Unbekannte Zielgruppe 'handwerker' – erlaubt: beschaeftigte, " in result.output
    assert not (library_dir / "sachsen" / "mit-falschen-schluesseln.md").exists()


def test_new_refuses_an_unknown_format(library_dir: Path) -> None:
    result = new(library_dir, "--center", "sachsen", "--title", "X-Konzept", "--format", "Worksop")
    assert result.exit_code == 1
    assert "Unbekanntes Format 'Worksop' – meinten Sie 'workshop'?" in result.output


def test_new_needs_a_title_without_from(library_dir: Path) -> None:
    result = new(library_dir, "--center", "sachsen")
    assert result.exit_code == 2
    assert "Fehler: Pflichtangabe '--title' fehlt (oder '--from ID')" in result.output
