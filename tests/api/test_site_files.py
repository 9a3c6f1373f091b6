"""The site as `kb serve` publishes it: no hidden files, no Host-built redirects, HEAD works."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb_tools.settings import Settings, load_settings
from search_api.app import create_app
from tests.support.site import BuiltSite


@pytest.fixture(scope="module")
def client(sample_site: BuiltSite, sample_index_dir: Path) -> Iterator[TestClient]:
    settings: Settings = load_settings(
        library_dir=sample_site.settings.library_dir,
        index_dir=sample_index_dir,
        site_dir=sample_site.site,
    )
    with TestClient(create_app(settings), follow_redirects=False) as client:
        yield client


@pytest.mark.parametrize("path", ["/.kb-build.json", "/katalog/.hidden", "/.git/config"])
def test_hidden_files_are_not_published(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text
    assert "fingerprint" not in response.text


def test_a_directory_redirect_never_names_the_host_a_client_sent(client: TestClient) -> None:
    response = client.get("/katalog?topic=ki", headers={"Host": "evil.example"})
    assert response.status_code in (301, 302, 307, 308)
    assert response.headers["location"] == "/katalog/?topic=ki"


def test_the_404_page_is_german(client: TestClient) -> None:
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text and "Not found" not in response.text


@pytest.mark.parametrize("path", ["/api/health", "/api/facets", "/api/stats", "/"])
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_the_built_site_is_readable_by_a_web_server(sample_site: BuiltSite) -> None:
    mode = stat.S_IMODE(sample_site.site.stat().st_mode)
    assert mode & 0o055 == 0o055, oct(mode)


def hashed_asset(site: Path) -> str:
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    return "/" + bundle.relative_to(site).as_posix()


@pytest.mark.parametrize(
    "path",
    ["/", "/katalog/concepts.json", "/api/search?q=ki", "/assets/javascripts/kb/searchpage.mjs"],
)
def test_text_is_sent_compressed(client: TestClient, path: str) -> None:
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    packed = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert packed.content == plain.content  # httpx unpacks it
    assert int(packed.headers.get("content-length", 0)) < len(plain.content) / 2


def test_materials_are_not_compressed_again(client: TestClient, sample_site: BuiltSite) -> None:
    pdf = next(sample_site.site.glob("konzepte/*/materialien/*.pdf"))
    response = client.get("/" + pdf.relative_to(sample_site.site).as_posix())
    assert response.status_code == 200
    assert "content-encoding" not in response.headers


def test_hashed_assets_are_cached_for_a_year(client: TestClient, sample_site: BuiltSite) -> None:
    response = client.get(hashed_asset(sample_site.site))
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/", "/assets/javascripts/kb-search.mjs", "/api/health"])
def test_everything_else_is_revalidated(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["cache-control"] == "no-cache"
    etag = response.headers.get("etag")
    if etag:  # static files: a revalidation costs a 304 without a body
        again = client.get(path, headers={"If-None-Match": etag})
        assert (again.status_code, again.content) == (304, b"")


def test_a_site_built_after_the_start_is_served_without_restart(
    sample_index_dir: Path, tmp_path: Path
) -> None:
    settings = load_settings(index_dir=sample_index_dir, site_dir=tmp_path / "site")
    with TestClient(create_app(settings)) as client:
        before = client.get("/")
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / "index.html").write_text("<h1>Neu</h1>", encoding="utf-8")
        after = client.get("/")
    assert before.status_code == 404
    assert before.json()["detail"].startswith("Nicht gefunden")
    assert (after.status_code, after.text) == (200, "<h1>Neu</h1>")
