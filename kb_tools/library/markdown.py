"""The one Markdown reader: CommonMark (+ tables, strikethrough) as tokens, cut at H2 headings.

Validation, the site, the passages and the API all see a body through this module, so what
the site renders as an H2 (``## Ziel`` or ``Ziel`` over a ``---`` line) is a section for every
one of them. Only top-level headings count: a ``## …`` inside a quote or list is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kb_tools.library.model import Section

_INLINE_MARKUP = re.compile(r"[<>&*_`\[\]\\!~]")
_TAG = re.compile(r"<[^>]*>")


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The parser every reader of a body shares (raw HTML is parsed; the site cleans it)."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    # The same block rules without the inline pass: finding sections needs only the blocks
    # (and is about twice as fast, which matters when a library of thousands loads).
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .disable("inline")
    )


@dataclass(frozen=True)
class Heading:
    """A top-level H2: its plain-text title and the source lines it spans (0-based, end open)."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class BodyTokens:
    """A fully parsed body: the tokens before the first H2 and the tokens of each section."""

    intro: list[Token]
    sections: list[list[Token]]


def headings(body: str) -> list[Heading]:
    """The body's top-level H2 headings, in order (ATX ``## x`` and setext ``x`` / ``---``)."""
    tokens = _block_parser().parse(body)
    return [
        Heading(inline_text(tokens[n + 1].content), *_lines(token))
        for n, token in enumerate(tokens)
        if _is_section_heading(token)
    ]


def split_sections(body: str, first_line: int = 1) -> tuple[str, list[Section]]:
    """The text before the first H2 and the body's H2 sections; ``first_line`` is the line
    of the body in its file."""
    lines = body.split("\n")
    found = headings(body)
    ends = [heading.start for heading in found[1:]] + [len(lines)] if found else []
    sections = [
        Section(
            heading.title, "\n".join(lines[heading.end : end]).strip(), first_line + heading.start
        )
        for heading, end in zip(found, ends, strict=True)
    ]
    intro = "\n".join(lines[: found[0].start if found else len(lines)]).strip()
    return intro, sections


def body_tokens(body: str) -> BodyTokens:
    """Tokens of the intro and of each H2 section's content (heading tokens left out)."""
    tokens = markdown().parse(body)
    cuts = [n for n, token in enumerate(tokens) if _is_section_heading(token)]
    intro = tokens[: cuts[0]] if cuts else tokens
    # A heading is three tokens: heading_open, inline, heading_close.
    sections = [
        tokens[start + 3 : end] for start, end in zip(cuts, [*cuts[1:], len(tokens)], strict=True)
    ]
    return BodyTokens(intro, sections)


def inline_text(source: str) -> str:
    """Inline Markdown (a heading, say) as plain text: ``**Ziel**`` → ``Ziel``."""
    if not _INLINE_MARKUP.search(source):
        return " ".join(source.split())  # the common case, without a Markdown run
    return " ".join(_text_of(markdown().parseInline(source)).split())


@lru_cache(maxsize=65_536)
def plain_text(source: str) -> str:
    """Markdown as readable text: one line per paragraph, item, heading or table cell.

    Cached: the passages and the lexical index of the same section both ask for it.
    """
    lines: list[str] = []
    for token in markdown().parse(source):
        if token.type == "inline":
            lines.append(_text_of([token]))
        elif token.type in ("code_block", "fence"):
            lines.extend(token.content.split("\n"))
        elif token.type == "html_block":
            lines.append(_TAG.sub(" ", token.content))
    folded = (" ".join(line.split()) for line in lines)
    return "\n".join(line for line in folded if line)


def _is_section_heading(token: Token) -> bool:
    return token.type == "heading_open" and token.tag == "h2" and token.level == 0


def _lines(token: Token) -> tuple[int, int]:
    start, end = token.map or (0, 1)
    return start, end


def _text_of(tokens: list[Token]) -> str:
    """The text of inline tokens: words, code and image descriptions; no markup, no tags."""
    out: list[str] = []
    for token in tokens:
        if token.children:
            out.append(_text_of(token.children))
        elif token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.type == "image":
            out.append(token.content)
    return "".join(out)
