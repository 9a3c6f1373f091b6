"""The topics: an overview with counts and one page per topic."""

from __future__ import annotations

from kb_tools.library import (
    TOPICS_URL,
    Library,
    catalogue_url,
    plural,
    source_path,
    topic_feed_url,
    topic_url,
    vocabulary_url,
)
from kb_tools.site.feeds import topic_feed_title
from kb_tools.site.fragments import concept_rows, esc, link
from kb_tools.site.pages.base import LISTING_SEARCH, Page, breadcrumb, by_title, tally


def topic_tiles(library: Library, counts: dict[str, int], root: str) -> str:
    tiles = []
    for key, label in library.taxonomy.topics.items():
        count = plural(counts.get(key, 0), "Konzept", "Konzepte")
        tiles.append(
            f'<li>{link(root + topic_url(key), label)} <span class="kb-topic-count">{esc(count)}</span></li>'
        )
    return f'<ul class="kb-topic-list">{"".join(tiles)}</ul>'


def topics_index(library: Library) -> Page:
    counts = tally(key for c in library for key in c.meta.topics)
    content = "\n\n".join(
        [
            "# Themen",
            '<p class="kb-lead">Alle Themen der Bibliothek mit der Zahl ihrer Konzepte. '
            f"Maschinenlesbar: {link('../' + vocabulary_url('topics'), 'die Themen als SKOS-Vokabular')}.</p>",
            topic_tiles(library, counts, "../"),
        ]
    )
    return Page(source_path(TOPICS_URL), "Themen", content, {"hide": ["navigation", "toc"]})


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
        breadcrumb(root, (TOPICS_URL, "Themen")),
        f"<h1>{esc(label)}</h1>",
        f'<p class="kb-lead">{esc(intro)}'
        f'<a href="{esc(root + catalogue_url({"topic": [key]}))}">Im Katalog weiter filtern</a></p>',
        concept_rows(concepts, library, root),
    ]
    meta = {
        "description": esc(f"Konzepte zum Thema {label}"),
        "hide": ["navigation", "toc"],
        "search": LISTING_SEARCH,
        # Raw values: site_overrides/main.html escapes them into the feed's <link>.
        "kb_feed": {"href": topic_feed_url(key), "title": topic_feed_title(library, key)},
    }
    return Page(source_path(topic_url(key)), label, "", meta, before="".join(parts))
