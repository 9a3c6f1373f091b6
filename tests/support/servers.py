"""Servers for tests and benchmarks: a real ``kb serve`` child process, a plain static host.

``kb serve`` starts on a free port and is stopped with Ctrl+C, as a user would; the static
server stands for hosting the built site without the API.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

KB = Path(sys.executable).with_name("kb")
STARTED = "Konzeptbibliothek läuft auf "


class ServerDidNotStart(RuntimeError):
    """``kb serve`` ended or stayed silent instead of announcing its address."""


@dataclass
class KbServer:
    """A running ``kb serve``; ``url`` ends with a slash, ``output`` collects its lines."""

    process: subprocess.Popen[str]
    reader: threading.Thread
    url: str
    output: list[str] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> int:
        """Ctrl+C, as a user would stop it; returns the exit code (killed if it hangs)."""
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return code


def start_kb_serve(*args: str, env: dict[str, str] | None = None, timeout: float = 180) -> KbServer:
    """``kb serve --port 0 ARGS`` as a child process, once it has announced its address."""
    process = subprocess.Popen(
        [str(KB), "serve", "--host", "127.0.0.1", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    output: list[str] = []
    started: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line.rstrip("\n"))
            if line.startswith(STARTED):
                started.put(line[len(STARTED) :].strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        url = started.get(timeout=timeout)
    except queue.Empty:
        process.kill()
        raise ServerDidNotStart(f"kb serve hat sich nicht gemeldet: {output}") from None
    return KbServer(process, reader, url.rstrip("/") + "/", output)


@contextlib.contextmanager
def kb_serve(*args: str, env: dict[str, str] | None = None) -> Iterator[KbServer]:
    """:func:`start_kb_serve` as a context manager that always stops the server."""
    server = start_kb_serve(*args, env=env)
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    """A plain static file server for ``root``, like static hosting (no API); yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> float:
    """Poll ``condition`` until it holds; fails the test after ``seconds``. Returns the wait."""
    import pytest

    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - started
