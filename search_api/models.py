"""Response models of the API, one per resource; field descriptions feed the German OpenAPI docs.

Search hits and result pages are the search engine's own models (:mod:`kb_tools.search`), so
``kb search --json`` and ``/api/search`` cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kb_tools.library import (
    FACET_LABELS,
    FACETS,
    LICENSE_URLS,
    Atlas,
    CatalogueEntry,
    CatalogueTransfer,
    Concept,
    Label,
    Library,
    MaterialFile,
    allowed_values,
    center_url,
    concept_pdf_url,
    facet_counts,
    facet_label,
    labels,
    material_url,
    transfer_entries,
)
from kb_tools.search import SearchHit, SearchResults, SimilarResults


class ApiModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class ErrorResponse(ApiModel):
    """The one error shape of every 4xx and 5xx answer."""

    detail: str = Field(description="Fehlermeldung auf Deutsch.", examples=["Unbekanntes Konzept"])


class CenterRef(ApiModel):
    key: str = Field(description="Schlüssel des Zentrums.")
    name: str = Field(description="Name des Zentrums.")
    region: str = Field(description="Region.")
    url: str = Field(description="Seite des Zentrums, relativ zur Wurzel der Website.")
    website: str | None = Field(description="Website des Zentrums.")
    email: str | None = Field(description="Kontaktadresse des Zentrums.")


class ConceptRef(ApiModel):
    id: str = Field(description="Konzept-ID.")
    title: str = Field(description="Titel.")
    center: str = Field(description="Schlüssel des Zentrums.")
    url: str = Field(description="Seite des Konzepts, relativ zur Wurzel der Website.")


class Lineage(ApiModel):
    """Where a concept came from and where it went."""

    adapted_from: list[ConceptRef] = Field(description="Konzepte, auf denen dieses aufbaut.")
    derived: list[ConceptRef] = Field(description="Konzepte, die auf diesem aufbauen.")
    transfers: list[CatalogueTransfer] = Field(description="Übernahmen durch andere Zentren.")


class GroupSize(ApiModel):
    min: int
    max: int


class Evidence(ApiModel):
    companies: int = Field(description="Anzahl beteiligter Betriebe.")
    participants: int = Field(description="Anzahl Teilnehmender.")
    since: dt.date = Field(description="Erprobt seit.")


class ContactOut(ApiModel):
    name: str = Field(description="Ansprechperson.")
    email: str | None = Field(description="E-Mail-Adresse (sonst die des Zentrums nutzen).")
    phone: str | None = Field(description="Telefon.")
    url: str | None = Field(description="Webseite.")


class MaterialOut(ApiModel):
    title: str = Field(description="Titel des Materials.")
    url: str = Field(
        description="Download relativ zur Wurzel der Website, oder eine externe https-Adresse."
    )
    type: str = Field(description="Art der Datei, z. B. „PDF“ oder „Link“.")
    media_type: str | None = Field(description="Medientyp (MIME), bei Dateien.")
    size: int | None = Field(description="Größe in Byte, bei Dateien.")
    license: str = Field(description="Lizenz (SPDX-Kennung); ohne Angabe die des Konzepts.")
    description: str | None = Field(description="Wofür das Material gedacht ist.")

    @classmethod
    def of(cls, concept: Concept, material: MaterialFile) -> MaterialOut:
        is_file = material.file is not None
        return cls(
            title=material.title,
            url=material_url(concept.id, material.file) if material.file else material.url or "",
            type=material.label,
            media_type=material.mime if is_file else None,
            size=material.size if is_file else None,
            license=material.license,
            description=material.description,
        )


class SectionOut(ApiModel):
    title: str = Field(description="Überschrift (H2).")
    text: str = Field(description="Inhalt als Markdown.")


class ConceptDetail(ApiModel):
    """A concept with all metadata, its Markdown body and its lineage."""

    id: str
    title: str
    summary: str
    url: str = Field(description="Seite des Konzepts, relativ zur Wurzel der Website.")
    center: CenterRef
    status: str = Field(description="entwurf, erprobt oder transferiert.")
    topics: list[Label]
    formats: list[Label]
    audience: list[Label]
    license: str = Field(description="Lizenz (SPDX-Kennung).")
    license_url: str
    updated: dt.date = Field(description="Zuletzt aktualisiert.")
    duration: str | None
    group_size: GroupSize | None
    industries: list[str]
    keywords: list[str]
    contact: ContactOut | None
    evidence: Evidence | None
    evaluation: str | None = Field(description="Wie die Ergebnisse der Erprobung erhoben wurden.")
    materials: list[MaterialOut] = Field(description="Dateien und Links zum Konzept.")
    pdf_url: str = Field(description="Das Konzept als PDF, relativ zur Wurzel der Website.")
    body: str = Field(description="Der ganze Text als Markdown.")
    sections: list[SectionOut] = Field(description="Die H2-Abschnitte des Textes.")
    lineage: Lineage

    @classmethod
    def of(cls, concept: Concept, library: Library) -> ConceptDetail:
        meta = concept.meta
        center = library.centers[meta.center]
        return cls(
            id=concept.id,
            title=meta.title,
            summary=meta.summary,
            url=concept.url,
            center=CenterRef(
                key=meta.center,
                name=center.name,
                region=center.region,
                url=center_url(meta.center),
                website=center.url,
                email=center.email,
            ),
            status=meta.status,
            topics=labels(library, "topics", meta.topics),
            formats=labels(library, "formats", meta.formats),
            audience=labels(library, "audience", meta.audience),
            license=meta.license,
            license_url=LICENSE_URLS[meta.license],
            updated=meta.updated,
            duration=meta.duration,
            group_size=GroupSize(**meta.group_size.model_dump()) if meta.group_size else None,
            industries=list(meta.industries),
            keywords=list(meta.keywords),
            contact=ContactOut(**meta.contact.model_dump()) if meta.contact else None,
            evidence=Evidence(**meta.evidence.model_dump()) if meta.evidence else None,
            evaluation=meta.evaluation,
            materials=[MaterialOut.of(concept, m) for m in concept.materials],
            pdf_url=concept_pdf_url(concept.id),
            body=concept.body,
            sections=[SectionOut(title=s.title, text=s.text) for s in concept.sections],
            lineage=Lineage(
                adapted_from=[concept_ref(source) for source in library.sources(concept)],
                derived=[concept_ref(other) for other in library.derived(concept.id)],
                transfers=transfer_entries(concept, library),
            ),
        )


class FacetValue(ApiModel):
    value: str = Field(description="Wert, wie er als Filter übergeben wird.")
    label: str = Field(description="Deutsche Bezeichnung.")
    count: int = Field(description="Anzahl der Konzepte mit diesem Wert (auch 0).")


class Facet(ApiModel):
    label: str = Field(description="Deutsche Bezeichnung des Filters.")
    values: list[FacetValue]


class Facets(ApiModel):
    """Every filter with all of its values, labels and counts over the whole library."""

    total: int = Field(description="Anzahl aller Konzepte.")
    facets: dict[str, Facet] = Field(
        description="Je Filter (topic, format, audience, center, region, status) seine Werte."
    )

    @classmethod
    def of(cls, library: Library) -> Facets:
        counts = facet_counts(library, library)
        return cls(
            total=len(library),
            facets={
                facet: Facet(
                    label=FACET_LABELS[facet],
                    values=[
                        FacetValue(
                            value=value,
                            label=facet_label(library, facet, value),
                            count=counts[facet].get(value, 0),
                        )
                        for value in allowed_values(library, facet)
                    ],
                )
                for facet in FACETS
            },
        )


class ConceptList(ApiModel):
    """One page of the catalogue plus facet counts over every matching concept."""

    total: int = Field(description="Anzahl aller passenden Konzepte (nicht nur dieser Seite).")
    results: list[CatalogueEntry] = Field(description="Die Konzepte dieser Seite.")
    facets: dict[str, dict[str, int]] = Field(
        description="Je Filter (topic, format, …): Anzahl der passenden Konzepte je Wert."
    )


class StatsTable(ApiModel):
    """One table of the overview, as the atlas page and ``kb report`` show it."""

    key: str = Field(description="Kennung der Tabelle, z. B. 'zentren-themen'.")
    title: str = Field(description="Überschrift.")
    counts: str = Field(description="Was die Zahlen zählen, in einem Satz.")
    columns: list[str] = Field(description="Spaltennamen.")
    rows: list[list[str | int]] = Field(description="Zeilen, Zellen in Spaltenreihenfolge.")


class Stats(ApiModel):
    """Every figure of the overview (``ueberblick/``) for the coordinating centre."""

    totals: dict[str, int] = Field(
        description="Kennzahlen über die ganze Bibliothek, z. B. „Konzepte“ oder „Betriebe“."
    )
    tables: list[StatsTable] = Field(description="Alle Tabellen des Überblicks, in Seitenfolge.")

    @classmethod
    def of(cls, library: Library) -> Stats:
        return cls.model_validate(Atlas(library).as_dict())


class Health(ApiModel):
    """State of the loaded index."""

    status: str = Field(description="'ok', sobald Bibliothek, Index und Modell geladen sind.")
    concepts: int = Field(description="Anzahl der Konzepte im Index.")
    passages: int = Field(description="Anzahl der Textabschnitte im Index.")
    embedder: str = Field(description="Name des Embedding-Modells.")
    dimension: int = Field(description="Dimension der Vektoren.")
    built_at: str = Field(description="Zeitpunkt des Indexierens (ISO 8601).")
    version: str = Field(
        description="Kennung des aktiven Index (neu mit jedem 'kb index'); zeigt bei mehreren "
        "Servern, welcher Stand wo aktiv ist."
    )
    loaded_at: str = Field(description="Seit wann dieser Index aktiv ist (ISO 8601).")

    @classmethod
    def of(cls, info: dict[str, Any], loaded_at: str) -> Health:
        return cls(
            status="ok",
            concepts=int(info["concepts"]),
            passages=int(info["passages"]),
            embedder=str(info["embedder"]),
            dimension=int(info["dim"]),
            built_at=str(info["built_at"]),
            version=str(info.get("version", "")),
            loaded_at=loaded_at,
        )


def concept_ref(concept: Concept) -> ConceptRef:
    return ConceptRef(
        id=concept.id, title=concept.title, center=concept.meta.center, url=concept.url
    )


__all__ = [
    "ConceptDetail",
    "ConceptList",
    "ErrorResponse",
    "Facets",
    "Health",
    "Label",
    "SearchHit",
    "SearchResults",
    "SimilarResults",
    "Stats",
]
