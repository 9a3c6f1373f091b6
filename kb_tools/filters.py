"""Facet filters shared by ``kb list``, ``kb search`` and the API: OR within one, AND across."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields

from kb_tools.errors import UnknownFilterValue
from kb_tools.library import Concept, Library
from kb_tools.problems import did_you_mean
from kb_tools.schema import STATUSES

FACETS = ("topic", "format", "audience", "center", "region", "status")
FACET_LABELS = {
    "topic": "Thema",
    "format": "Format",
    "audience": "Zielgruppe",
    "center": "Zentrum",
    "region": "Region",
    "status": "Status",
}


@dataclass(frozen=True)
class Filters:
    """Selected values per facet; an empty tuple means "no restriction"."""

    topic: tuple[str, ...] = ()
    format: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    center: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    status: tuple[str, ...] = ()

    @classmethod
    def of(cls, **values: Iterable[str] | None) -> Filters:
        return cls(**{key: tuple(v for v in (value or ()) if v) for key, value in values.items()})

    def active(self) -> dict[str, tuple[str, ...]]:
        # FACETS names the fields; dataclasses.fields() was a third of a search's own time.
        return {facet: getattr(self, facet) for facet in FACETS if getattr(self, facet)}

    def check(self, library: Library) -> None:
        """Raise :class:`UnknownFilterValue` naming the first value the library does not know."""
        for facet, values in self.active().items():
            known = allowed_values(library, facet)
            for value in values:
                if value not in known:
                    raise UnknownFilterValue(
                        f"Unbekannter Wert für Filter '{facet}' ({FACET_LABELS[facet]}): "
                        f"'{value}'{did_you_mean(value, known)}"
                    )

    def matches(self, concept: Concept, library: Library) -> bool:
        return all(
            set(values) & set(facet_values(concept, library, facet))
            for facet, values in self.active().items()
        )


assert tuple(f.name for f in fields(Filters)) == FACETS, "Filters.active() relies on this"


def allowed_values(library: Library, facet: str) -> list[str]:
    if facet in ("topic", "format", "audience"):
        vocabulary = {"topic": "topics", "format": "formats", "audience": "audience"}[facet]
        return list(library.taxonomy.vocabulary(vocabulary))
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
    if facet in ("topic", "format", "audience"):
        return library.label(
            {"topic": "topics", "format": "formats", "audience": "audience"}[facet], value
        )
    if facet == "center":
        return library.centers[value].name if value in library.centers else value
    if facet == "status":
        return {"entwurf": "Entwurf", "erprobt": "Erprobt", "transferiert": "Transferiert"}.get(
            value, value
        )
    return value
