"""API fixtures: the app on the sample library and its real index, through a real client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb_tools.settings import Settings, load_settings
from search_api.app import create_app


@pytest.fixture(scope="module")
def api_settings(sample_library_dir: Path, sample_index_dir: Path) -> Settings:
    """The sample library and index; no site, so only the API is served."""
    return load_settings(
        library_dir=sample_library_dir,
        index_dir=sample_index_dir,
        site_dir=sample_index_dir / "kein-site",
    )


@pytest.fixture(scope="module")
def client(api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings)) as client:
        yield client
