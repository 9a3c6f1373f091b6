"""Reading a concept file: bytes → text → YAML front matter with line numbers + Markdown body.

This is the only place that parses front matter; validation, site, index and API all go
through :func:`kb_tools.library.check_library`, which calls this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml (when installed) parses valid files ~10× faster than the pure-Python loader.
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1_000_000
BOM = "\ufeff"

Location = tuple[str | int, ...]


class SourceError(Exception):
    """A file cannot be read as a concept; carries the 1-based line."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Document:
    """A file split into its front matter data and body, with where things stand."""

    data: dict[str, Any]
    body: str
    body_line: int
    raw: str
    lines: dict[Location, int] = field(default_factory=dict)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, loc: Location) -> int:
        return line_of(self.lines, loc)


def line_of(lines: dict[Location, int], loc: Location) -> int:
    """The line of the deepest known node on ``loc`` (1 if none is known)."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def read_text(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """Read a file as UTF-8 text with Unix line ends; returns text and warnings."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"Datei ist zu groß ({size / 1_000_000:.1f} MB); erlaubt sind höchstens "
            f"{MAX_FILE_BYTES // 1_000_000} MB"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"Datei ist nicht UTF-8-kodiert (ungültiges Byte 0x{raw[exc.start]:02x}); "
            "bitte als UTF-8 speichern",
            line,
        ) from None
    warnings: list[tuple[int, str]] = []
    if text.startswith(BOM):
        text = text[1:]
        warnings.append(
            (1, "Datei beginnt mit einem Byte-Order-Mark (BOM); bitte ohne BOM speichern")
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError("Datei ist leer")
    return text, warnings


def parse_yaml_mapping(
    text: str, first_line: int = 1, what: str = "Front Matter"
) -> tuple[dict[str, Any], dict[Location, int]]:
    """Parse YAML that must be a mapping; returns data and the line of every node."""
    try:
        try:
            node = yaml.compose(text, Loader=_FastLoader)
            data = yaml.load(text, Loader=_FastLoader)
        except yaml.YAMLError:
            # The pure-Python loader's messages are the ones translated below.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        raise SourceError(_yaml_message(exc), line) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"ungültiges YAML: {exc}", first_line) from None
    if data is None:
        raise SourceError(f"{what} ist leer", first_line)
    if not isinstance(data, dict) or node is None:
        names: dict[type, str] = {list: "eine Liste", str: "ein Text"}
        kind = names.get(type(data), type(data).__name__)
        raise SourceError(
            f"{what} muss eine Zuordnung (Schlüssel: Wert) sein, gefunden wurde {kind}",
            first_line,
        )
    lines: dict[Location, int] = {}
    _walk(node, (), first_line, lines)
    return data, lines


def split_document(text: str) -> tuple[str, int, str, int]:
    """Split text into (front matter, its first line, body, body's first line)."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise SourceError(
            "Front Matter fehlt: die Datei muss mit einer Zeile '---' beginnen, "
            "gefolgt von den Metadaten und einer weiteren Zeile '---'"
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    raise SourceError("Front Matter ist nicht abgeschlossen: die schließende Zeile '---' fehlt")


def read_document(path: Path) -> Document:
    """Read and split a concept file; raises :class:`SourceError` with a line."""
    text, warnings = read_text(path)
    front, front_line, body, body_line = split_document(text)
    data, node_lines = parse_yaml_mapping(front, front_line)
    return Document(data, body, body_line, text, node_lines, warnings)


def read_yaml_file(path: Path, what: str) -> tuple[dict[str, Any], dict[Location, int]]:
    """Read a whole YAML file (centers.yml, taxonomy.yml) that must be a mapping."""
    text, _ = read_text(path)
    return parse_yaml_mapping(text, 1, what)


def _walk(node: yaml.Node, loc: Location, first_line: int, out: dict[Location, int]) -> None:
    out[loc] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise SourceError(
                    f"Schlüssel '{key}' ist doppelt", first_line + key_node.start_mark.line
                )
            seen.add(key)
            out[(*loc, key)] = first_line + key_node.start_mark.line
            _walk(value_node, (*loc, key), first_line, out)
            out[(*loc, key)] = first_line + key_node.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), first_line, out)


_YAML_PROBLEMS = [
    (
        re.compile(r"found character '\\t'"),
        "Tabulatorzeichen sind in YAML nicht erlaubt; bitte Leerzeichen zum Einrücken verwenden",
    ),
    (
        re.compile(r"mapping values are not allowed"),
        "Doppelpunkt an unerwarteter Stelle; Werte mit ': ' bitte in Anführungszeichen setzen",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "erwartet wurde 'schlüssel: wert' – fehlt ein Doppelpunkt?",
    ),
    (
        re.compile(r"found unexpected end of stream"),
        "unerwartetes Ende – ist ein Anführungszeichen oder eine Klammer nicht geschlossen?",
    ),
    (
        re.compile(r"expected ',' or '[\]}]'"),
        "Liste oder Zuordnung in Klammern ist nicht korrekt geschlossen",
    ),
    (
        re.compile(r"did not find expected key"),
        "Einrückung stimmt nicht: hier wurde ein Schlüssel erwartet",
    ),
    (
        re.compile(r"did not find expected '-' indicator"),
        "Einrückung stimmt nicht: hier wurde ein Listeneintrag '- …' erwartet",
    ),
    (re.compile(r"found undefined alias"), "unbekannter YAML-Alias ('*name' ohne '&name')"),
    (
        re.compile(r"found unknown escape character"),
        "ungültige Escape-Sequenz in Anführungszeichen ('\\')",
    ),
    (
        re.compile(r"could not determine a constructor"),
        "unbekanntes YAML-Tag ('!…') ist nicht erlaubt",
    ),
]


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}".strip()
    for pattern, german in _YAML_PROBLEMS:
        if pattern.search(problem):
            return f"YAML-Syntaxfehler: {german}"
    return f"YAML-Syntaxfehler: {problem}"
