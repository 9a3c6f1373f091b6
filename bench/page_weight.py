"""Page weight: the bytes a browser transfers for typical pages served by ``kb serve``.

    .venv/bin/python bench/page_weight.py        # make bench-page

Starts a real ``kb serve`` (gzip for text, Cache-Control) on the built site and index of the
sample library and loads start page, catalogue, a concept page, the search page with a query
and the overview in Debian's chromium. Each page is loaded in a fresh browser context (cold
cache) until the network has been quiet for a second; transferred bytes are Playwright's
``request.sizes()`` (encoded body plus response headers) summed over every finished request;
they agree with chromium's own ``encodedDataLength`` (a hit in the memory cache reports a body
of minus its header size, so the two add up to 0). The uncompressed size is the decoded body
of each response. The page is then reloaded in the same context (warm cache): what is left are
revalidations (304, headers only, for ``no-cache``), nothing for the ``immutable`` bundles,
and responses fetched again in full. Target: a concept page at most 150 KiB transferred (cold).
About 30 seconds.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import Browser, Page, Request

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.browser import chromium  # noqa: E402
from tests.support.servers import start_kb_serve  # noqa: E402

SITE = REPO / "site"
INDEX = REPO / "build" / "index"
CONCEPT = "kamera-fehlererkennung-lernfabrik"
QUERY = "KI in der Qualitätsprüfung"
TARGET_KIB = 150
QUIET = 1.0  # seconds without any open request: the page has loaded all it will
# name -> (path, selector that shows the page is ready). The search page reads ?frage=, not ?q=
# (kb/urlstate.mjs: mkdocs-material opens its own search for any page called with ?q=).
PAGES = {
    "Start": ("", "h1"),
    "Katalog": ("katalog/", ".kb-catalogue"),
    "Konzeptseite": (f"konzepte/{CONCEPT}/", ".kb-similar a"),
    "Suche": (f"suche/?frage={quote(QUERY)}", ".kb-hit"),
    "Überblick": ("ueberblick/", "h1"),
}
KINDS = {
    "text/html": "HTML",
    "text/css": "CSS",
    "text/javascript": "JS",
    "application/javascript": "JS",
    "application/json": "JSON",
    "application/xml": "XML",
    "text/xml": "XML",
    "image/svg+xml": "SVG",
}
TEXT_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "image/svg+xml",
)
KIB = 1024


@dataclass
class Resource:
    url: str
    status: int
    kind: str  # content type without parameters
    encoding: str  # content-encoding, "" for none
    cache_control: str
    transferred: int  # encoded body + response headers, as sizes() reports them
    body: int  # encoded body: > 0 only if the body came over the network
    decoded: int  # body after decoding

    @property
    def fate(self) -> str:
        """How a reload got it: from the cache, revalidated (headers only) or fetched anew."""
        if self.transferred == 0:
            return "Cache"
        return "geladen" if self.body > 0 else "304"


@dataclass
class Load:
    resources: list[Resource] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def transferred(self) -> int:
        return sum(r.transferred for r in self.resources)

    @property
    def decoded(self) -> int:
        return sum(r.decoded for r in self.resources)


def load(page: Page, ready: str, action: str, url: str) -> Load:
    """Load ``url`` (``goto``) or reload the page; wait for its load event, its ``ready``
    element and then until no request has been open for :data:`QUIET` seconds.

    Playwright's "networkidle" alone is not enough: on a busy machine the long overview page
    keeps the main thread past its 500 ms before the scripts' imports are even requested."""
    finished: list[Request] = []
    failed: list[str] = []
    open_requests: set[Request] = set()
    last_change = [time.monotonic()]

    def on_request(request: Request) -> None:
        open_requests.add(request)
        last_change[0] = time.monotonic()

    def on_finished(request: Request) -> None:
        open_requests.discard(request)
        last_change[0] = time.monotonic()
        finished.append(request)

    def on_failed(request: Request) -> None:
        open_requests.discard(request)
        last_change[0] = time.monotonic()
        failed.append(f"{request.url} ({request.failure})")

    page.on("request", on_request)
    page.on("requestfinished", on_finished)
    page.on("requestfailed", on_failed)
    try:
        if action == "goto":
            page.goto(url, wait_until="load")
        else:
            page.reload(wait_until="load")
        page.locator(ready).first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
        deadline = time.monotonic() + 30
        while open_requests or time.monotonic() - last_change[0] < QUIET:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: Anfragen enden nicht: {open_requests}")
            page.wait_for_timeout(100)
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("requestfinished", on_finished)
        page.remove_listener("requestfailed", on_failed)
    return Load([resource(request) for request in finished], failed)


