"""Headers on every response: no content sniffing; material downloads cannot run anything.

Materials are checked when the library loads (no HTML, SVG or scripts), and these headers are
the second wall: a browser never guesses a type, and a file under ``…/materialien/`` is a
download in a sandbox, never a page of the site's origin.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MATERIALS_SEGMENT = "/materialien/"


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        download = MATERIALS_SEGMENT in scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                if download:
                    headers.append((b"content-disposition", b"attachment"))
                    headers.append((b"content-security-policy", b"sandbox; default-src 'none'"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
