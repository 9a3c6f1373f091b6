"""Per-concept metadata as JSON-LD following the AMB profile, so OER indexes can harvest it.

AMB ("Allgemeines Metadatenprofil für Bildungsressourcen", https://w3id.org/kim/amb/) is
schema.org ``LearningResource`` with controlled vocabularies for audience and resource type.
The records carry what OER search engines such as OERSI read: the metadata provider, access
conditions, funders, subjects; ``amb.json`` holds all of them for a harvester.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb_tools.library import (
    AMB_DUMP_URL,
    LICENSE_URLS,
    Concept,
    Library,
    MaterialFile,
    concept_pdf_url,
    concept_url,
    material_url,
    vocabulary_concept_uri,
)
from kb_tools.site.fragments import safe_url

AMB_CONTEXT = "https://w3id.org/kim/amb/context.jsonld"
HCRT = "https://w3id.org/kim/hcrt/"
AUDIENCE_ROLE = "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/"
# Every concept describes how to run a training: an HCRT "lesson plan" (Unterrichtsplanung).
LESSON_PLAN = {"id": f"{HCRT}lesson_plan", "prefLabel": {"de": "Unterrichtsplanung"}}
FORMAT_TYPES = {
    "planspiel": ("educational_game", "Lernspiel"),
    "e-learning": ("course", "Kurs"),
    "blended-learning": ("course", "Kurs"),
    "seminar": ("course", "Kurs"),
    "webinar": ("course", "Kurs"),
    "workshop": ("course", "Kurs"),
}
AUDIENCE_ROLES = {
    "auszubildende": ("student", "Lernende"),
    "weiterbildungspersonal": ("teacher", "Lehrende"),
}
DEFAULT_ROLE = ("professional", "Berufstätige")
# AMB wants at least one subject from the Hochschulfächersystematik or the school subjects;
# every concept is a design for adult further training. Our own topic URIs follow it.
SUBJECT = {
    "id": "https://w3id.org/kim/hochschulfaechersystematik/n321",
    "type": "Concept",
    "prefLabel": {"de": "Erwachsenenbildung und außerschulische Jugendbildung"},
}
NO_LOGIN = {
    "id": "http://w3id.org/kim/conditionsOfAccess/no_login",
    "type": "Concept",
    "prefLabel": {"de": "Keine Anmeldung erforderlich"},
}
# The programme "Zukunftszentren" is funded by the federal labour ministry and the ESF Plus.
FUNDERS = [
    {"type": "Organization", "name": "Bundesministerium für Arbeit und Soziales"},
    {"type": "FundingScheme", "name": "Europäischer Sozialfonds Plus (ESF Plus)"},
]
LIBRARY_NAME = "Konzeptbibliothek der Zukunftszentren"
# Materials that can stand for a concept in a search engine's hit list.
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/webp")


def concept_jsonld(concept: Concept, library: Library, site_url: str) -> dict[str, Any]:
    """The AMB record of one concept; ``site_url`` makes the ids absolute."""
    meta = concept.meta
    base = site_url.rstrip("/") + "/"
    center = library.centers[meta.center]
    organization: dict[str, Any] = {"type": "Organization", "name": center.name}
    if safe_url(center.url):
        organization["id"] = center.url
    topics = [library.label("topics", key) for key in meta.topics]
    page = {
        "id": base + concept_url(concept.id),
        "type": "WebContent",
        "provider": {"id": base, "type": "Service", "name": LIBRARY_NAME},
        "dateModified": meta.updated.isoformat(),
    }
    record: dict[str, Any] = {
        "@context": [AMB_CONTEXT, {"@language": "de"}],
        "id": base + concept_url(concept.id),
        "type": ["LearningResource"],
        "name": meta.title,
        "description": meta.summary,
        "about": [SUBJECT, *_subjects(meta.topics, library, base)],
        "keywords": _unique([*topics, *meta.keywords]),
        "inLanguage": ["de"],
        "license": {"id": LICENSE_URLS[meta.license]},
        # The front matter has no publication date; the last change is the closest there is.
        "datePublished": meta.updated.isoformat(),
        "dateModified": meta.updated.isoformat(),
        "creator": [organization],
        "sourceOrganization": [organization],
        "audience": _audience(meta.audience),
        "learningResourceType": _resource_types(meta.formats),
        "isAccessibleForFree": True,
        "conditionsOfAccess": NO_LOGIN,
        "funder": FUNDERS,
        "mainEntityOfPage": [page],
    }
    if image := _image(concept, base):
        record["image"] = image
    pdf = {"type": "MediaObject", "contentUrl": base + concept_pdf_url(concept.id)}
    record["encoding"] = [
        {**pdf, "encodingFormat": "application/pdf"},
        *(_media(concept, m, base) for m in concept.materials if m.file is not None),
    ]
    if concept.materials:
        record["hasPart"] = [_part(concept, m, base) for m in concept.materials]
    based_on = library.sources(concept)
    if based_on:
        record["isBasedOn"] = [
            {"id": base + concept_url(c.id), "type": ["LearningResource"], "name": c.meta.title}
            for c in based_on
        ]
    return record


def write_amb_dump(library: Library, site_url: str, site_dir: Path) -> int:
    """Every concept's record in one JSON array (``amb.json``); returns how many."""
    records = [concept_jsonld(concept, library, site_url) for concept in library]
    text = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    (site_dir / AMB_DUMP_URL).write_text(text, encoding="utf-8")
    return len(records)


