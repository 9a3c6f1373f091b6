"""What OER search engines such as OERSI harvest: the AMB records' fields and amb.json."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kb_tools.library import AMB_DUMP_URL, concept_url, load_library, material_url
from kb_tools.site import build_site
from tests.support.amb import amb_errors
from tests.support.materials import make_png
from tests.support.site import SITE_URL, BuiltSite, parse, settings_for

pytestmark = pytest.mark.slow

HFS = "https://w3id.org/kim/hochschulfaechersystematik/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from tests.support.library import concept_text, empty_library

    root = tmp_path_factory.mktemp("harvest-site")
    library_dir = empty_library(root)
    (library_dir / "sachsen").mkdir()
    make_png(library_dir / "sachsen" / "bebildert" / "ablauf.png")
    texts = {
        "bebildert": concept_text(
            title="Bebildertes Konzept",
            topics=["ki", "datenschutz"],
            updated="2026-03-02",
            materials=[
                {"title": "Leitfaden", "url": "https://example.org/leitfaden"},
                {"title": "Ablaufgrafik", "file": "ablauf.png"},
            ],
        ),
        "schlicht": concept_text(title="Schlichtes Konzept", adapted_from=["bebildert"]),
    }
    for concept_id, text in texts.items():
        (library_dir / "sachsen" / f"{concept_id}.md").write_text(text, encoding="utf-8")
    settings = settings_for(library_dir, root)
    build_site(settings)
    return BuiltSite(load_library(library_dir), settings.site_dir, settings)


def records(built: BuiltSite) -> dict[str, dict[str, Any]]:
    """amb.json by concept URL."""
    data = json.loads((built.site / AMB_DUMP_URL).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return {record["id"]: record for record in data}


def record(built: BuiltSite, concept_id: str) -> dict[str, Any]:
    return records(built)[SITE_URL + concept_url(concept_id)]


def test_amb_json_holds_one_valid_record_per_concept(built: BuiltSite) -> None:
    dump = records(built)
    assert set(dump) == {SITE_URL + concept_url(c.id) for c in built.library}
    for url, entry in dump.items():
        assert amb_errors(entry) == [], url


def test_amb_json_holds_the_records_of_the_concept_pages(built: BuiltSite) -> None:
    for concept in built.library:
        [block] = parse(built.html(concept.url)).jsonld
        assert json.loads(block) == record(built, concept.id)


def test_the_metadata_page_names_the_library_as_provider(built: BuiltSite) -> None:
    [page] = record(built, "bebildert")["mainEntityOfPage"]
    assert page["id"] == SITE_URL + concept_url("bebildert")
    assert page["provider"] == {
        "id": SITE_URL,
        "type": "Service",
        "name": "Konzeptbibliothek der Zukunftszentren",
    }
    assert page["dateModified"] == "2026-03-02"


def test_a_record_keeps_the_centre_and_dates_the_last_change(built: BuiltSite) -> None:
    entry = record(built, "bebildert")
    assert [org["name"] for org in entry["sourceOrganization"]] == ["Zukunftszentrum Sachsen"]
    assert entry["datePublished"] == entry["dateModified"] == "2026-03-02"


def test_a_record_says_no_login_is_needed_and_who_funds_the_programme(built: BuiltSite) -> None:
    entry = record(built, "schlicht")
    assert entry["conditionsOfAccess"]["id"] == "http://w3id.org/kim/conditionsOfAccess/no_login"
    assert entry["conditionsOfAccess"]["prefLabel"] == {"de": "Keine Anmeldung erforderlich"}
    assert [funder["name"] for funder in entry["funder"]] == [
        "Bundesministerium für Arbeit und Soziales",
        "Europäischer Sozialfonds Plus (ESF Plus)",
    ]


def test_about_names_an_amb_subject_then_our_topic_uris(built: BuiltSite) -> None:
    subject, *topics = record(built, "bebildert")["about"]
    assert subject["id"].startswith(HFS)
    assert [t["id"] for t in topics] == [
        SITE_URL + "vokabular/themen/#ki",
        SITE_URL + "vokabular/themen/#datenschutz",
    ]
    assert topics[1]["prefLabel"] == {"de": "Datenschutz"}
    vocabulary = built.html("vokabular/themen/")
    assert all(f'id="{t["id"].rpartition("#")[2]}"' in vocabulary for t in topics)


def test_amb_rejects_about_with_our_uris_alone(built: BuiltSite) -> None:
    """Why the record carries a Hochschulfächersystematik subject at all."""
    entry = record(built, "schlicht")
    entry["about"] = [t for t in entry["about"] if not t["id"].startswith(HFS)]
    assert amb_errors(entry)


def test_an_image_material_becomes_the_records_image(built: BuiltSite) -> None:
    image = record(built, "bebildert")["image"]
    assert image == SITE_URL + material_url("bebildert", "ablauf.png")
    assert (built.site / image.removeprefix(SITE_URL)).is_file()
    assert "image" not in record(built, "schlicht")
