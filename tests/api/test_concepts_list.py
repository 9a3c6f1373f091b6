"""``GET /api/concepts``: the catalogue with evidence and lineage, paged, sorted, filtered."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb_tools.cli import cli
from kb_tools.library import CatalogueEntry, title_key
from kb_tools.settings import Settings

pytestmark = pytest.mark.slow


def catalogue(client: TestClient, **params: object) -> dict:
    response = client.get("/api/concepts", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(body: dict) -> list[str]:
    return [entry["id"] for entry in body["results"]]


def everything(client: TestClient, **params: object) -> list[dict]:
    body = catalogue(client, limit=50, **params)
    assert body["total"] <= 50, "the sample library outgrew one page"
    return body["results"]


def test_total_counts_the_library_and_a_page_holds_limit(client: TestClient) -> None:
    body = catalogue(client, limit=7)
    assert body["total"] == client.get("/api/facets").json()["total"]
    assert len(body["results"]) == 7


def test_default_page_is_ten(client: TestClient) -> None:
    assert len(catalogue(client)["results"]) == 10


def test_offset_pages_through_the_same_order(client: TestClient) -> None:
    first = ids(catalogue(client, limit=6))
    second = ids(catalogue(client, limit=3, offset=3))
    assert second == first[3:6]


def test_offset_beyond_the_end_gives_an_empty_page_with_the_total(client: TestClient) -> None:
    body = catalogue(client, offset=10_000)
    assert body["results"] == [] and body["total"] > 0


def test_pages_together_list_every_concept_once(client: TestClient) -> None:
    pages = [ids(catalogue(client, limit=8, offset=offset)) for offset in range(0, 50, 8)]
    listed = [concept for page in pages for concept in page]
    assert len(listed) == len(set(listed)) == catalogue(client)["total"]


def test_default_sort_is_newest_first_ties_by_title(client: TestClient) -> None:
    entries = everything(client)
    keys = [(entry["updated"], entry["title"]) for entry in entries]
    assert [e["updated"] for e in entries] == sorted((e["updated"] for e in entries), reverse=True)
    for (day, title), (next_day, next_title) in pairwise(keys):
        if day == next_day:
            assert title_key(title) <= title_key(next_title)
    assert ids({"results": entries}) == ids({"results": everything(client, sort="updated")})


def test_sort_by_title_ignores_case_and_umlauts(client: TestClient) -> None:
    titles = [entry["title"] for entry in everything(client, sort="title")]
    assert titles == sorted(titles, key=title_key)
    assert titles != sorted(titles)  # plain code points would put "Ü…" after "Z…"


def test_filters_are_or_within_and_across(client: TestClient) -> None:
    entries = everything(client, status=["erprobt", "transferiert"], center="sachsen")
    assert entries
    assert {e["status"] for e in entries} <= {"erprobt", "transferiert"}
    assert {e["center"]["key"] for e in entries} == {"sachsen"}


def test_topic_filter_keeps_only_that_topic_and_facets_count_all_matches(
    client: TestClient,
) -> None:
    body = catalogue(client, topic="ki", limit=2)
    assert body["total"] > 2
    assert body["facets"]["topic"]["ki"] == body["total"]
    assert sum(body["facets"]["status"].values()) == body["total"]
    for entry in body["results"]:
        assert "ki" in [t["key"] for t in entry["topics"]]


def test_region_filter_takes_the_region_name(client: TestClient) -> None:
    entries = everything(client, region="Baden-Württemberg")
    assert entries and {e["center"]["region"] for e in entries} == {"Baden-Württemberg"}


def test_an_entry_has_evidence_in_words_and_labels(client: TestClient) -> None:
    (entry,) = [e for e in everything(client) if e["id"] == "kamera-fehlererkennung-lernfabrik"]
    assert entry["center"] == {
        "key": "sachsen",
        "name": "Zukunftszentrum Sachsen",
        "region": "Sachsen",
    }
    assert {"key": "qualitaetssicherung", "label": "Qualitätssicherung"} in entry["topics"]
    evidence = entry["evidence"]
    assert set(evidence) == {"companies", "participants", "since", "text"}
    assert evidence["text"].startswith("erprobt in ")
    assert "body" not in entry


def test_an_entry_has_lineage_both_ways_and_transfers(client: TestClient) -> None:
    entries = {e["id"]: e for e in everything(client)}
    original = entries["kamera-fehlererkennung-lernfabrik"]
    assert {c["id"] for c in original["adapted_by"]} == {
        "ki-lernfabrik-daten",
        "ki-sichtpruefung-blended",
    }
    assert [t["center"] for t in original["transfers"]] == ["thueringen", "baden-wuerttemberg"]
    assert set(original["transfers"][0]) == {"center", "center_name", "date", "note", "informal"}
    adaptation = entries["ki-sichtpruefung-blended"]
    assert adaptation["adapted_from"] == [
        {
            "id": "kamera-fehlererkennung-lernfabrik",
            "title": original["title"],
            "url": "konzepte/kamera-fehlererkennung-lernfabrik/",
        }
    ]


def test_informal_transfers_say_so(client: TestClient) -> None:
    entries = {e["id"]: e for e in everything(client)}
    (transfer,) = entries["nachhaltigkeit-energie-monitoring"]["transfers"]
    assert (transfer["center"], transfer["informal"]) == ("bayern", True)


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"topic": "kl"}, 400, ["'topic'", "'kl'", "meinten Sie 'ki'?"]),
        ({"status": "fertig"}, 400, ["'status'", "'fertig'"]),
        ({"sort": "titel"}, 422, ["'sort'", "erlaubt: updated, title", "meinten Sie 'title'?"]),
        ({"sort": "neueste"}, 422, ["'sort'", "erlaubt: updated, title"]),
        ({"offset": -1}, 422, ["'offset'", "mindestens 0"]),
        ({"offset": 10_001}, 422, ["'offset'", "höchstens"]),
        ({"limit": 0}, 422, ["'limit'", "mindestens 1"]),
        ({"limit": 51}, 422, ["'limit'", "höchstens 50"]),
        ({"limit": 10**30}, 422, ["'limit'", "höchstens 50"]),
        ({"limit": "zehn"}, 422, ["'limit'", "ganze Zahl"]),
        ({"offset": "1.5"}, 422, ["'offset'", "ganze Zahl"]),
        ({"limit": [5, 50]}, 422, ["'limit'", "nur einmal", "2-mal"]),
        ({"sort": ["title", "updated"]}, 422, ["'sort'", "nur einmal"]),
        ({"offset": [0, 0, 0]}, 422, ["'offset'", "3-mal"]),
    ],
)
def test_bad_parameters_are_4xx_in_german(
    client: TestClient, params: dict, status: int, words: list[str]
) -> None:
    response = client.get("/api/concepts", params=params)
    assert response.status_code == status, response.text
    assert set(response.json()) == {"detail"}
    for word in words:
        assert word in response.json()["detail"]


def test_repeated_filters_are_fine(client: TestClient) -> None:
    assert catalogue(client, topic=["ki", "ki"])["total"] == catalogue(client, topic="ki")["total"]


def test_openapi_lists_the_allowed_values_of_every_filter(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    facets = client.get("/api/facets").json()["facets"]
    for path in ("/api/concepts", "/api/search"):
        parameters = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        for facet, data in facets.items():
            allowed = parameters[facet]["schema"]["items"]["enum"]
            assert allowed == [value["value"] for value in data["values"]], (path, facet)
    sort = {p["name"]: p for p in spec["paths"]["/api/concepts"]["get"]["parameters"]}["sort"]
    assert sort["schema"]["enum"] == ["updated", "title"]
    responses = spec["paths"]["/api/concepts"]["get"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorResponse"
    )


def test_kb_list_json_is_exactly_the_api_entries(
    client: TestClient, api_settings: Settings
) -> None:
    where = ["--library", str(api_settings.library_dir)]
    result = CliRunner().invoke(cli, ["list", *where, "--json", "--topic", "robotik"])
    assert result.exit_code == 0, result.output
    listed = {row["id"]: row for row in json.loads(result.output)}
    api = {e["id"]: e for e in everything(client, topic="robotik")}
    assert listed == api
    assert set(next(iter(api.values()))) == set(CatalogueEntry.model_fields)


text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
values = st.one_of(
    text, st.integers(-(10**20), 10**20).map(str), st.sampled_from(["ki", "title", "0"])
)
names = st.sampled_from(
    ["topic", "format", "audience", "center", "region", "status", "sort", "limit", "offset", "x"]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.lists(st.tuples(names, values), max_size=6))
def test_any_query_parameters_get_an_answer_never_a_500(
    client: TestClient, params: list[tuple[str, str]]
) -> None:
    response = client.get("/api/concepts", params=params)
    assert response.status_code in (200, 400, 422), response.text
    body = response.json()
    if response.status_code == 200:
        assert len(body["results"]) <= 50 and body["total"] >= len(body["results"])
    else:
        assert set(body) == {"detail"} and body["detail"]
