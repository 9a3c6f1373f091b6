"""The German lexical index: folding, stemming, compounds, typos, BM25 shares (no model)."""

from __future__ import annotations

import numpy as np
import pytest

from kb_tools.search import LexicalIndex, fold, words

DOCS = [
    "Qualitätsprüfung mit Kamera und neuronalem Netz in der Fertigung",
    "Prüfung der Qualität im Labor",
    "Datenschutz für Solo-Selbstständige im Büro",
    "Führungskräfte im Wandel begleiten",
    "Workshop zur Arbeitsorganisation",
]


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex(DOCS)


def best(index: LexicalIndex, query: str) -> int:
    return int(np.argmax(index.scores(query)))


def matched(index: LexicalIndex, query: str) -> set[int]:
    return {int(n) for n in np.flatnonzero(index.scores(query))}


@pytest.mark.parametrize("spelling", ["Qualitätsprüfung", "Qualitatsprufung", "Qualitaetspruefung"])
def test_every_umlaut_spelling_folds_to_one_form(spelling: str) -> None:
    assert fold(spelling) == "qualitatsprufung"


def test_fold_writes_sharp_s_as_ss_and_keeps_real_ue() -> None:
    assert fold("Straße Quelle Feuer") == "strasse quelle feuer"


def test_words_drop_stopwords_and_join_hyphenated_words() -> None:
    assert words("Angebote für Solo-Selbstständige") == [
        "angebote",
        "solo",
        "selbststandige",
        "soloselbststandige",
    ]


@pytest.mark.parametrize("query", ["Qualitätsprüfung", "Qualitatsprufung", "Qualitaetspruefung"])
def test_umlaut_spellings_find_the_same_document(index: LexicalIndex, query: str) -> None:
    assert best(index, query) == 0


def test_a_word_finds_compounds_it_is_the_head_of(index: LexicalIndex) -> None:
    assert {0, 1} <= matched(index, "Prüfung")


def test_a_compound_query_finds_its_parts_apart(index: LexicalIndex) -> None:
    scores = index.scores("Qualitätsprüfung")
    assert scores[1] > 0  # "Prüfung der Qualität"
    assert scores[0] > scores[1]  # the compound itself still ranks first


def test_a_first_part_needs_a_known_rest(index: LexicalIndex) -> None:
    """ "Works" is not the first part of "Workshop": "shop" is no word of the index."""
    assert matched(index, "works") == set()


def test_typos_find_the_word_one_edit_away(index: LexicalIndex) -> None:
    assert best(index, "Datenschuz") == 2
    assert best(index, "Fuhrungskrafet") == 3  # swapped letters


def test_stems_match_inflected_forms(index: LexicalIndex) -> None:
    assert best(index, "Führungskraft") == 3


def test_each_query_word_counts_once(index: LexicalIndex) -> None:
    """Compound and typo alternatives of one word never add up beyond the word itself."""
    once = index.scores("Qualitätsprüfung")[0]
    assert index.scores("Qualitätsprüfung Qualitätsprüfung")[0] == pytest.approx(once)


def test_shares_count_unknown_words_against_the_match(index: LexicalIndex) -> None:
    full = index.shares(index.analyze("Datenschutz"))[2]
    diluted = index.shares(index.analyze("Datenschutz council agreement negotiation"))[2]
    assert 0 < diluted < full / 3
    assert full <= 1.0


def test_no_match_gives_no_scores(index: LexicalIndex) -> None:
    assert matched(index, "Apfelkuchen") == set()
    assert not index.shares(index.analyze("und oder")).any()
