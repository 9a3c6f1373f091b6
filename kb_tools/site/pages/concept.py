"""The page of one concept: metadata card, sanitised body, lineage box, similar-concepts hook."""

from __future__ import annotations

from urllib.parse import quote

from kb_tools.library import (
    CATALOGUE_URL,
    LICENSE_NAMES,
    LICENSE_URLS,
    STATUS_MEANINGS,
    Concept,
    Contact,
    Library,
    adopt_url,
    center_url,
    concept_pdf_url,
    edit_url,
    evidence_text,
    format_size,
    german_date,
    material_url,
    materials_zip_url,
    month_year,
    plural,
    source_path,
)
from kb_tools.site.fragments import (
    concept_link,
    esc,
    link,
    safe_url,
    status_badge,
    topic_links,
)
from kb_tools.site.jsonld import concept_jsonld, script_json
from kb_tools.site.pages.base import Page, breadcrumb, meta_list
from kb_tools.site.sanitize import BodyRenderer, markdown_text


def concept_page(concept: Concept, library: Library, renderer: BodyRenderer, site_url: str) -> Page:
    path = source_path(concept.url)
    root = "../../"
    center = library.centers[concept.meta.center]
    before = (
        breadcrumb(root, (CATALOGUE_URL, "Katalog"), (center_url(concept.meta.center), center.name))
        + f"<h1>{esc(concept.meta.title)}</h1>"
        + f'<p class="kb-lead">{esc(concept.meta.summary)}</p>'
        + metadata_card(concept, library, root)
        + actions(concept, library, root)
    )
    # The sections stay Markdown headings: they make the table of contents and search sections.
    content = [*body_blocks(concept, renderer)]
    if concept.materials:
        content += ["## Materialien", _html_block(materials_block(concept, library, root))]
    content.append("## Herkunft und Transfer")
    after = (
        lineage_box(concept, library, root)
        + attribution(concept, library, site_url)
        + f'<div class="kb-similar" data-concept-id="{esc(concept.id)}"></div>'
    )
    meta = {
        "description": esc(concept.meta.summary),
        "hide": ["navigation"],
        "kb_jsonld": script_json(concept_jsonld(concept, library, site_url)),
    }
    return Page(path, concept.meta.title, "\n\n".join(content), meta, before, after)


def actions(concept: Concept, library: Library, root: str) -> str:
    """Write to the people behind the concept; adapt or edit it in the editor (admin/)."""
    buttons = []
    if address := contact_address(concept, library):
        subject = f"Anfrage zum Konzept „{concept.title}“"
        mailto = f"mailto:{quote(address, safe='@')}?subject={quote(subject)}"
        buttons.append(link(mailto, "Kontakt aufnehmen", "md-button md-button--primary"))
    pdf = link(root + concept_pdf_url(concept.id), "Als PDF herunterladen", "md-button")
    buttons.append(pdf.replace("<a ", "<a download ", 1))
    buttons.append(link(root + adopt_url(concept.id), "Für mein Zentrum übernehmen", "md-button"))
    buttons.append(
        link(root + edit_url(concept.meta.center, concept.id), "Bearbeiten", "md-button")
    )
    return f'<p class="kb-actions">{" ".join(buttons)}</p>'


