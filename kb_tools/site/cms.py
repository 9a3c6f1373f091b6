"""The editor at ``admin/``: a Decap CMS configuration generated from the one schema.

Nothing here is kept by hand: the fields come from :class:`ConceptMeta`, the choices and their
German labels from ``taxonomy.yml`` and ``centers.yml``, the body template from ``kb new``'s
template. Each centre gets its own collection (``concepts/<center>/``), so a file always lands
in its centre's folder and the centre of an existing concept cannot be changed by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from kb_tools.library import (
    FACET_VOCABULARIES,
    LICENSE_NAMES,
    LICENSES,
    SECTIONS,
    STATUS_LABELS,
    STATUSES,
    SUMMARY_MAX,
    ConceptMeta,
    Library,
)
from kb_tools.settings import Settings

BODY_HINT = (
    "Beschreiben Sie das Konzept in den sechs Abschnitten; jede Überschrift beginnt mit „## “."
)
# The address rule of `Material.url` (https only, a host with a dot), for the form to refuse
# what `kb validate` would; JavaScript reads it as Python does. Surrounding blanks are allowed
# because the editor trims every value before it saves.
HTTPS_PATTERN = r"^\s*https://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?\s*$"
HTTPS_MESSAGE = "nur https://-Adressen, z. B. https://beispiel.de/datei.pdf"

# Uploads land in the concept's materials folder `<center>/<id>/` and the file stores the bare
# name, as `kb validate` expects. Decap reads a media_folder without a leading "/" relative to
# the entry's folder, and `{{filename}}` is the entry's file name without extension: its id.
# (`{{slug}}` would be Decap's own slug of the title, not the id of `kb new`.) A new entry has
# no path until it is saved; Decap then moves its uploads to the folder of the path it saves to.
# The empty public_folder makes the stored value the file name alone, the same before and after
# the first save (a public_folder with the id in it goes stale when the title changes, as in
# decap-cms#5444).
MATERIALS_FOLDER = {"media_folder": "{{filename}}", "public_folder": ""}


def body_template() -> str:
    """The six H2 sections, each with the guidance line of ``kb new``'s template."""
    return "\n\n".join(f"## {title}\n" for title in SECTIONS)


def cms_config(library: Library, settings: Settings) -> dict[str, Any]:
    """The Decap CMS configuration (also read by Sveltia CMS) for ``library``."""
    choices = _Choices.of(library)
    config: dict[str, Any] = {
        **_backend(settings),
        "locale": "de",
        "site_url": settings.site_url,
        "media_folder": f"{_library_path(settings)}/_medien",
        "collections": [
            _collection(library, settings, key, choices)
            for key in sorted(library.centers, key=lambda k: library.centers[k].name.casefold())
        ],
    }
    return config


@dataclass(frozen=True)
class _Choices:
    """Option lists every centre's form shares: one object each, so that config.yml writes
    them once (YAML anchors) however many centres and concepts there are."""

    centers: list[dict[str, str]]
    concepts: list[dict[str, str]]
    vocabularies: dict[str, list[dict[str, str]]]
    licenses: list[dict[str, str]]

    @classmethod
    def of(cls, library: Library) -> _Choices:
        centers = [
            {"label": c.name, "value": key}
            for key, c in sorted(library.centers.items(), key=lambda kv: kv[1].name.casefold())
        ]
        concepts = [
            {"label": f"{c.title} ({library.centers[c.meta.center].name})", "value": c.id}
            for c in sorted(library, key=lambda c: c.title.casefold())
        ]
        vocabularies = {
            facet: [
                {"label": label, "value": key}
                for key, label in library.taxonomy.vocabulary(vocabulary).items()
            ]
            for facet, vocabulary in FACET_VOCABULARIES.items()
        }
        licenses = [{"label": LICENSE_NAMES[key], "value": key} for key in LICENSES]
        return cls(centers, concepts, vocabularies, licenses)