def resource(request: Request) -> Resource:
    sizes = request.sizes()
    response = request.response()
    assert response is not None  # a finished request has one
    headers = response.headers
    decoded = 0
    if response.status not in (204, 304) and not 300 <= response.status < 400:
        try:
            decoded = len(response.body())
        except Exception:
            decoded = int(headers.get("content-length", 0))
    return Resource(
        url=request.url,
        status=response.status,
        kind=headers.get("content-type", "").split(";")[0].strip(),
        encoding=headers.get("content-encoding", ""),
        cache_control=headers.get("cache-control", ""),
        transferred=max(sizes["responseBodySize"] + sizes["responseHeadersSize"], 0),
        body=sizes["responseBodySize"],
        decoded=decoded,
    )


def measure(browser: Browser, url: str, ready: str) -> tuple[Load, Load]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        cold = load(page, ready, "goto", url)
        warm = load(page, ready, "reload", url)
    finally:
        context.close()
    return cold, warm


def short(url: str, base: str) -> str:
    return url[len(base) - 1 :] if url.startswith(base) else url


def fates(resources: list[Resource]) -> str:
    counts = {fate: sum(r.fate == fate for r in resources) for fate in ("Cache", "304", "geladen")}
    return ", ".join(f"{n}× {fate}" for fate, n in counts.items())


def by_kind(resources: list[Resource]) -> str:
    groups: dict[str, list[Resource]] = {}
    for r in resources:
        groups.setdefault(KINDS.get(r.kind, r.kind or "?"), []).append(r)
    ranked = sorted(groups.items(), key=lambda item: -sum(r.transferred for r in item[1]))
    return ", ".join(
        f"{kind} {len(rs)}× {sum(r.transferred for r in rs) / KIB:.1f}" for kind, rs in ranked
    )


def main() -> int:
    if not SITE.is_dir() or not (INDEX / "manifest.json").is_file():
        print(
            "Website oder Index fehlen (site/, build/index/manifest.json): "
            "erst `make build index` (oder `kb build && kb index`) ausführen.",
            file=sys.stderr,
        )
        return 1
    if not (SITE / "konzepte" / CONCEPT / "index.html").is_file():
        print(f"Konzeptseite {CONCEPT} fehlt in site/konzepte/.", file=sys.stderr)
        return 1
    args = ("--library", "concepts", "--index-dir", "build/index", "--site-dir", "site")
    results: dict[str, tuple[Load, Load]] = {}
    server = start_kb_serve(*args)
    try:
        base = server.url
        with chromium() as browser:
            for name, (path, ready) in PAGES.items():
                results[name] = measure(browser, base + path, ready)
    finally:
        server.stop()

    print(f"{'Seite':<14} {'Anfragen':>8} {'kalt KiB':>9} {'entpackt KiB':>13} {'warm KiB':>9}")
    for name, (cold, warm) in results.items():
        print(
            f"{name:<14} {len(cold.resources):>8} {cold.transferred / KIB:>9.1f} "
            f"{cold.decoded / KIB:>13.1f} {warm.transferred / KIB:>9.1f}"
        )

    host = urlsplit(base).netloc
    print()
    for name, (cold, warm) in results.items():
        print(f"{name}: größte Ressourcen (kalt)")
        for r in sorted(cold.resources, key=lambda r: r.transferred, reverse=True)[:3]:
            print(
                f"  {r.transferred / KIB:>6.1f} KiB  ({r.decoded / KIB:>6.1f} entpackt, "
                f"{r.encoding or 'ohne Kompression'})  {short(r.url, base)}"
            )
        print(f"  nach Art (KiB kalt): {by_kind(cold.resources)}")
        print(f"  warm: {fates(warm.resources)}")
        for r in warm.resources:
            if r.fate == "geladen":
                print(f"    erneut geladen: {r.transferred / KIB:.1f} KiB  {short(r.url, base)}")
        plain = [
            r
            for r in cold.resources
            if r.kind.startswith(TEXT_TYPES) and not r.encoding and r.decoded >= 1024
        ]
        for r in plain:
            print(f"  Text ohne gzip: {r.decoded / KIB:.1f} KiB {r.kind}  {short(r.url, base)}")
        for r in cold.resources:
            if urlsplit(r.url).netloc != host:
                print(f"  anderer Host: {r.url}")
        for failure in cold.failed + warm.failed:
            print(f"  fehlgeschlagen: {failure}")

    concept = results["Konzeptseite"][0].transferred / KIB
    verdict = "erreicht" if concept <= TARGET_KIB else "nicht erreicht"
    print()
    print(f"Konzeptseite: {concept:.0f} KiB übertragen (Ziel ≤ {TARGET_KIB} KiB): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
