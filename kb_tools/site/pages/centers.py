"""The centres: an overview of all of them and one page per centre."""

from __future__ import annotations

from kb_tools.library import (
    CENTERS_URL,
    Library,
    center_feed_url,
    center_url,
    plural,
    source_path,
)
from kb_tools.site.feeds import center_feed_title
from kb_tools.site.fragments import concept_link, concept_rows, esc, link, safe_url
from kb_tools.site.pages.base import LISTING_SEARCH, Page, breadcrumb, by_title, meta_list, tally


def center_tiles(library: Library, counts: dict[str, int], root: str) -> str:
    tiles = []
    for key, center in sorted(library.centers.items(), key=lambda kv: kv[1].name.casefold()):
        tiles.append(
            f'<article class="kb-tile">'
            f'<h3 class="kb-tile__title">{link(root + center_url(key), center.name)}</h3>'
            f'<p class="kb-muted">{esc(center.region)}</p>'
            f'<p class="kb-tile__count">{esc(plural(counts.get(key, 0), "Konzept", "Konzepte"))}</p>'
            "</article>"
        )
    return f'<div class="kb-tiles">{"".join(tiles)}</div>'


def center_contact(library: Library, key: str) -> str:
    center = library.centers[key]
    rows = [("Region", esc(center.region))]
    if url := safe_url(center.url):
        rows.append(("Website", f'<a href="{esc(url)}" rel="noopener">{esc(url)}</a>'))
    if center.email:
        rows.append(("E-Mail", f'<a href="mailto:{esc(center.email)}">{esc(center.email)}</a>'))
    return meta_list(rows, "kb-meta kb-meta--compact")


def centers_index(library: Library) -> Page:
    counts = tally(c.meta.center for c in library)
    content = "\n\n".join(
        [
            "# Zentren",
            '<p class="kb-lead">Die Zukunftszentren und bundesweiten Zentren, die ihre Konzepte '
            "in der Bibliothek teilen.</p>",
            center_tiles(library, counts, "../"),
        ]
    )
    return Page(source_path(CENTERS_URL), "Zentren", content, {"hide": ["navigation", "toc"]})


def center_page(library: Library, key: str) -> Page:
    root = "../../"
    center = library.centers[key]
    own = by_title(c for c in library if c.meta.center == key)
    received = by_title(c for c in library if any(t.center == key for t in c.meta.transfers))
    parts = [
        breadcrumb(root, (CENTERS_URL, "Zentren")),
        f"<h1>{esc(center.name)}</h1>",
        center_contact(library, key),
        f"<h2>Konzepte ({len(own)})</h2>",
        concept_rows(own, library, root, center=False)
        if own
        else '<p class="kb-muted">Dieses Zentrum hat noch keine Konzepte eingestellt.</p>',
    ]
    if received:
        items = "".join(f"<li>{concept_link(c, library, root)}</li>" for c in received)
        parts += ["<h2>Hierher übertragen</h2>", f'<ul class="kb-link-list">{items}</ul>']
    meta = {
        "description": esc(f"Konzepte von {center.name} ({center.region})"),
        "hide": ["navigation", "toc"],
        "search": LISTING_SEARCH,
        # Raw values: site_overrides/main.html escapes them into the feed's <link>.
        "kb_feed": {"href": center_feed_url(key), "title": center_feed_title(library, key)},
    }
    return Page(source_path(center_url(key)), center.name, "", meta, before="".join(parts))
