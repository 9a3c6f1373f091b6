"""Speed of indexing and of the search API on 1,000 synthetic concepts (``make bench-speed``).

Prints index throughput next to the embedder's raw rate, query latency through HTTP (a real
``kb serve`` on a free loopback port, 1 and 8 clients, query cache off) next to the cost of one query
embedding, and the server's memory. The synthetic library recombines the sample concepts with
sections cut to their first sentence (7,000 passages of ~230 characters). The first run embeds
them all (about 15 minutes on 2 shared cores); the vectors are cached in build/bench-speed/,
so later runs take about two minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb_tools.library import (  # noqa: E402
    SECTIONS,
    Library,
    load_library,
)
from kb_tools.search import (  # noqa: E402
    SearchIndex,
    build_index,
    library_passages,
)
from kb_tools.search.embedders import Embedder, get_embedder  # noqa: E402
from tests.support.servers import KbServer, ServerDidNotStart, start_kb_serve  # noqa: E402

EMBEDDER = "e5-small"
WORK = REPO / "build" / "bench-speed"
CONCEPTS = 1_000
THROUGHPUT_CONCEPTS = 40  # indexed from scratch on every run: ~280 passages
SECTION_CHARS = 160
RAW_PASSAGES = 48
QUERY_ROUNDS = 3  # every query this often for the raw and in-process timings
HTTP_REQUESTS = 120  # per scenario, split over the clients
INDUSTRIES = (
    "Metallbau",
    "Pflege",
    "Handwerk",
    "Logistik",
    "Einzelhandel",
    "Gastronomie",
    "Bau",
    "Lebensmittel",
    "Kunststoff",
    "Elektrotechnik",
    "Textil",
    "Druck",
    "Holz",
    "Chemie",
    "Verwaltung",
    "Kfz-Gewerbe",
    "Landwirtschaft",
    "Tourismus",
    "Energie",
    "Medizintechnik",
)
QUERIES = (
    "KI in der Qualitätsprüfung",
    "Angebote für Solo-Selbstständige",
    "Datenschutz bei KI-Tools",
    "Phishing-Mails erkennen",
    "Roboter sicher einführen",
    "hybride Teams führen",
    "Nachhaltigkeitsbericht schreiben",
    "Lernbegleitung im Betrieb",
    "social media for craftsmen",
    "Qualitatsprufung mit Kamera",
    "Betriebsrat und Digitalisierung",
    "Instandhaltung mit Tablet",
    "digitale Buchhaltung",
    "Fehlerkultur entwickeln",
    "IT-Notfallplan für kleine Firmen",
    "Wissen im Betriebswiki sichern",
    "Prozesse automatisieren im Büro",
    "ChatGPT im Büro",
    "Azubis digital ausbilden",
    "Veränderung im Team kommunizieren",
)
CONTEXTS = (
    "",
    " im Handwerk",
    " für kleine Betriebe",
    " in der Pflege",
    " mit wenig Zeit",
    " 2026",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=CONCEPTS, help="synthetische Konzepte")
    args = parser.parse_args()
    print(f"Maschine: {os.cpu_count()} Kerne, Last {os.getloadavg()[0]:.1f} (1 min)\n")

    library_dir = synthetic_library(WORK / "library", args.concepts)
    library = load_library(library_dir)
    passages = library_passages(library)
    print(
        f"Synthetische Bibliothek: {len(library)} Konzepte, {len(passages)} Passagen "
        f"(Ø {statistics.mean(len(p.embed_text) for p in passages):.0f} Zeichen)\n"
    )
    embedder = get_embedder(EMBEDDER)
    rows: list[tuple[str, str]] = []

    raw_rate = raw_passage_rate(embedder, library)
    index_rate, index_passages = index_throughput(library_dir)
    rows.append(("Einbetten roh (Passagen/s)", f"{raw_rate:.1f}"))
    rows.append(
        (
            f"Indexieren neu, {index_passages} Passagen (Passagen/s)",
            f"{index_rate:.1f}  ({index_rate / raw_rate:.0%} der Rohrate)",
        )
    )

    index_dir = WORK / "index"
    print(f"Index der {len(library)} Konzepte in {index_dir} (inkrementell) …", flush=True)
    report = build_index(library, index_dir, EMBEDDER, progress=sys.stderr.isatty())
    rows.append(
        (
            f"Index {len(library)} Konzepte: neu eingebettet / wiederverwendet",
            f"{report.embedded} / {report.reused} in {report.seconds:.1f} s",
        )
    )

    queries = [q + c for q in QUERIES for c in CONTEXTS]
    index = SearchIndex.load(index_dir, library)
    server = start_server(library_dir, index_dir)
    try:
        rss_idle = rss_mb(server.pid)
        # Interleaved per query, so load from other processes hits all three alike.
        paired = paired_timings(embedder, index, server, queries)
        busy = http_latencies(server.url, queries, clients=8)
        rss_now, rss_peak = rss_mb(server.pid), rss_peak_mb(server.pid)
    finally:
        server.stop()
    embed, engine, http = paired["embed"], paired["engine"], paired["http"]
    rows.append(("1 Query-Embedding (ms, p50 / p99; CPU-ms Ø)", timing(embed)))
    rows.append(("Suche im Prozess, ohne HTTP (ms, p50 / p99; CPU-ms Ø)", timing(engine)))
    rows.append(("HTTP /api/search, 1 Client (ms, p50 / p99; Server-CPU-ms Ø)", timing(http)))
    latencies, rate = busy
    rows.append(
        (
            "HTTP /api/search, 8 Clients (ms, p50 / p99)",
            f"{pct(latencies)}  ({rate:.1f} Anfragen/s)",
        )
    )
    wall = statistics.median(http[0]) / statistics.median(embed[0]) - 1
    cpu = statistics.mean(http[1]) / statistics.mean(embed[1]) - 1
    rows.append(
        (
            "API-Aufschlag über dem Embedding (p50, 1 Client)",
            f"{wall:+.0%} Zeit, {cpu:+.0%} CPU  (Ziel < +50 %)",
        )
    )
    rows.append(
        (
            "Server-RSS nach Start / nach Last / Spitze (MB)",
            f"{rss_idle:.0f} / {rss_now:.0f} / {rss_peak:.0f}",
        )
    )
    print_table(rows)


def synthetic_library(root: Path, count: int) -> Path:
    """``count`` concepts recombined from the sample library; same input, same files."""
    sample = load_library(REPO / "concepts")
    bases = list(sample)
    rng = random.Random(4)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in ("centers.yml", "taxonomy.yml"):
        shutil.copy(sample.root / name, root / name)
    for number in range(count):
        base = bases[number % len(bases)]
        meta = base.meta.model_dump(mode="json", exclude_none=True)
        meta.pop("adapted_from", None)  # would point at concepts that are not in this library
        industry = INDUSTRIES[(number // len(bases)) % len(INDUSTRIES)]
        meta["title"] = f"{base.meta.title[:120]} – {industry} {number:04d}"
        body = []
        for title in SECTIONS:
            donor = rng.choice(bases)
            text = next((s.text for s in donor.sections if s.title == title), donor.meta.summary)
            body.append(f"## {title}\n\n{first_sentence(text)}\n")
        path = root / meta["center"] / f"{base.id}-{number:04d}.md"
        path.parent.mkdir(exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n\n" + "\n".join(body), encoding="utf-8")
    return root


def first_sentence(text: str) -> str:
    plain = " ".join(re.sub(r"[*_`#>-]+", " ", text).split())
    sentence = re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0]
    return (
        sentence
        if len(sentence) <= SECTION_CHARS
        else sentence[:SECTION_CHARS].rsplit(" ", 1)[0] + "."
    )


def raw_passage_rate(embedder: object, library: Library) -> float:
    """Passages per second straight through the embedder, in the indexer's batch size of 16."""
    texts = [p.embed_text for p in library_passages(library)][-RAW_PASSAGES:]
    embed = embedder.embed_passages  # type: ignore[attr-defined]
    embed(texts[:4])  # warm-up
    start = time.perf_counter()
    for first in range(0, len(texts), 16):
        embed(texts[first : first + 16])
    return len(texts) / (time.perf_counter() - start)


