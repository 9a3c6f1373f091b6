"""Hostile YAML in any library file gives a located German error in well under a second."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kb_tools.cli import cli
from kb_tools.library import SourceError
from kb_tools.library.safeyaml import MAX_ALIASES, MAX_DEPTH, parse_yaml_mapping
from tests.support.library import WriteConcept, concept_text

# Nine levels of nine aliases each: 9^9 strings once expanded ("billion laughs").
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
BUDGET_SECONDS = 2.0


def validate(library_dir: Path) -> tuple[Result, float]:
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["validate", "--library", str(library_dir)])
    return result, time.perf_counter() - start


def line_with(path: Path, text: str) -> int:
    return next(n for n, row in enumerate(path.read_text().splitlines(), 1) if text in row)


def with_front_matter_lines(extra: str, **overrides: object) -> str:
    """A valid concept with ``extra`` YAML lines at the end of its front matter."""
    text = concept_text(**overrides)
    end = text.index("\n---\n", 4)
    return text[: end + 1] + extra + text[end + 1 :]


def test_alias_bomb_in_a_concept_is_refused_quickly(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    path = write_concept(text=with_front_matter_lines(ALIAS_BOMB))
    result, seconds = validate(library_dir)
    assert seconds < BUDGET_SECONDS
    assert result.exit_code == 1
    line = line_with(path, "d: &d")
    assert f"testkonzept.md:{line}: fehler: YAML enthält zu viele Aliase ('*c')" in result.output


@pytest.mark.parametrize("name", ["centers.yml", "taxonomy.yml"])
def test_alias_bomb_in_a_vocabulary_file_is_refused_quickly(library_dir: Path, name: str) -> None:
    path = library_dir / name
    path.write_text(path.read_text(encoding="utf-8") + ALIAS_BOMB, encoding="utf-8")
    result, seconds = validate(library_dir)
    assert seconds < BUDGET_SECONDS
    assert result.exit_code == 1
    assert f"{name}:" in result.output
    assert "fehler: YAML enthält zu viele Aliase" in result.output


def test_a_few_aliases_are_fine() -> None:
    data, _ = parse_yaml_mapping("a: &x [ki]\nb: *x\nc: *x\n")
    assert data == {"a": ["ki"], "b": ["ki"], "c": ["ki"]}


def test_alias_count_is_limited() -> None:
    text = "a: &x 1\n" + "".join(f"b{n}: *x\n" for n in range(MAX_ALIASES + 1))
    with pytest.raises(SourceError, match="zu viele Aliase") as caught:
        parse_yaml_mapping(text)
    assert caught.value.line == MAX_ALIASES + 2
    assert caught.value.field == f"b{MAX_ALIASES}"


def test_few_aliases_cannot_expand_beyond_the_node_limit() -> None:
    wide = "[" + ", ".join(["x"] * 2000) + "]"
    text = f"a: &a {wide}\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(SourceError, match="zu viele Einträge"):
        parse_yaml_mapping(text)


def test_alias_into_itself_is_an_error() -> None:
    with pytest.raises(SourceError, match="YAML-Alias '\\*a' verweist auf sich selbst") as caught:
        parse_yaml_mapping("keywords: &a [x, *a]\n", first_line=2)
    assert (caught.value.line, caught.value.field) == (2, "keywords.1")


def test_undefined_alias_is_named() -> None:
    with pytest.raises(SourceError, match="unbekannter YAML-Alias '\\*nix'"):
        parse_yaml_mapping("keywords: *nix\n")


@pytest.mark.parametrize(
    "value",
    [
        "[" * 5000 + "]" * 5000,
        "".join("\n" + " " * (level + 1) + "a:" for level in range(1200)) + " x",
        "&a " + "[" * 15 + "x" + "]" * 15 + "\nb: " + "[" * 10 + "*a" + "]" * 10,
    ],
    ids=["flow", "block", "through-alias"],
)
def test_deep_nesting_is_refused_without_recursion(
    library_dir: Path, write_concept: WriteConcept, value: str
) -> None:
    write_concept(text=with_front_matter_lines(f"keywords: {value}\n", keywords=None))
    result, seconds = validate(library_dir)
    assert seconds < BUDGET_SECONDS
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"YAML ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)" in result.output


@pytest.mark.parametrize(
    ("overrides", "field", "value"),
    [
        ({"updated": "UPDATED"}, "updated", "2024-02-30"),
        ({"updated": "UPDATED"}, "updated", "2024-13-45"),
        (
            {"evidence": {"companies": 1, "participants": 2, "since": "UPDATED"}},
            "evidence.since",
            "2024-02-30",
        ),
        (
            {"transfers": [{"center": "berlin", "date": "UPDATED"}]},
            "transfers.0.date",
            "2023-00-10",
        ),
    ],
)
def test_impossible_date_names_field_and_line(
    library_dir: Path,
    write_concept: WriteConcept,
    overrides: dict[str, object],
    field: str,
    value: str,
) -> None:
    # safe_dump quotes 'UPDATED'; replacing it with a bare date makes YAML read a timestamp.
    text = concept_text(**overrides).replace("UPDATED", value)
    line = line_with(write_concept(text=text), value)
    result, _ = validate(library_dir)
    assert result.exit_code == 1
    assert (
        f"testkonzept.md:{line}: fehler: {field}: kein gültiges Datum: '{value}'" in result.output
    )


def test_number_too_long_to_read_is_located(library_dir: Path, write_concept: WriteConcept) -> None:
    extra = "group_size: {min: " + "9" * 5000 + ", max: 2}\n"
    line = line_with(write_concept(text=with_front_matter_lines(extra)), "group_size")
    result, _ = validate(library_dir)
    assert result.exit_code == 1
    assert f"testkonzept.md:{line}: fehler: Wert '99999" in result.output
    assert "kann nicht gelesen werden" in result.output


def test_control_character_in_front_matter_is_located(
    library_dir: Path, write_concept: WriteConcept
) -> None:
    write_concept(text=concept_text().replace("title: Testkonzept", "title: Test\x07konzept"))
    result, _ = validate(library_dir)
    assert result.exit_code == 1
    assert "fehler: YAML-Syntaxfehler: unzulässiges Zeichen U+0007" in result.output


def test_too_many_lines_is_an_error(library_dir: Path, write_concept: WriteConcept) -> None:
    text = concept_text() + "Zeile\n" * 25_000
    write_concept(text=text)
    result, seconds = validate(library_dir)
    assert seconds < BUDGET_SECONDS
    lines = f"{text.count(chr(10)) + 1:,}".replace(",", ".")
    assert f"fehler: Datei hat zu viele Zeilen ({lines}); erlaubt sind höchstens 20.000" in (
        result.output
    )
