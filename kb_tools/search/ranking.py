"""Scoring concepts: passage scores per concept, dense + lexical fusion, what counts as a hit.

Arrays here are indexed by concept number (the library's sorted order), so the search engine
stays a few numpy operations whatever the library size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MODES = ("hybrid", "dense", "lexical")


@dataclass(frozen=True)
class Fusion:
    """How dense and lexical evidence become one score; defaults measured on the eval sets.

    The dense part of a concept is how far its cosine rises above what an average concept
    of the library scores for the query, in units of ``dense_span``: e5 cosines sit between
    0.75 and 0.9 for any query, sense or nonsense, but only real matches stand out. The
    lexical part is the BM25 share of the query's words (0–1). A concept is a result when
    ``dense_weight``·dense + (1 - dense_weight)·lexical reaches ``min_score``; at 0.09, 99 %
    of the "exactly right" concepts of the eval sets pass, while nonsense queries keep a
    median of 5 of 45 concepts. Weighted fusion beat reciprocal rank fusion (nDCG@10 0.918
    vs 0.911) and is flat for weights 0.4–0.6 (``bench/quality.py --rrf``).

    ``lineage_share``: how far a concept rises toward the score of its best lineage neighbour
    (``adapted_from``, both directions), see :func:`lineage_smoothing`. Measured hybrid nDCG@10
    0.918 → 0.938 on queries.yml and 0.914 → 0.929 on dev-queries.yml, flat (±0.002) for
    shares 0.4–0.8; no query kind lost more than 0.002 on either set. Tried and left out
    (hybrid change under 0.005 on both sets, or losses): Rocchio feedback of the top 2–5
    concepts into the query vector, and topic labels or industries in the embedded passages.
    """

    method: str = "weighted"  # or "rrf": reciprocal rank fusion, measured worse
    dense_weight: float = 0.5
    dense_span: float = 0.10  # cosine lift of a clear match for multilingual-e5-small
    centroid_share: float = 0.5  # weight of the whole concept's vector against its best passage
    min_score: float = 0.09
    rrf_k: int = 60
    lineage_share: float = 0.5  # middle of the flat 0.4–0.8 range; 0 switches it off
    # "Ähnliche Konzepte": the centroid cosine plus these weights times the Jaccard overlap of
    # topics and of audiences. Measured on the sample library (bench/quality.py): share of
    # the top 3 that share a topic 0.74 → 0.93, a topic and an audience 0.39 → 0.70, while
    # the mean centroid cosine of the top 3 fell only 0.930 → 0.925.
    similar_topics: float = 0.10
    similar_audience: float = 0.05


def concept_scores(
    passage_scores: np.ndarray,
    passage_concepts: np.ndarray,
    centroid_scores: np.ndarray,
    centroid_share: float,
) -> np.ndarray:
    """Per concept: its best passage blended with its centroid (the whole concept); -inf if
    it has no passage among the scored ones.

    The best passage finds a concept that answers the query in one place, the centroid one
    that is about the query as a whole; together they rank better than either (eval set).
    """
    best = np.full(len(centroid_scores), -np.inf, dtype=np.float64)
    np.maximum.at(best, passage_concepts, passage_scores)
    return (1 - centroid_share) * best + centroid_share * centroid_scores


def lineage_smoothing(scores: np.ndarray, pairs: np.ndarray, share: float) -> np.ndarray:
    """Each concept's score raised ``share`` of the way to its best neighbour's, if higher.

    ``pairs`` holds (concept, neighbour) rows, both directions. An adaptation keeps most of
    its original's content in other words (a "Kamera-Prüfplatz" becomes "KI-Sichtprüfung"),
    so a strong match of one is evidence for the other. A concept never loses score, and one
    without a finite score of its own (not among the dense candidates) stays out.
    """
    if not share or not len(pairs):
        return scores
    best = scores.copy()
    np.maximum.at(best, pairs[:, 0], scores[pairs[:, 1]])
    finite = np.isfinite(scores)
    gap = np.where(finite, best - np.where(finite, scores, 0.0), 0.0)
    return scores + share * gap


def jaccard_rows(onehot: np.ndarray, row: int) -> np.ndarray:
    """Jaccard overlap of row ``row`` of a 0/1 matrix (concepts × keys) with every row."""
    inter = onehot @ onehot[row]
    union = onehot.sum(axis=1) + onehot[row].sum() - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)


def lift(cosines: np.ndarray, background: float, fusion: Fusion) -> np.ndarray:
    """Dense evidence: cosine above the query's library mean, in units of ``dense_span``."""
    return (
        np.where(np.isfinite(cosines), np.maximum(cosines - background, 0.0), 0.0)
        / fusion.dense_span
    )


def evidence(dense: np.ndarray | None, lexical: np.ndarray | None, fusion: Fusion) -> np.ndarray:
    """The weighted score of both sides; one side alone counts fully (dense or lexical mode)."""
    if dense is None:
        return np.asarray(lexical)
    if lexical is None:
        return dense
    return fusion.dense_weight * dense + (1 - fusion.dense_weight) * lexical


def ranking(
    mode: str,
    cosines: np.ndarray | None,
    lexical: np.ndarray | None,
    score: np.ndarray,
    fusion: Fusion,
) -> np.ndarray:
    """The order key: raw cosine for dense (no ties), share for lexical, fused for hybrid."""
    if mode == "dense":
        return np.asarray(cosines)
    if mode == "lexical" or cosines is None or lexical is None:
        return score
    if fusion.method == "rrf":
        fused: np.ndarray = _rrf(cosines, fusion.rrf_k) + _rrf(
            np.where(lexical > 0, lexical, -np.inf), fusion.rrf_k
        )
        return fused
    return score


def _rrf(scores: np.ndarray, k: int) -> np.ndarray:
    """1 / (k + rank) for concepts with a finite score, 0 elsewhere."""
    valid = np.isfinite(scores)
    order = np.argsort(-np.where(valid, scores, -np.inf), kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(valid, 1.0 / (k + ranks), 0.0)
