"""The vocabularies as pages: an overview and one page per SKOS concept scheme, a row per key.

Each row's element id is its key, which makes ``vokabular/themen/#ki`` the URI of a topic; the
page embeds its scheme as JSON-LD (see :mod:`kb_tools.site.skos`).
"""

from __future__ import annotations

from kb_tools.library import (
    FACET_VOCABULARIES,
    VOCABULARY_URL,
    Library,
    catalogue_url,
    facet_values,
    plural,
    source_path,
    vocabulary_concept_uri,
    vocabulary_data_url,
    vocabulary_url,
)
from kb_tools.site.fragments import esc, link
from kb_tools.site.jsonld import script_json
from kb_tools.site.pages.base import LISTING_SEARCH, Page, breadcrumb, tally
from kb_tools.site.skos import SCHEME_DESCRIPTIONS, SCHEMES, scheme_jsonld

_FACETS = {vocabulary: facet for facet, vocabulary in FACET_VOCABULARIES.items()}
_HIDE = ["navigation", "toc"]


def vocabulary_pages(library: Library, site_url: str) -> list[Page]:
    """The overview, then the page of every concept scheme."""
    return [vocabulary_index(library)] + [
        vocabulary_page(library, scheme, site_url) for scheme in SCHEMES
    ]


def vocabulary_index(library: Library) -> Page:
    root = "../"
    items = []
    for scheme, title in SCHEMES.items():
        count = plural(len(library.taxonomy.vocabulary(scheme)), "Begriff", "Begriffe")
        items.append(
            f"<li>{link(root + vocabulary_url(scheme), title)} "
            f'<span class="kb-topic-count">{esc(count)}</span> '
            f"({link(root + vocabulary_data_url(scheme), 'JSON-LD')})</li>"
        )
    parts = [
        "<h1>Vokabular</h1>",
        '<p class="kb-lead">Themen, Formate und Zielgruppen der Bibliothek als '
        "SKOS-Begriffsschemata. Jeder Begriff hat eine feste Adresse (URI), über die Metadaten "
        "wie die JSON-LD-Beschreibungen der Konzepte auf ihn verweisen.</p>",
        f'<ul class="kb-topic-list">{"".join(items)}</ul>',
    ]
    meta = {
        "description": esc("Themen, Formate und Zielgruppen der Konzeptbibliothek als SKOS"),
        "hide": _HIDE,
        "search": LISTING_SEARCH,
    }
    return Page(source_path(VOCABULARY_URL), "Vokabular", "", meta, before="".join(parts))


def vocabulary_page(library: Library, scheme: str, site_url: str) -> Page:
    root = "../../"
    title = SCHEMES[scheme]
    facet = _FACETS[scheme]
    terms = library.taxonomy.vocabulary(scheme)
    counts = tally(key for c in library for key in facet_values(c, library, facet))
    example = site_url.rstrip("/") + "/" + vocabulary_concept_uri(scheme, next(iter(terms), ""))
    rows = "".join(
        f'<tr id="{esc(key)}"><td>{link(root + vocabulary_concept_uri(scheme, key), label)}</td>'
        f"<td><code>{esc(key)}</code></td>"
        f"<td>{counts.get(key, 0)}</td>"
        f"<td>{link(root + catalogue_url({facet: [key]}), 'Im Katalog zeigen')}</td></tr>"
        for key, label in terms.items()
    )
    parts = [
        breadcrumb(root, (VOCABULARY_URL, "Vokabular")),
        f"<h1>{esc(title)}</h1>",
        f'<p class="kb-lead">{esc(SCHEME_DESCRIPTIONS[scheme])} '
        f"{esc(plural(len(terms), 'Begriff', 'Begriffe'))}; die URI eines Begriffs ist die "
        f"Adresse dieser Seite mit seinem Schlüssel als Anker, etwa <code>{esc(example)}</code>. "
        f"{link(root + vocabulary_data_url(scheme), 'Als JSON-LD (SKOS)')}</p>",
        '<table class="kb-vocabulary"><thead><tr><th>Begriff</th><th>Schlüssel</th>'
        f"<th>Konzepte</th><th>Katalog</th></tr></thead><tbody>{rows}</tbody></table>",
    ]
    meta = {
        "description": esc(f"{title} der Konzeptbibliothek als SKOS-Begriffsschema"),
        "hide": _HIDE,
        "search": LISTING_SEARCH,
        "kb_jsonld": script_json(scheme_jsonld(library, scheme, site_url)),
    }
    return Page(source_path(vocabulary_url(scheme)), title, "", meta, before="".join(parts))
