"""The library format: one strict pydantic schema per file kind, errors flattened to German."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from kb_tools.phrases import phrase
from kb_tools.problems import did_you_mean

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
Status = Literal["entwurf", "erprobt", "transferiert"]
License = Literal["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"]
STATUSES: tuple[str, ...] = get_args(Status)
STATUS_LABELS = {"entwurf": "Entwurf", "erprobt": "Erprobt", "transferiert": "Transferiert"}
# What each maturity level means, shown beside the badge on the concept page.
STATUS_MEANINGS = {
    "entwurf": "Ausgearbeitet, aber noch nicht mit Betrieben erprobt.",
    "erprobt": "Mit Betrieben oder Teilnehmenden durchgeführt und ausgewertet.",
    "transferiert": "Erprobt und auch von anderen Zentren übernommen.",
}
LICENSES: tuple[str, ...] = get_args(License)
LICENSE_NAMES = {"CC-BY-4.0": "CC BY 4.0", "CC-BY-SA-4.0": "CC BY-SA 4.0", "CC0-1.0": "CC0 1.0"}
LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
SECTIONS = (
    "Ziel",
    "Zielgruppe",
    "Ablauf",
    "Methoden und Materialien",
    "Erfahrungen",
    "Transferhinweise",
)
SUMMARY_MAX = 280

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Center(Strict):
    name: Text
    region: Text
    url: Text | None = None
    email: Text | None = None


class Taxonomy(Strict):
    topics: dict[Key, Text]
    formats: dict[Key, Text]
    audience: dict[Key, Text]

    def vocabulary(self, field: str) -> dict[str, str]:
        vocabulary: dict[str, str] = getattr(self, field)
        return vocabulary


class GroupSize(Strict):
    min: Annotated[int, Field(ge=1)]
    max: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _ordered(self) -> GroupSize:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) ist größer als max ({self.max})")
        return self


class Evidence(Strict):
    companies: Annotated[int, Field(ge=0)]
    participants: Annotated[int, Field(ge=0)]
    since: dt.date


Email = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
]
WebAddress = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$")]


PATTERN_HINTS = {
    "email": "keine gültige E-Mail-Adresse (name@beispiel.de)",
    "url": "keine Webadresse (sie beginnt mit https://)",
}


class Contact(Strict):
    """Who answers questions about a concept; a plain text in a file means the name."""

    name: Text
    email: Email | None = None
    phone: Text | None = None
    url: WebAddress | None = None


HttpsAddress = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Material(Strict):
    """One handout, worksheet or link that comes with a concept."""

    title: Annotated[Text, Field(description="Wie die Datei auf der Seite heißt.")]
    file: Annotated[
        Text | None,
        Field(description="Dateiname im Materialordner neben dem Konzept (<zentrum>/<id>/)."),
    ] = None
    url: Annotated[
        HttpsAddress | None, Field(description="Oder eine Webadresse (nur https://).")
    ] = None
    license: Annotated[
        License | None, Field(description="Lizenz der Datei; ohne Angabe die des Konzepts.")
    ] = None
    description: Annotated[Text | None, Field(description="Wofür man das Material braucht.")] = None

    @field_validator("url")
    @classmethod
    def _https_only(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not re.fullmatch(r"https://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?", value, re.IGNORECASE):
            raise ValueError(
                f"nur https://-Adressen erlaubt (z. B. https://beispiel.de/datei.pdf): {value!r}"
            )
        return value

    @model_validator(mode="after")
    def _file_or_url(self) -> Material:
        if (self.file is None) == (self.url is None):
            raise ValueError("braucht genau eines von file (Datei) oder url (Webadresse)")
        return self


class Transfer(Strict):
    """Another centre has taken the concept up. Usually that centre publishes its adaptation
    (a concept with ``adapted_from`` naming this one); ``informal`` says it runs the concept
    without a concept of its own in the library."""

    center: Key
    date: dt.date
    note: Text | None = None
    informal: bool = False


class ConceptMeta(Strict):
    """The front matter of a concept file. The descriptions are the format reference: the
    editor shows them as hints beside each field."""

    title: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=3, max_length=160),
        Field(description="Kurz und sprechend, 3–160 Zeichen. Daraus entsteht der Dateiname."),
    ]
    summary: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=10, max_length=SUMMARY_MAX),
        Field(
            description="Was lernen die Teilnehmenden, für wen, in welchem Format? "
            f"Höchstens {SUMMARY_MAX} Zeichen."
        ),
    ]
    center: Annotated[Key, Field(description="Das Zentrum, das das Konzept anbietet.")]
    status: Annotated[
        Status,
        Field(description=" ".join(f"{STATUS_LABELS[k]}: {v}" for k, v in STATUS_MEANINGS.items())),
    ]
    topics: Annotated[list[Key], Field(min_length=1, description="Mindestens ein Thema.")]
    formats: Annotated[list[Key], Field(min_length=1, description="Mindestens ein Format.")]
    audience: Annotated[list[Key], Field(min_length=1, description="Mindestens eine Zielgruppe.")]
    license: Annotated[
        License,
        Field(description="Die offene Lizenz, unter der andere Zentren das Konzept nutzen dürfen."),
    ]
    updated: Annotated[dt.date, Field(description="Datum der letzten inhaltlichen Änderung.")]
    duration: Annotated[Text | None, Field(description="Zum Beispiel „2 × 4 Stunden“.")] = None
    group_size: Annotated[
        GroupSize | None, Field(description="Kleinste und größte sinnvolle Gruppe.")
    ] = None
    industries: Annotated[
        list[Text], Field(description="Branchen, in denen das Konzept erprobt wurde (frei).")
    ] = []
    keywords: Annotated[list[Text], Field(description="Schlagwörter für die Suche.")] = []
    contact: Annotated[
        Contact | None,
        Field(
            description="Ansprechperson: Name, optional E-Mail, Telefon und Webseite. "
            "Ohne E-Mail führt „Kontakt aufnehmen“ zur Adresse des Zentrums."
        ),
    ] = None
    evidence: Annotated[
        Evidence | None, Field(description="Wie oft erprobt: Betriebe, Teilnehmende, seit wann.")
    ] = None
    adapted_from: Annotated[
        list[Key], Field(description="Konzepte (auch anderer Zentren), auf denen dieses aufbaut.")
    ] = []
    transfers: Annotated[
        list[Transfer], Field(description="Zentren, die das Konzept übernommen haben.")
    ] = []
    evaluation: Annotated[
        Text | None,
        Field(
            description="Wie die Ergebnisse der Erprobung erhoben wurden (Feedbackbogen, "
            "Interviews, Nachbefragung …)."
        ),
    ] = None
    materials: Annotated[
        list[Material],
        Field(
            description="Dateien und Links zum Konzept: Titel und Datei (im Ordner "
            "<zentrum>/<id>/) oder https-Adresse, optional Lizenz und Beschreibung."
        ),
    ] = []

    @field_validator("contact", mode="before")
    @classmethod
    def _contact_name(cls, value: object) -> object:
        return {"name": value} if isinstance(value, str) else value


FIELD_NAMES: tuple[str, ...] = tuple(ConceptMeta.model_fields)


def german_errors(
    exc: ValidationError, known_keys: tuple[str, ...] = (), limit: int | None = None
) -> list[tuple[tuple[str | int, ...], str]]:
    """Flatten a pydantic error into (location, German message) pairs (the first ``limit``)."""
    out = []
    for err in exc.errors(include_url=False)[:limit]:
        loc = tuple(err["loc"])
        where = ".".join(str(part) for part in loc)
        out.append(
            (loc, f"{where}: {_message(err, known_keys)}" if where else _message(err, known_keys))
        )
    return out


def _message(err: ErrorDetails, known_keys: tuple[str, ...]) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind == "missing":
        return "Pflichtfeld fehlt"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        return f"unbekannter Schlüssel{did_you_mean(key, known_keys)}"
    if kind == "literal_error":
        allowed = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"ungültiger Wert {value!r} – erlaubt: {allowed}{did_you_mean(value, allowed.split(', '))}"
    if kind == "string_pattern_mismatch":
        field = str(err["loc"][-1]) if err["loc"] else ""
        expected = PATTERN_HINTS.get(field, "hat nicht die erwartete Form")
        return f"{expected}: {value!r}"
    if kind == "string_too_long":
        return f"zu lang ({len(str(value))} Zeichen, höchstens {ctx['max_length']})"
    if kind == "string_too_short":
        return (
            "darf nicht leer sein"
            if not str(value).strip()
            else f"zu kurz (mindestens {ctx['min_length']} Zeichen)"
        )
    if kind == "too_short":
        return "darf nicht leer sein"
    if kind in ("string_type",):
        return f"muss ein Text sein, nicht {_kind(value)}"
    if kind in ("list_type",):
        return f"muss eine Liste sein, nicht {_kind(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"muss eine Zuordnung (Schlüssel: Wert) sein, nicht {_kind(value)}"
    if kind.startswith("int_"):
        return f"muss eine ganze Zahl sein, nicht {value!r}"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return f"kein gültiges Datum: {value!r} (erwartet JJJJ-MM-TT, z. B. 2026-03-31)"
    return phrase(err)


def _kind(value: object) -> str:
    return {
        list: "eine Liste",
        dict: "eine Zuordnung",
        str: "ein Text",
        int: "eine Zahl",
        float: "eine Zahl",
        bool: "ein Wahrheitswert",
        type(None): "leer",
    }.get(type(value), type(value).__name__)
