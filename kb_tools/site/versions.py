"""Built sites as versioned folders behind one symlink, switched atomically.

``kb build`` writes each site into ``.<site>-versions/<version>/`` beside the site folder and
then points ``site`` at it by replacing a symlink with ``os.replace``: a web server (or
``kb serve``) resolves ``site`` per request and sees either the old complete site or the new
one, never a gap or a half-written folder. The two previous versions stay on disk, so a
request that resolved the old target a moment before the switch still finds its file.

One build at a time per site (:func:`site_lock`; a second one waits). Whoever holds the lock
removes the leftovers of killed builds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

# Versions kept besides the live one: requests in flight during a switch still find theirs.
KEEP_PREVIOUS = 2
_STAGING = ".tmp-"
# Folders the builds before versioning left beside the site when they were killed.
_LEGACY_LEFTOVERS = ("-build-", "-old-")


def versions_dir(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}-versions"


@contextlib.contextmanager
def site_lock(site_dir: Path) -> Iterator[None]:
    """Hold the build lock of ``site_dir``; cleans up what killed builds left."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(site_dir.parent / f".{site_dir.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            _remove_leftovers(site_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_staging(site_dir: Path) -> Path:
    """An empty folder (mode 0755, a web server must read it) for the next version."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    folder = versions_dir(site_dir) / f"{_STAGING}{stamp}-{uuid.uuid4().hex[:6]}"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)  # mkdir's mode is subject to the umask
    return folder


def publish(staging: Path, site_dir: Path) -> Path:
    """Make the complete ``staging`` folder the live site; returns the version folder."""
    version = staging.with_name(staging.name.removeprefix(_STAGING))
    staging.rename(version)
    link = site_dir.with_name(f".{site_dir.name}.link-{uuid.uuid4().hex[:8]}")
    link.symlink_to(version.relative_to(site_dir.parent), target_is_directory=True)
    if site_dir.is_dir() and not site_dir.is_symlink():
        # A site from before versioning: moved aside once (the only non-atomic switch).
        site_dir.rename(versions_dir(site_dir) / f"0-alt-{uuid.uuid4().hex[:6]}")
    os.replace(link, site_dir)
    _prune(site_dir, keep=version)
    return version


def _prune(site_dir: Path, keep: Path) -> None:
    versions = sorted(
        (p for p in versions_dir(site_dir).iterdir() if not p.name.startswith(_STAGING)),
        key=lambda p: p.name,
    )
    old = [p for p in versions if p != keep]
    for folder in old[: max(0, len(old) - KEEP_PREVIOUS)]:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_leftovers(site_dir: Path) -> None:
    """Staging folders and links of killed builds (only ever called under the lock)."""
    for path in site_dir.parent.glob(f".{site_dir.name}*"):
        name = path.name.removeprefix(f".{site_dir.name}")
        if name.startswith(".link-"):
            path.unlink(missing_ok=True)
        elif name.startswith(_LEGACY_LEFTOVERS) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    versions = versions_dir(site_dir)
    if versions.is_dir():
        for path in versions.glob(f"{_STAGING}*"):
            shutil.rmtree(path, ignore_errors=True)
