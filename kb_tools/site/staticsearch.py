"""The site's static search (Pagefind), for when the search API is not there.

Pagefind gets one custom record per concept from :func:`kb_tools.search.static_records`
(our German analysis has already split the compounds), in German, with the six facets as
filters; the scripts of ``suche/`` load ``pagefind/pagefind.js`` only when the API is away.
"""

from __future__ import annotations

import asyncio
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kb_tools.errors import BuildError
from kb_tools.library import Library
from kb_tools.search import StaticRecord, static_records

FOLDER = "pagefind"


def write_static_search(library: Library, site_root: Path) -> int:
    """Write the Pagefind bundle into ``site_root/pagefind``; returns the number of records."""
    records = static_records(library)
    target = site_root / FOLDER
    if target.exists():
        shutil.rmtree(target)
    try:
        # In a thread of its own: the caller may already run an event loop (a server, a
        # test with Playwright), and asyncio.run() refuses to nest.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _write(records, target)).result()
    except Exception as exc:  # the Pagefind binary failed or is missing
        raise BuildError(f"Statischer Suchindex (Pagefind) nicht erstellt: {exc}") from exc
    return len(records)


async def _write(records: list[StaticRecord], target: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language="de", output_path=str(target), write_playground=False)
    async with PagefindIndex(config=config) as index:
        for record in records:
            await index.add_custom_record(
                url=record.url,
                content=record.content,
                language="de",
                meta={"title": record.title, "kb": record.hit.model_dump_json()},
                filters=record.filters,
            )
