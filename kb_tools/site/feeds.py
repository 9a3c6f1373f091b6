"""Atom feeds of new and updated concepts: the whole library, each centre, each topic.

feedgen writes the XML (well kept, spec-conformant Atom; nothing here assembles tags). Every
date comes from the concepts, so the same library gives the same bytes whatever the build time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

from kb_tools.library import (
    FEED_URL,
    HOME_URL,
    Concept,
    Library,
    center_feed_url,
    center_url,
    concept_url,
    topic_feed_url,
    topic_url,
    vocabulary_url,
)
from kb_tools.site.fragments import safe_url
from kb_tools.site.jsonld import LIBRARY_NAME

FEED_TITLE = "Konzeptbibliothek – neue und aktualisierte Konzepte"
ATOM_TYPE = "application/atom+xml"
# A feed tells what is new; amb.json carries the whole library for harvesters.
MAX_ENTRIES = 100
# The date of an empty feed when the whole library is empty too (Atom requires one).
_NO_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Feed:
    """One feed: where it goes, the page it belongs to (both relative to the site root)."""

    url: str
    page: str
    title: str
    concepts: tuple[Concept, ...]


def center_feed_title(library: Library, key: str) -> str:
    return f"Konzeptbibliothek – {library.centers[key].name}"


def topic_feed_title(library: Library, key: str) -> str:
    return f"Konzeptbibliothek – Thema {library.label('topics', key)}"


def site_feeds(library: Library) -> list[Feed]:
    """Every feed of the site: the library's, then one per centre, then one per topic."""
    feeds = [Feed(FEED_URL, HOME_URL, FEED_TITLE, tuple(library))]
    feeds += [
        Feed(
            center_feed_url(key),
            center_url(key),
            center_feed_title(library, key),
            tuple(c for c in library if c.meta.center == key),
        )
        for key in library.centers
    ]
    feeds += [
        Feed(
            topic_feed_url(key),
            topic_url(key),
            topic_feed_title(library, key),
            tuple(c for c in library if key in c.meta.topics),
        )
        for key in library.taxonomy.topics
    ]
    return feeds


def write_feeds(library: Library, site_url: str, site_dir: Path) -> int:
    """Write every feed into the built site; returns how many."""
    feeds = site_feeds(library)
    # An empty centre or topic feed is as current as the library it was made from.
    fallback = max((c.meta.updated for c in library), default=_NO_DATE)
    for feed in feeds:
        target = site_dir / feed.url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(atom_feed(feed, library, site_url, fallback))
    return len(feeds)


def atom_feed(feed: Feed, library: Library, site_url: str, fallback: dt.date) -> bytes:
    """The Atom document of ``feed``: its newest concepts first, absolute links only."""
    base = site_url.rstrip("/") + "/"
    entries = newest_first(feed.concepts)[:MAX_ENTRIES]
    generator = FeedGenerator()
    generator.id(base + feed.url)
    generator.title(feed.title)
    generator.language("de")
    generator.author(name=LIBRARY_NAME)
    generator.link(href=base + feed.url, rel="self", type=ATOM_TYPE)
    generator.link(href=base + feed.page, rel="alternate", type="text/html")
    generator.updated(_instant(entries[0].meta.updated if entries else fallback))
    for concept in entries:
        _add_entry(generator, concept, library, base)
    data: bytes = generator.atom_str(pretty=True)
    return data


def newest_first(concepts: Iterable[Concept]) -> list[Concept]:
    return sorted(concepts, key=lambda c: (-c.meta.updated.toordinal(), c.id))


def _add_entry(generator: FeedGenerator, concept: Concept, library: Library, base: str) -> None:
    meta = concept.meta
    center = library.centers[meta.center]
    url = base + concept_url(concept.id)
    entry = generator.add_entry(order="append")
    entry.id(url)
    entry.title(meta.title)
    # feedgen 1.0 writes only the href of an entry's link; Atom reads that as rel="alternate".
    entry.link(href=url, rel="alternate", type="text/html")
    entry.summary(meta.summary)
    entry.updated(_instant(meta.updated))
    author = {"name": center.name}
    if uri := safe_url(center.url):
        author["uri"] = uri
    entry.author(author)
    scheme = base + vocabulary_url("topics")
    for key in meta.topics:
        entry.category(term=key, scheme=scheme, label=library.label("topics", key))


def _instant(day: dt.date) -> dt.datetime:
    """Atom dates are instants: midnight UTC of the day a concept was last changed."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
