"""``kb new``: a new concept file from the template, with an id derived from its title."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from kb_tools.errors import ConceptExists, LibraryError
from kb_tools.library.loader import load_vocabularies
from kb_tools.library.model import VOCABULARIES
from kb_tools.library.schema import Taxonomy
from kb_tools.library.template import template_text
from kb_tools.problems import unknown_value

_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
)
MAX_ID_LENGTH = 60


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


def _refuse_existing(library_dir: Path, concept_id: str) -> None:
    existing = sorted(Path(library_dir).glob(f"*/{concept_id}.md"))
    if existing:
        raise ConceptExists(
            f"Konzept '{concept_id}' existiert bereits ({existing[0]}); "
            "bitte einen anderen Titel wählen oder die Datei bearbeiten."
        )


def _write(library_dir: Path, center: str, concept_id: str, text: str) -> Path:
    path = Path(library_dir) / center / f"{concept_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _yaml_scalar(value: str) -> str:
    """Quote a title when plain YAML would misread it."""
    if re.search(r"[:#\[\]{}&*!|>'\"%@`,]", value) or value[0] in "-?":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value
