"""Concept bodies → safe HTML: Markdown rendered by us, then cleaned with an nh3 allow-list.

Bodies come from many centres, so raw HTML in them must never reach the page as script.
MkDocs only sees the cleaned result (as raw HTML blocks), never the author's Markdown.
Bodies are CommonMark (+ tables, strikethrough) as on GitHub/GitLab, rendered with
markdown-it-py, which is also about three times faster than Python-Markdown here.
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it.token import Token

from kb_tools.library import body_tokens, markdown

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
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


class BodyRenderer:
    """Renders Markdown to sanitised HTML; one instance is reused for every concept (fast).

    Bodies are remembered: the page and the PDF of a concept render its body once.
    """

    def __init__(self) -> None:
        self._bodies: dict[str, tuple[str, list[str]]] = {}
        self._markdown = markdown()
        self._cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(DROPPED_WITH_CONTENT),
            attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
        )

    def html(self, text: str) -> str:
        """Markdown → HTML with only allow-listed tags, attributes and URL schemes."""
        return self._cleaner.clean(self._markdown.render(text)).strip()

    def body(self, body: str) -> tuple[str, list[str]]:
        """Sanitised HTML of the text before the first H2 and of each H2 section's text.

        One parse of the whole body, cut where the library cuts it (:func:`body_tokens`), so
        the site's sections are exactly the ones validation and search see.
        """
        if body not in self._bodies:
            parts = body_tokens(body)
            env: dict[str, object] = {}
            rendered = [self._render(tokens, env) for tokens in [parts.intro, *parts.sections]]
            self._bodies[body] = (rendered[0], rendered[1:])
        intro, sections = self._bodies[body]
        return intro, list(sections)

    def _render(self, tokens: list[Token], env: dict[str, object]) -> str:
        html = self._markdown.renderer.render(tokens, self._markdown.options, env)
        return self._cleaner.clean(html).strip()


def markdown_text(text: str) -> str:
    """Plain text escaped so that Markdown shows it literally (for generated headings)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
