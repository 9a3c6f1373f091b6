"""Small HTML building blocks of the generated pages. Every value is escaped here."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from kb_tools.library import (
    CardFact,
    Concept,
    Library,
    center_url,
    concept_facts,
    concept_url,
    facet_label,
    topic_url,
)


def esc(value: object) -> str:
    """HTML-escape text for element content and quoted attribute values."""
    return escape(str(value), quote=True)


def link(href: str, text: str, css: str = "") -> str:
    cls = f' class="{esc(css)}"' if css else ""
    return f'<a href="{esc(href)}"{cls}>{esc(text)}</a>'


def status_badge(library: Library, status: str) -> str:
    label = facet_label(library, "status", status)
    return f'<span class="kb-badge kb-badge--{esc(status)}">{esc(label)}</span>'


def chip_list(items: Iterable[tuple[str, str | None]], css: str = "kb-pills") -> str:
    """A list of chips; each item is (label, href or None)."""
    chips = [f"<li>{link(href, label) if href else esc(label)}</li>" for label, href in items]
    return f'<ul class="{esc(css)}">{"".join(chips)}</ul>' if chips else ""


def topic_links(concept: Concept, library: Library, root: str) -> str:
    return ", ".join(
        link(root + topic_url(key), library.label("topics", key)) for key in concept.meta.topics
    )


def concept_card(concept: Concept, library: Library, root: str, heading: str = "h3") -> str:
    """A catalogue card; the title link covers the whole card (see stylesheets/kb/cards.css)."""
    meta = concept.meta
    center = library.centers[meta.center]
    topics = chip_list((library.label("topics", key), None) for key in meta.topics)
    return (
        f'<article class="kb-card" data-kb-id="{esc(concept.id)}">'
        f'<div class="kb-card__top">{status_badge(library, meta.status)}'
        f'<span class="kb-card__center">{esc(center.name)}</span></div>'
        f'<{heading} class="kb-card__title">{link(root + concept_url(concept.id), meta.title)}'
        f"</{heading}>"
        f'<p class="kb-card__summary">{esc(meta.summary)}</p>'
        f"{facts_list(concept_facts(meta, library.taxonomy))}"
        f"{topics}"
        "</article>"
    )


def facts_list(facts: list[CardFact]) -> str:
    """Zielgruppe, Format, Dauer, Erprobung as a small definition list."""
    rows = "".join(
        f"<div><dt>{esc(f['label'])}</dt><dd>{esc(f['value'])}</dd></div>" for f in facts
    )
    return f'<dl class="kb-facts">{rows}</dl>'


def card_grid(concepts: Iterable[Concept], library: Library, root: str, grid_id: str = "") -> str:
    cards = "".join(concept_card(c, library, root) for c in concepts)
    attr = f' id="{esc(grid_id)}"' if grid_id else ""
    return f'<div class="kb-grid"{attr}>{cards}</div>'


def concept_link(concept: Concept, library: Library, root: str) -> str:
    """Title link plus the centre, for lineage lists."""
    center = library.centers[concept.meta.center]
    return (
        f"{link(root + concept_url(concept.id), concept.meta.title)}"
        f' <span class="kb-muted">– {link(root + center_url(concept.meta.center), center.name)}</span>'
    )


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs from centers.yml become links; anything else is dropped."""
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


def concept_rows(
    concepts: Iterable[Concept], library: Library, root: str, center: bool = True
) -> str:
    """A compact list (fewer elements than cards: long topic and centre pages stay fast)."""
    rows = []
    for concept in concepts:
        meta = concept.meta
        where = f'<span class="kb-row__center">{esc(library.centers[meta.center].name)}</span>'
        rows.append(
            f'<li class="kb-row" data-kb-id="{esc(concept.id)}">'
            f"{link(root + concept_url(concept.id), meta.title, 'kb-row__title')} "
            f"{status_badge(library, meta.status)}{where if center else ''}"
            f'<span class="kb-row__summary">{esc(meta.summary)}</span></li>'
        )
    return f'<ul class="kb-rows">{"".join(rows)}</ul>'
