"""Passage vectors by content hash and embedder, kept in SQLite between builds.

Embedding is the slow part of ``kb index``; with this cache a build only embeds passages whose
text changed, and a build that is killed keeps every batch it finished.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    embedder TEXT NOT NULL,
    key TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (embedder, key)
)
"""


class VectorCache:
    """The vectors of one embedder; each :meth:`put` is committed at once."""

    def __init__(self, path: Path, embedder: str, dim: int) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.embedder, self.dim = embedder, dim
        self._db = sqlite3.connect(path, timeout=60)
        self._db.execute(_SCHEMA)
        self._db.commit()

    def get(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, np.ndarray] = {}
        for first in range(0, len(wanted), 500):  # stay below SQLite's variable limit
            chunk = wanted[first : first + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE embedder = ? AND key IN ({','.join('?' * len(chunk))})",
                [self.embedder, *chunk],
            )
            for key, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (self.dim,):
                    found[key] = vector
        return found

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO vectors (embedder, key, vector) VALUES (?, ?, ?)",
            [
                (self.embedder, k, np.asarray(v, dtype=np.float32).tobytes())
                for k, v in vectors.items()
            ],
        )
        self._db.commit()

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget this embedder's vectors of passages that no longer exist."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM live")
        self._db.executemany("INSERT OR IGNORE INTO live VALUES (?)", [(k,) for k in keys])
        self._db.execute(
            "DELETE FROM vectors WHERE embedder = ? AND key NOT IN (SELECT key FROM live)",
            [self.embedder],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()
