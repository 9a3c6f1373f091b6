"""Running MkDocs on the generated pages, strictly: any warning fails the build with its text."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kb_tools.errors import BuildError
from kb_tools.settings import Settings
from kb_tools.site.fingerprint import site_url


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, settings: Settings) -> None:
    """MkDocs with ``--strict`` semantics: any warning fails the build with its message."""
    # Imported here: MkDocs and its theme load slowly and are only needed for a real build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(
            str(config_file),
            docs_dir=str(docs_dir.resolve()),
            site_dir=str(site_dir.resolve()),
            site_url=site_url(settings.site_url),
            strict=True,
        )
        config.extra["kb_api_base"] = settings.api_base_url
        build(config)
    except (MkDocsException, OSError) as exc:
        raise BuildError(_failure(exc, collector.messages)) from exc
    except Exception as exc:  # e.g. a broken theme override raises a Jinja error
        raise BuildError(_failure(exc, collector.messages)) from exc
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise BuildError(_failure(None, collector.messages))


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _failure(exc: BaseException | None, warnings: list[str]) -> str:
    lines = ["Die Website konnte nicht gebaut werden; die bisherige Website bleibt unverändert."]
    lines += [f"MkDocs: {message}" for message in warnings]
    if exc is not None and str(exc) and not any(str(exc) in m for m in warnings):
        lines.append(f"MkDocs: {exc}")
    return "\n".join(lines)
