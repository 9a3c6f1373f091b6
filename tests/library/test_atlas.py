"""The atlas figures on a library with known numbers: matrix cells, gaps, transfers, reach."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb_tools.library import Atlas, laender_of, load_library
from tests.support.atlas import write_atlas_library
from tests.support.library import WriteConcept


@pytest.fixture
def atlas(library_dir: Path, write_concept: WriteConcept) -> Atlas:
    write_atlas_library(write_concept)
    return Atlas(load_library(library_dir))


def test_centres_by_topics_counts_each_concept_once_per_topic(atlas: Atlas) -> None:
    matrix = atlas.centers_topics
    assert matrix.count("sachsen", "ki") == 1
    assert matrix.count("sachsen", "qualitaetssicherung") == 1
    assert matrix.count("hds", "ki") == 1 and matrix.count("hds", "marketing") == 1
    assert matrix.count("thueringen", "ki") == 1 and matrix.count("thueringen", "marketing") == 0
    assert matrix.concepts("sachsen", "ki") == ("kamera",)
    assert matrix.maximum == 1


def test_topics_by_audiences_marks_empty_and_single_cells_as_gaps(atlas: Atlas) -> None:
    matrix = atlas.topics_audiences
    assert matrix.count("ki", "beschaeftigte") == 2
    assert matrix.count("ki", "fuehrungskraefte") == 1
    gaps = {(t, a): n for t, a, n in matrix.gaps()}
    assert ("ki", "beschaeftigte") not in gaps
    assert gaps[("ki", "fuehrungskraefte")] == 1
    assert gaps[("robotik", "betriebsraete")] == 0
    topics, audiences = len(matrix.rows), len(matrix.columns)
    assert len(gaps) == topics * audiences - 1


def test_transfers_list_each_transfer_and_unrecorded_adaptation_once(atlas: Atlas) -> None:
    rows = [(r.source_center, r.target_center, r.recorded, r.adaptation) for r in atlas.transfers]
    assert rows == [
        ("sachsen", "thueringen", True, "kurs"),
        ("sachsen", "hessen", True, None),
        ("sachsen", "hds", False, "ableger"),
    ]
    kinds = [r.kind for r in atlas.transfers]
    assert kinds == [
        "Übertragung mit eigener Fassung",
        "Übertragung ohne eigene Fassung",
        "Weiterentwicklung (keine Übertragung eingetragen)",
    ]
    # An unrecorded adaptation is dated by the adaptation (its updated day without evidence).
    assert (
        atlas.transfers[-1].date is not None
        and atlas.transfers[-1].date.isoformat() == "2026-02-01"
    )
    assert atlas.flows == {
        ("sachsen", "thueringen"): 1,
        ("sachsen", "hessen"): 1,
        ("sachsen", "hds"): 1,
    }
    assert atlas.center_figures("sachsen") == (1, 3, 0)
    assert atlas.center_figures("hds") == (2, 0, 1)


def test_reach_counts_the_self_employed_as_persons_not_companies(atlas: Atlas) -> None:
    total = atlas.reach_total
    assert (total.concepts, total.tested) == (4, 3)
    assert total.companies == 5 + 3
    assert total.participants == 40 + 20 + 30
    assert total.self_employed == 30
    by_center = dict(atlas.reach_by(atlas.by_center()))
    assert by_center["hds"].companies == 0 and by_center["hds"].self_employed == 30
    by_year = dict(atlas.reach_by(atlas.by_year()))
    assert sorted(by_year) == ["2024", "2025"]
    assert by_year["2025"].participants == 50


def test_status_over_time_follows_trials_and_transfers(atlas: Atlas) -> None:
    years = dict(atlas.status_by_year)
    assert sorted(years) == [2024, 2025, 2026]
    assert years[2024] == {"entwurf": 0, "erprobt": 1, "transferiert": 0}
    assert years[2025] == {"entwurf": 0, "erprobt": 2, "transferiert": 1}
    assert years[2026] == {"entwurf": 1, "erprobt": 2, "transferiert": 1}


def test_the_tables_say_what_they_count_and_agree_with_the_totals(atlas: Atlas) -> None:
    tables = {t.key: t for t in atlas.tables()}
    assert all(t.counts and t.title for t in tables.values())
    assert all(len(row) == len(t.columns) for t in tables.values() for row in t.rows)
    totals = dict(tables["kennzahlen"].rows)
    assert totals["Konzepte"] == 4
    assert totals["Übertragungen"] == 3
    assert totals["Betriebe"] == 8 and totals["davon Selbstständige"] == 30
    centres = [row[0] for row in tables["zentren-themen"].rows]
    assert centres == [
        "Zukunftszentrum Sachsen",
        "Zukunftszentrum Thüringen",
        "Zukunftszentrum Hessen",
        "Haus der Selbstständigen",
    ]
    assert tables["uebertragungen"].records()[0]["Nach"] == "Zukunftszentrum Thüringen"
    data = atlas.as_dict()
    assert data["totals"]["Konzepte"] == 4 and len(data["tables"]) == len(tables)


def test_a_region_names_its_laender_and_national_centres_have_none() -> None:
    assert laender_of("Niedersachsen und Bremen") == ["Bremen", "Niedersachsen"]
    assert laender_of("Sachsen-Anhalt") == ["Sachsen-Anhalt"]
    assert laender_of("Sachsen") == ["Sachsen"]
    assert laender_of("Rheinland-Pfalz und Saarland") == ["Rheinland-Pfalz", "Saarland"]
    assert laender_of("bundesweit") == []


def test_an_empty_library_has_zero_figures(library_dir: Path) -> None:
    atlas = Atlas(load_library(library_dir))
    assert atlas.transfers == [] and atlas.status_by_year == []
    assert atlas.totals()["Konzepte"] == 0
    assert all(len(row) == len(t.columns) for t in atlas.tables() for row in t.rows)
