"""Atom feeds in a real build, read back with feedparser as a feed reader would."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from kb_tools.library import (
    FEED_URL,
    center_feed_url,
    center_url,
    concept_url,
    load_library,
    topic_feed_url,
    topic_url,
)
from kb_tools.site import FEED_TITLE, build_site, site_feeds, write_feeds
from kb_tools.site import feeds as feeds_module
from tests.support.library import SAMPLE_LIBRARY, concept_text
from tests.support.site import SITE_URL, BuiltSite, parse, resolve, settings_for

pytestmark = pytest.mark.slow

# id → centre, topics, last change; "gleichauf" and "neu" tie on the date.
CONCEPTS = {
    "alt": ("sachsen", ["ki"], "2025-03-01"),
    "neu": ("sachsen", ["ki", "datenschutz"], "2026-02-01"),
    "gleichauf": ("brandenburg", ["datenschutz"], "2026-02-01"),
}
# Markup characters in a centre name must reach the feed <link> title escaped.
ODD_NAME = 'Zukunftszentrum Brandenburg <Süd> & "Nord"'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("feeds-site")
    library_dir = root / "concepts"
    library_dir.mkdir()
    centers = (SAMPLE_LIBRARY / "centers.yml").read_text(encoding="utf-8")
    centers = centers.replace("name: Zukunftszentrum Brandenburg", f"name: '{ODD_NAME}'", 1)
    (library_dir / "centers.yml").write_text(centers, encoding="utf-8")
    (library_dir / "taxonomy.yml").write_bytes((SAMPLE_LIBRARY / "taxonomy.yml").read_bytes())
    for concept_id, (center, topics, updated) in CONCEPTS.items():
        path = library_dir / center / f"{concept_id}.md"
        path.parent.mkdir(exist_ok=True)
        text = concept_text(
            title=f"Konzept {concept_id}", center=center, topics=topics, updated=updated
        )
        path.write_text(text, encoding="utf-8")
    settings = settings_for(library_dir, root)
    build_site(settings)
    return BuiltSite(load_library(library_dir), settings.site_dir, settings)


def read_feed(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def entry_ids(feed: feedparser.FeedParserDict) -> list[str]:
    return [entry.id for entry in feed.entries]


def absolute(*concept_ids: str) -> list[str]:
    return [SITE_URL + concept_url(concept_id) for concept_id in concept_ids]


def feed_links(html: str) -> dict[str, str]:
    """title → href of every Atom feed the page's head announces."""
    return {
        attrs["title"] or "": attrs["href"] or ""
        for tag, pairs in parse(html).elements
        if tag == "link"
        and (attrs := dict(pairs)).get("rel") == "alternate"
        and attrs.get("type") == "application/atom+xml"
    }


def test_the_library_feed_lists_the_newest_concepts_first(built: BuiltSite) -> None:
    feed = read_feed(built.site / FEED_URL)
    assert feed.feed.title == FEED_TITLE
    assert entry_ids(feed) == absolute("gleichauf", "neu", "alt")  # a tie goes by id
    assert feed.feed.updated == "2026-02-01T00:00:00+00:00"
    assert feed.feed.language == "de"


def test_an_entry_has_title_link_summary_date_author_and_topics(built: BuiltSite) -> None:
    entry = next(e for e in read_feed(built.site / FEED_URL).entries if e.id.endswith("/neu/"))
    assert entry.title == "Konzept neu"
    assert entry.link == SITE_URL + concept_url("neu")
    assert entry.summary == "Ein kurzes Konzept für Tests."
    assert entry.updated == "2026-02-01T00:00:00+00:00"
    assert entry.author == "Zukunftszentrum Sachsen"
    assert [tag.label for tag in entry.tags] == ["Künstliche Intelligenz (KI)", "Datenschutz"]
    assert {tag.scheme for tag in entry.tags} == {SITE_URL + "vokabular/themen/"}


