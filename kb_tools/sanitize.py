"""Concept bodies → safe HTML: Markdown rendered by us, then cleaned with an nh3 allow-list.

Bodies come from many centres, so raw HTML in them must never reach the page as script.
MkDocs only sees the cleaned result (as raw HTML blocks), never the author's Markdown.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

# Harmless formatting only: no script, style, iframe, object, form, svg, or h1 (the page has one).
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details",
        "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed together with their content (everything else not allowed keeps its text).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})
MARKDOWN_EXTENSIONS = ("tables", "fenced_code", "sane_lists", "def_list", "abbr")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


class BodyRenderer:
    """Renders Markdown to sanitised HTML; one instance is reused for every concept (fast)."""

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(
            extensions=list(MARKDOWN_EXTENSIONS), output_format="html"
        )
        self._cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(DROPPED_WITH_CONTENT),
            attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
        )
        self._text_only = nh3.Cleaner(tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))

    def html(self, text: str) -> str:
        """Markdown → HTML with only allow-listed tags, attributes and URL schemes."""
        self._markdown.reset()
        return clean_html(self._markdown.convert(text), self._cleaner)

    def plain(self, text: str) -> str:
        """Inline Markdown (e.g. a heading) → plain text without any markup."""
        self._markdown.reset()
        return html.unescape(self._text_only.clean(self._markdown.convert(text))).strip()


def clean_html(fragment: str, cleaner: nh3.Cleaner | None = None) -> str:
    """An HTML fragment with everything outside the allow-list removed."""
    if cleaner is None:
        return BodyRenderer()._cleaner.clean(fragment)
    return cleaner.clean(fragment)


def markdown_text(text: str) -> str:
    """Plain text escaped so that Markdown shows it literally (for generated headings)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
