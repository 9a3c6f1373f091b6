"""The printable kit: one PDF per concept (Steckbrief, sections, materials, attribution, a QR
code back to the page), rendered by WeasyPrint.

Rendering is the expensive part, so it is incremental: a PDF is cached under the hash of the
HTML it is made from (plus the stylesheet and WeasyPrint's version) and only concepts whose
HTML changed are rendered again. WeasyPrint may fetch nothing: no network, no local files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import segno

from kb_tools.errors import BuildError
from kb_tools.library import (
    Concept,
    Library,
    concept_pdf_url,
    concept_url,
)
from kb_tools.site.fragments import esc
from kb_tools.site.pages import attribution_text, materials_block, metadata_card
from kb_tools.site.sanitize import BodyRenderer, markdown_text

STYLESHEET = Path(__file__).parent / "templates" / "kit.css"
CACHE_FOLDER = "pdf"
# Where the QR code of the page URL goes; drawn only for PDFs that are rendered (it costs
# more than the rest of the HTML, and the URL it encodes is in the HTML anyway).
QR_SLOT = "<!--kb-qr-->"
# Rendering in a second process pays off only beyond a handful of PDFs.
PARALLEL_FROM = 6


@dataclass(frozen=True)
class KitReport:
    """What the PDF step did: PDFs in the site, how many were rendered now."""

    pdfs: int
    rendered: int


def kit_html(concept: Concept, library: Library, renderer: BodyRenderer, site_url: str) -> str:
    """The whole print document of one concept as HTML (links absolute, no scripts)."""
    base = site_url.rstrip("/") + "/"
    center = library.centers[concept.meta.center]
    intro, texts = renderer.body(concept.body)
    sections = "".join(
        f"<h2>{esc(markdown_text(section.title) or 'Abschnitt')}</h2>{html}"
        for section, html in zip(concept.sections, texts, strict=True)
    )
    text, url = attribution_text(concept, library, site_url)
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        f"<title>{esc(concept.title)}</title>"
        f'<meta name="author" content="{esc(center.name)}"></head><body>'
        '<header class="kit-head"><div>'
        f'<div class="kit-head__brand">Konzeptbibliothek · {esc(center.name)}</div>'
        f"<h1>{esc(concept.title)}</h1>"
        f'<p class="kb-lead">{esc(concept.meta.summary)}</p>'
        f'<p class="kit-credit">{esc(text)}</p></div>'
        f'<div class="kit-head__qr">{QR_SLOT}<br>Zur Online-Seite</div></header>'
        "<h2>Steckbrief</h2>"
        f"{metadata_card(concept, library, base)}"
        f"{intro}{sections}"
        f"{'<h2>Materialien</h2>' + materials_block(concept, library, base) if concept.materials else ''}"
        '<section class="kit-attribution"><h2>Namensnennung</h2>'
        f'<p>{esc(text)}, <a href="{esc(url)}">{esc(url)}</a></p></section>'
        "</body></html>"
    )


def write_kits(
    library: Library,
    site_url: str,
    cache_dir: Path,
    site_root: Path,
    renderer: BodyRenderer | None = None,
) -> KitReport:
    """Put ``konzepte/<id>/<id>.pdf`` for every concept into ``site_root``, rendering only the
    concepts whose print HTML changed since the last build (cached in ``cache_dir``)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    renderer = renderer or BodyRenderer()
    style = STYLESHEET.read_text(encoding="utf-8")
    salt = f"weasyprint={version('weasyprint')}\n{style}"
    wanted: dict[str, tuple[Path, str]] = {}
    for concept in library:
        html = kit_html(concept, library, renderer, site_url)
        key = hashlib.sha256((salt + html).encode()).hexdigest()[:24]
        wanted[concept.id] = (cache_dir / f"{concept.id}.{key}.pdf", html)
    base = site_url.rstrip("/") + "/"
    missing = [
        (path, html.replace(QR_SLOT, _qr(base + concept_url(concept_id)), 1))
        for concept_id, (path, html) in wanted.items()
        if not path.is_file()
    ]
    _render_all(missing, style)
    keep = {path.name for path, _ in wanted.values()}
    for stale in cache_dir.glob("*.pdf"):
        if stale.name not in keep:
            stale.unlink(missing_ok=True)
    for concept_id, (path, _) in wanted.items():
        target = site_root / concept_pdf_url(concept_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return KitReport(len(wanted), len(missing))


def _qr(url: str) -> str:
    return str(segno.make(url, error="m").svg_inline(border=0, omitsize=True))


def _render_all(jobs: list[tuple[Path, str]], style: str) -> None:
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        for path, html in jobs:
            _render(path, html, style)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_render, *zip(*jobs, strict=True), [style] * len(jobs), chunksize=4))


def _render(path: Path, html: str, style: str) -> None:
    """Render one PDF next to its final name, then rename it (a killed build leaves no half)."""
    from weasyprint import CSS, HTML

    partial = path.with_suffix(".part")
    try:
        document = HTML(string=html, url_fetcher=_no_fetch, base_url=None)
        document.write_pdf(partial, stylesheets=[CSS(string=style, url_fetcher=_no_fetch)])
        partial.replace(path)
    except Exception as exc:
        partial.unlink(missing_ok=True)
        raise BuildError(f"PDF für '{path.name.split('.')[0]}' nicht erstellt: {exc}") from exc


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """WeasyPrint loads nothing: a concept's HTML must not reach the network or the disk."""
    raise ValueError(f"Laden von {url[:80]!r} ist im PDF nicht erlaubt")
