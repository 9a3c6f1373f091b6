"""`kb list`: filters (OR within one, AND across) and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kb_tools.cli import cli
from tests.support.library import WriteConcept


def kb_list(library_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["list", "--library", str(library_dir), *args])


@pytest.fixture
def three(library_dir: Path, write_concept: WriteConcept) -> Path:
    write_concept("ki-werkstatt", topics=["ki"], formats=["workshop"])
    write_concept("robotik-fabrik", topics=["robotik"], formats=["lernfabrik"], center="bayern")
    write_concept("ki-fabrik", topics=["ki", "robotik"], formats=["lernfabrik"], status="entwurf")
    return library_dir


def ids(result: Result) -> list[str]:
    return [row["id"] for row in json.loads(result.output)]


def test_list_all(three: Path) -> None:
    result = kb_list(three)
    assert result.exit_code == 0, result.output
    assert "3 von 3 Konzepten" in result.output


def test_or_within_one_filter(three: Path) -> None:
    assert ids(kb_list(three, "--json", "--format", "workshop", "--format", "lernfabrik")) == [
        "ki-fabrik",
        "ki-werkstatt",
        "robotik-fabrik",
    ]


def test_and_across_filters(three: Path) -> None:
    assert ids(kb_list(three, "--json", "--topic", "ki", "--format", "lernfabrik")) == ["ki-fabrik"]


def test_filter_by_region_and_status(three: Path) -> None:
    assert ids(kb_list(three, "--json", "--region", "Bayern")) == ["robotik-fabrik"]
    assert ids(kb_list(three, "--json", "--status", "entwurf")) == ["ki-fabrik"]


def test_json_has_metadata(three: Path) -> None:
    row = json.loads(kb_list(three, "--json", "--center", "bayern").output)[0]
    assert row["center"]["region"] == "Bayern"
    assert row["url"] == "konzepte/robotik-fabrik/"
    assert row["topics"] == [{"key": "robotik", "label": "Robotik und Automatisierung"}]


def test_json_has_evidence_and_lineage(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(
        "original",
        title="Das Original",
        evidence={"companies": 3, "participants": 40, "since": "2024-03-01"},
        transfers=[{"center": "bayern", "date": "2025-01-10", "informal": True}],
    )
    write_concept("fassung", title="Eine Fassung", center="bayern", adapted_from=["original"])
    rows = {row["id"]: row for row in json.loads(kb_list(library_dir, "--json").output)}
    original = rows["original"]
    assert original["evidence"] == {
        "companies": 3,
        "participants": 40,
        "since": "2024-03-01",
        "text": "erprobt in 3 Betrieben mit 40 Teilnehmenden seit März 2024",
    }
    assert original["adapted_by"] == [
        {"id": "fassung", "title": "Eine Fassung", "url": "konzepte/fassung/"}
    ]
    assert original["transfers"][0]["informal"] is True
    assert rows["fassung"]["adapted_from"][0]["id"] == "original"
    assert rows["fassung"]["evidence"] is None


def test_unknown_filter_value_suggests(three: Path) -> None:
    result = kb_list(three, "--topic", "robotk")
    assert result.exit_code == 1
    assert (
        "Unbekannter Wert für Filter 'topic' (Thema): 'robotk' – meinten Sie 'robotik'?"
        in result.output
    )


def test_invalid_library_refuses_to_list(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(status="kaputt")
    result = kb_list(library_dir)
    assert result.exit_code == 1
    assert "status: ungültiger Wert 'kaputt'" in result.output
    assert "bitte zuerst 'kb validate'" in result.output
