"""`kb validate`: every bad input gives a located German message and the right exit code."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from kb_tools.cli import cli
from tests.support.library import WriteConcept, concept_text


def validate(library_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["validate", "--library", str(library_dir), *args])


def test_sample_library_validates_cleanly(sample_library_dir: Path) -> None:
    result = validate(sample_library_dir, "--strict")
    assert result.exit_code == 0, result.output
    assert "0 Fehler, 0 Warnungen" in result.output


def test_valid_concept_passes(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept()
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    assert "1 Datei geprüft, 1 Konzept: 0 Fehler" in result.output


def test_broken_yaml_names_the_line(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(text="---\ntitle: Test\nsummary: [nicht geschlossen\ncenter: sachsen\n---\n")
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "sachsen/testkonzept.md:" in result.output
    assert "fehler: YAML-Syntaxfehler" in result.output


def test_missing_front_matter(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(text="# Nur Markdown\n\nKein Front Matter.\n")
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "testkonzept.md:1: fehler: Front Matter fehlt" in result.output


def test_unterminated_front_matter(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(text="---\ntitle: Test\ncenter: sachsen\n\n## Ziel\n")
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "testkonzept.md:1: fehler: Front Matter ist nicht abgeschlossen" in result.output


def test_tab_indentation_is_located(library_dir: Path, write_concept: WriteConcept) -> None:
    text = concept_text().replace("topics:\n- ki", "topics:\n\t- ki")
    write_concept(text=text)
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "Tabulatorzeichen" in result.output
    assert "testkonzept.md:7: fehler" in result.output


def test_bom_is_accepted_with_a_warning(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(text="\ufeff" + concept_text())
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    assert "testkonzept.md:1: warnung: Datei beginnt mit einem Byte-Order-Mark" in result.output
    assert validate(library_dir, "--strict").exit_code == 1


def test_crlf_line_ends_are_accepted(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(text=concept_text().replace("\n", "\r\n").encode())
    result = validate(library_dir, "--strict")
    assert result.exit_code == 0, result.output


def test_non_utf8_bytes_name_the_line(library_dir: Path, write_concept: WriteConcept) -> None:
    text = (
        concept_text(title="Prüfung")
        .encode("utf-8")
        .replace("Prüfung".encode(), "Prüfung".encode("latin-1"))
    )
    write_concept(text=text)
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "testkonzept.md:2: fehler: Datei ist nicht UTF-8-kodiert" in result.output


def test_empty_file(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(text="")
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "testkonzept.md:1: fehler: Datei ist leer" in result.output


def test_list_instead_of_mapping(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(text="---\n- title\n- summary\n---\n")
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "testkonzept.md:2: fehler: Front Matter muss eine Zuordnung" in result.output


def test_field_given_as_list_where_mapping_belongs(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(group_size=[6, 12])
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "fehler: group_size: muss eine Zuordnung" in result.output


def test_unknown_adapted_from_id_suggests(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("basis-konzept")
    write_concept("weiterentwicklung", adapted_from=["basis-konzpt"])
    result = validate(library_dir)
    assert result.exit_code == 1
    assert (
        "adapted_from.0: unbekannte Konzept-ID 'basis-konzpt' – meinten Sie 'basis-konzept'?"
        in result.output
    )


def test_huge_file_is_refused_without_reading(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(text=concept_text() + "x" * 10_000_000)
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "testkonzept.md:1: fehler: Datei ist zu groß (10.0 MB)" in result.output


def test_unknown_topic_suggests_closest(library_dir: Path, write_concept: WriteConcept) -> None:
    path = write_concept(topics=["digitalisierung", "kl"])
    result = validate(library_dir)
    line = path.read_text().splitlines().index("- kl") + 1
    assert (
        f"testkonzept.md:{line}: fehler: topics.1: unbekanntes Thema 'kl' – meinten Sie 'ki'?"
        in result.output
    )


def test_unknown_key_is_an_error(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(keywrods=["a"])
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "keywrods: unbekannter Schlüssel – meinten Sie 'keywords'?" in result.output


def test_missing_required_key(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(license=None)
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "testkonzept.md:1: fehler: license: Pflichtfeld fehlt" in result.output


def test_summary_too_long(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(summary="x" * 281)
    result = validate(library_dir)
    assert "summary: zu lang (281 Zeichen, höchstens 280)" in result.output


def test_invalid_status_lists_allowed_values(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(status="erprobbt")
    result = validate(library_dir)
    assert (
        "status: ungültiger Wert 'erprobbt' – erlaubt: entwurf, erprobt, transferiert – meinten Sie 'erprobt'?"
        in result.output
    )


def test_invalid_date(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(updated="15.01.2026")
    result = validate(library_dir)
    assert "updated: kein gültiges Datum: '15.01.2026'" in result.output


def test_center_must_match_folder(library_dir: Path, write_concept: WriteConcept) -> None:
    path = write_concept()
    path.write_text(concept_text(center="thueringen"), encoding="utf-8")
    result = validate(library_dir)
    assert "center: 'thueringen' passt nicht zum Ordner 'sachsen'" in result.output


def test_unknown_center_suggests(library_dir: Path, write_concept: WriteConcept) -> None:
    (library_dir / "sachsn").mkdir()
    (library_dir / "sachsn" / "x.md").write_text(concept_text(center="sachsn"), encoding="utf-8")
    result = validate(library_dir)
    assert "center: unbekanntes Zentrum 'sachsn' – meinten Sie 'sachsen'?" in result.output


def test_duplicate_id_across_centres(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("gleich")
    write_concept("gleich", center="berlin")
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "ID 'gleich' ist doppelt vergeben" in result.output


def test_invalid_file_name_is_an_error(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("Mein_Konzept")
    result = validate(library_dir)
    assert "ungültige ID 'Mein_Konzept'" in result.output


def test_missing_section_is_a_warning(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(body="\n## Ziel\n\nText.\n")
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    assert "warnung: Abschnitt '## Ablauf' fehlt" in result.output
    assert validate(library_dir, "--strict").exit_code == 1


def test_duplicate_key_is_located(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(
        text=concept_text().replace("status: erprobt", "status: erprobt\nstatus: entwurf")
    )
    result = validate(library_dir)
    assert "testkonzept.md:6: fehler: YAML" not in result.output
    assert "testkonzept.md:6: fehler: Schlüssel 'status' ist doppelt" in result.output


def test_all_problems_are_reported_at_once(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("eins", status="falsch")
    write_concept("zwei", text="")
    result = validate(library_dir)
    assert "eins.md" in result.output
    assert "zwei.md" in result.output


def test_broken_centers_file_is_located(library_dir: Path) -> None:
    (library_dir / "centers.yml").write_text("sachsen:\n  name: Sachsen\n", encoding="utf-8")
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "centers.yml:1: fehler: sachsen.region: Pflichtfeld fehlt" in result.output


def test_missing_library_folder(tmp_path: Path) -> None:
    result = validate(tmp_path / "fehlt")
    assert result.exit_code == 1
    assert "existiert nicht" in result.output
    assert "Traceback" not in result.output


def test_summary_counts_every_file_checked(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("gut")
    write_concept("kaputt", text="---\ntitle: [\n---\n")
    (library_dir / "lose.md").write_text("# Liegt nicht in einem Zentrumsordner\n")
    result = validate(library_dir)
    assert "3 Dateien geprüft, 1 Konzept: 1 Fehler, 1 Warnung." in result.output


def test_summary_of_the_sample_library(sample_library_dir: Path) -> None:
    result = validate(sample_library_dir)
    assert "45 Dateien geprüft, 45 Konzepte: 0 Fehler, 0 Warnungen." in result.output


def test_unknown_centre_folder_is_named(library_dir: Path) -> None:
    (library_dir / "sachsn").mkdir()
    (library_dir / "sachsn" / "x.md").write_text(concept_text(), encoding="utf-8")
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "sachsn/x.md:1: fehler: Zentrum 'sachsn' nicht in centers.yml" in result.output
    assert "passt nicht zum Ordner" not in result.output


def test_unknown_audience_uses_the_feminine_article_and_lists_the_few_values(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(audience=["handwerker"])
    result = validate(library_dir)
    assert "audience.0: unbekannte Zielgruppe 'handwerker' – erlaubt: beschaeftigte, " in (
        result.output
    )
    assert "unbekanntes Zielgruppe" not in result.output


def test_unknown_format_is_neuter(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(formats=["worksop"])
    result = validate(library_dir)
    assert "formats.0: unbekanntes Format 'worksop' – meinten Sie 'workshop'?" in result.output


def test_upper_case_key_suggests_the_lower_case_one(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(topics=["KI"])
    result = validate(library_dir)
    assert "topics.0: unbekanntes Thema 'KI' – meinten Sie 'ki'?" in result.output


def test_licence_as_the_site_spells_it_suggests_the_key(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(license="CC BY-SA 4.0")
    result = validate(library_dir)
    assert "license: ungültiger Wert 'CC BY-SA 4.0'" in result.output
    assert "meinten Sie 'CC-BY-SA-4.0'?" in result.output


def test_body_without_any_section_heading_is_a_warning(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(body="\nNur ein Absatz ohne Überschrift.\n")
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    assert "warnung: Abschnitt '## Ziel' fehlt" in result.output


def test_a_draft_with_tested_companies_gets_a_located_warning(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    evidence = {"companies": 2, "participants": 19, "since": "2025-03-01"}
    path = write_concept(status="entwurf", evidence=evidence)
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    line = path.read_text(encoding="utf-8").split("\n").index("status: entwurf") + 1
    assert (
        f"testkonzept.md:{line}: warnung: status: 'entwurf', aber erprobt mit 2 Betrieben"
        in result.output
    )
    assert validate(library_dir, "--strict").exit_code == 1


def test_transferred_needs_a_transfer_or_an_adaptation_in_another_centre(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("quelle", title="Quelle", status="transferiert")
    write_concept("gleiches-zentrum", title="Ableger", adapted_from=["quelle"])
    assert "'transferiert', aber weder eine Übertragung" in validate(library_dir).output
    write_concept(
        "anderes-zentrum", title="Ableger woanders", center="hessen", adapted_from=["quelle"]
    )
    assert "'transferiert'" not in validate(library_dir).output


def test_transferred_with_a_recorded_transfer_is_fine(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    transfer = [{"center": "hessen", "date": "2025-06-01", "note": "angepasst", "informal": True}]
    write_concept(status="transferiert", transfers=transfer)
    result = validate(library_dir, "--strict")
    assert result.exit_code == 0, result.output


def test_one_edited_text_gets_the_same_status_warning(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    from kb_tools.library import check_concept_text

    write_concept("quelle", title="Quelle")
    text = concept_text(title="Quelle", status="transferiert")
    (problem,) = check_concept_text(library_dir, "sachsen/quelle.md", text)
    assert problem.field == "status" and "'transferiert', aber weder" in problem.message


def test_a_contact_is_a_name_or_name_with_address(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("als-text", title="Als Text", contact="Erika Muster, Bildungsreferentin")
    full = {"name": "Erika Muster", "email": "e.muster@zentrum.example", "phone": "0341 123"}
    write_concept("als-objekt", title="Als Objekt", contact=full)
    assert validate(library_dir, "--strict").exit_code == 0


def test_a_broken_contact_address_is_located(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(contact={"name": "E", "email": "kaputt", "url": "ftp://x"})
    result = validate(library_dir)
    assert result.exit_code == 1
    assert "contact.email: keine gültige E-Mail-Adresse" in result.output
    assert "contact.url: keine Webadresse" in result.output