def materials_block(concept: Concept, library: Library, root: str) -> str:
    """Title, type, size, licence and a download link per material; one ZIP of all files."""
    rows = []
    for material in concept.materials:
        if material.file is not None:
            href = root + material_url(concept.id, material.file)
            title = f'<a href="{esc(href)}" download>{esc(material.title)}</a>'
            kind, size = material.label, format_size(material.size)
        else:
            href = safe_url(material.url) or ""
            title = f'<a href="{esc(href)}" rel="noopener">{esc(material.title)}</a>'
            kind, size = "Link", "–"
        description = (
            f'<br><span class="kb-muted">{esc(material.description)}</span>'
            if material.description
            else ""
        )
        license_link = (
            f'<a href="{esc(LICENSE_URLS[material.license])}" rel="license noopener">'
            f"{esc(LICENSE_NAMES[material.license])}</a>"
        )
        rows.append(
            f"<tr><td>{title}{description}</td><td>{esc(kind)}</td><td>{esc(size)}</td>"
            f"<td>{license_link}</td></tr>"
        )
    table = (
        '<table class="kb-materials"><thead><tr><th>Material</th><th>Typ</th><th>Größe</th>'
        f"<th>Lizenz</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    files = [m for m in concept.materials if m.is_file]
    if files:
        href = root + materials_zip_url(concept.id)
        total = format_size(sum(m.size for m in files))
        zip_link = f'<a href="{esc(href)}" class="md-button" download>Alle Materialien (ZIP)</a>'
        table += f'<p class="kb-materials__all">{zip_link} <span class="kb-muted">{plural(len(files), "Datei", "Dateien")}, {esc(total)}</span></p>'
    return table


def attribution_text(concept: Concept, library: Library, site_url: str) -> tuple[str, str]:
    """„Titel“ von Zentrum X, Lizenz CC BY 4.0 – and the page's absolute URL."""
    center = library.centers[concept.meta.center].name
    license_name = LICENSE_NAMES[concept.meta.license]
    url = site_url.rstrip("/") + "/" + concept.url
    return f"„{concept.title}“ von {center}, Lizenz {license_name}", url


def attribution(concept: Concept, library: Library, site_url: str) -> str:
    """How to credit the concept when reusing it; printed at the end of every copy."""
    text, url = attribution_text(concept, library, site_url)
    return (
        '<aside class="kb-attribution" aria-label="Namensnennung"><h2>Namensnennung</h2>'
        f'<p>{esc(text)}, <a href="{esc(url)}">{esc(url)}</a></p></aside>'
    )


def contact_address(concept: Concept, library: Library) -> str | None:
    """The contact person's e-mail address, else the centre's."""
    contact = concept.meta.contact
    return (contact.email if contact else None) or library.centers[concept.meta.center].email


def contact_details(contact: Contact) -> str:
    parts = [esc(contact.name)]
    if contact.email:
        parts.append(f'<a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a>')
    if contact.phone:
        parts.append(
            f'<a href="tel:{esc(contact.phone.replace(" ", ""))}">{esc(contact.phone)}</a>'
        )
    if url := safe_url(contact.url):
        parts.append(f'<a href="{esc(url)}" rel="noopener">{esc(url)}</a>')
    return " · ".join(parts)


def metadata_card(concept: Concept, library: Library, root: str) -> str:
    meta = concept.meta
    center = library.centers[meta.center]
    rows: list[tuple[str, str]] = [
        (
            "Zentrum",
            f"{link(root + center_url(meta.center), center.name)} ({esc(center.region)})",
        ),
        (
            "Status",
            f"{status_badge(library, meta.status)} "
            f'<span class="kb-muted">{esc(STATUS_MEANINGS[meta.status])}</span>',
        ),
        ("Themen", topic_links(concept, library, root)),
        ("Formate", esc(", ".join(library.label("formats", k) for k in meta.formats))),
        ("Zielgruppen", esc(", ".join(library.label("audience", k) for k in meta.audience))),
    ]
    if meta.duration:
        rows.append(("Dauer", esc(meta.duration)))
    if meta.group_size:
        size = meta.group_size
        text = (
            f"{size.min} Personen"
            if size.min == size.max
            else f"{size.min} bis {size.max} Personen"
        )
        rows.append(("Gruppengröße", esc(text)))
    if meta.industries:
        rows.append(("Branchen", esc(", ".join(meta.industries))))
    if evidence := evidence_text(meta, library.taxonomy):
        rows.append(("Erprobung", esc(evidence)))
    if meta.evaluation:
        rows.append(("Auswertung", esc(meta.evaluation)))
    license_link = (
        f'<a href="{esc(LICENSE_URLS[meta.license])}" rel="license noopener">'
        f"{esc(LICENSE_NAMES.get(meta.license, meta.license))}</a>"
    )
    rows.append(("Lizenz", license_link))
    rows.append(
        (
            "Aktualisiert",
            f'<time datetime="{meta.updated.isoformat()}">{esc(german_date(meta.updated))}</time>',
        )
    )
    if meta.contact:
        rows.append(("Kontakt", contact_details(meta.contact)))
    if meta.keywords:
        rows.append(("Schlagwörter", esc(", ".join(meta.keywords))))
    return meta_list(rows)


def body_blocks(concept: Concept, renderer: BodyRenderer) -> list[str]:
    """The body as Markdown H2 headings (for the table of contents) + sanitised HTML blocks."""
    intro, texts = renderer.body(concept.body)
    blocks = [_html_block(intro)] if intro else []
    for section, html in zip(concept.sections, texts, strict=True):
        blocks.append(f"## {markdown_text(section.title) or 'Abschnitt'}")
        if html:
            blocks.append(_html_block(html))
    return blocks


def lineage_box(concept: Concept, library: Library, root: str) -> str:
    groups = []
    sources = library.sources(concept)
    derived = library.derived(concept.id)
    if sources:
        title = (
            "Baut auf diesem Konzept auf" if len(sources) == 1 else "Baut auf diesen Konzepten auf"
        )
        groups.append((title, [concept_link(c, library, root) for c in sources], "origin"))
    if derived:
        groups.append(
            ("Weiterentwickelt in", [concept_link(c, library, root) for c in derived], "derived")
        )
    if concept.meta.transfers:
        items = []
        for transfer in concept.meta.transfers:
            name = library.centers[transfer.center].name
            note = f" – {esc(transfer.note)}" if transfer.note else ""
            items.append(
                f"{link(root + center_url(transfer.center), name)}"
                f' <span class="kb-muted">seit {esc(month_year(transfer.date))}</span>{note}'
            )
        groups.append(("Übertragen nach", items, "transfers"))
    if not groups:
        body = (
            '<p class="kb-muted">Für dieses Konzept sind noch keine Vorläufer, '
            "Weiterentwicklungen oder Übertragungen in andere Zentren erfasst.</p>"
        )
    else:
        body = "".join(
            f'<div class="kb-lineage__group kb-lineage__group--{kind}"><h3>{esc(title)}</h3>'
            f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul></div>"
            for title, items, kind in groups
        )
    return f'<aside class="kb-lineage" aria-label="Herkunft und Transfer">{body}</aside>'


def _html_block(html: str) -> str:
    # A raw HTML block: Markdown leaves its content alone, so the sanitised HTML stays as is.
    return f'<div class="kb-body">\n{html}\n</div>'
