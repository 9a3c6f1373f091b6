"""The official AMB JSON Schema (vendored in tests/fixtures/amb/), resolved offline."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

AMB_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "amb"


@cache
def amb_validator() -> Draft7Validator:
    resources = []
    for path in sorted(AMB_DIR.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    root = json.loads((AMB_DIR / "schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(root, registry=registry, format_checker=FormatChecker())


def amb_errors(record: Any) -> list[str]:
    """Every violation of the AMB schema in ``record``, as readable lines (empty: valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(Wurzel)'}: {error.message}"
        for error in amb_validator().iter_errors(record)
    ]
