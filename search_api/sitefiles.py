"""The built site as static files, with the habits a public web server needs.

- Hidden files (any path segment starting with ".", such as ``.kb-build.json``) are not
  published: they answer with the site's 404 page like any missing file.
- A directory URL without its "/" redirects to a relative location (``/katalog/``), never to
  one built from the ``Host`` header a client sent.
- ``HEAD`` works wherever ``GET`` does, on the API too (:class:`HeadAsGet`).
- The site folder is resolved once per lookup: ``kb build`` switches the ``site`` symlink to
  a new version (:mod:`kb_tools.site.versions`), and a path must not be resolved in the old
  version while its folder is checked against the new one.
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from urllib.parse import quote

from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# A name no built site contains: looking it up gives the site's 404 page.
_MISSING = "kb-nicht-vorhanden"


class SiteFiles(StaticFiles):
    async def check_config(self) -> None:
        """No one-off check: a missing site is a 404 per request, and is served as soon as
        ``kb build`` has created it."""

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        if path.startswith(("/", "\\")):
            return "", None
        for directory in self.all_directories:
            root = os.path.realpath(directory)  # the version live now, resolved once
            full_path = os.path.realpath(os.path.join(root, path))
            if os.path.commonpath([full_path, root]) != root:
                continue  # a path that climbs out of the site
            try:
                return full_path, os.stat(full_path)
            except (FileNotFoundError, NotADirectoryError):
                continue
        return "", None

    async def get_response(self, path: str, scope: Scope) -> Response:
        if any(part.startswith(".") for part in PurePosixPath(path).parts):
            path = _MISSING
        response = await super().get_response(path, scope)
        if isinstance(response, RedirectResponse):
            location = quote(scope.get("root_path", "") + scope["path"], safe="/") + "/"
            query = scope.get("query_string", b"").decode("latin-1")
            return RedirectResponse(location + (f"?{query}" if query else ""), response.status_code)
        return response


class HeadAsGet:
    """``HEAD /api/…`` answers as ``GET`` would, without the body (RFC 9110 §9.3.2)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
