"""Libraries for tests: the sample library and valid concept files with chosen overrides."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
SAMPLE_LIBRARY = REPO / "concepts"

BODY = """
## Ziel

Die Teilnehmenden lernen, {topic} im eigenen Betrieb einzuordnen und erste Schritte zu planen.

## Zielgruppe

Beschäftigte aus kleinen und mittleren Unternehmen ohne Vorkenntnisse.

## Ablauf

Zwei Termine zu je vier Stunden mit einer Praxisaufgabe dazwischen.

## Methoden und Materialien

Kurze Inputs, Arbeit an eigenen Fällen, Checklisten.

## Erfahrungen

Erprobt in fünf Betrieben; die Praxisaufgabe brauchte mehr Zeit als geplant.

## Transferhinweise

Beispiele an die Branche der Region anpassen.
"""

WriteConcept = Callable[..., Path]


def empty_library(root: Path) -> Path:
    """``root/concepts``: the sample centres and taxonomy, no concepts yet."""
    library = root / "concepts"
    library.mkdir(parents=True)
    for name in ("centers.yml", "taxonomy.yml"):
        shutil.copy(SAMPLE_LIBRARY / name, library / name)
    return library


def concept_text(**overrides: Any) -> str:
    """A valid concept file; keyword arguments replace front matter keys (None removes one)."""
    meta: dict[str, Any] = {
        "title": "Testkonzept",
        "summary": "Ein kurzes Konzept für Tests.",
        "center": "sachsen",
        "status": "erprobt",
        "topics": ["ki"],
        "formats": ["workshop"],
        "audience": ["beschaeftigte"],
        "license": "CC-BY-4.0",
        "updated": "2026-01-15",
    }
    body = overrides.pop("body", None)
    for key, value in overrides.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{body if body is not None else BODY.format(topic=meta.get('title'))}"
