"""The ``kb`` command group. Domain errors become German messages and exit codes only here
(see :class:`kb_tools.cli.console.KbGroup`)."""

from __future__ import annotations

import click

from kb_tools.cli import authoring, publishing, reporting, searching
from kb_tools.cli.console import KbGroup


@click.group(cls=KbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="konzeptbibliothek", message="kb %(version)s", help="Version anzeigen und beenden."
)
def cli() -> None:
    """Konzeptbibliothek: erprobte Lehr- und Lernkonzepte prüfen, bauen, durchsuchen."""


for command in (
    authoring.validate,
    authoring.new,
    authoring.list_,
    reporting.report,
    publishing.build,
    searching.index_,
    searching.search,
    searching.similar,
    publishing.serve,
):
    cli.add_command(command)
