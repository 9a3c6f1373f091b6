"""The result set means something: nonsense finds nothing, counts stay near the real coverage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kb_tools.library import Filters, load_library
from kb_tools.search import SearchIndex
from kb_tools.search.relevance import FEATURES, MODEL, RelevanceModel, english_share, result_set

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def index(sample_library_dir: Path, sample_index_dir: Path) -> SearchIndex:
    return SearchIndex.load(sample_index_dir, load_library(sample_library_dir))


@pytest.mark.parametrize(
    "query", ["Quantenbrötchen Zebrastreifen xyzzy", "asdf", "K", "qwertzuiop"]
)
def test_nonsense_finds_nothing(index: SearchIndex, query: str) -> None:
    results = index.search(query)
    assert results.total == 0 and results.results == [] and results.facets["topic"] == {}


def test_a_topic_query_counts_about_the_concepts_of_that_topic(index: SearchIndex) -> None:
    tagged = [c.id for c in index.library if "datenschutz" in c.meta.topics]
    results = index.search("Datenschutz", limit=50)
    assert set(tagged) <= {hit.id for hit in results.results}
    assert results.total <= 2 * len(tagged)


def test_a_filter_narrows_the_answer_but_never_empties_an_answerable_query(
    index: SearchIndex,
) -> None:
    results = index.search("Weiterbildung", Filters.of(center=["sachsen"]), limit=50)
    assert results.total >= 1
    assert all(hit.center == "sachsen" for hit in results.results)


def test_the_model_has_one_weight_per_feature() -> None:
    assert len(MODEL.mean) == len(MODEL.scale) == len(FEATURES)
    assert len(MODEL.weights) == len(FEATURES) + 1


def test_english_queries_are_recognised() -> None:
    assert english_share("training for works councils on artificial intelligence") > 0.2
    assert english_share("KI in der Qualitätsprüfung") == 0.0
    assert english_share("") == 0.0


@given(
    arrays(np.float64, st.integers(1, 40), elements=st.floats(0, 1)),
    st.data(),
)
def test_the_result_set_is_candidates_only_and_keeps_the_best(
    probabilities: np.ndarray, data: st.DataObject
) -> None:
    candidates = np.array(
        data.draw(st.lists(st.booleans(), min_size=len(probabilities), max_size=len(probabilities)))
    )
    model = RelevanceModel(MODEL.mean, MODEL.scale, MODEL.weights, 0.6, 0.4)
    keep = result_set(probabilities, candidates, model)
    assert not (keep & ~candidates).any()
    if candidates.any() and probabilities.max() >= 0.6:
        best = int(np.argmax(np.where(candidates, probabilities, -1)))
        assert keep[best]
    else:
        assert not keep.any()
