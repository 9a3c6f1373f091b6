"""Fusion, aggregation and snippets as plain functions (no model, no index)."""

from __future__ import annotations

import numpy as np
import pytest

from kb_tools.search.ranking import (
    Fusion,
    concept_scores,
    evidence,
    lift,
    lineage_smoothing,
    ranking,
)
from kb_tools.search.snippets import snippet, word_matcher

FUSION = Fusion(dense_weight=0.5, dense_span=0.1)


def test_a_concept_blends_its_best_passage_with_its_centroid() -> None:
    passages = np.array([0.9, 0.8, 0.5, 0.85])
    concepts = np.array([0, 0, 1, 1])
    blended = concept_scores(passages, concepts, np.array([0.7, 0.8, 0.6]), centroid_share=0.5)
    assert blended[:2] == pytest.approx([0.8, 0.825])
    assert blended[2] == -np.inf  # no passage among the scored ones


def test_lift_measures_cosines_above_the_query_background() -> None:
    cosines = np.array([0.90, 0.82, 0.70, -np.inf])
    assert lift(cosines, 0.80, FUSION) == pytest.approx([1.0, 0.2, 0.0, 0.0])


def test_lineage_raises_a_concept_toward_its_best_neighbour_never_lowers() -> None:
    scores = np.array([0.8, 0.2, 0.5, 0.1])
    pairs = np.array([[0, 1], [1, 0], [1, 2], [2, 1]])  # 0 - 1 - 2 linked, 3 alone
    smoothed = lineage_smoothing(scores, pairs, share=0.5)
    assert smoothed == pytest.approx([0.8, 0.5, 0.5, 0.1])  # 1 halfway to 0; 2 above 1 stays


def test_lineage_keeps_concepts_without_a_score_out() -> None:
    scores = np.array([0.9, -np.inf])
    smoothed = lineage_smoothing(scores, np.array([[0, 1], [1, 0]]), share=0.5)
    assert smoothed[0] == pytest.approx(0.9)
    assert smoothed[1] == -np.inf
    assert lineage_smoothing(scores, np.zeros((0, 2), np.int64), 0.5) is scores


def test_evidence_weighs_both_sides_and_keeps_one_side_whole() -> None:
    dense, lexical = np.array([1.0, 0.0]), np.array([0.0, 0.6])
    assert evidence(dense, lexical, FUSION) == pytest.approx([0.5, 0.3])
    assert evidence(dense, None, FUSION) == pytest.approx(dense)
    assert evidence(None, lexical, FUSION) == pytest.approx(lexical)


def test_dense_mode_ranks_by_cosine_and_rrf_by_ranks() -> None:
    cosines, lexical = np.array([0.8, 0.9, 0.7]), np.array([0.9, 0.0, 0.5])
    score = evidence(lift(cosines, 0.7, FUSION), lexical, FUSION)
    assert list(np.argsort(-ranking("dense", cosines, None, score, FUSION))) == [1, 0, 2]
    rrf = ranking("hybrid", cosines, lexical, score, Fusion(method="rrf", rrf_k=1))
    assert list(np.argsort(-rrf)) == [0, 2, 1]  # 1/3+1/2, 1/4+1/3, 1/2 (no lexical match)


def test_snippet_marks_query_words_and_escapes_everything_else() -> None:
    matcher = word_matcher(frozenset({"prufung"}), frozenset({"prufung"}))
    text = "<b>Prüfung</b> & Qualitätsprüfung"
    assert snippet(text, matcher) == (
        "&lt;b&gt;<mark>Prüfung</mark>&lt;/b&gt; &amp; <mark>Qualitätsprüfung</mark>"
    )


def test_snippet_shows_the_window_with_the_match() -> None:
    text = "Vorrede " * 60 + "hier steht Datenschutz im Text " + "Nachwort " * 60
    out = snippet(text, word_matcher(frozenset({"datenschutz"}), frozenset()), width=100)
    assert out.startswith("… ") and out.endswith(" …")
    assert "<mark>Datenschutz</mark>" in out
    assert len(out) < 130
