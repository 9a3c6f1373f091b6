"""A phrase that stands only in a handout finds its concept, through the real API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb_tools.library import load_library
from kb_tools.search import build_index
from kb_tools.settings import load_settings
from search_api.app import create_app
from tests.support.library import concept_text, empty_library
from tests.support.materials import make_docx, make_pdf

pytestmark = pytest.mark.slow

PDF_PHRASE = "Drehmomentschlüssel vor jeder Schicht kalibrieren und im Prüfprotokoll abzeichnen"
DOCX_PHRASE = "Gabelstapler Sichtkontrolle der Hydraulikschläuche vor Fahrtantritt"


@pytest.fixture(scope="module")
def library_with_handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = empty_library(tmp_path_factory.mktemp("handouts"))
    make_pdf(root / "sachsen" / "werkstatt" / "pruefprotokoll.pdf", PDF_PHRASE)
    make_docx(root / "berlin" / "lager" / "arbeitsblatt.docx", DOCX_PHRASE)
    concepts = {
        "sachsen/werkstatt.md": concept_text(
            title="Werkstatt digital",
            materials=[{"title": "Prüfprotokoll", "file": "pruefprotokoll.pdf"}],
        ),
        "berlin/lager.md": concept_text(
            title="Lager und Logistik",
            center="berlin",
            topics=["arbeitsorganisation"],
            materials=[{"title": "Arbeitsblatt Lager", "file": "arbeitsblatt.docx"}],
        ),
        "sachsen/andere.md": concept_text(title="Führung im Wandel", topics=["fuehrung"]),
    }
    for rel, text in concepts.items():
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client(library_with_handouts: Path) -> Iterator[TestClient]:
    index_dir = library_with_handouts.parent / "index"
    build_index(load_library(library_with_handouts), index_dir, "e5-small", progress=False)
    settings = load_settings(
        library_dir=library_with_handouts, index_dir=index_dir, site_dir=index_dir / "kein-site"
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize(
    ("query", "concept", "section"),
    [
        ("Drehmomentschlüssel kalibrieren Prüfprotokoll", "werkstatt", "Material: Prüfprotokoll"),
        ("Hydraulikschläuche Gabelstapler", "lager", "Material: Arbeitsblatt Lager"),
    ],
)
def test_a_phrase_only_in_a_material_finds_the_concept(
    client: TestClient, query: str, concept: str, section: str
) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["id"] == concept
    assert first["section"] == section
    assert "<mark>" in first["snippet"]
    assert [fact["label"] for fact in first["facts"]] == ["Zielgruppe", "Format"]


def test_the_concept_detail_lists_its_materials(client: TestClient) -> None:
    detail = client.get("/api/concepts/werkstatt").json()
    [material] = detail["materials"]
    assert material["url"] == "konzepte/werkstatt/materialien/pruefprotokoll.pdf"
    assert material["type"] == "PDF" and material["media_type"] == "application/pdf"
    assert material["size"] > 0 and material["license"] == "CC-BY-4.0"
    assert detail["pdf_url"] == "konzepte/werkstatt/werkstatt.pdf"


def test_reindexing_after_a_new_handout_embeds_only_its_passages(
    library_with_handouts: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    first = build_index(load_library(library_with_handouts), index_dir, "e5-small", progress=False)
    make_pdf(library_with_handouts / "sachsen" / "andere" / "leitfaden.pdf", "Feedback geben")
    text = concept_text(
        title="Führung im Wandel",
        topics=["fuehrung"],
        materials=[{"title": "Leitfaden", "file": "leitfaden.pdf"}],
    )
    concept = library_with_handouts / "sachsen" / "andere.md"
    old = concept.read_text(encoding="utf-8")
    concept.write_text(text, encoding="utf-8")
    try:
        second = build_index(
            load_library(library_with_handouts), index_dir, "e5-small", progress=False
        )
    finally:
        concept.write_text(old, encoding="utf-8")
        (library_with_handouts / "sachsen" / "andere" / "leitfaden.pdf").unlink()
    assert second.passages == first.passages + 1
    assert second.embedded == 1


def test_material_downloads_are_sandboxed_attachments(
    library_with_handouts: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    (site / "konzepte" / "werkstatt" / "materialien").mkdir(parents=True)
    (site / "konzepte" / "werkstatt" / "materialien" / "notiz.md").write_text("# Notiz\n")
    (site / "index.html").write_text("<!doctype html><title>Start</title>")
    index_dir = library_with_handouts.parent / "index"
    settings = load_settings(library_dir=library_with_handouts, index_dir=index_dir, site_dir=site)
    with TestClient(create_app(settings)) as client:
        material = client.get("/konzepte/werkstatt/materialien/notiz.md")
        page = client.get("/")
    assert material.status_code == 200
    assert material.headers["content-disposition"] == "attachment"
    assert "sandbox" in material.headers["content-security-policy"]
    assert material.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "content-disposition" not in page.headers
