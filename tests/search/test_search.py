"""Searching the real index of the sample library: ranking, filters, facets, similar."""

from __future__ import annotations

import dataclasses
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kb_tools.errors import InvalidQuery, UnknownConcept, UnknownFilterValue
from kb_tools.library import Filters, facet_counts, load_library
from kb_tools.search import SearchIndex

pytestmark = pytest.mark.slow

KI_QUALITY = {"kamera-fehlererkennung-lernfabrik", "ki-sichtpruefung-blended"}


@pytest.fixture(scope="module")
def index(sample_library_dir: Path, sample_index_dir: Path) -> SearchIndex:
    return SearchIndex.load(sample_index_dir, load_library(sample_library_dir))


def top(index: SearchIndex, query: str, n: int = 3, **filters: list[str]) -> list[str]:
    return [hit.id for hit in index.search(query, Filters.of(**filters), limit=n).results]


def test_ki_in_quality_inspection_finds_the_camera_concepts(index: SearchIndex) -> None:
    assert KI_QUALITY & set(top(index, "KI in der Qualitätsprüfung"))


def test_a_concept_rises_with_its_strongly_matching_adaptation(index: SearchIndex) -> None:
    """The camera concept never says KI; its adaptation ki-sichtpruefung-blended ranks first."""
    query, camera = "KI in der Qualitätsprüfung", "kamera-fehlererkennung-lernfabrik"
    fusion = index.fusion
    try:
        index.fusion = dataclasses.replace(fusion, lineage_share=0.0)
        alone = top(index, query, n=45).index(camera)
    finally:
        index.fusion = fusion
    assert top(index, query, n=45).index(camera) < alone


def test_offers_for_solo_self_employed_are_the_hds_concepts(index: SearchIndex) -> None:
    hits = index.search("Angebote für Solo-Selbstständige", limit=3).results
    assert {hit.center for hit in hits} == {"hds"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Qualitatsprufung mit Kamera", KI_QUALITY),  # no umlauts
        ("Fehlerkutlur Fuehrungskraefte", {"fehlerkultur-lernen"}),  # typo, ae/ue
        ("cyber security for freelancers", {"it-sicherheit-solo"}),  # English
        ("Unsere Leute fallen auf gefälschte Mails herein", {"phishing-planspiel"}),  # a need
    ],
)
def test_spelling_language_and_phrasing_still_find_the_concept(
    index: SearchIndex, query: str, expected: set[str]
) -> None:
    assert expected & set(top(index, query))


def test_topic_filter_keeps_only_concepts_with_that_topic(index: SearchIndex) -> None:
    results = index.search("Schulung für Beschäftigte", Filters.of(topic=["ki"]), limit=50)
    assert results.results
    assert all("ki" in index.library.concepts[h.id].meta.topics for h in results.results)


def test_filters_are_or_within_one_and_across(index: SearchIndex) -> None:
    filters = Filters.of(status=["erprobt", "transferiert"], center=["sachsen", "hds"])
    hits = index.search("Weiterbildung digital", filters, limit=50).results
    concepts = [index.library.concepts[h.id] for h in hits]
    assert {c.meta.center for c in concepts} == {"sachsen", "hds"}
    assert {c.meta.status for c in concepts} <= {"erprobt", "transferiert"}


def test_unknown_filter_value_suggests_a_known_one(index: SearchIndex) -> None:
    with pytest.raises(UnknownFilterValue, match="meinten Sie 'robotik'"):
        index.search("Roboter", Filters.of(topic=["robotk"]))


def test_facets_count_the_whole_result_set_not_the_page(index: SearchIndex) -> None:
    page = index.search("Digitalisierung im Betrieb", limit=2)
    everything = index.search("Digitalisierung im Betrieb", limit=100)
    concepts = [index.library.concepts[h.id] for h in everything.results]
    assert page.total == everything.total == len(everything.results) > 2
    assert page.facets == facet_counts(concepts, index.library)


def test_offset_pages_through_the_same_order(index: SearchIndex) -> None:
    whole = [h.id for h in index.search("Künstliche Intelligenz", limit=8).results]
    pages = [
        h.id
        for o in (0, 4)
        for h in index.search("Künstliche Intelligenz", limit=4, offset=o).results
    ]
    assert pages == whole


def test_snippets_mark_query_words_and_escape_the_rest(index: SearchIndex) -> None:
    hits = index.search('<img src=x onerror="alert(1)"> Phishing Planspiel', limit=5).results
    assert "<mark>Planspiel</mark>" in hits[0].snippet
    for hit in hits:
        assert not re.findall(r"<(?!/?mark>)", hit.snippet), hit.snippet


def test_hit_names_the_section_that_matched(index: SearchIndex) -> None:
    hit = index.search("Label Studio zum Markieren der Bilder", limit=1).results[0]
    assert (hit.id, hit.section) == (
        "kamera-fehlererkennung-lernfabrik",
        "Methoden und Materialien",
    )


def test_nonsense_finds_far_less_than_the_library(index: SearchIndex) -> None:
    """A dense model always finds something; only concepts standing out from the rest count."""
    assert index.search("Apfelkuchen Rezept mit Zimt").total < len(index.library) / 4


@pytest.mark.parametrize("mode", ["dense", "lexical"])
def test_single_modes_find_the_obvious_concept(index: SearchIndex, mode: str) -> None:
    hits = index.search("Phishing-Planspiel", limit=3, mode=mode).results
    assert hits[0].id == "phishing-planspiel"


def test_empty_query_and_unknown_mode_are_invalid(index: SearchIndex) -> None:
    with pytest.raises(InvalidQuery, match="leer"):
        index.search("   ")
    with pytest.raises(InvalidQuery, match="Suchmodus"):
        index.search("KI", mode="semantic")


def test_16_threads_get_the_same_results_as_serial(index: SearchIndex) -> None:
    queries = [
        "KI",
        "Datenschutz",
        "Roboter",
        "Führung",
        "Energie",
        "Phishing",
        "Wiki",
        "Pflege",
    ] * 2
    serial = [index.search(q).results for q in queries]
    with ThreadPoolExecutor(16) as pool:
        assert list(pool.map(lambda q: index.search(q).results, queries)) == serial


def test_similar_excludes_the_concept_itself(index: SearchIndex) -> None:
    hits = index.similar("phishing-planspiel", limit=5)
    assert len(hits) == 5
    assert "phishing-planspiel" not in {h.id for h in hits}
    assert {"it-sicherheit-solo", "it-notfallplan-kmu"} & {h.id for h in hits[:3]}


def test_similar_with_an_unknown_id_suggests_one(index: SearchIndex) -> None:
    with pytest.raises(UnknownConcept, match="meinten Sie 'phishing-planspiel'"):
        index.similar("phishing-plan")


def test_similar_concepts_share_topic_and_audience_first(index: SearchIndex) -> None:
    """The solo marketing concept's neighbours are about marketing, not just about KI."""
    library = index.library
    own = library.concepts["solo-ki-marketing"].meta
    hits = index.similar("solo-ki-marketing", limit=3)
    shared = [
        bool(set(library.concepts[h.id].meta.topics) & set(own.topics) - {"ki"}) for h in hits
    ]
    assert shared[0], [h.id for h in hits]


def test_most_similar_concepts_share_a_topic(index: SearchIndex) -> None:
    library = index.library
    pairs = [(c, h) for c in library for h in index.similar(c.id, limit=3)]
    share = sum(
        bool(set(c.meta.topics) & set(library.concepts[h.id].meta.topics)) for c, h in pairs
    ) / len(pairs)
    assert share >= 0.85
