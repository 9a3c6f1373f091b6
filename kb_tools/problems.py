"""Located problems found while checking a library: ``path:line: fehler: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["fehler", "warnung"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, printed the way compilers print them so editors can jump to it."""

    path: str
    line: int
    message: str
    severity: Severity = "fehler"

    @property
    def is_error(self) -> bool:
        return self.severity == "fehler"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A German " – meinten Sie 'x'?" suffix for the closest choice, or ''."""
    if not isinstance(value, str):
        return ""
    # Short keys ("kl" for "ki") differ by a larger share of their letters.
    cutoff = 0.5 if len(value) <= 4 else 0.6
    matches = difflib.get_close_matches(value.lower(), list(choices), n=1, cutoff=cutoff)
    return f" – meinten Sie '{matches[0]}'?" if matches else ""
