"""``make screenshots``: the main pages of the sample site, desktop and phone, in build/screenshots/.

Builds the sample site and index into build/ (incrementally), starts ``kb serve`` on a free
port and photographs start page, catalogue, a concept page and the search page with results.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.browser import chromium  # noqa: E402
from tests.support.servers import kb_serve  # noqa: E402

KB = Path(sys.executable).with_name("kb")
LIBRARY = REPO / "concepts"
SITE = REPO / "build" / "site"
INDEX = REPO / "build" / "index"
OUT = REPO / "build" / "screenshots"
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
    args = ("--library", str(LIBRARY), "--site-dir", str(SITE), "--index-dir", str(INDEX))
    with kb_serve(*args) as server, chromium() as browser:
        base = server.url
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


if __name__ == "__main__":
    main()
