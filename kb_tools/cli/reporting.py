"""``kb report``: the overview's figures on the command line, as Markdown, CSV or JSON.

The same :class:`kb_tools.library.Atlas` tables as the site's ``ueberblick/`` page and
``/api/stats``, written by the one exporter of :mod:`kb_tools.library.export`.
"""

from __future__ import annotations

from pathlib import Path

import click

from kb_tools.cli.console import GermanUsageError, KbCommand
from kb_tools.cli.options import library_option, settings
from kb_tools.library import (
    Atlas,
    Table,
    atlas_json,
    load_library,
    table_csv,
    table_json,
    table_markdown,
)
from kb_tools.problems import did_you_mean

REPORT_FORMATS = ("md", "csv", "json")


@click.command(cls=KbCommand)
@library_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(REPORT_FORMATS),
    default="md",
    show_default=True,
    help="md (Markdown-Tabellen), csv (für Excel: UTF-8 mit BOM, ';') oder json.",
)
@click.option("--table", "table_key", default=None, metavar="KEY", help="Nur diese Tabelle.")
@click.pass_context
def report(
    ctx: click.Context, library_dir: Path | None, output_format: str, table_key: str | None
) -> None:
    """Gibt die Kennzahlen und Tabellen des Überblicks aus (Abdeckung, Lücken, Übertragungen,
    Reichweite)."""
    atlas = Atlas(load_library(settings(library_dir=library_dir).library_dir))
    tables = atlas.tables()
    if table_key is not None:
        tables = [_table(ctx, tables, table_key)]
    if output_format == "json":
        text = table_json(tables[0]) if table_key else atlas_json(atlas)
    elif output_format == "csv":
        text = table_csv(tables[0]) if table_key else csv_report(tables)
    else:
        text = "\n".join(table_markdown(table) for table in tables)
    click.echo(text, nl=False)


def csv_report(tables: list[Table]) -> str:
    """Several tables in one CSV: each under a ``# <title>`` line, a blank line between them,
    one byte order mark at the start."""
    parts = [f"# {table.title}\r\n{table_csv(table, bom=False)}" for table in tables]
    return "\ufeff" + "\r\n".join(parts)


def _table(ctx: click.Context, tables: list[Table], key: str) -> Table:
    for table in tables:
        if table.key == key:
            return table
    keys = [table.key for table in tables]
    raise GermanUsageError(
        f"Unbekannte Tabelle '{key}' – erlaubt: {', '.join(keys)}{did_you_mean(key, keys)}", ctx
    )
