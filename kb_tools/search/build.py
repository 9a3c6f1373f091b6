"""``kb index``: embed what is not cached yet and write the index atomically.

Embeddings are cached by passage text (:mod:`.vectorcache`), so re-indexing embeds only
passages whose text changed; :mod:`.storage` swaps the finished index in. The index keeps a
copy of the library it was built from, and what is embedded is read from that copy: an edit
made while ``kb index`` runs can never leave vectors and library out of step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kb_tools.library import Library, load_library
from kb_tools.search.embedders import Embedder, get_embedder
from kb_tools.search.passages import Passage, library_passages
from kb_tools.search.progress import Progress
from kb_tools.search.storage import build_lock, new_build_id, stage_library, write_index
from kb_tools.search.vectorcache import VectorCache

BATCH = 16
CACHE_FILE = "embeddings.sqlite3"


@dataclass(frozen=True)
class BuildReport:
    """What ``kb index`` did: passages embedded now versus reused from the previous index."""

    index_dir: Path
    embedder: str
    concepts: int
    passages: int
    embedded: int
    reused: int
    seconds: float


def build_index(
    library: Library,
    index_dir: Path,
    embedder_name: str,
    progress: bool | None = None,
    cache_dir: Path | None = None,
) -> BuildReport:
    """Embed what is not cached yet and write the index atomically.

    ``cache_dir`` holds the vector cache (default: ``<index_dir>/cache``). ``progress``: a
    bar on a terminal, otherwise a line every few seconds (default); ``False`` is silent.
    """
    start = time.perf_counter()
    index_dir = Path(index_dir)
    with build_lock(index_dir):
        build = new_build_id()
        snapshot = stage_library(index_dir, library.root, build)
        try:
            source = library.root
            library = load_library(snapshot)
            report = _build(library, index_dir, embedder_name, progress, cache_dir, build, source)
        except BaseException:
            shutil.rmtree(snapshot, ignore_errors=True)
            raise
    return dataclasses.replace(report, seconds=time.perf_counter() - start)


def _build(
    library: Library,
    index_dir: Path,
    embedder_name: str,
    progress: bool | None,
    cache_dir: Path | None,
    build: str,
    source: Path,
) -> BuildReport:
    passages = library_passages(library)
    embedder = get_embedder(embedder_name)
    cache = VectorCache(
        Path(cache_dir or index_dir / "cache") / CACHE_FILE, embedder.name, embedder.dim
    )
    try:
        vectors = _vectors(passages, embedder, cache, progress)
        cache.keep_only(p.key for p in passages)
    finally:
        cache.close()
    embedded = sum(1 for p in passages if p.key in vectors.fresh)
    manifest = {
        "embedder": embedder.name,
        "dim": embedder.dim,
        "concepts": len(library),
        "passages": len(passages),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "content_hash": library.content_hash(),
        "library": str(source),
        "embedded": embedded,
        "reused": len(passages) - embedded,
    }
    rows = [{"concept": p.concept_id, "section": p.section, "key": p.key} for p in passages]
    write_index(index_dir, vectors.matrix, rows, manifest, build)
    return BuildReport(
        index_dir,
        embedder.name,
        len(library),
        len(passages),
        embedded,
        len(passages) - embedded,
        0.0,
    )


@dataclass(frozen=True)
class _Vectors:
    matrix: np.ndarray
    fresh: frozenset[str]


def _vectors(
    passages: list[Passage], embedder: Embedder, cache: VectorCache, progress: bool | None
) -> _Vectors:
    """One vector per passage: cached ones reused, the rest embedded in cached batches."""
    known = cache.get(p.key for p in passages)
    texts = {p.key: p.embed_text for p in passages if p.key not in known}
    missing = list(texts)
    # A bar on a terminal, a line every few seconds in a log; progress=False: silent.
    with Progress(len(missing), disable=progress is False, tty=progress or None) as bar:
        for first in range(0, len(missing), BATCH):
            keys = missing[first : first + BATCH]
            batch = dict(zip(keys, embedder.embed_passages([texts[k] for k in keys]), strict=True))
            cache.put(batch)  # committed now: a killed build keeps this batch
            known.update(batch)
            bar.update(len(keys))
    if not passages:
        return _Vectors(np.zeros((0, embedder.dim), dtype=np.float32), frozenset())
    return _Vectors(
        np.stack([known[p.key] for p in passages]).astype(np.float32), frozenset(missing)
    )
