"""The live index: loaded once, replaced while the server runs when ``kb index`` writes anew.

``kb index`` replaces ``manifest.json`` atomically (see :mod:`kb_tools.search.storage`). The
server looks at the manifest every ``settings.reload_interval`` seconds; when it changed it
loads the new index in a worker thread, next to the old one, and only then switches. Requests
take the version that is live when they start (:func:`search_api.deps.get_live`), so none sees
half of one index and half of another. A new index that cannot be loaded (damaged, another
format) is reported in the log and the old one keeps serving.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import anyio.to_thread

from kb_tools.errors import KbError
from kb_tools.search import MANIFEST, SearchIndex, read_manifest
from search_api.models import Facets, Health, Stats

log = logging.getLogger("kb.live")

# What identifies one manifest file on disk: os.replace gives the new one another inode.
Stamp = tuple[int, int, int]
T = TypeVar("T")


def manifest_stamp(index_dir: Path) -> Stamp | None:
    try:
        stat = os.stat(Path(index_dir) / MANIFEST)
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class Once(Generic[T]):
    """A value computed on first use and then kept: figures of a library that does not change
    while the app runs, without making every start-up pay for them."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self._compute = compute
        self._lock = threading.Lock()
        self._value: T | None = None

    def get(self) -> T:
        with self._lock:  # concurrent first requests compute it once
            if self._value is None:
                self._value = self._compute()
            return self._value


@dataclass(frozen=True)
class Loaded:
    """One loaded version and everything the API derives from it."""

    index: SearchIndex
    facets: Facets
    health: Health
    stats: Once[Stats]

    @classmethod
    def of(cls, index: SearchIndex) -> Loaded:
        library = index.library
        loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        return cls(
            index=index,
            facets=Facets.of(library),
            health=Health.of(index.info, loaded_at),
            stats=Once(lambda: Stats.of(library)),
        )


class LiveIndex:
    """The version being served, and the switch to a newer one."""

    def __init__(self, index_dir: Path, index: SearchIndex) -> None:
        self.index_dir = Path(index_dir)
        self._stamp = manifest_stamp(self.index_dir)
        self.current = Loaded.of(index)

    def changed(self) -> bool:
        """Whether the manifest on disk is another one than the loaded index's."""
        stamp = manifest_stamp(self.index_dir)
        return stamp is not None and stamp != self._stamp

    def reload(self) -> bool:
        """Load the index the manifest names now and switch to it; ``False`` if nothing new.

        Blocking (it reads files and may load a model): call it in a worker thread.
        """
        stamp = manifest_stamp(self.index_dir)
        if stamp is None or stamp == self._stamp:
            return False
        old = self.current.index
        try:
            manifest = read_manifest(self.index_dir)
            if manifest.get("version") == old.version:
                self._stamp = stamp
                return False
            same_model = manifest.get("embedder") == old.embedder.name
            index = SearchIndex.load(self.index_dir, embedder=old.embedder if same_model else None)
        except KbError as exc:
            # Retried at the next look only if the manifest changes again.
            self._stamp = stamp
            log.warning("Neuer Suchindex nicht geladen, der bisherige bleibt aktiv: %s", exc)
            return False
        self._stamp = stamp
        self.current = Loaded.of(index)
        log.warning(
            "Suchindex %s aktiv (%d Konzepte, %d Passagen).",
            index.version,
            index.info.get("concepts", 0),
            index.info.get("passages", 0),
        )
        return True

    async def watch(self, interval: float, on_switch: Callable[[], None] | None = None) -> None:
        """Look for a new manifest every ``interval`` seconds, forever (cancel to stop)."""
        while True:
            await asyncio.sleep(interval)
            if self.changed() and await anyio.to_thread.run_sync(self.reload) and on_switch:
                on_switch()