def _backend(settings: Settings) -> dict[str, Any]:
    if settings.cms_backend == "local":
        # decap-server writes straight into the working tree (MODE=fs): no workflow, no login.
        return {"backend": {"name": "proxy", "proxy_url": settings.cms_local_url}}
    backend: dict[str, Any] = {
        "name": settings.cms_backend,
        "repo": settings.cms_repo,
        "branch": settings.cms_branch,
        "squash_merges": True,
        "commit_messages": {
            "create": "Neues Konzept: {{slug}}",
            "update": "Konzept bearbeitet: {{slug}}",
            "delete": "Konzept gelöscht: {{slug}}",
        },
    }
    for key, value in (
        ("base_url", settings.cms_base_url),
        ("auth_endpoint", settings.cms_auth_endpoint),
        ("app_id", settings.cms_app_id),
        ("api_root", settings.cms_api_root),
    ):
        if value:
            backend[key] = value
    if settings.cms_backend == "gitlab" and settings.cms_app_id:
        backend["auth_type"] = "pkce"
    # A draft becomes a branch and a pull (merge) request that CI validates and a maintainer merges.
    return {"backend": backend, "publish_mode": "editorial_workflow"}


def _collection(
    library: Library, settings: Settings, center: str, choices: _Choices
) -> dict[str, Any]:
    name = library.centers[center].name
    return {
        "name": center,
        "label": name,
        "label_singular": "Konzept",
        "description": f"Die Konzepte von {name} ({library.centers[center].region}).",
        "folder": f"{_library_path(settings)}/{center}",
        "create": True,
        "delete": False,
        "extension": "md",
        "format": "kb-concept",
        "identifier_field": "title",
        # The id is derived in the editor exactly like `kb new` does ("Prüfung" → "pruefung").
        "slug": "{{fields.kb_id}}",
        "summary": "{{title}}",
        "sortable_fields": ["title", "updated"],
        **MATERIALS_FOLDER,
        "fields": _fields(center, choices),
    }


def _fields(center: str, choices: _Choices) -> list[dict[str, Any]]:
    def hint(name: str) -> dict[str, str]:
        description = ConceptMeta.model_fields[name].description
        return {"hint": description} if description else {}

    def select(
        name: str, label: str, options: list[dict[str, str]], **extra: Any
    ) -> dict[str, Any]:
        return {
            "name": name,
            "label": label,
            "widget": "select",
            "options": options,
            **hint(name),
            **extra,
        }

    def vocabulary(facet: str) -> list[dict[str, str]]:
        return choices.vocabularies[facet]

    def optional(field: dict[str, Any]) -> dict[str, Any]:
        return {**field, "required": False}

    centers, concepts, licenses = choices.centers, choices.concepts, choices.licenses
    # Parts of optional groups are optional in the form too (Decap would otherwise demand
    # them even for an empty group); `kb validate` reports a half-filled group.
    integer = {"widget": "number", "value_type": "int", "min": 0, "required": False}
    return [
        {"name": "kb_id", "label": "Kennung", "widget": "hidden", "required": False},
        {"name": "title", "label": "Titel", "widget": "string", **hint("title")},
        {
            "name": "summary",
            "label": "Kurzbeschreibung",
            "widget": "text",
            "pattern": [f"^[\\s\\S]{{10,{SUMMARY_MAX}}}$", f"10 bis {SUMMARY_MAX} Zeichen"],
            **hint("summary"),
        },
        {"name": "center", "label": "Zentrum", "widget": "hidden", "default": center},
        select(
            "status",
            "Status",
            [{"label": STATUS_LABELS[s], "value": s} for s in STATUSES],
            default="entwurf",
        ),
        select("topics", "Themen", vocabulary("topic"), multiple=True, min=1),
        select("formats", "Formate", vocabulary("format"), multiple=True, min=1),
        select("audience", "Zielgruppen", vocabulary("audience"), multiple=True, min=1),
        select("license", "Lizenz", licenses, default="CC-BY-4.0"),
        {
            "name": "updated",
            "label": "Stand",
            "widget": "datetime",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
            "format": "YYYY-MM-DD",
            "default": "{{now}}",
            **hint("updated"),
        },
        optional({"name": "duration", "label": "Dauer", "widget": "string", **hint("duration")}),
        optional(
            {
                "name": "group_size",
                "label": "Gruppengröße",
                "widget": "object",
                "collapsed": True,
                **hint("group_size"),
                "fields": [
                    {"name": "min", "label": "mindestens", **integer, "min": 1},
                    {"name": "max", "label": "höchstens", **integer, "min": 1},
                ],
            }
        ),
        optional(
            {"name": "industries", "label": "Branchen", "widget": "list", **hint("industries")}
        ),
        optional(
            {"name": "keywords", "label": "Schlagwörter", "widget": "list", **hint("keywords")}
        ),
        optional(
            {
                "name": "contact",
                "label": "Kontakt",
                "widget": "object",
                "collapsed": True,
                **hint("contact"),
                "fields": [
                    {"name": "name", "label": "Name", "widget": "string", "required": False},
                    {"name": "email", "label": "E-Mail", "widget": "string", "required": False},
                    {"name": "phone", "label": "Telefon", "widget": "string", "required": False},
                    {"name": "url", "label": "Webseite", "widget": "string", "required": False},
                ],
            }
        ),
        optional(
            {
                "name": "evidence",
                "label": "Erprobung",
                "widget": "object",
                "collapsed": True,
                **hint("evidence"),
                "fields": [
                    {"name": "companies", "label": "Betriebe", **integer},
                    {"name": "participants", "label": "Teilnehmende", **integer},
                    _date("since", "seit"),
                ],
            }
        ),
        optional(
            {
                "name": "evaluation",
                "label": "Auswertung der Erprobung",
                "widget": "text",
                **hint("evaluation"),
            }
        ),
        optional(select("adapted_from", "Baut auf auf", concepts, multiple=True)),
        optional(
            {
                "name": "transfers",
                "label": "Übertragen nach",
                "widget": "list",
                **hint("transfers"),
                "summary": "{{fields.center}} ({{fields.date}})",
                "fields": [
                    {"name": "center", "label": "Zentrum", "widget": "select", "options": centers},
                    {**_date("date", "seit"), "required": True},
                    {
                        "name": "note",
                        "label": "Was angepasst wurde",
                        "widget": "string",
                        "required": False,
                    },
                    {
                        "name": "informal",
                        "label": "Ohne eigenes Konzept in der Bibliothek",
                        "widget": "boolean",
                        "required": False,
                        "hint": "Das Zentrum setzt das Konzept ein, veröffentlicht aber keine "
                        "eigene Fassung mit „Baut auf auf“.",
                    },
                ],
            }
        ),
        optional(_materials(licenses)),
        {
            "name": "body",
            "label": "Text",
            "widget": "markdown",
            # Bodies come from many centres: their raw HTML must not run in the editor either.
            "sanitize_preview": True,
            "default": body_template(),
            "hint": BODY_HINT,
        },
    ]


