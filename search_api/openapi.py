"""The OpenAPI document names each filter's allowed values: those of the loaded library.

The values are known only once the lifespan has loaded the library, so they are filled in
then; the check itself stays with :meth:`kb_tools.library.Filters.check` (400 with a
"meinten Sie" hint), the list in the docs is for reading and for Swagger UI's picker.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from kb_tools.library import FACETS, Library, allowed_values


def document_filter_values(app: FastAPI, library: Library) -> None:
    """Regenerate ``app``'s OpenAPI document with the allowed values of every facet filter."""
    app.openapi_schema = None  # another library (a restarted lifespan) has other values
    schema = app.openapi()
    values = {facet: allowed_values(library, facet) for facet in FACETS}
    for operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            name = parameter.get("name")
            if parameter.get("in") == "query" and values.get(name):
                parameter["schema"] = {
                    "type": "array",
                    "items": {"type": "string", "enum": values[name]},
                    "title": parameter.get("schema", {}).get("title", name),
                }


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        operation
        for path in schema.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict)
    ]
