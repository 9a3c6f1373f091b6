"""``kb serve --watch``: after each change to the library, validate, rebuild site and index.

A thread looks at the library every second (names, sizes and modification times of its
files). Once a change has settled, it checks the whole library: with errors it prints them
and leaves everything as it is, so a broken edit never takes the running version down;
without, it builds the site and the index. The server then picks both up by itself (the site
symlink, :mod:`search_api.live` for the index).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from kb_tools.errors import KbError
from kb_tools.library import check_library
from kb_tools.search import build_index
from kb_tools.settings import Settings
from kb_tools.site import build_site

# Problems printed after a failed check; `kb validate` lists them all.
SHOWN_PROBLEMS = 5
Signature = frozenset[tuple[str, int, int]]


def library_signature(root: Path) -> Signature:
    """Every file of the library (hidden ones left out) with its size and modification time."""
    entries = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            entries.append((os.path.relpath(path, root), stat.st_size, stat.st_mtime_ns))
    return frozenset(entries)


class LibraryWatcher:
    """Runs :meth:`update` in a background thread whenever the library has changed."""

    def __init__(
        self, settings: Settings, echo: Callable[[str], None], interval: float = 1.0
    ) -> None:
        self.settings = settings
        self.echo = echo
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kb-watch", daemon=True)
        self._seen = library_signature(settings.library_dir)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            now = library_signature(self.settings.library_dir)
            if now == self._seen:
                continue
            # Wait until an editor has finished writing: two looks in a row must agree.
            if (
                self._stop.wait(self.interval / 2)
                or library_signature(self.settings.library_dir) != now
            ):
                continue
            self._seen = now
            self.update()

    def update(self) -> bool:
        """Check the library and, if it has no errors, rebuild site and index."""
        self.echo("Bibliothek geändert – prüfe …")
        try:
            library, problems = check_library(self.settings.library_dir)
            errors = [p for p in problems if p.is_error]
            if library is None or errors:
                self.echo(
                    f"{len(errors)} Fehler – Website und Index bleiben auf dem bisherigen Stand:"
                )
                for problem in errors[:SHOWN_PROBLEMS]:
                    self.echo(f"  {problem}")
                if len(errors) > SHOWN_PROBLEMS:
                    self.echo(f"  … alle mit 'kb validate --library {self.settings.library_dir}'")
                return False
            site = build_site(self.settings)
            index = build_index(
                library, self.settings.index_dir, self.settings.embedder, progress=False
            )
        except KbError as exc:
            self.echo(f"Aktualisierung fehlgeschlagen, der bisherige Stand bleibt aktiv: {exc}")
            return False
        except Exception as exc:  # the server must keep running whatever happens
            self.echo(
                f"Unerwarteter Fehler beim Aktualisieren, der bisherige Stand bleibt: {exc!r}"
            )
            return False
        self.echo(
            f"Aktualisiert: {site.concepts} Konzept{'' if site.concepts == 1 else 'e'}, Website "
            f"{'unverändert' if site.skipped else 'neu gebaut'}, "
            f"{index.embedded} Passagen neu eingebettet; live in etwa "
            f"{self.settings.reload_interval:g} s."
        )
        return True
