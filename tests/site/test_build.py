"""``kb build`` with the real MkDocs: the sample site's HTML, bad input, failed builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from kb_tools.errors import BuildError, LibraryInvalid
from kb_tools.library import FACET_LABELS, FACETS, LICENSE_URLS, allowed_values, facet_label
from kb_tools.site import STAMP_FILE, build_site
from kb_tools.site.jsonld import AMB_CONTEXT
from tests.support.library import REPO, WriteConcept, concept_text
from tests.support.site import SITE_URL, BuiltSite, parse, resolve, settings_for

pytestmark = pytest.mark.slow

MALICIOUS_BODY = """
## Ziel

<script>alert("body")</script>
<img src="x.png" onerror="alert('img')">
<iframe src="https://evil.example/"></iframe>

[Klick mich](javascript:alert('link')) und **fett bleibt fett**.

## <img src=x onerror=alert('heading')>Ablauf

<a href="https://example.org/" onclick="alert('a')">Quelle</a>
"""


@pytest.fixture
def small_library(library_dir: Path, write_concept: WriteConcept) -> Path:
    write_concept("basis", title="Basiskonzept")
    write_concept("ableger", title="Ableger", adapted_from=["basis"])
    return library_dir


# ------------------------------------------------------------------ the sample site


def test_every_concept_has_a_page_with_its_metadata(sample_site: BuiltSite) -> None:
    library = sample_site.library
    assert len(library) > 0
    for concept in library:
        html = sample_site.html(concept.url)
        meta = concept.meta
        assert f'data-concept-id="{concept.id}"' in html
        assert library.centers[meta.center].name in html
        assert f"kb-badge--{meta.status}" in html
        assert LICENSE_URLS[meta.license] in html
        assert all(f"themen/{topic}/" in html for topic in meta.topics)
        assert f'datetime="{meta.updated.isoformat()}"' in html


def test_lineage_links_resolve_both_ways(sample_site: BuiltSite) -> None:
    library, site = sample_site.library, sample_site.site
    pairs = [(c, ref) for c in library for ref in c.meta.adapted_from]
    assert pairs, "die Beispielbibliothek sollte Weiterentwicklungen enthalten"
    for concept, ref in pairs:
        forward = parse(sample_site.html(concept.url)).lineage
        targets = {resolve(site, concept.url, href) for href in forward}
        assert site / f"konzepte/{ref}/index.html" in targets
        backward = parse(sample_site.html(f"konzepte/{ref}/")).lineage
        back_targets = {resolve(site, f"konzepte/{ref}/", href) for href in backward}
        assert site / concept.url / "index.html" in back_targets
        assert "Weiterentwickelt in" in sample_site.html(f"konzepte/{ref}/")


def test_transfers_link_to_the_receiving_centre(sample_site: BuiltSite) -> None:
    transferred = [c for c in sample_site.library if c.meta.transfers]
    assert transferred
    for concept in transferred:
        html = sample_site.html(concept.url)
        assert "Übertragen nach" in html
        for transfer in concept.meta.transfers:
            assert f'href="../../zentren/{transfer.center}/"' in html


def test_every_internal_link_resolves(sample_site: BuiltSite) -> None:
    site = sample_site.site
    broken = []
    for page in site.rglob("index.html"):
        url = page.parent.relative_to(site).as_posix()
        url = "" if url == "." else f"{url}/"
        for href in parse(page.read_text(encoding="utf-8")).hrefs:
            target = resolve(site, url, href.split("#")[0].split("?")[0] or "./")
            if target is not None and not target.exists():
                broken.append(f"{url}: {href}")
    assert not broken


def test_jsonld_parses_and_has_the_amb_required_fields(sample_site: BuiltSite) -> None:
    for concept in sample_site.library:
        blocks = parse(sample_site.html(concept.url)).jsonld
        assert len(blocks) == 1
        record = json.loads(blocks[0])
        assert record["@context"][0] == AMB_CONTEXT
        assert record["id"] == f"{SITE_URL}{concept.url}"
        assert "LearningResource" in record["type"]
        assert record["name"] == concept.meta.title
        assert record["description"] == concept.meta.summary
        assert record["inLanguage"] == ["de"]
        assert record["license"]["id"] == LICENSE_URLS[concept.meta.license]
        assert record["dateModified"] == concept.meta.updated.isoformat()
        assert record["creator"][0]["type"] == "Organization"
        assert record["sourceOrganization"] == record["creator"]
        assert record["keywords"] and record["audience"] and record["learningResourceType"]
        based_on = [b["id"] for b in record.get("isBasedOn", [])]
        assert based_on == [f"{SITE_URL}konzepte/{ref}/" for ref in concept.meta.adapted_from]


def test_catalogue_lists_every_concept_as_card_and_json(sample_site: BuiltSite) -> None:
    html = sample_site.html("katalog/")
    data = json.loads((sample_site.site / "katalog/concepts.json").read_text(encoding="utf-8"))
    ids = set(sample_site.library.concepts)
    assert set(re.findall(r'class="kb-card" data-kb-id="([^"]+)"', html)) == ids
    assert {c["id"] for c in data["concepts"]} == ids
    assert 'src="../assets/javascripts/kb-catalogue.mjs" type="module"' in html


def test_search_ui_hooks_are_in_place(sample_site: BuiltSite) -> None:
    search = sample_site.html("suche/")
    assert '<div id="kb-search-app"></div>' in search
    for url in ("", "katalog/", "suche/", "zentren/", "themen/"):
        html = sample_site.html(url)
        assert '<meta name="kb-api-base" content="">' in html
        assert 'assets/javascripts/kb-search.mjs" type="module"' in html
        assert "assets/stylesheets/kb/search.css" in html


def test_centre_and_topic_pages_list_their_concepts(sample_site: BuiltSite) -> None:
    library = sample_site.library
    for key in {c.meta.center for c in library}:
        html = sample_site.html(f"zentren/{key}/")
        own = [c.id for c in library if c.meta.center == key]
        assert all(f'data-kb-id="{cid}"' in html for cid in own)
    for key in library.taxonomy.topics:
        html = sample_site.html(f"themen/{key}/")
        assert all(f'data-kb-id="{c.id}"' in html for c in library if key in c.meta.topics)


def test_sitemap_and_the_static_german_search_are_built(sample_site: BuiltSite) -> None:
    sitemap = (sample_site.site / "sitemap.xml").read_text(encoding="utf-8")
    for concept in sample_site.library:
        assert f"<loc>{SITE_URL}{concept.url}</loc>" in sitemap
    assert '<html lang="de"' in sample_site.html("")
    bundle = sample_site.site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["de"]
    assert entry["languages"]["de"]["page_count"] == len(sample_site.library)


def test_mkdocs_own_search_is_gone(sample_site: BuiltSite) -> None:
    """One search box: no lunr index, no second box in the header."""
    assert not (sample_site.site / "search" / "search_index.json").exists()
    assert "md-search__input" not in sample_site.html("")


def test_unchanged_library_is_not_rebuilt(sample_site: BuiltSite) -> None:
    report = build_site(sample_site.settings)
    assert report.skipped


def test_changed_setting_rebuilds_and_reaches_the_pages(
    small_library: Path, tmp_path: Path
) -> None:
    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    other = settings.model_copy(update={"api_base_url": "https://api.example/"})
    report = build_site(other)
    assert not report.skipped
    html = (settings.site_dir / "konzepte/basis/index.html").read_text(encoding="utf-8")
    assert '<meta name="kb-api-base" content="https://api.example/">' in html


# ------------------------------------------------------------------ bad input, failures


def test_malicious_body_is_neutralised(
    library_dir: Path, write_concept: WriteConcept, tmp_path: Path
) -> None:
    write_concept("boese", title="<script>alert('title')</script>", body=MALICIOUS_BODY)
    settings = settings_for(library_dir, tmp_path)
    build_site(settings)
    html = (settings.site_dir / "konzepte/boese/index.html").read_text(encoding="utf-8")
    article = html[html.index('<article class="md-content__inner') : html.index("</article>")]
    elements = parse(article).elements
    assert not [tag for tag, _ in elements if tag in ("script", "iframe")]
    assert not [name for _, attrs in elements for name, _ in attrs if name.startswith("on")]
    hrefs = [value or "" for _, attrs in elements for name, value in attrs if name == "href"]
    assert not [href for href in hrefs if href.strip().lower().startswith("javascript:")]
    assert "<strong>fett bleibt fett</strong>" in article
    assert "<script>alert('title')" not in html


def test_invalid_library_does_not_build_and_keeps_the_old_site(
    small_library: Path, tmp_path: Path
) -> None:
    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    before = (settings.site_dir / STAMP_FILE).read_text()
    (small_library / "sachsen/kaputt.md").write_text(concept_text(status="fertig"))
    with pytest.raises(LibraryInvalid):
        build_site(settings)
    assert (settings.site_dir / STAMP_FILE).read_text() == before
    assert (settings.site_dir / "konzepte/ableger/index.html").is_file()


def test_mkdocs_failure_keeps_the_old_site(small_library: Path, tmp_path: Path) -> None:
    settings = settings_for(small_library, tmp_path)
    build_site(settings)
    before = (settings.site_dir / "index.html").read_text()
    broken = tmp_path / "mkdocs.yml"
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: site_overrides", f"custom_dir: {REPO / 'site_overrides'}")
    broken.write_text(config.replace("  - Themen: themen/index.md", "  - Fehlt: fehlt.md"))
    with pytest.raises(BuildError, match=r"fehlt\.md"):
        build_site(settings.model_copy(update={"site_config": broken}))
    assert (settings.site_dir / "index.html").read_text() == before
    assert [p.name for p in (tmp_path / ".site-versions").iterdir()] == [
        settings.site_dir.resolve().name
    ]


def test_kb_build_command_reports_pages_and_skips_when_unchanged(
    small_library: Path, tmp_path: Path
) -> None:
    args = ["build", "--library", str(small_library), "--site-dir", str(tmp_path / "site")]
    runner = CliRunner(env={"KB_BUILD_DIR": str(tmp_path / "build"), "KB_SITE_URL": SITE_URL})
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "Website gebaut:" in first.output and "2 Konzepte" in first.output
    second = runner.invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert "ist aktuell" in second.output


def test_kb_build_command_rejects_an_invalid_library(small_library: Path, tmp_path: Path) -> None:
    (small_library / "sachsen/kaputt.md").write_text(concept_text(topics=["kl"]))
    result = CliRunner().invoke(
        cli, ["build", "--library", str(small_library), "--site-dir", str(tmp_path / "site")]
    )
    assert result.exit_code == 1, result.output
    assert "kaputt.md" in result.output and "Fehler:" in result.output
    assert not (tmp_path / "site").exists()


def test_catalogue_data_holds_every_facet_value_with_its_label(sample_site: BuiltSite) -> None:
    data = json.loads((sample_site.site / "katalog/concepts.json").read_text(encoding="utf-8"))
    library = sample_site.library
    assert [facet["key"] for facet in data["facets"]] == list(FACETS)
    for facet in data["facets"]:
        assert facet["label"] == FACET_LABELS[facet["key"]]
        values = {v["value"]: v["label"] for v in facet["values"]}
        assert set(values) == set(allowed_values(library, facet["key"]))
        assert all(label == facet_label(library, facet["key"], v) for v, label in values.items())


def test_no_script_keeps_its_own_copy_of_the_facet_labels() -> None:
    scripts = sorted((REPO / "site_overrides" / "assets" / "javascripts").rglob("*.mjs"))
    assert scripts
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        for key, label in FACET_LABELS.items():
            pair = rf"""["']?{key}["']?\s*[,:]\s*["']{label}["']"""
            assert not re.search(pair, text), f"{path.name}: {key} → {label}"
