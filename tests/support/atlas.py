"""A library with known atlas figures: four concepts in three centres (one national), two
recorded transfers (one informal) and one adaptation without a recorded transfer."""

from __future__ import annotations

from tests.support.library import WriteConcept


def write_atlas_library(write_concept: WriteConcept) -> None:
    write_concept(
        "kamera",
        title="Kamera",
        center="sachsen",
        status="transferiert",
        topics=["ki", "qualitaetssicherung"],
        audience=["beschaeftigte"],
        evidence={"companies": 5, "participants": 40, "since": "2024-03-01"},
        transfers=[
            {"center": "thueringen", "date": "2025-03-10", "note": "Als Kurs"},
            {"center": "hessen", "date": "2025-05-01", "informal": True},
        ],
    )
    write_concept(
        "kurs",
        title="Kurs",
        center="thueringen",
        topics=["ki"],
        audience=["beschaeftigte", "fuehrungskraefte"],
        adapted_from=["kamera"],
        evidence={"companies": 3, "participants": 20, "since": "2025-04-01"},
    )
    write_concept(
        "solo",
        title="Solo",
        center="hds",
        topics=["marketing"],
        audience=["solo-selbststaendige"],
        evidence={"companies": 30, "participants": 30, "since": "2025-01-01"},
        updated="2025-06-01",
    )
    write_concept(
        "ableger",
        title="Ableger",
        center="hds",
        status="entwurf",
        topics=["ki"],
        audience=["solo-selbststaendige"],
        adapted_from=["kamera"],
        updated="2026-02-01",
    )
