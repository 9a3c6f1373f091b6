"""Property tests: whatever a front matter holds, `kb validate` and `check_concept_text` answer
with located messages, exit code 0 or 1, no traceback, within a time budget."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb_tools.cli import cli
from kb_tools.library import FIELD_NAMES, check_concept_text, check_library, load_library
from tests.support.library import WriteConcept, concept_text

BUDGET_SECONDS = 3.0
RELPATH = "sachsen/testkonzept.md"
LOCATED = re.compile(r"^\S.*:\d+: (fehler|warnung): \S")
SUMMARY = re.compile(r"^(Fehler: )?\d+ Dateie?n? geprüft, \d+ Konzepte?: \d+ Fehler, \d+ Warnung")
PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["ki", "workshop", "sachsen", "CC BY 4.0", "erprobt", "", " ", "~"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from([*FIELD_NAMES, "min", "max", "x"]), inner, max_size=4)
    ),
    max_leaves=12,
)
# Raw YAML that no Python value dumps to: impossible dates, aliases, tags, nesting, junk.
impossible_dates = st.builds(
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
    st.integers(0, 9999),
    st.integers(0, 99),
    st.integers(0, 99),
)
nesting = st.integers(1, 60).flatmap(
    lambda n: st.sampled_from(["[" * n + "x" + "]" * n, "{a: " * n + "x" + "}" * n])
)
aliases = st.builds(
    lambda width, depth: (
        "&a0 [x]" + "".join(f", &a{d + 1} [{', '.join([f'*a{d}'] * width)}]" for d in range(depth))
    ),
    st.integers(1, 12),
    st.integers(1, 8),
).map(lambda chain: f"[{chain}]")
raw_yaml = st.one_of(
    impossible_dates,
    nesting,
    aliases,
    st.sampled_from(
        [
            "&a [*a]",
            "*nix",
            "!!python/object:os.system x",
            "!!binary AAAA",
            "9" * 5000,
            "'",
            "{",
            "[",
            "\t- x",
            "? [a]\n: b",
            "<<: {x: 1}",
            "!!set {a, b}",
            "1:30:00",
            "0o777",
            ".inf",
        ]
    ),
    st.text(max_size=30).map(lambda text: text.replace("\n---", "\n- --")),
)


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """A valid concept with some fields replaced by arbitrary values or raw YAML."""
    overrides: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from([*FIELD_NAMES, "unbekannt"]), max_size=4)):
        overrides[key] = draw(values)
    text = concept_text(**{k: v for k, v in overrides.items() if v is not None})
    for key in draw(st.lists(st.sampled_from([*FIELD_NAMES, "dazu"]), max_size=2)):
        raw = draw(raw_yaml)
        end = text.index("\n---\n", 4)
        text = f"{text[: end + 1]}{key}: {raw}\n{text[end + 1 :]}"
    return text


def assert_answered(output: str) -> None:
    lines = output.splitlines()
    assert lines and SUMMARY.match(lines[-1]), output
    assert all(LOCATED.match(line) for line in lines[:-1]), output


@PROPERTIES
@given(text=front_matters())
def test_validate_answers_every_front_matter(
    library_dir: Path, write_concept: WriteConcept, text: str
) -> None:
    write_concept(text=text)
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["validate", "--library", str(library_dir)])
    assert time.perf_counter() - start < BUDGET_SECONDS
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output
    assert_answered(result.output)


@PROPERTIES
@given(text=front_matters())
def test_check_concept_text_answers_every_front_matter(library_dir: Path, text: str) -> None:
    start = time.perf_counter()
    problems = check_concept_text(library_dir, RELPATH, text)
    assert time.perf_counter() - start < BUDGET_SECONDS
    for problem in problems:
        assert problem.path == RELPATH and problem.line >= 1
        assert LOCATED.match(str(problem)), problem


@PROPERTIES
@given(text=front_matters())
def test_check_concept_text_agrees_with_validate(
    library_dir: Path, write_concept: WriteConcept, text: str
) -> None:
    write_concept("anderes", body="\n## Ziel\n\nAnders.\n")
    write_concept(text=text)
    _, problems = check_library(library_dir)
    expected = [p for p in problems if p.path == RELPATH]
    assert check_concept_text(library_dir, RELPATH, text) == expected
    # The same against a library loaded without the file: it is added, not replaced.
    (library_dir / RELPATH).unlink()
    library = load_library(library_dir)
    assert check_concept_text(library_dir, RELPATH, text, library) == expected


@PROPERTIES
@given(data=st.binary(max_size=300))
def test_validate_answers_arbitrary_bytes(
    library_dir: Path, write_concept: WriteConcept, data: bytes
) -> None:
    write_concept(text=b"---\n" + data)
    result = CliRunner().invoke(cli, ["validate", "--library", str(library_dir)])
    assert result.exit_code in (0, 1), result.output
    assert_answered(result.output)


def test_generated_front_matter_is_still_yaml_most_of_the_time() -> None:
    # Guards the strategy: dumped values must reach the schema, not stop at the parser.
    assert yaml.safe_load(concept_text(keywords=[dt.date(2020, 1, 1), None, 1.5]).split("---")[1])
