"""The atlas (``ueberblick/``): which centre covers what, where transfers happened, the gaps.

For the coordinating centre. Every figure comes from :class:`kb_tools.library.Atlas`, every
chart (SVG rendered at build time, :mod:`kb_tools.site.charts`) has its table beside it, and
every table can be downloaded as CSV and JSON (written by :func:`write_atlas_exports`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb_tools.library import (
    ATLAS_URL,
    GAP_AT_MOST,
    Atlas,
    Library,
    Table,
    atlas_json,
    catalogue_url,
    center_url,
    concept_url,
    plural,
    source_path,
    table_csv,
    table_json,
)
from kb_tools.site.charts import Chart, atlas_charts, render_svgs, short_name
from kb_tools.site.fragments import esc, link
from kb_tools.site.pages.base import Page

ROOT = "../"
STATS_FILE = "statistik.json"
# Heat-map shades: a cell's share of the largest count, in five steps.
HEAT_STEPS = 5

Cell = Callable[[int, int, str | int], str]


def atlas_page(library: Library, atlas: Atlas | None = None) -> Page:
    atlas = atlas or Atlas(library)
    charts = atlas_charts(atlas)
    svgs = render_svgs(charts)
    tables = {t.key: t for t in atlas.tables()}
    parts = [
        "# Überblick",
        '<p class="kb-lead">Welches Zentrum welche Themen abdeckt, wohin Konzepte übertragen '
        "wurden, wen sie erreicht haben und wo noch Lücken sind – aus den Angaben aller "
        "Konzepte, bei jedem Bauen der Website neu berechnet.</p>",
        _totals(atlas),
        _downloads(),
        "## Abdeckung: Zentren und Themen",
        _explain(tables["zentren-themen"], "Jede Zahl führt zum gefilterten Katalog."),
        _div(_centers_topics(atlas, tables["zentren-themen"])),
        "## Lücken: Themen und Zielgruppen",
        _explain(
            tables["themen-zielgruppen"],
            f"Leere Felder und Felder mit höchstens {plural(GAP_AT_MOST, 'Konzept', 'Konzepten')} "
            "sind als Lücke markiert.",
        ),
        '<p class="kb-atlas__legend"><span class="kb-heat kb-gap kb-gap--empty">0</span> '
        'Lücke: kein Konzept <span class="kb-heat kb-gap kb-gap--thin">1</span> Lücke: nur ein '
        "Konzept</p>",
        _div(_topics_audiences(atlas, tables["themen-zielgruppen"])),
        "## Karte",
        _explain(
            tables["zentren"],
            "Die Länder mit der Zahl der Konzepte ihres Zentrums und seiner Übertragungen an "
            "andere; die bundesweiten Zentren stehen darunter.",
        ),
        _figure(charts, svgs, "karte", "Konzepte und Übertragungen je Land"),
        _national(atlas),
        _div(_table(tables["zentren"], _center_cell(atlas, tables["zentren"]))),
        '<h2 id="uebertragungen">Übertragungen</h2>',
        _explain(tables["uebertragungen"]),
        _figure(charts, svgs, "uebertragungen", "Übertragungen von Zentrum zu Zentrum"),
        _div(_transfers(atlas)),
        "## Reichweite",
        _explain(tables["reichweite-zentren"]),
        _figure(charts, svgs, "reichweite", "Teilnehmende je Zentrum"),
        _div(_table(tables["reichweite-zentren"])),
        "### Nach Thema",
        _explain(tables["reichweite-themen"]),
        _div(_table(tables["reichweite-themen"])),
        "### Nach Jahr",
        _explain(tables["reichweite-jahre"]),
        _div(_table(tables["reichweite-jahre"])),
        "## Status im Zeitverlauf",
        _explain(tables["status-jahre"]),
        _figure(charts, svgs, "status", "Konzepte je Status am Jahresende"),
        _div(_table(tables["status-jahre"])),
    ]
    if not svgs:
        parts.insert(
            4,
            '<p class="kb-muted">Die Diagramme fehlen in dieser Fassung (ECharts aus npm nicht '
            "installiert: <code>npm ci</code>, dann <code>kb build</code>); alle Zahlen stehen in "
            "den Tabellen.</p>",
        )
    meta = {"hide": ["navigation"], "description": "Überblick über Zentren, Themen und Transfers"}
    return Page(source_path(ATLAS_URL), "Überblick", "\n\n".join(p for p in parts if p), meta)


def write_atlas_exports(library: Library, site_dir: Path, atlas: Atlas | None = None) -> None:
    """``ueberblick/<key>.csv`` and ``.json`` per table and ``statistik.json`` with all."""
    atlas = atlas or Atlas(library)
    folder = site_dir / ATLAS_URL
    folder.mkdir(parents=True, exist_ok=True)
    for table in atlas.tables():
        (folder / f"{table.key}.csv").write_text(table_csv(table), encoding="utf-8", newline="")
        (folder / f"{table.key}.json").write_text(table_json(table), encoding="utf-8")
    (folder / STATS_FILE).write_text(atlas_json(atlas), encoding="utf-8")


def _div(html: str) -> str:
    return f'<div class="kb-atlas__table">{html}</div>'


def _explain(table: Table, more: str = "") -> str:
    text = f"{table.counts} {more}".strip()
    downloads = (
        f'<a href="{esc(table.key)}.csv" download>CSV</a> · '
        f'<a href="{esc(table.key)}.json" download>JSON</a>'
    )
    return (
        f'<p class="kb-atlas__counts">{esc(text)} <span class="kb-muted">({downloads})</span></p>'
    )


def _totals(atlas: Atlas) -> str:
    totals = atlas.totals()
    stats = []
    for label, value in totals.items():
        inner = (
            f'<span class="kb-stat__value">{value}</span>'
            f'<span class="kb-stat__label">{esc(label)}</span>'
        )
        if label == "Übertragungen":
            stats.append(f'<a class="kb-stat" href="#uebertragungen">{inner}</a>')
        else:
            stats.append(f'<div class="kb-stat">{inner}</div>')
    return f'<div class="kb-stats kb-stats--atlas">{"".join(stats)}</div>'


def _downloads() -> str:
    return (
        '<p class="kb-atlas__downloads">Alle Zahlen: '
        f'<a href="{STATS_FILE}" download>{STATS_FILE}</a> · Tabellen als CSV (öffnet in Excel '
        "mit Umlauten) und JSON bei jeder Tabelle · auf der Kommandozeile: "
        "<code>kb report</code></p>"
    )


def _figure(charts: list[Chart], svgs: dict[str, str], key: str, caption: str) -> str:
    svg = svgs.get(key)
    chart = next((c for c in charts if c.key == key), None)
    if svg is None or chart is None:
        return ""
    # The SVG is ECharts' output (text escaped by its renderer); one line keeps Markdown out.
    flat = " ".join(svg.split("\n"))
    return (
        f'<figure class="kb-atlas__chart" role="img" aria-label="{esc(chart.description)}">'
        f"{flat}<figcaption>{esc(caption)} (die Zahlen stehen in der Tabelle darunter)"
        "</figcaption></figure>"
    )


def _table(table: Table, cell: Cell | None = None, css: str = "") -> str:
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table.columns)
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, value in enumerate(row):
            html = cell(r, c, value) if cell else None
            if c == 0:
                cells.append(f'<th scope="row">{html or esc(value)}</th>')
            else:
                numeric = ' class="kb-num"' if isinstance(value, int) else ""
                cells.append(f"<td{numeric}>{html or esc(value)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="kb-atlas-table {css}" id="tabelle-{esc(table.key)}">'
        f"<caption>{esc(table.title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _heat(count: int, top: int) -> int:
    return 0 if count <= 0 or top <= 0 else max(1, round(HEAT_STEPS * count / top))


def _centers_topics(atlas: Atlas, table: Table) -> str:
    matrix = atlas.centers_topics
    centers = [key for key, _ in matrix.rows if key in atlas.active_centers]
    topics = [key for key, _ in matrix.columns]
    top = matrix.maximum

    def cell(r: int, c: int, value: str | int) -> str:
        center = centers[r]
        if c == 0:
            return link(ROOT + center_url(center), short_name(str(value)))
        topic = topics[c - 1]
        count = matrix.count(center, topic)
        if not count:
            return '<span class="kb-heat kb-heat--0" aria-label="keine">·</span>'
        href = ROOT + catalogue_url({"center": [center], "topic": [topic]})
        title = f"{atlas.center_label(center)} · {atlas.library.label('topics', topic)}"
        return (
            f'<a class="kb-heat kb-heat--{_heat(count, top)}" href="{esc(href)}" '
            f'title="{esc(title)}">{count}</a>'
        )

    return _table(table, cell, "kb-atlas-table--matrix")


def _topics_audiences(atlas: Atlas, table: Table) -> str:
    matrix = atlas.topics_audiences
    topics = [key for key, _ in matrix.rows]
    audiences = [key for key, _ in matrix.columns]
    top = matrix.maximum

    def cell(r: int, c: int, value: str | int) -> str:
        if c == 0:
            return esc(value)
        topic, audience = topics[r], audiences[c - 1]
        count = matrix.count(topic, audience)
        if count == 0:
            return (
                '<span class="kb-heat kb-gap kb-gap--empty" title="Lücke: kein Konzept">0'
                '<span class="kb-sr"> (Lücke)</span></span>'
            )
        href = ROOT + catalogue_url({"topic": [topic], "audience": [audience]})
        css, label = f"kb-heat kb-heat--{_heat(count, top)}", ""
        if count <= GAP_AT_MOST:
            css += " kb-gap kb-gap--thin"
            label = '<span class="kb-sr"> (Lücke: nur ein Konzept)</span>'
        return f'<a class="{css}" href="{esc(href)}">{count}{label}</a>'

    return _table(table, cell, "kb-atlas-table--matrix")


def _center_cell(atlas: Atlas, table: Table) -> Cell:
    keys = list(atlas.library.centers)

    def cell(r: int, c: int, value: str | int) -> str:
        return link(ROOT + center_url(keys[r]), str(value)) if c == 0 else esc(value)

    return cell


def _national(atlas: Atlas) -> str:
    items = []
    for key in atlas.national_centers():
        concepts, out, into = atlas.center_figures(key)
        items.append(
            f"<li>{link(ROOT + center_url(key), atlas.center_label(key))}: "
            f"{esc(plural(concepts, 'Konzept', 'Konzepte'))}, "
            f"{esc(plural(out, 'Übertragung', 'Übertragungen'))} an andere, "
            f"{esc(str(into))} übernommen</li>"
        )
    if not items:
        return ""
    return f'<p class="kb-atlas__national">Bundesweit tätig:</p><ul>{"".join(items)}</ul>'


def _transfers(atlas: Atlas) -> str:
    table = atlas.table("uebertragungen")
    records = atlas.transfers
    library = atlas.library

    def cell(r: int, c: int, value: str | int) -> str:
        record = records[r]
        if c == 1:
            return link(ROOT + center_url(record.source_center), str(value))
        if c == 2:
            return link(ROOT + center_url(record.target_center), str(value))
        if c == 3:
            return link(ROOT + concept_url(record.concept), str(value))
        if c == 5 and record.adaptation and record.adaptation in library.concepts:
            return link(ROOT + concept_url(record.adaptation), str(value))
        return esc(value)

    if not records:
        return '<p class="kb-muted">Noch keine Übertragungen erfasst.</p>'
    return _table(table, cell)
