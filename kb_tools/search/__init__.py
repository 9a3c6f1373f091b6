"""Passages, German analysis, BM25, embedders, ranking, snippets, storage: the search engine.

:func:`build_index` writes an index for a library (``kb index``); :class:`SearchIndex` loads
it and answers queries with the :class:`SearchResults` that CLI and API both emit.
"""

from kb_tools.search.analysis import fold, stem, words
from kb_tools.search.bm25 import LexicalIndex, QueryWord
from kb_tools.search.build import BuildReport, build_index
from kb_tools.search.embedders import DEFAULT_EMBEDDER, Embedder, QueryCache, get_embedder
from kb_tools.search.engine import SearchIndex, normalize_query
from kb_tools.search.passages import SUMMARY_SECTION, Passage, library_passages, passages_of
from kb_tools.search.ranking import MODES, Fusion
from kb_tools.search.results import SearchHit, SearchResults, SimilarResults
from kb_tools.search.static import StaticRecord, static_records
from kb_tools.search.storage import MANIFEST, read_manifest

__all__ = [
    "DEFAULT_EMBEDDER",
    "MANIFEST",
    "MODES",
    "SUMMARY_SECTION",
    "BuildReport",
    "Embedder",
    "Fusion",
    "LexicalIndex",
    "Passage",
    "QueryCache",
    "QueryWord",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "SimilarResults",
    "StaticRecord",
    "build_index",
    "fold",
    "get_embedder",
    "library_passages",
    "normalize_query",
    "passages_of",
    "read_manifest",
    "static_records",
    "stem",
    "words",
]
