"""Property tests for the two vocabulary files: whatever ``centers.yml`` and ``taxonomy.yml``
hold, ``kb validate`` and ``kb list`` answer with located German messages, exit 0 or 1, no
traceback, within a time budget."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from kb_tools.cli import cli
from tests.library.test_validate_properties import (
    BUDGET_SECONDS,
    PROPERTIES,
    assert_answered,
    raw_yaml,
    values,
)
from tests.support.library import SAMPLE_LIBRARY, WriteConcept

VOCABULARIES = ("centers.yml", "taxonomy.yml")
keys = st.one_of(
    st.sampled_from(["name", "region", "url", "email", "topics", "formats", "audience", "x"]),
    st.text(max_size=12),
    st.integers(-5, 5),
    st.none(),
    st.booleans(),
)


def sample(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((SAMPLE_LIBRARY / name).read_text(encoding="utf-8"))
    return loaded


@st.composite
def vocabularies(draw: st.DrawFn) -> tuple[str, str]:
    """One of the two files, its sample content with a few places replaced or added."""
    name = draw(st.sampled_from(VOCABULARIES))
    data: Any = sample(name)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "inner", "whole"]))
        if where == "whole":
            data = draw(values)
        elif where == "top" or not isinstance(data, dict) or not data:
            if isinstance(data, dict):
                data[draw(keys)] = draw(values)
        else:
            outer = draw(st.sampled_from(sorted(data, key=str)))
            inner = data[outer]
            if isinstance(inner, dict) and draw(st.booleans()):
                inner[draw(keys)] = draw(values)
            else:
                data[outer] = draw(values)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):  # and raw YAML no Python value dumps to
        text += f"{draw(st.sampled_from(['extra', 'sachsen', 'topics']))}: {draw(raw_yaml)}\n"
    return name, text


@PROPERTIES
@given(vocabulary=vocabularies())
def test_validate_and_list_answer_every_vocabulary(
    library_dir: Path, write_concept: WriteConcept, vocabulary: tuple[str, str]
) -> None:
    write_concept()
    name, text = vocabulary
    for each in VOCABULARIES:  # the fixture lives across examples: start from the sample
        (library_dir / each).write_bytes((SAMPLE_LIBRARY / each).read_bytes())
    (library_dir / name).write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["validate", "--library", str(library_dir)])
    assert time.perf_counter() - start < BUDGET_SECONDS
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert_answered(result.output)
    listed = CliRunner().invoke(cli, ["list", "--library", str(library_dir)])
    assert listed.exception is None or isinstance(listed.exception, SystemExit), listed.output
    assert listed.exit_code in (0, 1), listed.output
    assert "Traceback" not in listed.output
    if listed.exit_code == 1:
        assert listed.output.startswith("Fehler: ") or ": fehler: " in listed.output, listed.output
