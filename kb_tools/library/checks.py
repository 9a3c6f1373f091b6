"""One concept file checked: its document → a :class:`Concept` plus every located problem.

:func:`make_concept` checks what the file says on its own (schema, centre, vocabularies,
sections, leftover template text); :func:`check_references` checks it against the other
concepts of its library (``adapted_from``, duplicate ids, copied figures and texts). The
loader runs both for a whole library and for one edited text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kb_tools.library.frontmatter import Document, dotted
from kb_tools.library.markdown import split_sections
from kb_tools.library.materials import check_materials, listed_files, unlisted_files
from kb_tools.library.model import VOCABULARIES, Concept, Library, Section
from kb_tools.library.schema import FIELD_NAMES, ID_PATTERN, SECTIONS, ConceptMeta, german_errors
from kb_tools.library.template import guidance_in
from kb_tools.problems import Problem, did_you_mean, unknown_value

FOLDER_MESSAGE = "Konzeptdateien gehören in einen Zentrumsordner: <zentrum>/<id>.md"
# Errors listed one by one per file; a hostile file must not cost a suggestion per bad value.
MAX_ERRORS = 50


@dataclass(frozen=True)
class Peers:
    """What one concept is checked against: the rest of its library."""

    concepts: Mapping[str, Concept]  # every concept that parsed, by id
    files: Mapping[str, Sequence[str]]  # relative paths of every concept file, by file stem
    bodies: Mapping[str, Sequence[Concept]]  # concepts by Concept.body_digest
    adapted_by: Mapping[str, Sequence[Concept]] = field(default_factory=dict)  # reverse lineage


def folder_problems(rel: str, centers: Mapping[str, object]) -> list[Problem]:
    """The folder of ``<zentrum>/<id>.md`` must be a centre of ``centers.yml``."""
    folder = rel.split("/", 1)[0]
    if folder in centers:
        return []
    return [
        Problem(
            rel,
            1,
            f"Zentrum '{folder}' nicht in centers.yml: der Ordner einer Konzeptdatei ist der "
            f"Schlüssel ihres Zentrums{did_you_mean(folder, centers)}",
        )
    ]


def make_concept(
    root: Path, rel: str, doc: Document, library: Library
) -> tuple[Concept | None, list[Problem]]:
    """The concept of ``doc`` (``None`` if it has errors) and everything wrong with it alone."""
    concept_id, folder = Path(rel).stem, rel.split("/", 1)[0]
    problems: list[Problem] = []
    omitted = 0

    def report(line: int, message: str, field: str = "") -> None:
        nonlocal omitted
        if len(problems) < MAX_ERRORS:
            problems.append(Problem(rel, line, message, field=field))
        else:
            omitted += 1

    def report_omitted() -> None:
        if omitted:
            message = f"{omitted} weitere Fehler nicht einzeln aufgeführt (höchstens {MAX_ERRORS})"
            problems.append(Problem(rel, 1, message))

    if not ID_PATTERN.match(concept_id):
        report(
            1,
            f"ungültige ID '{concept_id}': der Dateiname darf nur a-z, 0-9 und einzelne "
            "Bindestriche enthalten",
        )
    try:
        meta = ConceptMeta.model_validate(doc.data)
    except ValidationError as exc:
        for loc, message in german_errors(exc, FIELD_NAMES, limit=MAX_ERRORS):
            report(doc.line_of(loc), message, dotted(loc))
        omitted += max(0, exc.error_count() - MAX_ERRORS)
        report_omitted()
        return None, problems
    center_line = doc.line_of(("center",))
    if meta.center not in library.centers:
        report(
            center_line,
            f"center: {unknown_value('Zentrum', meta.center, library.centers)}",
            "center",
        )
    elif meta.center != folder and folder in library.centers:
        report(center_line, f"center: '{meta.center}' passt nicht zum Ordner '{folder}'", "center")
    for vocabulary, noun in VOCABULARIES.items():
        known = library.taxonomy.vocabulary(vocabulary)
        for index, key in enumerate(getattr(meta, vocabulary)):
            if key not in known and len(problems) >= MAX_ERRORS:
                omitted += 1
            elif key not in known:
                where = f"{vocabulary}.{index}"
                line = doc.line_of((vocabulary, index))
                report(line, f"{where}: {unknown_value(noun, key, known)}", where)
    for index, transfer in enumerate(meta.transfers):
        if transfer.center not in library.centers:
            where = f"transfers.{index}.center"
            line = doc.line_of(("transfers", index, "center"))
            report(
                line,
                f"{where}: {unknown_value('Zentrum', transfer.center, library.centers)}",
                where,
            )
    report_omitted()
    materials, material_problems = check_materials(root, rel, doc, meta)
    problems.extend(material_problems)
    problems.extend(unlisted_files(root, rel, listed_files(materials)))
    ok = not any(p.is_error for p in problems)
    intro, sections = split_sections(doc.body, doc.body_line)
    titles = [s.title for s in sections]
    for wanted in SECTIONS:
        if wanted not in titles:
            problems.append(
                Problem(rel, doc.body_line, f"Abschnitt '## {wanted}' fehlt", "warnung")
            )
    problems.extend(_guidance_left(rel, doc, meta, intro, sections))
    if not ok:
        return None, problems
    digest = hashlib.sha256(doc.raw.encode()).hexdigest()
    concept = Concept(
        concept_id,
        root / rel,
        rel,
        meta,
        doc.body,
        doc.body_line,
        intro,
        tuple(sections),
        digest,
        materials,
    )
    return concept, problems


def check_references(concept: Concept, doc: Document, peers: Peers) -> list[Problem]:
    """What is wrong with ``concept`` given the rest of its library."""
    rel = concept.relpath
    problems: list[Problem] = []
    for index, ref in enumerate(concept.meta.adapted_from):
        where = f"adapted_from.{index}"
        line = doc.line_of(("adapted_from", index))
        source = peers.concepts.get(ref)
        if ref == concept.id:
            message = f"{where}: ein Konzept kann nicht auf sich selbst aufbauen"
            problems.append(Problem(rel, line, message, field=where))
        elif source is None:
            message = f"{where}: unbekannte Konzept-ID '{ref}'{did_you_mean(ref, peers.concepts)}"
            problems.append(Problem(rel, line, message, field=where))
        elif concept.meta.evidence is not None and concept.meta.evidence == source.meta.evidence:
            problems.append(
                Problem(
                    rel,
                    doc.line_of(("evidence",)),
                    f"evidence: gleicht genau der Erprobung von '{ref}' (aus dem Original "
                    "übernommen?); bitte die eigenen Zahlen eintragen oder evidence entfernen",
                    "warnung",
                    "evidence",
                )
            )
    problems.extend(transfer_problems(concept, doc, peers))
    for other in peers.files.get(concept.id, ()):
        if other != rel:
            message = f"ID '{concept.id}' ist doppelt vergeben (auch {other})"
            problems.append(Problem(rel, 1, message))
    # The copy warns, not its original: an adaptation that names this concept is the copy.
    same_body = peers.bodies.get(concept.body_digest, ()) if concept.body_digest else ()
    twins = [
        other
        for other in same_body
        if other.relpath != rel and concept.id not in other.meta.adapted_from
    ]
    if twins:
        names = ", ".join(f"'{other.id}'" for other in twins)
        problems.append(
            Problem(
                rel,
                concept.body_line,
                f"Text ist identisch mit dem von {names}; bitte an das eigene Angebot anpassen",
                "warnung",
            )
        )
    problems.extend(status_problems(concept, doc, peers.adapted_by.get(concept.id, ())))
    return problems


def transfer_problems(concept: Concept, doc: Document, peers: Peers) -> list[Problem]:
    """Warnings where lineage and transfers disagree, so the atlas counts every transfer once:
    an adaptation in another centre whose original records no transfer to that centre, and a
    transfer to a centre that published no adaptation and is not marked ``informal``."""
    rel, meta = concept.relpath, concept.meta
    problems = []
    for index, ref in enumerate(meta.adapted_from):
        source = peers.concepts.get(ref)
        if source is None or ref == concept.id or source.meta.center == meta.center:
            continue
        if not any(t.center == meta.center for t in source.meta.transfers):
            where = f"adapted_from.{index}"
            problems.append(
                Problem(
                    rel,
                    doc.line_of(("adapted_from", index)),
                    f"{where}: '{ref}' ({source.meta.center}) verzeichnet keine Übertragung an "
                    f"'{meta.center}'; bitte in {source.relpath} unter transfers eintragen "
                    f"(center: {meta.center}, date: …), sonst fehlt sie im Überblick",
                    "warnung",
                    where,
                )
            )
    adapted_in = {c.meta.center for c in peers.adapted_by.get(concept.id, ())}
    for index, transfer in enumerate(meta.transfers):
        where = f"transfers.{index}.center"
        line = doc.line_of(("transfers", index, "center"))
        if transfer.center == meta.center:
            message = f"{where}: eine Übertragung an das eigene Zentrum '{meta.center}'"
        elif transfer.informal or transfer.center in adapted_in:
            continue
        else:
            message = (
                f"{where}: kein Konzept von '{transfer.center}' baut auf diesem auf "
                "(adapted_from); setzt das Zentrum es ohne eigene Fassung ein, bitte "
                "informal: true eintragen"
            )
        problems.append(Problem(rel, line, message, "warnung", where))
    return problems


def status_problems(
    concept: Concept, doc: Document, adaptations: Sequence[Concept]
) -> list[Problem]:
    """Warnings where the status contradicts what the file records about the concept's use."""
    meta = concept.meta
    line = doc.line_of(("status",))

    def warn(message: str) -> list[Problem]:
        return [Problem(concept.relpath, line, f"status: {message}", "warnung", "status")]

    evidence = meta.evidence
    if meta.status == "entwurf" and evidence and (evidence.companies or evidence.participants):
        return warn(
            f"'entwurf', aber erprobt mit {evidence.companies} Betrieben und "
            f"{evidence.participants} Teilnehmenden (evidence) – ist 'erprobt' gemeint?"
        )
    elsewhere = [c for c in adaptations if c.meta.center != meta.center]
    # Only what this file itself records: an adaptation elsewhere warns in the adaptation
    # (its original lacks the transfer), not in a file its author may not own.
    if meta.status == "erprobt" and meta.transfers:
        taken = sorted({t.center for t in meta.transfers})
        return warn(
            f"'erprobt', aber schon übernommen von {', '.join(taken)} (transfers) – ist "
            "'transferiert' gemeint?"
        )
    if meta.status == "transferiert" and not meta.transfers and not elsewhere:
        return warn(
            "'transferiert', aber weder eine Übertragung (transfers) noch eine Weiterentwicklung "
            "in einem anderen Zentrum (adapted_from) ist erfasst"
        )
    return []


def _guidance_left(
    rel: str, doc: Document, meta: ConceptMeta, intro: str, sections: Sequence[Section]
) -> list[Problem]:
    """Warnings for the template's guidance text still standing in summary or body."""
    problems = []
    phrase = guidance_in(meta.summary)
    if phrase is not None:
        problems.append(
            Problem(
                rel,
                doc.line_of(("summary",)),
                f"summary: enthält noch den Hinweistext der Vorlage ('{phrase.text}'); bitte "
                "durch eine eigene Beschreibung ersetzen",
                "warnung",
                "summary",
            )
        )
    parts = [("Der Text vor dem ersten Abschnitt", doc.body_line, intro)]
    parts += [(f"Abschnitt '## {s.title}'", s.line, s.text) for s in sections]
    for name, line, text in parts:
        phrase = guidance_in(text)
        if phrase is not None:
            problems.append(
                Problem(
                    rel,
                    line,
                    f"{name} enthält noch den Hinweistext der Vorlage ('{phrase.text}'); bitte "
                    "durch eigenen Text ersetzen",
                    "warnung",
                )
            )
    return problems
