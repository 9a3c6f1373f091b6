"""A concept as a list shows it, with its evidence and lineage: ``kb list --json`` and
``GET /api/concepts`` emit exactly these entries, so the two cannot drift apart.

Field descriptions feed the German OpenAPI docs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from kb_tools.library.evidence import evidence_text
from kb_tools.library.facets import facet_label
from kb_tools.library.model import Concept, Library

Sort = Literal["updated", "title"]
SORTS: tuple[str, ...] = get_args(Sort)


class EntryModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class Label(EntryModel):
    """A taxonomy key with its German label."""

    key: str = Field(description="Schlüssel, wie er in Filtern verwendet wird.")
    label: str = Field(description="Deutsche Bezeichnung.")


class CatalogueCenter(EntryModel):
    key: str = Field(description="Schlüssel des Zentrums.")
    name: str = Field(description="Name des Zentrums.")
    region: str = Field(description="Region des Zentrums.")


class CatalogueEvidence(EntryModel):
    """How often the concept was tried out, in figures and in words."""

    companies: int = Field(description="Anzahl beteiligter Betriebe.")
    participants: int = Field(description="Anzahl Teilnehmender.")
    since: dt.date = Field(description="Erprobt seit.")
    text: str = Field(
        description="Die Erprobung in Worten, z. B. „erprobt in 3 Betrieben mit 40 "
        "Teilnehmenden seit März 2024“ (bei Angeboten für Selbstständige zählen Personen)."
    )


class CatalogueLink(EntryModel):
    """Another concept of the library."""

    id: str = Field(description="Konzept-ID.")
    title: str = Field(description="Titel.")
    url: str = Field(description="Seite des Konzepts, relativ zur Wurzel der Website.")


class CatalogueTransfer(EntryModel):
    center: str = Field(description="Schlüssel des übernehmenden Zentrums.")
    center_name: str = Field(description="Name des übernehmenden Zentrums.")
    date: dt.date = Field(description="Datum der Übernahme.")
    note: str | None = Field(description="Was dabei angepasst wurde.")
    informal: bool = Field(
        description="Das Zentrum führt das Konzept ohne eigene Fassung in der Bibliothek durch."
    )


class CatalogueEntry(EntryModel):
    """One concept of the catalogue: metadata, evidence and lineage, without its text."""

    id: str = Field(description="Konzept-ID.")
    title: str = Field(description="Titel.")
    summary: str = Field(description="Kurzbeschreibung.")
    url: str = Field(description="Seite des Konzepts, relativ zur Wurzel der Website.")
    center: CatalogueCenter
    status: str = Field(description="entwurf, erprobt oder transferiert.")
    topics: list[Label]
    formats: list[Label]
    audience: list[Label]
    duration: str | None = Field(description="Dauer, z. B. „2 × 4 Stunden“.")
    updated: dt.date = Field(description="Zuletzt aktualisiert.")
    evidence: CatalogueEvidence | None = Field(description="Erprobung; fehlt bei Entwürfen.")
    adapted_from: list[CatalogueLink] = Field(description="Konzepte, auf denen dieses aufbaut.")
    adapted_by: list[CatalogueLink] = Field(description="Konzepte, die auf diesem aufbauen.")
    transfers: list[CatalogueTransfer] = Field(description="Übernahmen durch andere Zentren.")

    @classmethod
    def of(cls, concept: Concept, library: Library) -> CatalogueEntry:
        meta = concept.meta
        center = library.centers[meta.center]
        evidence = meta.evidence
        return cls(
            id=concept.id,
            title=meta.title,
            summary=meta.summary,
            url=concept.url,
            center=CatalogueCenter(key=meta.center, name=center.name, region=center.region),
            status=meta.status,
            topics=labels(library, "topics", meta.topics),
            formats=labels(library, "formats", meta.formats),
            audience=labels(library, "audience", meta.audience),
            duration=meta.duration,
            updated=meta.updated,
            evidence=CatalogueEvidence(
                companies=evidence.companies,
                participants=evidence.participants,
                since=evidence.since,
                text=evidence_text(meta, library.taxonomy) or "",
            )
            if evidence
            else None,
            adapted_from=[_link(source) for source in library.sources(concept)],
            adapted_by=[_link(child) for child in library.derived(concept.id)],
            transfers=transfer_entries(concept, library),
        )


def title_key(title: str) -> str:
    """A German sort key: case, accents and umlauts do not count ("Ärger" sorts as "arger",
    "Straße" as "strasse"), as in DIN 5007 variant 1, without a locale installed."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sort_concepts(concepts: Iterable[Concept], sort: str) -> list[Concept]:
    """``updated``: newest first, ties by title; ``title``: A–Z. The id breaks every tie."""
    if sort == "title":
        return sorted(concepts, key=lambda c: (title_key(c.title), c.id))
    if sort == "updated":
        return sorted(
            concepts, key=lambda c: (-c.meta.updated.toordinal(), title_key(c.title), c.id)
        )
    raise ValueError(f"unknown sort {sort!r}; expected one of {SORTS}")


def labels(library: Library, vocabulary: str, keys: list[str]) -> list[Label]:
    """Taxonomy keys with their German labels (``vocabulary``: topics, formats, audience)."""
    return [Label(key=key, label=library.label(vocabulary, key)) for key in keys]


def transfer_entries(concept: Concept, library: Library) -> list[CatalogueTransfer]:
    """The concept's transfers with the taking centre's name (catalogue and concept detail)."""
    return [
        CatalogueTransfer(
            center=t.center,
            center_name=facet_label(library, "center", t.center),
            date=t.date,
            note=t.note,
            informal=t.informal,
        )
        for t in concept.meta.transfers
    ]


def _link(concept: Concept) -> CatalogueLink:
    return CatalogueLink(id=concept.id, title=concept.title, url=concept.url)
