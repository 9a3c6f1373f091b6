"""Lineage and transfers agree: `kb validate` warns where one is recorded without the other."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from kb_tools.cli import cli
from kb_tools.library import check_concept_text
from tests.support.library import WriteConcept, concept_text


def validate(library_dir: Path) -> Result:
    return CliRunner().invoke(cli, ["validate", "--library", str(library_dir)])


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.lstrip(" -").startswith(start))


def test_an_adaptation_across_centres_without_a_transfer_warns_at_its_adapted_from(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("quelle", title="Quelle")
    child = write_concept("ableger", title="Ableger", center="hessen", adapted_from=["quelle"])
    result = validate(library_dir)
    assert result.exit_code == 0, result.output
    line = line_of(child, "adapted_from") + 1
    assert (
        f"hessen/ableger.md:{line}: warnung: adapted_from.0: 'quelle' (sachsen) verzeichnet "
        "keine Übertragung an 'hessen'; bitte in sachsen/quelle.md unter transfers eintragen"
    ) in result.output


def test_the_matching_transfer_silences_both_sides(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    transfer = [{"center": "hessen", "date": "2025-06-01"}]
    write_concept("quelle", title="Quelle", status="transferiert", transfers=transfer)
    write_concept("ableger", title="Ableger", center="hessen", adapted_from=["quelle"])
    result = validate(library_dir)
    assert "0 Warnungen" in result.output, result.output


def test_an_adaptation_in_the_same_centre_needs_no_transfer(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("quelle", title="Quelle")
    write_concept("ableger", title="Ableger", adapted_from=["quelle"])
    assert "0 Warnungen" in validate(library_dir).output


def test_a_transfer_without_an_adaptation_warns_unless_it_is_informal(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    transfers = [
        {"center": "hessen", "date": "2025-06-01"},
        {"center": "berlin", "date": "2025-07-01", "informal": True},
    ]
    path = write_concept("quelle", title="Quelle", status="transferiert", transfers=transfers)
    result = validate(library_dir)
    line = line_of(path, "center: hessen")
    assert (
        f"sachsen/quelle.md:{line}: warnung: transfers.0.center: kein Konzept von 'hessen' baut "
        "auf diesem auf (adapted_from); setzt das Zentrum es ohne eigene Fassung ein, bitte "
        "informal: true eintragen"
    ) in result.output
    assert "transfers.1" not in result.output
    assert "1 Warnung" in result.output


def test_a_transfer_to_the_own_centre_warns(library_dir: Path, write_concept: WriteConcept) -> None:
    transfers = [{"center": "sachsen", "date": "2025-06-01", "informal": True}]
    write_concept("quelle", title="Quelle", status="transferiert", transfers=transfers)
    assert "eine Übertragung an das eigene Zentrum 'sachsen'" in validate(library_dir).output


def test_tested_but_already_taken_up_suggests_transferred(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    transfers = [{"center": "hessen", "date": "2025-06-01", "informal": True}]
    write_concept("quelle", title="Quelle", status="erprobt", transfers=transfers)
    assert (
        "status: 'erprobt', aber schon übernommen von hessen (transfers) – ist 'transferiert' "
        "gemeint?"
    ) in validate(library_dir).output


def test_one_edited_adaptation_gets_the_warning_too(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept("quelle", title="Quelle")
    text = concept_text(title="Ableger", center="hessen", adapted_from=["quelle"])
    (problem,) = check_concept_text(library_dir, "hessen/ableger.md", text)
    assert problem.field == "adapted_from.0" and problem.severity == "warnung"
