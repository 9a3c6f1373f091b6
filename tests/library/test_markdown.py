"""The one Markdown reader: validation, site, passages and API see the same sections."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kb_tools.cli import cli
from kb_tools.library import SECTIONS, check_library, plain_text
from kb_tools.search import passages_of
from kb_tools.site import BodyRenderer
from kb_tools.site.pages.concept import body_blocks
from tests.support.library import WriteConcept

SETEXT_BODY = "\n\n".join(f"{title}\n{'-' * len(title)}\n\nText zu {title}." for title in SECTIONS)


def test_setext_headings_are_sections_for_validation_site_and_search(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(body="\n" + SETEXT_BODY + "\n")
    result = CliRunner().invoke(cli, ["validate", "--library", str(library_dir), "--strict"])
    assert result.exit_code == 0, result.output

    library, _ = check_library(library_dir)
    assert library is not None
    (concept,) = list(library)
    assert [s.title for s in concept.sections] == list(SECTIONS)
    site_headings = [b[3:] for b in body_blocks(concept, BodyRenderer()) if b.startswith("## ")]
    assert site_headings == list(SECTIONS)
    assert [p.section for p in passages_of(concept)][1:] == list(SECTIONS)


def test_a_heading_inside_a_quote_or_code_is_not_a_section(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    body = "## Ziel\n\n> ## Ablauf\n\n```\n## Erfahrungen\n```\n\n- ## Zielgruppe\n"
    write_concept(body=body)
    library, problems = check_library(library_dir)
    assert library is not None
    (concept,) = list(library)
    assert [s.title for s in concept.sections] == ["Ziel"]
    assert {p.message for p in problems} >= {"Abschnitt '## Ablauf' fehlt"}


def test_heading_markup_does_not_hide_a_section(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    body = "\n".join(f"## **{title}** ##\n\nText.\n" for title in SECTIONS)
    write_concept(body=body)
    library, problems = check_library(library_dir)
    assert library is not None and not problems
    assert [s.title for s in next(iter(library)).sections] == list(SECTIONS)


def test_section_lines_point_at_the_heading(library_dir: Path, write_concept: WriteConcept) -> None:
    path = write_concept(body="\nVorweg.\n\nZiel\n====\n\n" + SETEXT_BODY)
    library, _ = check_library(library_dir)
    assert library is not None
    concept = next(iter(library))
    lines = path.read_text(encoding="utf-8").split("\n")
    assert concept.intro.startswith("Vorweg.")
    for section in concept.sections:
        assert lines[section.line - 1] == section.title


def test_plain_text_keeps_words_and_drops_markup() -> None:
    text = "Ein **fetter** [Link](https://x.example) mit `Code` <b>und</b> Bild ![Alt](a.png).\n\n- Punkt"
    assert plain_text(text) == "Ein fetter Link mit Code und Bild Alt.\nPunkt"
