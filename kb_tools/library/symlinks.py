"""Symbolic links in a library: allowed only while they stay inside it.

A link to a file elsewhere on disk would otherwise validate and be published (site, index,
API), so every file and folder the loader reads is checked here first. A link from one place
in the library to another stays allowed (a centre folder shared under two names, a file kept
once); a broken link or a loop is refused with its own message instead of being skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

from kb_tools.library.safeyaml import SourceError


def link_problem(root: Path, path: Path) -> str | None:
    """Why ``path`` may not be read as part of the library at ``root`` (German), or ``None``.

    ``path`` must exist or be a link; only links can lead out, but a path through a linked
    folder is judged the same way, by where it really lies.
    """
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop (RuntimeError up to 3.12)
        return (
            f"Verknüpfung zeigt ins Leere (auf '{_target(path)}'); bitte die Datei selbst in "
            "die Bibliothek legen oder die Verknüpfung löschen"
        )
    if not real.is_relative_to(Path(root).resolve()):
        return (
            f"Verknüpfung zeigt aus der Bibliothek hinaus (auf '{real}'); Dateien müssen in der "
            "Bibliothek liegen"
        )
    return None


def check_inside(root: Path, path: Path) -> None:
    """Refuse (:class:`SourceError`, line 1) a ``path`` that :func:`link_problem` refuses."""
    message = link_problem(root, path)
    if message is not None:
        raise SourceError(message)


def _target(path: Path) -> str:
    """What the (first broken) link on ``path`` points at, as written in the link."""
    for step in (path, *path.parents):
        if step.is_symlink() and not step.exists():
            try:
                return os.readlink(step)
            except OSError:
                break
    return str(path)
