"""The atlas charts: ECharts options built from an :class:`Atlas`, rendered to SVG at build time.

ECharts (npm, pinned in package-lock.json) renders on the server side (``charts.mjs``, one
Node process per build), so the page embeds finished SVG: it needs no JavaScript, prints, and
loads nothing from another host. Every chart stands beside the table it draws; without Node
or ``npm ci`` the page has the tables only.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_tools.library import LAENDER, LAND_CODES, STATUS_LABELS, STATUSES, Atlas, plural
from kb_tools.site.editor import node_modules

RENDERER = Path(__file__).with_name("charts.mjs")
ECHARTS = "echarts"
TIMEOUT_SECONDS = 60
# The site's palette (site_overrides/assets/stylesheets/kb/base.css).
PRIMARY = "#0b4f6c"
PALETTE = ["#0b4f6c", "#5b9bb5", "#d08c2b", "#8c5c9e", "#4f8a4b"]
TEXT = {"color": "#333", "fontFamily": "system-ui, sans-serif", "fontSize": 12}


@dataclass(frozen=True)
class Chart:
    """One chart to render: ``description`` is its text alternative (``aria-label``)."""

    key: str
    description: str
    width: int
    height: int
    option: dict[str, Any]


def short_name(name: str) -> str:
    """ "Zukunftszentrum Sachsen" → "Sachsen": the programme name is the same on every bar."""
    return name.removeprefix("Zukunftszentrum ").strip() or name


def map_chart(atlas: Atlas) -> Chart:
    """Germany as a tile grid, one tile per Land, coloured by the concepts of its centres."""
    land_centers = atlas.land_centers()
    figures = {
        land: (
            sum(atlas.center_figures(k)[0] for k in land_centers[land]),
            sum(atlas.center_figures(k)[1] for k in land_centers[land]),
        )
        for land in LAENDER
    }
    top = max((concepts for concepts, _ in figures.values()), default=0)
    data = [
        {
            "name": land,
            "value": [column, row, figures[land][0]],
            "label": {
                "formatter": "\n".join(
                    [
                        LAND_CODES[land],
                        plural(figures[land][0], "Konzept", "Konzepte"),
                        plural(figures[land][1], "Übertragung", "Übertragungen"),
                    ]
                ),
                # dark text on light tiles, white on dark ones
                "color": "#fff" if figures[land][0] > top / 2 else "#0b2533",
            },
        }
        for land, (column, row) in LAENDER.items()
    ]
    option = {
        "textStyle": TEXT,
        "grid": {"left": 4, "right": 4, "top": 4, "bottom": 4},
        "xAxis": {"type": "category", "data": list(range(5)), "show": False},
        "yAxis": {"type": "category", "data": list(range(6)), "show": False, "inverse": True},
        "visualMap": {
            "show": False,
            "min": 0,
            "max": max(top, 1),
            "inRange": {"color": ["#e8f1f5", PRIMARY]},
        },
        "series": [
            {
                "type": "heatmap",
                "data": data,
                "label": {"show": True, "lineHeight": 16, "fontSize": 12},
                "itemStyle": {"borderColor": "#fff", "borderWidth": 3},
            }
        ],
    }
    description = "Karte der Länder: " + "; ".join(
        f"{land}: {plural(concepts, 'Konzept', 'Konzepte')}, "
        f"{plural(moved, 'Übertragung', 'Übertragungen')}"
        for land, (concepts, moved) in figures.items()
    )
    return Chart("karte", description, 640, 540, option)


def flow_chart(atlas: Atlas) -> Chart | None:
    """Transfers as a Sankey diagram from the giving centres (left) to the taking (right)."""
    if not atlas.flows:
        return None
    sources = sorted({s for s, _ in atlas.flows}, key=list(atlas.library.centers).index)
    targets = sorted({t for _, t in atlas.flows}, key=list(atlas.library.centers).index)

    def node(side: str, key: str) -> dict[str, Any]:
        return {
            "name": f"{side}:{key}",
            "label": {"formatter": short_name(atlas.center_label(key))},
        }

    option = {
        "textStyle": TEXT,
        "series": [
            {
                "type": "sankey",
                "itemStyle": {"color": PRIMARY},
                "left": 8,
                "right": 210,
                "top": 8,
                "bottom": 8,
                "nodeGap": 10,
                "layoutIterations": 0,
                "data": [node("von", k) for k in sources] + [node("nach", k) for k in targets],
                "links": [
                    {"source": f"von:{s}", "target": f"nach:{t}", "value": n}
                    for (s, t), n in sorted(atlas.flows.items())
                ],
                "lineStyle": {"color": "source", "opacity": 0.25},
                "label": {"fontSize": 12},
            }
        ],
    }
    description = "Übertragungen zwischen Zentren: " + "; ".join(
        f"{atlas.center_label(s)} an {atlas.center_label(t)}: {n}"
        for (s, t), n in sorted(atlas.flows.items())
    )
    height = max(260, 34 * max(len(sources), len(targets)))
    return Chart("uebertragungen", description, 720, height, option)


def reach_chart(atlas: Atlas) -> Chart:
    """Participants per centre as horizontal bars, the self-employed stacked apart."""
    rows = [(key, r) for key, r in atlas.reach_by(atlas.by_center()) if r.concepts]
    names = [short_name(atlas.center_label(key)) for key, _ in rows]
    employed = [r.participants - r.self_employed for _, r in rows]
    persons = [r.self_employed for _, r in rows]
    option = {
        "textStyle": TEXT,
        "color": PALETTE,
        "legend": {
            "top": 0,
            "itemGap": 28,
            "data": ["Teilnehmende aus Betrieben", "Selbstständige"],
        },
        # Node measures text roughly: fixed room for the names instead of containLabel.
        "grid": {"left": 250, "right": 32, "top": 36, "bottom": 28},
        "xAxis": {"type": "value", "axisLabel": {"formatter": "{value}"}},
        "yAxis": {
            "type": "category",
            "data": names,
            "inverse": True,
            "axisLabel": {"width": 240, "overflow": "truncate"},
        },
        "series": [
            {"name": "Teilnehmende aus Betrieben", "type": "bar", "stack": "p", "data": employed},
            {"name": "Selbstständige", "type": "bar", "stack": "p", "data": persons},
        ],
    }
    description = "Teilnehmende je Zentrum: " + "; ".join(
        f"{name}: {a + b}" for name, a, b in zip(names, employed, persons, strict=True)
    )
    return Chart("reichweite", description, 720, 80 + 24 * len(rows), option)


def status_chart(atlas: Atlas) -> Chart | None:
    """Concepts per status at the end of each year, stacked."""
    years = atlas.status_by_year
    if not years:
        return None
    option = {
        "textStyle": TEXT,
        "color": ["#b0bec5", "#5b9bb5", PRIMARY],
        "legend": {"top": 0, "itemGap": 28},
        "grid": {"left": 8, "right": 16, "top": 36, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "category", "data": [str(y) for y, _ in years]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "name": STATUS_LABELS[status],
                "type": "bar",
                "stack": "s",
                "data": [counts[status] for _, counts in years],
            }
            for status in STATUSES
        ],
    }
    description = "Konzepte je Status am Jahresende: " + "; ".join(
        f"{y}: " + ", ".join(f"{STATUS_LABELS[s]} {c[s]}" for s in STATUSES) for y, c in years
    )
    return Chart("status", description, 560, 300, option)


def atlas_charts(atlas: Atlas) -> list[Chart]:
    charts = [map_chart(atlas), flow_chart(atlas), reach_chart(atlas), status_chart(atlas)]
    return [c for c in charts if c is not None]


def render_svgs(charts: list[Chart]) -> dict[str, str]:
    """Each chart as SVG by key; empty when Node or ECharts is missing or fails (the page
    then shows its tables alone)."""
    modules = node_modules()
    node = shutil.which("node")
    if not charts or modules is None or node is None or not (modules / ECHARTS).is_dir():
        return {}
    payload = [
        {
            "key": c.key,
            "width": c.width,
            "height": c.height,
            "option": {"aria": {"enabled": True, "label": {"description": c.description}}}
            | c.option,
        }
        for c in charts
    ]
    try:
        done = subprocess.run(
            [node, str(RENDERER), str(modules)],
            input=json.dumps(payload, ensure_ascii=False),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=True,
        )
        svgs = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    return {k: v for k, v in svgs.items() if isinstance(v, str) and v.startswith("<svg")}
