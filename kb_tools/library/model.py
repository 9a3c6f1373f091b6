"""The parsed library: :class:`Concept` objects, their centres and vocabularies, their lineage.

Data flows one way: files → these objects (made by :mod:`kb_tools.library.loader`) → site
pages, index, API. Every reader of the library works with these, never with the files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kb_tools.library.materials import MaterialFile
from kb_tools.library.schema import Center, ConceptMeta, Taxonomy
from kb_tools.library.urls import concept_url

CENTERS_FILE = "centers.yml"
TAXONOMY_FILE = "taxonomy.yml"
# Taxonomy vocabulary → the German noun for one of its keys (in messages).
VOCABULARIES = {"topics": "Thema", "formats": "Format", "audience": "Zielgruppe"}


@dataclass(frozen=True)
class Section:
    """An H2 section of a concept body: plain-text title, Markdown text, line of the heading."""

    title: str
    text: str
    line: int


@dataclass(frozen=True)
class Concept:
    """One parsed, valid concept file."""

    id: str
    path: Path
    relpath: str
    meta: ConceptMeta
    body: str
    body_line: int
    intro: str
    sections: tuple[Section, ...]
    source_hash: str
    materials: tuple[MaterialFile, ...] = ()

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def url(self) -> str:
        """The concept page, relative to the site root."""
        return concept_url(self.id)

    @cached_property
    def body_digest(self) -> str:
        """A hash of the body with its whitespace normalised; ``""`` for an empty body."""
        text = " ".join(self.body.split())
        return hashlib.sha256(text.encode()).hexdigest() if text else ""


@dataclass
class Library:
    """Centres, vocabularies and concepts of one library folder."""

    root: Path
    centers: dict[str, Center]
    taxonomy: Taxonomy
    concepts: dict[str, Concept] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def label(self, vocabulary: str, key: str) -> str:
        """German label of a taxonomy key (``topics``, ``formats``, ``audience``)."""
        return self.taxonomy.vocabulary(vocabulary).get(key, key)

    def region(self, center: str) -> str:
        return self.centers[center].region

    def sources(self, concept: Concept) -> list[Concept]:
        """The concepts ``concept`` adapts (its ``adapted_from`` that exist)."""
        return [self.concepts[ref] for ref in concept.meta.adapted_from if ref in self.concepts]

    def derived(self, concept_id: str) -> list[Concept]:
        """Concepts whose ``adapted_from`` names ``concept_id`` (the reverse lineage)."""
        return self._derived.get(concept_id, [])

    def lineage_links(self) -> list[tuple[str, str]]:
        """Every (adaptation, source) pair of the library, in concept order."""
        return [(c.id, source.id) for c in self for source in self.sources(c)]

    @cached_property
    def _derived(self) -> dict[str, list[Concept]]:
        # Built once, on first use (the loader has set ``concepts`` by then): per-page scans
        # of the whole library made the site build O(N²).
        derived: dict[str, list[Concept]] = {}
        for child, source in self.lineage_links():
            derived.setdefault(source, []).append(self.concepts[child])
        return derived

    def with_body(self, digest: str) -> list[Concept]:
        """The concepts whose :attr:`Concept.body_digest` is ``digest`` (none for ``""``)."""
        return self._bodies.get(digest, []) if digest else []

    @cached_property
    def _bodies(self) -> dict[str, list[Concept]]:
        # Built once, like _derived: checking one edited text must not hash every body.
        bodies: dict[str, list[Concept]] = {}
        for concept in self:
            bodies.setdefault(concept.body_digest, []).append(concept)
        return bodies

    def content_hash(self) -> str:
        """A hash over everything the library contains; changes with any file."""
        digest = hashlib.sha256()
        for name in (CENTERS_FILE, TAXONOMY_FILE):
            digest.update((self.root / name).read_bytes())
        for concept in self:
            digest.update(f"{concept.id}:{concept.source_hash}\n".encode())
            for material in concept.materials:
                digest.update(f"{material.file}:{material.sha256}\n".encode())
        return digest.hexdigest()
