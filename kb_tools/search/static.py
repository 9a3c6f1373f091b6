"""Records for a static search index (the site's fallback when the search API is away).

Each concept becomes one record: its searchable text, the facet values to filter by, and the
hit the site's scripts render (the same :class:`SearchHit` the API sends). The text goes
through our own German analysis first: compound parts that are words of the library
("Sichtprüfung" → "Prüfung") and umlaut-free spellings are added, because a generic static
index (Pagefind) splits no compounds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from kb_tools.library import FACETS, Concept, Library, facet_values
from kb_tools.search.analysis import fold
from kb_tools.search.bm25 import LexicalIndex
from kb_tools.search.passages import body_text, lexical_text, metadata_text
from kb_tools.search.results import SearchHit

_SURFACE = re.compile(r"\w+", re.UNICODE)
ANALYSIS_LABEL = "Suchbegriffe:"


@dataclass(frozen=True)
class StaticRecord:
    url: str
    content: str
    title: str
    hit: SearchHit
    filters: dict[str, list[str]]


def static_records(library: Library) -> list[StaticRecord]:
    """One record per concept, in library order."""
    concepts = list(library)
    texts = [lexical_text(c, library) for c in concepts]
    lexical = LexicalIndex(texts)
    return [_record(c, text, lexical, library) for c, text in zip(concepts, texts, strict=True)]


def _record(concept: Concept, text: str, lexical: LexicalIndex, library: Library) -> StaticRecord:
    meta = concept.meta
    center = library.centers[meta.center]
    body = "\n".join(
        [
            metadata_text(concept, library),
            meta.summary,
            f"{center.name}, {center.region}",
            body_text(concept),
        ]
    )
    extra: dict[str, None] = {}
    for surface in dict.fromkeys(m.group().lower() for m in _SURFACE.finditer(text)):
        folded = fold(surface)
        if folded != surface:
            extra[folded] = None
        for part in lexical.compound_parts(folded):
            extra[part] = None
    # Labelled, so that an excerpt built from them reads as what it is.
    content = body + (f"\n{ANALYSIS_LABEL} " + " ".join(extra) if extra else "")
    hit = SearchHit.of(concept, library, 0.0, "", html.escape(meta.summary))
    filters = {facet: list(facet_values(concept, library, facet)) for facet in FACETS}
    return StaticRecord(concept.url, content, meta.title, hit, filters)
