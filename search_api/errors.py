"""Every error leaves the API as ``{"detail": "<German message>"}``: one shape, no stack traces.

Bad parameters are 422 (FastAPI's own validation and our checks alike), unknown filter values
400, unknown concepts and routes 404. Only a bug reaches the catch-all 500.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from kb_tools.errors import InvalidQuery, UnknownConcept, UnknownFilterValue
from kb_tools.phrases import UNKNOWN, phrase
from kb_tools.problems import did_you_mean
from search_api.models import ErrorResponse

logger = logging.getLogger("search_api")

INVALID_STATUS = 422
INTERNAL_ERROR = "Interner Fehler der Such-API. Bitte später erneut versuchen."

# Documented on every route with parameters, replacing FastAPI's default 422 schema.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Unbekannter Filterwert (mit Vorschlag)."},
    404: {"model": ErrorResponse, "description": "Unbekanntes Konzept (mit Vorschlag)."},
    422: {"model": ErrorResponse, "description": "Ungültiger Parameter (fehlt, zu lang, …)."},
}


class PayloadTooLarge(Exception):
    """A request body beyond what an endpoint reads (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Die Anfrage ist zu groß: höchstens {limit // 1_000_000} MB "
            f"({limit:,} Bytes) werden angenommen.".replace(",", ".")
        )


def error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status, headers=dict(headers or {}))


def install(app: FastAPI) -> None:
    """Register the German handlers on ``app``."""
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(InvalidQuery, _domain_error(INVALID_STATUS))
    app.add_exception_handler(UnknownConcept, _domain_error(404))
    app.add_exception_handler(UnknownFilterValue, _domain_error(400))
    app.add_exception_handler(PayloadTooLarge, _domain_error(413))
    app.add_exception_handler(Exception, _internal_error)


def parameter_messages(errors: list[dict[str, Any]]) -> str:
    """Turn pydantic's errors into one German sentence per parameter."""
    return " ".join(dict.fromkeys(_parameter_message(err) for err in errors))


def _parameter_message(err: dict[str, Any]) -> str:
    loc = [str(part) for part in err.get("loc", ()) if not isinstance(part, int)]
    name = loc[-1] if loc else "?"
    kind, ctx, value = err.get("type", ""), err.get("ctx") or {}, err.get("input")
    where = f"Parameter '{name}'"
    if kind == "json_invalid":
        return "Der Inhalt der Anfrage ist kein gültiges JSON."
    if kind in ("model_type", "model_attributes_type", "dict_type") and not loc:
        return "Erwartet wird ein JSON-Objekt mit den Schlüsseln 'text' und 'path'."
    if kind == "extra_forbidden":
        return f"Unbekannter Schlüssel '{name}'."
    if kind == "string_type":
        return f"{where} muss ein Text sein."
    if kind == "string_pattern_mismatch" and name == "path":
        return f"{where} muss die Form '<zentrum>/<id>.md' haben, nicht {_quoted(value)}."
    if kind == "missing":
        return f"{where} fehlt."
    if kind == "string_too_short":
        return f"{where} darf nicht leer sein."
    if kind == "string_too_long":
        return f"{where} ist zu lang ({len(str(value))} Zeichen, höchstens {ctx['max_length']})."
    if kind in ("literal_error", "enum"):
        # pydantic lists the choices in English: "'updated' or 'title'".
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(value, allowed) or "."
        return f"{where} hat den ungültigen Wert {_quoted(value)} (erlaubt: {', '.join(allowed)}){hint}"
    what = phrase(err)
    if what == UNKNOWN:
        return f"{where} {UNKNOWN}: {_quoted(value)}."
    return f"{where} {what}, nicht {_quoted(value)}."


def _quoted(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error(INVALID_STATUS, parameter_messages(list(exc.errors())))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    # Starlette raises these with English phrases (routing, static files); say it in German.
    assert isinstance(exc, HTTPException)
    path, method = request.url.path, request.method
    if exc.status_code == 404:
        message = f"Nicht gefunden: '{path}'."
        if path.startswith("/api"):
            message += " Die verfügbaren Endpunkte stehen unter /api/docs."
    elif exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "GET")
        message = f"Methode {method} ist für '{path}' nicht erlaubt (erlaubt: {allowed})."
    else:
        message = f"Die Anfrage konnte nicht bearbeitet werden (HTTP {exc.status_code})."
    return error(exc.status_code, message, exc.headers)


def _domain_error(status: int) -> Any:
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        return error(status, exc.args[0] if exc.args else INTERNAL_ERROR)

    return handler


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    # The server logs the traceback itself (Starlette re-raises); the client never sees it.
    logger.error("Unerwarteter Fehler bei %s %s: %r", request.method, request.url.path, exc)
    return error(500, INTERNAL_ERROR)
