"""``GET /api/concepts``: the catalogue; ``GET /api/concepts/{id}`` and its similar concepts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from kb_tools.library import CatalogueEntry, Sort, facet_counts, sort_concepts
from search_api.deps import FiltersDep, IndexDep, LibraryDep, concept_or_404, single
from search_api.errors import ERROR_RESPONSES
from search_api.models import ConceptDetail, ConceptList, SimilarResults
from search_api.routes.search import MAX_LIMIT, MAX_OFFSET

MAX_SIMILAR = 20
LIST_ERRORS: dict[int | str, dict[str, Any]] = {s: ERROR_RESPONSES[s] for s in (400, 422)}

router = APIRouter(prefix="/api/concepts", tags=["Konzepte"])

ConceptId = Annotated[
    str, Path(description="ID des Konzepts (Dateiname ohne .md).", examples=["rpa-buero"])
]


@router.get(
    "",
    summary="Alle Konzepte (Katalog)",
    response_description="Eine Seite Konzepte, die Gesamtzahl und Filterzahlen.",
    responses=LIST_ERRORS,
    dependencies=[Depends(single("sort", "limit", "offset"))],
)
def catalogue(
    library: LibraryDep,
    filters: FiltersDep,
    sort: Annotated[
        Sort,
        Query(
            description="Reihenfolge: 'updated' zuletzt aktualisierte zuerst (bei gleichem Datum "
            "nach Titel), 'title' nach Titel von A bis Z (Groß- und Kleinschreibung und Umlaute "
            "zählen nicht)."
        ),
    ] = "updated",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Konzepte je Seite.")] = 10,
    offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="Wie viele Konzepte übersprungen werden.")
    ] = 0,
) -> ConceptList:
    """Der Katalog: alle Konzepte mit Erprobung und Herkunft, seitenweise, ohne Suchanfrage.

    Filter schränken ein wie bei der Suche: mehrere Werte eines Filters verbinden mit ODER,
    verschiedene Filter mit UND. `adapted_from` nennt, worauf ein Konzept aufbaut,
    `adapted_by` die Konzepte, die darauf aufbauen, `transfers` die Übernahmen durch andere
    Zentren. `facets` zählt die Werte über alle passenden Konzepte (nicht nur diese Seite).
    """
    matches = [c for c in library if filters.matches(c, library)]
    page = sort_concepts(matches, sort)[offset : offset + limit]
    return ConceptList(
        total=len(matches),
        results=[CatalogueEntry.of(concept, library) for concept in page],
        facets=facet_counts(matches, library),
    )


@router.get("/{concept_id}", summary="Ein Konzept", responses=ERROR_RESPONSES)
def concept(library: LibraryDep, concept_id: ConceptId) -> ConceptDetail:
    """Alle Metadaten, der Text als Markdown, seine Abschnitte und die Herkunft.

    `lineage` nennt, worauf das Konzept aufbaut, welche Konzepte darauf aufbauen und welche
    Zentren es übernommen haben.
    """
    return ConceptDetail.of(concept_or_404(library, concept_id), library)


@router.get("/{concept_id}/similar", summary="Ähnliche Konzepte", responses=ERROR_RESPONSES)
def similar(
    index: IndexDep,
    concept_id: ConceptId,
    limit: Annotated[int, Query(ge=1, le=MAX_SIMILAR, description="Höchstzahl.")] = 5,
) -> SimilarResults:
    """Die Konzepte, die diesem inhaltlich am nächsten sind (nie das Konzept selbst)."""
    concept_or_404(index.library, concept_id)
    hits = index.similar(concept_id, limit=limit)
    return SimilarResults(id=concept_id, results=hits)
