"""The page kinds of the site, one module each; :class:`Page` is what they all return."""

from kb_tools.site.pages.atlas import STATS_FILE, atlas_page, write_atlas_exports
from kb_tools.site.pages.base import LISTING_SEARCH, Page, by_title, page_depth
from kb_tools.site.pages.catalogue import DATA_FILE, catalogue_data, catalogue_page
from kb_tools.site.pages.centers import center_page, centers_index
from kb_tools.site.pages.concept import (
    attribution_text,
    body_blocks,
    concept_page,
    contact_address,
    contact_details,
    materials_block,
    metadata_card,
)
from kb_tools.site.pages.search import search_page
from kb_tools.site.pages.start import start_page
from kb_tools.site.pages.topics import topic_page, topics_index
from kb_tools.site.pages.vocabulary import vocabulary_index, vocabulary_page, vocabulary_pages

__all__ = [
    "DATA_FILE",
    "LISTING_SEARCH",
    "STATS_FILE",
    "Page",
    "atlas_page",
    "attribution_text",
    "body_blocks",
    "by_title",
    "catalogue_data",
    "catalogue_page",
    "center_page",
    "centers_index",
    "concept_page",
    "contact_address",
    "contact_details",
    "materials_block",
    "metadata_card",
    "page_depth",
    "search_page",
    "start_page",
    "topic_page",
    "topics_index",
    "vocabulary_index",
    "vocabulary_page",
    "vocabulary_pages",
    "write_atlas_exports",
]
