"""The editor's configuration is generated from the schema, taxonomy and centres (no copy)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from kb_tools.library import (
    FIELD_NAMES,
    LICENSES,
    SECTIONS,
    STATUSES,
    ConceptMeta,
    Library,
    load_library,
    slugify,
)
from kb_tools.settings import load_settings
from kb_tools.site import cms_config, template_data, write_editor
from tests.support.library import REPO, SAMPLE_LIBRARY

SLUGS = json.loads((REPO / "tests" / "fixtures" / "slugs.json").read_text(encoding="utf-8"))
# The schema's rule for `materials`, to hold the form's checks against.
MATERIALS = TypeAdapter(ConceptMeta.model_fields["materials"].annotation)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(SAMPLE_LIBRARY)


def fields_of(config: dict, center: str) -> dict[str, dict]:
    collection = next(c for c in config["collections"] if c["name"] == center)
    return {field["name"]: field for field in collection["fields"]}


def options(field: dict) -> list[str]:
    return [option["value"] for option in field["options"]]


def test_every_front_matter_key_is_a_field_of_every_centre(library: Library) -> None:
    config = cms_config(library, load_settings(library_dir=SAMPLE_LIBRARY))
    assert [c["name"] for c in config["collections"]] == sorted(
        library.centers, key=lambda k: library.centers[k].name.casefold()
    )
    for collection in config["collections"]:
        fields = fields_of(config, collection["name"])
        assert set(FIELD_NAMES) | {"body", "kb_id"} == set(fields)
        assert fields["center"] == {
            "name": "center",
            "label": "Zentrum",
            "widget": "hidden",
            "default": collection["name"],
        }
        assert collection["folder"].endswith(f"/{collection['name']}")


def test_choices_and_labels_come_from_taxonomy_centres_and_schema(library: Library) -> None:
    fields = fields_of(cms_config(library, load_settings(library_dir=SAMPLE_LIBRARY)), "sachsen")
    assert options(fields["topics"]) == list(library.taxonomy.topics)
    labels = {o["value"]: o["label"] for o in fields["topics"]["options"]}
    assert labels == library.taxonomy.topics
    assert options(fields["formats"]) == list(library.taxonomy.formats)
    assert options(fields["audience"]) == list(library.taxonomy.audience)
    assert options(fields["status"]) == list(STATUSES)
    assert options(fields["license"]) == list(LICENSES)
    assert set(options(fields["adapted_from"])) == set(library.concepts)
    transfer_center = fields["transfers"]["fields"][0]
    assert set(options(transfer_center)) == set(library.centers)
    assert fields["topics"]["multiple"] and fields["topics"]["min"] == 1
    assert "280" in fields["summary"]["pattern"][0]
    assert all(f.get("value_type") == "int" for f in fields["group_size"]["fields"])
    headings = [line for line in fields["body"]["default"].split("\n") if line.startswith("## ")]
    assert headings == [f"## {title}" for title in SECTIONS]


def test_local_mode_edits_the_working_tree_without_a_workflow(library: Library) -> None:
    settings = load_settings(library_dir=SAMPLE_LIBRARY, cms_local_url="http://127.0.0.1:9/api/v1")
    config = cms_config(library, settings)
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:9/api/v1"}
    assert "publish_mode" not in config and config["locale"] == "de"


@pytest.mark.parametrize("backend", ["github", "gitlab"])
def test_git_hosts_save_drafts_as_pull_requests(library: Library, backend: str) -> None:
    settings = load_settings(
        library_dir=SAMPLE_LIBRARY,
        cms_backend=backend,
        cms_repo="zentren/konzepte",
        cms_branch="main",
        cms_app_id="abc",
    )
    config = cms_config(library, settings)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == backend
    assert config["backend"]["repo"] == "zentren/konzepte"
    assert config["backend"]["branch"] == "main"


def test_adopting_copies_the_content_not_the_originals_figures(library: Library) -> None:
    original = next(c for c in library if c.meta.evidence and c.meta.transfers and c.meta.contact)
    data = template_data(original)
    assert data["adapted_from"] == [original.id] and data["status"] == "entwurf"
    assert data["title"] == original.title and data["body"].strip() == original.body.strip()
    assert not {"evidence", "transfers", "contact", "center"} & set(data)


def test_the_build_writes_the_editor_with_its_config_and_templates(
    library: Library, tmp_path: Path
) -> None:
    write_editor(library, load_settings(library_dir=SAMPLE_LIBRARY), tmp_path)
    admin = tmp_path / "admin"
    assert yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8")) == json.loads(
        (admin / "config.json").read_text(encoding="utf-8")
    )
    assert {p.stem for p in (admin / "vorlagen").glob("*.json")} == set(library.concepts)
    assert "Konzept-Editor" in (admin / "index.html").read_text(encoding="utf-8")


def test_editor_and_kb_new_derive_the_same_ids() -> None:
    for case in SLUGS:
        assert slugify(case["title"]) == case["id"]


def test_uploads_land_beside_the_concept_in_its_materials_folder(library: Library) -> None:
    config = cms_config(library, load_settings(library_dir=SAMPLE_LIBRARY))
    for collection in config["collections"]:
        # Relative to the entry's folder; `{{filename}}` is the id (`<center>/<id>/`) and the
        # empty public folder stores the bare file name, as `kb validate` reads it.
        assert collection["media_folder"] == "{{filename}}"
        assert collection["public_folder"] == ""
        assert collection["slug"] == "{{fields.kb_id}}"


def test_evaluation_is_an_optional_text_after_the_evidence(library: Library) -> None:
    config = cms_config(library, load_settings(library_dir=SAMPLE_LIBRARY))
    names = [field["name"] for field in config["collections"][0]["fields"]]
    assert names[names.index("evidence") + 1] == "evaluation"
    evaluation = fields_of(config, "sachsen")["evaluation"]
    assert evaluation["widget"] == "text" and evaluation["required"] is False
    assert evaluation["label"] == "Auswertung der Erprobung"
    assert evaluation["hint"] == ConceptMeta.model_fields["evaluation"].description


def test_materials_are_a_list_of_title_file_or_address_licence_and_description(
    library: Library,
) -> None:
    fields = fields_of(cms_config(library, load_settings(library_dir=SAMPLE_LIBRARY)), "sachsen")
    materials = fields["materials"]
    assert materials["widget"] == "list" and materials["required"] is False
    assert materials["label"] == "Materialien"
    parts = {field["name"]: field for field in materials["fields"]}
    assert {name: field["widget"] for name, field in parts.items()} == {
        "title": "string",
        "file": "file",
        "url": "string",
        "license": "select",
        "description": "text",
    }
    assert "required" not in parts["title"]
    assert all(parts[name]["required"] is False for name in ("file", "url", "license"))
    assert parts["license"]["options"] is fields["license"]["options"]
    assert all(field["hint"] for field in parts.values())


@pytest.mark.parametrize(
    "url",
    [
        "https://beispiel.de/datei.pdf",
        "https://beispiel.de",
        " https://beispiel.de/a?b=c ",
        "http://beispiel.de/datei.pdf",
        "ftp://beispiel.de/datei.pdf",
        "https://localhost/datei.pdf",
        "https://beispiel.de/mit leerzeichen",
        "beispiel.de/datei.pdf",
    ],
)
def test_the_forms_address_check_agrees_with_the_schema(library: Library, url: str) -> None:
    fields = fields_of(cms_config(library, load_settings(library_dir=SAMPLE_LIBRARY)), "sachsen")
    url_field = next(f for f in fields["materials"]["fields"] if f["name"] == "url")
    pattern, message = url_field["pattern"]
    try:
        MATERIALS.validate_python([{"title": "Material", "url": url}])
        accepted = True
    except ValidationError:
        accepted = False
    assert bool(re.search(pattern, url)) == accepted
    assert "https://" in message
