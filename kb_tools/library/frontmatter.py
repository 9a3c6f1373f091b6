"""Reading a concept file: bytes → text → YAML front matter with line numbers + Markdown body.

This and :mod:`.safeyaml` are the only places that parse files (front matter, ``centers.yml``,
``taxonomy.yml``); validation, site, index and API all go through
:func:`kb_tools.library.check_library`, which calls this. A broken or hostile file (too large,
not UTF-8, an alias bomb, an impossible date) gives a located :class:`SourceError`, never a hang
or a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb_tools.library.safeyaml import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_NODES,
    Location,
    SourceError,
    dotted,
    german_number,
    parse_yaml_mapping,
)

MAX_FILE_BYTES = 1_000_000
# Parsing Markdown costs ~50 µs a line; real concepts have a few hundred lines.
MAX_LINES = 20_000
BOM = "\ufeff"

__all__ = [
    "BOM",
    "MAX_ALIASES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_LINES",
    "MAX_NODES",
    "Document",
    "Location",
    "SourceError",
    "decode_text",
    "dotted",
    "line_of",
    "parse_document",
    "parse_yaml_mapping",
    "read_document",
    "read_text",
    "read_yaml_file",
    "source_text",
    "split_document",
]


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
    _check_size(path.stat().st_size)
    return decode_text(path.read_bytes())


def source_text(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Text handed over as a string (an editor, the API) checked like a file's bytes."""
    if len(text) > MAX_FILE_BYTES:  # at least as many bytes as characters
        _check_size(len(text))
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SourceError(
            f"Text enthält ein ungültiges Zeichen (U+{ord(text[exc.start]):04X}); "
            "bitte als UTF-8 speichern",
            text.count("\n", 0, exc.start) + 1,
        ) from None
    _check_size(len(raw))
    return decode_text(raw)


def decode_text(raw: bytes) -> tuple[str, list[tuple[int, str]]]:
    """UTF-8 bytes → text without BOM and with Unix line ends; returns text and warnings."""
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
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise SourceError(
            f"Datei hat zu viele Zeilen ({german_number(lines)}); erlaubt sind höchstens "
            f"{german_number(MAX_LINES)}",
            MAX_LINES + 1,
        )
    return text, warnings


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"Datei ist zu groß ({size / 1_000_000:.1f} MB); erlaubt sind höchstens "
            f"{MAX_FILE_BYTES // 1_000_000} MB"
        )


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


def parse_document(text: str, warnings: list[tuple[int, str]] | None = None) -> Document:
    """Split decoded text (see :func:`decode_text`) into front matter and body."""
    front, front_line, body, body_line = split_document(text)
    data, node_lines = parse_yaml_mapping(front, front_line)
    return Document(data, body, body_line, text, node_lines, list(warnings or []))


def read_document(path: Path) -> Document:
    """Read and split a concept file; raises :class:`SourceError` with a line."""
    return parse_document(*read_text(path))


def read_yaml_file(path: Path, what: str) -> tuple[dict[str, Any], dict[Location, int]]:
    """Read a whole YAML file (centers.yml, taxonomy.yml) that must be a mapping."""
    text, _ = read_text(path)
    return parse_yaml_mapping(text, 1, what)
