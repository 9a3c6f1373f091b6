"""``GET /api/concepts/{id}`` and its similar concepts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from search_api.deps import IndexDep, LibraryDep, concept_or_404
from search_api.errors import ERROR_RESPONSES
from search_api.models import ConceptDetail, SimilarResults

MAX_SIMILAR = 20

router = APIRouter(prefix="/api/concepts", tags=["Konzepte"])

ConceptId = Annotated[
    str, Path(description="ID des Konzepts (Dateiname ohne .md).", examples=["rpa-buero"])
]


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
