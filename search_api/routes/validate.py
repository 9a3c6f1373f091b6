"""``POST /api/validate``: the problems ``kb validate`` would report for one concept file.

The editor calls it before every save. Nothing is written. The body is read with a size
limit before it is parsed, so a huge or endless upload is refused early (413).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from starlette.concurrency import run_in_threadpool

from kb_tools.library import MAX_FILE_BYTES, check_concept_text
from search_api.deps import LibraryDep
from search_api.errors import ERROR_RESPONSES, PayloadTooLarge

# The file may be up to MAX_FILE_BYTES (larger ones get a located problem); JSON escapes add
# a little on top. Anything beyond this is refused without reading it.
MAX_BODY_BYTES = 2 * MAX_FILE_BYTES + 4096

router = APIRouter(prefix="/api/validate", tags=["Prüfen"])


class ValidationRequest(BaseModel):
    """A concept file as the editor would save it, and where."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, Field(description="Der ganze Inhalt der Konzeptdatei.")]
    path: Annotated[
        str,
        StringConstraints(pattern=r"^[a-z0-9-]{1,60}/[^/\\\x00-\x1f]{1,120}\.md$"),
        Field(
            description="Wo die Datei in der Bibliothek stünde: '<zentrum>/<id>.md'.",
            examples=["sachsen/ki-im-handwerk.md"],
        ),
    ]


class ProblemOut(BaseModel):
    line: int = Field(description="Zeile in der Datei (1 = erste Zeile).")
    level: Literal["error", "warning"] = Field(description="'error' verhindert das Speichern.")
    field: str = Field(description="Betroffener Schlüssel im Front Matter, z. B. 'topics.1'.")
    message: str = Field(description="Meldung auf Deutsch, wie 'kb validate' sie ausgibt.")


class ValidationResult(BaseModel):
    """Every problem of the file; an empty list means ``kb validate`` would accept it."""

    problems: list[ProblemOut]
    errors: int = Field(description="Anzahl der Fehler.")
    warnings: int = Field(description="Anzahl der Warnungen.")


@router.post(
    "",
    summary="Eine Konzeptdatei prüfen",
    responses={
        **ERROR_RESPONSES,
        413: {"model": ERROR_RESPONSES[422]["model"], "description": "Anfrage zu groß."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ValidationRequest.model_json_schema()}},
        }
    },
)
async def validate(request: Request, library: LibraryDep) -> ValidationResult:
    """Prüft den Text einer Konzeptdatei so, wie `kb validate` sie im Ordner `path` prüfen würde
    (gegen die geladene Bibliothek: Zentren, Themen, IDs), ohne etwas zu schreiben."""
    body = await read_limited(request, MAX_BODY_BYTES)
    try:
        payload = ValidationRequest.model_validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None
    problems = await run_in_threadpool(
        check_concept_text, library.root, payload.path, payload.text, library
    )
    out = [
        ProblemOut(line=p.line, level=p.level, field=p.field, message=p.message) for p in problems
    ]
    errors = sum(p.level == "error" for p in out)
    return ValidationResult(problems=out, errors=errors, warnings=len(out) - errors)


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, or :class:`PayloadTooLarge` as soon as it exceeds ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)
