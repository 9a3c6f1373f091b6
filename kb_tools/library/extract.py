"""The text of a material file (PDF, DOCX, ODT, Markdown, plain text), for the search index.

Extraction is bounded (pages, characters) and never raises: a document that cannot be read
simply contributes no text. Results are cached by content hash, so re-indexing an unchanged
library reads no document twice in one process.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from kb_tools.library.markdown import plain_text
from kb_tools.library.materials import MaterialFile

MAX_PAGES = 100
MAX_CHARS = 100_000
log = logging.getLogger(__name__)

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ODT = "application/vnd.oasis.opendocument.text"
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def material_text(material: MaterialFile) -> str:
    """Plain text of ``material`` (``""`` for links, images, videos and unreadable files)."""
    if material.path is None or material.mime not in _READERS:
        return ""
    return _cached_text(material.path, material.mime, material.sha256)


@lru_cache(maxsize=4096)
def _cached_text(path: Path, mime: str, sha256: str) -> str:
    try:
        data = path.read_bytes()
        text = _READERS[mime](data)
    except Exception as exc:  # any reader error: the file adds no text, the index still builds
        log.warning("Text aus %s nicht lesbar: %s", path, exc)
        return ""
    text = _SPACES.sub(" ", text.replace("\r", "\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()[:MAX_CHARS]


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    pages = []
    for page in reader.pages[:MAX_PAGES]:
        pages.append(page.extract_text() or "")
        if sum(map(len, pages)) > MAX_CHARS:
            break
    return "\n\n".join(pages)


def _docx(data: bytes) -> str:
    import docx

    document = docx.Document(BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n\n".join(part for part in parts if part.strip())


def _odt(data: bytes) -> str:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    document = load(BytesIO(data))
    blocks = {(TEXTNS, "h"), (TEXTNS, "p")}
    texts: list[str] = []
    # Only the body (document.text), not the page styles with their headers and footers;
    # a paragraph's text includes what is nested in it, so its children are not visited.
    stack = [document.text]
    while stack:
        node = stack.pop()
        if getattr(node, "qname", None) in blocks:
            texts.append(teletype.extractText(node))
        else:
            stack.extend(reversed(getattr(node, "childNodes", [])))
    return "\n\n".join(text for text in texts if text.strip())


def _markdown(data: bytes) -> str:
    return plain_text(data.decode("utf-8", errors="replace"))


def _plain(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


_READERS = {
    "application/pdf": _pdf,
    _DOCX: _docx,
    _ODT: _odt,
    "text/markdown": _markdown,
    "text/plain": _plain,
}
