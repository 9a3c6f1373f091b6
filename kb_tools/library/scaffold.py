"""``kb new``: a new concept file from the template or from another centre's concept, with an
id derived from its title."""

from __future__ import annotations

import datetime as dt
import glob
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from kb_tools.errors import ConceptExists, KbError, LibraryError, UnknownConcept
from kb_tools.library.loader import check_library, load_vocabularies
from kb_tools.library.model import VOCABULARIES, Concept
from kb_tools.library.schema import FIELD_NAMES, Taxonomy
from kb_tools.library.symlinks import link_problem
from kb_tools.library.template import template_text
from kb_tools.problems import did_you_mean, unknown_value

_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
)
MAX_ID_LENGTH = 60
# What an adaptation takes over from its original; evidence, transfers and contact are the
# original centre's own and stay behind.
ADAPTED_FIELDS = (
    "summary",
    "topics",
    "formats",
    "audience",
    "license",
    "duration",
    "group_size",
    "industries",
    "keywords",
)
_LEFT_BEHIND = ("contact", "evidence", "transfers")


def slugify(title: str) -> str:
    """A concept id from a German title: umlauts transliterated, ``a-z0-9`` and single dashes."""
    text = unicodedata.normalize("NFKD", title.translate(_TRANSLITERATION))
    text = text.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_ID_LENGTH:
        slug = slug[:MAX_ID_LENGTH].rsplit("-", 1)[0]
    return slug


def new_concept(
    library_dir: Path,
    center: str,
    title: str,
    *,
    topics: Sequence[str] = (),
    formats: Sequence[str] = (),
    audience: Sequence[str] = (),
    today: dt.date | None = None,
) -> Path:
    """Write ``<library>/<center>/<id>.md`` from the template; never overwrites."""
    title, concept_id = _title_and_id(title)
    centers, taxonomy = load_vocabularies(library_dir)
    _check_keys(center, centers, taxonomy, topics=topics, formats=formats, audience=audience)
    _refuse_existing(library_dir, concept_id)
    text = template_text().format(
        title=_yaml_scalar(title),
        center=center,
        topics=", ".join(topics),
        formats=", ".join(formats),
        audience=", ".join(audience),
        today=(today or dt.date.today()).isoformat(),
    )
    return _write(library_dir, center, concept_id, text)


def adapt_concept(
    library_dir: Path,
    original_id: str,
    center: str,
    *,
    title: str | None = None,
    topics: Sequence[str] = (),
    formats: Sequence[str] = (),
    audience: Sequence[str] = (),
    today: dt.date | None = None,
) -> Path:
    """Write a new concept of ``center`` that adapts ``original_id``: its title (unless given),
    summary, vocabularies, licence and body, with ``adapted_from`` naming the original and
    status ``entwurf``. Evidence, transfers and contact are not copied; never overwrites."""
    centers, taxonomy = load_vocabularies(library_dir)
    library, _ = check_library(library_dir)
    original = library.concepts.get(original_id) if library is not None else None
    if original is None:
        raise _unknown_original(Path(library_dir), original_id, library.concepts if library else {})
    title, concept_id = _title_and_id(title or original.meta.title)
    _check_keys(center, centers, taxonomy, topics=topics, formats=formats, audience=audience)
    _refuse_existing(library_dir, concept_id)
    today = today or dt.date.today()
    overrides = {"topics": list(topics), "formats": list(formats), "audience": list(audience)}
    meta = _adapted_meta(original, title, center, today, overrides)
    hints = _template_hints(_LEFT_BEHIND, today)
    text = f"---\n{_front_matter(meta)}{hints}---\n{original.body}"
    return _write(library_dir, center, concept_id, text)


def _title_and_id(title: str) -> tuple[str, str]:
    title = " ".join(title.split())
    concept_id = slugify(title)
    if not concept_id:
        raise LibraryError(
            f"Aus dem Titel {title!r} lässt sich keine ID bilden; bitte Buchstaben verwenden."
        )
    return title, concept_id


def _check_keys(
    center: str,
    centers: Mapping[str, object],
    taxonomy: Taxonomy,
    **chosen: Sequence[str],
) -> None:
    """Refuse a centre or vocabulary key the library does not know, naming each one."""
    wrong = []
    if center not in centers:
        wrong.append(unknown_value("Zentrum", center, centers))
    for vocabulary, keys in chosen.items():
        known = taxonomy.vocabulary(vocabulary)
        wrong += [unknown_value(VOCABULARIES[vocabulary], k, known) for k in keys if k not in known]
    if wrong:
        raise LibraryError("\n".join(message[0].upper() + message[1:] for message in wrong))


def _unknown_original(root: Path, original_id: str, known: Mapping[str, Concept]) -> KbError:
    if any(root.glob(f"*/{glob.escape(original_id)}.md")):
        return LibraryError(
            f"Konzept '{original_id}' hat Fehler; bitte zuerst 'kb validate' ausführen."
        )
    return UnknownConcept(f"Unbekanntes Konzept '{original_id}'{did_you_mean(original_id, known)}")


def _refuse_existing(library_dir: Path, concept_id: str) -> None:
    existing = sorted(Path(library_dir).glob(f"*/{concept_id}.md"))
    if existing:
        raise ConceptExists(
            f"Konzept '{concept_id}' existiert bereits ({existing[0]}); "
            "bitte einen anderen Titel wählen oder die Datei bearbeiten."
        )


def _adapted_meta(
    original: Concept,
    title: str,
    center: str,
    today: dt.date,
    overrides: Mapping[str, list[str]],
) -> dict[str, Any]:
    source = original.meta.model_dump(mode="python", exclude_none=True)
    meta: dict[str, Any] = {
        "title": title,
        "center": center,
        "status": "entwurf",
        "updated": today,
        "adapted_from": [original.id],
    }
    for key in ADAPTED_FIELDS:
        value = overrides.get(key) or source.get(key)
        if value not in (None, [], ""):
            meta[key] = value
    return {key: meta[key] for key in FIELD_NAMES if key in meta}


def _front_matter(meta: Mapping[str, Any]) -> str:
    """YAML in the house style: one key per line, lists and mappings of values in brackets
    (``default_flow_style=None``; the lists always present keep the top level a block)."""
    return yaml.safe_dump(
        dict(meta), allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
    )


def _template_hints(keys: Sequence[str], today: dt.date) -> str:
    """The template's commented-out lines for ``keys`` (``# contact: Name, Funktion``)."""
    filled = template_text().format(
        title="", center="", topics="", formats="", audience="", today=today.isoformat()
    )
    wanted = tuple(f"# {key}:" for key in keys)
    return "".join(f"{line}\n" for line in filled.split("\n") if line.startswith(wanted))


def _write(library_dir: Path, center: str, concept_id: str, text: str) -> Path:
    path = Path(library_dir) / center / f"{concept_id}.md"
    # A centre folder linked out of the library would put the new file elsewhere on disk.
    folder = path.parent
    if folder.is_symlink() and (outside := link_problem(library_dir, folder)) is not None:
        raise LibraryError(f"{center}/: {outside}")
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _yaml_scalar(value: str) -> str:
    """Quote a title when plain YAML would misread it."""
    if re.search(r"[:#\[\]{}&*!|>'\"%@`,]", value) or value[0] in "-?":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value
