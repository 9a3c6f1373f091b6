"""``make screenshots``: the main pages of the sample site, desktop and phone, in build/screenshots/.

Builds the sample site and index into build/ (incrementally), starts ``kb serve`` on a free
port and photographs start page, catalogue, a concept page and the search page with results.
"""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
KB = Path(sys.executable).with_name("kb")
LIBRARY = REPO / "concepts"
SITE = REPO / "build" / "site"
INDEX = REPO / "build" / "index"
OUT = REPO / "build" / "screenshots"
STARTED = "Konzeptbibliothek läuft auf "
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
QUERY = "KI in der Qualitätsprüfung"
CONCEPT = "kamera-fehlererkennung-lernfabrik"
VIEWPORTS = {"desktop": (1280, 900), "mobil": (375, 812)}
# name -> (path, selector that shows the page is ready, element to scroll to or None)
PAGES = {
    "start": ("", "h1", None),
    "katalog": ("katalog/", ".kb-catalogue", None),
    "konzept": (f"konzepte/{CONCEPT}/", ".kb-similar a", None),
    "konzept-aehnliche": (f"konzepte/{CONCEPT}/", ".kb-similar a", ".kb-similar"),
    "suche": (f"suche/?frage={quote(QUERY)}", ".kb-hit", None),
}


def kb(*args: str) -> None:
    subprocess.run([str(KB), *args], cwd=REPO, check=True)


@contextmanager
def kb_serve() -> Iterator[str]:
    """``kb serve --port 0`` over build/site and build/index; yields its address."""
    command = [str(KB), "serve", "--library", str(LIBRARY), "--site-dir", str(SITE)]
    command += ["--index-dir", str(INDEX), "--host", "127.0.0.1", "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    address: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(STARTED):
                address.put(line[len(STARTED) :].strip())

    threading.Thread(target=read, daemon=True).start()
    try:
        yield address.get(timeout=180).rstrip("/") + "/"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def photograph(page: Page, url: str, ready: str, scroll_to: str | None, path: Path) -> None:
    page.goto(url)
    page.locator(ready).first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    if scroll_to:
        page.locator(scroll_to).evaluate("node => node.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(600)  # the theme's header title fades to the page title
    page.screenshot(path=str(path))


def main() -> None:
    kb("build", "--library", str(LIBRARY), "--site-dir", str(SITE))
    kb("index", "--library", str(LIBRARY), "--index-dir", str(INDEX))
    OUT.mkdir(parents=True, exist_ok=True)
    with kb_serve() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, (width, height) in VIEWPORTS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="de-DE", device_scale_factor=1
            )
            page = context.new_page()
            for name, (path, ready, scroll_to) in PAGES.items():
                target = OUT / f"{name}-{device}.png"
                photograph(page, base + path, ready, scroll_to, target)
                print(f"{target.relative_to(REPO)}  ({width}×{height})")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
