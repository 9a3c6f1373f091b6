"""Loading a library folder: every file parsed and checked, every problem located.

:func:`check_library` is the one way in: validation, site, index and API all call it (or
:func:`load_library`, which refuses a library with errors).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb_tools.errors import LibraryError, LibraryInvalid
from kb_tools.library.frontmatter import (
    Document,
    Location,
    SourceError,
    line_of,
    read_document,
    read_yaml_file,
)
from kb_tools.library.markdown import headings
from kb_tools.library.model import (
    CENTERS_FILE,
    TAXONOMY_FILE,
    VOCABULARIES,
    Concept,
    Library,
    Section,
)
from kb_tools.library.schema import (
    FIELD_NAMES,
    ID_PATTERN,
    SECTIONS,
    Center,
    ConceptMeta,
    Taxonomy,
    german_errors,
)
from kb_tools.problems import Problem, did_you_mean


def check_library(root: Path) -> tuple[Library | None, list[Problem]]:
    """Parse and check a whole library; returns what loaded and *all* problems.

    The library is ``None`` when ``centers.yml`` or ``taxonomy.yml`` is unusable. Concepts with
    errors are left out of the returned library.
    """
    root = Path(root)
    if not root.is_dir():
        raise LibraryError(f"Bibliotheksordner '{root}' existiert nicht oder ist kein Ordner")
    problems: list[Problem] = []
    centers = _load_centers(root, problems)
    taxonomy = _load_taxonomy(root, problems)
    documents = _read_documents(root, problems)
    paths_by_stem = _paths_by_stem(root)
    if centers is None or taxonomy is None:
        return None, sorted(problems)
    library = Library(root, centers, taxonomy)
    candidates: dict[str, tuple[Concept, Document]] = {}
    for path, doc in documents:
        concept = _make_concept(root, path, doc, library, problems)
        if concept is not None:
            candidates[concept.id] = (concept, doc)
    for concept, doc in candidates.values():
        _check_references(concept, doc, candidates, library, problems, paths_by_stem)
    bad = {p.path for p in problems if p.is_error}
    library.concepts = {
        cid: c for cid, (c, _) in sorted(candidates.items()) if c.relpath not in bad
    }
    return library, sorted(problems)


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
                )
            )
            continue
        try:
            centers[key] = Center.model_validate(value)
        except ValidationError as exc:
            for loc, message in german_errors(exc, tuple(Center.model_fields)):
                problems.append(
                    Problem(CENTERS_FILE, line_of(lines, (key, *loc)), f"{key}.{message}")
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
            problems.append(Problem(TAXONOMY_FILE, line_of(lines, loc), message))
    return None


def _load_yaml(
    root: Path, name: str, what: str, problems: list[Problem]
) -> tuple[dict[str, Any], dict[Location, int]] | None:
    path = root / name
    if not path.is_file():
        problems.append(Problem(name, 1, f"Datei '{name}' fehlt im Bibliotheksordner"))
        return None
    try:
        return read_yaml_file(path, what)
    except SourceError as exc:
        problems.append(Problem(name, exc.line, str(exc)))
    except OSError as exc:
        problems.append(Problem(name, 1, f"Datei kann nicht gelesen werden: {exc.strerror}"))
    return None


def _read_documents(root: Path, problems: list[Problem]) -> list[tuple[Path, Document]]:
    documents = []
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if len(path.relative_to(root).parts) != 2:
            problems.append(
                Problem(
                    rel,
                    1,
                    "Konzeptdateien gehören in einen Zentrumsordner: <zentrum>/<id>.md",
                    "warnung",
                )
            )
            continue
        try:
            doc = read_document(path)
        except SourceError as exc:
            problems.append(Problem(rel, exc.line, str(exc)))
            continue
        except OSError as exc:
            problems.append(Problem(rel, 1, f"Datei kann nicht gelesen werden: {exc.strerror}"))
            continue
        problems.extend(Problem(rel, line, message, "warnung") for line, message in doc.warnings)
        documents.append((path, doc))
    return documents


def _make_concept(
    root: Path, path: Path, doc: Document, library: Library, problems: list[Problem]
) -> Concept | None:
    rel = path.relative_to(root).as_posix()
    concept_id, folder = path.stem, path.parent.name
    ok = True
    if not ID_PATTERN.match(concept_id):
        problems.append(
            Problem(
                rel,
                1,
                f"ungültige ID '{concept_id}': der Dateiname darf nur a-z, 0-9 und einzelne Bindestriche enthalten",
            )
        )
        ok = False
    try:
        meta = ConceptMeta.model_validate(doc.data)
    except ValidationError as exc:
        for loc, message in german_errors(exc, FIELD_NAMES):
            problems.append(Problem(rel, doc.line_of(loc), message))
        return None
    if meta.center not in library.centers:
        problems.append(
            Problem(
                rel,
                doc.line_of(("center",)),
                f"center: unbekanntes Zentrum '{meta.center}'{did_you_mean(meta.center, library.centers)}",
            )
        )
        ok = False
    elif meta.center != folder:
        problems.append(
            Problem(
                rel,
                doc.line_of(("center",)),
                f"center: '{meta.center}' passt nicht zum Ordner '{folder}'",
            )
        )
        ok = False
    for vocabulary, label in VOCABULARIES.items():
        known = library.taxonomy.vocabulary(vocabulary)
        for index, key in enumerate(getattr(meta, vocabulary)):
            if key not in known:
                problems.append(
                    Problem(
                        rel,
                        doc.line_of((vocabulary, index)),
                        f"{vocabulary}.{index}: unbekanntes {label} '{key}'{did_you_mean(key, known)}",
                    )
                )
                ok = False
    for index, transfer in enumerate(meta.transfers):
        if transfer.center not in library.centers:
            problems.append(
                Problem(
                    rel,
                    doc.line_of(("transfers", index, "center")),
                    f"transfers.{index}.center: unbekanntes Zentrum '{transfer.center}'{did_you_mean(transfer.center, library.centers)}",
                )
            )
            ok = False
    intro, sections = _sections(doc.body, doc.body_line)
    titles = [s.title for s in sections]
    for wanted in SECTIONS:
        if wanted not in titles:
            problems.append(
                Problem(rel, doc.body_line, f"Abschnitt '## {wanted}' fehlt", "warnung")
            )
    if not ok:
        return None
    digest = hashlib.sha256(doc.raw.encode()).hexdigest()
    return Concept(
        concept_id, path, rel, meta, doc.body, doc.body_line, intro, tuple(sections), digest
    )


def _check_references(
    concept: Concept,
    doc: Document,
    candidates: dict[str, tuple[Concept, Document]],
    library: Library,
    problems: list[Problem],
    paths_by_stem: dict[str, list[Path]],
) -> None:
    for index, ref in enumerate(concept.meta.adapted_from):
        where = doc.line_of(("adapted_from", index))
        if ref == concept.id:
            problems.append(
                Problem(
                    concept.relpath,
                    where,
                    f"adapted_from.{index}: ein Konzept kann nicht auf sich selbst aufbauen",
                )
            )
        elif ref not in candidates:
            problems.append(
                Problem(
                    concept.relpath,
                    where,
                    f"adapted_from.{index}: unbekannte Konzept-ID '{ref}'{did_you_mean(ref, candidates)}",
                )
            )
    duplicates = [p for p in paths_by_stem.get(concept.id, []) if p != concept.path]
    for other in duplicates:
        problems.append(
            Problem(
                concept.relpath,
                1,
                f"ID '{concept.id}' ist doppelt vergeben (auch {other.relative_to(library.root).as_posix()})",
            )
        )


def _paths_by_stem(root: Path) -> dict[str, list[Path]]:
    """Concept files by file name, listed once (a glob per concept made loading O(N²))."""
    paths: dict[str, list[Path]] = {}
    for path in sorted(root.glob("*/*.md")):
        paths.setdefault(path.stem, []).append(path)
    return paths


def _sections(body: str, first_line: int) -> tuple[str, list[Section]]:
    """The text before the first H2 and the body's H2 sections (see :mod:`.markdown`)."""
    lines = body.split("\n")
    found = headings(body)
    ends = [heading.start for heading in found[1:]] + [len(lines)]
    sections = [
        Section(
            heading.title, "\n".join(lines[heading.end : end]).strip(), first_line + heading.start
        )
        for heading, end in zip(found, ends, strict=True)
    ]
    intro = "\n".join(lines[: found[0].start if found else len(lines)]).strip()
    return intro, sections
