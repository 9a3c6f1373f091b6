"""``kb new``: a new concept file from the template, with an id derived from its title."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from importlib import resources
from pathlib import Path

from kb_tools.errors import ConceptExists, LibraryError
from kb_tools.library.frontmatter import SourceError, read_yaml_file
from kb_tools.library.model import CENTERS_FILE
from kb_tools.problems import did_you_mean

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
    topics: tuple[str, ...] = (),
    formats: tuple[str, ...] = (),
    audience: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> Path:
    """Write ``<library>/<center>/<id>.md`` from the template; never overwrites."""
    title = " ".join(title.split())
    concept_id = slugify(title)
    if not concept_id:
        raise LibraryError(
            f"Aus dem Titel {title!r} lässt sich keine ID bilden; bitte Buchstaben verwenden."
        )
    try:
        centers, _ = read_yaml_file(Path(library_dir) / CENTERS_FILE, "centers.yml")
    except (OSError, SourceError) as exc:
        raise LibraryError(
            f"centers.yml in '{library_dir}' kann nicht gelesen werden: {exc}"
        ) from None
    if center not in centers:
        raise LibraryError(f"Unbekanntes Zentrum '{center}'{did_you_mean(center, centers)}")
    existing = sorted(Path(library_dir).glob(f"*/{concept_id}.md"))
    if existing:
        raise ConceptExists(
            f"Konzept '{concept_id}' existiert bereits ({existing[0]}); "
            "bitte einen anderen Titel wählen oder die Datei bearbeiten."
        )
    template = (
        resources.files("kb_tools.library")
        .joinpath("templates/concept.md")
        .read_text(encoding="utf-8")
    )
    text = template.format(
        title=_yaml_scalar(title),
        center=center,
        topics=", ".join(topics),
        formats=", ".join(formats),
        audience=", ".join(audience),
        today=(today or dt.date.today()).isoformat(),
    )
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
