"""Materials beside a concept: what is published, and every way a file or link is refused."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb_tools.library import (
    MAX_CONCEPT_BYTES,
    MAX_MATERIAL_BYTES,
    check_concept_text,
    check_library,
    load_library,
    material_text,
)
from kb_tools.problems import Problem
from tests.support.library import WriteConcept, concept_text
from tests.support.materials import ELF, WINDOWS_EXE, make_docx, make_odt, make_pdf, make_png

FOLDER = ("sachsen", "testkonzept")


def folder(library_dir: Path) -> Path:
    path = library_dir.joinpath(*FOLDER)
    path.mkdir(parents=True, exist_ok=True)
    return path


def problems_for(
    library_dir: Path, write_concept: WriteConcept, materials: list[dict[str, Any]]
) -> list[Problem]:
    write_concept(materials=materials)
    _, problems = check_library(library_dir)
    return problems


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def test_files_and_links_are_read_with_type_size_and_licence(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    here = folder(library_dir)
    make_pdf(here / "checkliste.pdf", "Checkliste")
    make_docx(here / "arbeitsblatt.docx", "Arbeitsblatt")
    make_odt(here / "rollenkarten.odt", "Rolle")
    make_png(here / "bilder" / "ablauf.png")
    (here / "notizen.md").write_text("# Notizen\n\nÜben, üben.\n", encoding="utf-8")
    (here / "liste.txt").write_text("eins\nzwei\n", encoding="utf-8")
    write_concept(
        materials=[
            {"title": "Checkliste", "file": "checkliste.pdf", "description": "Zum Abhaken."},
            {"title": "Arbeitsblatt", "file": "arbeitsblatt.docx", "license": "CC0-1.0"},
            {"title": "Rollenkarten", "file": "rollenkarten.odt"},
            {"title": "Ablaufbild", "file": "bilder/ablauf.png"},
            {"title": "Notizen", "file": "notizen.md"},
            {"title": "Liste", "file": "liste.txt"},
            {"title": "Leitfaden online", "url": "https://example.org/leitfaden.pdf"},
        ]
    )
    library, problems = check_library(library_dir)
    assert problems == []
    assert library is not None
    materials = library.concepts["testkonzept"].materials
    assert [m.label for m in materials] == [
        "PDF",
        "Word (DOCX)",
        "OpenDocument-Text (ODT)",
        "Bild (PNG)",
        "Markdown-Text",
        "Text",
        "Link",
    ]
    assert materials[0].mime == "application/pdf" and materials[0].size > 500
    assert materials[0].license == "CC-BY-4.0"  # the concept's licence
    assert materials[1].license == "CC0-1.0"
    assert materials[3].file == "bilder/ablauf.png"
    assert materials[6].url == "https://example.org/leitfaden.pdf" and materials[6].size == 0


def test_the_text_of_pdf_docx_odt_and_markdown_is_read(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    here = folder(library_dir)
    make_pdf(here / "a.pdf", "Drehmomentschlüssel kalibrieren")
    make_docx(here / "b.docx", "Schichtbuch gemeinsam führen")
    make_odt(here / "c.odt", "Die Kundin beschwert sich über Lieferzeiten")
    (here / "d.md").write_text("## Schritt 1\n\n**Fehlerbild** beschreiben\n", encoding="utf-8")
    write_concept(
        materials=[{"title": name, "file": name} for name in ("a.pdf", "b.docx", "c.odt", "d.md")]
    )
    texts = [material_text(m) for m in load_library(library_dir).concepts["testkonzept"].materials]
    assert "Drehmomentschlüssel kalibrieren" in texts[0]
    assert "Arbeitsblatt" in texts[1] and "Schichtbuch gemeinsam führen" in texts[1]
    assert "Rollenkarte" in texts[2] and "beschwert sich über Lieferzeiten" in texts[2]
    assert "Fehlerbild beschreiben" in texts[3] and "**" not in texts[3]


def _symlink_out(here: Path, outside: Path) -> str:
    make_pdf(outside / "geheim.pdf", "geheim")
    (here / "link.pdf").symlink_to(outside / "geheim.pdf")
    return "link.pdf"


def _folder_symlink_out(here: Path, outside: Path) -> str:
    make_pdf(outside / "fremd" / "x.pdf", "fremd")
    (here / "fremd").symlink_to(outside / "fremd", target_is_directory=True)
    return "fremd/x.pdf"


def _symlink_to_another_folder(here: Path, outside: Path) -> str:
    make_pdf(here.parent / "anderes" / "x.pdf", "anderes Konzept")
    (here / "x.pdf").symlink_to(here.parent / "anderes" / "x.pdf")
    return "x.pdf"


def _dangling(here: Path, outside: Path) -> str:
    (here / "weg.pdf").symlink_to(outside / "gibt-es-nicht.pdf")
    return "weg.pdf"


def _elf(here: Path, outside: Path) -> str:
    (here / "handout.pdf").write_bytes(ELF)
    return "handout.pdf"


def _windows_exe(here: Path, outside: Path) -> str:
    (here / "vorlage.docx").write_bytes(WINDOWS_EXE)
    return "vorlage.docx"


def _oversize(here: Path, outside: Path) -> str:
    with (here / "riesig.pdf").open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(MAX_MATERIAL_BYTES + 1)
    return "riesig.pdf"


def _svg_script(here: Path, outside: Path) -> str:
    (here / "grafik.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    return "grafik.svg"


def _svg_as_text(here: Path, outside: Path) -> str:
    (here / "grafik.txt").write_text('<svg onload="alert(1)"></svg>')
    return "grafik.txt"


def _html(here: Path, outside: Path) -> str:
    (here / "seite.html").write_text("<!doctype html><p>Hallo</p>")
    return "seite.html"


def _html_as_markdown(here: Path, outside: Path) -> str:
    (here / "notiz.md").write_text("# Notiz\n\n<script>fetch('/api')</script>\n")
    return "notiz.md"


def _wrong_extension(here: Path, outside: Path) -> str:
    make_pdf(here / "blatt.docx", "eigentlich ein PDF")
    return "blatt.docx"


def _unknown_binary(here: Path, outside: Path) -> str:
    (here / "daten.pdf").write_bytes(bytes(range(256)) * 4)
    return "daten.pdf"


def _zip_bomb(here: Path, outside: Path) -> str:
    path = make_docx(here / "bombe.docx", "klein")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/nullen.bin", b"\0" * (101 * 1024 * 1024))
    return "bombe.docx"


def _not_utf8(here: Path, outside: Path) -> str:
    (here / "alt.txt").write_bytes("Prüfung".encode("latin-1"))
    return "alt.txt"


def _a_folder(here: Path, outside: Path) -> str:
    (here / "unterordner").mkdir()
    return "unterordner"


BAD_FILES: dict[str, tuple[Callable[[Path, Path], str], str]] = {
    "Pfad mit ..": (lambda here, outside: "../anderes.pdf", "kein '..'"),
    "absoluter Pfad": (lambda here, outside: "/etc/passwd", "kein absoluter Pfad"),
    "Windows-Pfad": (lambda here, outside: "C:\\Daten\\x.pdf", "kein absoluter Pfad"),
    "versteckte Datei": (lambda here, outside: ".env", "keine versteckte Datei"),
    "verstecktes .. in der Mitte": (lambda here, outside: "a/../../x.pdf", "kein '..'"),
    "fehlende Datei": (lambda here, outside: "fehlt.pdf", "fehlt im Materialordner"),
    "Symlink hinaus": (_symlink_out, "Verknüpfung zeigt aus der Bibliothek hinaus"),
    "Ordner-Symlink hinaus": (_folder_symlink_out, "Verknüpfung zeigt aus der Bibliothek hinaus"),
    "Symlink in einen anderen Ordner": (
        _symlink_to_another_folder,
        "symbolischer Link aus dem Materialordner",
    ),
    "Symlink ins Leere": (_dangling, "ins Leere"),
    "Programm als .pdf": (_elf, "ausführbares Programm"),
    "Windows-Programm als .docx": (_windows_exe, "ausführbares Programm"),
    "zu groß": (_oversize, "höchstens 10,0 MB je Datei"),
    "SVG mit Skript": (_svg_script, "nicht erlaubt"),
    "SVG als .txt": (_svg_as_text, "HTML, SVG oder Skripte"),
    "HTML": (_html, "nicht erlaubt"),
    "Skript in Markdown": (_html_as_markdown, "HTML, SVG oder Skripte"),
    "falsche Endung": (_wrong_extension, "die Endung '.docx' passt nicht"),
    "unbekannter Binärinhalt": (_unknown_binary, "unbekannter Dateityp"),
    "ZIP-Bombe": (_zip_bomb, "entpackt sich zu"),
    "kein UTF-8": (_not_utf8, "nicht in UTF-8"),
    "Ordner statt Datei": (_a_folder, "keine Datei"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_each_bad_file_gets_a_located_error(
    case: str, library_dir: Path, write_concept: WriteConcept, tmp_path: Path
) -> None:
    make, expected = BAD_FILES[case]
    outside = tmp_path / "ausserhalb"
    outside.mkdir()
    name = make(folder(library_dir), outside)
    write_concept(
        materials=[
            {"title": "Gute Datei", "url": "https://example.org/"},
            {"title": "Handout", "file": name},
        ]
    )
    library, problems = check_library(library_dir)
    [error] = errors_of(problems)
    assert error.path == "sachsen/testkonzept.md"
    assert error.field == "materials.1.file"
    text = (library_dir / "sachsen" / "testkonzept.md").read_text(encoding="utf-8")
    assert "file:" in text.splitlines()[error.line - 1]
    assert expected in error.message, error.message
    assert library is not None and "testkonzept" not in library.concepts


BAD_URLS = {
    "javascript:alert(1)": "nur https://",
    "http://example.org/handout.pdf": "nur https://",
    "ftp://example.org/x": "nur https://",
    "data:text/html,<script>alert(1)</script>": "nur https://",
    "https://": "nur https://",
    "https://localhost": "nur https://",
    "//example.org/x": "nur https://",
    "https://exa mple.org": "nur https://",
}


@pytest.mark.parametrize("url", BAD_URLS)
def test_each_bad_link_gets_a_located_error(
    url: str, library_dir: Path, write_concept: WriteConcept
) -> None:
    [error] = errors_of(problems_for(library_dir, write_concept, [{"title": "Link", "url": url}]))
    assert error.field == "materials.0.url"
    assert BAD_URLS[url] in error.message
    assert error.line > 1


@pytest.mark.parametrize(
    "material",
    [
        {"title": "Beides", "file": "a.pdf", "url": "https://example.org/a.pdf"},
        {"title": "Nichts"},
    ],
)
def test_a_material_is_either_a_file_or_a_link(
    material: dict[str, str], library_dir: Path, write_concept: WriteConcept
) -> None:
    [error] = errors_of(problems_for(library_dir, write_concept, [material]))
    assert error.field == "materials.0"
    assert "genau eines von file (Datei) oder url (Webadresse)" in error.message


def test_a_missing_file_suggests_the_one_that_is_there(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    make_pdf(folder(library_dir) / "checkliste.pdf", "x")
    [error] = errors_of(
        problems_for(library_dir, write_concept, [{"title": "C", "file": "chekliste.pdf"}])
    )
    assert "meinten Sie 'checkliste.pdf'" in error.message, error.message


def test_all_files_of_a_concept_together_have_a_limit(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    here = folder(library_dir)
    count = MAX_CONCEPT_BYTES // MAX_MATERIAL_BYTES + 1
    for number in range(count):
        with (here / f"teil-{number}.pdf").open("wb") as handle:
            handle.write(b"%PDF-1.7\n")
            handle.truncate(MAX_MATERIAL_BYTES - 1)
    materials = [{"title": f"Teil {n}", "file": f"teil-{n}.pdf"} for n in range(count)]
    [error] = errors_of(problems_for(library_dir, write_concept, materials))
    assert error.field == "materials"
    assert "höchstens 30,0 MB je Konzept" in error.message


def test_files_nobody_lists_and_folders_without_concept_are_warnings(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    here = folder(library_dir)
    make_pdf(here / "genutzt.pdf", "x")
    make_pdf(here / "vergessen.pdf", "x")
    make_pdf(library_dir / "sachsen" / "verwaist" / "alt.pdf", "x")
    write_concept(materials=[{"title": "G", "file": "genutzt.pdf"}])
    library, problems = check_library(library_dir)
    assert library is not None and "testkonzept" in library.concepts
    assert [(p.path, p.severity) for p in problems] == [
        ("sachsen/testkonzept/vergessen.pdf", "warnung"),
        ("sachsen/verwaist/", "warnung"),
    ]
    assert "nicht veröffentlicht" in problems[0].message
    assert "hier fehlt 'sachsen/verwaist.md'" in problems[1].message


def test_markdown_materials_are_not_concepts(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    (folder(library_dir) / "handout.md").write_text("# Handout\n\nText.\n", encoding="utf-8")
    write_concept(materials=[{"title": "Handout", "file": "handout.md"}])
    library, problems = check_library(library_dir)
    assert problems == [] and library is not None and list(library.concepts) == ["testkonzept"]


def test_an_edited_text_is_checked_against_the_files_on_disk(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    (folder(library_dir) / "prog.pdf").write_bytes(ELF)
    text = concept_text(materials=[{"title": "P", "file": "prog.pdf"}])
    problems = check_concept_text(library_dir, "sachsen/testkonzept.md", text)
    assert [p.field for p in problems if p.is_error] == ["materials.0.file"]


@settings(
    max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(max_size=60),
    url=st.one_of(st.none(), st.text(max_size=60), st.from_regex(r"https?://\S{0,20}")),
)
def test_no_material_value_raises_whatever_it_is(
    name: str, url: str | None, library_dir: Path
) -> None:
    material: dict[str, Any] = {"title": "X", "file": name}
    if url is not None:
        material = {"title": "X", "url": url}
    try:
        text = concept_text(materials=[material])
    except Exception:  # the YAML dumper itself refuses some characters: not our input
        return
    problems = check_concept_text(library_dir, "sachsen/testkonzept.md", text)
    for problem in problems:
        assert problem.line >= 1 and problem.message
    assert os.path.isdir(library_dir)
