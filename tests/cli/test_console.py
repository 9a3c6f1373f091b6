"""Usage errors and help of `kb` are German, like every other message."""

from __future__ import annotations

from click.testing import CliRunner, Result

from kb_tools.cli import cli


def kb(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_unknown_option_suggests_the_right_one() -> None:
    result = kb("list", "--topik", "ki")
    assert result.exit_code == 2
    assert "Fehler: Unbekannte Option '--topik' – meinten Sie '--topic'?" in result.output
    assert "list --help'" in result.output  # the program name is 'cli' under CliRunner


def test_missing_required_option() -> None:
    result = kb("new", "--title", "Test")
    assert result.exit_code == 2
    assert "Fehler: Pflichtangabe '--center' fehlt" in result.output


def test_bad_choice_lists_the_allowed_values() -> None:
    result = kb("search", "--mode", "schnell", "KI")
    assert result.exit_code == 2
    assert "Ungültiger Wert für '--mode' – erlaubt: hybrid, dense, lexical" in result.output


def test_bad_number_names_the_range() -> None:
    result = kb("search", "--limit", "viele", "KI")
    assert (
        "Ungültiger Wert für '--limit' – erwartet wird eine ganze Zahl von 1 bis 100"
        in result.output
    )


def test_unknown_command() -> None:
    result = kb("frobnicate")
    assert result.exit_code == 2
    assert "Fehler: Unbekannter Befehl 'frobnicate'." in result.output


def test_help_is_german() -> None:
    result = kb("validate", "--help")
    assert result.exit_code == 0
    assert "Diese Hilfe anzeigen und beenden." in result.output
    assert "Aufruf: " in result.output
    assert "Optionen:" in result.output
    assert not {"Usage:", "Options:", "Show this message"} & set(result.output.split("\n"))
    assert "Show this message" not in result.output


def test_group_help_lists_commands_in_german() -> None:
    result = kb("--help")
    assert "Befehle:" in result.output
    assert "validate" in result.output
    assert "Commands:" not in result.output
