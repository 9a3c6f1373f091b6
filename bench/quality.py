"""Search quality on the evaluation set: nDCG@10, MRR@10 and Recall@5 per mode and query kind.

Usage: python bench/quality.py [--queries bench/eval/queries.yml] [--library concepts]
                               [--index-dir build/index] [--embedder e5-small] [--per-query]

The index is (re)built incrementally first, so the figures always match the library.
Metrics (graded judgments: 2 = exactly right, 1 = partly useful; unjudged = 0):
- nDCG@10 with gain 2^rel - 1 against the ideal order of all judged concepts;
- MRR@10: 1 / rank of the first concept with rel ≥ 1 (0 if none in the top 10);
- R@5: share of the concepts with rel ≥ 1 found in the top 5; R@5(2): the same for rel = 2;
- P(Menge), R(Menge): precision and recall of the whole result set (every concept the search
  returns, not only the first page) against the complete judgments: what a user reading the
  count "N Konzepte gefunden" is told;
- 0 Treffer: for the kind ``nonsense`` (nothing in the library answers it), the share of
  queries with no result at all.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb_tools.library import Filters, load_library  # noqa: E402
from kb_tools.search import SearchIndex, build_index  # noqa: E402

MODES = ("lexical", "dense", "hybrid")
METRICS = ("nDCG@10", "MRR@10", "R@5", "R@5(2)", "P(Menge)", "R(Menge)", "0 Treffer")
DEFAULT_QUERIES = REPO / "bench" / "eval" / "queries.yml"
DEV_QUERIES = REPO / "bench" / "eval" / "dev-queries.yml"


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    filters: Filters
    judgments: dict[str, int]


def load_queries(path: Path) -> list[Query]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        Query(
            str(row["query"]),
            str(row.get("kind", "keyword")),
            Filters.of(**{k: _listed(v) for k, v in (row.get("filters") or {}).items()}),
            {str(k): int(v) for k, v in row["judgments"].items()},
        )
        for row in rows
    ]


def _listed(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def metrics(ranked: list[str], judgments: dict[str, int]) -> dict[str, float | None]:
    """The metrics of one ranked result set; ``None`` where the query has no such concept."""
    gains = [2 ** judgments.get(cid, 0) - 1 for cid in ranked[:10]]
    ideal = sorted((2**rel - 1 for rel in judgments.values()), reverse=True)[:10]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    first = next((i for i, cid in enumerate(ranked[:10]) if judgments.get(cid, 0) >= 1), None)
    relevant = {c for c, r in judgments.items() if r >= 1}
    exact = {c for c, r in judgments.items() if r == 2}
    top5 = set(ranked[:5])
    returned = set(ranked)
    return {
        "nDCG@10": dcg / idcg if idcg else None,
        "MRR@10": (1 / (first + 1) if first is not None else 0.0) if relevant else None,
        "R@5": len(top5 & relevant) / len(relevant) if relevant else None,
        "R@5(2)": len(top5 & exact) / len(exact) if exact else None,
        "P(Menge)": len(returned & relevant) / len(returned) if returned and relevant else None,
        "R(Menge)": len(returned & relevant) / len(relevant) if relevant else None,
        "0 Treffer": None if relevant else float(not returned),
    }


def evaluate(index: SearchIndex, queries: list[Query], mode: str) -> list[dict[str, float | None]]:
    """Per-query metrics; mode "rrf" is hybrid with reciprocal rank fusion instead of weights."""
    out = []
    fusion = index.fusion
    if mode == "rrf":
        index.fusion = dataclasses.replace(fusion, method="rrf")
    for q in queries:
        results = index.search(
            q.query, q.filters, limit=len(index.library), mode="hybrid" if mode == "rrf" else mode
        )
        out.append(metrics([hit.id for hit in results.results], q.judgments))
    index.fusion = fusion
    return out


def mean(values: list[float | None]) -> float:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else float("nan")


def table(queries: list[Query], scores: dict[str, list[dict[str, float | None]]]) -> str:
    """One block per metric: rows = overall and each query kind, columns = modes."""
    kinds = sorted({q.kind for q in queries})
    lines = []
    for metric in METRICS:
        lines.append(f"{metric:<12}{'n':>4}" + "".join(f"{m:>10}" for m in scores))
        for kind in ["overall", *kinds]:
            rows = [i for i, q in enumerate(queries) if kind in ("overall", q.kind)]
            values = [mean([scores[m][i][metric] for i in rows]) for m in scores]
            if all(math.isnan(v) for v in values):
                continue
            lines.append(f"  {kind:<10}{len(rows):>4}" + "".join(f"{v:>10.3f}" for v in values))
        lines.append("")
    return "\n".join(lines)


def similar_table(index: SearchIndex) -> str:
    """How often the top 3 "Ähnliche Konzepte" share a topic (and an audience) with the concept:
    with the metadata weights of Fusion, and with the centroid cosine alone."""
    library = index.library
    lines = ["Ähnliche Konzepte (Top 3)   gemeinsames Thema   Thema und Zielgruppe"]
    fusion = index.fusion
    for name, variant in (
        ("nur Einbettung", dataclasses.replace(fusion, similar_topics=0, similar_audience=0)),
        ("mit Metadaten", fusion),
    ):
        index.fusion = variant
        topic = both = total = 0
        for concept in library:
            for hit in index.similar(concept.id, limit=3):
                other = library.concepts[hit.id].meta
                same_topic = bool(set(other.topics) & set(concept.meta.topics))
                topic += same_topic
                both += same_topic and bool(set(other.audience) & set(concept.meta.audience))
                total += 1
        lines.append(f"  {name:<26}{topic / total:>18.2f}{both / total:>23.2f}")
    index.fusion = fusion
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=None)
    parser.add_argument("--library", type=Path, default=REPO / "concepts")
    parser.add_argument("--index-dir", type=Path, default=REPO / "build" / "index")
    parser.add_argument("--embedder", default="e5-small")
    parser.add_argument("--per-query", action="store_true", help="also list each query")
    parser.add_argument("--rrf", action="store_true", help="add hybrid with rank fusion (rrf)")
    args = parser.parse_args()
    path = args.queries or (DEFAULT_QUERIES if DEFAULT_QUERIES.exists() else DEV_QUERIES)
    queries = load_queries(path)
    library = load_library(args.library)
    build_index(library, args.index_dir, args.embedder)
    index = SearchIndex.load(args.index_dir, library)
    modes = [*MODES, "rrf"] if args.rrf else list(MODES)
    scores = {mode: evaluate(index, queries, mode) for mode in modes}
    print(
        f"{len(queries)} Anfragen aus {path.relative_to(REPO) if path.is_relative_to(REPO) else path}"
    )
    print(
        f"Index: {index.info['concepts']} Konzepte, {index.info['passages']} Passagen, {index.info['embedder']}\n"
    )
    print(table(queries, scores))
    print(similar_table(index))
    if args.per_query:
        for i, q in enumerate(queries):
            row = " ".join(f"{scores[m][i]['nDCG@10'] or 0:.2f}" for m in MODES)
            print(f"{row}  [{q.kind}] {q.query}")


if __name__ == "__main__":
    main()
