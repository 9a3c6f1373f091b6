"""The pieces the atlas is made of: Länder, tables, matrices, transfer records, reach sums.

:mod:`.atlas` computes them from a library; this module only defines them (and the one fact
of which Länder a centre's region names).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kb_tools.library.evidence import counts_persons
from kb_tools.library.model import Concept, Library

# The 16 Länder, by name, with their place in a tile-grid map of Germany (column, row).
LAENDER: dict[str, tuple[int, int]] = {
    "Schleswig-Holstein": (2, 0),
    "Hamburg": (2, 1),
    "Mecklenburg-Vorpommern": (3, 1),
    "Bremen": (1, 2),
    "Niedersachsen": (2, 2),
    "Berlin": (4, 2),
    "Brandenburg": (3, 2),
    "Nordrhein-Westfalen": (1, 3),
    "Sachsen-Anhalt": (3, 3),
    "Hessen": (2, 4),
    "Thüringen": (3, 4),
    "Sachsen": (4, 4),
    "Rheinland-Pfalz": (1, 4),
    "Saarland": (1, 5),
    "Baden-Württemberg": (2, 5),
    "Bayern": (3, 5),
}
LAND_CODES = {
    "Schleswig-Holstein": "SH",
    "Hamburg": "HH",
    "Mecklenburg-Vorpommern": "MV",
    "Bremen": "HB",
    "Niedersachsen": "NI",
    "Berlin": "BE",
    "Brandenburg": "BB",
    "Nordrhein-Westfalen": "NW",
    "Sachsen-Anhalt": "ST",
    "Hessen": "HE",
    "Thüringen": "TH",
    "Sachsen": "SN",
    "Rheinland-Pfalz": "RP",
    "Saarland": "SL",
    "Baden-Württemberg": "BW",
    "Bayern": "BY",
}
# A topic × audience cell with at most this many concepts is a gap ("Lücke").
GAP_AT_MOST = 1


def laender_of(region: str) -> list[str]:
    """The Länder a centre's region names ("Niedersachsen und Bremen" → both); none for a
    national centre ("bundesweit"). Longest names first, so "Sachsen-Anhalt" is not also
    "Sachsen"."""
    found, rest = [], region
    for land in sorted(LAENDER, key=len, reverse=True):
        if land in rest:
            found.append(land)
            rest = rest.replace(land, " ")
    return sorted(found, key=list(LAENDER).index)


@dataclass(frozen=True)
class Table:
    """One table of figures as every output shows it: page, CSV, JSON, ``kb report``."""

    key: str  # file name of its exports: ``<key>.csv``, ``<key>.json``
    title: str
    counts: str  # what the numbers count, in a sentence
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "counts": self.counts,
            "columns": list(self.columns),
            "rows": [list(row) for row in self.rows],
        }

    def records(self) -> list[dict[str, str | int]]:
        """The rows as objects keyed by column (the JSON export)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Matrix:
    """Counts of concepts per (row, column) key pair, with the concepts behind each cell."""

    rows: tuple[tuple[str, str], ...]  # (key, label)
    columns: tuple[tuple[str, str], ...]
    cells: dict[tuple[str, str], tuple[str, ...]]  # concept ids, by (row, column)

    def count(self, row: str, column: str) -> int:
        return len(self.cells.get((row, column), ()))

    def concepts(self, row: str, column: str) -> tuple[str, ...]:
        return self.cells.get((row, column), ())

    @property
    def maximum(self) -> int:
        return max((len(ids) for ids in self.cells.values()), default=0)

    def gaps(self, at_most: int = GAP_AT_MOST) -> list[tuple[str, str, int]]:
        """Every (row, column, count) with at most ``at_most`` concepts, in table order."""
        return [
            (row, column, self.count(row, column))
            for row, _ in self.rows
            for column, _ in self.columns
            if self.count(row, column) <= at_most
        ]


@dataclass(frozen=True)
class TransferRecord:
    """One concept taken up by another centre: recorded under ``transfers``, published as an
    adaptation (``adapted_from``), or both."""

    concept: str  # the original
    title: str
    source_center: str
    target_center: str
    date: dt.date | None  # of the transfer; of the adaptation when no transfer is recorded
    note: str
    adaptation: str | None  # the target centre's concept built on the original
    recorded: bool  # listed in the original's ``transfers``
    informal: bool  # the target centre runs it without a concept of its own

    @property
    def kind(self) -> str:
        if self.adaptation and self.recorded:
            return "Übertragung mit eigener Fassung"
        if self.adaptation:
            return "Weiterentwicklung (keine Übertragung eingetragen)"
        return "Übertragung ohne eigene Fassung" if self.informal else "Übertragung"


@dataclass(frozen=True)
class Reach:
    """Trial figures summed over a group of concepts."""

    concepts: int  # concepts in the group
    tested: int  # of which with trial figures (evidence)
    companies: int  # companies, from concepts not only for the self-employed
    participants: int  # every participant, the self-employed included
    self_employed: int  # participants of concepts only for the self-employed

    @classmethod
    def of(cls, concepts: Sequence[Concept], library: Library) -> Reach:
        companies = participants = persons = tested = 0
        for concept in concepts:
            evidence = concept.meta.evidence
            if evidence is None:
                continue
            tested += 1
            participants += evidence.participants
            if counts_persons(concept.meta.audience, library.taxonomy):
                persons += evidence.participants
            else:
                companies += evidence.companies
        return cls(len(concepts), tested, companies, participants, persons)


REACH_COLUMNS = (
    "Konzepte",
    "mit Erprobungszahlen",
    "Betriebe",
    "Teilnehmende",
    "davon Selbstständige",
)
REACH_COUNTS = (
    "Summen der Erprobungszahlen (evidence) der Konzepte. Betriebe zählt nur Konzepte, die nicht "
    "allein für Solo-Selbstständige sind; deren Teilnehmende stehen unter „davon "
    "Selbstständige“ und sind in „Teilnehmende“ enthalten."
)