def _materials(licenses: list[dict[str, str]]) -> dict[str, Any]:
    """Handouts and links: a file from the concept's materials folder or an https address."""
    material = _item_model("materials")

    def hint(name: str) -> dict[str, str]:
        description = material.model_fields[name].description
        return {"hint": description} if description else {}

    def optional(name: str, label: str, widget: str, **extra: Any) -> dict[str, Any]:
        return {
            "name": name,
            "label": label,
            "widget": widget,
            "required": False,
            **hint(name),
            **extra,
        }

    return {
        "name": "materials",
        "label": "Materialien",
        "label_singular": "Material",
        "widget": "list",
        "collapsed": True,
        "summary": "{{fields.title}}",
        "hint": ConceptMeta.model_fields["materials"].description,
        "fields": [
            {"name": "title", "label": "Titel", "widget": "string", **hint("title")},
            # Only uploads: an address belongs in `url`, where the form checks it.
            optional("file", "Datei", "file", choose_url=False),
            optional("url", "Webadresse", "string", pattern=[HTTPS_PATTERN, HTTPS_MESSAGE]),
            optional("license", "Lizenz", "select", options=licenses),
            optional("description", "Beschreibung", "text"),
        ],
    }


def _item_model(name: str) -> type[BaseModel]:
    """The model of one item of the list field ``name`` of the schema (materials → Material)."""
    (model,) = get_args(ConceptMeta.model_fields[name].annotation)
    assert isinstance(model, type) and issubclass(model, BaseModel), model
    return model


def _date(name: str, label: str) -> dict[str, Any]:
    return {
        "required": False,
        "name": name,
        "label": label,
        "widget": "datetime",
        "date_format": "YYYY-MM-DD",
        "time_format": False,
        "format": "YYYY-MM-DD",
    }


def editor_root(settings: Settings) -> Path:
    """The folder decap-server must edit so that the collections' folders are the library's."""
    library = Path(settings.library_dir).resolve()
    depth = len(Path(_library_path(settings)).parts)
    return library.parents[depth - 1] if depth else library


def _library_path(settings: Settings) -> str:
    """The library folder as the CMS backend sees it: relative to the repository root."""
    if settings.cms_library_path:
        return settings.cms_library_path.strip("/")
    path = Path(settings.library_dir)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            path = Path(path.name)
    return path.as_posix().strip("/") or "."
