"""Concept bodies → safe HTML: Markdown rendered by us, then cleaned with an nh3 allow-list.

Bodies come from many centres, so raw HTML in them must never reach the page as script.
MkDocs only sees the cleaned result (as raw HTML blocks), never the author's Markdown.
Bodies are CommonMark (+ tables, strikethrough) as on GitHub/GitLab, rendered with
markdown-it-py, which is also about three times faster than Python-Markdown here.
"""

from __future__ import annotations

import html
import re
import uuid

import nh3
from markdown_it import MarkdownIt

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
_MARKUP = re.compile(r"[<>&*_`\[\]\\!]")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


class BodyRenderer:
    """Renders Markdown to sanitised HTML; one instance is reused for every concept (fast)."""

    def __init__(self) -> None:
        self._markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        self._cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(DROPPED_WITH_CONTENT),
            attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
        )
        self._text_only = nh3.Cleaner(tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
        self._marker = f"kbsection{uuid.uuid4().hex}"

    def html(self, text: str) -> str:
        """Markdown → HTML with only allow-listed tags, attributes and URL schemes."""
        return clean_html(self._markdown.render(text), self._cleaner).strip()

    def plain(self, text: str) -> str:
        """Inline Markdown (e.g. a heading) → plain text without any markup."""
        if not _MARKUP.search(text):
            return " ".join(text.split())  # the common case, without a Markdown run
        rendered = self._markdown.renderInline(text)
        return " ".join(html.unescape(self._text_only.clean(rendered)).split())

    def sections(self, intro: str, sections: list[str]) -> tuple[str, list[str]]:
        """Sanitised HTML of the text before the first H2 and of each H2 section's text.

        One Markdown run for the whole body (faster than one per section): sections are
        joined with unguessable marker paragraphs and the result is split at them again.
        """
        parts = [intro, *sections]
        text = "\n\n".join(f"{part}\n\n{self._marker}-{index}" for index, part in enumerate(parts))
        rendered = self._markdown.render(text)
        pieces = re.split(rf"<p>{self._marker}-(\d+)</p>", rendered)
        if pieces[1::2] != [str(index) for index in range(len(parts))]:
            # A marker was swallowed by an unclosed raw HTML block: render part by part.
            return self.html(intro), [self.html(part) for part in sections]
        cleaned = [self._cleaner.clean(piece).strip() for piece in pieces[0:-1:2]]
        return cleaned[0], cleaned[1:]


def clean_html(fragment: str, cleaner: nh3.Cleaner | None = None) -> str:
    """An HTML fragment with everything outside the allow-list removed."""
    if cleaner is None:
        return BodyRenderer()._cleaner.clean(fragment)
    return cleaner.clean(fragment)


def markdown_text(text: str) -> str:
    """Plain text escaped so that Markdown shows it literally (for generated headings)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
