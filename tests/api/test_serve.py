"""``kb serve``: start-up errors in-process, then the real thing as a uvicorn process."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from search_api.server import bind
from tests.support.servers import start_kb_serve


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
    server = start_kb_serve(
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
    server = start_kb_serve(
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
