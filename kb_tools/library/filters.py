"""Facet filters shared by ``kb list``, ``kb search`` and the API: OR within one, AND across."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from kb_tools.errors import UnknownFilterValue
from kb_tools.library.facets import FACET_LABELS, FACETS, allowed_values, facet_values
from kb_tools.library.model import Concept, Library
from kb_tools.problems import did_you_mean


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
