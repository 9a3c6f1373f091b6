"""Snippets: a short, HTML-escaped window of a passage with query words in ``<mark>``."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from kb_tools.search.analysis import fold, stem

SNIPPET_CHARS = 220
_TOKEN = re.compile(r"\w+")


def snippet(text: str, matches: Callable[[str], bool], width: int = SNIPPET_CHARS) -> str:
    """The ``width``-character window of ``text`` with the most matching words, highlighted.

    ``matches`` says whether a word of the text answers the query (it sees the word as
    written). Everything but the ``<mark>`` tags is HTML-escaped.
    """
    text = " ".join(text.split())
    spans = [m.span() for m in _TOKEN.finditer(text) if matches(m.group())]
    start, end = _window(text, spans, width)
    out, cursor = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(html.escape(text[cursor:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        cursor = b
    out.append(html.escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(out).strip() + suffix


def word_matcher(stems: frozenset[str], words: frozenset[str]) -> Callable[[str], bool]:
    """Does a text word stand for a query word: same stem, or the query word is its part."""

    def matches(word: str) -> bool:
        folded = fold(word)
        if len(folded) < 2:
            return False
        if stem(folded) in stems:
            return True
        return any(len(w) >= 4 and w in folded for w in words)

    return matches


def _window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """Start and end of the window with most matches, cut at word boundaries."""
    if len(text) <= width:
        return 0, len(text)
    best, best_count = 0, -1
    for a, _ in spans:
        start = max(0, a - width // 4)
        count = sum(1 for x, y in spans if x >= start and y <= start + width)
        if count > best_count:
            best, best_count = start, count
    if best > 0:
        space = text.rfind(" ", 0, best + 1)
        best = space + 1 if space > 0 and best - space < 30 else best
    end = min(len(text), best + width)
    if end < len(text):
        space = text.rfind(" ", best, end)
        end = space if space > best + width // 2 else end
    return best, end
