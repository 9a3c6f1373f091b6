"""Material files copied beside their concept page, plus one ZIP of them per concept.

The files go into the built site as they are (their content was checked when the library
loaded); the ZIP is deterministic: same files, same bytes, whatever the build time.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote

from kb_tools.library import Concept, Library, material_url, materials_zip_url

# Already compressed formats are stored, the rest deflated.
_STORED = ("application/pdf", "image/", "video/", "application/vnd.")


def write_materials(library: Library, site_root: Path) -> int:
    """Copy every material file into ``site_root`` and write the ZIPs; returns the file count."""
    count = 0
    for concept in library:
        files = [m for m in concept.materials if m.file is not None and m.path is not None]
        for material in files:
            assert material.file is not None and material.path is not None
            target = site_root / unquote(material_url(concept.id, material.file))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(material.path, target)
            count += 1
        if files:
            write_zip(concept, site_root / materials_zip_url(concept.id))
    return count


def write_zip(concept: Concept, target: Path) -> None:
    """All material files of ``concept`` in ``target``, under ``<id>/<file>``."""
    stamp = concept.meta.updated
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(target, "w") as archive:
        for material in concept.materials:
            if material.file is None or material.path is None:
                continue
            info = zipfile.ZipInfo(f"{concept.id}/{material.file}", date_time)
            stored = material.mime.startswith(_STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, material.path.read_bytes())
