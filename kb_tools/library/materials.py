"""Materials of a concept: files in ``<zentrum>/<id>/`` beside the concept, or https links.

A file is published only when its *content* is one of :data:`MATERIAL_TYPES` (magic bytes,
not the extension), it lies inside its concept's folder (no ``..``, no absolute path, no
symbolic link leading out of the folder, let alone the library) and it keeps to :data:`MAX_MATERIAL_BYTES` and
:data:`MAX_CONCEPT_BYTES`. Nothing a material carries may run in the site's origin: HTML, SVG
and other markup are refused whatever their name.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath

import filetype

from kb_tools.library.frontmatter import Document
from kb_tools.library.schema import ConceptMeta
from kb_tools.library.symlinks import link_problem
from kb_tools.problems import Problem, did_you_mean

MiB = 1024 * 1024
MAX_MATERIAL_BYTES = 10 * MiB
MAX_CONCEPT_BYTES = 30 * MiB
# Office files are ZIP archives: their unpacked content is bounded too (no ZIP bombs).
MAX_UNPACKED_BYTES = 100 * MiB


@dataclass(frozen=True)
class MaterialType:
    """An allowed kind of file: media type, German name, the file name endings it may have."""

    mime: str
    label: str
    extensions: tuple[str, ...]


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"
MATERIAL_TYPES: dict[str, MaterialType] = {
    t.mime: t
    for t in (
        MaterialType("application/pdf", "PDF", (".pdf",)),
        MaterialType(f"{_OOXML}.wordprocessingml.document", "Word (DOCX)", (".docx",)),
        MaterialType(f"{_OOXML}.spreadsheetml.sheet", "Excel (XLSX)", (".xlsx",)),
        MaterialType(f"{_OOXML}.presentationml.presentation", "PowerPoint (PPTX)", (".pptx",)),
        MaterialType(f"{_ODF}.text", "OpenDocument-Text (ODT)", (".odt",)),
        MaterialType(f"{_ODF}.spreadsheet", "OpenDocument-Tabelle (ODS)", (".ods",)),
        MaterialType(f"{_ODF}.presentation", "OpenDocument-Präsentation (ODP)", (".odp",)),
        MaterialType("image/png", "Bild (PNG)", (".png",)),
        MaterialType("image/jpeg", "Bild (JPEG)", (".jpg", ".jpeg")),
        MaterialType("video/mp4", "Video (MP4)", (".mp4",)),
        MaterialType("text/markdown", "Markdown-Text", (".md",)),
        MaterialType("text/plain", "Text", (".txt",)),
    )
}
ALLOWED_NAMES = ", ".join(
    dict.fromkeys(t.label.split(" (")[-1].rstrip(")") for t in MATERIAL_TYPES.values())
)
_TEXT_TYPES = {
    ext: t for t in MATERIAL_TYPES.values() if t.mime.startswith("text/") for ext in t.extensions
}
# Detected kinds that get a message of their own (the rest: "Dateityp nicht erlaubt").
_PROGRAMS = {
    "application/x-executable",
    "application/x-msdownload",
    "application/wasm",
    "application/x-deb",
    "application/x-rpm",
    "application/x-google-chrome-extension",
}
_ACTIVE_SUFFIXES = {".svg", ".svgz", ".html", ".htm", ".xhtml", ".xml", ".js", ".mjs"}
_MARKUP_START = re.compile(rb"^\s*(?:<\?xml|<!doctype|<html|<svg|<head|<body|<script)", re.I)
_ACTIVE_CONTENT = re.compile(rb"<\s*(?:script|svg|iframe|object|embed)\b|javascript:", re.I)


@dataclass(frozen=True)
class MaterialFile:
    """One checked material of a concept: a file in its folder or an https link."""

    title: str
    license: str
    description: str | None = None
    file: str | None = None  # path inside the concept's folder, POSIX separators
    url: str | None = None
    path: Path | None = None
    size: int = 0
    mime: str = ""
    label: str = "Link"
    sha256: str = ""

    @property
    def is_file(self) -> bool:
        return self.file is not None


def materials_folder(rel: str) -> str:
    """The materials folder of the concept file ``<zentrum>/<id>.md``: ``<zentrum>/<id>``."""
    return PurePosixPath(rel).with_suffix("").as_posix()


def check_materials(
    root: Path, rel: str, doc: Document, meta: ConceptMeta
) -> tuple[tuple[MaterialFile, ...], list[Problem]]:
    """Every material of ``meta`` checked on disk: the usable ones and each problem, located."""
    folder_rel = materials_folder(rel)
    root = Path(root).resolve()
    materials: list[MaterialFile] = []
    problems: list[Problem] = []
    total = 0
    for index, material in enumerate(meta.materials):
        license_key = material.license or meta.license
        if material.url is not None:
            materials.append(
                MaterialFile(material.title, license_key, material.description, url=material.url)
            )
            continue
        where = f"materials.{index}.file"
        line = doc.line_of(("materials", index, "file"))
        name = material.file or ""
        try:
            path, data, kind = _read_material(root, folder_rel, name)
        except _Refused as exc:
            problems.append(Problem(rel, line, f"{where}: {exc}", field=where))
            continue
        total += len(data)
        materials.append(
            MaterialFile(
                material.title,
                license_key,
                material.description,
                file=PurePosixPath(name).as_posix(),
                path=path,
                size=len(data),
                mime=kind.mime,
                label=kind.label,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    if total > MAX_CONCEPT_BYTES:
        problems.append(
            Problem(
                rel,
                doc.line_of(("materials",)),
                f"materials: zusammen {format_size(total)}, höchstens "
                f"{format_size(MAX_CONCEPT_BYTES)} je Konzept erlaubt",
                field="materials",
            )
        )
    return tuple(materials), problems


def unlisted_files(root: Path, rel: str, listed: Iterable[str]) -> list[Problem]:
    """Warnings for files in the concept's folder that no material lists (never published)."""
    folder_rel = materials_folder(rel)
    known = set(listed)
    return [
        Problem(
            f"{folder_rel}/{name}",
            1,
            f"Datei wird in keinem Material von '{rel}' aufgeführt (materials) und daher "
            "nicht veröffentlicht",
            "warnung",
        )
        for name in folder_files(Path(root) / folder_rel)
        if name not in known
    ]


