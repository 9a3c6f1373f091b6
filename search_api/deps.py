"""Named dependencies: the index loaded in the lifespan, its library and the filters of a request.

They are ``async`` although they never await: they only read loaded state, and FastAPI would
otherwise send each sync dependency through the thread pool, one hop per dependency.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Query, Request

from kb_tools.errors import InvalidQuery, UnknownConcept
from kb_tools.library import Concept, Filters, Library
from kb_tools.problems import did_you_mean
from kb_tools.search import SearchIndex
from search_api.live import LiveIndex, Loaded
from search_api.models import Facets, Health, Stats


async def get_live(request: Request) -> Loaded:
    """The version live when the request started (see :mod:`search_api.live`); every other
    dependency reads from it, and FastAPI resolves it once per request."""
    live: LiveIndex = request.state.live
    return live.current


LiveDep = Annotated[Loaded, Depends(get_live)]


async def get_index(live: LiveDep) -> SearchIndex:
    """The loaded index (see :func:`search_api.app.create_app`)."""
    return live.index


IndexDep = Annotated[SearchIndex, Depends(get_index)]


async def get_library(index: IndexDep) -> Library:
    return index.library


LibraryDep = Annotated[Library, Depends(get_library)]


def _filter(description: str) -> object:
    return Query(description=f"{description} (mehrfach möglich: ODER; verschiedene Filter: UND).")


async def get_facets(live: LiveDep) -> Facets:
    """All facet values with counts, computed once per loaded index."""
    return live.facets


FacetsDep = Annotated[Facets, Depends(get_facets)]


async def get_health(live: LiveDep) -> Health:
    return live.health


HealthDep = Annotated[Health, Depends(get_health)]


def get_stats(live: LiveDep) -> Stats:
    """The atlas figures of the loaded library. A plain ``def``: the first call computes them,
    which belongs in the thread pool, not on the event loop."""
    return live.stats.get()


StatsDep = Annotated[Stats, Depends(get_stats)]


def single(*names: str) -> Callable[[Request], Awaitable[None]]:
    """A dependency that refuses a repeated query parameter among ``names`` (422): FastAPI
    would silently take one of ``?limit=5&limit=50``."""

    async def check(request: Request) -> None:
        for name in names:
            count = len(request.query_params.getlist(name))
            if count > 1:
                raise InvalidQuery(
                    f"Parameter '{name}' darf nur einmal angegeben werden, nicht {count}-mal."
                )

    return check


async def get_filters(
    library: LibraryDep,
    topic: Annotated[list[str] | None, _filter("Thema, z. B. 'ki'")] = None,
    format: Annotated[list[str] | None, _filter("Format, z. B. 'workshop'")] = None,
    audience: Annotated[list[str] | None, _filter("Zielgruppe, z. B. 'beschaeftigte'")] = None,
    center: Annotated[list[str] | None, _filter("Zentrum, z. B. 'sachsen'")] = None,
    region: Annotated[list[str] | None, _filter("Region, z. B. 'Sachsen'")] = None,
    status: Annotated[
        list[str] | None, _filter("Status: entwurf, erprobt oder transferiert")
    ] = None,
) -> Filters:
    """The facet filters of a request, checked against the library (unknown value: 400)."""
    filters = Filters.of(
        topic=topic, format=format, audience=audience, center=center, region=region, status=status
    )
    filters.check(library)
    return filters


FiltersDep = Annotated[Filters, Depends(get_filters)]


def concept_or_404(library: Library, concept_id: str) -> Concept:
    """The concept, or :class:`UnknownConcept` with a German "meinten Sie" hint."""
    concept = library.concepts.get(concept_id)
    if concept is None:
        raise UnknownConcept(
            f"Unbekanntes Konzept '{concept_id}'{did_you_mean(concept_id, library.concepts)}"
        )
    return concept
