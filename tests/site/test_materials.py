"""Materials and the printable kit in a real build: page block, files, ZIP, PDF, JSON-LD."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from kb_tools.library import concept_pdf_url, materials_zip_url
from kb_tools.site import build_site
from tests.support.amb import AMB_DIR, amb_errors
from tests.support.library import WriteConcept
from tests.support.materials import make_docx, make_pdf
from tests.support.site import SITE_URL, BuiltSite, parse, resolve, settings_for

pytestmark = pytest.mark.slow

PDF_PHRASE = "Drehmomentschlüssel vor jeder Schicht kalibrieren"
DOCX_PHRASE = "Schichtbuch gemeinsam mit der Instandhaltung führen"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from kb_tools.library import load_library
    from tests.support.library import concept_text, empty_library

    root = tmp_path_factory.mktemp("materials-site")
    library_dir = empty_library(root)
    folder = library_dir / "sachsen" / "werkstatt"
    make_pdf(folder / "checkliste.pdf", PDF_PHRASE)
    make_docx(folder / "arbeitsblatt.docx", DOCX_PHRASE)
    (folder / "notizen.md").write_text("# Notizen\n\nKurz und knapp.\n", encoding="utf-8")
    text = concept_text(
        title="Werkstatt digital",
        duration="2 × 4 Stunden",
        evaluation="Feedbackbogen nach jedem Termin.",
        materials=[
            {
                "title": "Checkliste Schichtbeginn",
                "file": "checkliste.pdf",
                "description": "Zum Abhaken.",
            },
            {"title": "Arbeitsblatt", "file": "arbeitsblatt.docx", "license": "CC0-1.0"},
            {"title": "Notizen", "file": "notizen.md"},
            {"title": "Leitfaden", "url": "https://example.org/leitfaden"},
        ],
    )
    (library_dir / "sachsen" / "werkstatt.md").write_text(text, encoding="utf-8")
    settings = settings_for(library_dir, root)
    build_site(settings)
    return BuiltSite(load_library(library_dir), settings.site_dir, settings)


def test_the_page_lists_every_material_and_its_links_resolve(built: BuiltSite) -> None:
    html = built.html("konzepte/werkstatt/")
    assert 'id="materialien"' in html
    for expected in (
        "Checkliste Schichtbeginn",
        "Word (DOCX)",
        "Markdown-Text",
        "Link",
        "CC0 1.0",
        "Zum Abhaken.",
    ):
        assert expected in html
    assert "Alle Materialien (ZIP)" in html and "Als PDF herunterladen" in html
    links = parse(html).hrefs
    local = [href for href in links if "materialien/" in href or href.endswith((".zip", ".pdf"))]
    assert len(local) == 5  # three files, the ZIP, the PDF
    for href in local:
        target = resolve(built.site, "konzepte/werkstatt/", href)
        assert target is not None and target.is_file(), href
    assert "https://example.org/leitfaden" in links


def test_the_zip_holds_exactly_the_listed_files(built: BuiltSite) -> None:
    archive = zipfile.ZipFile(built.site / materials_zip_url("werkstatt"))
    assert sorted(archive.namelist()) == [
        "werkstatt/arbeitsblatt.docx",
        "werkstatt/checkliste.pdf",
        "werkstatt/notizen.md",
    ]
    original = built.library.root / "sachsen" / "werkstatt" / "checkliste.pdf"
    assert archive.read("werkstatt/checkliste.pdf") == original.read_bytes()


def test_the_pdf_has_steckbrief_sections_materials_and_attribution(built: BuiltSite) -> None:
    data = (built.site / concept_pdf_url("werkstatt")).read_bytes()
    text = " ".join((page.extract_text() or "") for page in PdfReader(BytesIO(data)).pages)
    text = " ".join(text.split())
    for expected in (
        "Werkstatt digital",
        "Steckbrief",
        "Auswertung",
        "Feedbackbogen nach jedem Termin.",
        "Methoden und Materialien",
        "Transferhinweise",
        "Checkliste Schichtbeginn",
        "Namensnennung",
        "„Werkstatt digital“ von Zukunftszentrum Sachsen, Lizenz CC BY 4.0",
    ):
        assert expected in text, expected
    # The URL may break across lines in the PDF.
    assert f"{SITE_URL}konzepte/werkstatt/" in text.replace(" ", "")


def test_the_pdf_renders_to_a_page_with_ink(built: BuiltSite, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(built.site / concept_pdf_url("werkstatt")))
    image = document[0].render(scale=1).to_pil().convert("L")
    png = tmp_path / "seite-1.png"
    image.save(png)
    assert image.size[0] < image.size[1]  # A4 portrait
    dark = sum(image.histogram()[:128])
    assert 0.005 < dark / (image.size[0] * image.size[1]) < 0.3  # text, not blank, not black


def test_jsonld_describes_every_material_and_validates_against_amb(built: BuiltSite) -> None:
    [block] = parse(built.html("konzepte/werkstatt/")).jsonld
    record = json.loads(block)
    assert amb_errors(record) == []
    parts = {part["name"]: part for part in record["hasPart"]}
    pdf = parts["Checkliste Schichtbeginn"]["encoding"][0]
    assert pdf["contentUrl"] == f"{SITE_URL}konzepte/werkstatt/materialien/checkliste.pdf"
    assert pdf["encodingFormat"] == "application/pdf"
    assert (
        int(pdf["contentSize"])
        == (built.site / "konzepte/werkstatt/materialien/checkliste.pdf").stat().st_size
    )
    assert parts["Arbeitsblatt"]["license"]["id"].endswith("/publicdomain/zero/1.0/")
    assert parts["Leitfaden"]["id"] == "https://example.org/leitfaden"
    assert "encoding" not in parts["Leitfaden"]
    assert record["encoding"][0]["contentUrl"].endswith("werkstatt.pdf")


def test_every_sample_record_validates_against_amb(sample_site: BuiltSite) -> None:
    for concept in sample_site.library:
        [block] = parse(sample_site.html(concept.url)).jsonld
        assert amb_errors(json.loads(block)) == [], concept.id


def test_the_amb_validator_rejects_the_official_invalid_examples() -> None:
    examples = sorted((AMB_DIR / "invalid-examples").glob("*.json"))
    assert len(examples) > 30
    for path in examples:
        assert amb_errors(json.loads(path.read_text(encoding="utf-8"))), path.name


def test_only_changed_concepts_get_a_new_pdf(
    library_dir: Path, write_concept: WriteConcept, tmp_path: Path
) -> None:
    write_concept("eins", title="Erstes Konzept")
    write_concept("zwei", title="Zweites Konzept")
    settings = settings_for(library_dir, tmp_path)
    assert build_site(settings).pdfs_rendered == 2
    write_concept("zwei", title="Zweites Konzept, überarbeitet")
    report = build_site(settings)
    assert not report.skipped and report.pdfs_rendered == 1
    assert build_site(settings, force=True).pdfs_rendered == 0
    assert sorted(p.name.split(".")[0] for p in (tmp_path / "build" / "pdf").glob("*.pdf")) == [
        "eins",
        "zwei",
    ]
