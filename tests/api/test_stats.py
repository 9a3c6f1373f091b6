"""``GET /api/stats``: the overview's figures, the same as ``Atlas`` computes them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kb_tools.library import Atlas, load_library
from kb_tools.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def atlas(api_settings: Settings) -> Atlas:
    return Atlas(load_library(api_settings.library_dir))


def test_totals_are_the_atlas_totals(client: TestClient, atlas: Atlas) -> None:
    response = client.get("/api/stats")
    assert response.status_code == 200, response.text
    assert response.json()["totals"] == atlas.totals()


def test_stats_are_the_atlas_as_dict(client: TestClient, atlas: Atlas) -> None:
    assert client.get("/api/stats").json() == atlas.as_dict()


def test_numbers_stay_numbers(client: TestClient) -> None:
    (totals,) = [t for t in client.get("/api/stats").json()["tables"] if t["key"] == "kennzahlen"]
    assert all(isinstance(value, int) for _, value in totals["rows"])


def test_stats_are_computed_once_per_library(client: TestClient) -> None:
    holder = client.app_state["live"].current.stats
    first = client.get("/api/stats").json()
    assert holder.get() is holder.get()
    assert client.get("/api/stats").json() == first


def test_openapi_documents_the_stats_model(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    schema = spec["paths"]["/api/stats"]["get"]["responses"]["200"]["content"]
    assert schema["application/json"]["schema"]["$ref"].endswith("/Stats")
    assert "StatsTable" in spec["components"]["schemas"]
