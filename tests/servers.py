"""A real `kb serve` child process for tests: started on a free port, stopped with Ctrl+C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

KB = Path(sys.executable).with_name("kb")
STARTED = "Konzeptbibliothek läuft auf "


@dataclass
class KbServer:
    """A running ``kb serve``; ``url`` ends with a slash, ``output`` collects its lines."""

    process: subprocess.Popen[str]
    reader: threading.Thread
    url: str
    output: list[str] = field(default_factory=list)

    def stop(self) -> int:
        """Ctrl+C, as a user would stop it; returns the exit code (killed if it hangs)."""
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return code


def start_kb_serve(*args: str, env: dict[str, str] | None = None) -> KbServer:
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
        url = started.get(timeout=180)
    except queue.Empty:
        process.kill()
        pytest.fail(f"kb serve hat sich nicht gemeldet: {output}")
    return KbServer(process, reader, url.rstrip("/") + "/", output)
