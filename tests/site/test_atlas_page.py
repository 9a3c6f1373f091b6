"""The atlas page (ueberblick/) and its downloads, on a library with known figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kb_tools.library import ATLAS_URL, Atlas, catalogue_url, concept_url, load_library
from kb_tools.site.charts import atlas_charts, render_svgs
from kb_tools.site.pages import STATS_FILE, atlas_page, start_page, write_atlas_exports
from tests.support.atlas import write_atlas_library
from tests.support.library import WriteConcept
from tests.support.site import BuiltSite, parse


@pytest.fixture
def atlas(library_dir: Path, write_concept: WriteConcept) -> Atlas:
    write_atlas_library(write_concept)
    return Atlas(load_library(library_dir))


def html_of(atlas: Atlas) -> str:
    page = atlas_page(atlas.library, atlas)
    return page.content


def test_every_heat_cell_links_to_the_catalogue_filtered_by_centre_and_topic(
    atlas: Atlas,
) -> None:
    html = html_of(atlas)
    href = "../" + catalogue_url({"center": ["sachsen"], "topic": ["qualitaetssicherung"]})
    assert f'href="{href.replace("&", "&amp;")}"' in html
    # Only centres with concepts or transfers get a row.
    table = html.split('id="tabelle-zentren-themen"')[1].split("</table>")[0]
    assert "Sachsen" in table and "Hessen" in table and "Bayern" not in table


def test_gaps_are_marked_empty_and_thin(atlas: Atlas) -> None:
    table = html_of(atlas).split('id="tabelle-themen-zielgruppen"')[1].split("</table>")[0]
    assert table.count("kb-gap--empty") == len(atlas.topics_audiences.gaps(0))
    thin = sum(1 for *_, n in atlas.topics_audiences.gaps() if n == 1)
    assert table.count("kb-gap--thin") == thin
    assert "(Lücke: nur ein Konzept)" in table


def test_the_transfer_list_links_concepts_centres_and_adaptations(atlas: Atlas) -> None:
    table = html_of(atlas).split('id="tabelle-uebertragungen"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + len(atlas.transfers)
    assert f'href="../{concept_url("kamera")}"' in table
    assert f'href="../{concept_url("kurs")}"' in table
    assert "Weiterentwicklung (keine Übertragung eingetragen)" in table


def test_every_chart_is_an_inline_svg_with_a_text_alternative_and_a_table(atlas: Atlas) -> None:
    charts = atlas_charts(atlas)
    assert [c.key for c in charts] == ["karte", "uebertragungen", "reichweite", "status"]
    svgs = render_svgs(charts)
    assert set(svgs) == {c.key for c in charts}, "ECharts (npm ci) must render every chart"
    html = html_of(atlas)
    assert html.count("<svg") == len(charts)
    assert html.count('<figure class="kb-atlas__chart" role="img" aria-label=') == len(charts)
    assert "http" not in "".join(svgs.values()).replace("http://www.w3.org/", "")
    for key in ("zentren", "uebertragungen", "reichweite-zentren", "status-jahre"):
        assert f'id="tabelle-{key}"' in html


def test_chart_labels_are_escaped(library_dir: Path, write_concept: WriteConcept) -> None:
    centres = (library_dir / "centers.yml").read_text(encoding="utf-8")
    centres = centres.replace("name: Zukunftszentrum Sachsen\n", 'name: "Sachsen <b>&</b>"\n')
    (library_dir / "centers.yml").write_text(centres, encoding="utf-8")
    write_atlas_library(write_concept)
    html = html_of(Atlas(load_library(library_dir)))
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_exports_open_in_a_spreadsheet_with_umlauts_and_match_the_tables(
    atlas: Atlas, tmp_path: Path
) -> None:
    write_atlas_exports(atlas.library, tmp_path, atlas)
    folder = tmp_path / ATLAS_URL
    for table in atlas.tables():
        raw = (folder / f"{table.key}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert tuple(rows[0]) == table.columns
        assert len(rows) == 1 + len(table.rows)
        data = json.loads((folder / f"{table.key}.json").read_text(encoding="utf-8"))
        assert data["columns"] == list(table.columns)
    reach = (folder / "reichweite-zentren.csv").read_text(encoding="utf-8-sig")
    assert "Haus der Selbstständigen" in reach
    stats = json.loads((folder / STATS_FILE).read_text(encoding="utf-8"))
    assert stats["totals"] == atlas.totals()


def test_the_start_page_counts_transfers_as_the_atlas_does_and_links_them(atlas: Atlas) -> None:
    content = start_page(atlas.library).content
    assert f'href="{ATLAS_URL}#uebertragungen"' in content
    assert f'<span class="kb-stat__value">{len(atlas.transfers)}</span>' in content


def test_the_built_site_has_the_atlas_in_its_navigation(sample_site: BuiltSite) -> None:
    html = sample_site.html(ATLAS_URL)
    assert "<svg" in html and 'id="tabelle-zentren-themen"' in html
    start = parse(sample_site.html(""))
    assert any(href.rstrip("/").endswith("ueberblick") for href in start.hrefs)
    for table in Atlas(sample_site.library).tables():
        assert (sample_site.site / ATLAS_URL / f"{table.key}.csv").is_file()
