"""What every generated page is made of: :class:`Page` and the pieces all page kinds share.

Pages are Markdown files that are mostly pre-rendered, escaped HTML blocks. MkDocs renders
them, but every value from the library is escaped (or sanitised by
:mod:`kb_tools.site.sanitize`) before MkDocs sees it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from kb_tools.library import Concept
from kb_tools.site.fragments import esc, link

try:  # libyaml is much faster for thousands of pages; the pure-Python dumper also works.
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]  # same API, no libyaml


# Listing pages repeat the concepts' summaries; the built-in search finds the concept pages.
LISTING_SEARCH = {"exclude": True}


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, relative to the docs folder.

    ``content`` is what MkDocs renders and indexes for its search. ``before`` and ``after`` are
    finished HTML that the theme override (site_overrides/main.html) places around it: MkDocs
    parses every tag of raw HTML in Markdown three times (twice while rendering, once for the
    search index), which made metadata cards and card lists the bulk of the build time.
    """

    path: str
    title: str
    content: str
    meta: dict[str, Any] = field(default_factory=dict)
    before: str = ""
    after: str = ""

    @property
    def root(self) -> str:
        """Relative prefix from this page's URL to the site root (directory URLs)."""
        return "../" * page_depth(self.path)

    def text(self) -> str:
        # Templates print page.meta.title/description unescaped, so they get escaped text.
        meta = {"title": esc(self.title), **self.meta}
        if self.before or self.after:
            meta.update(kb_before=self.before, kb_after=self.after)
        front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 20)
        return f"---\n{front}---\n\n{self.content}\n"


def page_depth(path: str) -> int:
    url = path.removesuffix(".md").removesuffix("index").strip("/")
    return len(url.split("/")) if url else 0


def breadcrumb(root: str, *items: tuple[str, str]) -> str:
    links = " › ".join(link(root + href, text) for href, text in items)
    return f'<nav class="kb-breadcrumb" aria-label="Brotkrumen">{links}</nav>'


def by_title(concepts: Iterable[Concept]) -> list[Concept]:
    return sorted(concepts, key=lambda c: (c.meta.title.casefold(), c.id))


def meta_list(rows: list[tuple[str, str]], css: str = "kb-meta") -> str:
    """A label/value card; values are HTML that the caller has escaped."""
    items = "".join(f"<dt>{esc(key)}</dt><dd>{value}</dd>" for key, value in rows)
    return f'<dl class="{css}">{items}</dl>'


def tally(keys: Iterable[str]) -> dict[str, int]:
    return dict(Counter(keys))
