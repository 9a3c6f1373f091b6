"""The semantic search page: a mount point for the search UI (kb-search scripts)."""

from __future__ import annotations

from kb_tools.library import CATALOGUE_URL, SEARCH_URL, source_path
from kb_tools.site.pages.base import Page


def search_page() -> Page:
    content = "\n\n".join(
        [
            "# Semantische Suche",
            '<p class="kb-lead">Beschreiben Sie in eigenen Worten, was Sie suchen – die Suche '
            "findet passende Konzepte auch dann, wenn andere Begriffe verwendet werden.</p>",
            '<div id="kb-search-app"></div>',
            "<noscript><p>Die semantische Suche braucht JavaScript. Der "
            f'<a href="../{CATALOGUE_URL}">Katalog</a> funktioniert auch ohne.</p></noscript>',
        ]
    )
    return Page(
        source_path(SEARCH_URL), "Semantische Suche", content, {"hide": ["navigation", "toc"]}
    )
