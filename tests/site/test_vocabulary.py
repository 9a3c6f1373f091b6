"""The taxonomy as a SKOS vocabulary on the built site: a page per scheme, an anchor per key."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from kb_tools.library import (
    VOCABULARY_URL,
    load_library,
    vocabulary_concept_uri,
    vocabulary_data_url,
    vocabulary_url,
)
from kb_tools.site import build_site, scheme_jsonld
from kb_tools.site.skos import SCHEMES
from tests.support.site import SITE_URL, BuiltSite, parse, resolve, settings_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from tests.support.library import concept_text, empty_library

    root = tmp_path_factory.mktemp("vocabulary-site")
    library_dir = empty_library(root)
    (library_dir / "sachsen").mkdir()
    for concept_id, topics in (("eins", ["ki"]), ("zwei", ["ki", "fuehrung"])):
        text = concept_text(title=f"Konzept {concept_id}", topics=topics, formats=["seminar"])
        (library_dir / "sachsen" / f"{concept_id}.md").write_text(text, encoding="utf-8")
    settings = settings_for(library_dir, root)
    build_site(settings)
    return BuiltSite(load_library(library_dir), settings.site_dir, settings)


def element_ids(html: str) -> list[str]:
    return [dict(attrs)["id"] or "" for _, attrs in parse(html).elements if dict(attrs).get("id")]


def row(html: str, key: str) -> str:
    start = html.index(f'<tr id="{key}">')
    return html[start : html.index("</tr>", start)]


def test_a_key_uri_is_an_anchor_on_its_scheme_page() -> None:
    assert vocabulary_url("topics") == "vokabular/themen/"
    assert vocabulary_concept_uri("topics", "ki") == "vokabular/themen/#ki"
    assert (
        vocabulary_concept_uri("audience", "it-fachkraefte")
        == "vokabular/zielgruppen/#it-fachkraefte"
    )


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_key_has_exactly_one_element_on_its_scheme_page(
    built: BuiltSite, scheme: str
) -> None:
    ids = element_ids(built.html(vocabulary_url(scheme)))
    for key in built.library.taxonomy.vocabulary(scheme):
        assert ids.count(key) == 1, key


def test_a_row_shows_label_key_count_and_the_filtered_catalogue(built: BuiltSite) -> None:
    page = vocabulary_url("topics")
    html = row(built.html(page), "ki")
    assert "Künstliche Intelligenz (KI)" in html and "<code>ki</code>" in html
    assert "<td>2</td>" in html
    catalogue = next(href for href in parse(html).hrefs if "katalog" in href)
    assert catalogue.endswith("katalog/?topic=ki")
    assert resolve(built.site, page, catalogue) == built.site / "katalog/index.html"
    assert "<td>1</td>" in row(built.html(page), "fuehrung")
    assert "<td>0</td>" in row(built.html(page), "robotik")
    assert "katalog/?format=seminar" in row(built.html(vocabulary_url("formats")), "seminar")


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_page_embeds_the_scheme_that_the_json_file_holds(built: BuiltSite, scheme: str) -> None:
    [block] = parse(built.html(vocabulary_url(scheme))).jsonld
    written = json.loads((built.site / vocabulary_data_url(scheme)).read_text(encoding="utf-8"))
    assert json.loads(block) == written == scheme_jsonld(built.library, scheme, SITE_URL)


# rdflib's own JSON-LD parser still builds the graph type it deprecates.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_the_jsonld_is_a_skos_concept_scheme(built: BuiltSite) -> None:
    data = (built.site / vocabulary_data_url("topics")).read_text(encoding="utf-8")
    graph = Graph().parse(data=data, format="json-ld")
    scheme = URIRef(SITE_URL + vocabulary_url("topics"))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    topics = built.library.taxonomy.topics
    assert len(set(graph.objects(scheme, SKOS.hasTopConcept))) == len(topics)
    for key, label in topics.items():
        concept = URIRef(SITE_URL + vocabulary_concept_uri("topics", key))
        assert (scheme, SKOS.hasTopConcept, concept) in graph
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert (concept, SKOS.prefLabel, Literal(label, lang="de")) in graph
        assert (concept, SKOS.inScheme, scheme) in graph
        assert (concept, SKOS.notation, Literal(key)) in graph


def test_every_concept_uri_leads_to_its_row(built: BuiltSite) -> None:
    for scheme in SCHEMES:
        data = json.loads((built.site / vocabulary_data_url(scheme)).read_text(encoding="utf-8"))
        for concept in data["hasTopConcept"]:
            page, _, anchor = concept["id"].removeprefix(SITE_URL).partition("#")
            assert page == vocabulary_url(scheme)
            assert anchor in element_ids(built.html(page))


def test_the_index_links_every_scheme_page_and_file(built: BuiltSite) -> None:
    hrefs = parse(built.html(VOCABULARY_URL)).hrefs
    targets = {resolve(built.site, VOCABULARY_URL, href) for href in hrefs}
    for scheme in SCHEMES:
        assert built.site / vocabulary_url(scheme) / "index.html" in targets
        assert built.site / vocabulary_data_url(scheme) in targets


def test_the_topics_overview_links_the_topic_vocabulary(built: BuiltSite) -> None:
    targets = {resolve(built.site, "themen/", href) for href in parse(built.html("themen/")).hrefs}
    assert built.site / vocabulary_url("topics") / "index.html" in targets
