"""The index folder on disk: data files plus a manifest that is replaced atomically.

A build writes new, uniquely named data files (vectors, passages and a copy of the library
they were built from), syncs them, then swaps ``manifest.json`` with ``os.replace``. Readers
only follow the manifest, so a build killed at any point leaves the previous index whole.
The next build removes leftovers of killed builds and everything older than the previous
version, which stays on disk so that a server still loading it is not pulled from under.

With its library copy an index folder is a self-contained artefact: a server needs only it,
and an edited library that has not been indexed yet cannot make the index unusable.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from kb_tools.errors import IndexMismatch, IndexMissing

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
_LOCK = ".lock"
_DATA_PREFIXES = ("vectors-", "passages-", "library-")


def read_manifest(index_dir: Path) -> dict[str, Any]:
    path = Path(index_dir) / MANIFEST
    if not path.is_file():
        raise IndexMissing(
            f"Kein Suchindex in '{index_dir}' gefunden; bitte zuerst 'kb index' ausführen."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise damaged(index_dir) from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatch(
            f"Der Suchindex in '{index_dir}' hat ein anderes Format; bitte 'kb index' neu ausführen."
        )
    return manifest


def read_data(
    index_dir: Path, manifest: dict[str, Any]
) -> tuple[faiss.Index, list[dict[str, str]]]:
    """The vector index and the passage list (same order) the manifest points to."""
    files = manifest.get("files", {})
    try:
        vectors = faiss.read_index(str(Path(index_dir) / files["vectors"]))
        passages = json.loads((Path(index_dir) / files["passages"]).read_text(encoding="utf-8"))
    except (KeyError, OSError, RuntimeError, ValueError):
        raise damaged(index_dir) from None
    if vectors.ntotal != len(passages):
        raise damaged(index_dir)
    return vectors, passages


def library_copy(index_dir: Path, manifest: dict[str, Any]) -> Path:
    """The folder of the library copy the manifest points to."""
    name = manifest.get("files", {}).get("library")
    path = Path(index_dir) / str(name)
    if not isinstance(name, str) or not path.is_dir():
        raise damaged(index_dir)
    return path


def new_build_id() -> str:
    return uuid.uuid4().hex[:12]


def stage_library(index_dir: Path, root: Path, build: str) -> Path:
    """Copy the library folder to ``library-<build>`` in the index: hidden files left out, and
    links that lead out of the library (which the loader refuses) not followed."""
    target = Path(index_dir) / f"library-{build}"
    inside = Path(root).resolve()

    def skipped(folder: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name.startswith(".")
            or (
                os.path.islink(os.path.join(folder, name))
                and not Path(folder, name).resolve().is_relative_to(inside)
            )
        }

    shutil.copytree(root, target, ignore=skipped, ignore_dangling_symlinks=True)
    return target


def write_index(
    index_dir: Path,
    vectors: np.ndarray,
    passages: list[dict[str, str]],
    manifest: dict[str, Any],
    build: str,
) -> dict[str, Any]:
    """Write data files and then the manifest; returns the manifest as written.

    The library copy ``library-<build>`` must be staged already (:func:`stage_library`).
    """
    index_dir = Path(index_dir)
    files = {
        "vectors": f"vectors-{build}.faiss",
        "passages": f"passages-{build}.json",
        "library": f"library-{build}",
    }
    flat = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        flat.add(vectors)
    faiss.write_index(flat, str(index_dir / files["vectors"]))
    _write_file(index_dir / files["passages"], json.dumps(passages, ensure_ascii=False).encode())
    _fsync_path(index_dir / files["vectors"])
    manifest = {**manifest, "format_version": FORMAT_VERSION, "version": build, "files": files}
    previous = _referenced(index_dir)
    tmp = index_dir / f".{MANIFEST}.{build}.tmp"
    _write_file(tmp, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
    os.replace(tmp, index_dir / MANIFEST)
    _fsync_path(index_dir)
    _remove_unreferenced(index_dir, set(files.values()) | previous)
    return manifest


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder (a second one waits)."""
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(index_dir) / _LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _referenced(index_dir: Path) -> set[str]:
    """The data files the current manifest points to (none when there is no usable one)."""
    try:
        files = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return set()
    return (
        {name for name in files.values() if isinstance(name, str)}
        if isinstance(files, dict)
        else set()
    )


def _remove_unreferenced(index_dir: Path, keep: set[str]) -> None:
    """Older data files and leftovers of killed builds (a reader may still hold them open)."""
    for path in index_dir.iterdir():
        stale = path.name.startswith(_DATA_PREFIXES) or path.name.endswith(".tmp")
        if not stale or path.name in keep:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def damaged(index_dir: Path) -> IndexMismatch:
    return IndexMismatch(
        f"Der Suchindex in '{index_dir}' ist unvollständig oder beschädigt; bitte 'kb index' "
        "neu ausführen."
    )
