"""Parsing one YAML document (front matter, ``centers.yml``, ``taxonomy.yml``) safely.

The event stream is checked against small budgets before anything is built, so an alias bomb,
deep nesting or a self-referencing alias gives a located :class:`SourceError` instead of a hang
or a ``RecursionError``; impossible dates stay text for the schema to name, and no value can
raise a bare ``ValueError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml parses valid files ~10× faster than the pure-Python loader.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]  # same API, no libyaml

# Limits for one YAML document, checked on its event stream before anything is built. A
# concept's front matter is three levels deep and has about a hundred nodes.
MAX_DEPTH = 20
MAX_ALIASES = 20
MAX_NODES = 20_000

Location = tuple[str | int, ...]


class SourceError(Exception):
    """A file cannot be read as a concept; carries the 1-based line and, if known, the field."""

    def __init__(self, message: str, line: int = 1, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.field = field


def dotted(loc: Location) -> str:
    """A location as the user writes it: ``("topics", 1)`` → ``topics.1``."""
    return ".".join(str(part) for part in loc)


def german_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def parse_yaml_mapping(
    text: str, first_line: int = 1, what: str = "Front Matter"
) -> tuple[dict[str, Any], dict[Location, int]]:
    """Parse YAML that must be a mapping; returns data and the line of every node."""
    try:
        try:
            _scan(text, _BaseLoader, first_line)
        except yaml.YAMLError:
            # The pure-Python parser's messages are the ones translated below; it is
            # iterative too, so deep nesting cannot exhaust the stack here.
            _scan(text, yaml.SafeLoader, first_line)
            raise
        node, data, lines = _compose_and_construct(text, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        raise SourceError(_yaml_message(exc), line) from None
    except yaml.reader.ReaderError as exc:
        line = first_line + text.count("\n", 0, exc.position)
        raise SourceError(
            f"YAML-Syntaxfehler: unzulässiges Zeichen U+{exc.character:04X} "
            "(Steuerzeichen sind nicht erlaubt)"
            if isinstance(exc.character, int)
            else f"YAML-Syntaxfehler: unzulässiges Zeichen {exc.character!r}",
            line,
        ) from None
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
    return data, lines


class _ValueProblem(Exception):
    """A scalar YAML accepts but Python cannot build (a 5,000-digit number, …)."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


class _Loader(_BaseLoader):
    """The safe loader, but an impossible date stays text and no value raises ValueError."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):
            value = node.value if isinstance(node, yaml.ScalarNode) else ""
            shown = f" '{value[:40]}…'" if len(value) > 40 else f" '{value}'" if value else ""
            raise _ValueProblem(f"Wert{shown} kann nicht gelesen werden", node) from None


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # YAML reads 2024-02-30 as a date and fails; as text the schema names field and value.
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _compose_and_construct(
    text: str, first_line: int
) -> tuple[yaml.Node | None, Any, dict[Location, int]]:
    """Parse once: the node graph, the line of every node and the data built from it."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None, {}
        # Lines first: building the data rewrites merge keys ('<<') inside the graph.
        lines: dict[Location, int] = {}
        places: dict[int, Location] = {}
        _walk(node, (), first_line, lines, places)
        try:
            return node, loader.construct_document(node), lines
        except _ValueProblem as exc:
            line = first_line + exc.node.start_mark.line
            raise SourceError(exc.message, line, dotted(places.get(id(exc.node), ()))) from None
    finally:
        loader.dispose()


@dataclass
class _Frame:
    """An open sequence or mapping while scanning events."""

    loc: Location
    depth: int
    anchor: str | None
    nodes_before: int
    deepest: int
    is_mapping: bool
    index: int = 0
    key: str = ""
    expect_key: bool = True


