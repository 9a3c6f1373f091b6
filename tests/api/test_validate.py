"""``POST /api/validate``: the problems of ``kb validate`` for one file, never a 500 or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.library import concept_text

pytestmark = pytest.mark.slow

ALIAS_BOMB = (
    "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
    + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)}]\n"
        for n in range(9)
    )
    + "---\n"
)


def check(client: TestClient, text: object, path: object = "sachsen/neues-konzept.md") -> dict:
    response = client.post("/api/validate", json={"text": text, "path": path})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_valid_file_has_no_problems(client: TestClient) -> None:
    body = check(client, concept_text(title="Neues Konzept"))
    assert body == {"problems": [], "errors": 0, "warnings": 0}


def test_problems_are_located_with_field_and_level(client: TestClient) -> None:
    (topic,) = check(client, concept_text(title="Neues Konzept", topics=["kl"]))["problems"]
    assert topic["field"] == "topics.0" and topic["level"] == "error"
    assert "meinten Sie 'ki'?" in topic["message"]
    (summary,) = check(client, concept_text(title="Neues Konzept", summary="x" * 300))["problems"]
    assert summary["field"] == "summary" and summary["line"] == 3
    assert "zu lang" in summary["message"]


def test_unknown_adapted_from_is_an_error(client: TestClient) -> None:
    body = check(client, concept_text(title="Neues Konzept", adapted_from=["rpa-bure"]))
    (problem,) = body["problems"]
    assert problem["field"] == "adapted_from.0" and "meinten Sie 'rpa-buero'?" in problem["message"]


def test_an_existing_concept_is_not_its_own_duplicate(
    client: TestClient, sample_library_dir: Path
) -> None:
    path = sample_library_dir / "hessen" / "rpa-buero.md"
    assert check(client, path.read_text(encoding="utf-8"), "hessen/rpa-buero.md")["errors"] == 0
    elsewhere = check(client, path.read_text(encoding="utf-8"), "sachsen/rpa-buero.md")
    assert elsewhere["errors"] >= 1


def test_nothing_is_written(client: TestClient, sample_library_dir: Path) -> None:
    before = sorted(p.name for p in sample_library_dir.rglob("*"))
    check(client, concept_text(title="Neues Konzept"), "sachsen/neues-konzept.md")
    assert sorted(p.name for p in sample_library_dir.rglob("*")) == before


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", None),
        ("\x00\x01\xff binär", None),
        ("---\ntitle: [nicht geschlossen\n---\n", "YAML"),
        (ALIAS_BOMB, None),
        ("---\n" + "a: " + "[" * 1000 + "]" * 1000 + "\n---\n", None),
        ("x" * 1_500_000, "groß"),
    ],
    ids=["empty", "binary", "broken-yaml", "alias-bomb", "deep-nesting", "over-1-mb"],
)
def test_bad_files_get_a_problem_list_quickly(
    client: TestClient, text: str, where: str | None
) -> None:
    started = time.perf_counter()
    body = check(client, text)
    assert time.perf_counter() - started < 5
    assert body["errors"] >= 1
    if where:
        assert any(where in p["message"] for p in body["problems"]), body


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"kein json",
        b"[1, 2]",
        b'{"text": 5, "path": "sachsen/x.md"}',
        b'{"text": "x"}',
        b'{"text": "x", "path": "../../etc/passwd.md"}',
        b'{"text": "x", "path": "sachsen/x.md", "mehr": 1}',
    ],
)
def test_malformed_requests_are_422_in_german(client: TestClient, payload: bytes) -> None:
    response = client.post(
        "/api/validate", content=payload, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert set(response.json()) == {"detail"}


def test_a_body_over_the_limit_is_refused_without_reading_it(client: TestClient) -> None:
    response = client.post(
        "/api/validate",
        content=b'{"text": "' + b"x" * 10_000_000 + b'", "path": "sachsen/x.md"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "zu groß" in response.json()["detail"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=400), path=st.text(max_size=40))
def test_any_text_and_path_get_an_answer_never_a_500(
    client: TestClient, text: str, path: str
) -> None:
    response = client.post("/api/validate", json={"text": text, "path": path})
    assert response.status_code in (200, 422), response.text
