"""The generated pages: Markdown files that are mostly pre-rendered, escaped HTML blocks.

MkDocs renders them, but every value from the library is escaped (or sanitised by
:mod:`kb_tools.sanitize`) here, before MkDocs sees it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from kb_tools.fragments import card_grid, concept_link, concept_rows, esc, link, plural, safe_url
from kb_tools.library import Concept, Library

try:  # libyaml is much faster for thousands of pages; the pure-Python dumper also works.
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


# Listing pages repeat the concepts' summaries; the built-in search finds the concept pages.
LISTING_SEARCH = {"exclude": True}


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, relative to the docs folder.

    ``content`` is what MkDocs renders and indexes for its search. ``before`` and ``after`` are
    finished HTML that the theme override (site_overrides/main.html) places around it: MkDocs
    parses every tag of raw HTML in Markdown three times (twice while rendering, once for the
    search index), which made metadata cards and card lists the bulk of the build time.
    """

    path: str
    title: str
    content: str
    meta: dict[str, Any] = field(default_factory=dict)
    before: str = ""
    after: str = ""

    @property
    def root(self) -> str:
        """Relative prefix from this page's URL to the site root (directory URLs)."""
        return "../" * page_depth(self.path)

    def text(self) -> str:
        # Templates print page.meta.title/description unescaped, so they get escaped text.
        meta = {"title": esc(self.title), **self.meta}
        if self.before or self.after:
            meta.update(kb_before=self.before, kb_after=self.after)
        front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 20)
        return f"---\n{front}---\n\n{self.content}\n"


def page_depth(path: str) -> int:
    url = path.removesuffix(".md").removesuffix("index").strip("/")
    return len(url.split("/")) if url else 0


def breadcrumb(root: str, *items: tuple[str, str]) -> str:
    links = " › ".join(link(root + href, text) for href, text in items)
    return f'<nav class="kb-breadcrumb" aria-label="Brotkrumen">{links}</nav>'


def derived_index(library: Library) -> dict[str, list[Concept]]:
    """Reverse ``adapted_from`` for all concepts at once (``Library.derived`` per page is O(N²))."""
    derived: dict[str, list[Concept]] = {cid: [] for cid in library.concepts}
    for concept in library:
        for ref in concept.meta.adapted_from:
            derived.setdefault(ref, []).append(concept)
    return derived


def by_title(concepts: Iterable[Concept]) -> list[Concept]:
    return sorted(concepts, key=lambda c: (c.meta.title.casefold(), c.id))


def center_tiles(library: Library, counts: dict[str, int], root: str) -> str:
    tiles = []
    for key, center in sorted(library.centers.items(), key=lambda kv: kv[1].name.casefold()):
        tiles.append(
            f'<article class="kb-tile">'
            f'<h3 class="kb-tile__title">{link(f"{root}zentren/{key}/", center.name)}</h3>'
            f'<p class="kb-muted">{esc(center.region)}</p>'
            f'<p class="kb-tile__count">{esc(plural(counts.get(key, 0), "Konzept", "Konzepte"))}</p>'
            "</article>"
        )
    return f'<div class="kb-tiles">{"".join(tiles)}</div>'


def topic_tiles(library: Library, counts: dict[str, int], root: str) -> str:
    tiles = []
    for key, label in library.taxonomy.topics.items():
        count = plural(counts.get(key, 0), "Konzept", "Konzepte")
        tiles.append(
            f'<li>{link(f"{root}themen/{key}/", label)} <span class="kb-topic-count">{esc(count)}</span></li>'
        )
    return f'<ul class="kb-topic-list">{"".join(tiles)}</ul>'


def center_contact(library: Library, key: str) -> str:
    center = library.centers[key]
    rows = [("Region", esc(center.region))]
    if url := safe_url(center.url):
        rows.append(("Website", f'<a href="{esc(url)}" rel="noopener">{esc(url)}</a>'))
    if center.email:
        rows.append(("E-Mail", f'<a href="mailto:{esc(center.email)}">{esc(center.email)}</a>'))
    return meta_list(rows, "kb-meta kb-meta--compact")


def meta_list(rows: list[tuple[str, str]], css: str = "kb-meta") -> str:
    """A label/value card; values are HTML that the caller has escaped."""
    items = "".join(f"<dt>{esc(key)}</dt><dd>{value}</dd>" for key, value in rows)
    return f'<dl class="{css}">{items}</dl>'


