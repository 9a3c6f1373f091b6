"""The ``kb`` command. Domain errors become German messages and exit codes only here."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kb_tools.console import KbGroup, UserError
from kb_tools.filters import Filters
from kb_tools.library import Library, check_library, load_library
from kb_tools.settings import Settings, load_settings

if TYPE_CHECKING:  # the search engine pulls in faiss and numpy: import it only when searching
    from kb_tools.index import SearchIndex
    from kb_tools.ranking import Hit


def library_option(func: Any) -> Any:
    return click.option(
        "--library",
        "library_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Bibliotheksordner (Standard: concepts/ oder KB_LIBRARY_DIR).",
    )(func)


def filter_options(func: Any) -> Any:
    for name, help_text in reversed(
        [
            ("topic", "Thema (mehrfach möglich)"),
            ("format", "Format (mehrfach möglich)"),
            ("audience", "Zielgruppe (mehrfach möglich)"),
            ("center", "Zentrum (mehrfach möglich)"),
            ("region", "Region (mehrfach möglich)"),
            ("status", "Status: entwurf, erprobt, transferiert"),
        ]
    ):
        func = click.option(f"--{name}", f"filter_{name}", multiple=True, help=help_text)(func)
    return func


def filters_from(kwargs: dict[str, Any]) -> Filters:
    return Filters.of(
        **{
            key.removeprefix("filter_"): kwargs.pop(key)
            for key in list(kwargs)
            if key.startswith("filter_")
        }
    )


def settings(**overrides: object) -> Settings:
    return load_settings(**overrides)


@click.group(cls=KbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="konzeptbibliothek", message="kb %(version)s", help="Version anzeigen und beenden."
)
def cli() -> None:
    """Konzeptbibliothek: erprobte Lehr- und Lernkonzepte prüfen, bauen, durchsuchen."""


@cli.command()
@library_option
@click.option("--strict", is_flag=True, help="Auch Warnungen führen zu Exit-Code 1.")
def validate(library_dir: Path | None, strict: bool) -> None:
    """Prüft alle Konzepte und meldet jedes Problem mit Datei und Zeile."""
    root = settings(library_dir=library_dir).library_dir
    library, problems = check_library(root)
    for problem in problems:
        click.echo(f"{root.as_posix().rstrip('/')}/{problem}")
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    concepts = len(library) if library else 0
    summary = f"{concepts} Konzepte geprüft: {errors} Fehler, {warnings} Warnungen."
    if errors or (strict and warnings):
        raise UserError(summary)
    click.echo(summary)


@cli.command()
@library_option
@click.option("--center", required=True, help="Schlüssel des Zentrums aus centers.yml.")
@click.option("--title", required=True, help="Titel des Konzepts; daraus wird die ID gebildet.")
@click.option("--topic", "topics", multiple=True, help="Thema (mehrfach möglich).")
@click.option("--format", "formats", multiple=True, help="Format (mehrfach möglich).")
@click.option("--audience", multiple=True, help="Zielgruppe (mehrfach möglich).")
def new(
    library_dir: Path | None,
    center: str,
    title: str,
    topics: tuple[str, ...],
    formats: tuple[str, ...],
    audience: tuple[str, ...],
) -> None:
    """Legt ein neues Konzept aus der Vorlage an (überschreibt nie)."""
    from kb_tools.scaffold import new_concept

    root = settings(library_dir=library_dir).library_dir
    path = new_concept(root, center, title, topics=topics, formats=formats, audience=audience)
    click.echo(f"Neues Konzept angelegt: {path}")
    click.echo("Bitte Metadaten und Abschnitte ausfüllen, dann 'kb validate' ausführen.")


@cli.command(name="list")
@library_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Ausgabe als JSON.")
def list_(library_dir: Path | None, as_json: bool, **kwargs: Any) -> None:
    """Listet die Konzepte, optional gefiltert."""
    filters = filters_from(kwargs)
    library = load_library(settings(library_dir=library_dir).library_dir)
    filters.check(library)
    concepts = [c for c in library if filters.matches(c, library)]
    if as_json:
        rows = [
            {
                "id": c.id,
                "title": c.meta.title,
                "summary": c.meta.summary,
                "center": c.meta.center,
                "region": library.region(c.meta.center),
                "status": c.meta.status,
                "topics": c.meta.topics,
                "formats": c.meta.formats,
                "audience": c.meta.audience,
                "updated": c.meta.updated.isoformat(),
                "url": c.url,
            }
            for c in concepts
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for c in concepts:
        click.echo(f"{c.id:<45} {c.meta.center:<22} {c.meta.status:<12} {c.meta.title}")
    click.echo(f"{len(concepts)} von {len(library)} Konzepten")


@cli.command()
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
            f"in {report.seconds:.1f} s → '{report.site_dir}'."
        )


@cli.command()
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
def serve(
    library_dir: Path | None,
    index_dir: Path | None,
    site_dir: Path | None,
    host: str | None,
    port: int | None,
) -> None:
    """Startet Website (unter /) und Such-API (unter /api) auf einem Port."""
    from search_api.server import serve as run_server

    options = settings(
        library_dir=library_dir, index_dir=index_dir, site_dir=site_dir, host=host, port=port
    )
    run_server(options, echo=click.echo)


def index_dir_option(func: Any) -> Any:
    return click.option(
        "--index-dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Indexordner (Standard: build/index oder KB_INDEX_DIR).",
    )(func)


@cli.command(name="index")
@library_option
@index_dir_option
@click.option(
    "--embedder", default=None, help="e5-small (Standard) oder sentence-transformers:<Modell>."
)
def index_(library_dir: Path | None, index_dir: Path | None, embedder: str | None) -> None:
    """Baut den Suchindex; bettet nur geänderte Passagen neu ein."""
    from kb_tools.index import build_index

    options = settings(library_dir=library_dir, index_dir=index_dir, embedder=embedder)
    report = build_index(load_library(options.library_dir), options.index_dir, options.embedder)
    click.echo(
        f"Index gebaut: {report.concepts} Konzepte, {report.passages} Passagen "
        f"({report.embedded} neu eingebettet, {report.reused} wiederverwendet), "
        f"{report.embedder}, {report.seconds:.1f} s → '{report.index_dir}'."
    )


@cli.command(short_help="Durchsucht den Index semantisch und nach Stichworten.")
@library_option
@index_dir_option
@filter_options
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option(
    "--mode",
    type=click.Choice(["hybrid", "dense", "lexical"]),
    default="hybrid",
    show_default=True,
    help="Semantisch und Stichwort, nur semantisch oder nur Stichwort.",
)
@click.option("--json", "as_json", is_flag=True, help="Ausgabe als JSON (wie die API).")
@click.argument("query", nargs=-1, required=True)
def search(
    library_dir: Path | None,
    index_dir: Path | None,
    limit: int,
    mode: str,
    as_json: bool,
    query: tuple[str, ...],
    **kwargs: Any,
) -> None:
    """Sucht Konzepte zu QUERY, z. B. kb search KI in der Qualitätsprüfung."""
    index = load_search_index(library_dir, index_dir)
    results = index.search(" ".join(query), filters=filters_from(kwargs), limit=limit, mode=mode)
    if as_json:
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{results.total} Treffer für „{results.query}“ ({mode})")
    echo_hits(results.hits, index.library)


@cli.command()
@library_option
@index_dir_option
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Ausgabe als JSON.")
@click.argument("concept_id")
def similar(
    library_dir: Path | None, index_dir: Path | None, limit: int, as_json: bool, concept_id: str
) -> None:
    """Zeigt die Konzepte, die CONCEPT_ID am ähnlichsten sind („Ähnliche Konzepte“)."""
    index = load_search_index(library_dir, index_dir)
    hits = index.similar(concept_id, limit=limit)
    if as_json:
        rows = [dataclasses.asdict(hit) for hit in hits]
        click.echo(json.dumps({"id": concept_id, "results": rows}, ensure_ascii=False, indent=2))
        return
    click.echo(f"Ähnliche Konzepte zu '{concept_id}':")
    echo_hits(hits, index.library)


def load_search_index(library_dir: Path | None, index_dir: Path | None) -> SearchIndex:
    from kb_tools.index import SearchIndex

    options = settings(library_dir=library_dir, index_dir=index_dir)
    return SearchIndex.load(options.index_dir, load_library(options.library_dir))


def echo_hits(hits: list[Hit], library: Library) -> None:
    """Numbered hits; the snippet's <mark> tags become bold text on a terminal."""
    for number, hit in enumerate(hits, 1):
        center = library.centers[hit.center].name
        click.echo(f"{number:>2}. {click.style(hit.title, bold=True)}  [{hit.id}]")
        click.echo(f"    {center} · {hit.section} · Score {hit.score:.3f}")
        parts = re.split(r"<mark>(.*?)</mark>", hit.snippet)
        text = "".join(
            click.style(html.unescape(part), bold=True, fg="yellow") if odd else html.unescape(part)
            for odd, part in ((i % 2 == 1, p) for i, p in enumerate(parts))
        )
        click.echo(f"    {text}")


def main() -> None:  # pragma: no cover - console entry point
    cli()
