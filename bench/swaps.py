"""Swapping in a new site and index under load: failed requests and time until live.

``make bench-swaps``. A real ``kb serve`` serves a copy of the sample library while clients
fetch pages, catalogue data, assets and searches without pause. Meanwhile, ``--swaps`` times
(default 20), a concept's title is edited and ``kb build`` and ``kb index`` run as separate
processes, exactly as a user would run them. Counted as failed: any status other than 200,
an empty body, a connection error. Measured per swap: the seconds from the end of
``kb index`` until the API shows the new title (the server picks it up without restart).
Targets: 0 failed requests over 20 swaps; new content live within 5 s.
The vector cache of ``build/index`` (``make index``) is reused, so only edits are embedded.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.servers import KB, start_kb_serve  # noqa: E402
from tests.support.site import valid_copy  # noqa: E402

CONCEPT = "kamera-fehlererkennung-lernfabrik"
PAGE_CLIENTS = 4
SEARCH_CLIENTS = 4
TARGET_LIVE_SECONDS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swaps", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-swaps-") as tmp:
        run(Path(tmp), args.swaps)


def run(root: Path, swaps: int) -> None:
    library = valid_copy(REPO / "concepts", root / "concepts")
    (concept,) = library.glob(f"*/{CONCEPT}.md")
    cache = REPO / "build" / "index" / "cache"
    if cache.is_dir():
        shutil.copytree(cache, root / "index" / "cache")
    env = {
        "KB_LIBRARY_DIR": str(library),
        "KB_SITE_DIR": str(root / "site"),
        "KB_INDEX_DIR": str(root / "index"),
        "KB_BUILD_DIR": str(root / "build"),
        "KB_SITE_CONFIG": str(REPO / "mkdocs.yml"),
    }
    kb("build", env=env)
    kb("index", env=env)
    server = start_kb_serve(env=env)
    load = Load(server.url)
    live: list[float] = []
    builds: list[float] = []
    try:
        load.start()
        original = concept.read_text(encoding="utf-8")
        for number in range(1, swaps + 1):
            title = f"Kamerabasierte Fehlererkennung, Messlauf {number}"
            concept.write_text(
                re.sub(r"(?m)^title: .*$", f"title: '{title}'", original, count=1),
                encoding="utf-8",
            )
            started = time.monotonic()
            kb("build", env=env)
            kb("index", env=env)
            indexed = time.monotonic()
            builds.append(indexed - started)
            live.append(wait_until_live(server.url, title) - indexed)
            print(
                f"Wechsel {number:>2}: gebaut in {builds[-1]:5.1f} s, live nach "
                f"{live[-1]:4.2f} s, bisher {load.requests} Anfragen, {len(load.failures)} "
                "fehlgeschlagen",
                flush=True,
            )
    finally:
        load.stop()
        server.stop()
    report(swaps, load, live, builds)


def report(swaps: int, load: Load, live: list[float], builds: list[float]) -> None:
    print()
    print(f"Wechsel von Website und Index unter Last: {swaps}")
    print(f"Anfragen: {load.requests} ({PAGE_CLIENTS} Seiten- und {SEARCH_CLIENTS} Such-Clients)")
    print(f"Fehlgeschlagen: {len(load.failures)} (Ziel: 0)")
    for failure, count in Counter(load.failures).most_common(5):
        print(f"  {count}× {failure}")
    print(
        f"Neuer Inhalt live nach dem Ende von kb index: Median {statistics.median(live):.2f} s, "
        f"höchstens {max(live):.2f} s (Ziel ≤ {TARGET_LIVE_SECONDS:g} s)"
    )
    print(f"kb build + kb index je Wechsel: Median {statistics.median(builds):.1f} s")
    met = not load.failures and max(live) <= TARGET_LIVE_SECONDS
    print("Ziele erreicht" if met else "Ziele nicht erreicht")


def kb(*args: str, env: dict[str, str]) -> None:
    import os

    subprocess.run(
        [str(KB), *args], check=True, env={**os.environ, **env}, stdout=subprocess.DEVNULL
    )


def wait_until_live(url: str, title: str, timeout: float = 60) -> float:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=url, timeout=10) as client:
        while time.monotonic() < deadline:
            if client.get(f"api/concepts/{CONCEPT}").json().get("title") == title:
                return time.monotonic()
            time.sleep(0.05)
    raise SystemExit(f"'{title}' nach {timeout:g} s nicht live")


class Load:
    """Clients that request without pause until stopped; every failure is kept."""

    PATHS = (
        "",
        "katalog/",
        f"konzepte/{CONCEPT}/",
        "katalog/concepts.json",
        "ueberblick/",
        "assets/javascripts/kb-search.mjs",
        "feed.xml",
    )
    QUERIES = ("KI in der Qualitätsprüfung", "Datenschutz", "Robotik", "Buchhaltung im Handwerk")

    def __init__(self, url: str) -> None:
        self.url = url
        self.requests = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._pages, args=(n,)) for n in range(PAGE_CLIENTS)
        ] + [threading.Thread(target=self._searches, args=(n,)) for n in range(SEARCH_CLIENTS)]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _pages(self, number: int) -> None:
        self._loop(number, lambda i: (self.PATHS[i % len(self.PATHS)], None))

    def _searches(self, number: int) -> None:
        self._loop(number, lambda i: ("api/search", {"q": self.QUERIES[i % len(self.QUERIES)]}))

    def _loop(self, number: int, request: object) -> None:
        i = number
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self._stop.is_set():
                path, params = request(i)  # type: ignore[operator]
                i += 1
                try:
                    response = client.get(path, params=params)
                    failed = (
                        f"/{path}: {response.status_code}"
                        if response.status_code != 200
                        else (f"/{path}: leerer Inhalt" if not response.content else "")
                    )
                except httpx.HTTPError as exc:
                    failed = f"/{path}: {type(exc).__name__}"
                with self._lock:
                    self.requests += 1
                    if failed:
                        self.failures.append(failed)


if __name__ == "__main__":
    main()
