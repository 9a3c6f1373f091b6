"""The start page: what the library is, its figures, recent concepts and topics."""

from __future__ import annotations

from kb_tools.library import (
    ADMIN_URL,
    ATLAS_URL,
    CATALOGUE_URL,
    CENTERS_URL,
    HOME_URL,
    SEARCH_URL,
    TOPICS_URL,
    Atlas,
    Library,
    source_path,
)
from kb_tools.site.fragments import card_grid, esc
from kb_tools.site.pages.base import Page, tally
from kb_tools.site.pages.topics import topic_tiles


def start_page(library: Library) -> Page:
    concepts = list(library)
    centers_with_concepts = {c.meta.center for c in concepts}
    # The atlas counts a transfer and the adaptation it produced once, as its list does.
    transfers = len(Atlas(library).transfers)
    tested = sum(c.meta.status != "entwurf" for c in concepts)
    stats = [
        (len(concepts), "Konzepte", ""),
        (len(centers_with_concepts), "Zentren", CENTERS_URL),
        (tested, "erprobt oder übertragen", ""),
        (transfers, "Übertragungen", f"{ATLAS_URL}#uebertragungen"),
    ]
    stat_html = "".join(
        (f'<a class="kb-stat" href="{href}">' if href else '<div class="kb-stat">')
        + f'<span class="kb-stat__value">{n}</span>'
        + f'<span class="kb-stat__label">{esc(label)}</span>'
        + ("</a>" if href else "</div>")
        for n, label, href in stats
    )
    recent = sorted(concepts, key=lambda c: (c.meta.updated, c.id), reverse=True)[:6]
    topic_counts = tally(key for c in concepts for key in c.meta.topics)
    content = "\n\n".join(
        [
            '<section class="kb-hero">'
            "<h1>Konzeptbibliothek der Zukunftszentren</h1>"
            '<p class="kb-hero__lead">Erprobte Lehr- und Lernkonzepte für die Weiterbildung in '
            "kleinen und mittleren Unternehmen – beschrieben von den Zentren, die sie entwickelt "
            "und eingesetzt haben, zum Nachnutzen und Weiterentwickeln.</p>"
            '<p class="kb-hero__actions">'
            f'<a class="md-button md-button--primary" href="{CATALOGUE_URL}">Katalog durchsuchen</a> '
            f'<a class="md-button" href="{SEARCH_URL}">Semantische Suche</a> '
            f'<a class="md-button" href="{ADMIN_URL}">Konzept einreichen</a></p>'
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
            f'<p><a href="{CENTERS_URL}">Alle Zentren</a> · <a href="{TOPICS_URL}">Alle Themen</a> · '
            f'<a href="{ATLAS_URL}">Überblick: Abdeckung, Transfers, Lücken</a> · '
            f'<a href="{CATALOGUE_URL}">Alle Konzepte im Katalog</a></p>',
        ]
    )
    meta = {"hide": ["navigation", "toc"]}
    return Page(source_path(HOME_URL), "Start", content, meta)
