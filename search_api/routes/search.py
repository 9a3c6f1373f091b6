"""``GET /api/search``: semantic and lexical search with facet filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from search_api.deps import FiltersDep, IndexDep
from search_api.errors import ERROR_RESPONSES
from search_api.models import SearchResults

MAX_QUERY = 500
MAX_LIMIT = 50
MAX_OFFSET = 10_000

router = APIRouter(prefix="/api/search", tags=["Suche"])

QueryText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUERY),
    Query(
        description=f"Suchanfrage in eigenen Worten, 1–{MAX_QUERY} Zeichen (ohne Leerzeichen am "
        "Rand). Deutsch oder Englisch; Tippfehler und fehlende Umlaute sind erlaubt.",
        examples=["KI in der Qualitätsprüfung"],
    ),
]


@router.get(
    "",
    summary="Konzepte suchen",
    response_description="Eine Seite Treffer, die Gesamtzahl und Filterzahlen.",
    responses=ERROR_RESPONSES,
)
def search(
    index: IndexDep,
    filters: FiltersDep,
    q: QueryText,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Treffer je Seite.")] = 10,
    offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="Wie viele Treffer übersprungen werden.")
    ] = 0,
) -> SearchResults:
    """Findet Konzepte zu einer Frage oder einem Bedarf, bestes zuerst.

    Jeder Treffer nennt den Abschnitt, der am besten passt, mit hervorgehobenen Suchbegriffen.
    Filter schränken ein: mehrere Werte eines Filters verbinden mit ODER, verschiedene Filter
    mit UND. `facets` zählt die Werte über alle Treffer (nicht nur diese Seite).
    """
    found = index.search(q, filters=filters, limit=limit, offset=offset)
    # The query as sent (trimmed), not as the engine normalised it.
    return found.model_copy(update={"query": q})
