"""``kb build`` and ``kb serve``: the static site, and site plus API on one port."""

from __future__ import annotations

from pathlib import Path

import click

from kb_tools.cli.console import KbCommand
from kb_tools.cli.options import library_option, settings


@click.command(cls=KbCommand)
@library_option
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Zielordner der Website (Standard: site/).",
)
@click.option("--force", is_flag=True, help="Auch bauen, wenn sich nichts geändert hat.")
def build(library_dir: Path | None, site_dir: Path | None, force: bool) -> None:
    """Baut die statische Website (MkDocs) aus der Bibliothek."""
    from kb_tools.site import build_site

    report = build_site(settings(library_dir=library_dir, site_dir=site_dir), force=force)
    if report.skipped:
        click.echo(f"Website in '{report.site_dir}' ist aktuell – nichts zu tun.")
    else:
        click.echo(
            f"Website gebaut: {report.pages} Seiten, {report.concepts} Konzepte "
            f"({report.pdfs_rendered} PDF neu erstellt) in {report.seconds:.1f} s "
            f"→ '{report.site_dir}'."
        )


@click.command(cls=KbCommand)
@library_option
@click.option(
    "--index-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Indexordner (Standard: build/index).",
)
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Gebaute Website (Standard: site/); fehlt sie, läuft nur die API.",
)
@click.option("--host", default=None, help="Adresse (Standard: 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (Standard: 8000; 0 = ein freier Port).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Prozesse, jeder mit eigenem Index (Standard: 1; etwa einer je Prozessorkern).",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Bibliothek beobachten: nach jeder Änderung prüfen, Website und Index neu bauen.",
)
@click.option(
    "--editor",
    is_flag=True,
    help="Auch den lokalen Editor unter /admin/ betreiben (speichert in die Bibliothek).",
)
def serve(
    library_dir: Path | None,
    index_dir: Path | None,
    site_dir: Path | None,
    host: str | None,
    port: int | None,
    workers: int | None,
    watch: bool,
    editor: bool,
) -> None:
    """Startet Website (unter /) und Such-API (unter /api) auf einem Port.

    Ein neuer Index oder eine neu gebaute Website wird ohne Neustart übernommen.
    """
    from search_api.server import serve as run_server

    options = settings(
        library_dir=library_dir,
        index_dir=index_dir,
        site_dir=site_dir,
        host=host,
        port=port,
        workers=workers,
    )
    run_server(options, echo=click.echo, editor=editor, watch=watch)
