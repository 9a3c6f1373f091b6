"""German phrases for pydantic's error kinds, shared by every edge that reports them.

pydantic explains a rejected value in English ("Input should be a valid integer"). The
library's validator, the API and the settings each say who is wrong in their own words
(a front-matter key with its line, a query parameter, a ``KB_*`` variable); what is wrong
with the value is said here, once, as the end of a German sentence: "muss eine ganze Zahl
sein", "darf höchstens 600 sein".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["UNKNOWN", "phrase"]

# For a kind this module does not know: still German, still true.
UNKNOWN = "hat einen ungültigen Wert"

# Kinds that only say which type was expected; the prefix before "_" is enough.
_TYPES = {
    "int": "muss eine ganze Zahl sein",
    "float": "muss eine Zahl sein",
    "decimal": "muss eine Zahl sein",
    "bool": "muss ja oder nein sein (true/false)",
    "string": "muss ein Text sein",
    "list": "muss eine Liste sein",
    "tuple": "muss eine Liste sein",
    "set": "muss eine Liste sein",
    "dict": "muss eine Zuordnung (Schlüssel: Wert) sein",
    "model": "muss eine Zuordnung (Schlüssel: Wert) sein",
    "date": "muss ein Datum sein (JJJJ-MM-TT, z. B. 2026-03-31)",
    "datetime": "muss ein Zeitpunkt sein (JJJJ-MM-TTThh:mm, z. B. 2026-03-31T09:00)",
    "time": "muss eine Uhrzeit sein (hh:mm)",
    "url": "muss eine Adresse sein (https://…)",
    "path": "muss ein Pfad sein",
    "uuid": "muss eine UUID sein",
    "bytes": "muss ein Text sein",
}


def phrase(err: Mapping[str, Any]) -> str:
    """What is wrong with the value of one pydantic error, as a German predicate.

    ``err`` is one entry of ``ValidationError.errors()``. The value itself is not repeated:
    the caller names the field and, where it helps, the value.
    """
    kind = str(err.get("type", ""))
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    if kind == "missing":
        return "fehlt"
    if kind == "extra_forbidden":
        return "ist unbekannt"
    if kind == "finite_number":
        return "muss eine endliche Zahl sein"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _bound(kind, ctx)
    if kind in ("string_too_short", "too_short"):
        least = ctx.get("min_length", 1)
        if least == 1:
            return "darf nicht leer sein"
        return f"muss mindestens {least} {_unit(kind)} haben"
    if kind in ("string_too_long", "too_long"):
        return f"darf höchstens {ctx.get('max_length', '?')} {_unit(kind)} haben"
    if kind == "string_pattern_mismatch":
        return "hat nicht die erwartete Form"
    if kind in ("literal_error", "enum"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"muss einer dieser Werte sein: {', '.join(allowed)}" if allowed else UNKNOWN
    if kind in ("value_error", "assertion_error") and ctx.get("error"):
        return str(ctx["error"])
    prefix = kind.split("_", 1)[0]
    if kind.startswith("date") and not kind.startswith("datetime"):
        prefix = "date"
    return _TYPES.get(prefix, UNKNOWN)


def _unit(kind: str) -> str:
    return "Zeichen" if kind.startswith("string") else "Einträge"


def _bound(kind: str, ctx: Mapping[str, Any]) -> str:
    words = {
        "greater_than": ("gt", "muss größer als {} sein"),
        "greater_than_equal": ("ge", "muss mindestens {} sein"),
        "less_than": ("lt", "muss kleiner als {} sein"),
        "less_than_equal": ("le", "darf höchstens {} sein"),
    }
    key, text = words[kind]
    return text.format(_number(ctx.get(key, "?")))


def _number(value: object) -> str:
    """A bound as a German reader writes it: ``0.5`` → ``0,5``, ``600.0`` → ``600``."""
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
