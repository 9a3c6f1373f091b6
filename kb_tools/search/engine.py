"""The loaded search index: search it and find similar concepts.

Vectors (one per passage) come from the FAISS flat inner-product index that
:mod:`.build` wrote; the lexical BM25 index is rebuilt from the library on load, which is
quick and can never drift from it.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from kb_tools.errors import IndexMismatch, InvalidQuery, LibraryError, UnknownConcept
from kb_tools.library import Filters, Library, facet_counts, load_library
from kb_tools.problems import did_you_mean
from kb_tools.search.bm25 import LexicalIndex, QueryWord
from kb_tools.search.embedders import Embedder, get_embedder
from kb_tools.search.passages import (
    SUMMARY_SECTION,
    Passage,
    lexical_text,
    library_passages,
    metadata_text,
)
from kb_tools.search.ranking import (
    MODES,
    Fusion,
    concept_scores,
    evidence,
    jaccard_rows,
    lift,
    lineage_smoothing,
    ranking,
)
from kb_tools.search.relevance import (
    MODEL,
    Evidence,
    RelevanceModel,
    english_share,
    features,
    result_set,
)
from kb_tools.search.results import SearchHit, SearchResults
from kb_tools.search.snippets import snippet, word_matcher
from kb_tools.search.storage import damaged, library_copy, read_data, read_manifest

# Dense candidates per query. Exact for libraries up to this many passages; beyond, filters
# apply to the best ``DENSE_CANDIDATES`` passages only.
DENSE_CANDIDATES = 20_000


@dataclass(frozen=True)
class _Scores:
    order: np.ndarray  # sort key per concept
    shown: np.ndarray  # the score a hit reports
    evidence: np.ndarray  # what decides whether a concept is a result at all
    passages: np.ndarray | None  # dense evidence per passage, for picking the snippet
    dense: np.ndarray | None = None  # dense lift per concept (not in lexical mode)
    cosines: np.ndarray | None = None  # blended cosine per concept, before smoothing
    lexical: np.ndarray | None = None  # BM25 share per concept (not in dense mode)


def normalize_query(query: str) -> str:
    """The query with control characters (NUL, escapes, …) and runs of white space as one space."""
    return " ".join(
        "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in query).split()
    )


class SearchIndex:
    """A loaded index: dense vectors + lexical index over one library, ready to search."""

    def __init__(
        self,
        library: Library,
        info: dict[str, Any],
        embedder: Embedder,
        vectors: faiss.Index,
        passages: list[Passage],
        fusion: Fusion | None = None,
        relevance: RelevanceModel | None = MODEL,
    ) -> None:
        self.library = library
        self.info = info
        self.embedder = embedder
        self.fusion = fusion or Fusion()
        # Decides the result set of hybrid searches; None falls back to Fusion.min_score.
        self.relevance = relevance
        self._vectors = vectors
        self._passages = passages
        self._concepts = list(library)
        self._number = {c.id: n for n, c in enumerate(self._concepts)}
        self._passage_concept = np.array(
            [self._number[p.concept_id] for p in passages], dtype=np.int64
        )
        self._lineage = self._lineage_pairs()
        self._lexical = LexicalIndex([lexical_text(c, library) for c in self._concepts])
        self._passage_lexical = LexicalIndex([f"{p.section}\n{p.text}" for p in passages])
        self._metadata = LexicalIndex([metadata_text(c, library) for c in self._concepts])
        self._centroids, self._mean_vector = self._concept_centroids()
        self._topics = self._onehot("topics")
        self._audience = self._onehot("audience")
        self._mean_centroid = (
            self._centroids.mean(axis=0) if len(self._centroids) else self._mean_vector
        )
        # One query at a time gains nothing from OpenMP threads, and on busy shared cores their
        # barriers cost: flat search over 100k passages took 60 ms with 2 threads, 11 ms with 1.
        # Concurrent requests run in parallel threads anyway.
        faiss.omp_set_num_threads(1)

    @classmethod
    def load(
        cls, index_dir: Path, library: Library | None = None, embedder: Embedder | None = None
    ) -> SearchIndex:
        """The index in ``index_dir``; :class:`IndexMissing`/:class:`IndexMismatch`.

        Without ``library`` it searches the copy of the library the index was built from, so
        an index stays usable while the library is edited. With one, the index must be current
        for it.
        """
        try:
            return cls._load(index_dir, library, embedder)
        except IndexMismatch:
            # A build may have swapped the manifest and removed the old files meanwhile.
            return cls._load(index_dir, library, embedder)

    @classmethod
    def _load(
        cls, index_dir: Path, library: Library | None, embedder: Embedder | None
    ) -> SearchIndex:
        manifest = read_manifest(index_dir)
        if embedder is not None and embedder.name != manifest.get("embedder"):
            raise IndexMismatch(
                f"Der Suchindex wurde mit dem Embedder '{manifest.get('embedder')}' gebaut, "
                f"verlangt ist '{embedder.name}'; bitte 'kb index --embedder {embedder.name}' "
                "ausführen."
            )
        if library is None:
            try:
                library = load_library(library_copy(index_dir, manifest))
            except LibraryError:
                raise damaged(index_dir) from None
        if manifest.get("content_hash") != library.content_hash():
            raise IndexMismatch(
                "Der Suchindex ist veraltet: die Bibliothek wurde seit dem letzten Indexieren "
                "geändert; bitte 'kb index' ausführen."
            )
        vectors, rows = read_data(index_dir, manifest)
        embedder = embedder or get_embedder(str(manifest.get("embedder")))
        if embedder.dim != vectors.d:
            raise IndexMismatch(
                f"Der Suchindex hat {vectors.d} Dimensionen, der Embedder '{embedder.name}' "
                f"{embedder.dim}; bitte 'kb index' neu ausführen."
            )
        passages = library_passages(library)
        if [p.key for p in passages] != [row["key"] for row in rows]:
            raise IndexMismatch(
                "Der Suchindex passt nicht zur Bibliothek; bitte 'kb index' ausführen."
            )
        return cls(library, manifest, embedder, vectors, passages)

    @property
    def version(self) -> str:
        """The build id of the loaded index (changes with every ``kb index`` that writes)."""
        return str(self.info.get("version", ""))

    def search(
        self,
        query: str,
        filters: Filters = Filters(),  # noqa: B008 - frozen dataclass, safe as a default
        limit: int = 10,
        offset: int = 0,
        mode: str = "hybrid",
    ) -> SearchResults:
        """Concepts for ``query`` best first; ``total`` and ``facets`` over all results."""
        query = normalize_query(query)
        if not query:
            raise InvalidQuery("Die Suchanfrage ist leer.")
        if mode not in MODES:
            raise InvalidQuery(f"Unbekannter Suchmodus '{mode}'; erlaubt: {', '.join(MODES)}.")
        filters.check(self.library)
        if filters.active():
            candidates = np.array(
                [filters.matches(c, self.library) for c in self._concepts], dtype=bool
            )
        else:
            candidates = np.ones(len(self._concepts), dtype=bool)
        analyzed = self._lexical.analyze(query)
        scored = self._score(query, analyzed, mode)
        if mode == "hybrid" and self.relevance is not None and self._concepts:
            probability = self._relevance(query, analyzed, scored, self.relevance)
            results = result_set(probability, candidates, self.relevance)
            key = probability
        else:
            results = candidates & (scored.evidence >= self.fusion.min_score)
            key = scored.order
        order = [int(n) for n in np.argsort(-key, kind="stable") if results[n]]
        facets = facet_counts((self._concepts[n] for n in order), self.library)
        page = order[offset : offset + max(limit, 0)]
        shares = self._passage_lexical.shares(analyzed) if page and mode != "dense" else None
        hits = [
            self._hit(n, float(scored.shown[n]), analyzed, scored.passages, shares) for n in page
        ]
        return SearchResults(query=query, total=len(order), results=hits, facets=facets)

    def similar(self, concept_id: str, limit: int = 5) -> list[SearchHit]:
        """The concepts nearest to ``concept_id`` (mean of passage vectors), itself excluded."""
        if concept_id not in self._number:
            raise UnknownConcept(
                f"Unbekannte Konzept-ID '{concept_id}'{did_you_mean(concept_id, self._number)}"
            )
        own = self._number[concept_id]
        fusion = self.fusion
        scores = (
            self._centroids @ self._centroids[own]
            + fusion.similar_topics * jaccard_rows(self._topics, own)
            + fusion.similar_audience * jaccard_rows(self._audience, own)
        ).astype(np.float64)
        scores[own] = -np.inf
        order = [int(n) for n in np.argsort(-scores, kind="stable")[: max(limit, 0)]]
        return [self._summary_hit(n, float(scores[n])) for n in order if np.isfinite(scores[n])]

    def _score(self, query: str, analyzed: list[QueryWord], mode: str) -> _Scores:
        """Dense and lexical evidence per concept, fused as ``mode`` asks."""
        cosines = dense = lexical = passages = raw_cosines = None
        if mode != "lexical":
            passage_cosines, background, vector = self._passage_cosines(query)
            cosines = concept_scores(
                passage_cosines,
                self._passage_concept,
                self._centroids @ vector,
                self.fusion.centroid_share,
            )
            # The background on the same blend: what an average concept of the library scores.
            share = self.fusion.centroid_share
            concept_background = (1 - share) * background + share * float(
                vector @ self._mean_centroid
            )
            dense = lift(cosines, concept_background, self.fusion)
            raw_cosines = cosines
            passages = lift(passage_cosines, background, self.fusion)
        if mode != "dense":
            lexical = self._lexical.shares(analyzed)
        # Adaptations share content: each concept rises toward its best lineage neighbour.
        raise_by = self.fusion.lineage_share
        score = lineage_smoothing(evidence(dense, lexical, self.fusion), self._lineage, raise_by)
        if cosines is not None:
            cosines = lineage_smoothing(cosines, self._lineage, raise_by)
        order = ranking(mode, cosines, lexical, score, self.fusion)
        # Dense mode shows cosines (what users of a dense model expect), the others the fused score.
        shown = order if mode == "dense" else score
        return _Scores(order, shown, score, passages, dense, raw_cosines, lexical)

    def _relevance(
        self, query: str, analyzed: list[QueryWord], scored: _Scores, model: RelevanceModel
    ) -> np.ndarray:
        """The probability per concept that it answers the query (see :mod:`.relevance`)."""
        return model.probabilities(self._features(query, analyzed, scored))

    def relevance_features(self, query: str) -> np.ndarray:
        """The relevance features of every concept for ``query`` (for bench/calibrate.py)."""
        query = normalize_query(query)
        analyzed = self._lexical.analyze(query)
        return self._features(query, analyzed, self._score(query, analyzed, "hybrid"))

    def _features(self, query: str, analyzed: list[QueryWord], scored: _Scores) -> np.ndarray:
        assert scored.dense is not None and scored.cosines is not None
        assert scored.lexical is not None
        coverage, known = self._lexical.coverage(analyzed)
        metadata, _ = self._metadata.coverage(self._metadata.analyze(query))
        return features(
            Evidence(
                score=scored.evidence,
                dense=scored.dense,
                cosines=scored.cosines,
                lexical=scored.lexical,
                coverage=coverage,
                metadata_coverage=metadata,
                known=known,
                english=english_share(query),
                strict_coverage=self._strict_coverage(analyzed),
            )
        )

    def _strict_coverage(self, analyzed: list[QueryWord]) -> np.ndarray:
        """Per concept, the idf-weighted share of the known query words some passage of it
        contains, a compound's parts together in one passage."""
        weights, matched = self._passage_lexical.strict_matches(analyzed)
        if not len(weights):
            return np.zeros(len(self._concepts))
        per_concept = np.zeros((len(weights), len(self._concepts)))
        np.maximum.at(per_concept.T, self._passage_concept, matched.T)
        return np.asarray((weights @ per_concept) / weights.sum())

    def _passage_cosines(self, query: str) -> tuple[np.ndarray, float, np.ndarray]:
        """Cosine of the query to each passage (-inf beyond the candidate cut), the mean
        cosine over all passages (exact: the query times the mean passage vector), and the
        query vector."""
        vector = self.embedder.embed_queries([query])
        out = np.full(len(self._passages), -np.inf)
        if not self._passages:
            return out, 0.0, vector[0]
        k = min(self._vectors.ntotal, DENSE_CANDIDATES)
        values, ids = self._vectors.search(vector, k)
        keep = ids[0] >= 0
        out[ids[0][keep]] = values[0][keep]
        return out, float(vector[0] @ self._mean_vector), vector[0]

    def _hit(
        self,
        number: int,
        score: float,
        analyzed: list[QueryWord],
        passage_lift: np.ndarray | None,
        passage_shares: np.ndarray | None,
    ) -> SearchHit:
        """A hit whose snippet comes from the passage that best answers the query."""
        rows = np.flatnonzero(self._passage_concept == number)
        dense = None if passage_lift is None else passage_lift[rows]
        lexical = None if passage_shares is None else passage_shares[rows]
        value = evidence(dense, lexical, self.fusion)
        passage = self._passages[int(rows[int(np.argmax(value))])]
        stems = frozenset().union(*(q.stems for q in analyzed)) if analyzed else frozenset()
        parts = [p.word for q in analyzed for p in q.parts]
        matcher = word_matcher(stems, frozenset([*(q.word for q in analyzed), *parts]))
        return self._concept_hit(number, score, passage.section, snippet(passage.text, matcher))

    def _summary_hit(self, number: int, score: float) -> SearchHit:
        summary = html.escape(self._concepts[number].meta.summary)
        return self._concept_hit(number, score, SUMMARY_SECTION, summary)

    def _concept_hit(self, number: int, score: float, section: str, text: str) -> SearchHit:
        return SearchHit.of(self._concepts[number], self.library, score, section, text)

    def _lineage_pairs(self) -> np.ndarray:
        """(concept, neighbour) numbers for each ``adapted_from`` link, in both directions."""
        pairs = [
            (self._number[child], self._number[source])
            for child, source in self.library.lineage_links()
        ]
        both = pairs + [(b, a) for a, b in pairs]
        return np.array(both, dtype=np.int64).reshape(-1, 2)

    def _onehot(self, vocabulary: str) -> np.ndarray:
        """Concepts × keys of one taxonomy vocabulary, 1 where the concept has the key."""
        keys = {key: n for n, key in enumerate(self.library.taxonomy.vocabulary(vocabulary))}
        out = np.zeros((len(self._concepts), max(len(keys), 1)), dtype=np.float64)
        for number, concept in enumerate(self._concepts):
            for key in getattr(concept.meta, vocabulary):
                if key in keys:
                    out[number, keys[key]] = 1.0
        return out

    def _concept_centroids(self) -> tuple[np.ndarray, np.ndarray]:
        """Normalised mean passage vector per concept, and the plain mean over all passages."""
        dim = self._vectors.d
        if not self._passages:
            return np.zeros((len(self._concepts), dim), dtype=np.float32), np.zeros(dim, np.float32)
        matrix = self._vectors.reconstruct_n(0, self._vectors.ntotal)
        sums = np.zeros((len(self._concepts), dim), dtype=np.float32)
        np.add.at(sums, self._passage_concept, matrix)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return sums / np.where(norms > 0, norms, 1.0), matrix.mean(axis=0)
