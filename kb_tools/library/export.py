"""A :class:`Table` of the atlas as a file: CSV for spreadsheets, JSON, Markdown.

``kb report`` and the site's downloads (``ueberblick/<key>.csv``) both write these, so a
figure reads the same in every copy.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from kb_tools.library.atlas import Atlas
from kb_tools.library.figures import Table

BOM = "\ufeff"
CSV_DELIMITER = ";"
CSV_LINE_END = "\r\n"
# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(…)").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table_csv(table: Table, *, bom: bool = True) -> str:
    """The table as CSV the way Excel in a German locale opens it with umlauts intact: a UTF-8
    byte order mark first, ``;`` between cells (``,`` is the decimal comma there), CRLF line
    ends, the column names as the header row.

    Write the text as UTF-8 without newline translation
    (``path.write_text(text, encoding="utf-8", newline="")``). A text cell that a spreadsheet
    would run as a formula (it starts with ``=``, ``+``, ``-`` or ``@``) gets a leading ``'``.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator=CSV_LINE_END)
    writer.writerow([_cell(name) for name in table.columns])
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    return (BOM if bom else "") + out.getvalue()


def table_json(table: Table) -> str:
    """The table as pretty-printed JSON: ``key``, ``title``, ``counts``, ``columns``, ``rows``."""
    return figures_json(table.as_dict())


def atlas_json(atlas: Atlas) -> str:
    """Every figure of the atlas as pretty-printed JSON (``totals`` and ``tables``)."""
    return figures_json(atlas.as_dict())


def figures_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def table_markdown(table: Table) -> str:
    """The table under its title as a heading, with the sentence saying what it counts;
    numeric columns align right."""
    numeric = [
        bool(table.rows) and all(isinstance(row[n], int) for row in table.rows)
        for n in range(len(table.columns))
    ]
    lines = [
        f"## {table.title}",
        "",
        table.counts,
        "",
        _markdown_row(table.columns),
        _markdown_row(["---:" if right else "---" for right in numeric]),
    ]
    lines += [_markdown_row(row) for row in table.rows]
    if not table.rows:
        lines.append("")
        lines.append("(keine Einträge)")
    return "\n".join(lines) + "\n"


def _cell(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _markdown_row(cells: Any) -> str:
    text = (" ".join(str(cell).split()).replace("|", "\\|") for cell in cells)
    return "| " + " | ".join(text) + " |"
