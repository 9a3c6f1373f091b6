"""The editor's files in the built site (``admin/``): its page, the generated configuration,
one template per concept for "Für mein Zentrum übernehmen", and Decap CMS and YAML from npm.

They are written straight into the built site after MkDocs has run: MkDocs has nothing to do
with them, and a library of thousands of concepts would cost it a file each.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from kb_tools.library import ADAPTED_FIELDS, ADMIN_URL, Concept, Library, concept_url
from kb_tools.settings import Settings
from kb_tools.site.cms import cms_config

try:  # libyaml writes the configuration of a large library ten times faster
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]  # same API, no libyaml

SITE_NAME = "Konzeptbibliothek"
DECAP_DIST = Path("decap-cms") / "dist"
# The bundle, its lazily loaded chunks and WebAssembly, and its licence notices.
DECAP_FILES = ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")
YAML_BROWSER = Path("yaml") / "browser"


def template_data(concept: Concept) -> dict[str, Any]:
    """What "Für mein Zentrum übernehmen" copies from ``concept`` into a new entry."""
    data = concept.meta.model_dump(mode="json", include={"title", *ADAPTED_FIELDS})
    return {
        **{key: value for key, value in data.items() if value not in (None, [], "")},
        "adapted_from": [concept.id],
        "status": "entwurf",
        "body": concept.body.strip() + "\n",
        "kb_original": {"id": concept.id, "title": concept.title, "url": concept_url(concept.id)},
    }


EDITOR_PAGE = """<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta name="kb-site-root" content="../">
  <meta name="kb-api-base" content="{api_base}">
  <title>Konzept-Editor – {site_name}</title>
  <link rel="icon" href="../assets/images/favicon.svg">
  <link rel="stylesheet" href="../assets/stylesheets/kb/editor.css">
  <script>window.CMS_MANUAL_INIT = true;</script>
  <script src="decap/decap-cms.js"></script>
  <script type="module" src="../assets/javascripts/kb-editor.mjs"></script>
</head>
<body>
  <noscript><p>Der Editor braucht JavaScript.</p></noscript>
</body>
</html>
"""
MISSING_PAGE = """<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>Konzept-Editor – {site_name}</title>
<link rel="stylesheet" href="../assets/stylesheets/kb/editor.css"></head>
<body><main class="kb-adopt"><h1>Der Editor ist nicht installiert</h1>
<p>Die Dateien des Editors (Decap CMS) kommen aus npm. Bitte im Projektordner
<code>npm ci</code> ausführen und die Website neu bauen (<code>kb build</code>).</p>
<p>Konzepte lassen sich auch ohne Editor anlegen: <code>kb new</code>, siehe README.</p>
</main></body></html>
"""


def node_modules() -> Path | None:
    """The project's node_modules (npm ci), looked up from the working folder and the code."""
    for root in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (root / "node_modules" / DECAP_DIST).is_dir():
            return root / "node_modules"
    return None


def editor_lockfile() -> Path | None:
    modules = node_modules()
    lock = modules.parent / "package-lock.json" if modules else None
    return lock if lock and lock.is_file() else None


def write_editor(library: Library, settings: Settings, site_dir: Path) -> None:
    """``admin/`` in the built site: the editor page, its generated configuration, one
    template per concept for "Für mein Zentrum übernehmen", and Decap CMS and YAML from npm."""
    admin = site_dir / ADMIN_URL
    (admin / "vorlagen").mkdir(parents=True, exist_ok=True)
    config = cms_config(library, settings)
    text = yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    (admin / "config.yml").write_text(text, encoding="utf-8")
    (admin / "config.json").write_text(_json(config), encoding="utf-8")
    for concept in library:
        (admin / "vorlagen" / f"{concept.id}.json").write_text(
            _json(template_data(concept)), encoding="utf-8"
        )
    modules = node_modules()
    values = {"site_name": SITE_NAME, "api_base": html.escape(settings.api_base_url)}
    if modules is None:
        (admin / "index.html").write_text(MISSING_PAGE.format(**values), encoding="utf-8")
        return
    decap = admin / "decap"
    decap.mkdir(exist_ok=True)
    for pattern in DECAP_FILES:
        for path in (modules / DECAP_DIST).glob(pattern):
            shutil.copyfile(path, decap / path.name)
    shutil.copytree(modules / YAML_BROWSER, admin / "vendor" / "yaml", dirs_exist_ok=True)
    (admin / "index.html").write_text(EDITOR_PAGE.format(**values), encoding="utf-8")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
