"""``GET /api/facets`` and ``GET /api/health``: what can be filtered, and the index state."""

from __future__ import annotations

from fastapi import APIRouter

from search_api.deps import FacetsDep, HealthDep
from search_api.models import Facets, Health

router = APIRouter(prefix="/api", tags=["Metadaten"])


@router.get("/facets", summary="Alle Filter mit Werten")
async def facets(facets: FacetsDep) -> Facets:
    """Jeder Filter mit allen Werten, deutschen Bezeichnungen und Anzahl der Konzepte."""
    return facets


@router.get("/health", summary="Zustand des Index")
async def health(health: HealthDep) -> Health:
    """Größe des Index, Embedding-Modell und Zeitpunkt des Indexierens."""
    return health
