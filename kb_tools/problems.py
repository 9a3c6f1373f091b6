"""Located problems found while checking a library: ``path:line: fehler: message``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Severity = Literal["fehler", "warnung"]
Level = Literal["error", "warning"]

# Up to this many allowed values are listed in an "unbekannt" message.
LIST_ALLOWED_UP_TO = 8
# The German adjective before each noun an "unbekannt" message names (its gender).
_UNKNOWN = {
    "Thema": "unbekanntes",
    "Format": "unbekanntes",
    "Zentrum": "unbekanntes",
    "Zielgruppe": "unbekannte",
}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, printed the way compilers print them so editors can jump to it.

    ``field`` is the front-matter location the problem is about (``topics.1``, ``summary``),
    or ``""`` for problems of the whole file or its body.
    """

    path: str
    line: int
    message: str
    severity: Severity = "fehler"
    field: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "fehler"

    @property
    def level(self) -> Level:
        """The severity as machines spell it (GitHub annotations, JSON)."""
        return "error" if self.is_error else "warning"

    def as_dict(self) -> dict[str, str | int]:
        """The JSON shape of a problem: ``path``, ``line``, ``level``, ``field``, ``message``."""
        return {
            "path": self.path,
            "line": self.line,
            "level": self.level,
            "field": self.field,
            "message": self.message,
        }

    def github_annotation(self, path_prefix: str = "") -> str:
        """A GitHub Actions workflow command that marks the problem in the pull request."""
        properties = {
            "file": f"{path_prefix}{self.path}",
            "line": str(self.line),
            "title": self.field or "kb validate",
        }
        props = ",".join(f"{key}={_escape(value, True)}" for key, value in properties.items())
        return f"::{self.level} {props}::{_escape(self.message)}"

    def __str__(self) -> str:
        return _one_line(f"{self.path}:{self.line}: {self.severity}: {self.message}")


# Characters that would break a problem over lines (str.splitlines splits at all of them) or
# hide part of it; a key or file name may contain any of them.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """``text`` with line breaks and control characters written as escapes (``\\n``)."""
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode(), text)


def _escape(text: str, is_property: bool = False) -> str:
    """Escape as GitHub's toolkit does (``escapeData``, ``escapeProperty``)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A German " – meinten Sie 'x'?" suffix for the closest choice, or ''.

    Case, umlauts, spaces and dashes do not count: ``KI`` finds ``ki``, ``CC BY-SA 4.0``
    finds ``CC-BY-SA-4.0``.
    """
    if not isinstance(value, str):
        return ""
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(_fold(choice), choice)
    wanted = _fold(value)
    if wanted in folded:
        return f" – meinten Sie '{folded[wanted]}'?"
    # Short keys ("kl" for "ki") differ by a larger share of their letters.
    cutoff = 0.5 if len(wanted) <= 4 else 0.6
    matches = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=cutoff)
    return f" – meinten Sie '{folded[matches[0]]}'?" if matches else ""


def unknown_value(noun: str, value: object, choices: Collection[str]) -> str:
    """``unbekanntes Thema 'kl' – meinten Sie 'ki'?``, listing the choices when there are few."""
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    message = f"{_UNKNOWN.get(noun, 'unbekannt:')} {noun} {shown}"
    if 0 < len(choices) <= LIST_ALLOWED_UP_TO:
        message += f" – erlaubt: {', '.join(choices)}"
    return message + did_you_mean(value, choices)


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return _SEPARATORS.sub("-", text.casefold().translate(_UMLAUTS)).strip("-")
