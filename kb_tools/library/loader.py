"""Loading a library folder: every file parsed and checked, every problem located.

:func:`check_library` is the one way in: validation, site, index and API all call it (or
:func:`load_library`, which refuses a library with errors). :func:`check_concept_text` runs
the same checks on one edited text before it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from kb_tools.errors import LibraryError, LibraryInvalid
from kb_tools.library.checks import (
    FOLDER_MESSAGE,
    Peers,
    check_references,
    folder_problems,
    make_concept,
)
from kb_tools.library.frontmatter import (
    Document,
    Location,
    SourceError,
    dotted,
    line_of,
    parse_document,
    read_document,
    read_yaml_file,
    source_text,
)
from kb_tools.library.materials import orphan_folders
from kb_tools.library.model import (
    CENTERS_FILE,
    TAXONOMY_FILE,
    VOCABULARIES,
    Concept,
    Library,
)
from kb_tools.library.schema import ID_PATTERN, Center, Taxonomy, german_errors
from kb_tools.library.symlinks import check_inside, link_problem
from kb_tools.problems import Problem


@dataclass(frozen=True)
class LibraryReport:
    """One check of a library: what loaded, every problem, how many concept files were read."""

    library: Library | None
    problems: list[Problem]
    files: int

    @property
    def concepts(self) -> int:
        """Concepts without errors (the ones the library contains)."""
        return len(self.library) if self.library is not None else 0

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def inspect_library(root: Path) -> LibraryReport:
    """Parse and check a whole library: what loaded, *all* problems, the files checked.

    The library is ``None`` when ``centers.yml`` or ``taxonomy.yml`` is unusable. Concepts with
    errors are left out of the returned library.
    """
    root = _library_folder(root)
    problems: list[Problem] = []
    centers = _load_centers(root, problems)
    taxonomy = _load_taxonomy(root, problems)
    files, stray = _markdown_files(root, problems)
    problems.extend(Problem(rel, 1, FOLDER_MESSAGE, "warnung") for rel in stray)
    problems.extend(orphan_folders(root, files))
    checked = len(files) + len(stray)
    if centers is not None:
        for rel in files:
            problems.extend(folder_problems(rel, centers))
    documents = _read_documents(root, files, problems)
    if centers is None or taxonomy is None:
        return LibraryReport(None, sorted(problems), checked)
    library = Library(root, centers, taxonomy)
    candidates: list[tuple[Concept, Document]] = []
    for rel, doc in documents:
        concept, found = make_concept(root, rel, doc, library)
        problems.extend(found)
        if concept is not None:
            candidates.append((concept, doc))
    concepts: dict[str, Concept] = {}
    bodies: dict[str, list[Concept]] = {}
    for concept, _ in candidates:
        concepts.setdefault(concept.id, concept)
        bodies.setdefault(concept.body_digest, []).append(concept)
    by_stem: dict[str, list[str]] = {}
    for rel in files:
        by_stem.setdefault(PurePosixPath(rel).stem, []).append(rel)
    adapted_by: dict[str, list[Concept]] = {}
    for candidate, _ in candidates:
        for ref in candidate.meta.adapted_from:
            adapted_by.setdefault(ref, []).append(candidate)
    peers = Peers(concepts, by_stem, bodies, adapted_by)
    for concept, doc in candidates:
        problems.extend(check_references(concept, doc, peers))
    bad = {p.path for p in problems if p.is_error}
    library.concepts = {
        c.id: c for c, _ in sorted(candidates, key=lambda pair: pair[0].id) if c.relpath not in bad
    }
    return LibraryReport(library, sorted(problems), checked)


def check_library(root: Path) -> tuple[Library | None, list[Problem]]:
    """Parse and check a whole library; returns what loaded and *all* problems.

    The library is ``None`` when ``centers.yml`` or ``taxonomy.yml`` is unusable. Concepts with
    errors are left out of the returned library.
    """
    report = inspect_library(root)
    return report.library, report.problems


def load_library(root: Path, *, strict: bool = False) -> Library:
    """A library with no errors (and, if ``strict``, no warnings), or :class:`LibraryInvalid`."""
    library, problems = check_library(root)
    failing = [p for p in problems if p.is_error or strict]
    if library is None or failing:
        count = len(failing) or len(problems)
        raise LibraryInvalid(
            f"Die Bibliothek '{root}' enthält {count} Fehler; bitte zuerst 'kb validate' ausführen.",
            failing or problems,
        )
    return library


def _library_folder(root: Path) -> Path:
    root = Path(root)
    if not root.is_dir():
        raise LibraryError(f"Bibliotheksordner '{root}' existiert nicht oder ist kein Ordner")
    return root


def load_vocabularies(root: Path) -> tuple[dict[str, Center], Taxonomy]:
    """Only ``centers.yml`` and ``taxonomy.yml`` (for ``kb new``), or :class:`LibraryInvalid`."""
    root = _library_folder(root)
    problems: list[Problem] = []
    centers = _load_centers(root, problems)
    taxonomy = _load_taxonomy(root, problems)
    if centers is None or taxonomy is None:
        raise LibraryInvalid(_unusable(root), sorted(problems))
    return centers, taxonomy


def check_concept_text(
    root: Path, relpath: str, text: str, library: Library | None = None
) -> list[Problem]:
    """Every problem ``kb validate`` would report for ``text`` saved as ``relpath``
    (``<zentrum>/<id>.md``) in the library at ``root``; nothing is written.

    A file already at ``relpath`` is replaced by ``text`` for the check. Pass the ``library``
    already loaded from ``root`` to check without reading the whole folder again. Raises only
    :class:`LibraryError` when the library itself is unusable.
    """
    root = Path(root)
    if library is None:
        report = inspect_library(root)
        if report.library is None:
            own = [p for p in report.problems if p.path in (CENTERS_FILE, TAXONOMY_FILE)]
            raise LibraryInvalid(_unusable(root), own)
        library = report.library
    rel = _concept_relpath(relpath)
    if rel is None:
        shown = relpath[:200] if isinstance(relpath, str) and relpath.strip() else "?"
        return [Problem(shown, 1, FOLDER_MESSAGE)]
    problems = folder_problems(rel, library.centers)
    try:
        doc = parse_document(*source_text(text))
    except SourceError as exc:
        return sorted([*problems, Problem(rel, exc.line, str(exc), field=exc.field)])
    problems.extend(Problem(rel, line, message, "warnung") for line, message in doc.warnings)
    concept, found = make_concept(root, rel, doc, library)
    problems.extend(found)
    if concept is not None:
        problems.extend(check_references(concept, doc, _peers_of(concept, root, library)))
    return sorted(problems)


def _peers_of(concept: Concept, root: Path, library: Library) -> Peers:
    """The library as ``concept`` sees it once saved: its old version at the same path gone."""
    rel = concept.relpath
    concepts = {cid: c for cid, c in library.concepts.items() if c.relpath != rel}
    concepts.setdefault(concept.id, concept)
    files = {
        path.relative_to(root).as_posix()
        for path in root.glob(f"*/{concept.id}.md")
        if not path.parent.name.startswith(".")
    }
    if concept.id in library.concepts:
        files.add(library.concepts[concept.id].relpath)
    same_body = [c for c in library.with_body(concept.body_digest) if c.relpath != rel]
    adapted_by = {concept.id: library.derived(concept.id)}
    return Peers(
        concepts, {concept.id: sorted(files)}, {concept.body_digest: same_body}, adapted_by
    )


def _concept_relpath(relpath: object) -> str | None:
    """``<zentrum>/<id>.md`` as a clean relative path, or ``None``."""
    if not isinstance(relpath, str) or "\\" in relpath or "\x00" in relpath:
        return None
    path = PurePosixPath(relpath)
    parts = path.parts
    if path.is_absolute() or len(parts) != 2 or path.suffix != ".md":
        return None
    if any(part.startswith(".") or not part.strip() for part in parts):
        return None
    return path.as_posix()


def _unusable(root: Path) -> str:
    return (
        f"Die Bibliothek '{root}' ist nicht nutzbar: {CENTERS_FILE} oder {TAXONOMY_FILE} "
        "ist fehlerhaft; bitte zuerst 'kb validate' ausführen."
    )


def _load_centers(root: Path, problems: list[Problem]) -> dict[str, Center] | None:
    data = _load_yaml(root, CENTERS_FILE, "centers.yml", problems)
    if data is None:
        return None
    mapping, lines = data
    centers: dict[str, Center] = {}
    for key, value in mapping.items():
        if not isinstance(key, str) or not ID_PATTERN.match(key):
            problems.append(
                Problem(
                    CENTERS_FILE,
                    lines.get((key,), 1),
                    f"ungültiger Zentrumsschlüssel {key!r} (erlaubt: a-z, 0-9, Bindestriche)",
                    field=str(key),
                )
            )
            continue
        try:
            centers[key] = Center.model_validate(value)
        except ValidationError as exc:
            for loc, message in german_errors(exc, tuple(Center.model_fields)):
                problems.append(
                    Problem(
                        CENTERS_FILE,
                        line_of(lines, (key, *loc)),
                        f"{key}.{message}",
                        field=dotted((key, *loc)),
                    )
                )
    return centers if not any(p.path == CENTERS_FILE for p in problems) else None


def _load_taxonomy(root: Path, problems: list[Problem]) -> Taxonomy | None:
    data = _load_yaml(root, TAXONOMY_FILE, "taxonomy.yml", problems)
    if data is None:
        return None
    mapping, lines = data
    try:
        return Taxonomy.model_validate(mapping)
    except ValidationError as exc:
        for loc, message in german_errors(exc, tuple(VOCABULARIES)):
            problems.append(Problem(TAXONOMY_FILE, line_of(lines, loc), message, field=dotted(loc)))
    return None


def _load_yaml(
    root: Path, name: str, what: str, problems: list[Problem]
) -> tuple[dict[str, Any], dict[Location, int]] | None:
    path = root / name
    if not path.is_file() and not path.is_symlink():
        problems.append(Problem(name, 1, f"Datei '{name}' fehlt im Bibliotheksordner"))
        return None
    try:
        check_inside(root, path)
        return read_yaml_file(path, what)
    except SourceError as exc:
        problems.append(Problem(name, exc.line, str(exc), field=exc.field))
    except OSError as exc:
        problems.append(Problem(name, 1, f"Datei kann nicht gelesen werden: {exc.strerror}"))
    return None


def _markdown_files(root: Path, problems: list[Problem]) -> tuple[list[str], list[str]]:
    """Relative paths of the ``<zentrum>/<id>.md`` files and of stray Markdown files beside
    ``centers.yml``; deeper files lie in materials folders (:mod:`.materials` checks them).

    A centre folder linked out of the library is refused as a whole (one error, its files
    unread); links to files are judged when they are read, so broken ones are listed too.
    """
    refused = _linked_out_folders(root, problems)
    files: list[str] = []
    stray: list[str] = []
    for path in sorted([*root.glob("*.md"), *root.glob("*/*.md")]):
        parts = path.relative_to(root).parts
        if any(part.startswith(".") for part in parts) or parts[0] in refused:
            continue
        if path.is_file() or path.is_symlink():
            (files if len(parts) == 2 else stray).append(path.relative_to(root).as_posix())
    return files, stray


def _linked_out_folders(root: Path, problems: list[Problem]) -> set[str]:
    """Names of the linked folders beside ``centers.yml`` that lead out of the library."""
    refused = set()
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or not entry.is_symlink() or not entry.is_dir():
            continue
        message = link_problem(root, entry)
        if message is not None:
            refused.add(entry.name)
            problems.append(Problem(f"{entry.name}/", 1, message))
    return refused


def _read_documents(
    root: Path, files: list[str], problems: list[Problem]
) -> list[tuple[str, Document]]:
    documents = []
    for rel in files:
        try:
            check_inside(root, root / rel)
            doc = read_document(root / rel)
        except SourceError as exc:
            problems.append(Problem(rel, exc.line, str(exc), field=exc.field))
            continue
        except OSError as exc:
            problems.append(Problem(rel, 1, f"Datei kann nicht gelesen werden: {exc.strerror}"))
            continue
        problems.extend(Problem(rel, line, message, "warnung") for line, message in doc.warnings)
        documents.append((rel, doc))
    return documents