def script_json(data: Any) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _media(concept: Concept, material: MaterialFile, base: str) -> dict[str, Any]:
    """A material file as an AMB ``MediaObject``: download URL, media type, size in bytes."""
    assert material.file is not None
    return {
        "type": "MediaObject",
        "contentUrl": base + material_url(concept.id, material.file),
        "encodingFormat": material.mime,
        "contentSize": str(material.size),
        "sha256": material.sha256,
    }


def _part(concept: Concept, material: MaterialFile, base: str) -> dict[str, Any]:
    """A material as a part of the concept, with its own licence and (for files) encoding."""
    part: dict[str, Any] = {
        "id": material.url or base + material_url(concept.id, material.file or ""),
        "type": ["LearningResource"],
        "name": material.title,
        "license": {"id": LICENSE_URLS[material.license]},
    }
    if material.description:
        part["description"] = material.description
    if material.file is not None:
        part["encoding"] = [_media(concept, material, base)]
    return part


def _subjects(keys: list[str], library: Library, base: str) -> list[dict[str, Any]]:
    """The concept's topics as concepts of our SKOS vocabulary (vokabular/themen/)."""
    return [
        {
            "id": base + vocabulary_concept_uri("topics", key),
            "type": "Concept",
            "prefLabel": {"de": library.label("topics", key)},
        }
        for key in keys
    ]


def _image(concept: Concept, base: str) -> str | None:
    """The first image among the material files, as an absolute URL."""
    for material in concept.materials:
        if material.file is not None and material.mime in IMAGE_TYPES:
            return base + material_url(concept.id, material.file)
    return None


def _audience(keys: list[str]) -> list[dict[str, Any]]:
    roles = _unique(AUDIENCE_ROLES.get(key, DEFAULT_ROLE) for key in keys)
    return [
        {"id": AUDIENCE_ROLE + role, "type": "Concept", "prefLabel": {"de": label}}
        for role, label in roles
    ]


def _resource_types(formats: list[str]) -> list[dict[str, Any]]:
    extra = _unique(FORMAT_TYPES[key] for key in formats if key in FORMAT_TYPES)
    types = [LESSON_PLAN] + [
        {"id": HCRT + slug, "prefLabel": {"de": label}} for slug, label in extra
    ]
    return [{**t, "type": "Concept"} for t in types]


def _unique(items: Any) -> list[Any]:
    return list(dict.fromkeys(items))