def index_throughput(library_dir: Path) -> tuple[float, int]:
    """Passages per second of ``build_index`` from scratch, on a slice of the library."""
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "library"
        part.mkdir()
        for name in ("centers.yml", "taxonomy.yml"):
            shutil.copy(library_dir / name, part / name)
        for path in sorted(library_dir.glob("*/*.md"))[:THROUGHPUT_CONCEPTS]:
            (part / path.parent.name).mkdir(exist_ok=True)
            shutil.copy(path, part / path.parent.name / path.name)
        report = build_index(load_library(part), Path(tmp) / "index", EMBEDDER, progress=False)
    return report.passages / report.seconds, report.passages


Samples = tuple[list[float], list[float]]  # wall-clock ms, CPU ms


def paired_timings(
    embedder: Embedder, index: SearchIndex, server: KbServer, queries: Sequence[str]
) -> dict[str, Samples]:
    """Per query: one embedding, one in-process search, one HTTP search (``QUERY_ROUNDS``×)."""
    out: dict[str, Samples] = {name: ([], []) for name in ("embed", "engine", "http")}
    with httpx.Client(base_url=server.url, timeout=60) as http:
        calls = {
            "embed": lambda q: embedder.embed_queries([q]),
            "engine": lambda q: index.search(q, limit=10),
            "http": lambda q: http.get("/api/search", params={"q": q}).raise_for_status(),
        }
        for call in calls.values():  # warm-up, also opens the connection
            call(queries[0])
        for _ in range(QUERY_ROUNDS):
            for q in queries:
                for name, call in calls.items():
                    cpu_before = cpu_seconds(server.pid) if name == "http" else time.process_time()
                    start = time.perf_counter()
                    call(q)
                    wall = time.perf_counter() - start
                    cpu_after = cpu_seconds(server.pid) if name == "http" else time.process_time()
                    out[name][0].append(wall * 1000)
                    out[name][1].append((cpu_after - cpu_before) * 1000)
    return out


