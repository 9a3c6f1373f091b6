"""Headers on every response: no content sniffing; material downloads cannot run anything;
caching rules (:class:`CacheControl`) and what is not worth compressing (:data:`INCOMPRESSIBLE`).

Materials are checked when the library loads (no HTML, SVG or scripts), and these headers are
the second wall: a browser never guesses a type, and a file under ``…/materialien/`` is a
download in a sandbox, never a page of the site's origin.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MATERIALS_SEGMENT = "/materialien/"


Header = tuple[bytes, bytes]


class AddHeaders:
    """Middleware that adds :meth:`headers_for` a request to its response's start message."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def headers_for(self, path: str, present: list[Header]) -> list[Header]:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                message["headers"] = headers + self.headers_for(path, headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SecurityHeaders(AddHeaders):
    def headers_for(self, path: str, present: list[Header]) -> list[Header]:
        headers = [(b"x-content-type-options", b"nosniff")]
        if MATERIALS_SEGMENT in path:
            headers.append((b"content-disposition", b"attachment"))
            headers.append((b"content-security-policy", b"sandbox; default-src 'none'"))
        return headers


# mkdocs-material names its bundles by content: main.<hash>.min.css, bundle.<hash>.min.js.
_HASHED = re.compile(r"/assets/.+\.[0-9a-f]{8,}\.min\.(?:css|js)$")
IMMUTABLE = b"public, max-age=31536000, immutable"
# Everything else may change with the next build: the browser revalidates (ETag, 304).
REVALIDATE = b"no-cache"


class CacheControl(AddHeaders):
    """``Cache-Control`` on every response that has none: a year for content-hashed assets,
    revalidation for everything else (pages, our own scripts, API answers)."""

    def headers_for(self, path: str, present: list[Header]) -> list[Header]:
        if any(name.lower() == b"cache-control" for name, _ in present):
            return []
        return [(b"cache-control", IMMUTABLE if _HASHED.search(path) else REVALIDATE)]


# Already compressed (or binary) files: gzip would only cost CPU.
INCOMPRESSIBLE = (
    "text/event-stream",
    "application/pdf",
    "application/zip",
    "application/gzip",
    "application/octet-stream",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "font/woff",
    "font/woff2",
)
