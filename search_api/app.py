"""The FastAPI application: API under ``/api``, optionally the built site at ``/``."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import Match, Mount
from starlette.types import Scope

from kb_tools.search import QueryCache, SearchIndex
from kb_tools.settings import Settings, load_settings
from search_api import errors
from search_api.headers import INCOMPRESSIBLE, CacheControl, SecurityHeaders
from search_api.live import LiveIndex
from search_api.openapi import document_filter_values
from search_api.routes import concepts, meta, search, stats, validate
from search_api.sitefiles import HeadAsGet, SiteFiles

DESCRIPTION = """
Durchsucht die erprobten Lehr- und Lernkonzepte der Zukunftszentren.

* **Suche** versteht Fragen und Bedarfe in eigenen Worten (semantisch und nach Stichworten),
  auch mit Tippfehlern, ohne Umlaute oder auf Englisch.
* **Filter** (Thema, Format, Zielgruppe, Zentrum, Region, Status) sind wiederholbar.
* **Katalog** (`/api/concepts`) listet alle Konzepte mit Erprobung und Herkunft, seitenweise;
  **Überblick** (`/api/stats`) liefert die Kennzahlen und Tabellen für die Koordinierungsstelle.
* **Fehler** kommen immer als `{"detail": "<Meldung>"}` auf Deutsch.
"""


class SiteMount(Mount):
    """The static site at ``/`` that leaves every ``/api`` path to the API (its 404 and 405)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        path = scope.get("path", "")
        if path == "/api" or path.startswith("/api/"):
            return Match.NONE, {}
        return super().matches(scope)


def load_index(settings: Settings) -> SearchIndex:
    """Index, its copy of the library and the model; raises IndexMissing / IndexMismatch."""
    return SearchIndex.load(settings.index_dir)


def cached(index: SearchIndex, settings: Settings) -> SearchIndex:
    """``index`` with its embedder behind a :class:`QueryCache` of ``settings.query_cache``
    (kept when a new index is switched in, as the embedder is)."""
    if settings.query_cache and not isinstance(index.embedder, QueryCache):
        index.embedder = QueryCache(index.embedder, settings.query_cache)
    return index


def create_app(settings: Settings | None = None, index: SearchIndex | None = None) -> FastAPI:
    """The app for ``settings``; ``index`` skips loading when the caller has loaded it already.

    The site in ``settings.site_dir`` is served at ``/`` whenever that folder exists.
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        live = LiveIndex(settings.index_dir, cached(index or load_index(settings), settings))
        document_filter_values(app, live.current.index.library)

        def switched() -> None:
            document_filter_values(app, live.current.index.library)

        watcher = asyncio.create_task(live.watch(settings.reload_interval, on_switch=switched))
        try:
            # Lifespan state reaches every request as request.state (see search_api.deps).
            yield {"live": live}
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    # FastAPIOffline serves Swagger UI's own files: the docs render without a CDN.
    app = FastAPIOffline(
        title="Konzeptbibliothek – Such-API",
        description=DESCRIPTION,
        version=version("konzeptbibliothek"),
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        static_url="/api/docs-assets",
    )
    errors.install(app)
    for router in (search.router, concepts.router, stats.router, validate.router, meta.router):
        app.include_router(router)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(CacheControl)
    # Level 6, not 9: nearly the same size for much less CPU per response.
    app.add_middleware(GZipMiddleware, compresslevel=6, exclude_content_types=INCOMPRESSIBLE)
    app.add_middleware(HeadAsGet)
    # Mounted even before the first `kb build`: the site is served once it exists.
    site = SiteFiles(directory=settings.site_dir, html=True, check_dir=False)
    app.router.routes.append(SiteMount("/", app=site, name="site"))
    return app
