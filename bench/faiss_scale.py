"""Exact against approximate FAISS search by index size: where does HNSW start to pay?

Usage: python bench/faiss_scale.py [--sizes 10000 100000 300000] [--ef-search 64 256]
                                   [--candidates 1000] [--data lowrank|random]

Unit vectors of dimension 384 stand in for passages. For each size: median latency of single
queries (one thread, as one server worker runs them) for the exact ``IndexFlatIP`` the index
uses today, with k = 50 and with the engine's candidate cut (k = min(size, 20,000), see
``DENSE_CANDIDATES`` in kb_tools/search/engine.py), and for ``IndexHNSWFlat`` (M = 32, inner
product) with k = 50 at each ``efSearch`` and with k = efSearch = ``--candidates``; HNSW's
recall against the exact result (@10, and @candidates), its build time and the memory of both.
``lowrank`` vectors (the default) lie near a 32-dimensional subspace, closer to real
embeddings; ``random`` ones have no structure, the worst case for HNSW's recall (exact search
does not care). The graph is built with ``--build-threads`` (default 2); queries run on one.
About 5 minutes and 1.6 GB on 2 shared cores, most of it building the 300,000-vector graph.
"""

from __future__ import annotations

import argparse
import statistics
import time

import faiss
import numpy as np

K = 50
ENGINE_CANDIDATES = 20_000  # kb_tools.search.engine.DENSE_CANDIDATES
M = 32


def unit_vectors(
    rng: np.random.Generator, count: int, dim: int, basis: np.ndarray | None
) -> np.ndarray:
    """Random unit vectors; with ``basis`` near the subspace it spans (plus a little noise)."""
    vectors = rng.standard_normal((count, dim), dtype=np.float32)
    if basis is not None:
        vectors *= 0.1
        vectors += rng.standard_normal((count, len(basis)), dtype=np.float32) @ basis
    faiss.normalize_L2(vectors)
    return vectors


def timed_search(index: faiss.Index, queries: np.ndarray, k: int) -> tuple[float, np.ndarray]:
    """Median milliseconds of one query at a time, and the ids found for every query."""
    times, ids = [], []
    for row in queries:
        start = time.perf_counter()
        _, found = index.search(row[None, :], k)
        times.append(time.perf_counter() - start)
        ids.append(found[0])
    return statistics.median(times) * 1000, np.stack(ids)


def recall(exact: np.ndarray, approx: np.ndarray, at: int) -> float:
    """Share of the exact top ``at`` that the approximate top ``at`` found too."""
    hits = sum(len(set(e[:at]) & set(a[:at])) for e, a in zip(exact, approx, strict=True))
    return hits / (at * len(exact))


def row(size: int, search: str, ms: float, found: str = "") -> None:
    print(f"{size:>10,}  {search:<28} {ms:>8.2f} ms  {found}".rstrip())


def measure(
    args: argparse.Namespace,
    size: int,
    queries: np.ndarray,
    basis: np.ndarray | None,
    rng: np.random.Generator,
) -> None:
    vectors = unit_vectors(rng, size, args.dim, basis)
    flat = faiss.IndexFlatIP(args.dim)
    flat.add(vectors)
    hnsw = faiss.IndexHNSWFlat(args.dim, M, faiss.METRIC_INNER_PRODUCT)
    faiss.omp_set_num_threads(args.build_threads)
    start = time.perf_counter()
    hnsw.add(vectors)
    build_s = time.perf_counter() - start
    del vectors
    faiss.omp_set_num_threads(1)

    exact_ms, exact_ids = timed_search(flat, queries, K)
    row(size, f"exakt k={K}", exact_ms)
    engine_k = min(size, ENGINE_CANDIDATES)
    row(size, f"exakt k={engine_k:,} (wie heute)", timed_search(flat, queries, engine_k)[0])
    for ef in args.ef_search:
        hnsw.hnsw.efSearch = ef
        ms, ids = timed_search(hnsw, queries, K)
        row(size, f"HNSW efSearch={ef} k={K}", ms, f"Recall@10 {recall(exact_ids, ids, 10):.2f}")
    wide = min(size, args.candidates)
    wide_ids = timed_search(flat, queries, wide)[1]
    hnsw.hnsw.efSearch = wide
    ms, ids = timed_search(hnsw, queries, wide)
    found = (
        f"Recall@10 {recall(wide_ids, ids, 10):.2f}, @{wide:,} {recall(wide_ids, ids, wide):.2f}"
    )
    row(size, f"HNSW efSearch=k={wide:,}", ms, found)

    flat_mib = size * args.dim * 4 / 2**20
    # Level 0 keeps 2*M neighbours per vector (4 bytes each); upper levels add a few percent.
    hnsw_mib = flat_mib + size * 2 * M * 4 * 1.05 / 2**20
    print(
        f"{'':>10}  HNSW bauen {build_s:.1f} s; Speicher exakt {flat_mib:.0f} MiB, "
        f"HNSW {hnsw_mib:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 300_000])
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--ef-search", type=int, nargs="+", default=[64, 256])
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--data", choices=["lowrank", "random"], default="lowrank")
    parser.add_argument("--build-threads", type=int, default=2)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    basis = None
    if args.data == "lowrank":
        basis = rng.standard_normal((32, args.dim), dtype=np.float32) / np.sqrt(32)
    queries = unit_vectors(rng, args.queries, args.dim, basis)
    print(f"Median von {args.queries} Einzelanfragen, ein Thread; HNSW M={M}; Daten: {args.data}")
    print(f"{'Passagen':>10}  {'Suche':<28} {'Zeit':>11}  Recall")
    for size in args.sizes:
        measure(args, size, queries, basis, rng)


if __name__ == "__main__":
    main()
