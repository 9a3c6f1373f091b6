"""The taxonomy as SKOS: one concept scheme per vocabulary, each key a concept with a stable URI.

A key's URI is an anchor on its vocabulary page (``vokabular/themen/#ki``): whoever follows it
lands on the label and what the library holds under it. The AMB records name their topics by
these URIs; the build writes each scheme beside its page as ``vokabular/themen.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb_tools.library import Library, vocabulary_concept_uri, vocabulary_data_url, vocabulary_url

# Taxonomy vocabulary → the title of its concept scheme.
SCHEMES = {"topics": "Themen", "formats": "Formate", "audience": "Zielgruppen"}
SCHEME_DESCRIPTIONS = {
    "topics": "Die Themen, denen die Konzepte der Bibliothek zugeordnet sind.",
    "formats": "Die Lehr- und Lernformate der Konzepte.",
    "audience": "Die Zielgruppen, für die die Konzepte gedacht sind.",
}
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
# Inline, so the records read offline; keys as in SkoHub's SKOS JSON-LD.
SKOS_CONTEXT: dict[str, Any] = {
    "id": "@id",
    "type": "@type",
    "skos": SKOS,
    "dct": DCT,
    "ConceptScheme": "skos:ConceptScheme",
    "Concept": "skos:Concept",
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description", "@container": "@language"},
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "notation": {"@id": "skos:notation"},
    "hasTopConcept": {"@id": "skos:hasTopConcept"},
    "inScheme": {"@id": "skos:inScheme"},
    "topConceptOf": {"@id": "skos:topConceptOf"},
}


def scheme_jsonld(library: Library, scheme: str, site_url: str) -> dict[str, Any]:
    """The ``skos:ConceptScheme`` of one vocabulary (``topics``, …) with every key as a top
    concept; ``site_url`` makes the URIs absolute."""
    base = site_url.rstrip("/") + "/"
    scheme_id = {"id": base + vocabulary_url(scheme)}
    concepts = [
        {
            "id": base + vocabulary_concept_uri(scheme, key),
            "type": "Concept",
            "prefLabel": {"de": label},
            "notation": [key],
            "inScheme": scheme_id,
            "topConceptOf": scheme_id,
        }
        for key, label in library.taxonomy.vocabulary(scheme).items()
    ]
    return {
        "@context": SKOS_CONTEXT,
        **scheme_id,
        "type": "ConceptScheme",
        "title": {"de": f"{SCHEMES[scheme]} der Konzeptbibliothek"},
        "description": {"de": SCHEME_DESCRIPTIONS[scheme]},
        "hasTopConcept": concepts,
    }


def write_vocabularies(library: Library, site_url: str, site_dir: Path) -> int:
    """Write every concept scheme as JSON-LD into the built site; returns how many."""
    for scheme in SCHEMES:
        target = site_dir / vocabulary_data_url(scheme)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = scheme_jsonld(library, scheme, site_url)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(SCHEMES)
