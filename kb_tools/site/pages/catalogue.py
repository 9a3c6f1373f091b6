"""The catalogue: every concept as a card, filtered in the browser from ``katalog/concepts.json``.

The cards are in the HTML (works without JavaScript and without the search API); the script
the catalogue script reads the JSON for facet values and labels and hides non-matching cards.
"""

from __future__ import annotations

from typing import Any

from kb_tools.library import (
    CATALOGUE_URL,
    FACETS,
    Library,
    concept_facts,
    facet_data,
    facet_values,
    source_path,
)
from kb_tools.site.fragments import card_grid
from kb_tools.site.pages.base import LISTING_SEARCH, Page, by_title

DATA_FILE = f"{CATALOGUE_URL}concepts.json"


def catalogue_data(library: Library) -> dict[str, Any]:
    """Facets (ordered values with German labels) and each concept's facet values."""
    concepts = [
        {
            "id": c.id,
            "title": c.meta.title,
            "summary": c.meta.summary,
            "url": c.url,
            "updated": c.meta.updated.isoformat(),
            "facts": concept_facts(c.meta, library.taxonomy),
            "facets": {facet: list(facet_values(c, library, facet)) for facet in FACETS},
        }
        for c in by_title(library)
    ]
    return {"facets": facet_data(library), "concepts": concepts}


def catalogue_page(library: Library) -> Page:
    total = len(library)
    html = "".join(
        [
            "<h1>Katalog</h1>",
            '<p class="kb-lead">Alle Konzepte der Bibliothek. Filter innerhalb einer Gruppe '
            "werden mit „oder“, Gruppen untereinander mit „und“ verknüpft; die Auswahl steht in "
            "der Adresse und lässt sich teilen.</p>",
            '<div class="kb-catalogue" id="kb-catalogue" data-src="concepts.json">'
            '<details class="kb-filters" id="kb-filters" open>'
            '<summary class="kb-filters__summary">Filter</summary>'
            '<div class="kb-filters__body" id="kb-filter-groups">'
            '<p class="kb-muted">Die Filter brauchen JavaScript; alle Konzepte sind unten '
            "aufgelistet.</p></div></details>"
            '<div class="kb-catalogue__main">'
            '<div class="kb-catalogue__bar">'
            f'<p class="kb-count" id="kb-count" aria-live="polite">{total} Konzepte</p>'
            '<div class="kb-active" id="kb-active"></div>'
            '<button type="button" class="md-button kb-reset" id="kb-reset" hidden>'
            "Alle Filter zurücksetzen</button></div>"
            f"{card_grid(by_title(library), library, '../', 'kb-cards')}"
            '<div class="kb-catalogue__empty" id="kb-empty" hidden><p><strong>Kein Konzept passt zu dieser '
            "Auswahl.</strong> Entfernen Sie einen Filter oder setzen Sie alle zurück.</p></div>"
            "</div></div>",
        ]
    )
    meta = {
        "description": f"Alle {total} Konzepte der Bibliothek, filterbar nach Thema, Format, "
        "Zielgruppe, Zentrum, Region und Status.",
        "hide": ["navigation", "toc"],
        "search": LISTING_SEARCH,
    }
    return Page(source_path(CATALOGUE_URL), "Katalog", "", meta, before=html)
