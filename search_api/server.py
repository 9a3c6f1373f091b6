"""``kb serve``: one uvicorn server for the built site at ``/`` and the API under ``/api``."""

from __future__ import annotations

import contextlib
import errno
import socket
from collections.abc import Callable

import uvicorn

from kb_tools.errors import KbError, ServeError
from kb_tools.library import load_library
from kb_tools.search import SearchIndex
from kb_tools.settings import Settings
from search_api.app import create_app, load_index
from search_api.editor import editor_backend


class _Server(uvicorn.Server):
    """Announces the address only once the app has started and the socket listens."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self.on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self.on_started()


def serve(settings: Settings, echo: Callable[[str], None], *, editor: bool = False) -> None:
    """Load everything, bind, serve until Ctrl+C. Port 0 picks a free port.

    ``editor`` also runs the editor's local backend (decap-server), which saves into the
    library folder.
    """
    # Bind first: a busy port is reported at once, not after loading the model.
    sock = bind(settings.host, settings.port)
    try:
        index = load_index(settings)
    except BaseException:
        sock.close()
        raise
    url = f"http://{_url_host(settings.host)}:{sock.getsockname()[1]}"
    if settings.site_dir.is_dir():
        notes = [f"Website aus '{settings.site_dir}' unter {url}/"]
    else:
        notes = [
            f"Kein Website-Ordner '{settings.site_dir}' – es läuft nur die API "
            "(für die Website zuerst 'kb build' ausführen)."
        ]
    notes.append(f"API-Dokumentation: {url}/api/docs")
    notes.extend(_stale_note(settings, index))
    if editor:
        notes.append(
            f"Editor: {url}/admin/ – speichert in '{settings.library_dir}' "
            "(danach 'kb build', damit die Website die Änderung zeigt)"
        )

    def announce() -> None:
        echo(f"Konzeptbibliothek läuft auf {url}")
        for note in notes:
            echo(note)
        echo("Beenden mit Strg+C.")

    config = uvicorn.Config(create_app(settings, index), lifespan="on", log_level="warning")
    # uvicorn shuts down gracefully, then re-raises Ctrl+C: that is a normal stop.
    backend = editor_backend(settings) if editor else contextlib.nullcontext()
    with sock, backend, contextlib.suppress(KeyboardInterrupt):
        _Server(config, on_started=announce).run(sockets=[sock])
    echo("Konzeptbibliothek beendet.")


def _stale_note(settings: Settings, index: SearchIndex) -> list[str]:
    """A hint when the library folder has moved on since the index was built."""
    try:
        current = load_library(settings.library_dir).content_hash()
    except KbError:
        current = None
    if current == index.info.get("content_hash"):
        return []
    return [
        f"Hinweis: Die Bibliothek '{settings.library_dir}' hat sich seit dem Indexieren "
        f"({index.info.get('built_at')}) geändert; die Suche zeigt bis zum nächsten "
        "'kb index' den indexierten Stand."
    ]


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
