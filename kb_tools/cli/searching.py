"""``kb index``, ``kb search``, ``kb similar``: the search index and queries against it.

The search engine pulls in faiss and numpy: it is imported only inside the commands.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kb_tools.cli.console import KbCommand
from kb_tools.cli.options import (
    filter_options,
    filters_from,
    index_dir_option,
    library_option,
    settings,
)
from kb_tools.library import load_library

if TYPE_CHECKING:
    from kb_tools.search import SearchHit, SearchIndex


@click.command(name="index", cls=KbCommand)
@library_option
@index_dir_option
@click.option(
    "--embedder", default=None, help="e5-small (Standard) oder sentence-transformers:<Modell>."
)
def index_(library_dir: Path | None, index_dir: Path | None, embedder: str | None) -> None:
    """Baut den Suchindex; bettet nur geänderte Passagen neu ein."""
    from kb_tools.search import build_index

    options = settings(library_dir=library_dir, index_dir=index_dir, embedder=embedder)
    report = build_index(load_library(options.library_dir), options.index_dir, options.embedder)
    click.echo(
        f"Index gebaut: {report.concepts} Konzepte, {report.passages} Passagen "
        f"({report.embedded} neu eingebettet, {report.reused} wiederverwendet), "
        f"{report.embedder}, {report.seconds:.1f} s → '{report.index_dir}'."
    )


@click.command(cls=KbCommand, short_help="Durchsucht den Index semantisch und nach Stichworten.")
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
        echo_json(results.model_dump(mode="json"))
        return
    click.echo(f"{results.total} Treffer für „{results.query}“ ({mode})")
    echo_hits(results.results)


@click.command(cls=KbCommand)
@library_option
@index_dir_option
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Ausgabe als JSON.")
@click.argument("concept_id")
def similar(
    library_dir: Path | None, index_dir: Path | None, limit: int, as_json: bool, concept_id: str
) -> None:
    """Zeigt die Konzepte, die CONCEPT_ID am ähnlichsten sind („Ähnliche Konzepte“)."""
    from kb_tools.search import SimilarResults

    index = load_search_index(library_dir, index_dir)
    hits = index.similar(concept_id, limit=limit)
    if as_json:
        echo_json(SimilarResults(id=concept_id, results=hits).model_dump(mode="json"))
        return
    click.echo(f"Ähnliche Konzepte zu '{concept_id}':")
    echo_hits(hits)


def load_search_index(library_dir: Path | None, index_dir: Path | None) -> SearchIndex:
    """The index; searched with its own copy of the library unless ``--library`` names one."""
    from kb_tools.search import SearchIndex

    options = settings(library_dir=library_dir, index_dir=index_dir)
    library = load_library(library_dir) if library_dir is not None else None
    return SearchIndex.load(options.index_dir, library)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_hits(hits: list[SearchHit]) -> None:
    """Numbered hits; the snippet's <mark> tags become bold text on a terminal."""
    for number, hit in enumerate(hits, 1):
        click.echo(f"{number:>2}. {click.style(hit.title, bold=True)}  [{hit.id}]")
        click.echo(f"    {hit.center_name} · {hit.section} · Score {hit.score:.3f}")
        parts = re.split(r"<mark>(.*?)</mark>", hit.snippet)
        text = "".join(
            click.style(html.unescape(part), bold=True, fg="yellow") if odd else html.unescape(part)
            for odd, part in ((i % 2 == 1, p) for i, p in enumerate(parts))
        )
        click.echo(f"    {text}")