def start_page(library: Library) -> Page:
    concepts = list(library)
    centers_with_concepts = {c.meta.center for c in concepts}
    transfers = sum(len(c.meta.transfers) for c in concepts)
    tested = sum(c.meta.status != "entwurf" for c in concepts)
    stats = [
        (len(concepts), "Konzepte"),
        (len(centers_with_concepts), "Zentren"),
        (tested, "erprobt oder übertragen"),
        (transfers, "Übertragungen"),
    ]
    stat_html = "".join(
        f'<div class="kb-stat"><span class="kb-stat__value">{n}</span>'
        f'<span class="kb-stat__label">{esc(label)}</span></div>'
        for n, label in stats
    )
    recent = sorted(concepts, key=lambda c: (c.meta.updated, c.id), reverse=True)[:6]
    topic_counts = _counts(key for c in concepts for key in c.meta.topics)
    content = "\n\n".join(
        [
            '<section class="kb-hero">'
            "<h1>Konzeptbibliothek der Zukunftszentren</h1>"
            '<p class="kb-hero__lead">Erprobte Lehr- und Lernkonzepte für die Weiterbildung in '
            "kleinen und mittleren Unternehmen – beschrieben von den Zentren, die sie entwickelt "
            "und eingesetzt haben, zum Nachnutzen und Weiterentwickeln.</p>"
            '<p class="kb-hero__actions">'
            '<a class="md-button md-button--primary" href="katalog/">Katalog durchsuchen</a> '
            '<a class="md-button" href="suche/">Semantische Suche</a></p>'
            "</section>",
            f'<div class="kb-stats">{stat_html}</div>',
            "## So ist die Bibliothek aufgebaut",
            '<div class="kb-explain">'
            "<p>Jedes Konzept hat einen <strong>Steckbrief</strong> (Zentrum, Themen, Formate, "
            "Zielgruppen, Dauer, Erprobung, Lizenz) und beschreibt Ziel, Ablauf, Methoden, "
            "Erfahrungen und Hinweise für die Übertragung. Der <strong>Status</strong> zeigt den "
            "Reifegrad: <em>Entwurf</em>, <em>erprobt</em> oder <em>transferiert</em> (schon in "
            "anderen Zentren eingesetzt).</p>"
            "<p>Baut ein Konzept auf einem anderen auf, ist das auf beiden Seiten verlinkt – so "
            "lässt sich nachverfolgen, wie eine Idee von Zentrum zu Zentrum gewandert ist. Alle "
            "Inhalte stehen unter offenen Lizenzen.</p>"
            "</div>",
            "## Zuletzt aktualisiert",
            card_grid(recent, library, ""),
            "## Themen",
            topic_tiles(library, topic_counts, ""),
            '<p><a href="zentren/">Alle Zentren</a> · <a href="themen/">Alle Themen</a> · '
            '<a href="katalog/">Alle Konzepte im Katalog</a></p>',
        ]
    )
    meta = {"hide": ["navigation", "toc"]}
    return Page("index.md", "Start", content, meta)


def centers_index(library: Library) -> Page:
    counts = _counts(c.meta.center for c in library)
    content = "\n\n".join(
        [
            "# Zentren",
            '<p class="kb-lead">Die Zukunftszentren und bundesweiten Zentren, die ihre Konzepte '
            "in der Bibliothek teilen.</p>",
            center_tiles(library, counts, "../"),
        ]
    )
    return Page("zentren/index.md", "Zentren", content, {"hide": ["navigation", "toc"]})


def center_page(library: Library, key: str) -> Page:
    root = "../../"
    center = library.centers[key]
    own = by_title(c for c in library if c.meta.center == key)
    received = by_title(c for c in library if any(t.center == key for t in c.meta.transfers))
    parts = [
        breadcrumb(root, ("zentren/", "Zentren")),
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
    }
    return Page(f"zentren/{key}.md", center.name, "", meta, before="".join(parts))


def topics_index(library: Library) -> Page:
    counts = _counts(key for c in library for key in c.meta.topics)
    content = "\n\n".join(
        [
            "# Themen",
            '<p class="kb-lead">Alle Themen der Bibliothek mit der Zahl ihrer Konzepte.</p>',
            topic_tiles(library, counts, "../"),
        ]
    )
    return Page("themen/index.md", "Themen", content, {"hide": ["navigation", "toc"]})


def topic_page(library: Library, key: str) -> Page:
    root = "../../"
    label = library.label("topics", key)
    concepts = by_title(c for c in library if key in c.meta.topics)
    intro = (
        f"{plural(len(concepts), 'Konzept', 'Konzepte')} zum Thema „{label}“. "
        if concepts
        else f"Zum Thema „{label}“ gibt es noch keine Konzepte. "
    )
    parts = [
        breadcrumb(root, ("themen/", "Themen")),
        f"<h1>{esc(label)}</h1>",
        f'<p class="kb-lead">{esc(intro)}'
        f'<a href="{root}katalog/?topic={esc(key)}">Im Katalog weiter filtern</a></p>',
        concept_rows(concepts, library, root),
    ]
    meta = {
        "description": esc(f"Konzepte zum Thema {label}"),
        "hide": ["navigation", "toc"],
        "search": LISTING_SEARCH,
    }
    return Page(f"themen/{key}.md", label, "", meta, before="".join(parts))


def search_page() -> Page:
    content = "\n\n".join(
        [
            "# Semantische Suche",
            '<p class="kb-lead">Beschreiben Sie in eigenen Worten, was Sie suchen – die Suche '
            "findet passende Konzepte auch dann, wenn andere Begriffe verwendet werden.</p>",
            '<div id="kb-search-app"></div>',
            "<noscript><p>Die semantische Suche braucht JavaScript. Der "
            '<a href="../katalog/">Katalog</a> funktioniert auch ohne.</p></noscript>',
        ]
    )
    return Page("suche/index.md", "Semantische Suche", content, {"hide": ["navigation", "toc"]})


def _counts(keys: Iterable[str]) -> dict[str, int]:
    return dict(Counter(keys))
