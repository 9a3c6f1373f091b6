"""Search throughput with 1 and 2 ``kb serve`` workers at 16 clients, side by side.

Part of ``make bench-speed``. Starts a real ``kb serve`` on the sample index (``build/index``,
built by ``make index``) once with ``--workers 1`` and once with ``--workers 2``, and runs the
same 16-client search load against each, alternating for several rounds so both see the same
machine. Prints searches per second, p50 and p99 latency (medians over the rounds), memory, the
server's CPU time per search and how many cores server and load generator keep busy together
(the 16 clients run on the same 2 cores), and the ratio. Target: 2 workers on 2 cores reach at least 1.7x the searches per second of 1.

The query cache is off for that comparison (``KB_QUERY_CACHE=0``): the 12 queries repeat, and
every search should pay for its embedding as a new query does. A third row shows 1 worker with
the cache, which is what repeated queries (facet clicks, "Mehr laden") cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.servers import KbServer, start_kb_serve  # noqa: E402

CLIENTS = 16
TARGET_RATIO = 1.7
# Queries of the public evaluation's kinds; each request is a different one, in turn.
QUERIES = (
    "KI in der Qualitätsprüfung",
    "Datenschutz für Solo-Selbstständige",
    "Robotik in der Montage",
    "digitale Buchhaltung im Handwerk",
    "Wie führe ich ein ERP-System ein?",
    "Weiterbildung für Pflegekräfte mit Tablets",
    "cyber security for small companies",
    "Prozessautomatisierung im Büro",
    "Lernfabrik Kamera Fehlererkennung",
    "Arbeitsschutz und Ergonomie am Bildschirm",
    "Change-Management bei der Digitalisierung",
    "3D-Druck im Werkzeugbau",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--requests", type=int, default=320, help="per round and server")
    parser.add_argument("--index-dir", type=Path, default=REPO / "build" / "index")
    args = parser.parse_args()
    if not (args.index_dir / "manifest.json").is_file():
        sys.exit(f"Kein Index in {args.index_dir}: erst 'make index' ausführen.")

    servers = {
        "1": start(args.index_dir, 1, cache=False),
        "2": start(args.index_dir, 2, cache=False),
        "1 (Cache)": start(args.index_dir, 1, cache=True),
    }
    results: dict[str, list[tuple[float, float, float, float, float]]] = {n: [] for n in servers}
    memory = {}
    try:
        for workers, server in servers.items():
            load(server.url, CLIENTS * 4)  # warm up every worker
            memory[workers] = rss_mb(server.pid)
        for _ in range(args.rounds):
            for workers, server in servers.items():
                results[workers].append(measured(server, args.requests))
    finally:
        for server in servers.values():
            server.stop()

    print(f"Suche über HTTP, {CLIENTS} Clients, {args.requests} Anfragen × {args.rounds} Runden")
    print(
        f"{'Worker':>9} {'Suchen/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'RSS MB':>8} "
        f"{'Server-CPU/Suche ms':>20} {'Kerne belegt (Server+Last)':>27}"
    )
    rates = {}
    for workers, rounds in results.items():
        rate = statistics.median(r[0] for r in rounds)
        rates[workers] = rate
        p50 = statistics.median(r[1] for r in rounds)
        p99 = statistics.median(r[2] for r in rounds)
        cpu = statistics.median(r[3] for r in rounds)
        busy = statistics.median(r[4] for r in rounds)
        print(
            f"{workers:>9} {rate:>9.1f} {p50:>8.0f} {p99:>8.0f} {memory[workers]:>8.0f} "
            f"{cpu:>20.1f} {busy:>27.2f}"
        )
    # Each round measures both servers one after the other: their ratio sees the same load
    # from the rest of the machine, so the median of the rounds' ratios is the figure.
    ratios = sorted(two[0] / one[0] for one, two in zip(results["1"], results["2"], strict=True))
    ratio = statistics.median(ratios)
    verdict = "erreicht" if ratio >= TARGET_RATIO else "nicht erreicht"
    print(
        f"2 Worker / 1 Worker: {ratio:.2f}× (Median der Runden, {ratios[0]:.2f}–{ratios[-1]:.2f}×; "
        f"Ziel ≥ {TARGET_RATIO}×): {verdict}"
    )
    print(f"Wiederholte Anfragen mit Cache: {rates['1 (Cache)'] / rates['1']:.1f}× 1 Worker ohne")


def measured(server: KbServer, requests: int) -> tuple[float, float, float, float, float]:
    """:func:`load` plus the server's CPU ms per search and the cores busy (server + load)."""
    cpu_before, own_before, started = cpu_seconds(server.pid), time.process_time(), time.monotonic()
    rate, p50, p99 = load(server.url, requests)
    wall = time.monotonic() - started
    server_cpu = cpu_seconds(server.pid) - cpu_before
    client_cpu = time.process_time() - own_before
    searches = rate * wall
    return rate, p50, p99, server_cpu / searches * 1000, (server_cpu + client_cpu) / wall


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its descendants, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in children.read_text().split() if children.exists() else []:
        total += cpu_seconds(int(child))
    return total


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the workers), in MB."""
    total = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1]) / 1024
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in children.read_text().split() if children.exists() else []:
        total += rss_mb(int(child))
    return total


def start(index_dir: Path, workers: int, *, cache: bool) -> KbServer:
    return start_kb_serve(
        "--index-dir",
        str(index_dir),
        "--site-dir",
        str(index_dir / "keine-website"),
        "--workers",
        str(workers),
        env={} if cache else {"KB_QUERY_CACHE": "0"},
    )


def load(url: str, requests: int) -> tuple[float, float, float]:
    """Searches per second, p50 and p99 latency (ms) with ``CLIENTS`` parallel clients."""
    per_client = max(1, requests // CLIENTS)

    def client(number: int) -> list[float]:
        times = []
        with httpx.Client(base_url=url, timeout=60) as http:
            for i in range(per_client):
                query = QUERIES[(number * per_client + i) % len(QUERIES)]
                started = time.perf_counter()
                response = http.get("api/search", params={"q": query})
                response.raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
        return times

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        latencies = sorted(ms for part in pool.map(client, range(CLIENTS)) for ms in part)
    seconds = time.perf_counter() - started
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / seconds, statistics.median(latencies), p99


if __name__ == "__main__":
    main()
