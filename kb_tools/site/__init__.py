"""Library → pages → MkDocs: the static site (``kb build``). Page kinds live in ``pages/``."""

from kb_tools.site.build import (
    STAMP_FILE,
    BuildReport,
    build_site,
    generate_pages,
    write_sources,
)
from kb_tools.site.cms import cms_config, editor_root
from kb_tools.site.editor import node_modules, template_data, write_editor
from kb_tools.site.feeds import FEED_TITLE, site_feeds, write_feeds
from kb_tools.site.fingerprint import build_fingerprint, site_code_files
from kb_tools.site.jsonld import concept_jsonld, script_json, write_amb_dump
from kb_tools.site.sanitize import BodyRenderer, markdown_text
from kb_tools.site.skos import scheme_jsonld, write_vocabularies

__all__ = [
    "FEED_TITLE",
    "STAMP_FILE",
    "BodyRenderer",
    "BuildReport",
    "build_fingerprint",
    "build_site",
    "cms_config",
    "concept_jsonld",
    "editor_root",
    "generate_pages",
    "markdown_text",
    "node_modules",
    "scheme_jsonld",
    "script_json",
    "site_code_files",
    "site_feeds",
    "template_data",
    "write_amb_dump",
    "write_editor",
    "write_feeds",
    "write_sources",
    "write_vocabularies",
]
