"""``kb serve``: start-up errors in-process, then the real thing as a uvicorn process."""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from search_api.server import bind

KB = Path(sys.executable).with_name("kb")
STARTED = "Konzeptbibliothek läuft auf "


@dataclass
class Server:
    process: subprocess.Popen[str]
    reader: threading.Thread
    url: str
    output: list[str]

    def stop(self) -> int:
        """Ctrl+C, as a user would stop it; returns the exit code."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=20)
        self.reader.join(timeout=5)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code


def start_server(*args: str) -> Server:
    """``kb serve --port 0 …`` as a child process, once it has announced its address."""
    process = subprocess.Popen(
        [str(KB), "serve", "--host", "127.0.0.1", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
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
        url = started.get(timeout=120)
    except queue.Empty:
        process.kill()
        pytest.fail(f"kb serve hat sich nicht gemeldet: {output}")
    return Server(process, reader, url, output)


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """A stand-in for the built site: a start page, a concept page and a German 404 page."""
    site = tmp_path / "site"
    (site / "konzepte" / "rpa-buero").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Konzeptbibliothek</h1>", encoding="utf-8")
    (site / "404.html").write_text("<h1>Seite nicht gefunden</h1>", encoding="utf-8")
    (site / "konzepte" / "rpa-buero" / "index.html").write_text("<h1>RPA</h1>", encoding="utf-8")
    return site


def test_serve_without_index_tells_to_run_kb_index(
    tmp_path: Path, sample_library_dir: Path
) -> None:
    args = ["serve", "--library", str(sample_library_dir), "--index-dir", str(tmp_path / "leer")]
    result = CliRunner().invoke(cli, [*args, "--port", "0"])
    assert result.exit_code == 1, result.output
    assert "kb index" in result.output
    assert "Traceback" not in result.output


def test_serve_on_a_busy_port_fails_in_german(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1, result.output
    assert f"Port {port} auf 127.0.0.1 ist schon belegt" in result.output


def test_server_socket_lets_asyncio_disable_nagle() -> None:
    # asyncio sets TCP_NODELAY only on sockets created with proto=IPPROTO_TCP; with Nagle and
    # delayed ACKs every response took 40 ms longer (seen in make bench-speed).
    with bind("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP


@pytest.mark.slow
def test_real_server_serves_site_and_api(
    sample_library_dir: Path, sample_index_dir: Path, tiny_site: Path
) -> None:
    server = start_server(
        "--library",
        str(sample_library_dir),
        "--index-dir",
        str(sample_index_dir),
        "--site-dir",
        str(tiny_site),
    )
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            health = client.get("/api/health").json()
            found = client.get("/api/search", params={"q": "KI in der Qualitätsprüfung"}).json()
            start, page = client.get("/"), client.get("/konzepte/rpa-buero/")
            missing = client.get("/gibt-es-nicht/")
    finally:
        code = server.stop()
    assert health["status"] == "ok"
    top3 = {hit["id"] for hit in found["results"][:3]}
    assert top3 & {"kamera-fehlererkennung-lernfabrik", "ki-sichtpruefung-blended"}
    assert (start.status_code, start.text) == (200, "<h1>Konzeptbibliothek</h1>")
    assert page.text == "<h1>RPA</h1>"
    assert (missing.status_code, missing.text) == (404, "<h1>Seite nicht gefunden</h1>")
    assert code == 0, server.output


@pytest.mark.slow
def test_real_server_without_site_serves_only_the_api(
    sample_library_dir: Path, sample_index_dir: Path, tmp_path: Path
) -> None:
    server = start_server(
        "--library",
        str(sample_library_dir),
        "--index-dir",
        str(sample_index_dir),
        "--site-dir",
        str(tmp_path / "fehlt"),
    )
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            root, health = client.get("/"), client.get("/api/health")
    finally:
        server.stop()
    assert any("es läuft nur die API" in line for line in server.output), server.output
    assert health.status_code == 200
    assert root.status_code == 404
    assert root.json()["detail"].startswith("Nicht gefunden")
