"""The concept template (``templates/concept.md``) and the guidance phrases it contains.

``kb new`` writes the template; validation warns when its guidance text ("Was sollen die
Teilnehmenden danach können?") is still in a summary or section. The phrases come from the
template file itself, so editing the template keeps both in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kb_tools.library.frontmatter import parse_document
from kb_tools.library.markdown import split_sections

# A clause of guidance text: up to and including its end mark ("Format?", "Zeichen:").
_CLAUSE = re.compile(r"[^.?!:]+[.?!:]?")
# Clauses shorter than this could be real text ("Ablauf."); longer ones are the template's.
_MIN_PHRASE_WORDS = 3


@dataclass(frozen=True)
class Phrase:
    """One clause of the template's guidance: as written and as compared."""

    text: str
    folded: str


@lru_cache(maxsize=1)
def template_text() -> str:
    """The template with its ``str.format`` fields (``{title}``, ``{center}``, …)."""
    return (
        resources.files("kb_tools.library")
        .joinpath("templates/concept.md")
        .read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def template_phrases() -> tuple[Phrase, ...]:
    """The guidance clauses of the template's summary and sections."""
    filled = template_text().format(
        title="Titel", center="zentrum", topics="", formats="", audience="", today="2000-01-01"
    )
    doc = parse_document(filled)
    intro, sections = split_sections(doc.body)
    texts = [str(doc.data.get("summary", "")), intro, *(section.text for section in sections)]
    phrases: dict[str, Phrase] = {}
    for text in texts:
        for clause in _CLAUSE.findall(" ".join(text.split())):
            clause = clause.strip()
            folded = fold(clause)
            if len(folded.split()) >= _MIN_PHRASE_WORDS:
                phrases.setdefault(folded, Phrase(clause, folded))
    return tuple(phrases.values())


def guidance_in(text: str) -> Phrase | None:
    """The first template phrase ``text`` still contains, if any."""
    folded = fold(text)
    return next((p for p in template_phrases() if p.folded in folded), None)


def fold(text: str) -> str:
    """Text compared without case, spacing or end marks."""
    return " ".join(text.casefold().split()).rstrip(".?!:")