def start_server(library_dir: Path, index_dir: Path) -> KbServer:
    """``kb serve`` on a free loopback port, API only; waits until it answers."""
    site = str(WORK / "keine-website")
    args = ("--library", str(library_dir), "--index-dir", str(index_dir), "--site-dir", site)
    try:
        server = start_kb_serve(*args, env={"KB_QUERY_CACHE": "0"}, timeout=300)
    except ServerDidNotStart:
        raise SystemExit("kb serve ist nicht gestartet") from None
    httpx.get(f"{server.url}api/health", timeout=30).raise_for_status()
    return server


def http_latencies(url: str, queries: Sequence[str], clients: int) -> tuple[list[float], float]:
    """Latency of each request (ms) and requests per second, ``clients`` in parallel."""
    per_client = HTTP_REQUESTS // clients

    def client(number: int) -> list[float]:
        out = []
        with httpx.Client(base_url=url, timeout=60) as http:
            http.get("/api/health")  # connect before timing
            for n in range(per_client):
                q = queries[(number * per_client + n) % len(queries)]
                start = time.perf_counter()
                http.get("/api/search", params={"q": q, "limit": 10}).raise_for_status()
                out.append((time.perf_counter() - start) * 1000)
        return out

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = [ms for part in pool.map(client, range(clients)) for ms in part]
    return latencies, len(latencies) / (time.perf_counter() - start)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    return _status_kb(pid, "VmRSS") / 1024


def rss_peak_mb(pid: int) -> float:
    return _status_kb(pid, "VmHWM") / 1024


def _status_kb(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return float(line.split()[1])
    return float("nan")


def timing(samples: Samples) -> str:
    # CPU as a mean: /proc counts in 10 ms ticks, too coarse for a per-request median.
    return f"{pct(samples[0])}; {statistics.mean(samples[1]):.1f}"


def pct(values: Sequence[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered):.1f} / {p99:.1f}"


def print_table(rows: Sequence[tuple[str, str]]) -> None:
    width = max(len(name) for name, _ in rows)
    print()
    print(f"{'Messung':<{width}}  Wert")
    print(f"{'-' * width}  {'-' * 40}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
