"""The site's search without the API: our Pagefind index beside MkDocs' lunr search, measured
on the same evaluation queries in a real chromium.

    .venv/bin/python bench/static_search.py [--queries bench/eval/queries.yml]

Both sites are built from the sample library: the product (Pagefind, fed by our German
analysis) and the same site with mkdocs-material's built-in search switched back on (what the
site had before). Pagefind is asked through its JavaScript API with the query's filters;
lunr through the search box, its result pages mapped to concepts and the filters applied to
that list afterwards (lunr has none). Metrics as in bench/quality.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from quality import DEFAULT_QUERIES, Query, load_queries, metrics  # noqa: E402

from kb_tools.library import Library, load_library  # noqa: E402
from kb_tools.settings import load_settings  # noqa: E402
from kb_tools.site import build_site  # noqa: E402
from tests.support.browser import chromium  # noqa: E402
from tests.support.servers import static_server  # noqa: E402

KEYS = ("nDCG@10", "MRR@10", "R@5", "P(Menge)", "R(Menge)", "0 Treffer")
PAGEFIND_JS = """async ([query, filters, anyWord]) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const mod = await import("/assets/javascripts/kb/anyword.mjs");
  const results = anyWord
    ? await mod.searchAnyWord(pagefind, query, filters)
    : (await pagefind.search(query, { filters })).results;
  const data = await Promise.all(results.map((r) => r.data()));
  return data.map((d) => JSON.parse(d.meta.kb).id);
}"""


def build(root: Path, lunr: bool) -> Path:
    config = REPO / "mkdocs.yml"
    if lunr:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["plugins"] = [{"search": {"lang": "de"}}]
        data["theme"]["custom_dir"] = str(REPO / data["theme"]["custom_dir"])
        config = root / "lunr-mkdocs.yml"
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    settings = load_settings(
        library_dir=REPO / "concepts",
        site_dir=root / ("lunr" if lunr else "pagefind"),
        build_dir=root / ("build-lunr" if lunr else "build"),
        site_config=config,
    )
    build_site(settings, force=True)
    return settings.site_dir


def concept_of(href: str) -> str | None:
    parts = [p for p in urlsplit(href).path.split("/") if p]
    return parts[parts.index("konzepte") + 1] if "konzepte" in parts[:-1] else None


def filtered(ids: list[str], query: Query, library: Library) -> list[str]:
    return [cid for cid in ids if query.filters.matches(library.concepts[cid], library)]


def pagefind_results(page: object, query: Query, any_word: bool) -> list[str]:
    # OR within a facet, as everywhere in the product (Pagefind's plain list would mean AND).
    filters = {facet: {"any": list(values)} for facet, values in query.filters.active().items()}
    ids: list[str] = page.evaluate(PAGEFIND_JS, [query.query, filters, any_word])  # type: ignore[attr-defined]
    return ids


def lunr_results(page: object, query: Query, library: Library) -> list[str]:
    box = page.locator(".md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.fill("")
    box.press_sequentially(query.query, delay=2)  # the search box listens to key strokes
    time.sleep(0.4)  # the search box waits for typing to pause
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() && !/initialisiert|eingeben/i.test(m.textContent); }"
    )
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item > a", "els => els.map(e => e.href)"
    )
    ids = list(dict.fromkeys(c for c in map(concept_of, hrefs) if c in library.concepts))
    return filtered(ids, query, library)


def summary(rows: list[dict[str, float | None]]) -> dict[str, float]:
    out = {}
    for key in KEYS:
        values = [r[key] for r in rows if r[key] is not None]
        out[key] = statistics.fmean(values) if values else float("nan")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    args = parser.parse_args()
    queries = load_queries(args.queries)
    library = load_library(REPO / "concepts")
    with tempfile.TemporaryDirectory(prefix="kb-static-") as tmp:
        pagefind = build(Path(tmp), lunr=False)
        sites = {
            "Pagefind": pagefind,
            "Pagefind-ODER": pagefind,
            "lunr": build(Path(tmp), lunr=True),
        }
        scores: dict[str, list[dict[str, float | None]]] = {}
        with chromium() as browser:
            for name, site in sites.items():
                with static_server(site) as url:
                    page = browser.new_page()
                    page.goto(f"{url}katalog/")
                    rows = []
                    for q in queries:
                        ranked = (
                            lunr_results(page, q, library)
                            if name == "lunr"
                            else pagefind_results(page, q, any_word=name != "Pagefind")
                        )
                        rows.append({**metrics(ranked, q.judgments), "kind": q.kind})  # type: ignore[dict-item]
                    scores[name] = rows
                    page.close()
    print(f"{len(queries)} Anfragen aus {args.queries.name}; Website ohne Such-API\n")
    print(f"{'':<12}" + "".join(f"{k:>11}" for k in KEYS))
    for name, rows in scores.items():
        figures = summary(rows)
        print(f"{name:<12}" + "".join(f"{figures[k]:>11.3f}" for k in KEYS))
    kinds = sorted({q.kind for q in queries} - {"nonsense"})
    print("\nnDCG@10 je Art" + "".join(f"{k[:9]:>11}" for k in kinds))
    for name, rows in scores.items():
        per = [
            statistics.fmean(
                [r["nDCG@10"] for r in rows if r["kind"] == k and r["nDCG@10"] is not None]
                or [float("nan")]
            )
            for k in kinds
        ]
        print(f"{name:<14}" + "".join(f"{v:>11.3f}" for v in per))


if __name__ == "__main__":
    main()
