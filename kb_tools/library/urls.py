"""The site's URL scheme, defined once: every page address relative to the site root.

The site writes its pages where these URLs point, the API sends them in every hit, and the
JSON-LD makes them absolute; nothing else spells a path out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlencode

HOME_URL = ""
CATALOGUE_URL = "katalog/"
CENTERS_URL = "zentren/"
TOPICS_URL = "themen/"
SEARCH_URL = "suche/"
# The coordinator's overview: coverage, map, transfers, reach.
ATLAS_URL = "ueberblick/"
CONCEPTS_URL = "konzepte/"
# The editor (Decap CMS); its routes follow the hash.
ADMIN_URL = "admin/"
# Atom feed of new and updated concepts; centres and topics have their own beside their page.
FEED_URL = "feed.xml"
# Every concept's AMB record in one JSON array, for harvesters.
AMB_DUMP_URL = "amb.json"
# The taxonomy as SKOS: one page per vocabulary, each key an anchor on it.
VOCABULARY_URL = "vokabular/"
VOCABULARY_SLUGS = {"topics": "themen", "formats": "formate", "audience": "zielgruppen"}


def concept_url(concept_id: str) -> str:
    return f"{CONCEPTS_URL}{concept_id}/"


def material_url(concept_id: str, file: str) -> str:
    """A material file, copied beside its concept page: ``konzepte/x/materialien/a.pdf``."""
    return f"{concept_url(concept_id)}materialien/{quote(file)}"


def materials_zip_url(concept_id: str) -> str:
    """All material files of a concept in one ZIP."""
    return f"{concept_url(concept_id)}{concept_id}-materialien.zip"


def concept_pdf_url(concept_id: str) -> str:
    """The printable kit of a concept (Steckbrief, sections, materials, attribution)."""
    return f"{concept_url(concept_id)}{concept_id}.pdf"


def center_url(center: str) -> str:
    return f"{CENTERS_URL}{center}/"


def topic_url(topic: str) -> str:
    return f"{TOPICS_URL}{topic}/"


def center_feed_url(center: str) -> str:
    return f"{center_url(center)}feed.xml"


def topic_feed_url(topic: str) -> str:
    return f"{topic_url(topic)}feed.xml"


def vocabulary_url(scheme: str) -> str:
    """The SKOS concept scheme of a taxonomy vocabulary (``topics``): ``vokabular/themen/``."""
    return f"{VOCABULARY_URL}{VOCABULARY_SLUGS[scheme]}/"


def vocabulary_data_url(scheme: str) -> str:
    """The same scheme as JSON-LD: ``vokabular/themen.json``."""
    return f"{VOCABULARY_URL}{VOCABULARY_SLUGS[scheme]}.json"


def vocabulary_concept_uri(scheme: str, key: str) -> str:
    """A taxonomy key's URI, an anchor on its scheme page: ``vokabular/themen/#ki``.

    The key is the element id there; browsers match the fragment percent-decoded.
    """
    return f"{vocabulary_url(scheme)}#{quote(key, safe='')}"


def catalogue_url(filters: Mapping[str, Sequence[str]] | None = None) -> str:
    """The catalogue, pre-filtered: ``katalog/?topic=ki&center=sachsen``."""
    pairs = [(facet, value) for facet, values in (filters or {}).items() for value in values]
    return CATALOGUE_URL + (f"?{urlencode(pairs)}" if pairs else "")


def adopt_url(concept_id: str) -> str:
    """The editor, starting a new concept from ``concept_id`` ("Für mein Zentrum übernehmen")."""
    return f"{ADMIN_URL}?{urlencode({'von': concept_id})}"


def edit_url(center: str, concept_id: str) -> str:
    return f"{ADMIN_URL}#/collections/{center}/entries/{concept_id}"


def source_path(url: str) -> str:
    """The Markdown file MkDocs turns into ``url`` (directory URLs): ``konzepte/x/`` → ``konzepte/x.md``."""
    if url == HOME_URL:
        return "index.md"
    path = url.rstrip("/")
    return f"{path}/index.md" if url in _SECTION_INDEXES else f"{path}.md"


_SECTION_INDEXES = frozenset(
    {CATALOGUE_URL, CENTERS_URL, TOPICS_URL, SEARCH_URL, ATLAS_URL, VOCABULARY_URL}
)
