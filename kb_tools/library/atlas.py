"""The programme's figures, computed once: coverage, gaps, transfers, reach, status over time.

The coordinating centre reads them on the atlas page (``ueberblick/``), in ``kb report`` and
from ``/api/stats``; all three take an :class:`Atlas` and its :meth:`Atlas.tables` (made of the pieces in :mod:`.figures`), so a
figure means the same everywhere. Every table says what it counts.

Solo self-employed people are persons, not companies (see :mod:`.evidence`): a concept only
for them adds its participants to "Selbstständige" and nothing to "Betriebe".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kb_tools.library.figures import (
    GAP_AT_MOST,
    LAENDER,
    REACH_COLUMNS,
    REACH_COUNTS,
    Matrix,
    Reach,
    Table,
    TransferRecord,
    laender_of,
)
from kb_tools.library.model import Concept, Library
from kb_tools.library.schema import STATUS_LABELS, STATUSES


@dataclass
class Atlas:
    """Every figure of the overview, computed from one library."""

    library: Library

    @cached_property
    def concepts(self) -> list[Concept]:
        return sorted(self.library, key=lambda c: c.id)

    @cached_property
    def active_centers(self) -> list[str]:
        """Centres in ``centers.yml`` order that have concepts or take part in a transfer."""
        used = {c.meta.center for c in self.concepts}
        for record in self.transfers:
            used.update((record.source_center, record.target_center))
        return [key for key in self.library.centers if key in used]

    def center_label(self, key: str) -> str:
        center = self.library.centers.get(key)
        return center.name if center else key

    # -- coverage ------------------------------------------------------------------------

    @cached_property
    def centers_topics(self) -> Matrix:
        return self._matrix(
            [(k, self.center_label(k)) for k in self.library.centers],
            list(self.library.taxonomy.topics.items()),
            lambda c: [(c.meta.center, topic) for topic in c.meta.topics],
        )

    @cached_property
    def topics_audiences(self) -> Matrix:
        return self._matrix(
            list(self.library.taxonomy.topics.items()),
            list(self.library.taxonomy.audience.items()),
            lambda c: [(t, a) for t in c.meta.topics for a in c.meta.audience],
        )

    def _matrix(
        self,
        rows: list[tuple[str, str]],
        columns: list[tuple[str, str]],
        pairs: Any,
    ) -> Matrix:
        cells: dict[tuple[str, str], list[str]] = {}
        for concept in self.concepts:
            for pair in dict.fromkeys(pairs(concept)):
                cells.setdefault(pair, []).append(concept.id)
        return Matrix(tuple(rows), tuple(columns), {k: tuple(v) for k, v in cells.items()})

    # -- transfers -----------------------------------------------------------------------

    @cached_property
    def transfers(self) -> list[TransferRecord]:
        """Every transfer and cross-centre adaptation once, oldest first (undated last)."""
        library = self.library
        records: list[TransferRecord] = []
        for concept in self.concepts:
            meta = concept.meta
            adaptations = {
                child.meta.center: child
                for child in sorted(library.derived(concept.id), key=lambda c: c.id)
                if child.meta.center != meta.center
            }
            recorded = set()
            for transfer in meta.transfers:
                if transfer.center == meta.center or transfer.center in recorded:
                    continue
                recorded.add(transfer.center)
                child = adaptations.get(transfer.center)
                records.append(
                    TransferRecord(
                        concept.id,
                        meta.title,
                        meta.center,
                        transfer.center,
                        transfer.date,
                        transfer.note or "",
                        child.id if child else None,
                        True,
                        transfer.informal,
                    )
                )
            for center, child in adaptations.items():
                if center in recorded:
                    continue
                since = child.meta.evidence.since if child.meta.evidence else child.meta.updated
                records.append(
                    TransferRecord(
                        concept.id,
                        meta.title,
                        meta.center,
                        center,
                        since,
                        f"Weiterentwickelt als „{child.meta.title}“",
                        child.id,
                        False,
                        False,
                    )
                )
        return sorted(records, key=lambda r: (r.date or dt.date.max, r.concept, r.target_center))

    @cached_property
    def flows(self) -> dict[tuple[str, str], int]:
        """Transfers per (from centre, to centre)."""
        flows: dict[tuple[str, str], int] = {}
        for record in self.transfers:
            pair = (record.source_center, record.target_center)
            flows[pair] = flows.get(pair, 0) + 1
        return flows

    # -- reach ---------------------------------------------------------------------------

    def reach_by(self, groups: Iterable[tuple[str, list[Concept]]]) -> list[tuple[str, Reach]]:
        return [(label, Reach.of(concepts, self.library)) for label, concepts in groups]

    @cached_property
    def reach_total(self) -> Reach:
        return Reach.of(self.concepts, self.library)

    def by_center(self) -> list[tuple[str, list[Concept]]]:
        return [
            (key, [c for c in self.concepts if c.meta.center == key])
            for key in self.library.centers
        ]

    def by_topic(self) -> list[tuple[str, list[Concept]]]:
        return [
            (key, [c for c in self.concepts if key in c.meta.topics])
            for key in self.library.taxonomy.topics
        ]

    def by_year(self) -> list[tuple[str, list[Concept]]]:
        """Tested concepts by the year of their first trial (``evidence.since``)."""
        years = sorted({c.meta.evidence.since.year for c in self.concepts if c.meta.evidence})
        return [
            (
                str(year),
                [
                    c
                    for c in self.concepts
                    if c.meta.evidence and c.meta.evidence.since.year == year
                ],
            )
            for year in years
        ]

    # -- status over time ----------------------------------------------------------------

    @cached_property
    def status_by_year(self) -> list[tuple[int, dict[str, int]]]:
        """Concepts per status at the end of each year, reconstructed from the dates the files
        record: a concept exists from its earliest date, is tested from ``evidence.since`` and
        transferred from its first transfer; a status never rises above the current one. The
        years run to the newest date in the library (the same build, the same figures)."""
        timelines = [self._timeline(c) for c in self.concepts]
        if not timelines:
            return []
        first = min(t[0][0] for t in timelines).year
        last = max(d.year for t in timelines for d, _ in t)
        out = []
        for year in range(first, last + 1):
            end = dt.date(year, 12, 31)
            counts = dict.fromkeys(STATUSES, 0)
            for timeline in timelines:
                reached = [status for day, status in timeline if day <= end]
                if reached:
                    counts[reached[-1]] += 1
            out.append((year, counts))
        return out

    def _timeline(self, concept: Concept) -> list[tuple[dt.date, str]]:
        meta = concept.meta
        tested = meta.evidence.since if meta.evidence else None
        taken = [t.date for t in meta.transfers if t.center != meta.center]
        taken += [r.date for r in self.transfers if r.concept == concept.id and r.date is not None]
        moved = min(taken) if taken else None
        born = min(d for d in (meta.updated, tested, moved) if d is not None)
        timeline = [(born, "entwurf")]
        if meta.status in ("erprobt", "transferiert"):
            timeline.append((tested or born, "erprobt"))
        if meta.status == "transferiert":
            timeline.append((moved or tested or born, "transferiert"))
        return sorted(timeline, key=lambda entry: (entry[0], STATUSES.index(entry[1])))

    # -- map -----------------------------------------------------------------------------

    def land_centers(self) -> dict[str, list[str]]:
        """The centres active in each Land."""
        out: dict[str, list[str]] = {land: [] for land in LAENDER}
        for key, center in self.library.centers.items():
            for land in laender_of(center.region):
                out[land].append(key)
        return out

    def national_centers(self) -> list[str]:
        return [k for k, c in self.library.centers.items() if not laender_of(c.region)]

    def center_figures(self, key: str) -> tuple[int, int, int]:
        """Concepts of a centre, transfers from it, transfers to it."""
        concepts = sum(c.meta.center == key for c in self.concepts)
        out = sum(r.source_center == key for r in self.transfers)
        into = sum(r.target_center == key for r in self.transfers)
        return concepts, out, into

    # -- the tables ----------------------------------------------------------------------

    def totals(self) -> dict[str, int]:
        reach = self.reach_total
        return {
            "Konzepte": len(self.concepts),
            "Zentren mit Konzepten": len({c.meta.center for c in self.concepts}),
            "Übertragungen": len(self.transfers),
            "Lücken (Thema × Zielgruppe)": len(self.topics_audiences.gaps(0)),
            "Betriebe": reach.companies,
            "Teilnehmende": reach.participants,
            "davon Selbstständige": reach.self_employed,
        }

    def tables(self) -> list[Table]:
        """Every table of the overview, in page order."""
        library = self.library
        topics = list(library.taxonomy.topics.items())
        audiences = list(library.taxonomy.audience.items())
        ct = self.centers_topics
        ta = self.topics_audiences
        Row = tuple[str | int, ...]
        reach_rows: list[Row] = [
            (self.center_label(key), *self._reach_row(r))
            for key, r in self.reach_by(self.by_center())
            if r.concepts
        ]
        topic_reach: list[Row] = [
            (library.label("topics", key), *self._reach_row(r))
            for key, r in self.reach_by(self.by_topic())
        ]
        year_reach: list[Row] = [
            (label, *self._reach_row(r)) for label, r in self.reach_by(self.by_year())
        ]
        return [
            Table(
                "kennzahlen",
                "Kennzahlen",
                "Die Summen über die ganze Bibliothek.",
                ("Kennzahl", "Wert"),
                tuple(self.totals().items()),
            ),
            Table(
                "zentren-themen",
                "Zentren und Themen",
                "Anzahl der Konzepte je Zentrum und Thema; ein Konzept mit mehreren Themen zählt "
                "bei jedem.",
                ("Zentrum", *(label for _, label in topics)),
                tuple(
                    (label, *(ct.count(key, t) for t, _ in topics))
                    for key, label in ct.rows
                    if key in self.active_centers
                ),
            ),
            Table(
                "themen-zielgruppen",
                "Themen und Zielgruppen",
                "Anzahl der Konzepte je Thema und Zielgruppe; 0 und 1 sind Lücken.",
                ("Thema", *(label for _, label in audiences)),
                tuple((label, *(ta.count(key, a) for a, _ in audiences)) for key, label in ta.rows),
            ),
            Table(
                "luecken",
                "Lücken",
                f"Kombinationen von Thema und Zielgruppe mit höchstens {GAP_AT_MOST} Konzept.",
                ("Thema", "Zielgruppe", "Konzepte"),
                tuple(
                    (library.label("topics", t), library.label("audience", a), n)
                    for t, a, n in ta.gaps()
                ),
            ),
            Table(
                "uebertragungen",
                "Übertragungen",
                "Jede Übertragung und jede Weiterentwicklung in einem anderen Zentrum, einmal.",
                ("Datum", "Von", "Nach", "Konzept", "Art", "Eigene Fassung", "Anmerkung"),
                tuple(
                    (
                        r.date.isoformat() if r.date else "",
                        self.center_label(r.source_center),
                        self.center_label(r.target_center),
                        r.title,
                        r.kind,
                        library.concepts[r.adaptation].meta.title if r.adaptation else "",
                        r.note,
                    )
                    for r in self.transfers
                ),
            ),
            Table(
                "zentren",
                "Zentren",
                "Konzepte je Zentrum, Übertragungen von ihm an andere und von anderen an es.",
                ("Zentrum", "Region", "Konzepte", "Übertragungen an andere", "Übernommen"),
                tuple(
                    (
                        self.center_label(key),
                        library.centers[key].region,
                        *self.center_figures(key),
                    )
                    for key in library.centers
                ),
            ),
            Table(
                "reichweite-zentren",
                "Reichweite je Zentrum",
                REACH_COUNTS,
                ("Zentrum", *REACH_COLUMNS),
                tuple(reach_rows),
            ),
            Table(
                "reichweite-themen",
                "Reichweite je Thema",
                REACH_COUNTS + " Ein Konzept mit mehreren Themen zählt bei jedem.",
                ("Thema", *REACH_COLUMNS),
                tuple(topic_reach),
            ),
            Table(
                "reichweite-jahre",
                "Reichweite nach Jahr der ersten Erprobung",
                REACH_COUNTS + " Jahr: Beginn der Erprobung (evidence.since).",
                ("Jahr", *REACH_COLUMNS),
                tuple(year_reach),
            ),
            Table(
                "status-jahre",
                "Konzepte je Status am Jahresende",
                "Rekonstruiert aus den Daten der Dateien: ein Konzept gilt ab dem Beginn seiner "
                "Erprobung als erprobt und ab der ersten Übertragung als transferiert.",
                ("Jahr", *(STATUS_LABELS[s] for s in STATUSES)),
                tuple((str(year), *(c[s] for s in STATUSES)) for year, c in self.status_by_year),
            ),
        ]

    @staticmethod
    def _reach_row(reach: Reach) -> tuple[int, ...]:
        return (
            reach.concepts,
            reach.tested,
            reach.companies,
            reach.participants,
            reach.self_employed,
        )

    def table(self, key: str) -> Table:
        return next(t for t in self.tables() if t.key == key)

    def as_dict(self) -> dict[str, Any]:
        """Every figure as plain data (``/api/stats``, ``statistik.json``)."""
        return {
            "totals": self.totals(),
            "tables": [t.as_dict() for t in self.tables()],
        }
