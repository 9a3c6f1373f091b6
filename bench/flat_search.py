"""Exact (flat) FAISS search latency by index size: when would an approximate index pay?

Usage: python bench/flat_search.py [--sizes 10000 100000 1000000] [--dim 384]

Random unit vectors stand in for passages (flat search cost depends only on size and
dimension). One query at a time on one thread, as the search engine runs it; k = 100 and
k = 20,000 (the engine's candidate cut). Prints medians of 20 queries and the vector memory.
"""

from __future__ import annotations

import argparse
import statistics
import time

import faiss
import numpy as np


def median_ms(index: faiss.Index, queries: np.ndarray, k: int) -> float:
    times = []
    for row in queries:
        start = time.perf_counter()
        index.search(row[None, :], k)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--dim", type=int, default=384)
    args = parser.parse_args()
    faiss.omp_set_num_threads(1)
    rng = np.random.default_rng(0)
    queries = rng.standard_normal((20, args.dim), dtype=np.float32)
    faiss.normalize_L2(queries)
    print(f"{'Passagen':>10} {'k=100':>10} {'k=20000':>10} {'Speicher':>10}")
    for size in args.sizes:
        vectors = rng.standard_normal((size, args.dim), dtype=np.float32)
        faiss.normalize_L2(vectors)
        index = faiss.IndexFlatIP(args.dim)
        index.add(vectors)
        del vectors
        small, large = median_ms(index, queries, 100), median_ms(index, queries, min(size, 20_000))
        memory = size * args.dim * 4 / 2**20
        print(f"{size:>10,} {small:>8.1f}ms {large:>8.1f}ms {memory:>7.0f}MiB")


if __name__ == "__main__":
    main()
