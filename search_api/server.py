"""``kb serve``: one uvicorn server for the built site at ``/`` and the API under ``/api``.

With ``workers > 1`` uvicorn's supervisor runs that many processes on one socket; each loads
the index once (:func:`worker_app`), so searches, which are CPU-bound, use every core. Each
worker follows new indexes on its own (:mod:`search_api.live`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from kb_tools.errors import KbError, ServeError
from kb_tools.library import load_library
from kb_tools.search import read_manifest
from kb_tools.settings import Settings, load_settings
from search_api.app import create_app, load_index
from search_api.editor import editor_backend
from search_api.protocol import KbConfig, connection_limit, raise_open_files_limit
from search_api.watch import LibraryWatcher

# Environment variables a worker process reads its settings from (see worker_app).
_PASSED = ("library_dir", "index_dir", "site_dir", "host", "port", "reload_interval")
# Numeric libraries would start a thread per core in every worker: one each is enough.
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class _Server(uvicorn.Server):
    """Announces the address only once the app has started and the socket listens."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self.on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self.on_started()


def worker_app() -> FastAPI:
    """The app of one worker process, from the ``KB_*`` variables :func:`serve` set."""
    return create_app(load_settings())


def serve(
    settings: Settings, echo: Callable[[str], None], *, editor: bool = False, watch: bool = False
) -> None:
    """Load everything, bind, serve until Ctrl+C. Port 0 picks a free port.

    ``editor`` also runs the editor's local backend (decap-server), which saves into the
    library folder; ``watch`` rebuilds site and index after each valid change of the library.
    """
    # Bind first: a busy port is reported at once, not after loading the model.
    sock = bind(settings.host, settings.port)
    try:
        # One process loads the index here; several load it each in their own process, and
        # here only the manifest is read, so a missing index is still reported at once.
        index = load_index(settings) if settings.workers == 1 else None
        info = index.info if index is not None else read_manifest(settings.index_dir)
    except BaseException:
        sock.close()
        raise
    url = f"http://{_url_host(settings.host)}:{sock.getsockname()[1]}"
    notes = _notes(settings, info, url, editor)

    def announce() -> None:
        echo(f"Konzeptbibliothek läuft auf {url}")
        for note in notes:
            echo(note)
        echo("Beenden mit Strg+C.")

    limits: dict[str, Any] = {
        "header_timeout": settings.header_timeout,
        "max_connections": connection_limit(settings.max_connections, raise_open_files_limit()),
        "timeout_keep_alive": settings.keep_alive_timeout,
        "lifespan": "on",
        "log_level": "warning",
    }
    if watch:
        notes.append(f"Beobachtet '{settings.library_dir}': Änderungen gehen nach Prüfung live.")
    backend = editor_backend(settings) if editor else contextlib.nullcontext()
    watcher = _watching(settings, echo) if watch else contextlib.nullcontext()
    # uvicorn shuts down gracefully, then re-raises Ctrl+C: that is a normal stop.
    with sock, backend, watcher, contextlib.suppress(KeyboardInterrupt):
        if index is not None:
            config = KbConfig(create_app(settings, index), **limits)
            _Server(config, on_started=announce).run(sockets=[sock])
        else:
            _pass_to_workers(settings)
            config = KbConfig(
                "search_api.server:worker_app", factory=True, workers=settings.workers, **limits
            )
            threading.Thread(target=_announce_when_up, args=(url, announce), daemon=True).start()
            Multiprocess(config, sockets=[sock]).run()
    echo("Konzeptbibliothek beendet.")


@contextlib.contextmanager
def _watching(settings: Settings, echo: Callable[[str], None]) -> Iterator[None]:
    watcher = LibraryWatcher(settings, echo)
    watcher.start()
    try:
        yield
    finally:
        watcher.stop()


def _notes(settings: Settings, info: dict[str, Any], url: str, editor: bool) -> list[str]:
    if settings.site_dir.is_dir():
        notes = [f"Website aus '{settings.site_dir}' unter {url}/"]
    else:
        notes = [
            f"Kein Website-Ordner '{settings.site_dir}' – es läuft nur die API; "
            "sobald 'kb build' die Website baut, wird sie ohne Neustart ausgeliefert."
        ]
    notes.append(f"API-Dokumentation: {url}/api/docs")
    if settings.workers > 1:
        notes.append(f"{settings.workers} Worker-Prozesse, jeder mit eigenem Index im Speicher.")
    notes.extend(_stale_note(settings, info))
    if editor:
        notes.append(
            f"Editor: {url}/admin/ – speichert in '{settings.library_dir}' "
            "(danach 'kb build', damit die Website die Änderung zeigt)"
        )
    return notes


def _stale_note(settings: Settings, info: dict[str, Any]) -> list[str]:
    """A hint when the library folder has moved on since the index was built (none when
    there is no library folder: a server may have only the index artefact)."""
    if not settings.library_dir.is_dir():
        return []
    try:
        current = load_library(settings.library_dir).content_hash()
    except KbError:
        current = None
    if current == info.get("content_hash"):
        return []
    return [
        f"Hinweis: Die Bibliothek '{settings.library_dir}' hat sich seit dem Indexieren "
        f"({info.get('built_at')}) geändert; die Suche zeigt bis zum nächsten "
        "'kb index' den indexierten Stand."
    ]


def _pass_to_workers(settings: Settings) -> None:
    """Worker processes start afresh: they read the settings from the environment."""
    for name in _PASSED:
        os.environ[f"KB_{name.upper()}"] = str(getattr(settings, name))
    for name in _ONE_THREAD:
        os.environ.setdefault(name, "1")


def _announce_when_up(url: str, announce: Callable[[], None], timeout: float = 600) -> None:
    """Announce once a worker answers ``/api/health`` (each loads the model first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
                if response.status == 200:
                    announce()
                    return
        except OSError:
            pass
        time.sleep(0.1)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, so a busy port is a clear error before anything starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: only then does asyncio set TCP_NODELAY on accepted connections;
    # without it Nagle's algorithm and delayed ACKs add ~40 ms to every response.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(
                f"Port {port} auf {host} ist schon belegt – einen anderen mit --port wählen."
            ) from None
        raise ServeError(f"Kann nicht auf {host}:{port} lauschen: {exc.strerror}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
