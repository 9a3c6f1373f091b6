"""Library → pages → MkDocs: the static site (``kb build``). Page kinds live in ``pages/``."""

from kb_tools.site.build import (
    STAMP_FILE,
    BuildReport,
    build_site,
    generate_pages,
    write_sources,
)
from kb_tools.site.fingerprint import build_fingerprint, site_code_files
from kb_tools.site.jsonld import concept_jsonld, script_json
from kb_tools.site.sanitize import BodyRenderer, markdown_text

__all__ = [
    "STAMP_FILE",
    "BodyRenderer",
    "BuildReport",
    "build_fingerprint",
    "build_site",
    "concept_jsonld",
    "generate_pages",
    "markdown_text",
    "script_json",
    "site_code_files",
    "write_sources",
]
