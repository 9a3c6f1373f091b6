"""``kb validate``, ``kb new``, ``kb list``: checking and writing the library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kb_tools.cli.console import GermanUsageError, KbCommand, UserError
from kb_tools.cli.options import filter_options, filters_from, library_option, settings
from kb_tools.library import (
    CatalogueEntry,
    LibraryReport,
    adapt_concept,
    inspect_library,
    load_library,
    new_concept,
)

REPORT_FORMATS = ("text", "github", "json")


@click.command(cls=KbCommand)
@library_option
@click.option("--strict", is_flag=True, help="Auch Warnungen führen zu Exit-Code 1.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Ausgabe: text (pfad:zeile: …), github (Annotationen für GitHub Actions) oder json.",
)
def validate(library_dir: Path | None, strict: bool, output_format: str) -> None:
    """Prüft alle Konzepte und meldet jedes Problem mit Datei und Zeile."""
    root = settings(library_dir=library_dir).library_dir
    report = inspect_library(root)
    prefix = f"{root.as_posix().rstrip('/')}/"
    failed = bool(report.errors or (strict and report.warnings))
    if output_format == "json":
        click.echo(json_report(report, prefix))
        if failed:
            raise click.exceptions.Exit(1)
        return
    for problem in report.problems:
        if output_format == "github":
            click.echo(problem.github_annotation(prefix))
        else:
            click.echo(f"{prefix}{problem}")
    if failed:
        raise UserError(summary_line(report))
    click.echo(summary_line(report))


def summary_line(report: LibraryReport) -> str:
    """``45 Dateien geprüft, 45 Konzepte: 0 Fehler, 0 Warnungen.``"""
    files = _count(report.files, "Datei", "Dateien")
    concepts = _count(report.concepts, "Konzept", "Konzepte")
    warnings = _count(report.warnings, "Warnung", "Warnungen")
    return f"{files} geprüft, {concepts}: {report.errors} Fehler, {warnings}."


def json_report(report: LibraryReport, prefix: str) -> str:
    """``kb validate --format json``: every problem with its field, then the counts."""
    problems = [{**p.as_dict(), "path": f"{prefix}{p.path}"} for p in report.problems]
    data = {
        "problems": problems,
        "concepts": report.concepts,
        "files": report.files,
        "errors": report.errors,
        "warnings": report.warnings,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@click.command(cls=KbCommand)
@library_option
@click.option("--center", required=True, help="Schlüssel des Zentrums aus centers.yml.")
@click.option(
    "--title",
    default=None,
    help="Titel des Konzepts; daraus wird die ID gebildet (mit --from: Standard ist der Titel "
    "des Originals).",
)
@click.option(
    "--from",
    "original",
    default=None,
    metavar="ID",
    help="Ein Konzept eines anderen Zentrums übernehmen und anpassen (ohne Erprobung, "
    "Transfers und Kontakt).",
)
@click.option("--topic", "topics", multiple=True, help="Thema (mehrfach möglich).")
@click.option("--format", "formats", multiple=True, help="Format (mehrfach möglich).")
@click.option("--audience", multiple=True, help="Zielgruppe (mehrfach möglich).")
@click.pass_context
def new(
    ctx: click.Context,
    library_dir: Path | None,
    center: str,
    title: str | None,
    original: str | None,
    topics: tuple[str, ...],
    formats: tuple[str, ...],
    audience: tuple[str, ...],
) -> None:
    """Legt ein neues Konzept aus der Vorlage oder aus einem anderen Konzept an (überschreibt
    nie)."""
    root = settings(library_dir=library_dir).library_dir
    if original is not None:
        path = adapt_concept(
            root, original, center, title=title, topics=topics, formats=formats, audience=audience
        )
        click.echo(f"Neues Konzept angelegt: {path} (baut auf '{original}' auf)")
        click.echo(
            "Bitte Text, Erprobung und Kontakt an das eigene Zentrum anpassen, dann "
            "'kb validate' ausführen."
        )
        return
    if title is None:
        raise GermanUsageError("Pflichtangabe '--title' fehlt (oder '--from ID')", ctx)
    path = new_concept(root, center, title, topics=topics, formats=formats, audience=audience)
    click.echo(f"Neues Konzept angelegt: {path}")
    click.echo("Bitte Metadaten und Abschnitte ausfüllen, dann 'kb validate' ausführen.")


@click.command(name="list", cls=KbCommand)
@library_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Ausgabe als JSON.")
def list_(library_dir: Path | None, as_json: bool, **kwargs: Any) -> None:
    """Listet die Konzepte, optional gefiltert (mit --json samt Erprobung und Herkunft)."""
    filters = filters_from(kwargs)
    library = load_library(settings(library_dir=library_dir).library_dir)
    filters.check(library)
    concepts = [c for c in library if filters.matches(c, library)]
    if as_json:
        # The entries of GET /api/concepts: metadata, evidence and lineage.
        rows = [CatalogueEntry.of(c, library).model_dump(mode="json") for c in concepts]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for c in concepts:
        click.echo(f"{c.id:<45} {c.meta.center:<22} {c.meta.status:<12} {c.meta.title}")
    click.echo(f"{len(concepts)} von {len(library)} Konzepten")
