"""The search API through a real client, on the real index of the sample library."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from kb_tools.cli import cli
from kb_tools.search import SearchHit, SearchIndex
from kb_tools.settings import Settings
from search_api.app import create_app
from search_api.errors import INTERNAL_ERROR

pytestmark = pytest.mark.slow

KI_QUALITY = {"kamera-fehlererkennung-lernfabrik", "ki-sichtpruefung-blended"}
HIT_FIELDS = {"id", "title", "summary", "center", "url", "score", "section", "snippet"}


def search(client: TestClient, **params: object) -> dict:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_search_finds_ki_quality_inspection_in_top_3(client: TestClient) -> None:
    ids = [hit["id"] for hit in search(client, q="KI in der Qualitätsprüfung")["results"][:3]]
    assert KI_QUALITY & set(ids), ids


def test_search_hits_have_the_contract_shape(client: TestClient) -> None:
    body = search(client, q="  Qualitätsprüfung mit Kamera  ", limit=3)
    assert body["query"] == "Qualitätsprüfung mit Kamera"
    hit = body["results"][0]
    assert set(hit) >= HIT_FIELDS
    assert hit["url"] == f"konzepte/{hit['id']}/"
    assert "<mark>" in " ".join(h["snippet"] for h in body["results"])


def test_snippets_escape_everything_but_mark(client: TestClient) -> None:
    body = search(client, q='<img src=x onerror="alert(1)"> Prüfung <script>', limit=10)
    for hit in body["results"]:
        assert not re.findall(r"<(?!/?mark>)", hit["snippet"]), hit["snippet"]


def test_topic_filter_keeps_only_concepts_with_that_topic(client: TestClient) -> None:
    body = search(client, q="Schulung für Beschäftigte", topic="qualitaetssicherung", limit=50)
    assert body["results"]
    for hit in body["results"]:
        topics = {t["key"] for t in hit["topics"]}
        assert "qualitaetssicherung" in topics


def test_filters_are_or_within_and_across(client: TestClient) -> None:
    params = {"q": "Weiterbildung", "status": ["erprobt", "transferiert"], "center": "sachsen"}
    body = search(client, limit=50, **params)
    assert body["results"]
    assert {h["status"] for h in body["results"]} <= {"erprobt", "transferiert"}
    assert {h["center"] for h in body["results"]} == {"sachsen"}


def test_facets_count_all_matches_not_only_the_page(client: TestClient) -> None:
    body = search(client, q="Digitalisierung im Betrieb", limit=2)
    assert body["total"] > 2
    assert sum(body["facets"]["status"].values()) == body["total"]
    assert sum(body["facets"]["center"].values()) == body["total"]


def test_facets_follow_the_filter(client: TestClient) -> None:
    body = search(client, q="Digitalisierung im Betrieb", status="erprobt", limit=50)
    assert body["facets"]["status"] == {"erprobt": body["total"]}


def test_offset_pages_through_the_same_ranking(client: TestClient) -> None:
    first = search(client, q="Künstliche Intelligenz", limit=4)
    second = search(client, q="Künstliche Intelligenz", limit=2, offset=2)
    assert second["total"] == first["total"]
    assert [h["id"] for h in second["results"]] == [h["id"] for h in first["results"][2:4]]


def test_offset_beyond_the_end_gives_an_empty_page(client: TestClient) -> None:
    body = search(client, q="Künstliche Intelligenz", offset=10_000)
    assert body["results"] == []


def test_query_of_500_characters_is_accepted(client: TestClient) -> None:
    assert search(client, q="Prüfung " * 62 + "Prüf")["query"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({}, ["'q'", "fehlt"]),
        ({"q": ""}, ["'q'", "leer"]),
        ({"q": "   "}, ["'q'", "leer"]),
        ({"q": "\x00\x1b"}, ["Suchanfrage", "leer"]),
        ({"q": "x" * 501}, ["'q'", "zu lang", "500"]),
        ({"q": "ki", "limit": 0}, ["'limit'", "mindestens 1"]),
        ({"q": "ki", "limit": 51}, ["'limit'", "höchstens 50"]),
        ({"q": "ki", "limit": "zehn"}, ["'limit'", "ganze Zahl"]),
        ({"q": "ki", "limit": "1.5"}, ["'limit'", "ganze Zahl"]),
        ({"q": "ki", "offset": -1}, ["'offset'", "mindestens 0"]),
        ({"q": "ki", "offset": 10_001}, ["'offset'", "höchstens"]),
    ],
)
def test_bad_parameters_give_422_in_german(client: TestClient, params: dict, words: list) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 422, response.text
    assert set(response.json()) == {"detail"}
    for word in words:
        assert word in response.json()["detail"]


def test_unknown_filter_value_is_400_with_suggestion(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "ki", "topic": "qualitaetsicherung"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Unbekannter Wert für Filter 'topic' (Thema): 'qualitaetsicherung'"
        " – meinten Sie 'qualitaetssicherung'?"
    }


@pytest.mark.parametrize(
    "q",
    ["\x00ki", "🙂🙂", "a", "' OR 1=1 --", "%", "ß" * 500, "Prüfung\nmit\tTab", "*?[]{}()"],
)
def test_odd_queries_never_fail(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text


def test_concept_detail_has_metadata_body_and_lineage(client: TestClient) -> None:
    response = client.get("/api/concepts/kamera-fehlererkennung-lernfabrik")
    assert response.status_code == 200
    concept = response.json()
    assert concept["center"]["key"] == "sachsen"
    assert {"key": "qualitaetssicherung", "label": "Qualitätssicherung"} in concept["topics"]
    assert concept["body"].lstrip().startswith("## Ziel")
    assert [s["title"] for s in concept["sections"]][:2] == ["Ziel", "Zielgruppe"]
    lineage = concept["lineage"]
    assert "ki-sichtpruefung-blended" in [c["id"] for c in lineage["derived"]]
    assert [t["center"] for t in lineage["transfers"]] == ["thueringen", "baden-wuerttemberg"]


def test_concept_detail_names_its_origin(client: TestClient) -> None:
    concept = client.get("/api/concepts/ki-sichtpruefung-blended").json()
    origin = concept["lineage"]["adapted_from"]
    assert origin[0]["id"] == "kamera-fehlererkennung-lernfabrik"
    assert origin[0]["url"] == "konzepte/kamera-fehlererkennung-lernfabrik/"


@pytest.mark.parametrize("path", ["", "/similar"])
def test_unknown_concept_is_404_with_suggestion(client: TestClient, path: str) -> None:
    response = client.get(f"/api/concepts/kamera-fehlererkennung-lernfabrk{path}")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Unbekanntes Konzept 'kamera-fehlererkennung-lernfabrk'"
        " – meinten Sie 'kamera-fehlererkennung-lernfabrik'?"
    }


def test_similar_excludes_the_concept_itself(client: TestClient) -> None:
    response = client.get("/api/concepts/kamera-fehlererkennung-lernfabrik/similar")
    assert response.status_code == 200
    body = response.json()
    ids = [hit["id"] for hit in body["results"]]
    assert body["id"] == "kamera-fehlererkennung-lernfabrik"
    assert len(ids) == 5
    assert "kamera-fehlererkennung-lernfabrik" not in ids
    assert "ki-sichtpruefung-blended" in ids


def test_similar_respects_limit(client: TestClient) -> None:
    response = client.get("/api/concepts/rpa-buero/similar", params={"limit": 2})
    assert len(response.json()["results"]) == 2
    assert client.get("/api/concepts/rpa-buero/similar", params={"limit": 0}).status_code == 422


def test_facets_list_every_value_with_label_and_count(client: TestClient) -> None:
    body = client.get("/api/facets").json()
    topics = {v["value"]: v for v in body["facets"]["topic"]["values"]}
    assert body["facets"]["topic"]["label"] == "Thema"
    assert topics["qualitaetssicherung"]["label"] == "Qualitätssicherung"
    assert sum(v["count"] for v in body["facets"]["status"]["values"]) == body["total"]
    centers = {v["value"]: v["label"] for v in body["facets"]["center"]["values"]}
    assert centers["sachsen"] == "Zukunftszentrum Sachsen"


def test_health_reports_the_loaded_index(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok"
    assert health["concepts"] == client.get("/api/facets").json()["total"]
    assert health["passages"] > health["concepts"]
    assert (health["embedder"], health["dimension"]) == ("e5-small", 384)
    assert health["built_at"]


def test_unknown_api_route_is_404_in_german(client: TestClient) -> None:
    response = client.get("/api/gibt-es-nicht")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Nicht gefunden: '/api/gibt-es-nicht'.")


def test_wrong_method_is_405_in_german(client: TestClient) -> None:
    response = client.post("/api/search", params={"q": "ki"})
    assert response.status_code == 405
    assert response.json() == {
        "detail": "Methode POST ist für '/api/search' nicht erlaubt (erlaubt: GET)."
    }


def test_openapi_documents_german_errors(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    search_op = spec["paths"]["/api/search"]["get"]
    schema = search_op["responses"]["422"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/ErrorResponse")
    assert "Suchanfrage" in str(search_op["parameters"])


def test_docs_page_needs_no_cdn(client: TestClient) -> None:
    page = client.get("/api/docs").text
    assert "cdn." not in page
    assert client.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/docs-assets/swagger-ui.css").status_code == 200


class BrokenIndex:
    """The real library and manifest, but a search that crashes: the only way to reach a 500."""

    def __init__(self, real: SearchIndex) -> None:
        self.library, self.info, self.embedder = real.library, real.info, real.embedder

    def search(self, *args: object, **kwargs: object) -> None:
        raise RuntimeError("kaputt im Test")


def test_unexpected_error_is_a_german_500_without_details(
    client: TestClient, api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(api_settings, BrokenIndex(client.app_state["live"].current.index))  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as broken:
        response = broken.get("/api/search", params={"q": "ki"})
    assert response.status_code == 500
    assert response.json() == {"detail": INTERNAL_ERROR}
    assert "Unerwarteter Fehler bei GET /api/search" in caplog.text


def test_cors_allows_the_configured_origin(api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"cors_origins": "https://zz.example"})
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/health", headers={"Origin": "https://zz.example"})
        other = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert response.headers["access-control-allow-origin"] == "https://zz.example"
    assert "access-control-allow-origin" not in other.headers


def test_16_concurrent_requests_equal_serial_ones(client: TestClient) -> None:
    queries = [
        "KI in der Qualitätsprüfung",
        "Angebote für Solo-Selbstständige",
        "Datenschutz",
        "Phishing erkennen",
        "Roboter im Betrieb",
        "Führung hybrider Teams",
        "Nachhaltigkeit",
        "Lernbegleitung",
        "social media for craft businesses",
        "Qualitatsprufung",
        "Betriebsrat und KI",
        "Instandhaltung mit Tablet",
        "Buchhaltung digital",
        "Fehlerkultur",
        "IT-Notfallplan",
        "Wissensmanagement im Wiki",
    ]

    def run(q: str) -> dict:
        return search(client, q=q, limit=10)

    serial = [run(q) for q in queries]
    with ThreadPoolExecutor(max_workers=16) as pool:
        parallel = list(pool.map(run, queries * 2))
    assert parallel == serial * 2


@pytest.mark.parametrize(
    ("endpoint", "command"),
    [
        ("/api/search?q=Phishing+Planspiel&limit=5&status=erprobt",
         ["search", "--limit", "5", "--status", "erprobt", "--json", "Phishing", "Planspiel"]),
        ("/api/concepts/rpa-buero/similar?limit=4", ["similar", "--limit", "4", "--json", "rpa-buero"]),
    ],
)  # fmt: skip
def test_cli_json_is_exactly_the_api_answer(
    client: TestClient, api_settings: Settings, endpoint: str, command: list[str]
) -> None:
    where = ["--library", str(api_settings.library_dir), "--index-dir", str(api_settings.index_dir)]
    result = CliRunner().invoke(cli, [command[0], *where, *command[1:]])
    assert result.exit_code == 0, result.output
    api = client.get(endpoint).json()
    assert json.loads(result.output) == api
    assert api["results"] and set(api["results"][0]) == set(SearchHit.model_fields)
