"""Which concepts answer a query at all: a small logistic model over normalised evidence.

Ranking alone is not enough: the count "12 Konzepte gefunden" is read as coverage, and a
nonsense query must find nothing. Every concept of a query gets features that mean the same
in any library (its rank, its score relative to the best, how far its dense cosine stands out
of this query's distribution, how much of the query its text and its metadata cover, how
much of the query the library's vocabulary knows at all), and a logistic model turns them
into the probability that the concept is an acceptable result.

The weights are fitted by ``bench/calibrate.py`` on the judged evaluation sets (complete
judgments: every unlisted concept is not acceptable), class-balanced and L2-regularised;
that script prints the constants below and their cross-validation (fit on one set, measured
on the other). See :func:`result_set` for how the probabilities become the result set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

FEATURES = (
    "log_rank",
    "score",
    "score_share",
    "dense",
    "dense_share",
    "dense_z",
    "lexical",
    "coverage",
    "metadata_coverage",
    "known",
    "known_coverage",
    "top_score",
    "top_dense",
    "english",
    "strict_coverage",
)
# Function words that mark an English query (none German shares: no "in", "an"). For such a
# query the German vocabulary knows little; only the multilingual dense side can judge it.
_ENGLISH = frozenset(
    [
        "a",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "how",
        "i",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)
_TOKEN = re.compile(r"[a-zäöüß]+")


def english_share(query: str) -> float:
    """The share of the query's words that are English function words (0 for German)."""
    tokens = _TOKEN.findall(query.lower())
    return sum(t in _ENGLISH for t in tokens) / len(tokens) if tokens else 0.0


@dataclass(frozen=True)
class RelevanceModel:
    """Standardisation and weights of the logistic model (one per feature, then the bias)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    query_threshold: float = 0.85
    concept_threshold: float = 0.5

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = z @ np.asarray(self.weights[:-1]) + self.weights[-1]
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -40, 40))))


@dataclass(frozen=True)
class Evidence:
    """What one query gives every concept (arrays by concept number)."""

    score: np.ndarray  # fused score, lineage-smoothed
    dense: np.ndarray  # dense lift over the library background
    cosines: np.ndarray  # blended concept cosine
    lexical: np.ndarray  # BM25 share of the query
    coverage: np.ndarray  # idf-weighted share of the known query words the text matches
    metadata_coverage: np.ndarray  # the same on title, keywords, labels and industries
    known: float  # share of the query's words the library's vocabulary knows
    english: float = 0.0  # share of English function words in the query
    strict_coverage: np.ndarray | None = None  # coverage with compounds whole in one passage


def features(evidence: Evidence) -> np.ndarray:
    """The feature matrix (concepts × :data:`FEATURES`) of one query."""
    score = evidence.score
    count = len(score)
    rank = np.empty(count)
    rank[np.argsort(-score, kind="stable")] = np.arange(count)
    top = float(score.max()) if count else 0.0
    dense = evidence.dense
    top_dense = float(dense.max()) if count else 0.0
    finite = np.isfinite(evidence.cosines)
    floor = float(evidence.cosines[finite].min()) if finite.any() else 0.0
    cosines = np.where(finite, evidence.cosines, floor)
    spread = float(cosines.std()) if count else 0.0
    dense_z = (cosines - cosines.mean()) / (spread + 1e-9) if count else cosines
    known = np.full(count, evidence.known)
    return np.stack(
        [
            np.log1p(rank),
            score,
            score / (top + 1e-9),
            dense,
            dense / (top_dense + 1e-9),
            dense_z,
            evidence.lexical,
            evidence.coverage,
            evidence.metadata_coverage,
            known,
            evidence.coverage * known,
            np.full(count, top),
            np.full(count, top_dense),
            np.full(count, evidence.english),
            evidence.coverage if evidence.strict_coverage is None else evidence.strict_coverage,
        ],
        axis=1,
    )


def result_set(
    probabilities: np.ndarray, candidates: np.ndarray, model: RelevanceModel
) -> np.ndarray:
    """Which candidates are results. None when no concept of the whole library reaches the
    query threshold (the query is not about anything here); otherwise every candidate from
    the concept threshold, and the best candidate in any case (a filter narrows the answer,
    it does not decide whether there is one)."""
    keep = np.zeros(len(probabilities), dtype=bool)
    if not candidates.any() or float(probabilities.max()) < model.query_threshold:
        return keep
    keep = candidates & (probabilities >= model.concept_threshold)
    keep[int(np.argmax(np.where(candidates, probabilities, -1.0)))] = True
    return keep


# Fitted by bench/calibrate.py on bench/eval/queries.yml + dev-queries.yml (see there).
MODEL = RelevanceModel(
    mean=(
        2.8613,
        0.0945,
        0.2373,
        0.0971,
        0.2044,
        0.0075,
        0.0704,
        0.2116,
        0.0570,
        0.7644,
        0.1910,
        0.4540,
        0.5320,
        0.0370,
        0.1471,
    ),
    scale=(
        0.8807,
        0.1085,
        0.2377,
        0.1218,
        0.2469,
        1.0062,
        0.1212,
        0.2880,
        0.1783,
        0.3567,
        0.2627,
        0.2133,
        0.1894,
        0.0981,
        0.2378,
    ),
    weights=(
        -0.6634,
        0.7848,
        0.3381,
        0.2085,
        -0.2626,
        0.1960,
        0.1700,
        -0.0729,
        0.2950,
        0.3631,
        0.0095,
        -0.3394,
        -0.0189,
        0.3607,
        -0.1137,
        -1.9847,
    ),
)