def folder_files(folder: Path) -> list[str]:
    """The files in a materials folder (recursively, hidden ones left out), POSIX-relative."""
    if not folder.is_dir():
        return []
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if (path.is_file() or path.is_symlink())
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def format_size(size: int) -> str:
    """A file size as people read it: ``850 Byte``, ``12 KB``, ``3,4 MB``."""
    if size < 1024:
        return f"{size} Byte"
    if size < MiB:
        return f"{round(size / 1024)} KB"
    return f"{size / MiB:.1f} MB".replace(".", ",")


class _Refused(Exception):
    """A material file that cannot be published; the message says why (German)."""


def _read_material(root: Path, folder_rel: str, name: str) -> tuple[Path, bytes, MaterialType]:
    """The checked file ``name`` of the materials folder ``folder_rel`` in the (resolved)
    library ``root``: where it really lies, its bytes and its type; :class:`_Refused` if not."""
    folder = root / folder_rel
    parts = PurePosixPath(name).parts
    if (
        not name.strip()
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or re.match(r"^[A-Za-z]:", name)
        or any(part in ("..", ".") or part.startswith(".") for part in parts)
    ):
        raise _Refused(
            f"'{name[:200]}' muss ein Dateiname im Materialordner {folder_rel}/ sein "
            "(kein absoluter Pfad, kein '..', keine versteckte Datei)"
        )
    path = folder.joinpath(*parts)
    if not path.exists() and not path.is_symlink():
        raise _Refused(
            f"Datei '{name}' fehlt im Materialordner {folder_rel}/"
            f"{did_you_mean(name, folder_files(folder))}"
        )
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise _Refused(f"'{name}' ist ein symbolischer Link, der ins Leere zeigt") from None
    if (outside := link_problem(root, path)) is not None:
        raise _Refused(f"'{name}': {outside}")
    if not real.is_relative_to(folder.resolve()):  # the folder may be a link inside
        raise _Refused(
            f"'{name}' ist ein symbolischer Link aus dem Materialordner {folder_rel}/ hinaus; "
            "bitte die Datei selbst in den Ordner legen"
        )
    if not real.is_file():
        raise _Refused(f"'{name}' ist keine Datei")
    size = real.stat().st_size
    if size > MAX_MATERIAL_BYTES:
        raise _Refused(
            f"'{name}' ist zu groß ({format_size(size)}; höchstens "
            f"{format_size(MAX_MATERIAL_BYTES)} je Datei)"
        )
    try:
        data = real.read_bytes()
    except OSError as exc:
        raise _Refused(f"'{name}' kann nicht gelesen werden: {exc.strerror}") from None
    kind = detect_type(data, PurePosixPath(name).suffix.lower(), name)
    return real, data, kind


