"""The editor's local backend: decap-server (npm) as a child of ``kb serve --editor``.

It writes the concepts the editor at ``/admin/`` saves straight into the library folder
(``MODE=fs``), listening only on the loopback address of ``KB_CMS_LOCAL_URL``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

from kb_tools.errors import ServeError
from kb_tools.settings import Settings
from kb_tools.site import editor_root, node_modules

SERVER_SCRIPT = ("decap-server", "dist", "index.js")


@contextlib.contextmanager
def editor_backend(settings: Settings) -> Iterator[str]:
    """Run decap-server for the ``with`` block; yields the URL it answers on."""
    modules = node_modules()
    node = shutil.which("node")
    if modules is None or node is None:
        raise ServeError(
            "Der lokale Editor braucht Node.js und die npm-Pakete: bitte 'npm ci' ausführen."
        )
    address = urlsplit(settings.cms_local_url)
    host, port = address.hostname or "127.0.0.1", address.port or 8081
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ServeError(f"KB_CMS_LOCAL_URL muss auf diesen Rechner zeigen, nicht auf '{host}'.")
    env = {
        **os.environ,
        "MODE": "fs",
        "PORT": str(port),
        "BIND_HOST": host,
        "GIT_REPO_DIRECTORY": str(editor_root(settings)),
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen([node, str(modules.joinpath(*SERVER_SCRIPT))], env=env)
    try:
        _wait_for(host, port, process)
        yield settings.cms_local_url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for(host: str, port: int, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServeError(
                f"Der Editor-Dienst (decap-server) ist beendet (Code {process.returncode})."
            )
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return
        time.sleep(0.1)
    raise ServeError(f"Der Editor-Dienst antwortet nicht auf {host}:{port}.")
