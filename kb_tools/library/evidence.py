"""How a concept's trial runs are put in words: the one wording of page, PDF, cards and API.

Solo self-employed people are persons, not companies: for a concept only for them the
evidence counts "Selbstständige", and later sums count them as persons.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TypedDict

from kb_tools.library.schema import ConceptMeta, Taxonomy

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
# An audience of self-employed people, whatever the key: "solo-selbststaendige",
# "Solo-Selbstständige", "Selbständige", "Freiberufler" …
_PERSONS = re.compile(r"selbst(st)?(ä|ae)ndig|freiberuf|solo", re.IGNORECASE)


def german_date(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def month_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def is_persons_audience(key: str, taxonomy: Taxonomy) -> bool:
    """Whether the audience ``key`` means self-employed persons rather than companies."""
    return bool(_PERSONS.search(key) or _PERSONS.search(taxonomy.audience.get(key, "")))


def counts_persons(audience: Iterable[str], taxonomy: Taxonomy) -> bool:
    """A concept only for self-employed persons: its trials count persons, not companies."""
    keys = list(audience)
    return bool(keys) and all(is_persons_audience(key, taxonomy) for key in keys)


def evidence_text(meta: ConceptMeta, taxonomy: Taxonomy) -> str | None:
    """``erprobt in 3 Betrieben mit 40 Teilnehmenden seit März 2024`` (``None`` without
    evidence); for the self-employed ``erprobt mit 12 Selbstständigen seit …``."""
    evidence = meta.evidence
    if evidence is None:
        return None
    since = month_year(evidence.since)
    if counts_persons(meta.audience, taxonomy):
        return f"erprobt mit {plural(evidence.participants, 'Selbstständigen', 'Selbstständigen')} seit {since}"
    people = plural(evidence.participants, "Teilnehmenden", "Teilnehmenden")
    also = (
        " (auch Selbstständige)"
        if any(is_persons_audience(key, taxonomy) for key in meta.audience)
        else ""
    )
    if not evidence.companies:
        return f"erprobt mit {people}{also} seit {since}"
    companies = plural(evidence.companies, "Betrieb", "Betrieben")
    return f"erprobt in {companies} mit {people}{also} seit {since}"


# The facts every result card shows (catalogue, search, similar): key → German row label.
# The rows go out with their labels, so no script keeps a copy of them.
FACT_LABELS = {
    "audience": "Zielgruppe",
    "formats": "Format",
    "duration": "Dauer",
    "evidence": "Erprobung",
}


class CardFact(TypedDict):
    key: str
    label: str
    value: str


def concept_facts(meta: ConceptMeta, taxonomy: Taxonomy) -> list[CardFact]:
    """Zielgruppe, Format, Dauer and Erprobung of a concept as labelled card rows, in that
    order; unknown ones (no duration, not yet tried out) are left out."""
    values = {
        "audience": ", ".join(taxonomy.audience.get(k, k) for k in meta.audience),
        "formats": ", ".join(taxonomy.formats.get(k, k) for k in meta.formats),
        "duration": meta.duration,
        "evidence": evidence_text(meta, taxonomy),
    }
    return [
        CardFact(key=key, label=label, value=value)
        for key, label in FACT_LABELS.items()
        if (value := values[key])
    ]