def detect_type(data: bytes, suffix: str, name: str) -> MaterialType:
    """The allowed type of ``data`` judged by its content; :class:`_Refused` otherwise."""
    if suffix in _ACTIVE_SUFFIXES:
        raise _Refused(
            f"'{name}': Dateien vom Typ {suffix} (HTML, SVG, Skripte) sind nicht erlaubt, weil "
            f"sie auf der Website Code ausführen könnten; erlaubt sind {ALLOWED_NAMES}"
        )
    guess = filetype.guess(data) if data else None
    if guess is None:
        kind = _text_type(data, suffix, name)
    elif guess.mime in MATERIAL_TYPES:
        kind = MATERIAL_TYPES[guess.mime]
        if kind.mime.startswith((_OOXML, _ODF)):
            _check_archive(data, name)
    elif guess.mime in _PROGRAMS:
        raise _Refused(f"'{name}' ist dem Inhalt nach ein ausführbares Programm ({guess.mime})")
    else:
        raise _Refused(
            f"'{name}': Dateityp {guess.mime} ist nicht erlaubt; erlaubt sind {ALLOWED_NAMES}"
        )
    if suffix not in kind.extensions:
        raise _Refused(
            f"'{name}' ist dem Inhalt nach {kind.label}, die Endung '{suffix or '(keine)'}' "
            f"passt nicht dazu; bitte '{PurePosixPath(name).stem}{kind.extensions[0]}' nennen"
        )
    return kind


def _text_type(data: bytes, suffix: str, name: str) -> MaterialType:
    if b"\x00" in data:
        raise _Refused(
            f"'{name}': unbekannter Dateityp (weder {ALLOWED_NAMES} noch Text); "
            "bitte z. B. als PDF beifügen"
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(f"'{name}': Text ist nicht in UTF-8 gespeichert") from None
    if _MARKUP_START.match(data) or _ACTIVE_CONTENT.search(data):
        raise _Refused(
            f"'{name}' enthält HTML, SVG oder Skripte, die auf der Website Code ausführen "
            "könnten; bitte als PDF oder reinen Text beifügen"
        )
    kind = _TEXT_TYPES.get(suffix)
    if kind is None:
        raise _Refused(
            f"'{name}' ist dem Inhalt nach Text; Textmaterial braucht die Endung .md oder .txt"
        )
    return kind


def _check_archive(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _Refused(f"'{name}' ist beschädigt (kein lesbares Office-Dokument)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _Refused(
            f"'{name}' entpackt sich zu {format_size(unpacked)} (höchstens "
            f"{format_size(MAX_UNPACKED_BYTES)})"
        )


def listed_files(materials: Sequence[MaterialFile]) -> list[str]:
    return [m.file for m in materials if m.file is not None]


def orphan_folders(root: Path, concept_files: Iterable[str]) -> list[Problem]:
    """Warnings for folders ``<zentrum>/<x>/`` that no concept file ``<zentrum>/<x>.md`` owns."""
    root = Path(root)
    owned = {materials_folder(rel) for rel in concept_files}
    problems = []
    inside = root.resolve()
    for folder in sorted(root.glob("*/*/")):
        rel = folder.relative_to(root).as_posix()
        if rel in owned or any(part.startswith(".") for part in folder.relative_to(root).parts):
            continue
        if not folder.resolve().is_relative_to(inside):  # the loader refuses its centre folder
            continue
        problems.append(
            Problem(
                rel + "/",
                1,
                f"Ordner ohne Konzept: Materialien gehören in den Ordner neben ihrem Konzept, "
                f"hier fehlt '{rel}.md'{did_you_mean(folder.name, sorted(_stems(folder.parent)))}",
                "warnung",
            )
        )
    return problems


def _stems(folder: Path) -> list[str]:
    return [path.stem for path in folder.glob("*.md")]