def test_a_centre_feed_holds_only_that_centres_concepts(built: BuiltSite) -> None:
    feed = read_feed(built.site / center_feed_url("sachsen"))
    assert feed.feed.title == "Konzeptbibliothek – Zukunftszentrum Sachsen"
    assert entry_ids(feed) == absolute("neu", "alt")
    assert feed.feed.updated == "2026-02-01T00:00:00+00:00"


def test_a_topic_feed_holds_only_that_topics_concepts(built: BuiltSite) -> None:
    feed = read_feed(built.site / topic_feed_url("datenschutz"))
    assert feed.feed.title == "Konzeptbibliothek – Thema Datenschutz"
    assert entry_ids(feed) == absolute("gleichauf", "neu")


def test_every_centre_and_topic_has_a_feed_even_without_concepts(built: BuiltSite) -> None:
    library = built.library
    for key in library.centers:
        assert (built.site / center_feed_url(key)).is_file(), key
    for key in library.taxonomy.topics:
        assert (built.site / topic_feed_url(key)).is_file(), key
    empty = read_feed(built.site / center_feed_url("thueringen"))
    assert empty.entries == []
    assert empty.feed.updated == "2026-02-01T00:00:00+00:00"  # as current as the library


def test_every_link_in_every_feed_is_absolute(built: BuiltSite) -> None:
    for feed_def in site_feeds(built.library):
        feed = read_feed(built.site / feed_def.url)
        assert feed.feed.id == SITE_URL + feed_def.url
        links = {link.rel: link.href for link in feed.feed.links}
        assert links == {"self": SITE_URL + feed_def.url, "alternate": SITE_URL + feed_def.page}
        for entry in feed.entries:
            assert entry.id.startswith(SITE_URL) and entry.link == entry.id


def test_the_same_library_gives_the_same_feed_bytes(built: BuiltSite, tmp_path: Path) -> None:
    write_feeds(built.library, SITE_URL, tmp_path)
    for url in (FEED_URL, center_feed_url("sachsen"), topic_feed_url("ki")):
        assert (tmp_path / url).read_bytes() == (built.site / url).read_bytes(), url


def test_a_feed_keeps_only_the_newest_entries(
    built: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feeds_module, "MAX_ENTRIES", 2)
    write_feeds(built.library, SITE_URL, tmp_path)
    assert entry_ids(read_feed(tmp_path / FEED_URL)) == absolute("gleichauf", "neu")


def test_every_page_announces_the_library_feed_in_its_head(built: BuiltSite) -> None:
    pages = [p for p in built.site.rglob("index.html") if p.parts[len(built.site.parts)] != "admin"]
    assert len(pages) > 20
    for page in pages:
        url = page.parent.relative_to(built.site).as_posix().removeprefix(".")
        url = f"{url}/" if url else ""
        href = feed_links(page.read_text(encoding="utf-8")).get(FEED_TITLE)
        assert href and resolve(built.site, url, href) == built.site / FEED_URL, url


def test_centre_and_topic_pages_announce_their_own_feed(built: BuiltSite) -> None:
    own = {
        center_url("sachsen"): center_feed_url("sachsen"),
        topic_url("ki"): topic_feed_url("ki"),
    }
    for page, feed in own.items():
        links = feed_links(built.html(page))
        assert len(links) == 2, page
        [href] = [href for title, href in links.items() if title != FEED_TITLE]
        assert resolve(built.site, page, href) == built.site / feed


def test_the_feed_title_in_a_head_is_escaped(built: BuiltSite) -> None:
    html = built.html(center_url("brandenburg"))
    assert f"Konzeptbibliothek – {ODD_NAME}" in feed_links(html)
    assert "<Süd>" not in html and '"Nord"' not in html
    feed = read_feed(built.site / center_feed_url("brandenburg"))
    assert feed.feed.title == f"Konzeptbibliothek – {ODD_NAME}"
    assert feed.entries[0].author == ODD_NAME
