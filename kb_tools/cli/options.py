"""Options several ``kb`` commands share: library and index folders, the six facet filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kb_tools.library import Filters
from kb_tools.settings import Settings, load_settings


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


def index_dir_option(func: Any) -> Any:
    return click.option(
        "--index-dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Indexordner (Standard: build/index oder KB_INDEX_DIR).",
    )(func)
