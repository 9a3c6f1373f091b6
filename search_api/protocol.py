"""The HTTP protocol of ``kb serve``: uvicorn's h11 protocol with the limits a public server needs.

uvicorn closes idle keep-alive connections, but has no timeout for a client that never finishes
its request headers: a probe with ~20,000 half-sent requests exhausted the file descriptors.

- **Header timeout**: a connection gets ``header_timeout`` seconds to send complete request
  headers, for its first request and for every next one on a keep-alive connection.
- **Malformed requests** get a German 400 and, however many arrive, one log line every
  :data:`LOG_INTERVAL` seconds that counts them (uvicorn logs each one in English).
- **Connection limit**: above ``max_connections`` open connections a new one is closed at once
  (before it costs more than a socket), so the process never runs out of file descriptors
  and keeps serving the connections it has. The limit is capped below the process's limit of
  open files, which :func:`raise_open_files_limit` raises to the hard limit first.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

# File descriptors left for everything that is not a client connection (index, logs, files).
_RESERVED_FILES = 64
log = logging.getLogger("kb.serve")
# uvicorn's words for a request h11 cannot parse, in its log and in the 400 body.
_INVALID = "Invalid HTTP request received."
INVALID_REQUEST = "Ungültige HTTP-Anfrage."
LOG_INTERVAL = 10.0


class InvalidRequestLog(logging.Filter):
    """Turns uvicorn's warning per malformed request into one German line per interval."""

    def __init__(self, interval: float = LOG_INTERVAL) -> None:
        super().__init__()
        self.interval = interval
        self._last = -interval
        self._held = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage() != _INVALID:
            return True
        now = time.monotonic()
        if now - self._last < self.interval:
            self._held += 1
            return False
        more = f"; dazu {self._held} weitere seit der letzten Meldung" if self._held else ""
        record.msg, record.args = f"Ungültige HTTP-Anfrage abgewiesen (400){more}", ()
        self._last, self._held = now, 0
        return True


_invalid_log = InvalidRequestLog()


class KbConfig(uvicorn.Config):
    """uvicorn's config plus the two limits; picklable, so worker processes receive it."""

    def __init__(
        self, app: Any, *, header_timeout: float, max_connections: int, **kwargs: Any
    ) -> None:
        super().__init__(app, http=GuardedProtocol, **kwargs)
        self.header_timeout = header_timeout
        self.max_connections = max_connections


class GuardedProtocol(H11Protocol):
    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.header_timeout: float = getattr(config, "header_timeout", 10.0)
        self.max_connections: int = getattr(config, "max_connections", 1000)
        self._header_timer: asyncio.TimerHandle | None = None
        self._armed_cycle: object = None
        if _invalid_log not in self.logger.filters:  # uvicorn may configure logging anew
            self.logger.addFilter(_invalid_log)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.abort()
            return
        self._arm()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's 400, in German (uvicorn encodes the body as ASCII, so it is written here)."""
        body = (INVALID_REQUEST if msg == _INVALID else msg).encode()
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        for event in (
            h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._armed_cycle = self.cycle
        self._header_timer = self.loop.call_later(self.header_timeout, self._expire)

    def _expire(self) -> None:
        """No new request has started since the deadline was set: the client is too slow."""
        self._header_timer = None
        idle = self.cycle is None or self.cycle.response_complete
        if self.cycle is self._armed_cycle and idle and not self.transport.is_closing():
            self.transport.abort()


def raise_open_files_limit() -> int:
    """Raise the soft limit of open files to the hard limit; returns the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return int(soft) if soft != resource.RLIM_INFINITY else 1 << 20


def connection_limit(wanted: int, open_files: int) -> int:
    """``wanted``, but never so many that connections could use up the open-files limit."""
    return max(1, min(wanted, open_files - _RESERVED_FILES))
