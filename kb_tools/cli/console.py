"""Click plumbing for ``kb``: German help, German usage errors, domain errors as messages."""

from __future__ import annotations

import sys
from typing import IO, Any

import click

from kb_tools.errors import KbError, LibraryInvalid

HELP_TEXT = "Diese Hilfe anzeigen und beenden."


class UserError(click.ClickException):
    """German error lines on stderr (one ``Fehler:`` per line of the message), exit code 1."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []

    def show(self, file: IO[Any] | None = None) -> None:
        file = file or sys.stderr
        for line in self.details:
            click.echo(line, file=file)
        for line in self.message.splitlines() or [""]:
            click.echo(f"Fehler: {line}", file=file)


class German(click.Command):
    """German ``--help`` text and German usage errors; mixed into commands and the group."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise german_usage_error(exc) from None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix="Aufruf: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx))]
        if records:
            with formatter.section("Optionen"):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class KbCommand(German):
    """A ``kb`` subcommand."""


class KbGroup(German, click.Group):
    """Turns :class:`KbError` from any command into a :class:`UserError`."""

    command_class = KbCommand

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        rows = [
            (name, cmd.get_short_help_str(70)) for name, cmd in commands if cmd and not cmd.hidden
        ]
        if rows:
            with formatter.section("Befehle"):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise german_usage_error(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LibraryInvalid as exc:
            raise UserError(exc.message, [str(p) for p in exc.problems]) from None
        except KbError as exc:
            raise UserError(exc.message) from None


class GermanUsageError(click.UsageError):
    """A usage error told in German, with a pointer to the command's help."""

    def show(self, file: IO[Any] | None = None) -> None:
        file = file or sys.stderr
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), file=file)
            click.echo(f"Hilfe: '{self.ctx.command_path} --help'", file=file)
        click.echo(f"Fehler: {self.message}", file=file)


def german_usage_error(exc: click.UsageError) -> GermanUsageError:
    """Translate click's usage errors (which are English) for the common cases."""
    if isinstance(exc, click.NoSuchOption):
        message = f"Unbekannte Option '{exc.option_name}'"
        if exc.possibilities:
            message += f" – meinten Sie '{sorted(exc.possibilities)[0]}'?"
    elif isinstance(exc, click.MissingParameter) and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx) if exc.ctx else exc.param.name
        message = f"Pflichtangabe {hint} fehlt"
    elif isinstance(exc, click.BadParameter) and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx) if exc.ctx else exc.param.name
        message = f"Ungültiger Wert für {hint}{_expected(exc.param.type)}"
    elif exc.message.startswith("No such command"):
        message = exc.message.replace("No such command", "Unbekannter Befehl")
    else:
        message = exc.message
    return GermanUsageError(message, exc.ctx)


def _expected(kind: click.ParamType[Any]) -> str:
    """What a parameter type accepts, in German."""
    if isinstance(kind, click.Choice):
        return f" – erlaubt: {', '.join(map(str, kind.choices))}"
    if isinstance(kind, click.IntRange):
        low, high = kind.min, kind.max
        bounds = f" von {low} bis {high}" if low is not None and high is not None else ""
        return f" – erwartet wird eine ganze Zahl{bounds}"
    if kind is click.INT:
        return " – erwartet wird eine ganze Zahl"
    if isinstance(kind, click.Path):
        return " – Pfad nicht gefunden oder nicht nutzbar"
    return ""
