"""Concepts cut into the passages that are embedded and shown as snippets."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kb_tools.library import Concept, Library, material_text, plain_text

SUMMARY_SECTION = "Zusammenfassung"
# A material's passages are named after it, so a hit says where the words stood.
MATERIAL_SECTION = "Material: {title}"
# Material text is cut into passages of about this many characters, at most this many each.
CHUNK_CHARS = 700
MAX_MATERIAL_PASSAGES = 12


@dataclass(frozen=True)
class Passage:
    """A piece of one concept: ``text`` is shown, ``embed_text`` is what the model reads."""

    concept_id: str
    section: str
    text: str
    embed_text: str

    @property
    def key(self) -> str:
        """Content hash: the same text gets the same embedding, whatever concept holds it."""
        return hashlib.sha256(self.embed_text.encode()).hexdigest()[:32]


def passages_of(concept: Concept) -> list[Passage]:
    """Title with summary and keywords, then each H2 section with the title in front."""
    meta = concept.meta
    intro = f"{meta.title}. {meta.summary}"
    if meta.keywords:
        intro += f"\nSchlagworte: {', '.join(meta.keywords)}"
    passages = [Passage(concept.id, SUMMARY_SECTION, meta.summary, intro)]
    for section in concept.sections:
        text = plain_text(section.text)
        if text:
            embed = f"{meta.title} – {section.title}\n{text}"
            passages.append(Passage(concept.id, section.title, text, embed))
    for material in concept.materials:
        name = MATERIAL_SECTION.format(title=material.title)
        for chunk in chunks(material_text(material))[:MAX_MATERIAL_PASSAGES]:
            embed = f"{meta.title} – {name}\n{chunk}"
            passages.append(Passage(concept.id, name, chunk, embed))
    return passages


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` in pieces of about ``size`` characters, cut between paragraphs or words."""
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    for paragraph in text.split("\n\n"):
        for index, word in enumerate(paragraph.split()):
            word = word[:size]
            if length and length + len(word) + 1 > size:
                pieces.append(" ".join(current))
                current, length = [], 0
            # A paragraph break inside a piece stays a line break.
            current.append(f"\n{word}" if index == 0 and current else word)
            length += len(word) + 1
    if current:
        pieces.append(" ".join(current))
    return [piece.replace(" \n", "\n") for piece in pieces]


def library_passages(library: Library) -> list[Passage]:
    return [p for concept in library for p in passages_of(concept)]


def lexical_text(concept: Concept, library: Library) -> str:
    """All searchable words of a concept; title and keywords repeated to weigh more (BM25F-like)."""
    meta = concept.meta
    labels = [library.label("topics", k) for k in meta.topics]
    labels += [library.label("formats", k) for k in meta.formats]
    labels += [library.label("audience", k) for k in meta.audience]
    center = library.centers[meta.center]
    fields = [
        meta.title,
        meta.title,
        meta.title,
        meta.summary,
        meta.summary,
        " ".join(meta.keywords),
        " ".join(meta.keywords),
        " ".join(labels),
        " ".join(meta.industries),
        f"{center.name} {center.region}",
        body_text(concept),
    ]
    return "\n".join(fields)


def metadata_text(concept: Concept, library: Library) -> str:
    """What a centre entered as structured data: title, keywords, taxonomy labels, industries."""
    meta = concept.meta
    labels = [
        library.label(vocabulary, key)
        for vocabulary in ("topics", "formats", "audience")
        for key in getattr(meta, vocabulary)
    ]
    return "\n".join(
        [meta.title, " ".join(meta.keywords), " ".join(labels), " ".join(meta.industries)]
    )


def body_text(concept: Concept) -> str:
    """The whole body as plain text, section by section (each section is read once: cached)."""
    parts = [plain_text(concept.intro)]
    parts += [f"{section.title}\n{plain_text(section.text)}" for section in concept.sections]
    parts += [f"{m.title}\n{material_text(m)}" for m in concept.materials]
    return "\n".join(part for part in parts if part)