def _scan(text: str, loader_class: Any, first_line: int) -> None:
    """Walk the YAML events once, without building anything, and refuse what would cost too
    much to build: more than :data:`MAX_ALIASES` aliases, nesting deeper than
    :data:`MAX_DEPTH` or more than :data:`MAX_NODES` nodes (aliases expanded), and aliases
    that point into themselves. Syntax errors propagate as :class:`yaml.YAMLError`."""
    loader = loader_class(text)
    frames: list[_Frame] = []
    anchors: dict[str, tuple[int, int]] = {}  # anchor → (nodes, height) once closed
    nodes = aliases = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if not isinstance(event, yaml.NodeEvent):
                if isinstance(event, yaml.CollectionEndEvent) and frames:
                    frame = frames.pop()
                    if frame.anchor is not None:
                        anchors[frame.anchor] = (
                            nodes - frame.nodes_before,
                            frame.deepest - frame.depth + 1,
                        )
                    if frames:
                        frames[-1].deepest = max(frames[-1].deepest, frame.deepest)
                continue
            loc = _event_location(frames, event)
            line = first_line + (event.start_mark.line if event.start_mark else 0)
            depth = len(frames) + 1
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                name = event.anchor or ""
                if aliases > MAX_ALIASES:
                    raise SourceError(
                        f"YAML enthält zu viele Aliase ('*{name}'); erlaubt sind höchstens "
                        f"{MAX_ALIASES}",
                        line,
                        dotted(loc),
                    )
                if name not in anchors:
                    recursive = any(frame.anchor == name for frame in frames)
                    raise SourceError(
                        f"YAML-Alias '*{name}' verweist auf sich selbst"
                        if recursive
                        else f"unbekannter YAML-Alias '*{name}' (ohne '&{name}' davor)",
                        line,
                        dotted(loc),
                    )
                size, height = anchors[name]
                nodes += size
                depth += height - 1
            else:
                nodes += 1
                if isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
                    anchors[event.anchor] = (1, 1)
            if depth > MAX_DEPTH:
                raise SourceError(
                    f"YAML ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)",
                    line,
                    dotted(loc),
                )
            if nodes > MAX_NODES:
                raise SourceError(
                    f"YAML hat zu viele Einträge (mehr als {german_number(MAX_NODES)}, "
                    "Aliase mitgezählt)",
                    line,
                    dotted(loc),
                )
            if frames:
                frames[-1].deepest = max(frames[-1].deepest, depth)
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append(
                    _Frame(
                        loc,
                        depth,
                        event.anchor,
                        nodes - 1,
                        depth,
                        isinstance(event, yaml.MappingStartEvent),
                    )
                )
    finally:
        loader.dispose()


def _event_location(frames: list[_Frame], event: yaml.NodeEvent) -> Location:
    """Where the next node stands; a mapping's keys and values alternate."""
    if not frames:
        return ()
    parent = frames[-1]
    if not parent.is_mapping:
        parent.index += 1
        return (*parent.loc, parent.index - 1)
    if parent.expect_key:
        parent.expect_key = False
        parent.key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
        return parent.loc
    parent.expect_key = True
    return (*parent.loc, parent.key)


def _walk(
    node: yaml.Node,
    loc: Location,
    first_line: int,
    out: dict[Location, int],
    places: dict[int, Location],
) -> None:
    out[loc] = first_line + node.start_mark.line
    places.setdefault(id(node), loc)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in seen:
                raise SourceError(
                    f"Schlüssel '{key}' ist doppelt",
                    first_line + key_node.start_mark.line,
                    dotted((*loc, key)),
                )
            seen.add(key)
            out[(*loc, key)] = first_line + key_node.start_mark.line
            _walk(value_node, (*loc, key), first_line, out, places)
            out[(*loc, key)] = first_line + key_node.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), first_line, out, places)


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
    (re.compile(r"found duplicate anchor"), "YAML-Anker ('&name') ist doppelt vergeben"),
    (
        re.compile(r"found unhashable key"),
        "ein Schlüssel muss ein einfacher Wert sein, keine Liste oder Zuordnung",
    ),
    (
        re.compile(r"expected a single document"),
        "mehr als ein YAML-Dokument ('---') in einer Datei",
    ),
    (
        re.compile(r"found unknown escape character"),
        "ungültige Escape-Sequenz in Anführungszeichen ('\\')",
    ),
    (
        re.compile(r"could not determine a constructor"),
        "unbekanntes YAML-Tag ('!…') ist nicht erlaubt",
    ),
    (re.compile(r"exceeded maximum nesting depth"), "zu tief verschachtelt"),
]


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}".strip()
    for pattern, german in _YAML_PROBLEMS:
        if pattern.search(problem):
            return f"YAML-Syntaxfehler: {german}"
    return f"YAML-Syntaxfehler: {problem}"
