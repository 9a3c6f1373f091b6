"""The six facets of the library, defined once: keys, German labels, values and counts.

``kb list``, ``kb search``, the API, the catalogue and the site's scripts (through the
``facets.json`` the build writes) all take their facets from here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from kb_tools.library.model import Concept, Library
from kb_tools.library.schema import STATUS_LABELS, STATUSES

FACETS = ("topic", "format", "audience", "center", "region", "status")
FACET_LABELS = {
    "topic": "Thema",
    "format": "Format",
    "audience": "Zielgruppe",
    "center": "Zentrum",
    "region": "Region",
    "status": "Status",
}
# The taxonomy vocabulary behind each taxonomy facet.
FACET_VOCABULARIES = {"topic": "topics", "format": "formats", "audience": "audience"}


def allowed_values(library: Library, facet: str) -> list[str]:
    """Every value ``facet`` can take in ``library``, in display order."""
    if facet in FACET_VOCABULARIES:
        return list(library.taxonomy.vocabulary(FACET_VOCABULARIES[facet]))
    if facet == "center":
        return list(library.centers)
    if facet == "region":
        return sorted({center.region for center in library.centers.values()})
    return list(STATUSES)


def facet_values(concept: Concept, library: Library, facet: str) -> tuple[str, ...]:
    return all_facet_values(concept, library)[facet]


def all_facet_values(concept: Concept, library: Library) -> dict[str, tuple[str, ...]]:
    meta = concept.meta
    return {
        "topic": tuple(meta.topics),
        "format": tuple(meta.formats),
        "audience": tuple(meta.audience),
        "center": (meta.center,),
        "region": (library.region(meta.center),),
        "status": (meta.status,),
    }


def facet_counts(concepts: Iterable[Concept], library: Library) -> dict[str, dict[str, int]]:
    """How many of ``concepts`` carry each value, per facet (values with zero left out)."""
    # Collect, then count once per facet: 3x faster than Counter.update per concept, and the
    # search runs this over every match of every query.
    found: dict[str, list[str]] = {facet: [] for facet in FACETS}
    for concept in concepts:
        for facet, values in all_facet_values(concept, library).items():
            found[facet].extend(values)
    return {facet: dict(Counter(values).most_common()) for facet, values in found.items()}


def facet_label(library: Library, facet: str, value: str) -> str:
    """Human label for a facet value (taxonomy label, centre name, …)."""
    if facet in FACET_VOCABULARIES:
        return library.label(FACET_VOCABULARIES[facet], value)
    if facet == "center":
        return library.centers[value].name if value in library.centers else value
    if facet == "status":
        return STATUS_LABELS.get(value, value)
    return value


def facet_data(library: Library) -> list[dict[str, Any]]:
    """Every facet with its values and labels in display order (centres by name): what the
    catalogue and the site's scripts read."""
    data = []
    for facet in FACETS:
        values = allowed_values(library, facet)
        if facet == "center":
            values = sorted(values, key=lambda key: library.centers[key].name.casefold())
        data.append(
            {
                "key": facet,
                "label": FACET_LABELS[facet],
                "values": [{"value": v, "label": facet_label(library, facet, v)} for v in values],
            }
        )
    return data
