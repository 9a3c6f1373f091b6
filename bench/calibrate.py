"""Fit the relevance model (kb_tools/search/relevance.py) on the judged evaluation sets.

    .venv/bin/python bench/calibrate.py            # cross-validation and the fitted constants
    .venv/bin/python bench/calibrate.py --write    # also write them into relevance.py

Every (query, concept) pair of queries.yml and dev-queries.yml is one example: acceptable
(judged 1 or 2) or not (unlisted; the judgments are complete). Filter queries count only the
concepts that pass their filters. The logistic model is class-balanced and L2-regularised;
features are standardised. Cross-validation fits on one set and measures on the other, so
the figures say how the method carries over to queries it has not seen.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from quality import DEFAULT_QUERIES, DEV_QUERIES, Query, load_queries, metrics  # noqa: E402

from kb_tools.library import load_library  # noqa: E402
from kb_tools.search import SearchIndex, build_index  # noqa: E402
from kb_tools.search.relevance import FEATURES, RelevanceModel, result_set  # noqa: E402

L2 = 0.01
MODULE = REPO / "kb_tools" / "search" / "relevance.py"


def examples(
    index: SearchIndex, queries: list[Query]
) -> list[tuple[Query, np.ndarray, np.ndarray, np.ndarray]]:
    ids = [c.id for c in index.library]
    out = []
    for q in queries:
        x = index.relevance_features(q.query)
        y = np.array([q.judgments.get(cid, 0) >= 1 for cid in ids], dtype=float)
        mask = np.array([q.filters.matches(c, index.library) for c in index.library])
        out.append((q, x, y, mask))
    return out


def fit(rows: list[tuple[Query, np.ndarray, np.ndarray, np.ndarray]]) -> RelevanceModel:
    x = np.concatenate([x[m] for _, x, _, m in rows])
    y = np.concatenate([y[m] for _, _, y, m in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    positive = y.mean()
    balance = np.where(y == 1, 0.5 / positive, 0.5 / (1 - positive))
    w = np.zeros(z.shape[1])
    for _ in range(3000):  # gradient descent on the convex loss: deterministic, no library
        p = 1 / (1 + np.exp(-(z @ w)))
        w -= 0.5 * (z.T @ ((p - y) * balance) / len(y) + L2 * np.r_[w[:-1], 0.0])
    return RelevanceModel(tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, w)))


def measure(
    model: RelevanceModel,
    rows: list[tuple[Query, np.ndarray, np.ndarray, np.ndarray]],
    ids: list[str],
) -> dict[str, float]:
    scores = []
    for q, x, _, mask in rows:
        p = model.probabilities(x)
        keep = result_set(p, mask, model)
        ranked = [ids[i] for i in np.argsort(-p, kind="stable") if keep[i]]
        scores.append(metrics(ranked, q.judgments))

    def mean(key: str) -> float:
        values = [s[key] for s in scores if s[key] is not None]
        return statistics.fmean(values) if values else float("nan")

    return {key: mean(key) for key in ("nDCG@10", "MRR@10", "P(Menge)", "R(Menge)", "0 Treffer")}


def literal(model: RelevanceModel) -> str:
    def numbers(values: tuple[float, ...]) -> str:
        return "(" + ", ".join(f"{v:.4f}" for v in values) + ")"

    return (
        "MODEL = RelevanceModel(\n"
        f"    mean={numbers(model.mean)},\n"
        f"    scale={numbers(model.scale)},\n"
        f"    weights={numbers(model.weights)},\n"
        ")\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "build" / "index")
    parser.add_argument(
        "--write", action="store_true", help="die Konstanten in relevance.py schreiben"
    )
    args = parser.parse_args()
    library = load_library(REPO / "concepts")
    build_index(library, args.index_dir, "e5-small")
    index = SearchIndex.load(args.index_dir, library)
    ids = [c.id for c in library]
    public = examples(index, load_queries(DEFAULT_QUERIES))
    dev = examples(index, load_queries(DEV_QUERIES))
    print(f"{len(FEATURES)} Merkmale; Beispiele: {sum(int(m.sum()) for *_, m in public + dev)}")
    for name, train, test in (("öffentlich → dev", public, dev), ("dev → öffentlich", dev, public)):
        figures = measure(fit(train), test, ids)
        print(f"Kreuzvalidierung {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    model = fit(public + dev)
    for name, rows in (("öffentlich", public), ("dev", dev)):
        figures = measure(model, rows, ids)
        print(
            f"Auf beiden gefittet, gemessen {name}: "
            + ", ".join(f"{k} {v:.3f}" for k, v in figures.items())
        )
    text = literal(model)
    print(text)
    if args.write:
        source = MODULE.read_text(encoding="utf-8")
        MODULE.write_text(
            re.sub(r"MODEL = RelevanceModel\(.*?\n\)\n", text, source, flags=re.S), encoding="utf-8"
        )
        print(f"geschrieben: {MODULE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
