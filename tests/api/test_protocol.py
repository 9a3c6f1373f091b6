"""``kb serve`` under hostile clients: header timeout, connection limit, workers (real server)."""

from __future__ import annotations

import logging
import select
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from search_api.protocol import INVALID_REQUEST, InvalidRequestLog, connection_limit
from tests.support.servers import KbServer, kb_serve

pytestmark = pytest.mark.slow

PARTIAL = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Langsam: "


@pytest.fixture
def index_args(sample_library_dir: Path, sample_index_dir: Path, tmp_path: Path) -> list[str]:
    return [
        "--library",
        str(sample_library_dir),
        "--index-dir",
        str(sample_index_dir),
        "--site-dir",
        str(tmp_path / "keine-website"),
    ]


def address(server: KbServer) -> tuple[str, int]:
    host, port = server.url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    return host, int(port)


def half_sent(server: KbServer, count: int, stack: ExitStack) -> list[socket.socket]:
    """``count`` connections that start a request and never finish its headers."""
    sockets = []
    for _ in range(count):
        sock = stack.enter_context(socket.create_connection(address(server), timeout=10))
        sock.sendall(PARTIAL)
        sockets.append(sock)
    return sockets


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closes the connection before the socket's timeout (rest read)."""
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return True


def test_slow_clients_are_cut_off_and_others_are_served(index_args: list[str]) -> None:
    env = {"KB_HEADER_TIMEOUT": "1.5"}
    with kb_serve(*index_args, env=env) as server, ExitStack() as stack:
        slow = half_sent(server, 200, stack)
        started = time.monotonic()
        health = httpx.get(server.url + "api/health", timeout=5)
        assert health.status_code == 200  # served while 200 requests hang half-sent
        for sock in slow:
            sock.settimeout(max(0.1, 6 - (time.monotonic() - started)))
        assert all(closed_by_server(sock) for sock in slow)
        assert time.monotonic() - started < 6
        assert httpx.get(server.url + "api/health", timeout=5).status_code == 200
    assert len(server.output) < 20, server.output  # no log flood


def test_a_keep_alive_connection_gets_the_timeout_for_every_request(
    index_args: list[str],
) -> None:
    env = {"KB_HEADER_TIMEOUT": "1", "KB_KEEP_ALIVE_TIMEOUT": "30"}
    with (
        kb_serve(*index_args, env=env) as server,
        socket.create_connection(address(server), timeout=5) as sock,
    ):
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        sock.sendall(PARTIAL)  # the second request never completes
        sock.settimeout(5)
        assert closed_by_server(sock)


MALFORMED = (
    b"GARBAGE\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHo st: x\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # TLS on the plain port
)


def test_malformed_requests_get_a_german_400_and_one_log_line(index_args: list[str]) -> None:
    with kb_serve(*index_args) as server:
        for request_bytes in MALFORMED * 10:
            with socket.create_connection(address(server), timeout=5) as sock:
                sock.sendall(request_bytes)
                answer = b""
                while chunk := sock.recv(65536):
                    answer += chunk
            assert answer.startswith(b"HTTP/1.1 400"), (request_bytes, answer)
            assert answer.endswith(INVALID_REQUEST.encode()), (request_bytes, answer)
        assert httpx.get(server.url + "api/health", timeout=5).status_code == 200
    logged = [line for line in server.output if "HTTP-Anfrage" in line or "Invalid" in line]
    assert len(logged) == 1, server.output
    assert "Ungültige HTTP-Anfrage abgewiesen (400)" in logged[0]


def test_connections_beyond_the_limit_are_closed_at_once(index_args: list[str]) -> None:
    env = {"KB_MAX_CONNECTIONS": "20", "KB_HEADER_TIMEOUT": "2"}
    with kb_serve(*index_args, env=env) as server, ExitStack() as stack:
        sockets = half_sent(server, 40, stack)
        time.sleep(0.3)
        readable, _, _ = select.select(sockets, [], [], 0.2)  # within 0.5 s, not after 2
        closed = [sock for sock in readable if closed_by_server(sock)]
        assert 19 <= len(closed) <= 21  # the ones beyond the limit (and maybe a spare)
        time.sleep(2.5)  # the header timeout frees the rest
        assert httpx.get(server.url + "api/health", timeout=5).status_code == 200


def test_repeated_malformed_requests_are_counted_in_the_next_line() -> None:
    log = InvalidRequestLog(interval=0.2)

    def record() -> logging.LogRecord:
        return logging.LogRecord(
            "uvicorn.error", logging.WARNING, "", 0, "Invalid HTTP request received.", (), None
        )

    first, held, later = record(), [record() for _ in range(5)], record()
    assert log.filter(first) and first.getMessage() == "Ungültige HTTP-Anfrage abgewiesen (400)"
    assert not any(log.filter(each) for each in held)
    time.sleep(0.25)
    assert log.filter(later)
    assert later.getMessage().endswith("; dazu 5 weitere seit der letzten Meldung")
    other = logging.LogRecord("uvicorn.error", logging.WARNING, "", 0, "etwas anderes", (), None)
    assert log.filter(other) and other.getMessage() == "etwas anderes"


def test_the_limit_stays_below_the_open_files_limit() -> None:
    assert connection_limit(1000, 1024) == 960
    assert connection_limit(1000, 65536) == 1000
    assert connection_limit(1000, 10) == 1


def test_two_workers_serve_search_and_follow_ctrl_c(index_args: list[str]) -> None:
    with (
        kb_serve(*index_args, "--workers", "2") as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        hits = [client.get("/api/search", params={"q": q}).json() for q in queries()]
    assert all(found["results"] for found in hits)
    assert any("2 Worker-Prozesse" in line for line in server.output)
    assert server.process.returncode == 0, server.output


def queries() -> Iterator[str]:
    yield from ("KI in der Qualitätsprüfung", "Datenschutz", "Robotik in der Montage")
