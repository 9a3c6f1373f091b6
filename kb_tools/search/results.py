"""What a search answers, as one set of models: ``kb search --json``, ``kb similar --json``
and the API (``/api/search``, ``/api/concepts/{id}/similar``) all emit exactly these.

Field descriptions feed the German OpenAPI docs.
"""

from __future__ import annotations

import html
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kb_tools.library import Concept, Label, Library, concept_facts, labels

_MARK = re.compile(r"(</?mark>)")


class ResultModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class Fact(ResultModel):
    """One row of a result card: Zielgruppe, Format, Dauer or Erprobung."""

    key: str = Field(description="audience, formats, duration oder evidence.")
    label: str = Field(description="Deutsche Bezeichnung der Zeile, z. B. „Zielgruppe“.")
    value: str = Field(
        description="Der Wert als Text, z. B. „erprobt in 3 Betrieben mit 40 Teilnehmenden "
        "seit März 2024“ (bei Angeboten für Selbstständige zählen Personen)."
    )


class SearchHit(ResultModel):
    """One concept in a result list, with the passage that matched best."""

    id: str = Field(description="Konzept-ID.")
    title: str = Field(description="Titel des Konzepts.")
    summary: str = Field(description="Kurzbeschreibung.")
    center: str = Field(description="Schlüssel des Zentrums.")
    center_name: str = Field(description="Name des Zentrums.")
    region: str = Field(description="Region des Zentrums.")
    status: str = Field(description="entwurf, erprobt oder transferiert.")
    topics: list[Label] = Field(description="Themen des Konzepts.")
    facts: list[Fact] = Field(
        description="Zielgruppe, Format, Dauer und Erprobung für die Karte (unbekannte fehlen)."
    )
    url: str = Field(description="Seite des Konzepts, relativ zur Wurzel der Website.")
    score: float = Field(description="Relevanz; nur innerhalb einer Antwort vergleichbar.")
    section: str = Field(description="Abschnitt, der am besten passt.")
    snippet: str = Field(
        description="Textauszug aus diesem Abschnitt. HTML-maskiert; Suchbegriffe stehen in "
        "<mark>…</mark> (die einzigen Tags)."
    )

    @field_validator("snippet")
    @classmethod
    def _only_marks(cls, snippet: str) -> str:
        """Re-escape everything but ``<mark>`` tags: the contract holds whatever made it."""
        return "".join(
            part if part in ("<mark>", "</mark>") else html.escape(html.unescape(part), quote=False)
            for part in _MARK.split(snippet)
        )

    @classmethod
    def of(
        cls, concept: Concept, library: Library, score: float, section: str, snippet: str
    ) -> SearchHit:
        meta = concept.meta
        center = library.centers[meta.center]
        return cls(
            id=concept.id,
            title=meta.title,
            summary=meta.summary,
            center=meta.center,
            center_name=center.name,
            region=center.region,
            status=meta.status,
            topics=labels(library, "topics", meta.topics),
            facts=[Fact(**fact) for fact in concept_facts(meta, library.taxonomy)],
            url=concept.url,
            score=round(float(score), 4),
            section=section,
            snippet=snippet,
        )


class SearchResults(ResultModel):
    """One page of search results plus facet counts over all matches."""

    query: str = Field(description="Die Suchanfrage (ohne führende und folgende Leerzeichen).")
    total: int = Field(description="Anzahl aller Treffer (nicht nur dieser Seite).")
    results: list[SearchHit] = Field(description="Treffer dieser Seite, bester zuerst.")
    facets: dict[str, dict[str, int]] = Field(
        description="Je Filter (topic, format, …): Anzahl der Treffer je Wert."
    )


class SimilarResults(ResultModel):
    """Concepts nearest to one concept (never the concept itself)."""

    id: str = Field(description="Das Konzept, zu dem ähnliche gesucht wurden.")
    results: list[SearchHit] = Field(description="Ähnliche Konzepte, ähnlichstes zuerst.")
