"""``GET /api/stats``: the figures of the overview for the coordinating centre."""

from __future__ import annotations

from fastapi import APIRouter

from search_api.deps import StatsDep
from search_api.models import Stats

router = APIRouter(prefix="/api/stats", tags=["Überblick"])


@router.get("", summary="Kennzahlen und Tabellen des Überblicks")
async def stats(stats: StatsDep) -> Stats:
    """Die Zahlen der Seite „Überblick“: Kennzahlen (`totals`) und jede Tabelle mit Titel,
    dem Satz, was sie zählt, Spalten und Zeilen – Abdeckung von Themen und Zielgruppen,
    Lücken, Übertragungen, Reichweite und Status über die Jahre. Dieselben Tabellen gibt
    `kb report` aus; berechnet einmal je geladener Bibliothek."""
    return stats
