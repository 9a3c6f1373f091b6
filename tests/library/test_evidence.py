"""The evidence in words: companies for companies, persons for the self-employed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb_tools.library import concept_facts, counts_persons, evidence_text, load_library
from tests.support.library import WriteConcept

SINCE = dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("audience", "companies", "participants", "expected"),
    [
        (["beschaeftigte"], 1, 12, "erprobt in 1 Betrieb mit 12 Teilnehmenden seit März 2024"),
        (["beschaeftigte"], 3, 1, "erprobt in 3 Betrieben mit 1 Teilnehmenden seit März 2024"),
        (["beschaeftigte"], 0, 20, "erprobt mit 20 Teilnehmenden seit März 2024"),
        (["solo-selbststaendige"], 14, 14, "erprobt mit 14 Selbstständigen seit März 2024"),
        (["solo-selbststaendige"], 0, 1, "erprobt mit 1 Selbstständigen seit März 2024"),
        (
            ["beschaeftigte", "solo-selbststaendige"],
            2,
            30,
            "erprobt in 2 Betrieben mit 30 Teilnehmenden (auch Selbstständige) seit März 2024",
        ),
    ],
)
def test_evidence_fits_the_audience(
    audience: list[str],
    companies: int,
    participants: int,
    expected: str,
    library_dir: Path,
    write_concept: WriteConcept,
) -> None:
    evidence = {"companies": companies, "participants": participants, "since": SINCE}
    write_concept(audience=audience, evidence=evidence)
    library = load_library(library_dir)
    meta = library.concepts["testkonzept"].meta
    assert evidence_text(meta, library.taxonomy) == expected


def test_self_employed_are_recognised_by_key_or_label(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept()
    taxonomy = load_library(library_dir).taxonomy
    assert counts_persons(["solo-selbststaendige"], taxonomy)
    assert not counts_persons(["beschaeftigte", "solo-selbststaendige"], taxonomy)
    assert not counts_persons([], taxonomy)
    other = taxonomy.model_copy(update={"audience": {"frei": "Selbständige und Freiberufler"}})
    assert counts_persons(["frei"], other)


def test_cards_show_audience_format_duration_and_evidence(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(
        formats=["workshop", "lernfabrik"],
        duration="2 × 4 Stunden",
        evidence={"companies": 2, "participants": 9, "since": SINCE},
    )
    library = load_library(library_dir)
    facts = concept_facts(library.concepts["testkonzept"].meta, library.taxonomy)
    assert facts == [
        {"key": "audience", "label": "Zielgruppe", "value": "Beschäftigte"},
        {"key": "formats", "label": "Format", "value": "Workshop, Lernfabrik"},
        {"key": "duration", "label": "Dauer", "value": "2 × 4 Stunden"},
        {
            "key": "evidence",
            "label": "Erprobung",
            "value": "erprobt in 2 Betrieben mit 9 Teilnehmenden seit März 2024",
        },
    ]


def test_unknown_facts_are_left_out(library_dir: Path, write_concept: WriteConcept) -> None:
    write_concept(duration=None, evidence=None)
    library = load_library(library_dir)
    facts = concept_facts(library.concepts["testkonzept"].meta, library.taxonomy)
    assert [fact["key"] for fact in facts] == ["audience", "formats"]
