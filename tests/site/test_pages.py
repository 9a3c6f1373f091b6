"""Page generation without MkDocs: sanitising, escaping, JSON-LD, catalogue data (fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kb_tools.library import check_library, inline_text, load_library
from kb_tools.site import BodyRenderer, generate_pages, markdown_text
from kb_tools.site.jsonld import AMB_CONTEXT, concept_jsonld, script_json
from kb_tools.site.pages import catalogue_data, page_depth
from tests.support.library import WriteConcept

SITE_URL = "https://konzepte.example/"


@pytest.fixture
def renderer() -> BodyRenderer:
    return BodyRenderer()


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("<script>alert(1)</script>", "alert(1)"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[klick](javascript:alert(1))", 'href="javascript:'),
        ('<a href="JavaScript:alert(1)">x</a>', "javascript:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<p onclick="alert(1)" style="color:red">x</p>', "onclick"),
        ('<svg onload="alert(1)"><circle/></svg>', "onload"),
        ('<form action="https://evil.example"><input></form>', "<form"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ],
)
def test_unsafe_markup_is_removed(renderer: BodyRenderer, markdown: str, forbidden: str) -> None:
    assert forbidden.lower() not in renderer.html(markdown).lower()


def test_harmless_formatting_stays(renderer: BodyRenderer) -> None:
    html = renderer.html(
        "**fett** und *kursiv*, `code`, [Link](https://example.org)\n\n"
        "- eins\n- zwei\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    )
    for tag in ("<strong>fett</strong>", "<em>kursiv</em>", "<code>code</code>", "<li>eins</li>"):
        assert tag in html
    assert '<a href="https://example.org" rel="noopener noreferrer">Link</a>' in html
    assert "<table>" in html


def test_sections_render_in_one_run_like_one_by_one(renderer: BodyRenderer) -> None:
    texts = ["Erster **Teil**.", "- a\n- b", "| A |\n|---|\n| 1 |", ""]
    body = "Vorweg.\n\n" + "".join(f"## Teil {n}\n\n{text}\n\n" for n, text in enumerate(texts))
    intro, sections = renderer.body(body)
    assert intro == renderer.html("Vorweg.")
    assert sections == [renderer.html(text) for text in texts]


def test_raw_html_that_swallows_a_heading_swallows_it_for_everyone(
    renderer: BodyRenderer, write_concept: WriteConcept, library_dir: Path
) -> None:
    body = (
        "## Ziel\n\n<!-- nie geschlossen\n\n## Ablauf\n\nzweiter Teil <script>alert(1)</script>\n"
    )
    write_concept(body=body)
    library, _ = check_library(library_dir)
    assert library is not None
    (concept,) = list(library)
    _, sections = renderer.body(concept.body)
    assert [s.title for s in concept.sections] == ["Ziel"]
    assert len(sections) == 1
    assert "<script" not in "".join(sections)


def test_heading_text_is_plain_and_escaped_for_markdown() -> None:
    plain = inline_text("**Ablauf** <img src=x onerror=alert(1)>")
    assert plain == "Ablauf"
    assert markdown_text("<b>A & B</b> *x*") == "&lt;b&gt;A &amp; B&lt;/b&gt; \\*x\\*"


def test_script_json_cannot_close_its_script_element() -> None:
    text = script_json({"name": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")


@pytest.mark.parametrize(
    ("path", "depth"),
    [("index.md", 0), ("katalog/index.md", 1), ("konzepte/a.md", 2), ("zentren/x.md", 2)],
)
def test_page_depth_follows_directory_urls(path: str, depth: int) -> None:
    assert page_depth(path) == depth


def test_jsonld_follows_the_amb_profile(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept("basis", title="Basis")
    write_concept("weiter", title="Weiter", adapted_from=["basis"], formats=["planspiel"])
    library = load_library(library_dir)
    record = concept_jsonld(library.concepts["weiter"], library, SITE_URL)
    assert record["@context"][0] == AMB_CONTEXT
    assert record["id"] == "https://konzepte.example/konzepte/weiter/"
    assert record["type"] == ["LearningResource"]
    assert record["license"] == {"id": "https://creativecommons.org/licenses/by/4.0/"}
    assert record["creator"][0] == {
        "type": "Organization",
        "name": "Zukunftszentrum Sachsen",
        "id": "https://zukunftszentrum-sachsen.example",
    }
    assert record["isBasedOn"][0]["id"] == "https://konzepte.example/konzepte/basis/"
    types = {t["id"] for t in record["learningResourceType"]}
    assert types == {
        "https://w3id.org/kim/hcrt/lesson_plan",
        "https://w3id.org/kim/hcrt/educational_game",
    }


def test_generated_front_matter_is_escaped_yaml(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(
        title='Böse </title><script>alert("t")</script>', summary='Zitat " und <b>fett</b>.'
    )
    pages = {p.path: p for p in generate_pages(load_library(library_dir), SITE_URL)}
    text = pages["konzepte/testkonzept.md"].text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Böse &lt;/title&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;"
    assert meta["description"] == "Zitat &quot; und &lt;b&gt;fett&lt;/b&gt;."
    assert "<script>" not in text


def test_every_page_kind_is_generated(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept()
    paths = {p.path for p in generate_pages(load_library(library_dir), SITE_URL)}
    expected = {"index.md", "katalog/index.md", "suche/index.md", "zentren/index.md"}
    assert expected | {"themen/index.md", "konzepte/testkonzept.md", "zentren/sachsen.md"} <= paths
    assert "themen/ki.md" in paths


def test_catalogue_data_has_every_concept_and_facet(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("a", topics=["ki", "robotik"])
    write_concept("b", center="berlin", status="entwurf")
    data = catalogue_data(load_library(library_dir))
    assert [c["id"] for c in data["concepts"]] == ["a", "b"]
    assert data["concepts"][0]["facets"]["topic"] == ["ki", "robotik"]
    assert data["concepts"][1]["facets"]["region"] == ["Berlin"]
    facets = {f["key"]: f for f in data["facets"]}
    assert set(facets) == {"topic", "format", "audience", "center", "region", "status"}
    assert {"value": "ki", "label": "Künstliche Intelligenz (KI)"} in facets["topic"]["values"]


def test_the_status_badge_explains_itself(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(status="entwurf")
    library = load_library(library_dir)
    page = next(p for p in generate_pages(library, SITE_URL) if p.path.startswith("konzepte/"))
    assert "Ausgearbeitet, aber noch nicht mit Betrieben erprobt." in page.before


def test_contact_button_writes_to_the_person_else_to_the_centre(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("mit-adresse", title="Mit Adresse", contact={"name": "E", "email": "e@z.example"})
    write_concept("ohne-adresse", title="Ohne Adresse", contact="Erika Muster")
    library = load_library(library_dir)
    pages = {p.path: p for p in generate_pages(library, SITE_URL)}
    own = pages["konzepte/mit-adresse.md"].before
    assert (
        'href="mailto:e@z.example?subject=Anfrage%20zum%20Konzept%20%E2%80%9EMit%20Adresse' in own
    )
    centre = library.centers["sachsen"].email
    assert f'href="mailto:{centre}?subject=' in pages["konzepte/ohne-adresse.md"].before
    assert "Erika Muster" in pages["konzepte/ohne-adresse.md"].before
