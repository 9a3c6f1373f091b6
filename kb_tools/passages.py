"""Concepts cut into the passages that are embedded and shown as snippets."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kb_tools.library import Concept, Library

SUMMARY_SECTION = "Zusammenfassung"
_MARKUP = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep the text
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1"), r"\2"),  # emphasis
    (re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+", re.M), ""),  # list markers
    (re.compile(r"^\s{0,3}(?:#{1,6}|>)\s*", re.M), ""),  # headings, quotes
    (re.compile(r"<[^>]+>"), ""),  # inline HTML
]


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


def plain_text(markdown: str) -> str:
    """Markdown reduced to readable text (no markers, one line per paragraph or item)."""
    text = markdown
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


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
    return passages


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
        plain_text(concept.body),
    ]
    return "\n".join(fields)
